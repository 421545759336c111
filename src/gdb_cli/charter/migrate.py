"""`gdb migrate`: rewrite a format-1 charter as format 2, keeping everything the team wrote.

Format 2 is a superset of format 1: every format-1 key means the same in format 2. Migrating
therefore changes only `schema_version` (1 → 2) and adds a `[[changelog]]` entry; comments, key
order and the formatting of every other key stay byte for byte (tomlkit edits the document in
place). A second run finds `schema_version = 2` and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gdb_cli.i18n import Catalog

FROM_VERSION = 1
TO_VERSION = 2

_ = Catalog(
    {
        "changes": {
            "de": "Auf Charta-Format 2 umgestellt (gdb migrate); Inhalte unverändert.",
            "en": "Moved to charter format 2 (gdb migrate); content unchanged.",
        },
    }
)


@dataclass(frozen=True)
class Migration:
    """The outcome for one text: `text` is the migrated text, None when nothing is to do."""

    version: object  # the schema_version found (None when absent)
    text: str | None


def migrate_text(text: str, today: dt.date | None = None) -> Migration:
    """`text` as format 2 when it is a format-1 charter; raises tomlkit's ParseError on bad TOML."""
    import tomlkit
    from tomlkit.items import Integer

    from gdb_cli.wizard.update import add_changelog

    document = tomlkit.parse(text)
    found = document.get("schema_version")
    version = int(found) if isinstance(found, int) and not isinstance(found, bool) else found
    if version != FROM_VERSION:
        return Migration(version, None)
    old = document.item("schema_version")
    new = tomlkit.integer(TO_VERSION)
    if isinstance(old, Integer):
        new.trivia.comment_ws = old.trivia.comment_ws
        new.trivia.comment = old.trivia.comment
        new.trivia.trail = old.trivia.trail
        new.trivia.indent = old.trivia.indent
    document["schema_version"] = new
    add_changelog(document, _("changes"), today or dt.date.today())
    return Migration(version, tomlkit.dumps(document))


def unified_diff(before: str, after: str, name: str) -> str:
    """What migrating changes, as a unified diff (`a/NAME` → `b/NAME`)."""
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
