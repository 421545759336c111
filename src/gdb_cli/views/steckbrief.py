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
from gdb_cli.numbers import format_amount, format_number, format_target

if TYPE_CHECKING:
    from gdb_cli.charter.dates import When
    from gdb_cli.charter.model import Charter
    from gdb_cli.pack.handbook import Handbook

_ = Catalog(
    {
        "doc_kind": {"de": "Maßnahmensteckbrief", "en": "Measure profile"},
        "overview": {"de": "Überblick", "en": "Overview"},
        "phase_value": {"de": "{number} von {total}: {name}", "en": "{number} of {total}: {name}"},
        "timeframe": {"de": "Zeitraum", "en": "Time frame"},
        "problem": {"de": "Problem und Vision", "en": "Problem and vision"},
        "problem_only": {"de": "Problem", "en": "Problem"},
        "goals_only": {"de": "Ziele", "en": "Goals"},
        "stakeholders_only": {"de": "Akteur:innen", "en": "Stakeholders"},
        "goals": {"de": "Ziele und Indikatoren", "en": "Goals and indicators"},
        "goal": {"de": "Ziel {number}", "en": "Goal {number}"},
        "goal_with_id": {"de": "Ziel {number} ({id})", "en": "Goal {number} ({id})"},
        "no_indicators": {"de": "Noch keine Indikatoren.", "en": "No indicators yet."},
        "responsibility": {"de": "Verantwortung", "en": "Responsibility"},
        "resources": {"de": "Ressourcen", "en": "Resources"},
        "sum": {"de": "Summe", "en": "Total"},
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

    @classmethod
    def of(cls, report: Any) -> CheckSummary:
        """From the engine's `Report` (findings, open, accepted, failing, phase)."""
        return cls(
            phase=report.phase,
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
    )


def _facts(rows: list[tuple[str, str | None]]) -> Facts | None:
    kept = [(label, value) for label, value in rows if value not in (None, "")]
    return Facts([(label, str(value)) for label, value in kept]) if kept else None


def _blocks(*blocks: Block | None) -> list[Block]:
    return [block for block in blocks if block is not None]


# --- building ----------------------------------------------------------------------------------


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
    label = _Labels(handbook, lang)
    day = today or dt.date.today()

    def t(key: str, **params: object) -> str:
        if key in _FIELDS:
            return handbook.fields.short(_FIELDS[key], lang)
        return _(key, lang=lang, **params)

    def date(value: When | None) -> str:
        return format_date(value, lang)

    m = charter.measure
    phase_number = m.phase or (summary.phase if summary else None) or 1  # derived when loaded
    phase = handbook.phase(phase_number)
    phase_text = t(
        "phase_value",
        number=phase_number,
        total=len(handbook.phases),
        name=phase.name.get(lang) if phase else "",
    )
    timeframe = " – ".join(x for x in (date(m.start), date(m.end)) if x)
    r = charter.responsibility
    sections: list[Section] = []

    def add(key: str, blocks: list[Block], title: str | None = None) -> None:
        """A section when it has content; `title`: a shorter heading's key when part of what
        the usual heading names is missing ("Problem" without a vision)."""
        if blocks:
            kept = [_without_empty_columns(b) if isinstance(b, Table) else b for b in blocks]
            sections.append(Section(key, t(title or key), kept))

    add(
        "overview",
        _blocks(
            _facts(
                # the official measure pages' header order first: responsible organisation,
                # district, participating organisations, period, status, fields of action
                [
                    (t("lead_org"), m.lead_organisation),
                    (t("district"), label("districts", m.district)),
                    (t("partners"), _partner_names(charter)),
                    (t("timeframe"), timeframe),
                    (t("measure_status"), _status_text(m.status, m.closed_on, label, lang)),
                    (t("fields"), label.many("fields_of_action", m.fields_of_action)),
                    (t("action_fields"), label.many("action_fields", m.action_fields)),
                    (t("programme"), label("programmes", m.programme)),
                    (t("sponsor"), _person_text(r.sponsor) if r is not None else ""),
                    (t("id"), m.id),
                    (t("type"), label("measure_types", m.type)),
                    (t("phase"), phase_text),
                    (t("since"), date(m.entered_phase_on)),
                    (t("website"), m.website),
                    (t("lessons_learned"), m.lessons_learned),
                ]
            )
        ),
    )
    p = charter.problem
    if p is not None:
        add(
            "problem",
            _blocks(
                Paragraph(p.challenge, t("challenge")) if p.challenge else None,
                Bullets(list(p.key_questions), t("key_questions")) if p.key_questions else None,
                Paragraph(p.vision, t("vision")) if p.vision else None,
                Bullets(list(p.needs), t("needs")) if p.needs else None,
            ),
            None if p.vision else "problem_only",
        )
    goal_blocks: list[Block] = []
    for index, goal in enumerate(charter.goals, start=1):
        goal_blocks.append(SubHeading(_goal_heading(goal.id, index, lang)))
        if goal.statement:
            goal_blocks.append(Paragraph(goal.statement))
        if goal.values:
            goal_blocks.append(Paragraph(label.many("values", goal.values), t("values")))
        if goal.indicators:
            goal_blocks.append(
                Table(
                    [
                        t("indicator"),
                        t("kind"),
                        t("unit"),
                        t("baseline"),
                        t("target"),
                        t("target_date"),
                        t("current"),
                        t("data_source"),
                    ],
                    [
                        [
                            i.name or "",
                            label("indicator_kinds", i.kind),
                            i.unit or "",
                            format_number(i.baseline, lang),
                            format_target(i.target, lang),
                            date(i.target_date),
                            format_number(i.current, lang),
                            i.data_source or "",
                        ]
                        for i in goal.indicators
                    ],
                    numeric=frozenset({3, 4, 6}),
                )
            )
        else:
            goal_blocks.append(Paragraph(t("no_indicators")))
    add("goals", goal_blocks, None if any(g.indicators for g in charter.goals) else "goals_only")

    r = charter.responsibility
    if r is not None:

        def person(who: Any) -> str | None:
            if who is None:
                return None
            parts = [who.name, who.organisation, who.email, who.phone]
            if not contacts:
                parts = [who.organisation]
            return ", ".join(str(x) for x in parts if x) or None

        team = None
        if r.team:
            columns = [t("name"), t("role"), t("responsible_for"), t("fte"), t("organisation")]
            rows = [
                [
                    member.name or "",
                    member.role or "",
                    member.responsibility or "",
                    format_number(member.fte, lang),
                    member.organisation or "",
                ]
                for member in r.team
            ]
            numeric = frozenset({3})
            if not contacts:  # without the name column
                columns, rows, numeric = columns[1:], [row[1:] for row in rows], frozenset({2})
            team = Table(columns, rows, numeric=numeric)
        add(
            "responsibility",
            _blocks(
                _facts(
                    [
                        (t("lead"), person(r.lead)),
                        (t("contact"), person(r.contact)),
                        (t("steering"), r.steering),
                    ]
                ),
                SubHeading(t("team")) if team else None,
                team,
            ),
        )

    res = charter.resources
    if res is not None:
        blocks: list[Block] = []
        fact = _facts([(t("budget_total"), format_amount(res.budget_total_eur, lang))])
        if fact:
            blocks.append(fact)
        if res.budget:
            total = sum(line.amount_eur or 0 for line in res.budget)
            unknown = sum(1 for line in res.budget if line.amount_eur is None)
            total_text = format_amount(total, lang)
            if unknown:  # a missing amount is unknown, not 0 €: never a wrong sum
                total_text = t("at_least", total=total_text, count=unknown)
            blocks += [
                SubHeading(t("budget")),
                Table(
                    [t("item"), t("year"), t("funding_source"), t("status"), t("amount")],
                    [
                        [
                            line.item or "",
                            _line_period(line, date),
                            " · ".join(x for x in (line.funding_source, line.funder) if x),
                            label("budget_status", line.status),
                            format_amount(line.amount_eur, lang),
                        ]
                        for line in res.budget
                    ],
                    numeric=frozenset({1, 4}),
                    footer=[t("sum"), "", "", "", total_text],
                ),
            ]
        if res.staff:
            blocks += [
                SubHeading(t("staff")),
                Table(
                    [t("role"), t("fte"), t("status")],
                    [
                        [s.role or "", format_number(s.fte, lang), label("staff_status", s.status)]
                        for s in res.staff
                    ],
                    numeric=frozenset({1}),
                ),
            ]
        if res.milestones:
            blocks += [
                SubHeading(t("milestones")),
                Table(
                    [t("date"), t("milestone"), t("state")],
                    [
                        [
                            date(ms.date),
                            ms.name or "",
                            _milestone_state(ms.done, ms.date, day, lang),
                        ]
                        for ms in sorted(res.milestones, key=lambda x: sort_key(x.date))
                    ],
                ),
            ]
        add("resources", blocks)

    md = charter.mandate
    if md is not None:
        add(
            "mandate",
            _blocks(
                _facts(
                    [
                        (t("mandate_status"), label("mandate_status", md.status)),
                        (t("granted_by"), label("mandate_bodies", md.granted_by)),
                        (t("body"), md.body),
                        (t("decided_on"), date(md.date)),
                        (t("reference"), md.reference),
                        (t("valid_until"), date(md.valid_until)),
                    ]
                ),
                Bullets(list(md.scope), t("scope")) if md.scope else None,
                Paragraph(md.change_mandate, t("change_mandate")) if md.change_mandate else None,
                Paragraph(md.conditions, t("conditions")) if md.conditions else None,
            ),
        )
    if charter.competencies:
        add(
            "competencies",
            [
                Table(
                    [t("skill"), t("available"), t("source"), t("gap_closed")],
                    [
                        [
                            c.skill or "",
                            _yes_no(c.available, lang),
                            label("competency_sources", c.source),
                            c.mitigation or "",
                        ]
                        for c in charter.competencies
                    ],
                )
            ],
        )
    stakeholder_blocks: list[Block] = []
    if charter.stakeholders:
        stakeholder_blocks.append(
            Table(
                [t("name"), t("group"), t("involvement"), t("involved"), t("needs")],
                [
                    [
                        s.name or "",
                        label("stakeholder_groups", s.group),
                        label("involvement_levels", s.involvement),
                        _yes_no(s.involved, lang),
                        s.needs or "",
                    ]
                    for s in charter.stakeholders
                ],
            )
        )
    pa = charter.participation
    if pa is not None:
        participation = _facts(
            [
                (t("public"), _yes_no(pa.public, lang)),
                (t("formats"), "; ".join(pa.formats)),
                (t("inclusion"), pa.inclusion),
            ]
        )
        if participation:
            stakeholder_blocks += [SubHeading(t("participation")), participation]
    with_participation = any(isinstance(b, SubHeading) for b in stakeholder_blocks)
    add("stakeholders", stakeholder_blocks, None if with_participation else "stakeholders_only")

    pr = charter.principles
    if pr is not None:
        add(
            "principles",
            _blocks(
                _facts(
                    [
                        (t("software"), _yes_no(pr.software, lang)),
                        (t("license"), pr.open_source_license),
                        (t("repository"), pr.repository),
                        (t("personal_data"), _yes_no(pr.personal_data, lang)),
                        (t("dpia"), label("dpia_status", pr.dpia)),
                        (t("user_facing"), _yes_no(pr.user_facing, lang)),
                        (t("accessibility"), pr.accessibility_standard),
                        (t("gender"), pr.gender),
                    ]
                )
            ),
        )
    if charter.risks:
        add(
            "risks",
            [
                Table(
                    [t("risk"), t("likelihood"), t("impact_level"), t("mitigation"), t("owner")],
                    [
                        [
                            k.description or "",
                            label("risk_levels", k.likelihood),
                            label("risk_levels", k.impact),
                            k.mitigation or "",
                            k.owner or "",
                        ]
                        for k in charter.risks
                    ],
                )
            ],
        )
    im = charter.impact
    if im is not None:
        add(
            "impact",
            _blocks(
                _facts(
                    [
                        (t("evidence"), im.evidence),
                        (t("method"), im.method),
                        (t("date"), date(im.date)),
                        (t("report"), im.report),
                    ]
                )
            ),
        )
    op = charter.operation
    if op is not None:
        add(
            "operation",
            _blocks(
                _facts(
                    [
                        (t("operator"), op.operator),
                        (t("model"), op.model),
                        (t("start"), date(op.start)),
                        (t("evaluation"), op.evaluation),
                        (t("funding"), op.funding),
                    ]
                )
            ),
        )
    tr = charter.transfer
    if tr is not None:
        add(
            "transfer",
            _blocks(
                _facts(
                    [
                        (t("documentation"), tr.documentation),
                        (t("lessons"), tr.lessons),
                        (t("reuse"), "; ".join(tr.reuse)),
                        (t("published"), _yes_no(tr.published, lang)),
                    ]
                )
            ),
        )
    add("check", _check_blocks(summary, phase_number, len(handbook.phases), lang))
    if charter.changelog:
        add(
            "changelog",
            [
                Table(
                    [t("version"), t("date"), t("changes")],
                    [[c.version or "", date(c.date), c.changes or ""] for c in charter.changelog],
                )
            ],
        )
    badges = [(t("phase"), phase_text)]
    if m.type:
        badges.append((t("type"), label("measure_types", m.type)))
    if summary is not None:
        badges.append((t("check"), t("passed") if summary.counts.passed else t("not_passed")))
    footer = t(
        "footer",
        version=__version__,
        date=date(day),
        pack=handbook.pack.name.get(lang),
        pack_version=handbook.pack.version,
    )
    return Document(
        lang, t("contents"), t("doc_kind"), m.title, m.summary, badges, sections, footer
    )


def _goal_heading(goal_id: str | None, number: int, lang: str) -> str:
    """„Ziel 1“ – the goal's position; its id only when it is not the default `z1`, `z2` …."""
    if goal_id and goal_id != f"z{number}":
        return _("goal_with_id", lang=lang, number=number, id=goal_id)
    return _("goal", lang=lang, number=number)


def has_contact_data(charter: Charter) -> bool:
    """Whether the charter names people or e-mail addresses (lead, contact, team)."""
    r = charter.responsibility
    if r is None:
        return False
    people: list[Any] = [p for p in (r.lead, r.contact) if p is not None]
    if any(p.name or p.email or p.phone for p in people):
        return True
    return any(member.name or member.email for member in r.team)


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
