"""Which sources a pack may cite, and which of them are drafts: `<pack>/sources.toml`.

`domains` is the allow-list: every source URL of a rule, thesis, phase or closed list lies on one
of them (a test keeps the bundled pack in step; a city's pack brings its own list). `drafts` are
URL prefixes of draft material – the 2022 public-comment draft of the strategy on mein.berlin.de –
which gdb marks as draft wherever it shows such a URL. A pack without the file allows everything
and marks nothing.
"""

from __future__ import annotations

import weakref
from typing import Annotated, Literal
from urllib.parse import urlparse

from gdb_cli.pack.handbook import Handbook, L10n, load_model_file
from gdb_cli.pack.records import NonEmpty, Record, Spec

FILE = "sources.toml"


class Domain(Record):
    domain: NonEmpty
    path: str = ""  # only URLs whose path starts with it
    kind: Literal["handbook", "strategy", "law", "guidance", "draft"]
    label: L10n


class Draft(Record):
    prefix: Annotated[str, Spec(pattern=r"^https?://")]
    label: L10n


class SourcesFile(Record):
    domains: Annotated[list[Domain], Spec(default_factory=list)]
    drafts: Annotated[list[Draft], Spec(default_factory=list)]


class SourcePolicy:
    def __init__(self, data: SourcesFile | None) -> None:
        self.present = data is not None
        self.domains = list(data.domains) if data else []
        self.drafts = list(data.drafts) if data else []

    def allowed(self, url: str) -> bool:
        if not self.present:
            return True
        parsed = urlparse(url)
        host = (parsed.hostname or "").lower()
        for entry in self.domains:
            name = entry.domain.lower()
            if (host == name or host.endswith("." + name)) and parsed.path.startswith(entry.path):
                return True
        return False

    def draft(self, url: str) -> L10n | None:
        """The draft label when `url` is draft material, else None."""
        return next((d.label for d in self.drafts if url.startswith(d.prefix)), None)

    def shown(self, url: str, lang: str | None = None) -> str:
        """The URL as gdb shows it: drafts get their label in parentheses."""
        label = self.draft(url)
        return f"{url} ({label.get(lang)})" if label else url


_cache: weakref.WeakKeyDictionary[Handbook, SourcePolicy] = weakref.WeakKeyDictionary()


def source_policy(handbook: Handbook) -> SourcePolicy:
    cached = _cache.get(handbook)
    if cached is None:
        path = handbook.root / FILE
        data = load_model_file(path, SourcesFile, handbook.root) if path.is_file() else None
        cached = _cache[handbook] = SourcePolicy(data)
    return cached
