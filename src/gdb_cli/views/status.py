"""The facts of `gdb status`: where a measure stands, in one view model.

`build_status(...)` combines the charter, the rule engine's report, the thesis-6 readiness, the
rule catalogue and the method records into a `Status`; `Status.to_json()` is the `--format json`
output and `gdb_cli.render.status_text` draws the same facts on one screen. Engine objects are
used through the documented contract only (attributes, duck-typed), so tests can pass fakes.

- **phases**: every phase of the pack, the current one marked;
- **readiness**: the thesis-6 areas (resources, responsibility, the mandate as part of it,
  competencies), complete or not, with their key findings;
- **gate**: the rules that must hold to leave the current phase (`applies_from == phase + 1`) –
  done = those without an open item;
- **milestones**: sorted by date, `overdue` when not done and before `as_of`, plus the span of the
  time axis (measure start/end widened to the milestones);
- **budget**: sums of budget lines by status (secured, requested, planned, other) and the declared
  total;
- **indicators**: each indicator's latest measurement against its baseline and target
  (`views.indicators`);
- **methods**: the first three recommendations of `gdb methods --for` (methods the rules of
  failing findings and open items name, then gaps, then methods of the current phase).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from gdb_cli.charter.dates import earliest, latest, sort_key

if TYPE_CHECKING:
    from gdb_cli.charter.dates import When
    from gdb_cli.charter.model import Charter
    from gdb_cli.engine import Counts
    from gdb_cli.methods.recommend import Recommendation
    from gdb_cli.pack.handbook import Handbook
    from gdb_cli.views.indicators import IndicatorProgress

Texts = dict[str, str]  # {"de": …, "en": …}


@dataclass(frozen=True)
class StatusFinding:
    code: str
    severity: str
    message: str  # the key path in it in words ("Ressourcen › Gesamtbudget")
    path: str = ""
    location_label: str = ""  # the key path in words
    open: bool = False  # an open item for leaving the phase, not a finding of the phase


@dataclass(frozen=True)
class PhaseStep:
    number: int
    name: Texts
    state: str  # "done" | "current" | "ahead"


@dataclass(frozen=True)
class AreaStatus:
    area: str
    label: Texts
    complete: bool
    findings: list[StatusFinding] = field(default_factory=list)
    part_of: str | None = None  # the area this one is part of (the mandate: responsibility)


@dataclass(frozen=True)
class Gate:
    phase: int
    next_phase: int | None  # None in the last phase
    total: int
    done: int
    open: list[StatusFinding] = field(default_factory=list)


@dataclass(frozen=True)
class MilestoneMark:
    name: str
    date: When | None  # a partial date ("2023-02") stays partial
    done: bool
    overdue: bool


@dataclass(frozen=True)
class Budget:
    secured: float = 0.0
    requested: float = 0.0
    planned: float = 0.0
    other: float = 0.0  # lines without a (known) status
    total: float | None = None  # resources.budget_total_eur
    unknown: int = 0  # lines without an amount: unknown, not 0 €
    # the same per status (secured, requested, planned, other), so no status shows a wrong 0 €
    unknown_by_status: dict[str, int] = field(default_factory=dict)

    @property
    def lines_sum(self) -> float:
        return self.secured + self.requested + self.planned + self.other

    @property
    def scale(self) -> float:
        """What 100 % of the bar is: the declared total, or the sum of the lines if larger."""
        return max(self.total or 0.0, self.lines_sum)


@dataclass(frozen=True)
class MethodTip:
    id: str
    name: Texts
    because: list[str]  # rule codes that name it; empty: a method of the current phase


@dataclass(frozen=True)
class Status:
    file: str
    title: str
    measure_id: str
    as_of: dt.date
    phase: int
    entered_phase_on: When | None
    phases: list[PhaseStep]
    check: Counts
    readiness: list[AreaStatus]
    gate: Gate
    milestones: list[MilestoneMark]
    timeline: tuple[dt.date, dt.date] | None  # the span of the milestone axis
    budget: Budget
    methods: list[MethodTip]
    indicators: list[IndicatorProgress] = field(default_factory=list)
    labels: dict[str, Texts] = field(default_factory=dict)  # headings from the field texts
    phase_derived: bool = False  # no phase stated: derived from the evidence (SCH009)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        check = self.check
        data["check"] = {
            "passed": check.passed,
            "errors": check.errors,
            "warnings": check.warnings,
            "infos": check.infos,
            "accepted": check.accepted,
        }
        data["as_of"] = self.as_of.isoformat()
        data["entered_phase_on"] = _iso(self.entered_phase_on)
        data["milestones"] = [{**asdict(m), "date": _iso(m.date)} for m in self.milestones]
        data["timeline"] = (
            None
            if self.timeline is None
            else {"start": self.timeline[0].isoformat(), "end": self.timeline[1].isoformat()}
        )
        data["gate"]["open_count"] = len(self.gate.open)
        data["budget"]["lines_sum"] = self.budget.lines_sum
        data["readiness_complete"] = all(a.complete for a in self.readiness)
        data["indicators"] = [_indicator_json(p) for p in self.indicators]
        del data["labels"]
        return data


def _indicator_json(item: IndicatorProgress) -> dict[str, Any]:
    """An indicator as JSON: the facts, not the sentences the text screen shows."""
    reading = item.latest
    return {
        "path": item.path,
        "goal": item.goal,
        "goal_id": item.goal_id,
        "name": item.name,
        "unit": item.unit,
        "baseline": item.baseline,
        "target": item.target,
        "target_date": _iso(item.target_date),
        "latest": None
        if reading is None
        else {"date": _iso(reading.date), "value": reading.value, "source": reading.source},
        "measurements": item.measurements,
    }


def _iso(value: When | None) -> str | None:
    """A date as JSON text: `2026-06-15`, or a partial date as written (`2023-02`)."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# --- building ------------------------------------------------------------------------------------


_RANK = {"error": 0, "warning": 1, "info": 2}


def _finding(f: Any, handbook: Handbook | None = None, is_open: bool = False) -> StatusFinding:
    from gdb_cli.views.locations import human_location, message_in_words

    fields = getattr(handbook, "fields", None)
    path = str(f.path or "")
    return StatusFinding(
        str(f.code),
        str(f.severity),
        message_in_words(str(f.message), path, fields=fields),
        path,
        human_location(path, fields=fields),
        is_open,
    )


def _most_severe_first(findings: Iterable[StatusFinding]) -> list[StatusFinding]:
    """Findings of the phase before open items, errors before warnings before infos."""
    return sorted(findings, key=lambda f: (f.open, _RANK.get(f.severity, 9)))


def _unique_codes(findings: Iterable[Any]) -> list[str]:
    seen: dict[str, None] = {}
    for f in findings:
        seen.setdefault(str(f.code), None)
    return list(seen)


def build_status(
    *,
    file: str,
    charter: Charter,
    handbook: Handbook,
    report: Any,
    readiness: Sequence[Any],
    rules: Sequence[Any],
    tips: list[MethodTip],
    as_of: dt.date,
) -> Status:
    """The status of a charter. `report`: engine Report; `readiness`: AreaReadiness list;
    `rules`: the catalogue's rules (code, applies_from); `tips`: see `method_tips`."""
    m = charter.measure
    phase = report.phase or m.phase or 1
    last = len(handbook.phases)
    steps = [
        PhaseStep(
            p.number,
            {"de": p.name.de, "en": p.name.en},
            "done" if p.number < phase else "current" if p.number == phase else "ahead",
        )
        for p in handbook.phases
    ]
    from gdb_cli.engine import Counts
    from gdb_cli.views.indicators import progress

    check = Counts.of((report,))
    opened = set(report.open)
    areas = [
        AreaStatus(
            str(a.area),
            dict(a.label),
            bool(a.complete),
            _most_severe_first(_finding(f, handbook, f in opened) for f in a.findings),
            getattr(a, "part_of", None),
        )
        for a in readiness
    ]
    gate_codes = [r.code for r in rules if r.applies_from == phase + 1]
    open_codes = set(_unique_codes(report.open))
    gate = Gate(
        phase=phase,
        next_phase=phase + 1 if phase < last else None,
        total=len(gate_codes),
        done=sum(1 for code in gate_codes if code not in open_codes),
        open=_most_severe_first(_finding(f, handbook, True) for f in report.open),
    )
    return Status(
        file=file,
        title=m.title,
        measure_id=m.id,
        as_of=as_of,
        phase=phase,
        phase_derived=bool(getattr(report, "phase_derived", False)),
        entered_phase_on=m.entered_phase_on,
        phases=steps,
        check=check,
        readiness=areas,
        gate=gate,
        milestones=_milestones(charter, as_of),
        timeline=_timeline(charter, as_of),
        budget=_budget(charter),
        methods=tips,
        indicators=progress(charter, handbook.fields),
        labels={
            "indicators": {
                lang: handbook.fields.short("goals[*].indicators", lang) for lang in ("de", "en")
            }
        },
    )


def _milestones(charter: Charter, as_of: dt.date) -> list[MilestoneMark]:
    resources = charter.resources
    if resources is None:
        return []
    marks = [
        MilestoneMark(
            ms.name or "",
            ms.date,
            bool(ms.done),
            not ms.done and _before(ms.date, as_of),
        )
        for ms in resources.milestones
    ]
    return sorted(marks, key=lambda mark: sort_key(mark.date))


def _before(value: When | None, day: dt.date) -> bool:
    """True when all of `value` lies before `day` (a month only after its last day)."""
    last = latest(value)
    return last is not None and last < day


def _timeline(charter: Charter, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """The span of the milestone axis: start to end and every milestone; a measure still
    running past its end extends it to `as_of`."""
    m = charter.measure
    firsts = [d for d in (earliest(m.start), earliest(m.end)) if d]
    lasts = [d for d in (latest(m.start), latest(m.end)) if d]
    if charter.resources is not None:
        firsts += [d for ms in charter.resources.milestones if (d := earliest(ms.date))]
        lasts += [d for ms in charter.resources.milestones if (d := latest(ms.date))]
    if not firsts:
        return None
    start, end = min(firsts), max(lasts)
    end_of_measure = latest(m.end)
    running = m.status not in ("completed", "stopped", "paused")
    if running and end_of_measure is not None and end_of_measure < as_of and start <= as_of:
        end = max(end, as_of)
    return start, end


def _budget(charter: Charter) -> Budget:
    resources = charter.resources
    if resources is None:
        return Budget()
    sums = {"secured": 0.0, "requested": 0.0, "planned": 0.0, "other": 0.0}
    for line in resources.budget:
        key = line.status if line.status in sums else "other"
        sums[key] += line.amount_eur or 0.0
    unknown: dict[str, int] = {}
    for line in resources.budget:
        if line.amount_eur is None:
            key = line.status if line.status in sums else "other"
            unknown[key] = unknown.get(key, 0) + 1
    return Budget(
        **sums,
        total=resources.budget_total_eur,
        unknown=sum(unknown.values()),
        unknown_by_status=unknown,
    )


def method_tips(recommendations: Sequence[Recommendation], limit: int = 3) -> list[MethodTip]:
    """The first recommendations of `gdb methods --for` (one ranking for both commands)."""
    return [
        MethodTip(
            rec.method.id, rec.method.name.as_dict(), [rec.key] if rec.reason == "rule" else []
        )
        for rec in recommendations[:limit]
    ]
