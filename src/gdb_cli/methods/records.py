"""The method catalogue as records (`gdb_cli.pack.records`): each field declared once, here.

A method file of `content/methods/` is validated straight into a `Method` (`models.validate_pack`,
the cold path, with pydantic models derived from these classes); the whole `Catalogue` is then
pickled into the user cache (`store`), so a warm `gdb methods` unpickles it and imports no
pydantic and no TOML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from gdb_cli.i18n import Catalog
from gdb_cli.pack.records import L10n, NonEmpty, Record, Spec

Text = dict[str, str]  # a plain text per language ({"de": …, "en": …}), e.g. a computed reason

_ = Catalog(
    {
        "min_max": {
            "de": "min ({min}) darf nicht größer als max ({max}) sein",
            "en": "min ({min}) must not be greater than max ({max})",
        },
    }
)

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
Kebab = Annotated[str, Spec(pattern=ID_PATTERN.pattern)]
Url = Annotated[str, Spec(pattern=r"^https?://\S+$")]


class Range(Record):
    min: Annotated[int, Spec(ge=0)]
    max: Annotated[int, Spec(ge=0)]

    def verify(self) -> None:
        if self.min > self.max:
            raise ValueError(_("min_max", min=self.min, max=self.max))


class People(Range):
    min: Annotated[int, Spec(ge=1)]


class Method(Record):
    """One file in `content/methods/` (see `_FORMAT.md`)."""

    id: Kebab
    kind: Literal["format", "method", "template", "guide", "ceremony"]
    name: L10n
    purpose: L10n
    when: L10n
    phases: Annotated[list[int], Spec(min_length=1)]
    duration_minutes: Range
    group_size: People
    effort: Literal["low", "medium", "high"]
    materials: list[L10n] = []  # noqa: RUF012 – a default: copied for every record
    steps: Annotated[list[L10n], Spec(min_length=3, max_length=7)]
    outputs: Annotated[list[L10n], Spec(min_length=1)]
    tags: Annotated[list[Kebab], Spec(min_length=1, max_length=6)]
    related: list[Kebab] = []  # noqa: RUF012
    source: NonEmpty
    sources: Annotated[list[Url], Spec(min_length=1)]
    notes: L10n | None = None

    def title(self, lang: str | None = None) -> str:
        return self.name.get(lang)


class Tag(Record):
    id: Kebab
    label: L10n


class Source(Record):
    id: NonEmpty
    name: L10n
    url: NonEmpty
    licence: NonEmpty
    attribution: L10n


class CatalogueFile(Record):
    """`content/methods/_catalogue.toml`: the closed list of tags and the sources."""

    tags: Annotated[list[Tag], Spec(min_length=1)]
    sources: Annotated[list[Source], Spec(min_length=1)]


@dataclass(frozen=True)
class Catalogue:
    """Every method of a pack, with the closed tag list, the sources and the pack's phases."""

    root: Path
    methods: tuple[Method, ...]
    tags: dict[str, L10n]  # tag id -> label
    sources: dict[str, Source]
    phases: dict[int, L10n]  # phase number -> name
    from_cache: bool = False
    folded: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    _by_id: dict[str, Method] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((m.id, m) for m in self.methods)

    def get(self, method_id: str) -> Method | None:
        return self._by_id.get(method_id)

    def phase_label(self, number: int, lang: str | None = None) -> str:
        name = self.phases.get(number)
        return f"{number} {name.get(lang)}" if name else str(number)


def method_data(method: Method, catalogue: Catalogue) -> dict[str, Any]:
    """A method as plain data for `--format json` (its fields in order, then the licence)."""
    data: dict[str, Any] = _plain(method)
    notes = data.pop("notes", None)
    source = catalogue.sources.get(method.source)
    data["licence"] = source.licence if source else None
    data["attribution"] = source.attribution.as_dict() if source else None
    if notes:
        data["notes"] = notes
    return data


def _plain(value: Any) -> Any:
    """Records as dicts of their fields (declaration order), lists as lists – no pydantic."""
    if isinstance(value, Record):
        return {name: _plain(item) for name, item in vars(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
