"""The charter model (schema_version 1) and loading a charter file into it.

`examples/charter.example.toml` is the contract: its tables and keys are modelled here. Closed
lists (measure types, values, mandate bodies …) come from the handbook pack and are checked through
the validation context, so another pack can change them. The schema is deliberately lenient about
*which* keys are present – what a measure must have at which phase is the rule engine's job – and
strict about types, closed lists and unknown keys. Every problem becomes a `Finding` with its key
path and the line/column of that key (or of the nearest enclosing table) in the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import inspect
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from gdb_cli.findings import Finding
from gdb_cli.i18n import Catalog
from gdb_cli.numbers import format_number
from gdb_cli.patterns import EMAIL_RE, ID_RE
from gdb_cli.reading import Document, ReadError, decode, parse_text
from gdb_cli.tomlpos import Position, format_path, lookup

SCHEMA_VERSION = 1

_ = Catalog(
    {
        "unknown_key": {
            "de": "Unbekannter Schlüssel „{key}“.",
            "en": "Unknown key “{key}”.",
        },
        "did_you_mean": {
            "de": " Meinten Sie „{suggestion}“?",
            "en": " Did you mean “{suggestion}”?",
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
        "bad_id": {
            "de": "Kennung „{value}“ ungültig: nur Kleinbuchstaben, Ziffern und Bindestriche, "
            "beginnend mit Buchstabe oder Ziffer (z. B. „regenwasser-dashboard“).",
            "en": "Id “{value}” is invalid: only lower-case letters, digits and hyphens, "
            "starting with a letter or digit (e.g. “regenwasser-dashboard”).",
        },
        "bad_email": {
            "de": "„{value}“ ist keine gültige E-Mail-Adresse (Form: name@beispiel.berlin).",
            "en": "“{value}” is not a valid e-mail address (form: name@example.berlin).",
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
    "list": ("Liste [ … ]", "list [ … ]"),
    "dict": ("Tabelle", "table"),
    "model": ("Tabelle", "table"),
}


# --- closed lists and small value checks -------------------------------------------------------


def _closed(list_name: str) -> AfterValidator:
    def check(value: Any, info: ValidationInfo) -> Any:
        vocab = (info.context or {}).get("closed")
        if vocab is None or list_name not in vocab:
            return value
        allowed = vocab[list_name]
        if str(value) not in allowed:
            raise PydanticCustomError(
                "closed_list",
                "value not in closed list {list}",
                {"list": list_name, "value": value, "allowed": sorted(allowed)},
            )
        return value

    return AfterValidator(check)


_ID_RE = ID_RE
_EMAIL_RE = EMAIL_RE


def _id_check(value: str) -> str:
    if not _ID_RE.match(value):
        raise PydanticCustomError("bad_id", "invalid id", {"value": value})
    return value


def _email_check(value: str) -> str:
    if value and not _EMAIL_RE.match(value):
        raise PydanticCustomError("bad_email", "invalid e-mail", {"value": value})
    return value


MeasureType = Annotated[str, _closed("measure_types")]
FieldOfAction = Annotated[str, _closed("fields_of_action")]
ValueId = Annotated[str, _closed("values")]
IndicatorKind = Annotated[str, _closed("indicator_kinds")]
BudgetStatus = Annotated[str, _closed("budget_status")]
StaffStatus = Annotated[str, _closed("staff_status")]
MandateStatus = Annotated[str, _closed("mandate_status")]
MandateBody = Annotated[str, _closed("mandate_bodies")]
CompetencySource = Annotated[str, _closed("competency_sources")]
StakeholderGroup = Annotated[str, _closed("stakeholder_groups")]
InvolvementLevel = Annotated[str, _closed("involvement_levels")]
DpiaStatus = Annotated[str, _closed("dpia_status")]
RiskLevel = Annotated[str, _closed("risk_levels")]


Id = Annotated[str, AfterValidator(_id_check)]
Email = Annotated[str, AfterValidator(_email_check)]
# Upper limits far beyond any real measure (Berlin's yearly budget is about 4 * 10^10 EUR): they
# turn typos like 1e308 into a clear finding instead of sums that overflow to infinity.
MAX_AMOUNT_EUR = 10**12
MAX_FTE = 10**6
Amount = Annotated[float, Field(ge=0, le=MAX_AMOUNT_EUR)]
Number = float
FTE = Annotated[float, Field(ge=0, le=MAX_FTE)]


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


# --- the model -----------------------------------------------------------------------------------


class Measure(Table):
    id: Id
    title: str
    summary: str | None = None
    type: MeasureType | None = None
    phase: Annotated[int, Field(ge=1), _closed("phases")]
    entered_phase_on: dt.date | None = None
    lead_organisation: str | None = None
    fields_of_action: list[FieldOfAction] = []
    start: dt.date | None = None
    end: dt.date | None = None
    website: str | None = None


class ProblemStatement(Table):
    challenge: str | None = None
    key_questions: list[str] = []
    vision: str | None = None
    needs: list[str] = []


class Indicator(Table):
    name: str | None = None
    kind: IndicatorKind | None = None
    unit: str | None = None
    baseline: Number | None = None
    target: Number | None = None
    target_date: dt.date | None = None
    data_source: str | None = None
    current: Number | None = None
    measured_on: dt.date | None = None


class Goal(Table):
    id: str | None = None
    statement: str | None = None
    values: list[ValueId] = []
    indicators: list[Indicator] = []


class Person(Table):
    name: str | None = None
    organisation: str | None = None
    email: Email | None = None
    phone: str | None = None


class TeamMember(Table):
    name: str | None = None
    role: str | None = None
    responsibility: str | None = None
    fte: FTE | None = None
    organisation: str | None = None
    email: Email | None = None


class Responsibility(Table):
    lead: Person | None = None
    contact: Person | None = None
    steering: str | None = None
    team: list[TeamMember] = []


class BudgetLine(Table):
    item: str | None = None
    amount_eur: Amount | None = None
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    funding_source: str | None = None
    status: BudgetStatus | None = None


class StaffLine(Table):
    role: str | None = None
    fte: FTE | None = None
    status: StaffStatus | None = None


class Milestone(Table):
    name: str | None = None
    date: dt.date | None = None
    done: bool | None = None


class Resources(Table):
    budget_total_eur: Amount | None = None
    budget: list[BudgetLine] = []
    staff: list[StaffLine] = []
    milestones: list[Milestone] = []


class Mandate(Table):
    status: MandateStatus | None = None
    granted_by: MandateBody | None = None
    body: str | None = None
    date: dt.date | None = None
    reference: str | None = None
    scope: list[str] = []
    change_mandate: str | None = None
    valid_until: dt.date | None = None
    conditions: str | None = None
    planned_decision: dt.date | None = None


class Competency(Table):
    skill: str | None = None
    available: bool | None = None
    source: CompetencySource | None = None
    mitigation: str | None = None


class Stakeholder(Table):
    name: str | None = None
    group: StakeholderGroup | None = None
    involvement: InvolvementLevel | None = None
    involved: bool | None = None
    needs: str | None = None


class Participation(Table):
    public: bool | None = None
    formats: list[str] = []
    inclusion: str | None = None


class Principles(Table):
    software: bool | None = None
    open_source_license: str | None = None
    repository: str | None = None
    personal_data: bool | None = None
    dpia: DpiaStatus | None = None
    user_facing: bool | None = None
    accessibility_standard: str | None = None
    gender: str | None = None


class Risk(Table):
    description: str | None = None
    likelihood: RiskLevel | None = None
    impact: RiskLevel | None = None
    mitigation: str | None = None
    owner: str | None = None


class Impact(Table):
    """Phase 3 (Erprobung): what the tests showed about the measure's effect."""

    evidence: str | None = None
    method: str | None = None
    date: dt.date | None = None
    report: str | None = None


class Operation(Table):
    """Phase 4 (Entwicklung): who runs the result and how it keeps being evaluated."""

    operator: str | None = None
    model: str | None = None
    start: dt.date | None = None
    evaluation: str | None = None
    funding: str | None = None


class Transfer(Table):
    """Phase 5 (Skalierung): how knowledge and the solution travel to others."""

    documentation: str | None = None
    lessons: str | None = None
    reuse: list[str] = []
    published: bool | None = None


class ChangelogEntry(Table):
    version: str | None = None
    date: dt.date | None = None
    changes: str | None = None


class RuleException(Table):
    code: str
    reason: str = ""
    path: str | None = None
    until: dt.date | None = None


class Charter(Table):
    schema_version: int
    measure: Measure
    problem: ProblemStatement | None = None
    goals: list[Goal] = []
    responsibility: Responsibility | None = None
    resources: Resources | None = None
    mandate: Mandate | None = None
    competencies: list[Competency] = []
    stakeholders: list[Stakeholder] = []
    participation: Participation | None = None
    principles: Principles | None = None
    risks: list[Risk] = []
    impact: Impact | None = None
    operation: Operation | None = None
    transfer: Transfer | None = None
    exceptions: list[RuleException] = []
    changelog: list[ChangelogEntry] = []


def closed_list_name(annotation: Any) -> str | None:
    """The closed list a field's annotation checks against (`X | None`, `list[X]` …), or None."""
    if typing.get_origin(annotation) is Annotated:
        for meta in annotation.__metadata__:
            if isinstance(meta, AfterValidator):
                func: Any = meta.func
                if not inspect.isfunction(func):
                    continue
                name = inspect.getclosurevars(func).nonlocals.get("list_name")
                if isinstance(name, str):
                    return name
    for arg in typing.get_args(annotation):
        if arg is not type(None):
            found = closed_list_name(arg)
            if found is not None:
                return found
    return None


@functools.cache
def closed_list_fields() -> dict[str, str]:
    """Key path without list indices (`goals.values`, `mandate.status`) → the closed list its
    values come from, read from the model's annotations (so the model stays the one source)."""
    found: dict[str, str] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        hints = typing.get_type_hints(model, include_extras=True)
        for name, info in model.model_fields.items():
            path = f"{prefix}.{name}" if prefix else name
            list_name = closed_list_name(hints[name])
            if list_name is not None:
                found[path] = list_name
            inner = _inner_model(info.annotation)
            if inner is not None:
                walk(inner, path)

    walk(Charter, "")
    return found


# --- loading -------------------------------------------------------------------------------


@dataclass
class LoadedCharter:
    """What loading a charter file gives: the model (None if invalid) and every problem found."""

    file: str
    document: Document | None
    charter: Charter | None
    problems: list[Finding] = field(default_factory=list)

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
    if isinstance(value, dt.date):
        return _type_name("date")
    if isinstance(value, list):
        return _type_name("list")
    if isinstance(value, dict):
        return _type_name("dict")
    return type(value).__name__


def _fields_at(loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the model table at `loc` (list indices are skipped)."""
    model: Any = Charter
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return []
        model = _inner_model(fields[part].annotation)
        if model is None:
            return []
    fields = getattr(model, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(annotation: Any) -> Any:
    """The pydantic model inside `X | None`, `list[X]` …, or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, Union, types.UnionType, Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def suggest(word: str, candidates: list[str]) -> str | None:
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    lowered = {c.lower(): c for c in candidates}
    return lowered.get(word.lower())


def _error_to_finding(error: Any, data: dict[str, Any]) -> Finding:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    path = format_path(loc)
    kind: str = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    hint: str | None = None
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _fields_at(loc[:-1])
        message = _("unknown_key", key=key)
        guess = suggest(key, allowed)
        if guess:
            message += _("did_you_mean", suggestion=guess)
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
            message += _("did_you_mean", suggestion=guess)
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
        limit = format_number(ctx.get("ge", ctx.get("gt")))
        return Finding("SCH005", "error", _("too_small", limit=limit), path=path)
    if kind in ("less_than_equal", "less_than"):
        limit = format_number(ctx.get("le", ctx.get("lt")))
        return Finding("SCH005", "error", _("too_large", limit=limit), path=path)
    if kind == "finite_number":
        return Finding("SCH005", "error", _("finite"), path=path)
    if kind == "bad_id":
        return Finding("SCH005", "error", _("bad_id", value=ctx.get("value")), path=path)
    if kind == "bad_email":
        return Finding("SCH005", "error", _("bad_email", value=ctx.get("value")), path=path)
    return Finding("SCH005", "error", _("invalid", detail=error.get("msg", kind)), path=path)


def _locate(finding: Finding, file: str, positions: dict[str, Position]) -> Finding:
    position = lookup(positions, finding.path) if finding.path else None
    if position is None:
        position = (1, 1)
    return finding.at(file, *position)


def validate_data(
    data: dict[str, Any], closed: dict[str, frozenset[str]] | None
) -> tuple[Charter | None, list[Finding]]:
    """Validate parsed TOML against the model; returns the charter (if valid) and findings."""
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None, [
            Finding(
                "SCH007",
                "error",
                _("version_missing", supported=SCHEMA_VERSION),
                path="schema_version",
            )
        ]
    if version > SCHEMA_VERSION:
        return None, [
            Finding(
                "SCH006",
                "error",
                _("version_newer", found=version, supported=SCHEMA_VERSION),
                path="schema_version",
            )
        ]
    try:
        charter = Charter.model_validate(data, context={"closed": closed})
    except ValidationError as exc:
        return None, [_error_to_finding(e, data) for e in exc.errors(include_url=False)]
    except RecursionError:
        return None, [Finding("SCH005", "error", _("too_deep"))]
    return charter, []


def load_document(document: Document, closed: dict[str, frozenset[str]] | None) -> LoadedCharter:
    charter, problems = validate_data(document.data, closed)
    located = [_locate(p, document.path, document.positions) for p in problems]
    return LoadedCharter(document.path, document, charter, located)


def load_text(text: str, file: str, closed: dict[str, frozenset[str]] | None) -> LoadedCharter:
    try:
        document = parse_text(text, file)
    except ReadError as exc:
        return LoadedCharter(file, None, None, [exc.finding])
    return load_document(document, closed)


def load_charter(
    path: Path, closed: dict[str, frozenset[str]] | None, display: str | None = None
) -> LoadedCharter:
    """Read, parse and validate a charter file. Never raises for bad input."""
    file = display or str(path)
    from gdb_cli.reading import read_document

    try:
        document = read_document(path, display=file)
    except ReadError as exc:
        return LoadedCharter(file, None, None, [exc.finding])
    return load_document(document, closed)


def decode_bytes(raw: bytes, file: str, closed: dict[str, frozenset[str]] | None) -> LoadedCharter:
    try:
        text = decode(raw, file)
    except ReadError as exc:
        return LoadedCharter(file, None, None, [exc.finding])
    return load_text(text, file, closed)
