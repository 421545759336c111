"""Value helpers for the rule engine: emptiness, dates, numbers and type-strict equality.

Values come from a charter's raw TOML data as `charter.keypaths.resolve` finds them (`MISSING`
where nothing is).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gdb_cli.charter.keypaths import MISSING


def is_empty(value: Any) -> bool:
    """Missing, blank text or an empty list/table."""
    if value is MISSING or value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def as_date(value: Any) -> dt.date | None:
    """A TOML date (a datetime counts by its date); anything else is None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return number


def same(a: Any, b: Any) -> bool:
    """Equality that does not mix up true/1 or "1"/1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return as_date(a) == as_date(b)
    return type(a) is type(b) and bool(a == b)


def one_of(value: Any, allowed: Any) -> bool:
    """`value` equals `allowed`, or one of its items when `allowed` is a list."""
    options = allowed if isinstance(allowed, list) else [allowed]
    return any(same(value, option) for option in options)
