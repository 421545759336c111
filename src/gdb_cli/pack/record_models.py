"""The pydantic side of the records (`gdb_cli.pack.records`): content validation, the cold path.

For every record class a pydantic model is derived from its annotations on first use – same
name, fields, defaults, constraints and configuration (strict, no unknown keys) as a
hand-written model, so validation errors read exactly the same. A validated model becomes its
record at once (`record_schema`), so the caller only ever sees records; `dump` goes the other
way for `Record.model_dump`. Only content validation and dumping import this module.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, ClassVar, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, TypeAdapter, create_model
from pydantic_core import CoreSchema, core_schema

from gdb_cli.pack.records import NonEmpty, Record, Spec

__all__ = ["NonEmpty", "Strict", "dump", "model_of", "record_schema"]


class Strict(BaseModel):
    """Base of hand-written content models (methods, schema texts): strict, no unknown keys."""

    # defer_build: the validator is built on first validation, not at import.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


_models: dict[type[Record], type[BaseModel]] = {}
_adapters: dict[type[Any], TypeAdapter[Any]] = {}


def model_of(record: type[Record]) -> type[BaseModel]:
    """The pydantic model of a record class (built once per class)."""
    if record not in _models:
        _models[record] = _derive(record)
    return _models[record]


def _derive(record: type[Record]) -> type[BaseModel]:
    own = get_type_hints(Record)
    fields: dict[str, Any] = {}
    for name, hint in get_type_hints(record, include_extras=True).items():
        if name not in own and get_origin(hint) is not ClassVar:
            fields[name] = _field(hint, record.__dict__.get(name, ...))
    config = ConfigDict(extra=record.extra, frozen=True, strict=True, defer_build=True)
    model: type[BaseModel] = create_model(
        record.__name__, __config__=config, __module__=record.__module__, **fields
    )
    return model


def _field(hint: Any, default: Any) -> tuple[Any, Any]:
    """(type, default) of a model field; a `Spec` on the field's annotation is its `Field(...)`."""
    if get_origin(hint) is not Annotated:
        return hint, default
    inner, *metadata = get_args(hint)
    arguments = {"default": default}
    for item in metadata:
        if isinstance(item, Spec):
            arguments.update(item.arguments)
    if "default_factory" in arguments:
        del arguments["default"]
    rest = [item for item in metadata if not isinstance(item, Spec)]
    kind = Annotated[(inner, *rest)] if rest else inner
    return kind, Field(**arguments)


def _to_record(record: type[Record], model: BaseModel) -> Record:
    instance = record.__new__(record)
    values = dict(model.__dict__)
    if record.extra == "allow":
        values["extra_values"] = dict(model.__pydantic_extra__ or {})
    object.__setattr__(instance, "__dict__", values)
    instance.verify()
    return instance


def _to_model(record: Record) -> BaseModel:
    values = dict(vars(record))
    values.update(values.pop("extra_values", {}))
    return model_of(type(record)).model_construct(**values)


def record_schema(record: type[Record], handler: GetCoreSchemaHandler) -> CoreSchema:
    """Validate as the derived model, then hand out the record; serialise through the model."""
    inner = handler.generate_schema(model_of(record))
    return core_schema.no_info_after_validator_function(
        functools.partial(_to_record, record),
        inner,
        serialization=core_schema.wrap_serializer_function_ser_schema(
            lambda value, serialize: serialize(_to_model(value)), schema=inner
        ),
    )


def adapter(kind: type[Any]) -> TypeAdapter[Any]:
    """One `TypeAdapter` per record class (building one is costly)."""
    if kind not in _adapters:
        _adapters[kind] = TypeAdapter(kind)
    return _adapters[kind]


def dump(record: Record, **options: Any) -> dict[str, Any]:
    """`record` as plain data; `options` as for pydantic's `model_dump`."""
    data: dict[str, Any] = adapter(type(record)).dump_python(record, **options)
    return data
