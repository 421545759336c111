"""The charter's small value checks: closed lists, ids, e-mail addresses.

They are used by the charter model (`charter_model`) as `AfterValidator`s and end up in its
validator. They live in this light module – pydantic-core only, no model classes – so that the
cached validator (`charter_validator`) can be unpickled without creating the model classes.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import PydanticCustomError

from gdb_cli.charter.patterns import EMAIL_RE, ID_RE


class ClosedList:
    """The value must be an id of the pack's closed list `list_name`.

    The allowed ids come from the validation context (`{"closed": {list name: ids}}`), so another
    pack can change them; without a context (or without that list) every value passes.
    """

    __slots__ = ("list_name",)

    def __init__(self, list_name: str) -> None:
        self.list_name = list_name

    def __call__(self, value: Any, info: Any) -> Any:
        vocab = (info.context or {}).get("closed")
        if vocab is None or self.list_name not in vocab:
            return value
        allowed = vocab[self.list_name]
        if str(value) not in allowed:
            raise PydanticCustomError(
                "closed_list",
                "value not in closed list {list}",
                {"list": self.list_name, "value": value, "allowed": sorted(allowed)},
            )
        return value

    def __reduce__(self) -> tuple[type[ClosedList], tuple[str]]:
        return (ClosedList, (self.list_name,))

    def __repr__(self) -> str:
        return f"ClosedList({self.list_name!r})"


def check_id(value: str) -> str:
    """An id: lower-case letters, digits and hyphens, starting with a letter or digit."""
    if not ID_RE.match(value):
        raise PydanticCustomError("bad_id", "invalid id", {"value": value})
    return value


def check_email(value: str) -> str:
    """An e-mail address (or empty)."""
    if value and not EMAIL_RE.match(value):
        raise PydanticCustomError("bad_email", "invalid e-mail", {"value": value})
    return value
