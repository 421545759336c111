"""The charter's small value checks: closed lists, ids, e-mail addresses, dates.

They are used by the charter model (`charter_model`) as `AfterValidator`s and end up in its
validator. They live in this light module – pydantic-core only, no model classes – so that the
cached validator (`charter_validator`) can be unpickled without creating the model classes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic_core import PydanticCustomError

from gdb_cli.charter.dates import parse_partial
from gdb_cli.charter.patterns import EMAIL_RE, ID_RE

_FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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


def check_when(value: Any) -> Any:
    """A charter date: a TOML date, or a partial date written as `"2023-02"` / `"2023"`.

    A date-time or any other type is "wrong type, expected a date"; a quoted full date gets its own
    error, so the message can say to drop the quotes.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        partial = parse_partial(value)
        if partial is not None:
            return partial
        if _FULL_DATE_RE.match(value):  # a full date in quotes: "write it without quotes"
            raise PydanticCustomError("date_type", "expected a date", {"value": value})
        raise PydanticCustomError("bad_when", "invalid date", {"value": value})
    raise PydanticCustomError("date_type", "expected a date", {"value": value})


def _finite_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if value != value or value in (float("inf"), float("-inf")):
        raise PydanticCustomError("finite_number", "not a finite number")
    return True


def check_target(value: Any) -> Any:
    """An indicator target: a number, or a range `[lowest, highest]` ("12–20 boxes")."""
    if _finite_number(value):
        return value
    if isinstance(value, list) and len(value) == 2 and all(_finite_number(v) for v in value):
        if value[0] > value[1]:
            raise PydanticCustomError("bad_range", "range the wrong way round", {"value": value})
        return value
    raise PydanticCustomError("float_type", "expected a number or a range", {"value": value})
