"""`gdb report`: the portfolio of many measures as pure data, for every report format.

Two steps, so that memory does not grow with the charters' size:

1. `extract(loaded, report, handbook)` runs where a charter was read and checked (possibly in a
   worker process) and keeps only the small `MeasureFacts` the report needs – ids, dates, budget
   lines, the thesis-6 readiness and the finding codes, never the charter's data;
2. `build_portfolio(facts, …)` turns those facts into a `Portfolio`: overview counts, the thesis-6
   readiness matrix, what needs attention, money, the most frequent findings and – with a
   `since` date – the changes. Labels are resolved here, in the report's language.

Nothing is invented: a missing amount is counted as "not given" (never 0 €), a missing phase or
state is its own bucket "not stated", and a charter that cannot be read is listed, not fatal.
Renderers (`gdb_cli.render.report_*`) only read a `Portfolio`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gdb_cli.i18n import Catalog, get_language

if TYPE_CHECKING:
    from gdb_cli.charter.load import LoadedCharter
    from gdb_cli.engine import Report
    from gdb_cli.pack.handbook import Handbook

FORMAT_VERSION = 1
When = dt.date | str  # a full date, or a partial one as written ("2023-02", "2023")
NOT_STATED = ""  # the bucket key of a value nobody gave

# Readiness states of one thesis-6 area of one measure.
COMPLETE, MISSING, NOT_YET_DUE = "complete", "missing", "not_yet_due"
STATES = (COMPLETE, MISSING, NOT_YET_DUE)
# Budget states the money view sums separately (the pack's `budget_status` list).
MONEY_STATES = ("secured", "requested", "planned")
# Measure states that end the measure: past its end date is then not a problem.
ENDED_STATES = frozenset({"completed", "stopped", "abgeschlossen", "beendet"})

# Kinds of "needs attention" items, in the order a report lists them.
ATTENTION_KINDS = (
    "unreadable",
    "mandate_expired",
    "mandate_expiring",
    "milestone_overdue",
    "past_end",
    "funding_ends_early",
    "phase_unchanged",
)
CHANGE_KINDS = ("phase", "decision", "changelog")

_ = Catalog(
    {
        "not_stated": {"de": "nicht angegeben", "en": "not stated"},
        "phase_label": {"de": "{number} {name}", "en": "{number} {name}"},
        "derived": {"de": "{label} (abgeleitet)", "en": "{label} (derived)"},
        "complete": {"de": "vollständig", "en": "complete"},
        "missing": {"de": "fehlt", "en": "missing"},
        "not_yet_due": {"de": "noch nicht fällig", "en": "not yet due"},
        "unreadable": {"de": "Charta nicht lesbar", "en": "Charter cannot be read"},
        "mandate_expired": {"de": "Mandat abgelaufen", "en": "Mandate expired"},
        "mandate_expiring": {"de": "Mandat läuft bald ab", "en": "Mandate expires soon"},
        "milestone_overdue": {"de": "Meilenstein überfällig", "en": "Milestone overdue"},
        "past_end": {"de": "Laufzeit überschritten", "en": "Past its end"},
        "funding_ends_early": {
            "de": "Finanzierung endet vor der Maßnahme",
            "en": "Funding ends before the measure",
        },
        "phase_unchanged": {"de": "Phase lange unverändert", "en": "Phase unchanged for long"},
        "d_mandate_expired": {
            "de": "gültig bis {date}",
            "en": "valid until {date}",
        },
        "d_mandate_expiring": {
            "de": "gültig bis {date} (noch {days} Tage)",
            "en": "valid until {date} ({days} days left)",
        },
        "d_milestone": {
            "de": "„{name}“ am {date}, nicht erledigt",
            "en": "“{name}” on {date}, not done",
        },
        "d_past_end": {"de": "Ende {date}", "en": "ended {date}"},
        "d_funding": {
            "de": "Budget bis {until}, Maßnahme bis {date}",
            "en": "budget until {until}, measure until {date}",
        },
        "d_phase": {
            "de": "seit {date} in Phase {phase} ({days} Tage)",
            "en": "in phase {phase} since {date} ({days} days)",
        },
        "phase_change": {"de": "Phasenwechsel", "en": "Phase change"},
        "decision": {"de": "Entscheidung", "en": "Decision"},
        "changelog": {"de": "Änderungsverlauf", "en": "Changelog"},
        "c_phase": {"de": "Phase {phase} begonnen", "en": "entered phase {phase}"},
        "c_mandate": {"de": "Mandat: {status}", "en": "Mandate: {status}"},
        "c_mandate_by": {"de": "Mandat: {status} ({body})", "en": "Mandate: {status} ({body})"},
        "unnamed_milestone": {"de": "ohne Namen", "en": "unnamed"},
        # headings and column names shared by every format
        "title": {"de": "Portfolio-Bericht", "en": "Portfolio report"},
        "stand": {
            "de": "Stand {date} · {files} Chartas · {measures} Maßnahmen · "
            "{unreadable} nicht lesbar",
            "en": "As of {date} · {files} charters · {measures} measures · {unreadable} unreadable",
        },
        "overview": {"de": "Überblick", "en": "Overview"},
        "contents": {"de": "Inhalt", "en": "Contents"},
        "by_phase": {"de": "Nach Phase", "en": "By phase"},
        "by_type": {"de": "Nach Art der Maßnahme", "en": "By type of measure"},
        "by_field": {"de": "Nach Handlungsfeld", "en": "By field of action"},
        "by_lead": {"de": "Nach Federführung", "en": "By lead organisation"},
        "by_state": {"de": "Nach Stand der Maßnahme", "en": "By state of the measure"},
        "readiness": {
            "de": "These 6: Ist geklärt, was vor der Umsetzung geklärt sein muss?",
            "en": "Thesis 6: is everything settled that must be settled before implementation?",
        },
        "readiness_totals": {"de": "Bereiche im Überblick", "en": "Areas at a glance"},
        "readiness_matrix": {"de": "Je Maßnahme", "en": "Per measure"},
        "attention": {"de": "Braucht Aufmerksamkeit", "en": "Needs attention"},
        "attention_none": {"de": "Nichts fällig.", "en": "Nothing due."},
        "attention_note": {
            "de": "Mandate, die in höchstens {days} Tagen ablaufen; Phasen seit mindestens "
            "{stale} Tagen unverändert.",
            "en": "Mandates expiring within {days} days; phases unchanged for {stale} days "
            "or more.",
        },
        "money": {"de": "Geld", "en": "Money"},
        "money_note": {
            "de": "Summen der Budgetposten in Euro. „–“: kein Posten mit Betrag; Posten ohne "
            "Betrag sind gezählt, nicht als 0 € gerechnet.",
            "en": "Sums of the budget lines in euros. “–”: no line with an amount; lines without "
            "an amount are counted, not taken as €0.",
        },
        "no_budget": {
            "de": "{count} Maßnahmen ohne Budgetposten; {without} ohne Gesamtbudget. "
            "Summe der angegebenen Gesamtbudgets: {sum}.",
            "en": "{count} measures without budget lines; {without} without a total budget. "
            "Sum of the stated total budgets: {sum}.",
        },
        "rules": {
            "de": "Häufigste Befunde – welche Anforderung fällt am schwersten?",
            "en": "Most frequent findings – which requirement is hardest to meet?",
        },
        "rules_none": {"de": "Keine Befunde.", "en": "No findings."},
        "changes": {"de": "Änderungen seit {date}", "en": "Changes since {date}"},
        "changes_none": {"de": "Keine Änderungen.", "en": "No changes."},
        "col_measure": {"de": "Maßnahme", "en": "Measure"},
        "col_file": {"de": "Datei", "en": "File"},
        "col_count": {"de": "Maßnahmen", "en": "Measures"},
        "col_phase": {"de": "Phase", "en": "Phase"},
        "col_type": {"de": "Art", "en": "Type"},
        "col_state": {"de": "Stand", "en": "State"},
        "col_fields": {"de": "Handlungsfelder", "en": "Fields of action"},
        "col_lead": {"de": "Federführung", "en": "Lead organisation"},
        "col_start": {"de": "Beginn", "en": "Start"},
        "col_end": {"de": "Ende", "en": "End"},
        "col_entered": {"de": "in der Phase seit", "en": "in phase since"},
        "col_budget_total": {"de": "Gesamtbudget (€)", "en": "Total budget (€)"},
        "col_mandate": {"de": "Mandat", "en": "Mandate"},
        "col_mandate_until": {"de": "Mandat gültig bis", "en": "Mandate valid until"},
        "col_errors": {"de": "Fehler", "en": "Errors"},
        "col_warnings": {"de": "Warnungen", "en": "Warnings"},
        "col_open": {"de": "offen", "en": "open"},
        "col_kind": {"de": "Art", "en": "Kind"},
        "col_date": {"de": "Datum", "en": "Date"},
        "col_detail": {"de": "Details", "en": "Details"},
        "col_area": {"de": "Bereich", "en": "Area"},
        "col_year": {"de": "Jahr", "en": "Year"},
        "col_other": {"de": "ohne Status", "en": "no state"},
        "col_known": {"de": "Summe bekannt", "en": "Known total"},
        "col_without": {"de": "Posten ohne Betrag", "en": "Lines without amount"},
        "col_code": {"de": "Code", "en": "Code"},
        "col_rule": {"de": "Regel", "en": "Rule"},
        "col_findings": {"de": "Befunde", "en": "Findings"},
        "col_what": {"de": "Was", "en": "What"},
        "col_problem": {"de": "Problem", "en": "Problem"},
        "year_unknown": {"de": "ohne Jahr", "en": "no year"},
        "total": {"de": "Summe", "en": "Total"},
        "unknown_amount": {"de": "–", "en": "–"},
        "generated": {
            "de": "Erzeugt mit gdb {version}.",
            "en": "Made with gdb {version}.",
        },
    }
)


def text(key: str, **params: Any) -> str:
    """A heading, column name or note of the report in the active language."""
    return _(key, **params)


# --- step 1: facts of one charter --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """One thesis-6 area of one measure: its state and the worst finding, if any."""

    area: str
    state: str
    code: str | None = None
    severity: str | None = None
    message: str | None = None  # as the rule says it (key paths as they are)
    path: str | None = None
    location_label: str | None = None  # the path in words: "Mandat › Stand des Mandats"
    in_words: str | None = None  # the message with its key path in words, for people


@dataclass(frozen=True, slots=True)
class BudgetItem:
    year: int | None
    amount: float | None
    status: str | None


@dataclass(frozen=True, slots=True)
class Milestone:
    name: str | None
    date: When
    done: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """A dated entry: a changelog line or a decision."""

    date: When
    title: str | None
    text: str | None


@dataclass(frozen=True, slots=True)
class MeasureFacts:
    """What the report keeps of one charter (small and picklable)."""

    file: str
    readable: bool
    problem: str | None = None  # why it cannot be read (file:line:col message)
    id: str | None = None
    title: str | None = None
    phase: int | None = None  # as stated
    derived_phase: int | None = None  # when none is stated (format 2)
    type: str | None = None
    fields_of_action: tuple[str, ...] = ()
    lead_organisation: str | None = None
    state: str | None = None  # measure.status (format 2)
    start: When | None = None
    end: When | None = None
    entered_phase_on: When | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    open: int = 0
    failing: int = 0
    codes: tuple[str, ...] = ()  # every finding's code (repeats kept)
    open_codes: tuple[str, ...] = ()
    cells: tuple[Cell, ...] = ()
    budget_total: float | None = None
    budget: tuple[BudgetItem, ...] = ()
    # the end of the budget line that pays longest, as written (`"2027"`, `"2026-06"`, a date)
    funding_end: When | None = None
    mandate_status: str | None = None
    mandate_body: str | None = None
    mandate_date: When | None = None
    mandate_valid_until: When | None = None
    milestones: tuple[Milestone, ...] = ()
    changelog: tuple[Entry, ...] = ()
    decisions: tuple[Entry, ...] = ()


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: Any) -> When | None:
    """A charter date: a full date, or a partial one (`"2023-02"`, `"2023"`) kept as written."""
    from gdb_cli.charter.dates import parse_partial

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return str(value) if isinstance(value, str) and parse_partial(value) is not None else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _amount(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if number == number and abs(number) != float("inf") and number >= 0 else None


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _tables(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _cells(report: Report, handbook: Handbook) -> tuple[Cell, ...]:
    from gdb_cli.engine.readiness import thesis6_readiness
    from gdb_cli.views.locations import human_location, message_in_words

    order = {"error": 0, "warning": 1}
    due = {id(f) for f in report.findings}
    cells = []
    areas = thesis6_readiness(report, handbook)
    for area in areas:
        # an area with parts (responsibility with the mandate) counts its parts' findings too
        related = [
            *area.findings,
            *(f for part in areas if part.part_of == area.area for f in part.findings),
        ]
        if area.complete or not related:
            cells.append(Cell(area.area, COMPLETE))
            continue
        worst = min(
            related,
            key=lambda f: (id(f) not in due, order.get(f.severity, 2), f.line or 0),
        )
        state = MISSING if any(id(f) in due for f in related) else NOT_YET_DUE
        cells.append(
            Cell(
                area.area,
                state,
                worst.code,
                worst.severity,
                worst.message,
                worst.path,
                human_location(worst.path, fields=handbook.fields),
                message_in_words(worst.message, worst.path, fields=handbook.fields),
            )
        )
    return tuple(cells)


def _funding_end(lines: list[dict[str, Any]]) -> When | None:
    """When the budget line that pays longest ends – its `end` or its `year`, as written – by
    the rule RES020 uses (`engine.named.funded_until`)."""
    from gdb_cli.engine.named import funded_until

    dated = [
        (until, i) for i, line in enumerate(lines) if (until := funded_until(line)) is not None
    ]
    if not dated:
        return None
    line = lines[max(dated)[1]]
    end = _date(line.get("end"))
    return end if end is not None else str(line.get("year")).zfill(4)


def extract(loaded: LoadedCharter, report: Report, handbook: Handbook) -> MeasureFacts:
    """The facts of one checked charter (see the module docstring)."""
    if report.input_error or loaded.document is None:
        problem = next(iter(report.findings), None)
        return MeasureFacts(
            file=report.file,
            readable=False,
            problem=problem.location() + ": " + problem.message if problem else None,
        )
    data = loaded.data
    measure = _table(data, "measure")
    resources = _table(data, "resources")
    mandate = _table(data, "mandate")
    fields = measure.get("fields_of_action")
    budget = tuple(
        BudgetItem(
            _int(line.get("year")), _amount(line.get("amount_eur")), _text(line.get("status"))
        )
        for line in _tables(resources, "budget")
    )
    funding_end = _funding_end(_tables(resources, "budget"))
    milestones = tuple(
        Milestone(_text(m.get("name")), when, m.get("done") is True)
        for m in _tables(resources, "milestones")
        if (when := _date(m.get("date"))) is not None
    )
    changelog = tuple(
        Entry(when, _text(e.get("version")), _text(e.get("changes")))
        for e in _tables(data, "changelog")
        if (when := _date(e.get("date"))) is not None
    )
    decisions = tuple(
        Entry(when, _text(d.get("kind")), _text(d.get("granted_by")) or _text(d.get("body")))
        for d in _tables(mandate, "decisions")
        if (when := _date(d.get("date"))) is not None
    )
    counts = report.counts
    return MeasureFacts(
        file=report.file,
        readable=True,
        id=_text(measure.get("id")),
        title=_text(measure.get("title")),
        phase=None if getattr(report, "phase_derived", False) else report.phase,
        derived_phase=report.phase if getattr(report, "phase_derived", False) else None,
        type=_text(measure.get("type")),
        fields_of_action=tuple(f for f in fields if isinstance(f, str))
        if isinstance(fields, list)
        else (),
        lead_organisation=_text(measure.get("lead_organisation")),
        state=_text(measure.get("status")),
        start=_date(measure.get("start")),
        end=_date(measure.get("end")),
        entered_phase_on=_date(measure.get("entered_phase_on")),
        funding_end=funding_end,
        errors=counts.errors,
        warnings=counts.warnings,
        infos=counts.infos,
        open=len(report.open),
        failing=len(report.failing),
        codes=tuple(f.code for f in report.findings),
        open_codes=tuple(f.code for f in report.open),
        cells=_cells(report, handbook),
        budget_total=_amount(resources.get("budget_total_eur")),
        budget=budget,
        mandate_status=_text(mandate.get("status")),
        mandate_body=_text(mandate.get("granted_by")) or _text(mandate.get("body")),
        mandate_date=_date(mandate.get("date")),
        mandate_valid_until=_date(mandate.get("valid_until")),
        milestones=milestones,
        changelog=changelog,
        decisions=decisions,
    )


# --- step 2: the portfolio ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Count:
    key: str  # id or value as written; NOT_STATED when none was given
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Area:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Attention:
    kind: str
    label: str
    file: str
    measure: str
    date: When | None
    detail: str


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    label: str
    file: str
    measure: str
    date: When
    detail: str


@dataclass(slots=True)
class Money:
    """Budget of one year (or of all years: `year` None with `total` True)."""

    year: int | None
    sums: dict[str, float | None] = field(default_factory=dict)  # state -> sum, None: no line
    other: float | None = None  # lines with an amount but no (or another) state
    known: float | None = None  # sum of every line with an amount
    without_amount: int = 0  # lines that give no amount (not 0 €: unknown)
    lines: int = 0

    def add(self, item: BudgetItem) -> None:
        self.lines += 1
        if item.amount is None:
            self.without_amount += 1
            return
        self.known = (self.known or 0.0) + item.amount
        if item.status in MONEY_STATES:
            self.sums[item.status] = (self.sums.get(item.status) or 0.0) + item.amount
        else:
            self.other = (self.other or 0.0) + item.amount


@dataclass(frozen=True, slots=True)
class RuleCount:
    code: str
    title: str
    findings: int
    open: int
    measures: int


@dataclass(frozen=True, slots=True)
class Row:
    """One measure in the tables (readiness matrix, measure list)."""

    facts: MeasureFacts
    name: str  # title, else id, else file
    phase: str  # label
    type: str
    state: str
    fields: str
    cells: tuple[Cell, ...]


@dataclass
class Portfolio:
    as_of: dt.date
    since: dt.date | None
    lang: str
    mandate_days: int
    stale_days: int
    money_states: list[tuple[str, str]]  # (id, label) of secured, requested, planned
    areas: list[Area]
    rows: list[Row]
    unreadable: list[MeasureFacts]
    skipped: list[str]
    not_regular: list[str]
    by_phase: list[Count]
    by_type: list[Count]
    by_field: list[Count]
    by_lead: list[Count]
    by_state: list[Count]
    readiness_totals: dict[str, dict[str, int]]  # area -> state -> measures
    attention: list[Attention]
    money_years: list[Money]
    money_total: Money
    measures_without_budget: int
    stated_totals: float | None  # sum of budget_total_eur where given
    measures_without_total: int
    rules: list[RuleCount]
    changes: list[Change] | None

    @property
    def files(self) -> int:
        return len(self.rows) + len(self.unreadable)

    def state_label(self, state: str) -> str:
        return _(state)


def _labeller(handbook: Handbook, list_name: str, lang: str) -> Any:
    closed = handbook.vocabulary.get(list_name)

    def label(value: str | None) -> str:
        if value is None:
            return _("not_stated")
        return closed.label(value, lang) if closed is not None else value

    return label


def _counts(values: Iterable[str | None], label: Any) -> list[Count]:
    """Counts per value, most frequent first (ties by label); "not stated" last."""
    counter = Counter(values)
    stated = sorted(
        ((k, n) for k, n in counter.items() if k is not None), key=lambda kn: (-kn[1], label(kn[0]))
    )
    result = [Count(k, label(k), n) for k, n in stated]
    if None in counter:
        result.append(Count(NOT_STATED, label(None), counter[None]))
    return result


def overview_counts(portfolio: Portfolio) -> list[tuple[str, str, list[Count]]]:
    """The overview's count tables in reading order: (heading key, column key, counts)."""
    p = portfolio
    return [
        ("by_phase", "col_phase", p.by_phase),
        ("by_state", "col_state", p.by_state),
        ("by_type", "col_type", p.by_type),
        ("by_field", "col_fields", p.by_field),
        ("by_lead", "col_lead", p.by_lead),
    ]


def measure_name(facts: MeasureFacts) -> str:
    return facts.title or facts.id or facts.file


def build_portfolio(
    facts: Iterable[MeasureFacts],
    handbook: Handbook,
    *,
    as_of: dt.date,
    since: dt.date | None = None,
    mandate_days: int = 90,
    stale_days: int = 365,
    skipped: Iterable[str] = (),
    not_regular: Iterable[str] = (),
    lang: str | None = None,
) -> Portfolio:
    """The whole report from the facts of every charter (consumed once, in order)."""
    from gdb_cli.charter.dates import sort_key
    from gdb_cli.engine.catalog import load_rules
    from gdb_cli.engine.fixed import FIXED_CODES
    from gdb_cli.i18n import pick

    lang = lang or get_language()
    catalog = load_rules(handbook)
    areas = [Area(a.id, a.label.get(lang)) for a in catalog.areas if a.thesis6]
    type_label = _labeller(handbook, "measure_types", lang)
    field_label = _labeller(handbook, "fields_of_action", lang)
    state_label = _labeller(handbook, "measure_status", lang)
    money_label = _labeller(handbook, "budget_status", lang)
    mandate_label = _labeller(handbook, "mandate_status", lang)
    body_label = _labeller(handbook, "mandate_bodies", lang)
    decision_label = _labeller(handbook, "decision_kinds", lang)

    def phase_label(number: int | None, derived: bool = False) -> str:
        if number is None:
            return _("not_stated")
        phase = handbook.phase(number)
        text = _("phase_label", number=number, name=phase.name.get(lang)) if phase else str(number)
        return _("derived", label=text) if derived else text

    rows: list[Row] = []
    unreadable: list[MeasureFacts] = []
    phases: list[tuple[int | None, bool]] = []
    attention: list[Attention] = []
    changes: list[Change] = []
    years: dict[int | None, Money] = {}
    total = Money(None)
    without_budget = 0
    stated_totals: float | None = None
    without_total = 0
    findings: Counter[str] = Counter()
    open_items: Counter[str] = Counter()
    measures_per_code: Counter[str] = Counter()
    readiness = {a.id: dict.fromkeys(STATES, 0) for a in areas}
    types: list[str | None] = []
    fields: list[str | None] = []
    leads: list[str | None] = []
    states: list[str | None] = []

    for item in facts:
        if not item.readable:
            unreadable.append(item)
            attention.append(
                Attention(
                    "unreadable", _("unreadable"), item.file, item.file, None, item.problem or ""
                )
            )
            continue
        name = measure_name(item)
        derived = item.phase is None and item.derived_phase is not None
        number = item.phase if item.phase is not None else item.derived_phase
        phases.append((number, derived))
        types.append(item.type)
        fields.extend(item.fields_of_action or [None])
        leads.append(item.lead_organisation)
        states.append(item.state)
        for cell in item.cells:
            if cell.area in readiness:
                readiness[cell.area][cell.state] += 1
        rows.append(
            Row(
                facts=item,
                name=name,
                phase=phase_label(number, derived),
                type=type_label(item.type),
                state=state_label(item.state),
                fields=", ".join(field_label(f) for f in item.fields_of_action),
                cells=item.cells,
            )
        )
        findings.update(item.codes)
        open_items.update(item.open_codes)
        measures_per_code.update(set(item.codes) | set(item.open_codes))
        # money
        if not item.budget:
            without_budget += 1
        for line in item.budget:
            years.setdefault(line.year, Money(line.year)).add(line)
            total.add(line)
        if item.budget_total is None:
            without_total += 1
        else:
            stated_totals = (stated_totals or 0.0) + item.budget_total
        attention.extend(_attention(item, name, as_of, mandate_days, stale_days, phase_label))
        if since is not None:
            changes.extend(
                _changes(item, name, since, as_of, mandate_label, body_label, decision_label)
            )

    def rule_title(code: str) -> str:
        fixed = FIXED_CODES.get(code)
        if fixed is not None:
            return pick(fixed.title, lang)
        rule = catalog.get(code)
        return rule.title.get(lang) if rule else code

    rules = sorted(
        (
            RuleCount(
                code, rule_title(code), findings[code], open_items[code], measures_per_code[code]
            )
            for code in set(findings) | set(open_items)
        ),
        key=lambda r: (-r.measures, -r.findings, -r.open, r.code),
    )
    phase_counts = Counter(phases)
    by_phase = [
        Count(str(number) if number is not None else NOT_STATED, phase_label(number, derived), n)
        for (number, derived), n in sorted(
            phase_counts.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or 0, kv[0][1])
        )
    ]
    kind_order = {kind: i for i, kind in enumerate(ATTENTION_KINDS)}
    attention.sort(key=lambda a: (kind_order[a.kind], sort_key(a.date), a.file))
    change_order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    changes.sort(key=lambda c: (c.file, sort_key(c.date), change_order[c.kind]))
    return Portfolio(
        as_of=as_of,
        since=since,
        lang=lang,
        mandate_days=mandate_days,
        stale_days=stale_days,
        money_states=[(s, money_label(s)) for s in MONEY_STATES],
        areas=areas,
        rows=rows,
        unreadable=unreadable,
        skipped=list(skipped),
        not_regular=list(not_regular),
        by_phase=by_phase,
        by_type=_counts(types, type_label),
        by_field=_counts(fields, field_label),
        by_lead=_counts(leads, lambda v: v if v is not None else _("not_stated")),
        by_state=_counts(states, state_label),
        readiness_totals=readiness,
        attention=attention,
        money_years=[years[y] for y in sorted(years, key=lambda y: (y is None, y or 0))],
        money_total=total,
        measures_without_budget=without_budget,
        stated_totals=stated_totals,
        measures_without_total=without_total,
        rules=rules,
        changes=changes if since is not None else None,
    )


def _attention(
    item: MeasureFacts,
    name: str,
    as_of: dt.date,
    mandate_days: int,
    stale_days: int,
    phase_label: Any,
) -> list[Attention]:
    from gdb_cli.charter.dates import earliest, format_when, latest

    lang = get_language()

    def day(value: When | None) -> str:
        return format_when(value, lang)

    found: list[Attention] = []

    def add(kind: str, when: When | None, detail: str) -> None:
        found.append(Attention(kind, _(kind), item.file, name, when, detail))

    until = item.mandate_valid_until
    last = latest(until)
    if until is not None and last is not None:
        if last < as_of:
            add("mandate_expired", until, _("d_mandate_expired", date=day(until)))
        elif (last - as_of).days <= mandate_days:
            days = (last - as_of).days
            add("mandate_expiring", until, _("d_mandate_expiring", date=day(until), days=days))
    for milestone in item.milestones:
        due = latest(milestone.date)
        if due is not None and due < as_of and not milestone.done:
            label = milestone.name or _("unnamed_milestone")
            detail = _("d_milestone", name=label, date=day(milestone.date))
            add("milestone_overdue", milestone.date, detail)
    ended = item.state is not None and item.state in ENDED_STATES
    end_last = latest(item.end)
    if item.end is not None and end_last is not None and end_last < as_of and not ended:
        add("past_end", item.end, _("d_past_end", date=day(item.end)))
    funded = latest(item.funding_end)
    if end_last is not None and funded is not None and funded < end_last and not ended:
        detail = _("d_funding", until=day(item.funding_end), date=day(item.end))
        add("funding_ends_early", item.end, detail)
    entered = item.entered_phase_on
    first = earliest(entered)
    if entered is not None and first is not None and not ended:
        days = (as_of - first).days
        if days >= stale_days:
            add(
                "phase_unchanged",
                entered,
                _("d_phase", date=day(entered), phase=item.phase or "–", days=days),
            )
    return found


def _changes(
    item: MeasureFacts,
    name: str,
    since: dt.date,
    as_of: dt.date,
    mandate_label: Any,
    body_label: Any,
    decision_label: Any,
) -> list[Change]:
    from gdb_cli.charter.dates import earliest, latest

    def within(when: When | None) -> bool:
        first, last = earliest(when), latest(when)
        return first is not None and last is not None and since < last and first <= as_of

    found: list[Change] = []
    if within(item.entered_phase_on) and item.entered_phase_on is not None:
        found.append(
            Change(
                "phase",
                _("phase_change"),
                item.file,
                name,
                item.entered_phase_on,
                _("c_phase", phase=item.phase or "–"),
            )
        )
    if within(item.mandate_date) and item.mandate_date is not None:
        status = mandate_label(item.mandate_status)
        detail = (
            _("c_mandate_by", status=status, body=body_label(item.mandate_body))
            if item.mandate_body
            else _("c_mandate", status=status)
        )
        found.append(Change("decision", _("decision"), item.file, name, item.mandate_date, detail))
    for entry in item.decisions:
        if within(entry.date):
            kind = decision_label(entry.title) if entry.title else None
            body = body_label(entry.text) if entry.text else None
            text = " – ".join(t for t in (kind, body) if t)
            found.append(Change("decision", _("decision"), item.file, name, entry.date, text))
    for entry in item.changelog:
        if within(entry.date):
            text = " – ".join(t for t in (entry.title, entry.text) if t)
            found.append(Change("changelog", _("changelog"), item.file, name, entry.date, text))
    return found
