"""The JSON Schema of a charter, built from the pydantic model, the pack's closed lists and texts.

`charter_schema(handbook, lang)` starts from `Charter.model_json_schema()` and makes it useful in an
editor (Taplo / "Even Better TOML") and with any JSON Schema validator:

- JSON Schema draft-07 (`definitions`, `$ref` without siblings), which Taplo and Python's
  `jsonschema` both understand;
- TOML has no `null`: the `anyOf [X, null]` that pydantic writes for optional keys becomes `X`;
- a description per key from the pack's field texts (`fields.toml`, German or English), closed
  lists from `vocabulary.toml` as `enum`s (their labels appended to the description), id and
  e-mail patterns;
- **dates**: a TOML date (`2026-06-30`) is a JSON string with `format: date`. `toml_to_json`
  converts parsed TOML (from `tomllib`) into the JSON data the schema describes.

`schema_directive(target, charter_path)` gives the first line `gdb init` writes into a charter so
that Taplo finds the schema: `#:schema ./charter.schema.json` (relative to the charter) or a URL.
"""

from __future__ import annotations

import datetime as dt
import os
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from gdb_cli.i18n import Catalog

if TYPE_CHECKING:
    from pydantic import BaseModel

    from gdb_cli.pack.handbook import Handbook, L10n

SCHEMA_FILE = "schema.toml"
DRAFT = "http://json-schema.org/draft-07/schema#"

_ = Catalog(
    {
        "allowed": {"de": "Zulässig", "en": "Allowed"},
    }
)


def _texts_model() -> type[BaseModel]:
    from pydantic import Field

    from gdb_cli.pack import handbook as pack

    class SchemaTexts(pack.Strict):
        format: int = Field(ge=1, le=1)
        title: pack.L10n
        description: pack.L10n

    return SchemaTexts


def key_paths() -> list[str]:
    """Every key path of the charter model, in model order (shared tables listed once)."""
    return [path for path, _model, _name in _walk_fields()]


def _walk_fields() -> list[tuple[str, type[BaseModel], str]]:
    """(key path, model class holding the field, field name) for every field, depth first."""
    from gdb_cli.charter.model import Charter, inner_model

    found: list[tuple[str, type[BaseModel], str]] = []
    seen: set[type[BaseModel]] = {Charter}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            path = prefix + name
            found.append((path, model, name))
            inner = inner_model(info.annotation)
            if inner is not None and inner not in seen:
                seen.add(inner)
                walk(inner, path + ".")

    walk(Charter, "")
    return found


def load_texts(handbook: Handbook) -> tuple[L10n, L10n, dict[str, L10n]]:
    """Title and description from the pack's `schema.toml` (else the bundled one), and the
    description of each key path from the pack's field texts (`fields.toml`)."""
    from gdb_cli.pack.handbook import load_model_file
    from gdb_cli.pack.resources import bundled_content

    root = handbook.root
    path = root / SCHEMA_FILE
    if not path.is_file():
        root = bundled_content()
        path = root / SCHEMA_FILE
    texts: Any = load_model_file(path, _texts_model(), root)
    fields = handbook.fields
    descriptions = {}
    for key in key_paths():
        entry = fields.text(key)
        if entry is not None:
            descriptions[key] = entry.description
    return texts.title, texts.description, descriptions


# --- what the model says about each field ----------------------------------------------------


def _field_marks(model: type[BaseModel], name: str) -> tuple[str | None, str | None]:
    """(closed list name, pattern) for a field, read from its `Annotated` validators."""
    from pydantic import AfterValidator

    from gdb_cli.charter.value_checks import ClosedList, ValueCheck

    hints = typing.get_type_hints(model, include_extras=True)
    closed: str | None = None
    pattern: str | None = None
    for meta in _metadata(hints[name]):
        if not isinstance(meta, AfterValidator):
            continue
        func: Any = meta.func
        if isinstance(func, ValueCheck):
            pattern = func.pattern.pattern
        elif isinstance(func, ClosedList):
            closed = func.list_name
    return closed, pattern


def _metadata(annotation: Any) -> list[Any]:
    """Annotated metadata anywhere inside `X | None`, `list[X]`, `Annotated[X, …]`."""
    found: list[Any] = []
    if typing.get_origin(annotation) is Annotated:
        found.extend(annotation.__metadata__)
    for arg in typing.get_args(annotation):
        if arg is not type(None):
            found.extend(_metadata(arg))
    return found


# --- building the schema ---------------------------------------------------------------------


def charter_schema(handbook: Handbook, lang: str) -> dict[str, Any]:
    """The JSON Schema (draft-07) of a charter for this pack, with texts in `lang`."""
    from gdb_cli.charter.load import SCHEMA_VERSION
    from gdb_cli.charter.model import Charter

    title, description, texts = load_texts(handbook)
    raw = Charter.model_json_schema(mode="validation")
    definitions: dict[str, Any] = raw.pop("$defs", {})
    root = _simplify(raw)
    definitions = {name: _simplify(body) for name, body in definitions.items()}
    vocabulary = handbook.vocabulary
    for path, model, name in _walk_fields():
        node_holder = root if model is Charter else definitions[model.__name__]
        prop: dict[str, Any] = node_holder["properties"][name]
        parts: list[str] = []
        if path in texts:
            parts.append(texts[path].get(lang))
        closed, pattern = _field_marks(model, name)
        target = prop["items"] if prop.get("type") == "array" else prop
        if closed == "phases":
            target["enum"] = [phase.number for phase in handbook.phases]
        elif closed is not None and closed in vocabulary:
            items = vocabulary[closed].items
            target["enum"] = [item.id for item in items]
            labels = ", ".join(_labelled(item.id, item.label.get(lang)) for item in items)
            parts.append(f"{_('allowed', lang=lang)}: {labels}.")
        if pattern is not None:
            target["pattern"] = pattern
        if parts:
            prop["description"] = " ".join(parts)
        if "$ref" in prop and len(prop) > 1:  # draft-07 ignores siblings of $ref: wrap it
            prop["allOf"] = [{"$ref": prop.pop("$ref")}]
    root["properties"]["schema_version"].update(minimum=1, maximum=SCHEMA_VERSION)
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "title": title.get(lang),
        "description": description.get(lang),
        **root,
        "definitions": definitions,
    }
    return schema


def _simplify(node: Any) -> Any:
    """pydantic's JSON Schema made draft-07 and TOML friendly (see the module docstring)."""
    if isinstance(node, list):
        return [_simplify(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue  # pydantic's generated titles ("Fields Of Action") are noise in an editor
        if key == "description" and isinstance(value, str):
            continue  # a model's docstring (English, for developers): texts come from the pack
        if key == "default" and value in (None, []):
            continue
        out[key] = _simplify(value)
    options = out.get("anyOf")
    if isinstance(options, list):
        kept = [option for option in options if option != {"type": "null"}]
        if len(kept) == 1:
            del out["anyOf"]
            out = {**kept[0], **out}
        else:  # a date or a partial date: the absent key is TOML's null
            out["anyOf"] = kept
    ref = out.get("$ref")
    if isinstance(ref, str):
        out["$ref"] = ref.replace("#/$defs/", "#/definitions/")
    return out


def _labelled(item_id: str, label: str) -> str:
    return item_id if label.casefold() == item_id.casefold() else f"{item_id} ({label})"


def toml_to_json(value: Any) -> Any:
    """Parsed TOML as the JSON data the schema describes: dates become `YYYY-MM-DD` strings.

    Local times and date-times become ISO strings too (which a `format: date` key rejects).
    """
    if isinstance(value, dict):
        return {key: toml_to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [toml_to_json(item) for item in value]
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    return value


def schema_directive(target: str | Path, charter_path: Path | None = None) -> str:
    """The first line of a charter that points Taplo to the schema: `#:schema TARGET`.

    `target` is a URL (kept as is) or a file path; a path is written relative to the charter's
    folder (Taplo resolves it from there), with forward slashes. No newline at the end.
    """
    text = str(target)
    if "://" in text:
        return f"#:schema {text}"
    path = Path(text)
    if charter_path is not None:
        base = Path(charter_path).resolve().parent
        try:
            relative = os.path.relpath(path.resolve(), base)
        except ValueError:  # another drive on Windows
            relative = str(path.resolve())
        text = Path(relative).as_posix()
        if not text.startswith((".", "/")):
            text = "./" + text
    return f"#:schema {text}"


def schema_text(handbook: Handbook, lang: str) -> str:
    """The schema as JSON text (UTF-8 friendly, indented, newline at the end)."""
    import json

    return json.dumps(charter_schema(handbook, lang), ensure_ascii=False, indent=2) + "\n"
