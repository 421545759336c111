"""The charter model (schema_version 2; format 1 is read too): pydantic models of every key.

`examples/charter.example.toml` is the contract: its tables and keys are modelled here. Closed
lists (measure types, values, mandate bodies …) come from the handbook pack and are checked through
the validation context (`value_checks.ClosedList`), so another pack can change them. The schema is
deliberately lenient about *which* keys are present – what a measure must have at which phase is
the rule engine's job – and strict about types, closed lists and unknown keys.

Loading a file and turning validation errors into findings is `gdb_cli.charter.load`; `gdb check`
validates with the cached validator of `gdb_cli.charter.validator` and imports this module only
when a command needs the charter as objects (status, export, the wizard …).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Annotated, Any, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

from gdb_cli.charter.dates import PARTIAL_PATTERN, PartialDate
from gdb_cli.charter.value_checks import (
    ClosedList,
    check_email,
    check_id,
    check_target,
    check_url,
    check_when,
)

# --- closed lists and small value checks -------------------------------------------------------


def _closed(list_name: str) -> AfterValidator:
    return AfterValidator(ClosedList(list_name))


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
MeasureStatus = Annotated[str, _closed("measure_status")]
ActionField = Annotated[str, _closed("action_fields")]
District = Annotated[str, _closed("districts")]
SpatialLevel = Annotated[str, _closed("spatial_levels")]
Programme = Annotated[str, _closed("programmes")]
DecisionKind = Annotated[str, _closed("decision_kinds")]
PartnerRole = Annotated[str, _closed("partner_roles")]

# A date, or a partial date known only to the month or year ("2023-02", "2023"): see `dates`.
When = Annotated[
    dt.date | PartialDate,
    PlainValidator(check_when),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": PARTIAL_PATTERN},
            ]
        }
    ),
]


Id = Annotated[str, AfterValidator(check_id)]
Email = Annotated[str, AfterValidator(check_email)]
Url = Annotated[str, AfterValidator(check_url)]
# Upper limits far beyond any real measure (Berlin's yearly budget is about 4 * 10^10 EUR): they
# turn typos like 1e308 into a clear finding instead of sums that overflow to infinity.
MAX_AMOUNT_EUR = 10**12
MAX_FTE = 10**6
Amount = Annotated[float, Field(ge=0, le=MAX_AMOUNT_EUR)]
Number = float
FTE = Annotated[float, Field(ge=0, le=MAX_FTE)]
Share = Annotated[float, Field(ge=0, le=1)]


# An indicator target: a number or a range "12–20" written as [lowest, highest]
def _as_written(value: Any) -> Any:
    """A target as validated: an int stays an int (no float, no serializer warning)."""
    return value


Target = Annotated[
    float | list[float],
    PlainValidator(check_target),
    PlainSerializer(_as_written),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            ]
        }
    ),
]


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


# --- the model -----------------------------------------------------------------------------------


class Measure(Table):
    id: Id
    title: str
    summary: str | None = None
    type: MeasureType | None = None
    phase: Annotated[int, Field(ge=1), _closed("phases")] | None = None  # absent: derived
    entered_phase_on: When | None = None
    lead_organisation: str | None = None
    fields_of_action: list[FieldOfAction] = []
    action_fields: list[ActionField] = []
    district: District | None = None
    spatial_levels: list[SpatialLevel] = []
    programme: Programme | None = None
    start: When | None = None
    end: When | None = None
    website: Url | None = None
    status: MeasureStatus | None = None
    closed_on: When | None = None
    lessons_learned: str | None = None


class ProblemStatement(Table):
    challenge: str | None = None
    key_questions: list[str] = []
    vision: str | None = None
    needs: list[str] = []


class Frame(Table):
    """What the pre-process (phase 1) settles besides goals and resources: ICT framework
    conditions, cost-effectiveness, the intended impact, how results will be made permanent and
    the related measures (strategy, implementation model; handbook, measure workshop)."""

    ict_conditions: str | None = None
    cost_effectiveness: str | None = None
    intended_impact: str | None = None
    permanence: str | None = None
    related_measures: list[str] = []


class Measurement(Table):
    date: When | None = None
    value: Number | None = None
    source: str | None = None


class Indicator(Table):
    name: str | None = None
    kind: IndicatorKind | None = None
    unit: str | None = None
    baseline: Number | None = None
    target: Target | None = None
    target_date: When | None = None
    data_source: str | None = None
    current: Number | None = None
    measured_on: When | None = None
    measurements: list[Measurement] = []


class Goal(Table):
    id: str | None = None
    statement: str | None = None
    values: list[ValueId] = []
    indicators: list[Indicator] = []


class Person(Table):
    name: str | None = None
    role: str | None = None
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
    sponsor: Person | None = None  # political or strategic responsibility
    steering: str | None = None
    team: list[TeamMember] = []


class BudgetLine(Table):
    item: str | None = None
    amount_eur: Amount | None = None
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    start: When | None = None
    end: When | None = None
    funding_source: str | None = None
    funder: str | None = None
    co_financing_share: Share | None = None
    status: BudgetStatus | None = None


class StaffLine(Table):
    role: str | None = None
    fte: FTE | None = None
    status: StaffStatus | None = None


class Milestone(Table):
    name: str | None = None
    date: When | None = None
    done: bool | None = None


class Resources(Table):
    budget_total_eur: Amount | None = None
    budget: list[BudgetLine] = []
    staff: list[StaffLine] = []
    milestones: list[Milestone] = []


class Decision(Table):
    """One decision behind a measure: a political mandate for change, a funding decision …"""

    kind: DecisionKind | None = None
    granted_by: MandateBody | None = None
    body: str | None = None
    date: When | None = None
    reference: str | None = None
    scope: list[str] = []
    valid_until: When | None = None


class Mandate(Table):
    status: MandateStatus | None = None
    granted_by: MandateBody | None = None
    body: str | None = None
    date: When | None = None
    reference: str | None = None
    scope: list[str] = []
    change_mandate: str | None = None
    valid_until: When | None = None
    conditions: str | None = None
    planned_decision: When | None = None
    decisions: list[Decision] = []


class Partner(Table):
    """An organisation that works on the measure (not a stakeholder to be involved)."""

    organisation: str | None = None
    role: PartnerRole | None = None
    contact: Person | None = None


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
    repository: Url | None = None
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
    date: When | None = None
    report: str | None = None


class Operation(Table):
    """Phase 4 (Entwicklung): who runs the result and how it keeps being evaluated."""

    operator: str | None = None
    model: str | None = None
    start: When | None = None
    evaluation: str | None = None
    funding: str | None = None


class Transfer(Table):
    """Phase 5 (Skalierung): how knowledge and the solution travel to others."""

    documentation: str | None = None
    lessons: str | None = None
    reuse: list[str] = []
    published: bool | None = None


class InterimResult(Table):
    """An interim result of a phase, as the handbook's impact measurement records them."""

    phase: Annotated[int, Field(ge=1), _closed("phases")] | None = None
    date: When | None = None
    summary: str | None = None
    link: Url | None = None


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
    frame: Frame | None = None
    goals: list[Goal] = []
    responsibility: Responsibility | None = None
    partners: list[Partner] = []
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
    results: list[InterimResult] = []
    exceptions: list[RuleException] = []
    changelog: list[ChangelogEntry] = []


def inner_model(annotation: Any) -> Any:
    """The pydantic model inside `X | None`, `list[X]` …, or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, Union, types.UnionType, Annotated):
        for arg in typing.get_args(annotation):
            found = inner_model(arg)
            if found is not None:
                return found
    return None
