"""The charter validator without the model classes, cached between runs.

Creating the pydantic model classes of `charter_model` and building their validator costs more
than checking a charter (≈ 40 ms of a `gdb check` start-up). `gdb check` needs only the
validation errors, not the charter as objects, so this module takes the model's core schema
once, turns every model into a typed dict (same fields, defaults, strictness, closed-list and
value checks – only the output is a dict instead of a model instance) and keeps that schema in
the user cache (`gdb_cli.pack.cache`). A later run unpickles the schema – it refers only to
`value_checks` and pydantic-core – and builds the validator in Rust in well under a millisecond.

The entry is used only for the same gdb, pydantic and pydantic-core versions and while
`charter_model.py` and `value_checks.py` are unchanged (size and mtime). A model part this module
cannot convert (a model validator, an alias …) raises `Unconvertible` – a programming error that
the tests catch, not something a user can cause.

The same plain schema answers questions that used to need the model classes: which keys a table
allows (for "did you mean …"), the top-level sections, and which key takes values from which
closed list.
"""

from __future__ import annotations

import contextlib
import functools
import pickle
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic_core import SchemaValidator

from gdb_cli.charter.value_checks import ClosedList
from gdb_cli.pack import cache

ENTRY_KIND = "charter-schema"
ENTRY_FORMAT = 3  # 2: modules moved into packages; 3: format 2 (partial dates: function-plain)
_SOURCES = ("model.py", "value_checks.py", "dates.py")

Schema = dict[str, Any]


class Unconvertible(Exception):
    """The model's core schema has a part this module cannot turn into a plain schema."""


# --- building the plain schema (cold path: needs the model classes) ----------------------------


def plain_schema(core: Mapping[str, Any]) -> Schema:
    """The model's core schema with every `model` replaced by an equivalent `typed-dict`."""
    plain: Schema = _convert(dict(core))
    return plain


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    if kind == "model":
        return _typed_dict(node)
    if kind in ("function-wrap", "function-before", "model-fields"):
        raise Unconvertible(kind)  # model validators or an unexpected shape: keep the model
    if kind == "function-plain" and "schema" in node:
        raise Unconvertible(kind)  # a plain validator wrapping a model: keep the model
    skipped = ("metadata", "cls", "serialization")  # validation only: no serializers
    return {key: _convert(value) for key, value in node.items() if key not in skipped}


def _typed_dict(model: Schema) -> Schema:
    fields_schema = model["schema"]
    if fields_schema.get("type") != "model-fields" or fields_schema.get("computed_fields"):
        raise Unconvertible(str(fields_schema.get("type")))
    config = dict(model.get("config") or {})
    fields: dict[str, Schema] = {}
    for name, field in fields_schema["fields"].items():
        if set(field) - {"type", "schema", "metadata"}:  # aliases, frozen …: not handled
            raise Unconvertible(name)
        schema = _convert(field["schema"])
        fields[name] = {
            "type": "typed-dict-field",
            "schema": schema,
            "required": schema.get("type") != "default",
        }
    plain: Schema = {
        "type": "typed-dict",
        "fields": fields,
        "extra_behavior": config.get("extra_fields_behavior", "ignore"),
        "config": config,
    }
    if "ref" in model:
        plain["ref"] = model["ref"]
    return plain


def _from_model() -> Schema:
    from gdb_cli.charter.model import Charter

    return plain_schema(Charter.__pydantic_core_schema__)


# --- the cached entry ------------------------------------------------------------------------


def _fingerprint() -> tuple[str, cache.Fingerprint]:
    import pydantic_core
    from pydantic.version import VERSION as pydantic_version

    root = Path(__file__).resolve().parent
    prints = cache.fingerprint(root, _SOURCES)
    # pydantic makes the core schema, pydantic-core reads it: a new version of either, a new entry
    prints.append(["pydantic", pydantic_version, 0])
    prints.append(["pydantic-core", pydantic_core.__version__, 0])
    return str(root), prints


@functools.cache
def schema() -> Schema:
    """The plain schema (from the user cache when possible)."""
    root, prints = _fingerprint()
    cached = cache.read_pickle(ENTRY_KIND, ENTRY_FORMAT, root, prints)
    if isinstance(cached, dict):
        return cached
    made = _from_model()
    # An unpicklable part (a new kind of check) only means no cache entry (a test guards it).
    with contextlib.suppress(pickle.PicklingError, AttributeError, TypeError):
        cache.write_pickle(ENTRY_KIND, ENTRY_FORMAT, root, prints, made)
    return made


@functools.cache
def validator() -> SchemaValidator:
    """A validator for the charter's data: the same errors as `Charter.model_validate`."""
    return SchemaValidator(schema())


# --- what the plain schema tells ---------------------------------------------------------------


def _definitions(root: Schema) -> dict[str, Schema]:
    return {d["ref"]: d for d in root.get("definitions", []) if "ref" in d}


def _table(node: Any, definitions: dict[str, Schema]) -> Schema | None:
    """The typed dict a field's schema holds (through defaults, nullable, lists, checks)."""
    while isinstance(node, dict):
        kind = node.get("type")
        if kind == "typed-dict":
            return node
        if kind == "definitions":
            node = node["schema"]
        elif kind == "definition-ref":
            node = definitions.get(node["schema_ref"])
        elif kind == "list":
            node = node.get("items_schema")
        elif "schema" in node:
            node = node["schema"]
        else:
            return None
    return None


def _root() -> tuple[Schema, dict[str, Schema]]:
    plain = schema()
    definitions = _definitions(plain)
    table = _table(plain, definitions)
    if table is None:
        raise Unconvertible("the charter is not a table")
    return table, definitions


def table_keys(loc: tuple[str | int, ...]) -> list[str]:
    """The keys the table at `loc` allows (list indices are skipped); [] when `loc` is no table."""
    table, definitions = _root()
    for part in loc:
        if isinstance(part, int):
            continue
        field = table["fields"].get(part)
        inner = _table(field["schema"], definitions) if field else None
        if inner is None:
            return []
        table = inner
    return list(table["fields"])


def _closed_in(node: Any) -> str | None:
    """The closed list a field's (non-table) schema checks against, if any."""
    while isinstance(node, dict):
        function = node.get("function")
        if isinstance(function, dict) and isinstance(function.get("function"), ClosedList):
            return str(function["function"].list_name)
        node = node.get("schema", node.get("items_schema"))
    return None


def _walk(table: Schema, definitions: dict[str, Schema], prefix: str) -> Iterator[tuple[str, Any]]:
    for name, field in table["fields"].items():
        path = f"{prefix}.{name}" if prefix else name
        yield path, field["schema"]
        inner = _table(field["schema"], definitions)
        if inner is not None:
            yield from _walk(inner, definitions, path)


@functools.cache
def sections() -> frozenset[str]:
    """The charter's sections: its top-level tables and lists (`measure`, `goals`, …)."""
    return frozenset(table_keys(())) - {"schema_version"}


@functools.cache
def closed_list_fields() -> dict[str, str]:
    """Key path without list indices (`goals.values`, `mandate.status`) → the closed list its
    values come from."""
    table, definitions = _root()
    result: dict[str, str] = {}
    for path, field_schema in _walk(table, definitions, ""):
        if _table(field_schema, definitions) is None:
            name = _closed_in(field_schema)
            if name is not None:
                result[path] = name
    return result
