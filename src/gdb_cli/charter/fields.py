"""The charter's fields as content: each key's label and description, declared once.

`content/fields.toml` holds, for every key of the charter model, a label, a description (de/en)
and, for a list, what one item is called. It is part of the handbook pack (validated at load,
kept in the pack cache: `handbook.fields`) and feeds the interview (a question's default label),
the JSON Schema (descriptions), the Steckbrief (row and column labels), `gdb status` and findings.

Labels for people – one call, any key path (concrete `goals[1].indicators[0].baseline`, pattern
`goals[*].indicators[*].baseline`, or plain `mandate.scope`; `charter.keypaths` grammar)::

    from gdb_cli.charter.fields import label
    label("goals[1].indicators[0].baseline")        # "Ziel 2 › Indikator 1 › Ausgangswert"
    label("goals[*].indicators[*].baseline", "en")  # "Goal › Indicator › Baseline"
    label("mandate.scope")                          # "Mandat › Umfang"

`label` uses the active pack (`gdb_cli.context.handbook()`); with a pack at hand, call
`handbook.fields.label(path, lang)`. `Fields.short(path)` gives the part below the top-level
table and the innermost list item ("Leitung der Maßnahme › Name"), as the interview shows it.
A path the pack does not describe is shown as it is written.

This module imports no pydantic: `load_fields` (the cold path, when the pack is validated) does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from gdb_cli.charter import keypaths
from gdb_cli.i18n import Catalog
from gdb_cli.pack.handbook import L10n, pack_error
from gdb_cli.pack.records import Record, Spec

FIELDS_FILE = "fields.toml"
SEPARATOR = " › "

_ = Catalog(
    {
        "unknown_path": {
            "de": "{file}: „{path}“ ist kein Schlüssel der Charta.",
            "en": "{file}: “{path}” is not a key of the charter.",
        },
    }
)


def _steps(path: str) -> list[tuple[str, list[int | object]]]:
    """Each key of a path with the indices (or `[*]`) that follow it; [] if it does not parse."""
    try:
        parts = keypaths.parse(path)
    except keypaths.PathError:
        return []
    out: list[tuple[str, list[int | object]]] = []
    for part in parts:
        if isinstance(part, str):
            out.append((part, []))
        else:
            out[-1][1].append(part)
    return out


class FieldText(Record):
    """What a charter key is called and what it means."""

    label: L10n
    description: L10n
    item: L10n | None = None  # lists: one item ("Ziel" for "Ziele")


class FieldsFile(Record):
    format: Annotated[int, Spec(ge=1, le=1)]
    fields: dict[str, FieldText]


class Fields:
    """The pack's field texts. `canonical` maps every model key (no indices) to its entry's key;
    `lists` holds the model keys that are lists (so a plain path is shown like a pattern)."""

    def __init__(
        self, texts: dict[str, FieldText], canonical: dict[str, str], lists: frozenset[str]
    ) -> None:
        self.texts = texts
        self.canonical = canonical
        self.lists = lists

    def text(self, path: str) -> FieldText | None:
        """The entry of a key path (indices and `[*]`/`[]` are ignored), or None."""
        key = plain(path)
        return self.texts.get(self.canonical.get(key, key))

    def description(self, path: str, lang: str | None = None) -> str | None:
        entry = self.text(path)
        return entry.description.get(lang) if entry else None

    def parts(self, path: str, lang: str | None = None) -> list[str]:
        """One label per part of the path: "Ziel 2", "Indikator 1", "Ausgangswert"."""
        out: list[str] = []
        prefix = ""
        for name, indices in _steps(path):
            prefix = f"{prefix}.{name}" if prefix else name
            entry = self.text(prefix)
            if entry is None:
                out.append(keypaths.format_path([name, *indices]))  # type: ignore[list-item]
                continue
            if not indices:
                out.append(entry.label.get(lang))
                continue
            one = (entry.item or entry.label).get(lang)
            first = indices[0]
            out.append(f"{one} {first + 1}" if isinstance(first, int) else one)
        return out or [path]

    def label(self, path: str, lang: str | None = None) -> str:
        """The human location of a key path: "Ziel 2 › Indikator 1 › Ausgangswert"."""
        return SEPARATOR.join(self.parts(path, lang))

    def short(self, path: str, lang: str | None = None) -> str:
        """The label below the top-level table and the innermost list item, as the interview
        shows it inside its section or loop: "Leitung der Maßnahme › Name", "Ausgangswert"."""
        parts = self.parts(path, lang)
        names = _steps(path)
        start = 1 if len(names) > 1 else 0
        prefix = ""
        for position, (name, indices) in enumerate(names[:-1]):
            prefix = f"{prefix}.{name}" if prefix else name
            if indices or prefix in self.lists:
                start = position + 1
        return SEPARATOR.join(parts[start:])


def plain(path: str) -> str:
    """A key path without indices: `goals[1].indicators[*].unit` → `goals.indicators.unit`."""
    return ".".join(name for name, _indices in _steps(path)) or path


def label(path: str, lang: str | None = None) -> str:
    """The human location of `path` with the active pack's labels (see the module docstring)."""
    from gdb_cli.context import handbook

    fields: Fields = handbook().fields
    return fields.label(path, lang)


# --- loading (cold path) ---------------------------------------------------------------------


def model_paths() -> tuple[dict[str, str], frozenset[str]]:
    """Every key path of the charter model → the path where its table is described first
    (`responsibility.contact.name` → `responsibility.lead.name`: both hold a `Person`), and the
    key paths that are lists."""
    from pydantic import BaseModel

    from gdb_cli.charter.model import Charter, inner_model

    first: dict[type[BaseModel], str] = {}
    out: dict[str, str] = {}
    lists: set[str] = set()

    def walk(
        model: type[BaseModel], prefix: str, canonical_prefix: str, trail: tuple[type, ...]
    ) -> None:
        for name, info in model.model_fields.items():
            path, canonical = prefix + name, canonical_prefix + name
            out[path] = canonical
            if _is_list(info.annotation):
                lists.add(path)
            inner = inner_model(info.annotation)
            if inner is None or inner in trail:
                continue
            shared = first.setdefault(inner, canonical)
            walk(inner, path + ".", shared + ".", (*trail, inner))

    walk(Charter, "", "", (Charter,))
    return out, frozenset(lists)


def _is_list(annotation: object) -> bool:
    import types
    import typing as t

    origin = t.get_origin(annotation)
    if origin is list:
        return True
    if origin in (t.Union, types.UnionType, t.Annotated):
        return any(_is_list(arg) for arg in t.get_args(annotation))
    return False


def load_fields(root: Path) -> Fields:
    """The pack's `fields.toml` (else the bundled one), checked against the charter model."""
    from gdb_cli.pack.handbook import load_model_file
    from gdb_cli.pack.resources import bundled_content

    path = root / FIELDS_FILE
    if not path.is_file():
        root = bundled_content()
        path = root / FIELDS_FILE
    loaded = load_model_file(path, FieldsFile, root)
    canonical, lists = model_paths()
    known = set(canonical.values())
    for key in loaded.fields:
        if key not in known:
            raise pack_error(_("unknown_path", file=FIELDS_FILE, path=key))
    return Fields(dict(loaded.fields), canonical, lists)
