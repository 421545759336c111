"""Turning text into charter values, and knowing which type a charter key has.

People type dates as `2026-06-30` or `30.06.2026`, amounts as `180000`, `180.000` or `1,5`, and
yes/no as `ja`, `nein`, `yes`, `no`, `true`, `false`. The same parsers serve the interview and
`--set key.path=value`; for `--set` and JSON answers the charter model says which type a key has
(`model_kind`), so `--set measure.title=2026` stays text while `--set measure.phase=2` is a number.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Union

from gdb_cli.charter import keypaths
from gdb_cli.charter.dates import PartialDate, month_name, parse_partial
from gdb_cli.i18n import Catalog, did_you_mean, get_language

_ = Catalog(
    {
        "no_day": {
            "de": "Den {day}. {month} {year} gibt es nicht. Bitte das Datum prüfen.",
            "en": "There is no {month} {day}, {year}. Please check the date.",
        },
        "no_month": {
            "de": "Einen {month}. Monat gibt es nicht. Bitte das Datum prüfen (TT.MM.JJJJ).",
            "en": "There is no month {month}. Please check the date (YYYY-MM-DD).",
        },
        "bad_date": {
            "de": "„{value}“ ist kein Datum. Bitte so schreiben: 2026-06-30 oder 30.06.2026 "
            "(nur Monat bekannt: 06/2026, nur Jahr: 2026).",
            "en": "“{value}” is not a date. Please write it like 2026-06-30 (or 30.06.2026; "
            "month only: 2026-06, year only: 2026).",
        },
        "bad_number": {
            "de": "„{value}“ ist keine Zahl. Beispiele: 180000, 180.000, 0,5.",
            "en": "“{value}” is not a number. Examples: 180000, 0.5.",
        },
        "bad_range": {
            "de": "„{value}“ ist weder eine Zahl noch ein Bereich. Beispiele: 20, 12–20, "
            "12 bis 20.",
            "en": "“{value}” is neither a number nor a range. Examples: 20, 12–20, 12 to 20.",
        },
        "bad_integer": {
            "de": "„{value}“ ist keine ganze Zahl. Beispiel: 2026.",
            "en": "“{value}” is not a whole number. Example: 2026.",
        },
        "bad_bool": {
            "de": "„{value}“ ist weder ja noch nein. Erlaubt: ja, nein (oder true, false).",
            "en": "“{value}” is neither yes nor no. Allowed: yes, no (or true, false).",
        },
        "bad_list": {
            "de": "„{value}“ ist keine Liste. Mehrere Werte mit Komma trennen "
            '(a,b) oder als TOML-Liste schreiben (["a", "b"]).',
            "en": "“{value}” is not a list. Separate values with commas (a,b) or write a "
            'TOML list (["a", "b"]).',
        },
        "is_table": {
            "de": "„{key}“ ist eine Tabelle. Bitte die einzelnen Schlüssel setzen, z. B. "
            "--set {example}=…",
            "en": "“{key}” is a table. Please set its keys one by one, e.g. --set {example}=…",
        },
        "no_equals": {
            "de": "--set „{value}“: erwartet SCHLÜSSEL=WERT, z. B. --set measure.phase=2.",
            "en": "--set “{value}”: expected KEY=VALUE, e.g. --set measure.phase=2.",
        },
        "bad_path": {
            "de": "--set „{key}“: ungültiger Schlüssel. Form: measure.title oder "
            "goals[0].statement.",
            "en": "--set “{key}”: invalid key. Form: measure.title or goals[0].statement.",
        },
        "unknown_key": {
            "de": "--set „{key}“: diesen Schlüssel kennt die Charta nicht.",
            "en": "--set “{key}”: the charter has no such key.",
        },
        "index_gap": {
            "de": "--set „{key}“: Einträge bitte lückenlos ab [0] setzen.",
            "en": "--set “{key}”: please set items without gaps, starting at [0].",
        },
    }
)

_TRUE = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
_FALSE = {"nein", "n", "no", "false", "falsch", "0"}
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")  # 30.06.2026, 30.6.26
# Amounts written with a word: 1,4 Mio · 250 Tsd. · 2 Mrd · 1.5 million · 20k
_SCALES = {
    "tsd": 10**3, "tausend": 10**3, "k": 10**3, "thousand": 10**3,
    "mio": 10**6, "millionen": 10**6, "million": 10**6, "millions": 10**6, "m": 10**6,
    "mrd": 10**9, "milliarden": 10**9, "milliarde": 10**9, "bn": 10**9, "billion": 10**9,
}  # fmt: skip
_SCALED = re.compile(r"^(.*?\d)\s*([A-Za-z]+)\.?$")
_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3})+$")


class ValueProblem(ValueError):
    """Text that cannot become the wanted value; the message says how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- parsers -------------------------------------------------------------------------------


def parse_date(text: str) -> dt.date | PartialDate:
    """`30.06.2026` / `2026-06-30` → a date; `06/2026` / `2026-06` / `2026` → a partial date."""
    value = text.strip()
    month_year = re.match(r"^(\d{1,2})[/.](\d{4})$", value)
    if month_year and 1 <= int(month_year.group(1)) <= 12:
        value = f"{month_year.group(2)}-{int(month_year.group(1)):02d}"
    partial = parse_partial(value)
    if partial is not None:
        return partial
    german = _GERMAN_DATE.match(value)
    try:
        if german:
            day, month, year = (int(g) for g in german.groups())
            year += 2000 if len(german.group(3)) == 2 else 0  # 30.6.26 is 2026
            return _real_date(year, month, day)
        iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", value)
        if iso:
            year, month, day = (int(g) for g in iso.groups())
            return _real_date(year, month, day)
    except ValueProblem:
        raise
    except ValueError:
        pass
    raise ValueProblem(_("bad_date", value=value))


def _real_date(year: int, month: int, day: int) -> dt.date:
    """The date, or a message naming what does not exist („Den 31. Februar 2026 gibt es nicht“)."""
    if not 1 <= month <= 12:
        raise ValueProblem(_("no_month", month=month))
    try:
        return dt.date(year, month, day)
    except ValueError:
        name = month_name(month, get_language())
        raise ValueProblem(_("no_day", day=day, month=name, year=year)) from None


def parse_number(text: str, *, integer: bool = False, percent: bool = False) -> int | float:
    """A number as people write it; whole numbers come back as `int`.

    `180.000` is 180000 (German thousands); `0,5` is 0.5 (German decimal comma) – except in
    English, where `1,500` is 1500. With `percent`, `50 %` is 0.5 (a share of a post).
    """
    raw = text.strip()
    value = raw.replace("€", "").replace("EUR", "")
    value = re.sub(r"\s", "", value)  # spaces of any kind: 35 %, 1 000, a narrow no-break space
    value = value.replace("_", "").replace("'", "")
    if value.endswith("%") and not integer:
        number = parse_number(value.removesuffix("%"))
        if not percent:  # 35 % of something: the number 35
            return number
        result = round(number / 100, 12)  # a share of a post: 50 % is 0.5
        return int(result) if result.is_integer() else result
    scaled = _SCALED.match(value)
    if scaled and scaled.group(2).lower() in _SCALES:
        amount = parse_number(scaled.group(1)) * _SCALES[scaled.group(2).lower()]
        result = round(amount, 6)
        if float(result).is_integer():
            return int(result)
        if integer:
            raise ValueProblem(_("bad_integer", value=raw))
        return result
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):  # 1.234,56
            value = value.replace(".", "").replace(",", ".")
        else:  # 1,234.56
            value = value.replace(",", "")
    elif "," in value:
        if get_language() == "en" and _THOUSANDS_COMMA.match(value):  # 1,500 – English thousands
            value = value.replace(",", "")
        else:  # 0,5 – German decimal comma
            value = value.replace(",", ".")
    elif _THOUSANDS_DOT.match(value):  # 180.000 – German thousands
        value = value.replace(".", "")
    try:
        number = float(value)
    except ValueError:
        raise ValueProblem(_("bad_integer" if integer else "bad_number", value=raw)) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueProblem(_("bad_number", value=raw))
    if number.is_integer() and abs(number) < 2**53:
        return int(number)
    if integer:
        raise ValueProblem(_("bad_integer", value=raw))
    return number


# Keys whose value is a share between 0 and 1 in the charter model (`FTE`, `Share`)
SHARE_KEYS = ("fte", "co_financing_share")


def is_share(path: str | Sequence[str | int | None]) -> bool:
    """A share (of a full-time post, `….fte`; of co-financing): `50 %` may be typed for 0.5."""
    last = path.rsplit(".", 1)[-1] if isinstance(path, str) else (path[-1] if path else None)
    return last in SHARE_KEYS


# Keys whose value may be a number or a range [lowest, highest] (`Target` in the charter model)
RANGE_KEYS = ("target",)
_RANGE = re.compile(r"^(-?[^-–—]+?)\s*(?:–|—|-|\.\.|bis|to)\s*(-?[^-–—]+)$", re.IGNORECASE)


def is_range(path: str | Sequence[str | int | None]) -> bool:
    """An indicator target: a number, or a range like `12–20` (written as [12, 20])."""
    last = path.rsplit(".", 1)[-1] if isinstance(path, str) else (path[-1] if path else None)
    return last in RANGE_KEYS


def parse_range(text: str) -> int | float | list[int | float]:
    """`20` → 20; `12–20`, `12-20`, `12 bis 20`, `[12, 20]` → [12, 20] (the order is the
    model's to check, so the message is the one `gdb check` gives)."""
    value = text.strip()
    if value.startswith("["):
        parts = value.strip("[]").split(",") if value.endswith("]") else []
        if len(parts) == 2:
            return [parse_number(parts[0]), parse_number(parts[1])]
        raise ValueProblem(_("bad_range", value=value))
    try:
        return parse_number(value)
    except ValueProblem:
        pass
    matched = _RANGE.match(value)
    if matched:
        try:
            return [parse_number(matched.group(1)), parse_number(matched.group(2))]
        except ValueProblem:
            pass
    raise ValueProblem(_("bad_range", value=value))


def range_text(value: Any) -> str | None:
    """A range as people write it („12–20“), or None when `value` is not one."""
    if isinstance(value, list) and len(value) == 2:
        return "–".join(format_number(v) for v in value)
    return None


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueProblem(_("bad_bool", value=text.strip()))


def parse_list(text: str) -> list[str]:
    """`a, b` or a TOML list `["a", "b"]` → a list of texts."""
    value = text.strip()
    if not value:
        return []
    if value.startswith("["):
        try:
            parsed = tomllib.loads(f"v = {value}")["v"]
        except tomllib.TOMLDecodeError:
            raise ValueProblem(_("bad_list", value=value)) from None
        if not isinstance(parsed, list):
            raise ValueProblem(_("bad_list", value=value))
        return [str(item) for item in parsed]
    return [part.strip() for part in value.split(",") if part.strip()]


# --- the type of a charter key -------------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """Strip `Annotated[...]` and `X | None`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if dt.date in args:  # a date or a partial date ("2023-02"): one kind, "date"
                return dt.date
            if float in args:  # a number or a range [12, 20]: typed in as a number
                return float
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _annotation_at(parts: Sequence[keypaths.Part], *, raw: bool = False) -> Any:
    """The model's annotation at a key path (unwrapped; `raw`: as declared, checks included)."""
    from pydantic import BaseModel

    from gdb_cli.charter.model import Charter

    annotation: Any = Charter
    for part in parts:
        annotation = _unwrap(annotation)
        if not isinstance(part, str):  # an index or [*]
            if typing.get_origin(annotation) is not list:
                return None
            annotation = typing.get_args(annotation)[0]
            continue
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        field = annotation.model_fields.get(part)
        if field is None:
            return None
        annotation = typing.get_type_hints(annotation, include_extras=True)[part]
    return annotation if raw else _unwrap(annotation)


def _classify(annotation: Any) -> str | None:
    from pydantic import BaseModel

    if annotation is None:
        return None
    if typing.get_origin(annotation) is list:
        inner = _classify(_unwrap(typing.get_args(annotation)[0]))
        return f"list:{inner}" if inner else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "table"
    for kind, python_type in (
        ("bool", bool),
        ("int", int),
        ("float", float),
        ("date", dt.date),
        ("str", str),
    ):
        if annotation is python_type:
            return kind
    return None


def model_kind(path: str | Sequence[keypaths.Part]) -> str | None:
    """`str`, `int`, `float`, `bool`, `date`, `table`, `list:str`, `list:table` … or None."""
    parts = keypaths.parse(path) if isinstance(path, str) else list(path)
    return _classify(_annotation_at(parts))


@functools.lru_cache(maxsize=256)
def _value_validator(pattern: str) -> Any:
    """A validator of one value at `pattern` exactly as the charter model checks it, or None
    for tables (they are checked key by key)."""
    from pydantic import ConfigDict, TypeAdapter

    parts = keypaths.parse(pattern)
    if model_kind(parts) in (None, "table", "list:table"):
        return None
    config = ConfigDict(strict=True, allow_inf_nan=False)  # as the model's tables
    return TypeAdapter(_annotation_at(parts, raw=True), config=config)


def model_problem(
    pattern: str, value: Any, closed: Mapping[str, Sequence[str]] | None = None
) -> str | None:
    """What `gdb check` would say about `value` at `pattern` (`goals[*].indicators[*].target`),
    in the same words, or None: the interview accepts exactly what the model accepts."""
    from pydantic import ValidationError

    validator = _value_validator(pattern)
    if validator is None or value is None:
        return None
    try:
        validator.validate_python(value, context={"closed": dict(closed or {})})
    except ValidationError as exc:
        from gdb_cli.charter.load import error_message

        return error_message(exc.errors(include_url=False)[0])
    return None


def fields_at(parts: Sequence[keypaths.Part]) -> list[str]:
    from pydantic import BaseModel

    annotation = _annotation_at(parts)
    if typing.get_origin(annotation) is list:
        annotation = _unwrap(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def coerce_text(kind: str, text: str, *, percent: bool = False, span: bool = False) -> Any:
    """Text for a key of model kind `kind` → the value (raises `ValueProblem`); `span`: a
    number or a range (an indicator target)."""
    if kind == "str":
        return text
    if kind == "int":
        return parse_number(text, integer=True)
    if kind == "float":
        return parse_range(text) if span else parse_number(text, percent=percent)
    if kind == "bool":
        return parse_bool(text)
    if kind == "date":
        return parse_date(text)
    if kind == "list:str":
        return parse_list(text)
    raise ValueProblem(_("bad_list", value=text))


# --- --set key.path=value ------------------------------------------------------------------


def parse_assignment(assignment: str) -> tuple[keypaths.Path, Any]:
    """`goals[0].statement=Text` → (("goals", 0, "statement"), "Text"), typed by the model."""
    key, equals, raw = assignment.partition("=")
    if not equals:
        raise ValueProblem(_("no_equals", value=assignment))
    key = key.strip()
    try:
        path = keypaths.parse_concrete(key)
    except keypaths.PathError:
        raise ValueProblem(_("bad_path", key=key)) from None
    kind = model_kind(path)
    if kind is None:
        message = _("unknown_key", key=key)
        from gdb_cli.charter.load import suggest

        last = path[-1]
        guess = suggest(str(last), fields_at(path[:-1])) if isinstance(last, str) else None
        if guess:
            message += did_you_mean([keypaths.format_path((*path[:-1], guess))])
        raise ValueProblem(message)
    if kind in ("table", "list:table"):
        fields = fields_at(path)
        example = keypaths.format_path(
            (*path, 0, fields[0]) if kind == "list:table" else (*path, fields[0])
        )
        raise ValueProblem(_("is_table", key=key, example=example))
    return path, coerce_text(kind, raw, percent=is_share(path), span=is_range(path))


def apply_assignments(data: dict[str, Any], assignments: Sequence[str]) -> None:
    for assignment in assignments:
        path, value = parse_assignment(assignment)
        try:
            keypaths.put(data, path, value)
        except keypaths.PathError:
            raise ValueProblem(_("index_gap", key=keypaths.format_path(path))) from None


def coerce_data(data: Any, prefix: tuple[str | int, ...] = ()) -> Any:
    """Answers from JSON: ISO date strings become dates where the charter expects a date."""
    if isinstance(data, dict):
        return {k: coerce_data(v, (*prefix, k)) for k, v in data.items()}
    if isinstance(data, list):
        return [coerce_data(v, (*prefix, i)) for i, v in enumerate(data)]
    if isinstance(data, str) and model_kind(prefix) == "date":
        try:
            return parse_date(data)
        except ValueProblem:
            return data
    return data


# --- showing values ------------------------------------------------------------------------


def format_number(value: float, *, money: bool = False) -> str:
    """A number as people read it: 1500.5 → „1.500,5“ (de) / “1,500.5” (en); whole numbers
    without decimals. `money`: cents always shown when there are any („1.500,50“).

    The one place where the wizard formats numbers (prompts' defaults, running total, summary);
    the result is read back unchanged by `parse_number`.
    """
    from gdb_cli.numbers import format_amount
    from gdb_cli.numbers import format_number as number_text

    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    text = format_amount(value, symbol=False) if money else number_text(value, exact=True)
    if get_language() == "de":
        return text
    if _THOUSANDS_DOT.match(text):  # 1.234 would be read as German thousands: write 1.2340
        text += "0"
    return text


def as_text(value: Any) -> str:
    """A value as it is shown in a prompt's pre-filled answer."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
