"""Full validation of the method catalogue (`content/methods/`) with pydantic – the cold path.

Each method file is checked on its own (types, required keys, 3–7 steps, min ≤ max …), then the
catalogue as a whole: ids equal file stems and are unique, tags and sources come from
`_catalogue.toml`, related ids resolve, every phase of the pack has methods. Any problem is a
`GdbError` naming the file, the key and its line. The result is the `Catalogue` of records,
which `store` caches so that later runs need neither pydantic models nor TOML parsing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdb_cli.i18n import Catalog
from gdb_cli.methods.records import Catalogue, CatalogueFile, Method
from gdb_cli.pack.handbook import (
    load_handbook,
    pack_error,
    pack_error_at,
    read_content,
    validate_model,
)
from gdb_cli.toml.positions import Position

_ = Catalog(
    {
        "no_methods": {
            "de": "Ordner {folder} fehlt oder enthält keine Methoden.",
            "en": "folder {folder} is missing or holds no methods.",
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
            "de": "{folder}: keine Methode für Phase {phase}.",
            "en": "{folder}: no method for phase {phase}.",
        },
    }
)


def _read(path: Path, shown: str) -> tuple[dict[str, Any], dict[str, Position]]:
    document = read_content(path, shown)
    return document.data, document.positions


def method_files(folder: Path) -> list[Path]:
    """The method files of a folder: every `*.toml` whose name does not start with `_`."""
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("_"))


def validate_pack(root: Path) -> Catalogue:
    """Validate `root/methods/` fully into the catalogue (with its folded search texts)."""
    handbook = load_handbook(root)
    folder = root / "methods"
    files = method_files(folder) if folder.is_dir() else []
    if not files:
        raise pack_error(_("no_methods", folder=folder))
    shown_catalogue = "methods/_catalogue.toml"
    data, positions = _read(folder / "_catalogue.toml", shown_catalogue)
    meta = validate_model(data, CatalogueFile, shown_catalogue, positions)
    tag_ids = {t.id for t in meta.tags}
    source_ids = [s.id for s in meta.sources]
    phase_numbers = {p.number for p in handbook.phases}

    records: list[tuple[Method, str, dict[str, Position]]] = []
    seen: dict[str, str] = {}
    for path in files:
        shown = f"methods/{path.name}"
        data, positions = _read(path, shown)
        record = validate_model(data, Method, shown, positions)
        if record.id != path.stem:
            raise pack_error_at(shown, positions, "id", _("id_stem", id=record.id, stem=path.stem))
        if record.id in seen:
            raise pack_error_at(
                shown, positions, "id", _("duplicate", id=record.id, other=seen[record.id])
            )
        seen[record.id] = shown
        for i, tag in enumerate(record.tags):
            if tag not in tag_ids:
                raise pack_error_at(shown, positions, f"tags[{i}]", _("unknown_tag", value=tag))
        if record.source not in source_ids:
            raise pack_error_at(
                shown,
                positions,
                "source",
                _("unknown_source", value=record.source, allowed=", ".join(source_ids)),
            )
        for i, number in enumerate(record.phases):
            if number not in phase_numbers:
                raise pack_error_at(
                    shown, positions, f"phases[{i}]", _("unknown_phase", value=number)
                )
        records.append((record, shown, positions))

    for record, shown, positions in records:
        for i, other in enumerate(record.related):
            if other == record.id:
                raise pack_error_at(shown, positions, f"related[{i}]", _("self_related"))
            if other not in seen:
                raise pack_error_at(
                    shown, positions, f"related[{i}]", _("unknown_related", value=other)
                )
    covered = {n for record, _shown, _pos in records for n in record.phases}
    for number in sorted(phase_numbers - covered):
        raise pack_error(_("empty_phase", folder=folder, phase=number))

    from gdb_cli.methods.search import folded_index

    catalogue = Catalogue(
        root=root,
        methods=tuple(record for record, _shown, _pos in records),
        tags={t.id: t.label for t in meta.tags},
        sources={s.id: s for s in meta.sources},
        phases={p.number: p.name for p in handbook.phases},
    )
    catalogue.folded.update(folded_index(catalogue))
    return catalogue
