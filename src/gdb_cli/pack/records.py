"""Validated content as plain records: cheap to create, cheap to unpickle, no pydantic at import.

A record class declares its fields as annotations, the way a pydantic model does; constraints sit
in `Annotated[...]` metadata as `Spec(**arguments of pydantic.Field)` and `After(function)`, a
default is a class attribute, a check of the whole record is the method `verify`. This module and
the record modules (`handbook`, `engine.catalog`) import no pydantic: a warm start reads the
records from the user cache and never validates. Content is validated by pydantic models that
`gdb_cli.pack.record_models` derives from the record classes on first use (same names, fields,
constraints, hence the same error messages) and turns into records after validation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from gdb_cli.i18n import pick

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class Spec:
    """Arguments of `pydantic.Field` (constraints, alias, discriminator), applied when validating.

    On a field's own annotation they become the field's `Field(...)`; deeper inside a type
    (`list[NonEmpty]`) they constrain that type.
    """

    __slots__ = ("arguments",)

    def __init__(self, **arguments: Any) -> None:
        self.arguments = arguments

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import Field

        return handler.generate_schema(Annotated[source, Field(**self.arguments)])


class After:
    """A check of a validated value (as pydantic's `AfterValidator`); raises ValueError."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.function, handler(source))


NonEmpty = Annotated[str, Spec(min_length=1)]


class Record:
    """A validated, immutable record; equal to another of its class with the same values.

    `extra = "allow"` keeps unknown keys (in `extra_values`) instead of rejecting them.
    """

    extra: ClassVar[Literal["forbid", "allow"]] = "forbid"
    extra_values: dict[str, Any]

    def verify(self) -> None:
        """Check the record as a whole after its fields are valid; raise ValueError if broken."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return type(other) is type(self) and vars(other) == vars(self)

    def __hash__(self) -> int:
        return hash((type(self), *vars(self).values()))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in vars(self).items())
        return f"{type(self).__name__}({values})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from gdb_cli.pack.record_models import record_schema

        return record_schema(cls, handler)

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """The record as plain data, like pydantic's `model_dump` (same options)."""
        from gdb_cli.pack.record_models import dump

        return dump(self, **options)


class L10n(Record):
    """A text in German and English."""

    de: NonEmpty
    en: NonEmpty

    def __str__(self) -> str:
        return pick(self.as_dict())

    def get(self, lang: str | None = None) -> str:
        return pick(self.as_dict(), lang)

    def as_dict(self) -> dict[str, str]:
        return {"de": self.de, "en": self.en}
