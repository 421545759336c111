"""Full validation of the method catalogue (`content/methods/`) with pydantic – the cold path.

Each method file is checked on its own (types, required keys, 3–7 steps, min ≤ max …), then the
catalogue as a whole: ids equal file stems and are unique, tags and sources come from
`_catalogue.toml`, related ids resolve, every phase of the pack has methods. Any problem is a
`GdbError` naming the file, the key and its line. The result is plain data (the index), which
`store` caches as JSON so that later runs need neither pydantic models nor TOML parsing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog
from gdb_cli.pack.handbook import L10n, NonEmpty, Strict, load_handbook, validate_model
from gdb_cli.toml.positions import Position, lookup
from gdb_cli.toml.read import ReadError, read_document

_ = Catalog(
    {
        "no_methods": {
            "de": "Handbuch-Paket fehlerhaft: Ordner {folder} fehlt oder enthält keine Methoden.",
            "en": "Broken handbook pack: folder {folder} is missing or holds no methods.",
        },
        "min_max": {
            "de": "min ({min}) darf nicht größer als max ({max}) sein",
            "en": "min ({min}) must not be greater than max ({max})",
        },
        "id_stem": {
            "de": "die Kennung „{id}“ muss dem Dateinamen entsprechen („{stem}“)",
            "en": "the id “{id}” must equal the file name (“{stem}”)",
        },
        "duplicate": {
            "de": "doppelte Kennung „{id}“ (auch in {other})",
            "en": "duplicate id “{id}” (also in {other})",
        },
        "unknown_tag": {
            "de": "unbekanntes Schlagwort „{value}“ (erlaubt: siehe _catalogue.toml [[tags]])",
            "en": "unknown tag “{value}” (allowed: see _catalogue.toml [[tags]])",
        },
        "unknown_source": {
            "de": "unbekannte Quelle „{value}“ (erlaubt: {allowed})",
            "en": "unknown source “{value}” (allowed: {allowed})",
        },
        "unknown_related": {
            "de": "verwandte Methode „{value}“ gibt es nicht",
            "en": "related method “{value}” does not exist",
        },
        "self_related": {
            "de": "eine Methode kann nicht mit sich selbst verwandt sein",
            "en": "a method cannot be related to itself",
        },
        "unknown_phase": {
            "de": "Phase {value} gibt es im Handbuch-Paket nicht",
            "en": "phase {value} does not exist in the handbook pack",
        },
        "empty_phase": {
            "de": "Handbuch-Paket fehlerhaft: {folder}: keine Methode für Phase {phase}.",
            "en": "Broken handbook pack: {folder}: no method for phase {phase}.",
        },
        "broken": {
            "de": "Handbuch-Paket fehlerhaft: {file}:{line}: {path}: {message}",
            "en": "Broken handbook pack: {file}:{line}: {path}: {message}",
        },
        "unreadable": {
            "de": "Handbuch-Paket fehlerhaft: {location}: {message}",
            "en": "Broken handbook pack: {location}: {message}",
        },
    }
)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

Kebab = Annotated[str, Field(pattern=_ID_RE.pattern)]


class Range(Strict):
    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(_("min_max", min=self.min, max=self.max))
        return self


class People(Range):
    min: int = Field(ge=1)


class MethodRecord(Strict):
    """One file in `content/methods/` (see `_FORMAT.md`)."""

    id: Kebab
    kind: Literal["format", "method", "template", "guide", "ceremony"]
    name: L10n
    purpose: L10n
    when: L10n
    phases: list[int] = Field(min_length=1)
    duration_minutes: Range
    group_size: People
    effort: Literal["low", "medium", "high"]
    materials: list[L10n] = Field(default_factory=list)
    steps: list[L10n] = Field(min_length=3, max_length=7)
    outputs: list[L10n] = Field(min_length=1)
    tags: list[Kebab] = Field(min_length=1, max_length=6)
    related: list[Kebab] = Field(default_factory=list)
    source: NonEmpty
    sources: list[Annotated[str, Field(pattern=r"^https?://\S+$")]] = Field(min_length=1)
    notes: L10n | None = None


class TagRecord(Strict):
    id: Kebab
    label: L10n


class SourceRecord(Strict):
    id: NonEmpty
    name: L10n
    url: NonEmpty
    licence: NonEmpty
    attribution: L10n


class CatalogueFile(Strict):
    tags: list[TagRecord] = Field(min_length=1)
    sources: list[SourceRecord] = Field(min_length=1)


def _text(value: L10n) -> dict[str, str]:
    return {"de": value.de, "en": value.en}


def _fail(shown: str, positions: dict[str, Position], path: str, message: str) -> GdbError:
    position = lookup(positions, path)
    return GdbError(
        _("broken", file=shown, line=position[0] if position else "?", path=path, message=message)
    )


def _read(path: Path, shown: str) -> tuple[dict[str, Any], dict[str, Position]]:
    try:
        document = read_document(path, display=shown)
    except ReadError as exc:
        raise GdbError(
            _("unreadable", location=exc.finding.location(), message=exc.finding.message)
        ) from None
    return document.data, document.positions


def method_files(folder: Path) -> list[Path]:
    """The method files of a folder: every `*.toml` whose name does not start with `_`."""
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("_"))


def validate_pack(root: Path) -> dict[str, Any]:
    """Validate `root/methods/` fully; returns the index data (plain JSON-able dicts)."""
    handbook = load_handbook(root)
    folder = root / "methods"
    files = method_files(folder) if folder.is_dir() else []
    if not files:
        raise GdbError(_("no_methods", folder=folder))
    shown_catalogue = "methods/_catalogue.toml"
    data, positions = _read(folder / "_catalogue.toml", shown_catalogue)
    meta = validate_model(data, CatalogueFile, shown_catalogue, positions)
    tag_ids = {t.id for t in meta.tags}
    source_ids = [s.id for s in meta.sources]
    phase_numbers = {p.number for p in handbook.phases}

    records: list[tuple[MethodRecord, str, dict[str, Position]]] = []
    seen: dict[str, str] = {}
    for path in files:
        shown = f"methods/{path.name}"
        data, positions = _read(path, shown)
        record = validate_model(data, MethodRecord, shown, positions)
        if record.id != path.stem:
            raise _fail(shown, positions, "id", _("id_stem", id=record.id, stem=path.stem))
        if record.id in seen:
            raise _fail(shown, positions, "id", _("duplicate", id=record.id, other=seen[record.id]))
        seen[record.id] = shown
        for i, tag in enumerate(record.tags):
            if tag not in tag_ids:
                raise _fail(shown, positions, f"tags[{i}]", _("unknown_tag", value=tag))
        if record.source not in source_ids:
            raise _fail(
                shown,
                positions,
                "source",
                _("unknown_source", value=record.source, allowed=", ".join(source_ids)),
            )
        for i, number in enumerate(record.phases):
            if number not in phase_numbers:
                raise _fail(shown, positions, f"phases[{i}]", _("unknown_phase", value=number))
        records.append((record, shown, positions))

    for record, shown, positions in records:
        for i, other in enumerate(record.related):
            if other == record.id:
                raise _fail(shown, positions, f"related[{i}]", _("self_related"))
            if other not in seen:
                raise _fail(shown, positions, f"related[{i}]", _("unknown_related", value=other))
    covered = {n for record, _shown, _pos in records for n in record.phases}
    for number in sorted(phase_numbers - covered):
        raise GdbError(_("empty_phase", folder=folder, phase=number))

    return {
        "phases": [{"number": p.number, "name": _text(p.name)} for p in handbook.phases],
        "tags": [{"id": t.id, "label": _text(t.label)} for t in meta.tags],
        "sources": [
            {
                "id": s.id,
                "name": _text(s.name),
                "url": s.url,
                "licence": s.licence,
                "attribution": _text(s.attribution),
            }
            for s in meta.sources
        ],
        "methods": [
            {**record.model_dump(mode="json", exclude_none=True), "file": shown}
            for record, shown, _pos in records
        ],
    }
