"""`gdb methods --for charter.toml`: which methods help this measure now, and why.

Three kinds of recommendation, in this order, each method listed once:

1. **Rules** – the methods named (`methods = [...]`) by the rules of the charter's findings from
   the check engine: failing findings first, then open items (what must hold to leave the phase),
   then other errors and warnings. Why: the rule's code and title.
2. **Gaps** – a fallback for what no rule flags yet, read from the charter itself and mapped to
   methods (preferred ids first, then methods carrying the gap's tags): no stakeholders →
   stakeholder mapping; no indicators → indicator/impact methods; mandate not granted → decision
   round; and so on. A gap counts from the phase in which the handbook expects it closed
   (operations from phase 4 …) and is skipped when a finding of its rule area (`rules`) exists.
3. **Phase** – methods of the charter's current phase: GD:B formats and CityLAB guides first,
   then the most phase-specific ones.

Each recommendation carries one line on why, in both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gdb_cli.i18n import Catalog
from gdb_cli.methods.records import Catalogue, Method, Text

if TYPE_CHECKING:
    from gdb_cli.charter.model import Charter
    from gdb_cli.engine import Report
    from gdb_cli.engine.catalog import RuleCatalog
    from gdb_cli.findings import Finding

_ = Catalog(
    {
        "mandate": {
            "de": "Mandat noch nicht erteilt (mandate.status: {status}) – die Entscheidungsrunde "
            "erteilt es und gibt die Ressourcen frei.",
            "en": "Mandate not granted yet (mandate.status: {status}) – the decision round grants "
            "it and releases the resources.",
        },
        "stakeholders": {
            "de": "Noch keine Akteur:innen erfasst ([[stakeholders]] fehlt) – wer ist "
            "betroffen, wer muss mitwirken?",
            "en": "No stakeholders recorded yet ([[stakeholders]] missing) – who is affected, "
            "who must take part?",
        },
        "goals": {
            "de": "Noch keine Ziele ([[goals]] fehlt) – Wirkung und Indikatoren klären.",
            "en": "No goals yet ([[goals]] missing) – work out the impact and its indicators.",
        },
        "indicators": {
            "de": "Ziele ohne Indikatoren (goals.indicators) – woran wird Wirkung gemessen?",
            "en": "Goals without indicators (goals.indicators) – how will impact be measured?",
        },
        "problem": {
            "de": "Problem noch nicht beschrieben (problem.challenge fehlt).",
            "en": "Problem not described yet (problem.challenge missing).",
        },
        "team": {
            "de": "Verantwortung und Team noch offen (responsibility.lead / responsibility.team).",
            "en": "Responsibility and team still open (responsibility.lead / responsibility.team).",
        },
        "competencies": {
            "de": "Kompetenzen nicht geklärt ([[competencies]] fehlt oder Lücke ohne "
            "mitigation) – These 6.",
            "en": "Competencies not settled ([[competencies]] missing or a gap without "
            "mitigation) – thesis 6.",
        },
        "resources": {
            "de": "Ressourcen nicht beschrieben ([resources] ohne Budget und Personal) – These 6.",
            "en": "Resources not described ([resources] without budget and staff) – thesis 6.",
        },
        "participation": {
            "de": "Noch keine Beteiligungsformate geplant (participation.formats).",
            "en": "No participation formats planned yet (participation.formats).",
        },
        "impact": {
            "de": "Erprobung ohne festgehaltene Wirkung ([impact].evidence fehlt) – testen und "
            "auswerten.",
            "en": "Trial without recorded impact ([impact].evidence missing) – test and evaluate.",
        },
        "operation": {
            "de": "Regelbetrieb noch offen ([operation].operator fehlt).",
            "en": "Operations still open ([operation].operator missing).",
        },
        "transfer": {
            "de": "Wissenstransfer noch offen ([transfer].documentation fehlt).",
            "en": "Knowledge transfer still open ([transfer].documentation missing).",
        },
        "accessibility": {
            "de": "Nutzendenkontakt ohne Barrierefreiheitsstandard "
            "(principles.accessibility_standard).",
            "en": "User-facing without an accessibility standard "
            "(principles.accessibility_standard).",
        },
        "phase": {
            "de": "Phase {phase}: {when}",
            "en": "Phase {phase}: {when}",
        },
        "missing": {"de": "fehlt", "en": "missing"},
        "rule_failing": {"de": "{code} {title} (Fehler)", "en": "{code} {title} (error)"},
        "also": {"de": " · auch zu {codes}", "en": " · also for {codes}"},
        "rule_open": {
            "de": "{code} {title} (offen, nötig für Phase {next})",
            "en": "{code} {title} (open, needed for phase {next})",
        },
        "rule_warning": {"de": "{code} {title} (Warnung)", "en": "{code} {title} (warning)"},
    }
)

PER_GAP = 3
PHASE_LIMIT = 8
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def fits(method: Method, phase: int) -> bool:
    """A method fits a charter in `phase` when it is meant for this phase or the next one."""
    return phase in method.phases or phase + 1 in method.phases


_SOURCE_ORDER = {"gdb": 0, "citylab": 1}
_OPEN_MANDATE = {"granted", "conditional"}


@dataclass(frozen=True)
class Recommendation:
    method: Method
    why: Text
    reason: str  # "rule" | "gap" | "phase"
    key: str  # rule code, gap key or "phase-N"


@dataclass(frozen=True)
class RuleHit:
    """A rule behind a finding of the charter: its code, title, state and methods."""

    code: str
    title: Text
    state: str  # "failing" | "open" | "warning"
    methods: tuple[str, ...]


@dataclass(frozen=True)
class Gap:
    key: str
    test: Callable[[Charter], bool]  # True: the gap is open
    why: Callable[[Charter], Text]
    methods: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    from_phase: int = 1
    rules: tuple[str, ...] = ()  # rule codes / prefixes that cover the same concern


def _fixed(key: str) -> Callable[[Charter], Text]:
    return lambda _charter: _.both(key)


def _mandate_open(c: Charter) -> bool:
    return c.mandate is None or c.mandate.status not in _OPEN_MANDATE


def _mandate_why(c: Charter) -> Text:
    status = c.mandate.status if c.mandate and c.mandate.status else None
    return {
        lang: _("mandate", lang=lang, status=status or _("missing", lang=lang))
        for lang in ("de", "en")
    }


def _no_indicators(c: Charter) -> bool:
    return bool(c.goals) and not any(goal.indicators for goal in c.goals)


def _competency_gap(c: Charter) -> bool:
    return not c.competencies or any(
        comp.available is False and not (comp.mitigation or "").strip() for comp in c.competencies
    )


def _no_resources(c: Charter) -> bool:
    return c.resources is None or not (c.resources.budget or c.resources.staff)


def _no_team(c: Charter) -> bool:
    r = c.responsibility
    return r is None or r.lead is None or not r.team


def _no_accessibility(c: Charter) -> bool:
    p = c.principles
    return p is not None and bool(p.user_facing) and not (p.accessibility_standard or "").strip()


GAPS: tuple[Gap, ...] = (
    Gap("mandate", _mandate_open, _mandate_why, ("decision-round",), ("mandate",), rules=("MAN",)),
    Gap(
        "stakeholders",
        lambda c: not c.stakeholders,
        _fixed("stakeholders"),
        (),
        ("stakeholders",),
        rules=("STK001", "STK002"),
    ),
    Gap(
        "goals",
        lambda c: not c.goals,
        _fixed("goals"),
        (),
        ("indicators", "impact"),
        rules=("GOL001",),
    ),
    Gap(
        "indicators",
        _no_indicators,
        _fixed("indicators"),
        (),
        ("indicators", "impact"),
        rules=("PHR001",),
    ),
    Gap(
        "problem",
        lambda c: c.problem is None or not (c.problem.challenge or "").strip(),
        _fixed("problem"),
        (),
        ("problem-framing",),
        rules=("MEA007",),
    ),
    Gap("team", _no_team, _fixed("team"), ("measure-team",), ("team",), rules=("RSP001", "RSP004")),
    Gap(
        "resources",
        _no_resources,
        _fixed("resources"),
        (),
        ("resources",),
        rules=("RES001", "RES002", "RES005"),
    ),
    Gap(
        "competencies",
        _competency_gap,
        _fixed("competencies"),
        (),
        ("competencies",),
        rules=("CMP",),
    ),
    Gap(
        "participation",
        lambda c: c.participation is None or not c.participation.formats,
        _fixed("participation"),
        (),
        ("participation",),
        from_phase=2,
        rules=("STK006",),
    ),
    Gap(
        "accessibility",
        _no_accessibility,
        _fixed("accessibility"),
        (),
        ("accessibility",),
        from_phase=2,
        rules=("ACC002",),
    ),
    Gap(
        "impact",
        lambda c: c.impact is None or not (c.impact.evidence or "").strip(),
        _fixed("impact"),
        (),
        ("testing", "evaluation"),
        from_phase=3,
        rules=("PHR011", "PHR012"),
    ),
    Gap(
        "operation",
        lambda c: c.operation is None or not (c.operation.operator or "").strip(),
        _fixed("operation"),
        (),
        ("operations",),
        from_phase=4,
        rules=("PHR014", "PHR016"),
    ),
    Gap(
        "transfer",
        lambda c: c.transfer is None or not (c.transfer.documentation or "").strip(),
        _fixed("transfer"),
        (),
        ("knowledge-transfer", "scaling"),
        from_phase=5,
        rules=("PHR019",),
    ),
)


def methods_for(
    catalogue: Catalogue, ids: tuple[str, ...], tags: tuple[str, ...], phase: int
) -> list[Method]:
    """The named methods (in that order), then those carrying any of `tags`, best fit first."""
    chosen = [m for m in (catalogue.get(i) for i in ids) if m is not None]
    tagged = [m for m in catalogue.methods if m not in chosen and set(tags) & set(m.tags)]
    tagged.sort(
        key=lambda m: (
            phase not in m.phases,
            _SOURCE_ORDER.get(m.source, 9),
            -len(set(tags) & set(m.tags)),
            len(m.phases),
            m.title("de").casefold(),
        )
    )
    return chosen + tagged


def phase_methods(catalogue: Catalogue, phase: int) -> list[Method]:
    """Methods of a phase: GD:B formats and CityLAB guides first, then the most specific."""
    found = [m for m in catalogue.methods if phase in m.phases]
    found.sort(
        key=lambda m: (_SOURCE_ORDER.get(m.source, 9), len(m.phases), m.title("de").casefold())
    )
    return found


def rule_hits(report: Report, rules: RuleCatalog) -> list[RuleHit]:
    """The rules behind a report's failing findings, open items, then other errors and warnings
    (each code once, in that order)."""
    hits: list[RuleHit] = []
    seen: set[str] = set()
    groups = (
        ("failing", report.failing),
        ("open", report.open),
        ("warning", [f for f in report.findings if f.severity in ("error", "warning")]),
    )
    order = {area.id: index for index, area in enumerate(rules.areas)}
    thesis6 = {area.id for area in rules.areas if area.thesis6}

    def importance(finding: Finding) -> tuple[bool, int, int, str]:
        """Thesis-6 areas first, errors before warnings, then catalogue order and code."""
        rule = rules.get(finding.code)
        area = rule.area if rule is not None else ""
        severity = _SEVERITY_ORDER.get(finding.severity, 3)
        return (area not in thesis6, severity, order.get(area, len(order)), finding.code)

    for state, findings in groups:
        for finding in sorted(findings, key=importance):
            rule = rules.get(finding.code)
            if rule is None or finding.code in seen:
                continue
            seen.add(finding.code)
            # an error that is not failing (e.g. accepted elsewhere) is still shown as an error
            state_here = "failing" if state == "warning" and finding.severity == "error" else state
            title = {"de": rule.title.de, "en": rule.title.en}
            hits.append(RuleHit(finding.code, title, state_here, tuple(rule.methods)))
    return hits


def _rule_why(hit: RuleHit, phase: int) -> Text:
    key = {"failing": "rule_failing", "open": "rule_open"}.get(hit.state, "rule_warning")
    return {
        lang: _(key, lang=lang, code=hit.code, title=hit.title[lang], next=phase + 1)
        for lang in ("de", "en")
    }


class _Picked:
    """The recommendations so far; a method is recommended once, for its first reason."""

    def __init__(self) -> None:
        self.result: list[Recommendation] = []
        self.seen: set[str] = set()

    def add(self, method: Method, why: Text, reason: str, key: str) -> None:
        if method.id not in self.seen:
            self.seen.add(method.id)
            self.result.append(Recommendation(method, why, reason, key))


def recommend(
    catalogue: Catalogue, charter: Charter, hits: list[RuleHit] | None = None
) -> list[Recommendation]:
    """Recommendations for a charter: methods of its rules' findings, gaps, then its phase."""
    phase = charter.measure.phase or 1  # a charter without phase: derived when loaded
    picked = _Picked()
    _for_findings(picked, catalogue, hits or [], phase)
    _for_gaps(picked, catalogue, charter, [hit.code for hit in hits or []])
    _for_phase(picked, catalogue, phase)
    return picked.result


def _for_findings(picked: _Picked, catalogue: Catalogue, hits: list[RuleHit], phase: int) -> None:
    """The methods the failing rules name, each finding with one of its own where possible."""
    # Every finding first gets one method of its own (most important findings first, so a
    # method named by several rules is credited to the first that has no other), then the rest.
    fitting = [
        (hit, [m for m in map(catalogue.get, hit.methods) if m is not None and fits(m, phase)])
        for hit in hits
    ]  # no phase-5 method for a charter in phase 1
    for hit, methods in fitting:
        own = [m for m in methods if m.id not in picked.seen]
        if own:
            picked.add(own[0], _rule_why(hit, phase), "rule", hit.code)
    for hit, methods in fitting:
        for method in methods:
            picked.add(method, _rule_why(hit, phase), "rule", hit.code)
    # A method named by several findings says so: decision-round … · auch zu MAN001, MAN002.
    also: dict[str, list[str]] = {}
    for hit, methods in fitting:
        for method in methods:
            also.setdefault(method.id, [])
            if hit.code not in also[method.id]:
                also[method.id].append(hit.code)
    for index, rec in enumerate(picked.result):
        others = [code for code in also.get(rec.method.id, []) if code != rec.key]
        if others:
            why = {
                lang: text + _("also", lang=lang, codes=", ".join(others))
                for lang, text in rec.why.items()
            }
            picked.result[index] = Recommendation(rec.method, why, rec.reason, rec.key)


def _for_gaps(picked: _Picked, catalogue: Catalogue, charter: Charter, flagged: list[str]) -> None:
    """Methods for gaps no rule flags (yet), e.g. indicators in phase 1."""
    phase = charter.measure.phase or 1  # a charter without phase: derived when loaded
    for gap in GAPS:
        if phase < gap.from_phase or not gap.test(charter):
            continue
        if any(code.startswith(gap.rules) for code in flagged) and gap.rules:
            continue
        why = gap.why(charter)
        fresh = [
            m
            for m in methods_for(catalogue, gap.methods, gap.tags, phase)
            if m.id not in picked.seen and fits(m, phase)
        ]
        for method in fresh[:PER_GAP]:
            picked.add(method, why, "gap", gap.key)


def _for_phase(picked: _Picked, catalogue: Catalogue, phase: int) -> None:
    """Up to PHASE_LIMIT more methods of the charter's phase."""
    phase_label = catalogue.phases.get(phase)
    fresh = [m for m in phase_methods(catalogue, phase) if m.id not in picked.seen]
    for method in fresh[:PHASE_LIMIT]:
        why = {
            lang: _(
                "phase",
                lang=lang,
                phase=f"{phase} ({phase_label.get(lang) if phase_label else phase})",
                when=method.when.get(lang),
            )
            for lang in ("de", "en")
        }
        picked.add(method, why, "phase", f"phase-{phase}")
