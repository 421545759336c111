"""Charter dates: full TOML dates and partial dates known only to the month or the year.

Real measures often know a date only as "02/2023" or "2023". Format 2 writes those as quoted
strings, `"2023-02"` and `"2023"`, next to full TOML dates (`2023-02-15`). A partial date is a
range: it starts on its first day and ends on its last. Comparisons take the side that makes a
finding certain (a start month means its first day, an end month its last), and a partial date is
shown as a month or year – never with an invented day.

Stdlib only: the charter model, the cached validator (`value_checks`) and the rule engine all use
this module.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

# ECMAScript reads this pattern the same way (JSON Schema `pattern`).
PARTIAL_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"
_PARTIAL_RE = re.compile(PARTIAL_PATTERN)

_MONTHS = {
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


class PartialDate(str):
    """A date known only to the month (`"2023-02"`) or the year (`"2023"`); a str itself."""

    __slots__ = ()

    @property
    def year(self) -> int:
        return int(self[:4])

    @property
    def month(self) -> int | None:
        return int(self[5:7]) if len(self) == 7 else None

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, 1)

    @property
    def last(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])


When = dt.date | PartialDate


def parse_partial(text: str) -> PartialDate | None:
    """`"2023-02"` / `"2023"` as a PartialDate; None for anything else (a full date included)."""
    if _PARTIAL_RE.match(text) and int(text[:4]) >= 1:
        return PartialDate(text)
    return None


def span(value: Any) -> tuple[dt.date, dt.date] | None:
    """The first and last day a charter date covers; None when `value` is no date.

    A TOML date covers one day (a date-time counts by its date); `"2023-02"` covers February.
    """
    if isinstance(value, dt.datetime):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    if isinstance(value, str):
        partial = parse_partial(value)
        if partial is not None:
            return partial.first, partial.last
    return None


def earliest(value: Any) -> dt.date | None:
    """The first day `value` covers (a start month: its first day)."""
    covered = span(value)
    return covered[0] if covered else None


def latest(value: Any) -> dt.date | None:
    """The last day `value` covers (an end month: its last day)."""
    covered = span(value)
    return covered[1] if covered else None


def is_date(value: Any) -> bool:
    return span(value) is not None


def format_when(value: Any, lang: str) -> str:
    """A charter date for people: `15.06.2026` / `2026-06-15`, `Februar 2023` / `February 2023`,
    `2023`; "" for no date."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()
    if isinstance(value, str):
        partial = parse_partial(value)
        if partial is not None:
            if partial.month is None:
                return str(partial.year)
            return f"{month_name(partial.month, lang)} {partial.year}"
    return ""


def month_name(month: int, lang: str) -> str:
    """The month's name in the language ("Februar", "February"; English for other languages)."""
    return _MONTHS.get(lang, _MONTHS["en"])[month - 1]


def sort_key(value: Any) -> dt.date:
    """Order dates by their first day; no date sorts last."""
    return earliest(value) or dt.date.max
