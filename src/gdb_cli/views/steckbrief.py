"""The measure profile (Maßnahmensteckbrief) as a document model, rendered to Markdown or HTML.

`build_steckbrief(charter, handbook, lang, summary)` turns a charter into a `Document`: a title, a
line of key facts and the sections of the charter in reading order, each made of a few block kinds
(paragraph, facts, table, bullets, sub-heading). The renderers `render.steckbrief_markdown` and
`render.steckbrief_html` only know these blocks, so both formats always show the same content.
Every string in a block is plain text – the renderers escape it for their format.

The check result comes in as a `CheckSummary` (`CheckSummary.of(report)`, or made by hand), so
the document can be built without running the rule engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gdb_cli import __version__
from gdb_cli.charter.dates import latest, sort_key
from gdb_cli.engine import Counts
from gdb_cli.i18n import Catalog
from gdb_cli.numbers import format_amount, format_number, format_percent, format_target

if TYPE_CHECKING:
    from gdb_cli.charter.dates import When
    from gdb_cli.charter.model import Charter
    from gdb_cli.pack.handbook import Handbook

_ = Catalog(
    {
        "doc_kind": {"de": "Maßnahmensteckbrief", "en": "Measure profile"},
        "overview": {"de": "Überblick", "en": "Overview"},
        "phase_value": {"de": "{number} von {total}: {name}", "en": "{number} of {total}: {name}"},
        "phase_derived": {"de": "{phase} (abgeleitet)", "en": "{phase} (derived)"},
        "timeframe": {"de": "Zeitraum", "en": "Time frame"},
        "problem": {"de": "Problem und Vision", "en": "Problem and vision"},
        "problem_only": {"de": "Problem", "en": "Problem"},
        "goals_only": {"de": "Ziele", "en": "Goals"},
        "stakeholders_only": {"de": "Akteur:innen", "en": "Stakeholders"},
        "goals": {"de": "Ziele und Indikatoren", "en": "Goals and indicators"},
        "goal": {"de": "Ziel {number}", "en": "Goal {number}"},
        "goal_with_id": {"de": "Ziel {number} ({id})", "en": "Goal {number} ({id})"},
        "no_indicators": {"de": "Noch keine Indikatoren.", "en": "No indicators yet."},
        "latest": {"de": "Zuletzt gemessen", "en": "Latest measurement"},
        "phase_name": {"de": "{number} {name}", "en": "{number} {name}"},
        "responsibility": {"de": "Verantwortung", "en": "Responsibility"},
        "resources": {"de": "Ressourcen", "en": "Resources"},
        "sum": {"de": "Summe", "en": "Total"},
        "amount_not_given": {"de": "nicht angegeben", "en": "not given"},
        "at_least": {
            "de": "mindestens {total}, {count} ohne Betrag",
            "en": "at least {total}, {count} without amount",
        },
        "state": {"de": "Stand", "en": "State"},
        "done": {"de": "erreicht", "en": "reached"},
        "pending": {"de": "offen", "en": "open"},
        "overdue": {"de": "überfällig", "en": "overdue"},
        "mandate": {
            "de": "Politisches Mandat (Teil der Verantwortung)",
            "en": "Political mandate (part of responsibility)",
        },
        "recommended": {"de": "{code} (Empfehlung)", "en": "{code} (recommendation)"},
        "competencies": {"de": "Kompetenzen", "en": "Competencies"},
        "yes": {"de": "ja", "en": "yes"},
        "passed": {"de": "bestanden", "en": "passed"},
        "not_passed": {"de": "nicht bestanden", "en": "not passed"},
        "contents": {"de": "Inhalt", "en": "Contents"},
        "no": {"de": "nein", "en": "no"},
        "stakeholders": {
            "de": "Akteur:innen und Beteiligung",
            "en": "Stakeholders and participation",
        },
        "participation": {"de": "Beteiligung der Öffentlichkeit", "en": "Public participation"},
        "principles": {"de": "Grundsätze", "en": "Principles"},
        "risks": {"de": "Risiken", "en": "Risks"},
        "risk": {"de": "Risiko", "en": "Risk"},
        "impact": {"de": "Wirkung (Erprobung)", "en": "Impact (testing)"},
        "operation": {"de": "Betrieb (Entwicklung)", "en": "Operation (development)"},
        "transfer": {"de": "Transfer (Skalierung)", "en": "Transfer (scaling)"},
        "check": {"de": "Prüfergebnis", "en": "Check result"},
        "check_passed": {
            "de": "Bestanden: keine Fehler in Phase {phase}.",
            "en": "Passed: no errors in phase {phase}.",
        },
        "check_failed": {
            "de": "Nicht bestanden: {count} Punkt(e) verhindern das Bestehen in Phase {phase}.",
            "en": "Not passed: {count} item(s) fail the check in phase {phase}.",
        },
        "check_counts": {
            "de": "Fehler: {errors} · Warnungen: {warnings} · Hinweise: {infos} · "
            "begründete Ausnahmen: {accepted}",
            "en": "Errors: {errors} · warnings: {warnings} · notes: {infos} · "
            "justified exceptions: {accepted}",
        },
        "open_items": {
            "de": "Offene Punkte vor dem Wechsel in Phase {next}: {count}",
            "en": "Open items before moving to phase {next}: {count}",
        },
        "no_open_items": {
            "de": "Keine offenen Punkte vor dem Wechsel in Phase {next}.",
            "en": "No open items before moving to phase {next}.",
        },
        "failing_items": {"de": "Was das Bestehen verhindert", "en": "What fails the check"},
        "no_check": {
            "de": "Die Regelprüfung ist in dieser gdb-Version nicht verfügbar; "
            "der Steckbrief zeigt nur die Angaben der Charta.",
            "en": "The rule check is not available in this version of gdb; "
            "the profile only shows what the charter says.",
        },
        "changelog": {"de": "Änderungsverlauf", "en": "Change history"},
        "footer": {
            "de": "Erstellt mit gdb {version} am {date} nach dem Handbuch-Paket „{pack}“ "
            "({pack_version}). Die Angaben stammen aus der Projektcharta der Maßnahme.",
            "en": "Made with gdb {version} on {date} using the handbook pack “{pack}” "
            "({pack_version}). The content comes from the measure's project charter.",
        },
    }
)

# Labels of charter fields come from the pack's field texts (content/fields.toml): Steckbrief
# label → key path. Everything else (headings, states) is the Steckbrief's own text above.
_FIELDS = {
    "id": "measure.id",
    "type": "measure.type",
    "phase": "measure.phase",
    "since": "measure.entered_phase_on",
    "lead_org": "measure.lead_organisation",
    "fields": "measure.fields_of_action",
    "action_fields": "measure.action_fields",
    "district": "measure.district",
    "measure_status": "measure.status",
    "programme": "measure.programme",
    "partners": "partners",
    "sponsor": "responsibility.sponsor",
    "lessons_learned": "measure.lessons_learned",
    "website": "measure.website",
    "challenge": "problem.challenge",
    "key_questions": "problem.key_questions",
    "vision": "problem.vision",
    "needs": "problem.needs",
    "values": "goals[*].values",
    "indicator": "goals[*].indicators[*].name",
    "kind": "goals[*].indicators[*].kind",
    "unit": "goals[*].indicators[*].unit",
    "baseline": "goals[*].indicators[*].baseline",
    "target": "goals[*].indicators[*].target",
    "target_date": "goals[*].indicators[*].target_date",
    "current": "goals[*].indicators[*].current",
    "data_source": "goals[*].indicators[*].data_source",
    "lead": "responsibility.lead",
    "contact": "responsibility.contact",
    "steering": "responsibility.steering",
    "team": "responsibility.team",
    "name": "responsibility.team[*].name",
    "role": "responsibility.team[*].role",
    "responsible_for": "responsibility.team[*].responsibility",
    "fte": "responsibility.team[*].fte",
    "organisation": "responsibility.team[*].organisation",
    "budget_total": "resources.budget_total_eur",
    "budget": "resources.budget",
    "item": "resources.budget[*].item",
    "year": "resources.budget[*].year",
    "funding_source": "resources.budget[*].funding_source",
    "status": "resources.budget[*].status",
    "amount": "resources.budget[*].amount_eur",
    "staff": "resources.staff",
    "milestones": "resources.milestones",
    "date": "resources.milestones[*].date",
    "milestone": "resources.milestones[*].name",
    "mandate_status": "mandate.status",
    "granted_by": "mandate.granted_by",
    "body": "mandate.body",
    "decided_on": "mandate.date",
    "reference": "mandate.reference",
    "valid_until": "mandate.valid_until",
    "change_mandate": "mandate.change_mandate",
    "conditions": "mandate.conditions",
    "scope": "mandate.scope",
    "skill": "competencies[*].skill",
    "available": "competencies[*].available",
    "source": "competencies[*].source",
    "gap_closed": "competencies[*].mitigation",
    "group": "stakeholders[*].group",
    "involvement": "stakeholders[*].involvement",
    "involved": "stakeholders[*].involved",
    "public": "participation.public",
    "formats": "participation.formats",
    "inclusion": "participation.inclusion",
    "software": "principles.software",
    "license": "principles.open_source_license",
    "repository": "principles.repository",
    "personal_data": "principles.personal_data",
    "dpia": "principles.dpia",
    "user_facing": "principles.user_facing",
    "accessibility": "principles.accessibility_standard",
    "gender": "principles.gender",
    "likelihood": "risks[*].likelihood",
    "impact_level": "risks[*].impact",
    "mitigation": "risks[*].mitigation",
    "owner": "risks[*].owner",
    "evidence": "impact.evidence",
    "method": "impact.method",
    "report": "impact.report",
    "operator": "operation.operator",
    "model": "operation.model",
    "start": "operation.start",
    "evaluation": "operation.evaluation",
    "funding": "operation.funding",
    "documentation": "transfer.documentation",
    "lessons": "transfer.lessons",
    "reuse": "transfer.reuse",
    "published": "transfer.published",
    "version": "changelog[*].version",
    "changes": "changelog[*].changes",
    "decisions": "mandate.decisions",
    "decision_kind": "mandate.decisions[*].kind",
    "decision_body": "mandate.decisions[*].granted_by",
    "decision_date": "mandate.decisions[*].date",
    "decision_reference": "mandate.decisions[*].reference",
    "decision_scope": "mandate.decisions[*].scope",
    "decision_valid_until": "mandate.decisions[*].valid_until",
    "results": "results",
    "result_phase": "results[*].phase",
    "result_date": "results[*].date",
    "result_summary": "results[*].summary",
    "result_link": "results[*].link",
    "measurements": "goals[*].indicators[*].measurements",
    "measurement_date": "goals[*].indicators[*].measurements[*].date",
    "measurement_value": "goals[*].indicators[*].measurements[*].value",
    "measurement_source": "goals[*].indicators[*].measurements[*].source",
    "spatial_levels": "measure.spatial_levels",
    "frame": "frame",
    "ict_conditions": "frame.ict_conditions",
    "cost_effectiveness": "frame.cost_effectiveness",
    "intended_impact": "frame.intended_impact",
    "permanence": "frame.permanence",
    "related_measures": "frame.related_measures",
    "partner_organisation": "partners[*].organisation",
    "partner_role": "partners[*].role",
    "partner_contact": "partners[*].contact",
    "co_financing_share": "resources.budget[*].co_financing_share",
    "planned_decision": "mandate.planned_decision",
    "measured_on": "goals[*].indicators[*].measured_on",
}


# --- the document model ------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str | None = None  # shown bold before the text ("Vision: …")


@dataclass(frozen=True)
class Facts:
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()  # column indices to align right
    footer: list[str] | None = None  # e.g. a sum row
    caption: str | None = None  # shown above the table ("Messwerte")


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    label: str | None = None


@dataclass(frozen=True)
class SubHeading:
    text: str


Block = Paragraph | Facts | Table | Bullets | SubHeading


@dataclass(frozen=True)
class Section:
    key: str  # stable id, used as HTML anchor
    title: str
    blocks: list[Block]


@dataclass(frozen=True)
class Document:
    lang: str
    contents: str  # "Inhalt" – the heading of the table of contents
    kind: str  # "Maßnahmensteckbrief"
    title: str
    summary: str | None
    badges: list[tuple[str, str]]  # short key facts under the title
    sections: list[Section]
    footer: str


@dataclass(frozen=True)
class SummaryItem:
    code: str
    severity: str
    message: str
    path: str = ""
    recommendation: bool = False  # a good-practice rule (basis kind `practice`), never blocking


@dataclass(frozen=True)
class CheckSummary:
    """What the profile shows of a check run (built from the engine's Report, or by hand)."""

    phase: int | None
    counts: Counts = field(default_factory=Counts)
    failing: list[SummaryItem] = field(default_factory=list)
    open: list[SummaryItem] = field(default_factory=list)
    phase_derived: bool = False  # no phase stated: derived from the evidence (SCH009)

    @classmethod
    def of(cls, report: Any) -> CheckSummary:
        """From the engine's `Report` (findings, open, accepted, failing, phase)."""
        return cls(
            phase=report.phase,
            phase_derived=bool(getattr(report, "phase_derived", False)),
            counts=Counts.of((report,)),
            failing=[_item(f) for f in report.failing],
            open=[_item(f) for f in report.open],
        )


def _message_in_words(item: SummaryItem, lang: str) -> str:
    """The item's message with its key path in words."""
    from gdb_cli.views.locations import message_in_words

    return message_in_words(item.message, item.path, lang)


def _item(finding: Any) -> SummaryItem:
    from gdb_cli.engine.basis import is_recommendation

    return SummaryItem(
        str(finding.code),
        str(finding.severity),
        str(finding.message),
        str(finding.path or ""),
        is_recommendation(finding),
    )


# --- formatting values -------------------------------------------------------------------------


def format_date(value: When | None, lang: str) -> str:
    """A charter date for people; a partial date stays a month or year ("Februar 2023")."""
    from gdb_cli.charter.dates import format_when

    return format_when(value, lang)


def _yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return ""
    return _("yes", lang=lang) if value else _("no", lang=lang)


class _Labels:
    """Closed-list ids shown as their labels in the chosen language."""

    def __init__(self, handbook: Handbook, lang: str) -> None:
        self.handbook = handbook
        self.lang = lang

    def __call__(self, list_name: str, value: str | None) -> str:
        if value is None:
            return ""
        closed = self.handbook.vocabulary.get(list_name)
        return closed.label(value, self.lang) if closed else value

    def many(self, list_name: str, values: list[str]) -> str:
        return ", ".join(self(list_name, v) for v in values)


def _without_empty_columns(table: Table) -> Table:
    """The table without columns that are empty in every row (and in the footer)."""
    keep = [
        index
        for index in range(len(table.columns))
        if any(index < len(row) and row[index].strip() for row in table.rows)
        or (table.footer is not None and index < len(table.footer) and table.footer[index].strip())
    ]
    if len(keep) == len(table.columns):
        return table
    position = {old: new for new, old in enumerate(keep)}
    return Table(
        [table.columns[i] for i in keep],
        [[row[i] for i in keep if i < len(row)] for row in table.rows],
        frozenset(position[i] for i in table.numeric if i in position),
        [table.footer[i] for i in keep if i < len(table.footer)] if table.footer else None,
        table.caption,
    )


def _facts(rows: list[tuple[str, str | None]]) -> Facts | None:
    kept = [(label, value) for label, value in rows if value not in (None, "")]
    return Facts([(label, str(value)) for label, value in kept]) if kept else None


def _blocks(*blocks: Block | None) -> list[Block]:
    return [block for block in blocks if block is not None]


# --- building ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What every section builder needs: the pack, the language, the day and the options."""

    handbook: Handbook
    lang: str
    day: dt.date
    contacts: bool  # False: no names, e-mail addresses or phone numbers of people
    label: _Labels

    def t(self, key: str, **params: object) -> str:
        """A charter field's label (content/fields.toml) or one of the Steckbrief's own texts."""
        if key in _FIELDS:
            return self.handbook.fields.short(_FIELDS[key], self.lang)
        return _(key, lang=self.lang, **params)

    def date(self, value: When | None) -> str:
        return format_date(value, self.lang)

    def section(self, key: str, blocks: list[Block], title: str | None = None) -> Section | None:
        """A section when it has content; `title`: a shorter heading's key when part of what
        the usual heading names is missing ("Problem" without a vision)."""
        if not blocks:
            return None
        kept = [_without_empty_columns(b) if isinstance(b, Table) else b for b in blocks]
        return Section(key, self.t(title or key), kept)


def build_steckbrief(
    charter: Charter,
    handbook: Handbook,
    lang: str,
    summary: CheckSummary | None = None,
    today: dt.date | None = None,
    contacts: bool = True,
) -> Document:
    """The profile of a charter in `lang` (`summary` None: no rule check available).

    `contacts=False` leaves out personal data of lead, contact and team (names, e-mail
    addresses, phone numbers); roles and organisations stay.
    """
    c = _Context(handbook, lang, today or dt.date.today(), contacts, _Labels(handbook, lang))
    phase_number = charter.measure.phase or (summary.phase if summary else None) or 1
    phase_text = _phase_text(c, phase_number)
    if summary is not None and summary.phase_derived:
        phase_text = c.t("phase_derived", phase=phase_text)
    sections = [
        _overview(c, charter, phase_text),
        _problem(c, charter),
        _frame(c, charter),
        _goals(c, charter),
        _responsibility(c, charter),
        _partners(c, charter),
        _resources(c, charter),
        _mandate(c, charter),
        _competencies(c, charter),
        _stakeholders(c, charter),
        _principles(c, charter),
        _risks(c, charter),
        _impact(c, charter),
        _operation(c, charter),
        _transfer(c, charter),
        _results(c, charter),
        c.section("check", _check_blocks(summary, phase_number, len(handbook.phases), lang)),
        _changelog(c, charter),
    ]
    m = charter.measure
    return Document(
        lang,
        c.t("contents"),
        c.t("doc_kind"),
        m.title,
        m.summary,
        _badges(c, charter, phase_text, summary),
        [s for s in sections if s is not None],
        _footer(c),
    )


def _phase_text(c: _Context, number: int) -> str:
    """ "3 von 5: Erprobung" – the phase as stated, or derived when the charter was loaded."""
    phase = c.handbook.phase(number)
    return c.t(
        "phase_value",
        number=number,
        total=len(c.handbook.phases),
        name=phase.name.get(c.lang) if phase else "",
    )


def _badges(
    c: _Context, charter: Charter, phase_text: str, summary: CheckSummary | None
) -> list[tuple[str, str]]:
    """The short key facts under the title: phase, type, check result."""
    badges = [(c.t("phase"), phase_text)]
    if charter.measure.type:
        badges.append((c.t("type"), c.label("measure_types", charter.measure.type)))
    if summary is not None:
        badges.append((c.t("check"), c.t("passed") if summary.counts.passed else c.t("not_passed")))
    return badges


def _footer(c: _Context) -> str:
    return c.t(
        "footer",
        version=__version__,
        date=c.date(c.day),
        pack=c.handbook.pack.name.get(c.lang),
        pack_version=c.handbook.pack.version,
    )


def _overview(c: _Context, charter: Charter, phase_text: str) -> Section | None:
    """The key facts, in the official measure pages' header order first: responsible
    organisation, district, participating organisations, period, status, fields of action (both
    levels), contact (name, job title, organisation, e-mail) with the project's link."""
    m, r, label = charter.measure, charter.responsibility, c.label
    timeframe = " – ".join(x for x in (c.date(m.start), c.date(m.end)) if x)
    rows: list[tuple[str, str | None]] = [
        (c.t("lead_org"), m.lead_organisation),
        (c.t("district"), label("districts", m.district)),
        (c.t("partners"), _partner_names(charter)),
        (c.t("timeframe"), timeframe),
        (c.t("measure_status"), _status_text(m.status, m.closed_on, label, c.lang)),
        (c.t("fields"), label.many("fields_of_action", m.fields_of_action)),
        (c.t("action_fields"), label.many("action_fields", m.action_fields)),
        (c.t("contact"), _contact_text(r.contact if r is not None else None, c.contacts)),
        (c.t("website"), m.website),
        (c.t("spatial_levels"), label.many("spatial_levels", m.spatial_levels)),
        (c.t("programme"), label("programmes", m.programme)),
        (c.t("sponsor"), _person_text(r.sponsor) if r is not None else ""),
        (c.t("id"), m.id),
        (c.t("type"), label("measure_types", m.type)),
        (c.t("phase"), phase_text),
        (c.t("since"), c.date(m.entered_phase_on)),
        (c.t("lessons_learned"), m.lessons_learned),
    ]
    return c.section("overview", _blocks(_facts(rows)))


def _problem(c: _Context, charter: Charter) -> Section | None:
    p = charter.problem
    if p is None:
        return None
    blocks = _blocks(
        Paragraph(p.challenge, c.t("challenge")) if p.challenge else None,
        Bullets(list(p.key_questions), c.t("key_questions")) if p.key_questions else None,
        Paragraph(p.vision, c.t("vision")) if p.vision else None,
        Bullets(list(p.needs), c.t("needs")) if p.needs else None,
    )
    return c.section("problem", blocks, None if p.vision else "problem_only")


def _frame(c: _Context, charter: Charter) -> Section | None:
    """What the pre-process settles besides goals and resources (ICT conditions, cost-
    effectiveness, intended impact, permanence, related measures)."""
    fr = charter.frame
    if fr is None:
        return None
    texts = [
        ("ict_conditions", fr.ict_conditions),
        ("cost_effectiveness", fr.cost_effectiveness),
        ("intended_impact", fr.intended_impact),
        ("permanence", fr.permanence),
    ]
    blocks: list[Block] = [Paragraph(text, c.t(key)) for key, text in texts if text]
    if fr.related_measures:
        blocks.append(Bullets(list(fr.related_measures), c.t("related_measures")))
    return c.section("frame", blocks)


def _goals(c: _Context, charter: Charter) -> Section | None:
    blocks: list[Block] = []
    for index, goal in enumerate(charter.goals, start=1):
        blocks += _goal_blocks(c, goal, index)
    title = None if any(g.indicators for g in charter.goals) else "goals_only"
    return c.section("goals", blocks, title)


def _goal_blocks(c: _Context, goal: Any, number: int) -> list[Block]:
    """A goal's heading, statement, values and indicator table."""
    blocks: list[Block] = [SubHeading(_goal_heading(goal.id, number, c.lang))]
    if goal.statement:
        blocks.append(Paragraph(goal.statement))
    if goal.values:
        blocks.append(Paragraph(c.label.many("values", goal.values), c.t("values")))
    if not goal.indicators:
        return [*blocks, Paragraph(c.t("no_indicators"))]
    blocks.append(_indicator_table(c, goal.indicators))
    return _blocks(
        *blocks, _latest_readings(c, goal.indicators), _measurement_table(c, goal.indicators)
    )


def _latest_readings(c: _Context, indicators: list[Any]) -> Bullets | None:
    """Per indicator with measurements: its latest value against baseline and target."""
    from gdb_cli.views.indicators import latest, reading_text

    items = [
        f"{i.name or c.t('indicator')} – "
        + reading_text(latest(i), i.unit, i.baseline, i.target, c.handbook.fields, c.lang)
        for i in indicators
        if i.measurements
    ]
    return Bullets(items, c.t("latest")) if items else None


def _measurement_table(c: _Context, indicators: list[Any]) -> Table | None:
    """The measurements of the indicators that have several, by date."""
    from gdb_cli.views.indicators import value_text

    rows = [
        [
            i.name or "",
            c.date(m.date),
            value_text(m.value, i.unit, c.lang),
            m.source or "",
        ]
        for i in indicators
        if len(i.measurements) > 1
        for m in sorted(i.measurements, key=lambda m: sort_key(m.date))
    ]
    if not rows:
        return None
    columns = [
        c.t("indicator"),
        c.t("measurement_date"),
        c.t("measurement_value"),
        c.t("measurement_source"),
    ]
    return Table(columns, rows, numeric=frozenset({2}), caption=c.t("measurements"))


def _indicator_table(c: _Context, indicators: list[Any]) -> Table:
    t, lang = c.t, c.lang
    return Table(
        [
            t("indicator"),
            t("kind"),
            t("unit"),
            t("baseline"),
            t("target"),
            t("target_date"),
            t("current"),
            t("measured_on"),
            t("data_source"),
        ],
        [
            [
                i.name or "",
                c.label("indicator_kinds", i.kind),
                i.unit or "",
                format_number(i.baseline, lang),
                format_target(i.target, lang),
                c.date(i.target_date),
                format_number(i.current, lang),
                c.date(i.measured_on),
                i.data_source or "",
            ]
            for i in indicators
        ],
        numeric=frozenset({3, 4, 6}),
    )


def _responsibility(c: _Context, charter: Charter) -> Section | None:
    r = charter.responsibility
    if r is None:
        return None
    team = _team_table(c, r.team) if r.team else None
    facts = _facts(
        [
            (c.t("lead"), _person_line(r.lead, c.contacts)),
            (c.t("contact"), _person_line(r.contact, c.contacts)),
            (c.t("steering"), r.steering),
        ]
    )
    return c.section(
        "responsibility", _blocks(facts, SubHeading(c.t("team")) if team else None, team)
    )


def _person_line(who: Any, contacts: bool) -> str | None:
    """ "Name, organisation, e-mail, phone" – only the organisation without contact data."""
    if who is None:
        return None
    parts = [who.name, who.organisation, who.email, who.phone] if contacts else [who.organisation]
    return ", ".join(str(x) for x in parts if x) or None


def _team_table(c: _Context, team: list[Any]) -> Table:
    t = c.t
    columns = [t("name"), t("role"), t("responsible_for"), t("fte"), t("organisation")]
    rows = [
        [
            member.name or "",
            member.role or "",
            member.responsibility or "",
            format_number(member.fte, c.lang),
            member.organisation or "",
        ]
        for member in team
    ]
    if not c.contacts:  # without the name column
        return Table(columns[1:], [row[1:] for row in rows], numeric=frozenset({2}))
    return Table(columns, rows, numeric=frozenset({3}))


def _partners(c: _Context, charter: Charter) -> Section | None:
    """The organisations that work on the measure, with their role and contact person."""
    if not charter.partners:
        return None
    table = Table(
        [c.t("partner_organisation"), c.t("partner_role"), c.t("partner_contact")],
        [
            [
                p.organisation or "",
                c.label("partner_roles", p.role),
                _contact_text(p.contact, c.contacts),
            ]
            for p in charter.partners
        ],
    )
    return c.section("partners", [table])


def _resources(c: _Context, charter: Charter) -> Section | None:
    res = charter.resources
    if res is None:
        return None
    blocks = _blocks(_facts([(c.t("budget_total"), format_amount(res.budget_total_eur, c.lang))]))
    if res.budget:
        blocks += [SubHeading(c.t("budget")), _budget_table(c, res.budget)]
    if res.staff:
        blocks += [SubHeading(c.t("staff")), _staff_table(c, res.staff)]
    if res.milestones:
        blocks += [SubHeading(c.t("milestones")), _milestone_table(c, res.milestones)]
    return c.section("resources", blocks)


def _budget_table(c: _Context, budget: list[Any]) -> Table:
    """The budget lines with a sum row; a missing amount is unknown, not 0 €: never a wrong sum."""
    total = sum(line.amount_eur or 0 for line in budget)
    unknown = sum(1 for line in budget if line.amount_eur is None)
    total_text = format_amount(total, c.lang)
    if unknown:
        total_text = c.t("at_least", total=total_text, count=unknown)
    periods = any(line.year is None and (line.start or line.end) for line in budget)
    return Table(
        [
            c.t("item"),
            c.t("timeframe" if periods else "year"),
            c.t("funding_source"),
            c.t("co_financing_share"),
            c.t("status"),
            c.t("amount"),
        ],
        [
            [
                line.item or "",
                _line_period(line, c.date),
                " · ".join(x for x in (line.funding_source, line.funder) if x),
                _share(line.co_financing_share, c.lang),
                c.label("budget_status", line.status),
                format_amount(line.amount_eur, c.lang)
                if line.amount_eur is not None
                else c.t("amount_not_given"),
            ]
            for line in budget
        ],
        numeric=frozenset({1, 3, 5}),
        footer=[c.t("sum"), "", "", "", "", total_text],
    )


def _share(share: float | None, lang: str) -> str:
    """A co-financing share 0.1 as "10 %"."""
    return "" if share is None else format_percent(share * 100, lang, decimals=1)


def _staff_table(c: _Context, staff: list[Any]) -> Table:
    return Table(
        [c.t("role"), c.t("fte"), c.t("status")],
        [
            [s.role or "", format_number(s.fte, c.lang), c.label("staff_status", s.status)]
            for s in staff
        ],
        numeric=frozenset({1}),
    )


def _milestone_table(c: _Context, milestones: list[Any]) -> Table:
    return Table(
        [c.t("date"), c.t("milestone"), c.t("state")],
        [
            [c.date(ms.date), ms.name or "", _milestone_state(ms.done, ms.date, c.day, c.lang)]
            for ms in sorted(milestones, key=lambda x: sort_key(x.date))
        ],
    )


def _mandate(c: _Context, charter: Charter) -> Section | None:
    md = charter.mandate
    if md is None:
        return None
    t, label = c.t, c.label
    facts = _facts(
        [
            (t("mandate_status"), label("mandate_status", md.status)),
            (t("granted_by"), label("mandate_bodies", md.granted_by)),
            (t("body"), md.body),
            (t("decided_on"), c.date(md.date)),
            (t("reference"), md.reference),
            (t("valid_until"), c.date(md.valid_until)),
            (t("planned_decision"), c.date(md.planned_decision)),
        ]
    )
    blocks = _blocks(
        facts,
        Bullets(list(md.scope), t("scope")) if md.scope else None,
        Paragraph(md.change_mandate, t("change_mandate")) if md.change_mandate else None,
        Paragraph(md.conditions, t("conditions")) if md.conditions else None,
    )
    if md.decisions:
        blocks += [SubHeading(t("decisions")), _decision_table(c, md.decisions)]
    return c.section("mandate", blocks)


def _decision_table(c: _Context, decisions: list[Any]) -> Table:
    """The decisions behind the measure, by date; a partial date stays a month or year."""
    t = c.t
    return Table(
        [
            t("decision_kind"),
            t("decision_body"),
            t("decision_date"),
            t("decision_reference"),
            t("decision_scope"),
            t("decision_valid_until"),
        ],
        [
            [
                c.label("decision_kinds", d.kind),
                d.body or c.label("mandate_bodies", d.granted_by),
                c.date(d.date),
                d.reference or "",
                "; ".join(d.scope),
                c.date(d.valid_until),
            ]
            for d in sorted(decisions, key=lambda d: sort_key(d.date))
        ],
    )


def _competencies(c: _Context, charter: Charter) -> Section | None:
    if not charter.competencies:
        return None
    table = Table(
        [c.t("skill"), c.t("available"), c.t("source"), c.t("gap_closed")],
        [
            [
                k.skill or "",
                _yes_no(k.available, c.lang),
                c.label("competency_sources", k.source),
                k.mitigation or "",
            ]
            for k in charter.competencies
        ],
    )
    return c.section("competencies", [table])


def _stakeholders(c: _Context, charter: Charter) -> Section | None:
    """The stakeholder table and public participation; "Akteur:innen" alone without the latter."""
    blocks: list[Block] = []
    if charter.stakeholders:
        blocks.append(_stakeholder_table(c, charter.stakeholders))
    pa = charter.participation
    participation = None
    if pa is not None:
        participation = _facts(
            [
                (c.t("public"), _yes_no(pa.public, c.lang)),
                (c.t("formats"), "; ".join(pa.formats)),
                (c.t("inclusion"), pa.inclusion),
            ]
        )
    if participation:
        blocks += [SubHeading(c.t("participation")), participation]
    return c.section("stakeholders", blocks, None if participation else "stakeholders_only")


def _stakeholder_table(c: _Context, stakeholders: list[Any]) -> Table:
    return Table(
        [c.t("name"), c.t("group"), c.t("involvement"), c.t("involved"), c.t("needs")],
        [
            [
                s.name or "",
                c.label("stakeholder_groups", s.group),
                c.label("involvement_levels", s.involvement),
                _yes_no(s.involved, c.lang),
                s.needs or "",
            ]
            for s in stakeholders
        ],
    )


def _principles(c: _Context, charter: Charter) -> Section | None:
    pr = charter.principles
    if pr is None:
        return None
    t, lang = c.t, c.lang
    facts = _facts(
        [
            (t("software"), _yes_no(pr.software, lang)),
            (t("license"), pr.open_source_license),
            (t("repository"), pr.repository),
            (t("personal_data"), _yes_no(pr.personal_data, lang)),
            (t("dpia"), c.label("dpia_status", pr.dpia)),
            (t("user_facing"), _yes_no(pr.user_facing, lang)),
            (t("accessibility"), pr.accessibility_standard),
            (t("gender"), pr.gender),
        ]
    )
    return c.section("principles", _blocks(facts))


def _risks(c: _Context, charter: Charter) -> Section | None:
    if not charter.risks:
        return None
    table = Table(
        [c.t("risk"), c.t("likelihood"), c.t("impact_level"), c.t("mitigation"), c.t("owner")],
        [
            [
                k.description or "",
                c.label("risk_levels", k.likelihood),
                c.label("risk_levels", k.impact),
                k.mitigation or "",
                k.owner or "",
            ]
            for k in charter.risks
        ],
    )
    return c.section("risks", [table])


def _impact(c: _Context, charter: Charter) -> Section | None:
    im = charter.impact
    if im is None:
        return None
    facts = _facts(
        [
            (c.t("evidence"), im.evidence),
            (c.t("method"), im.method),
            (c.t("date"), c.date(im.date)),
            (c.t("report"), im.report),
        ]
    )
    return c.section("impact", _blocks(facts))


def _operation(c: _Context, charter: Charter) -> Section | None:
    op = charter.operation
    if op is None:
        return None
    facts = _facts(
        [
            (c.t("operator"), op.operator),
            (c.t("model"), op.model),
            (c.t("start"), c.date(op.start)),
            (c.t("evaluation"), op.evaluation),
            (c.t("funding"), op.funding),
        ]
    )
    return c.section("operation", _blocks(facts))


def _transfer(c: _Context, charter: Charter) -> Section | None:
    tr = charter.transfer
    if tr is None:
        return None
    facts = _facts(
        [
            (c.t("documentation"), tr.documentation),
            (c.t("lessons"), tr.lessons),
            (c.t("reuse"), "; ".join(tr.reuse)),
            (c.t("published"), _yes_no(tr.published, c.lang)),
        ]
    )
    return c.section("transfer", _blocks(facts))


def _results(c: _Context, charter: Charter) -> Section | None:
    """The interim results per phase (the handbook's impact measurement), by phase and date."""
    if not charter.results:
        return None

    def phase(number: int | None) -> str:
        found = c.handbook.phase(number) if number is not None else None
        if found is None:
            return str(number or "")
        return c.t("phase_name", number=number, name=found.name.get(c.lang))

    ordered = sorted(charter.results, key=lambda r: (r.phase or 99, sort_key(r.date)))
    table = Table(
        [c.t("result_phase"), c.t("result_date"), c.t("result_summary"), c.t("result_link")],
        [[phase(r.phase), c.date(r.date), r.summary or "", r.link or ""] for r in ordered],
    )
    return c.section("results", [table])


def _changelog(c: _Context, charter: Charter) -> Section | None:
    if not charter.changelog:
        return None
    table = Table(
        [c.t("version"), c.t("date"), c.t("changes")],
        [[e.version or "", c.date(e.date), e.changes or ""] for e in charter.changelog],
    )
    return c.section("changelog", [table])


def _goal_heading(goal_id: str | None, number: int, lang: str) -> str:
    """„Ziel 1“ – the goal's position; its id only when it is not the default `z1`, `z2` …."""
    if goal_id and goal_id != f"z{number}":
        return _("goal_with_id", lang=lang, number=number, id=goal_id)
    return _("goal", lang=lang, number=number)


def has_contact_data(charter: Charter) -> bool:
    """Whether the charter names people or e-mail addresses (lead, contact, team, partners'
    contact persons)."""
    r = charter.responsibility
    people: list[Any] = [p.contact for p in charter.partners if p.contact is not None]
    if r is not None:
        people += [p for p in (r.lead, r.contact) if p is not None]
    if any(p.name or p.email or p.phone for p in people):
        return True
    return r is not None and any(member.name or member.email for member in r.team)


def _partner_names(charter: Charter) -> str:
    """The participating organisations, as the official pages list them ("A; B")."""
    return "; ".join(p.organisation for p in charter.partners if p.organisation)


def _person_text(person: Any) -> str:
    """ "Name (job title, organisation)" of a person table; "" when it names nobody."""
    if person is None:
        return ""
    extra = ", ".join(x for x in (person.role, person.organisation) if x)
    if person.name:
        return f"{person.name} ({extra})" if extra else str(person.name)
    return extra


def _contact_text(person: Any, contacts: bool) -> str:
    """The overview's contact as the official pages show it: "Name (job title, organisation),
    e-mail"; without contact data only job title and organisation."""
    if person is None:
        return ""
    extra = ", ".join(x for x in (person.role, person.organisation) if x)
    if not contacts:
        return extra
    head = f"{person.name} ({extra})" if person.name and extra else person.name or extra
    return ", ".join(x for x in (head, person.email) if x)


def _status_text(status: str | None, closed_on: Any, label: Any, lang: str) -> str:
    if status is None:
        return ""
    text = str(label("measure_status", status))
    when = format_date(closed_on, lang)
    return f"{text} ({when})" if when else text


def _line_period(line: Any, date: Any) -> str:
    """A budget line's year, or the period it covers ("Oktober 2026 – Juni 2028")."""
    if line.year is not None:
        return str(line.year)
    return " – ".join(x for x in (date(line.start), date(line.end)) if x)


def _milestone_state(done: bool | None, when: When | None, day: dt.date, lang: str) -> str:
    if done:
        return _("done", lang=lang)
    last = latest(when)  # a month is overdue only after its last day
    if last is not None and last < day:
        return _("overdue", lang=lang)
    return _("pending", lang=lang)


def _check_blocks(summary: CheckSummary | None, phase: int, phases: int, lang: str) -> list[Block]:
    def t(key: str, **params: object) -> str:
        return _(key, lang=lang, **params)

    if summary is None:
        return [Paragraph(t("no_check"))]
    shown_phase = summary.phase or phase
    blocks: list[Block] = [
        Paragraph(
            t("check_passed", phase=shown_phase)
            if summary.counts.passed
            else t("check_failed", count=len(summary.failing), phase=shown_phase)
        ),
        Paragraph(
            t(
                "check_counts",
                errors=summary.counts.errors,
                warnings=summary.counts.warnings,
                infos=summary.counts.infos,
                accepted=summary.counts.accepted,
            )
        ),
    ]

    def line(item: SummaryItem) -> str:
        code = t("recommended", code=item.code) if item.recommendation else item.code
        return f"{code}: {_message_in_words(item, lang)}"

    if summary.failing:
        blocks.append(Bullets([line(i) for i in summary.failing], t("failing_items")))
    if shown_phase < phases:
        if summary.open:
            blocks.append(
                Bullets(
                    [line(i) for i in summary.open],
                    t("open_items", next=shown_phase + 1, count=len(summary.open)),
                )
            )
        else:
            blocks.append(Paragraph(t("no_open_items", next=shown_phase + 1)))
    return blocks


def check_summary(loaded: Any, handbook: Handbook, as_of: dt.date) -> CheckSummary:
    """Run the rule engine on a loaded charter."""
    from gdb_cli.engine import evaluate

    return CheckSummary.of(evaluate(loaded, handbook, as_of=as_of))
