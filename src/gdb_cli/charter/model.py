"""The charter model (schema_version 1): pydantic models of every table and key.

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

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from gdb_cli.charter.value_checks import ClosedList, check_email, check_id, check_url

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
    website: Url | None = None


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
