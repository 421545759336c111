"""Named Python checks: the few rules that need code, registered by name.

A rule uses one with `[rules.check] kind = "python"`, `name = "…"` and its parameters. A
parameter may name a value of the pack instead of a number, `{ handbook = "thresholds.NAME" }`
(the `[thresholds.NAME]` of `handbook.toml`, so another city's pack can set its own); the
catalogue checks at load that the pack has it, and `prepare` puts the value in. Every
check is a function `(context, params) -> list[Hit]` that reads the charter's raw data defensively
(any value may have the wrong type – the schema reports that, a check must not crash on it).
The table in `content/rules/_FORMAT.md` documents each one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gdb_cli.charter.dates import earliest, latest, span
from gdb_cli.charter.keypaths import MISSING, PathError, get, parse, resolver
from gdb_cli.charter.value_checks import names_a_person
from gdb_cli.engine.hits import CheckContext, Hit, Ids, Shown
from gdb_cli.engine.values import as_number, is_empty

CheckFunction = Callable[[CheckContext, dict[str, Any]], list[Hit]]


@dataclass(frozen=True)
class Param:
    kind: str  # "number" | "share" | "path" | "paths" (a list of paths) | "text"
    default: Any = None
    required: bool = False


@dataclass(frozen=True)
class NamedCheck:
    function: CheckFunction
    params: dict[str, Param] = field(default_factory=dict)
    # For a check of each value at its `paths` on its own: True for a value it reports. The
    # interview asks it of every answer to one of these keys and shows the rule's message
    # (`gdb_cli.wizard.plan.Env.advice`).
    finds: Callable[[Any], bool] | None = None


REGISTRY: dict[str, NamedCheck] = {}


def register(
    name: str, finds: Callable[[Any], bool] | None = None, **params: Param
) -> Callable[[CheckFunction], CheckFunction]:
    def add(function: CheckFunction) -> CheckFunction:
        REGISTRY[name] = NamedCheck(function, dict(params), finds)
        return function

    return add


def _is_path(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse(value)
    except PathError:
        return False
    return True


HANDBOOK = "handbook"  # a parameter `{ handbook = "thresholds.NAME" }` reads the pack's value


def reference(value: Any) -> str | None:
    """The key a parameter refers to (`{ handbook = "thresholds.NAME" }`), else None."""
    key = value.get(HANDBOOK) if isinstance(value, dict) and len(value) == 1 else None
    return key if isinstance(key, str) else None


def param_ok(param: Param, value: Any) -> bool:
    """Whether `value` fits the parameter; a reference is checked against the pack's value
    when the catalogue is loaded (`engine.catalog`)."""
    if reference(value) is not None:
        return True
    if param.kind in ("number", "share"):
        number = as_number(value)
        if number is None or number < 0:
            return False
        return param.kind == "number" or number <= 1
    if param.kind == "path":
        return _is_path(value)
    if param.kind == "paths":
        return isinstance(value, list) and bool(value) and all(_is_path(v) for v in value)
    return isinstance(value, str) and bool(value)


def missing_params(name: str, params: dict[str, Any]) -> list[str]:
    spec = REGISTRY[name]
    return [key for key, param in spec.params.items() if param.required and key not in params]


def prepare(
    name: str, params: dict[str, Any], values: Mapping[str, Any] | None = None
) -> tuple[CheckFunction, dict[str, Any]]:
    """The check's function and its parameters with the defaults filled in and each reference
    replaced by the pack's value (`values`: `Handbook.values()`, checked when loaded)."""
    spec = REGISTRY[name]
    full = {key: param.default for key, param in spec.params.items()}
    for key, value in params.items():
        ref = reference(value)
        full[key] = value if ref is None else (values or {})[ref]
    return spec.function, full


# --- helpers ---------------------------------------------------------------------------------


def _items(data: Any, path: str) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) for the tables in the list at `path` (other items are skipped)."""
    value = get(data, path)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


# --- the checks ------------------------------------------------------------------------------


def fte_per_person(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    limit = float(params["max"])
    totals: dict[str, float] = {}
    last: dict[str, tuple[int, str]] = {}
    for index, member in _items(context.data, "responsibility.team"):
        name = member.get("name")
        fte = as_number(member.get("fte"))
        if not isinstance(name, str) or not name.strip() or fte is None:
            continue
        key = " ".join(name.split()).casefold()
        totals[key] = totals.get(key, 0.0) + fte
        last[key] = (index, name)
    hits = []
    for key, total in totals.items():
        if total > limit + 1e-9:
            index, name = last[key]
            hits.append(
                Hit(
                    f"responsibility.team[{index}].fte",
                    Shown(total),
                    {"detail": name, "limit": Shown(limit)},
                )
            )
    return hits


def milestones_within_timeframe(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    raw_start, raw_end = get(context.data, "measure.start"), get(context.data, "measure.end")
    start, end = earliest(raw_start), latest(raw_end)
    hits = []
    for index, milestone in _items(context.data, "resources.milestones"):
        covered = span(milestone.get("date"))
        if covered is None:
            continue
        if (start and covered[1] < start) or (end and covered[0] > end):
            frame = f"{raw_start if start else '…'} – {raw_end if end else '…'}"
            hits.append(
                Hit(
                    f"resources.milestones[{index}].date",
                    milestone.get("date"),
                    {"detail": frame, "limit": frame},
                )
            )
    return hits


def milestones_not_overdue(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    if _closed_measure(context):  # a completed or stopped measure has nothing overdue
        return []
    hits = []
    for index, milestone in _items(context.data, "resources.milestones"):
        date = latest(milestone.get("date"))  # a month is overdue only after its last day
        if date is None or milestone.get("done") is True:
            continue
        if date < context.as_of:
            name = milestone.get("name")
            hits.append(
                Hit(
                    f"resources.milestones[{index}].date",
                    milestone.get("date"),
                    {
                        "detail": name if isinstance(name, str) else "",
                        "limit": context.as_of,
                    },
                )
            )
    return hits


def mandate_not_expired(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    if _closed_measure(context):
        return []
    raw = get(context.data, "mandate.valid_until")
    until = latest(raw)
    if until is not None and until < context.as_of:
        return [Hit("mandate.valid_until", raw, {"limit": context.as_of})]
    return []


def mandate_covers_end(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    raw_until, raw_end = get(context.data, "mandate.valid_until"), get(context.data, "measure.end")
    until, end = latest(raw_until), latest(raw_end)
    if until is not None and end is not None and until < end:
        return [Hit("mandate.valid_until", raw_until, {"limit": raw_end})]
    return []


def unique_ids(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    path, key = str(params["path"]), str(params["key"])
    seen: set[Any] = set()
    hits = []
    for index, item in _items(context.data, path):
        value = item.get(key)
        if is_empty(value) or isinstance(value, (list, dict)):
            continue
        marker = (type(value).__name__, value)
        if marker in seen:
            hits.append(Hit(f"{path}[{index}].{key}", value))
        seen.add(marker)
    return hits


def exception_reasons(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    hits = []
    for index, entry in _items(context.data, "exceptions"):
        code = entry.get("code")
        if is_empty(entry.get("reason")):
            hits.append(
                Hit(f"exceptions[{index}].reason", MISSING, {"detail": code if code else ""})
            )
        if isinstance(code, str) and code.strip() and code.strip() not in context.codes:
            hits.append(Hit(f"exceptions[{index}].code", code, {"detail": code}))
    return hits


def indicator_dates_in_frame(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    raw_start = get(context.data, "measure.start")
    start = earliest(raw_start)
    if start is None:
        return []
    hits = []
    for g, goal in _items(context.data, "goals"):
        for i, indicator in _items(goal, "indicators"):
            raw = indicator.get("target_date")
            date = latest(raw)
            if date is not None and date <= start:
                path = f"goals[{g}].indicators[{i}].target_date"
                hits.append(Hit(path, raw, {"limit": raw_start}))
    return hits


def competency_gaps_closed(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    hits = []
    for index, competency in _items(context.data, "competencies"):
        if competency.get("available") is False and is_empty(competency.get("mitigation")):
            skill = competency.get("skill")
            hits.append(
                Hit(
                    f"competencies[{index}].mitigation",
                    MISSING,
                    {"detail": skill if isinstance(skill, str) else ""},
                )
            )
    return hits


def budget_secured_share(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    share_needed = float(params["min_share"])
    lines = _items(context.data, "resources.budget")
    amounts = [(as_number(line.get("amount_eur")), line.get("status")) for _i, line in lines]
    total = as_number(get(context.data, "resources.budget_total_eur"))
    if total is None:
        total = sum(amount for amount, _s in amounts if amount is not None)
    if total <= 0:
        return []
    secured = sum(
        amount for amount, status in amounts if amount is not None and status == "secured"
    )
    share = secured / total
    if share + 1e-9 >= share_needed:
        return []
    path = "resources.budget" if lines else "resources.budget_total_eur"
    percent = Shown(max(share, 0.0) * 100, "percent")
    return [
        Hit(
            path,
            percent,
            {"detail": percent, "limit": Shown(share_needed * 100, "percent"), "min": share_needed},
        )
    ]


# --- format 2: a measure's state, its decisions and its funding -------------------------------

_CLOSED_STATES = ("completed", "stopped")


def _closed_measure(context: CheckContext) -> bool:
    """A completed or stopped measure: nothing of it can be overdue any more."""
    return get(context.data, "measure.status") in _CLOSED_STATES


def budget_lines_dated(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    """Every budget line names its budget year or the period it covers (`start`/`end`)."""
    return [
        Hit(f"resources.budget[{index}].year", MISSING)
        for index, line in _items(context.data, "resources.budget")
        if is_empty(line.get("year"))
        and span(line.get("start")) is None
        and span(line.get("end")) is None
    ]


def active_past_end(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    """A measure still running (no status, or `active`) after the last day of its end."""
    status = get(context.data, "measure.status")
    if status not in (MISSING, None, "active"):
        return []
    raw = get(context.data, "measure.end")
    end = latest(raw)
    if end is not None and end < context.as_of:
        return [Hit("measure.end", raw, {"limit": context.as_of})]
    return []


def phase_unchanged(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    """A running measure whose phase was entered more than `months` months before --as-of
    (MEA021 reads `months` from the pack: `thresholds.phase_unchanged_months`)."""
    if get(context.data, "measure.status") not in (MISSING, None, "active"):
        return []
    raw = get(context.data, "measure.entered_phase_on")
    since = latest(raw)  # "2025-03": counted from the month's last day, never earlier
    if since is None:
        return []
    months = (context.as_of.year - since.year) * 12 + context.as_of.month - since.month
    if context.as_of.day < since.day:
        months -= 1
    limit = float(params["months"])
    if months > limit:
        return [
            Hit("measure.entered_phase_on", raw, {"count": Shown(months), "limit": Shown(limit)})
        ]
    return []


def funded_until(line: dict[str, Any]) -> Any:
    """The last day a budget line pays for: its `end`, else the last day of its `year` (RES020,
    and `gdb report`'s "funding ends early")."""
    end = latest(line.get("end"))
    if end is not None:
        return end
    year = line.get("year")
    if isinstance(year, int) and not isinstance(year, bool) and 1 <= year <= 9999:
        return latest(str(year).zfill(4))
    return None


def funding_covers_end(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    """The budget lines pay until the measure's end: the line that runs longest does not stop
    before the last day of `measure.end` (no line after it = no follow-up)."""
    if _closed_measure(context):
        return []
    raw_end = get(context.data, "measure.end")
    end = latest(raw_end)
    if end is None:
        return []
    dated = [
        (until, index)
        for index, line in _items(context.data, "resources.budget")
        if (until := funded_until(line)) is not None
    ]
    if not dated:
        return []
    until, index = max(dated)
    if until < end:
        line = dict(_items(context.data, "resources.budget"))[index]
        key = "end" if span(line.get("end")) is not None else "year"
        return [Hit(f"resources.budget[{index}].{key}", line.get(key), {"limit": raw_end})]
    return []


def decisions_include_mandate(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    """The charter names a political mandate for change – a funding decision or a commission
    alone is not one (thesis 6). With `[[mandate.decisions]]`: one of them is a mandate for
    change, or the mandate itself is granted by a body other than a funding decision. Without
    decisions: the mandate, if granted, is not granted by a funding decision (`granted_by =
    "foerderbescheid"`, as a format-1 charter may say)."""
    granted = get(context.data, "mandate.status") in _GRANTED
    by = get(context.data, "mandate.granted_by")
    decisions = _items(context.data, "mandate.decisions")
    if not decisions:
        if granted and by == _FUNDING_BODY:
            shown = Ids("mandate.granted_by", (_FUNDING_BODY,))
            return [Hit("mandate.granted_by", by, {"detail": shown})]
        return []
    if any(d.get("kind") == "change-mandate" for _i, d in decisions):
        return []
    if granted and by not in (_FUNDING_BODY, MISSING):
        return []
    kinds = sorted({str(d.get("kind")) for _i, d in decisions if isinstance(d.get("kind"), str)})
    shown = Ids("mandate.decisions.kind", tuple(kinds))
    return [Hit("mandate.decisions", ", ".join(kinds) or "–", {"detail": shown})]


_GRANTED = ("granted", "conditional")  # a mandate in force (MAN001)
_FUNDING_BODY = "foerderbescheid"  # the mandate body that is a funding decision


def goals_name_values(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    """Every goal names a value of the value compass – reported once for the measure (at the
    first goal without one), with how many goals lack it, not once per goal."""
    goals = _items(context.data, "goals")
    lacking = [
        index
        for index, goal in goals
        if not isinstance(goal.get("values"), list) or not goal.get("values")
    ]
    if not lacking:
        return []
    ids = [str(goal.get("id") or index + 1) for index, goal in goals if index in lacking]
    return [
        Hit(
            f"goals[{lacking[0]}].values",
            MISSING,
            {"count": Shown(len(lacking)), "min": Shown(len(goals)), "detail": ", ".join(ids)},
        )
    ]


def _no_name(value: Any) -> bool:
    """A name given that names nobody („12345“, „–“); a missing one is another rule's concern."""
    return isinstance(value, str) and bool(value.strip()) and not names_a_person(value)


def person_names(context: CheckContext, params: dict[str, Any]) -> list[Hit]:
    """Every name given at one of `paths` has a letter."""
    return [
        Hit(path, value)
        for pattern in params["paths"]
        for path, value in resolver(pattern)(context.data)
        if _no_name(value)
    ]


# --- the table of named checks -----------------------------------------------------------------
# Registered here, not with a decorator on each function: the mutation test (`mutmut`, see
# docs/architecture.md) leaves decorated functions alone, and these checks make most of the
# rules' date and number comparisons.
register("fte_per_person", max=Param("number", 1.0))(fte_per_person)
register("milestones_within_timeframe")(milestones_within_timeframe)
register("milestones_not_overdue")(milestones_not_overdue)
register("mandate_not_expired")(mandate_not_expired)
register("mandate_covers_end")(mandate_covers_end)
register("unique_ids", path=Param("path", required=True), key=Param("text", required=True))(
    unique_ids
)
register("exception_reasons")(exception_reasons)
register("indicator_dates_in_frame")(indicator_dates_in_frame)
register("competency_gaps_closed")(competency_gaps_closed)
register("budget_secured_share", min_share=Param("share", 0.5))(budget_secured_share)
register("budget_lines_dated")(budget_lines_dated)
register("active_past_end")(active_past_end)
register("phase_unchanged", months=Param("number", required=True))(phase_unchanged)
register("funding_covers_end")(funding_covers_end)
register("decisions_include_mandate")(decisions_include_mandate)
register("goals_name_values")(goals_name_values)
register("person_names", finds=_no_name, paths=Param("paths", required=True))(person_names)
