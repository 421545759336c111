"""Loading a charter file: parse, validate against the charter model, report every problem.

The model itself is `gdb_cli.charter.model`. Validation runs on the cached plain validator of
`gdb_cli.charter.validator` (same errors, no model classes needed), so `gdb check` never creates
the model classes; `LoadedCharter.charter` builds the model objects only when a command asks for
them. Every problem becomes a `Finding` with its key path and the line/column of that key (or of
the nearest enclosing table) in the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdb_cli.charter.keypaths import format_path
from gdb_cli.findings import Finding
from gdb_cli.i18n import Catalog, close_matches, did_you_mean
from gdb_cli.numbers import format_number
from gdb_cli.toml.read import Document, ReadError, decode, parse_text

if TYPE_CHECKING:
    from gdb_cli.charter.model import Charter

SCHEMA_VERSION = 2  # format 1 is still read (and checked), with a note to run `gdb migrate`

_ = Catalog(
    {
        "unknown_key": {
            "de": "Unbekannter Schlüssel „{key}“.",
            "en": "Unknown key “{key}”.",
        },
        "allowed_keys": {
            "de": " Erlaubt sind hier: {keys}.",
            "en": " Allowed here: {keys}.",
        },
        "missing": {
            "de": "Pflichtangabe „{key}“ fehlt.",
            "en": "Required key “{key}” is missing.",
        },
        "wrong_type": {
            "de": "Falscher Typ: erwartet {expected}, gefunden {found}.",
            "en": "Wrong type: expected {expected}, found {found}.",
        },
        "date_hint": {
            "de": " Datumsangaben ohne Anführungszeichen schreiben, z. B. 2026-06-30.",
            "en": " Write dates without quotes, e.g. 2026-06-30.",
        },
        "bad_when": {
            "de": "„{value}“ ist kein Datum. Möglich sind ein Datum ohne Anführungszeichen "
            "(2026-06-30) oder, wenn nur Monat oder Jahr bekannt sind, „2026-06“ bzw. „2026“.",
            "en": "“{value}” is not a date. Use a date without quotes (2026-06-30) or, when only "
            "the month or year is known, “2026-06” or “2026”.",
        },
        "bad_range": {
            "de": "Zielbereich falsch herum: erst der kleinste, dann der größte Wert, "
            "z. B. [12, 20].",
            "en": "Target range the wrong way round: lowest first, then highest, e.g. [12, 20].",
        },
        "not_in_list": {
            "de": "„{value}“ ist kein zulässiger Wert. Zulässig: {allowed}.",
            "en": "“{value}” is not an allowed value. Allowed: {allowed}.",
        },
        "too_small": {
            "de": "Der Wert muss mindestens {limit} sein.",
            "en": "The value must be at least {limit}.",
        },
        "too_large": {
            "de": "Der Wert darf höchstens {limit} sein.",
            "en": "The value must be at most {limit}.",
        },
        "finite": {
            "de": "Der Wert muss eine endliche Zahl sein (nicht nan oder inf).",
            "en": "The value must be a finite number (not nan or inf).",
        },
        "too_deep": {
            "de": "Zu tief verschachtelt – so sieht keine Charta aus.",
            "en": "Nested too deeply – no charter looks like this.",
        },
        "invalid": {
            "de": "Ungültiger Wert: {detail}",
            "en": "Invalid value: {detail}",
        },
        "version_missing": {
            "de": "„schema_version“ fehlt oder ist keine ganze Zahl. Diese gdb-Version versteht "
            "schema_version = {supported}.",
            "en": "“schema_version” is missing or not a whole number. This version of gdb "
            "understands schema_version = {supported}.",
        },
        "version_newer": {
            "de": "schema_version = {found} ist neuer als diese gdb-Version ({supported}). "
            "Bitte gdb aktualisieren (pip install --upgrade gdb-charter).",
            "en": "schema_version = {found} is newer than this version of gdb ({supported}). "
            "Please update gdb (pip install --upgrade gdb-charter).",
        },
        "not_table": {
            "de": "Die Datei ist keine Charta (keine Tabelle auf oberster Ebene).",
            "en": "The file is not a charter (no top-level table).",
        },
    }
)

_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "string": ("Text", "text"),
    "int": ("ganze Zahl", "whole number"),
    "float": ("Zahl", "number"),
    "bool": ("true/false", "true/false"),
    "date": ("Datum (JJJJ-MM-TT)", "date (YYYY-MM-DD)"),
    "datetime": ("Datum mit Uhrzeit", "date and time"),
    "list": ("Liste [ … ]", "list [ … ]"),
    "dict": ("Tabelle", "table"),
    "model": ("Tabelle", "table"),
}


# --- loading -------------------------------------------------------------------------------


_NOT_BUILT: Any = object()


@dataclass
class LoadedCharter:
    """What loading a charter file gives: its document, every problem found, and – built on first
    use – the charter as model objects (None when the file is unreadable or invalid)."""

    file: str
    document: Document | None
    problems: list[Finding] = field(default_factory=list)
    closed: dict[str, frozenset[str]] | None = None
    _charter: Any = field(default=_NOT_BUILT, repr=False, compare=False)

    @property
    def charter(self) -> Charter | None:
        if self._charter is _NOT_BUILT:
            document = self.document
            valid = document is not None and not self.problems
            self._charter = as_model(document.data, self.closed) if document and valid else None
        charter: Charter | None = self._charter
        return charter

    @property
    def readable(self) -> bool:
        """True when the file was parsed (it may still have schema findings)."""
        return self.document is not None and not any(p.is_input_problem for p in self.problems)

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data if self.document else {}


def _type_name(kind: str) -> str:
    from gdb_cli.i18n import get_language

    names = _TYPE_NAMES.get(kind)
    if not names:
        return kind
    return names[0] if get_language() == "de" else names[1]


def _found_type(value: Any) -> str:
    if isinstance(value, bool):
        return _type_name("bool")
    if isinstance(value, int):
        return _type_name("int")
    if isinstance(value, float):
        return _type_name("float")
    if isinstance(value, str):
        return _type_name("string")
    if isinstance(value, dt.datetime):
        return _type_name("datetime")
    if isinstance(value, dt.date):
        return _type_name("date")
    if isinstance(value, list):
        return _type_name("list")
    if isinstance(value, dict):
        return _type_name("dict")
    return type(value).__name__


def suggest(word: str, candidates: list[str]) -> str | None:
    """The known name most like `word` (`i18n.close_matches`), or None."""
    return next(iter(close_matches(word, candidates)), None)


def _limit(value: Any) -> str:
    """A limit as people read it; a year (a whole number of four digits) without separator."""
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    return format_number(value)


def error_message(error: Any) -> str:
    """The message `gdb check` gives for one validation error (also the interview's)."""
    return _error_to_finding(error, {}).message


def _error_to_finding(error: Any, data: dict[str, Any]) -> Finding:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    path = format_path(loc)
    kind: str = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    hint: str | None = None
    if kind == "extra_forbidden":
        key = str(loc[-1])
        from gdb_cli.charter import validator as charter_validator

        allowed = charter_validator.table_keys(loc[:-1])
        message = _("unknown_key", key=key)
        guess = suggest(key, allowed)
        if guess:
            message += did_you_mean([guess])
            hint = guess
        elif allowed:
            message += _("allowed_keys", keys=", ".join(allowed))
        return Finding("SCH001", "error", message, path=path, hint=hint)
    if kind == "missing":
        return Finding("SCH002", "error", _("missing", key=path), path=path)
    if kind == "closed_list":
        allowed_values = list(ctx.get("allowed", []))
        message = _("not_in_list", value=value, allowed=", ".join(allowed_values))
        guess = suggest(str(value), allowed_values)
        if guess:
            message += did_you_mean([guess])
            hint = guess
        return Finding("SCH004", "error", message, path=path, hint=hint)
    if kind.endswith("_type") or kind in ("model_attributes_type", "date_from_datetime_inexact"):
        base = kind.removesuffix("_type").removeprefix("model_attributes").split("_")[0] or "dict"
        if kind.startswith("date"):
            base = "date"
        message = _("wrong_type", expected=_type_name(base), found=_found_type(value))
        if base == "date" and isinstance(value, str):
            message += _("date_hint")
        return Finding("SCH003", "error", message, path=path)
    if kind in ("greater_than_equal", "greater_than"):
        limit = _limit(ctx.get("ge", ctx.get("gt")))
        return Finding("SCH005", "error", _("too_small", limit=limit), path=path)
    if kind in ("less_than_equal", "less_than"):
        limit = _limit(ctx.get("le", ctx.get("lt")))
        return Finding("SCH005", "error", _("too_large", limit=limit), path=path)
    if kind == "finite_number":
        return Finding("SCH005", "error", _("finite"), path=path)
    if kind == "bad_range":
        return Finding("SCH005", "error", _("bad_range"), path=path)
    if kind == "bad_when":
        return Finding("SCH005", "error", _("bad_when", value=ctx.get("value")), path=path)
    from gdb_cli.charter.value_checks import BY_KIND

    if kind in BY_KIND:  # the value-check table (ids, e-mail addresses, URLs)
        return Finding("SCH005", "error", BY_KIND[kind].text(ctx.get("value")), path=path)
    return Finding("SCH005", "error", _("invalid", detail=error.get("msg", kind)), path=path)


def _locate(finding: Finding, document: Document) -> Finding:
    position = document.locate(finding.path) if finding.path else None
    if position is None:
        position = (1, 1)
    return finding.at(document.path, *position)


def problems_in(data: dict[str, Any], closed: dict[str, frozenset[str]] | None) -> list[Finding]:
    """Every schema problem of parsed TOML (without positions); [] when it is a valid charter."""
    from pydantic_core import ValidationError

    from gdb_cli.charter import validator as charter_validator

    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [
            Finding(
                "SCH007",
                "error",
                _("version_missing", supported=SCHEMA_VERSION),
                path="schema_version",
            )
        ]
    if version > SCHEMA_VERSION:
        return [
            Finding(
                "SCH006",
                "error",
                _("version_newer", found=version, supported=SCHEMA_VERSION),
                path="schema_version",
            )
        ]
    try:
        charter_validator.validator().validate_python(data, context={"closed": closed})
    except ValidationError as exc:
        return [_error_to_finding(e, data) for e in exc.errors(include_url=False)]
    except RecursionError:
        return [Finding("SCH005", "error", _("too_deep"))]
    return []


def as_model(data: dict[str, Any], closed: dict[str, frozenset[str]] | None) -> Charter:
    """Valid charter data (`problems_in` found nothing) as model objects."""
    from gdb_cli.charter.model import Charter

    return Charter.model_validate(data, context={"closed": closed})


def validate_data(
    data: dict[str, Any], closed: dict[str, frozenset[str]] | None
) -> tuple[Charter | None, list[Finding]]:
    """Validate parsed TOML; returns the charter as model objects (if valid) and the findings."""
    problems = problems_in(data, closed)
    return (None if problems else as_model(data, closed)), problems


def load_document(document: Document, closed: dict[str, frozenset[str]] | None) -> LoadedCharter:
    problems = problems_in(document.data, closed)
    located = [_locate(p, document) for p in problems]
    return LoadedCharter(document.path, document, located, closed)


def load_text(text: str, file: str, closed: dict[str, frozenset[str]] | None) -> LoadedCharter:
    try:
        document = parse_text(text, file)
    except ReadError as exc:
        return LoadedCharter(file, None, [exc.finding])
    return load_document(document, closed)


def load_charter(
    path: Path, closed: dict[str, frozenset[str]] | None, display: str | None = None
) -> LoadedCharter:
    """Read, parse and validate a charter file. Never raises for bad input."""
    file = display or str(path)
    from gdb_cli.toml.read import read_document

    try:
        document = read_document(path, display=file)
    except ReadError as exc:
        return LoadedCharter(file, None, [exc.finding])
    return load_document(document, closed)


def decode_bytes(raw: bytes, file: str, closed: dict[str, frozenset[str]] | None) -> LoadedCharter:
    try:
        text = decode(raw, file)
    except ReadError as exc:
        return LoadedCharter(file, None, [exc.finding])
    return load_text(text, file, closed)
