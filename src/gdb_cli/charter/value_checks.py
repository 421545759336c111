"""The charter's small value checks: closed lists, the value-check table (ids, e-mail, URLs), dates.

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
from gdb_cli.charter.patterns import EMAIL_RE, ID_RE, URL_RE

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


class ValueCheck:
    """One row of the value-check table: a text must match `pattern`, else error `kind`.

    Used as an `AfterValidator` of the charter model (`check_email` …), by the JSON Schema (the
    `pattern`) and, through the model, by the interview's answer checks, so `gdb init`, `gdb
    check` and `gdb schema` accept exactly the same values and say the same `message`.
    Pickled by name (the cached charter validator refers to it).
    """

    __slots__ = ("empty_ok", "kind", "message", "name", "pattern")

    def __init__(
        self,
        name: str,
        kind: str,
        pattern: re.Pattern[str],
        message: dict[str, str],
        *,
        empty_ok: bool,
    ) -> None:
        self.name = name
        self.kind = kind
        self.pattern = pattern
        self.message = message  # {"de": …, "en": …} with {value}
        self.empty_ok = empty_ok

    def __call__(self, value: str) -> str:
        if (self.empty_ok and not value) or self.pattern.match(value):
            return value
        raise PydanticCustomError(
            self.kind, "invalid {check}", {"check": self.name, "value": value}
        )

    def text(self, value: Any, lang: str | None = None) -> str:
        """The message for `value` in `lang` (default: the active language)."""
        from gdb_cli.i18n import pick

        return pick(self.message, lang).format(value=value)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (value_check, (self.name,))

    def __repr__(self) -> str:
        return f"ValueCheck({self.name!r})"


# The table: check → error kind, pattern, message. Patterns in `patterns.py` (ECMAScript-safe).
TABLE: dict[str, ValueCheck] = {
    check.name: check
    for check in (
        ValueCheck(
            "id",
            "bad_id",
            ID_RE,
            {
                "de": "Kennung „{value}“ ungültig: nur Kleinbuchstaben, Ziffern und Bindestriche, "
                "beginnend mit Buchstabe oder Ziffer (z. B. „regenwasser-dashboard“).",
                "en": "Id “{value}” is invalid: only lower-case letters, digits and hyphens, "
                "starting with a letter or digit (e.g. “regenwasser-dashboard”).",
            },
            empty_ok=False,
        ),
        ValueCheck(
            "email",
            "bad_email",
            EMAIL_RE,
            {
                "de": "„{value}“ ist keine gültige E-Mail-Adresse (Form: name@beispiel.berlin).",
                "en": "“{value}” is not a valid e-mail address (form: name@example.berlin).",
            },
            empty_ok=True,
        ),
        ValueCheck(
            "url",
            "bad_url",
            URL_RE,
            {
                "de": "„{value}“ ist keine Web-Adresse: bitte vollständig mit https:// angeben "
                "(z. B. https://www.berlin.de/projekt).",
                "en": "“{value}” is not a web address: please give it in full with https:// "
                "(e.g. https://www.berlin.de/project).",
            },
            empty_ok=True,
        ),
    )
}
BY_KIND = {check.kind: check for check in TABLE.values()}


def value_check(name: str) -> ValueCheck:
    """The check `name` of the table (also how a pickled check is restored)."""
    return TABLE[name]


check_id = TABLE["id"]
check_email = TABLE["email"]
check_url = TABLE["url"]


def names_a_person(text: Any) -> bool:
    """Whether `text` can be a person's name: it has a letter (of any script). Digits,
    punctuation and spaces alone („12345“, „-“, „?“) name nobody – an id or a phone number in the
    wrong field, or a placeholder. One test for `gdb check` (the named check `person_names`) and
    for the interview's answers."""
    return isinstance(text, str) and any(char.isalpha() for char in text)


def check_when(value: Any) -> Any:
    """A charter date: a TOML date, or a partial date written as `"2023-02"` / `"2023"`.

    A date-time or any other type is "wrong type, expected a date"; a quoted full date too (the
    message then says to drop the quotes); any other text is an invalid date.
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
