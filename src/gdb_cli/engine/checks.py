"""The declarative check kinds: one small compiler each, looked up by `kind`.

Each compiler gets the check (from `catalog`; read by attribute only) and returns a function of
the `CheckContext` that gives the places where the check does not hold, as `Hit`s with the
concrete key path. Key paths are parsed and the named checks' parameters completed once, when a
check is compiled, not for every charter. See the table in `content/rules/_FORMAT.md`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdb_cli.charter.dates import earliest, latest
from gdb_cli.charter.keypaths import MISSING, has_star, resolver
from gdb_cli.engine import named
from gdb_cli.engine.catalog import AS_OF, Check
from gdb_cli.engine.hits import CheckContext, Hit, Shown
from gdb_cli.engine.values import as_number, is_empty, one_of

CheckFunction = Callable[[CheckContext], list[Hit]]
Test = Callable[[CheckContext], bool]


def required(check: Any) -> CheckFunction:
    resolve = resolver(check.path)

    def run(context: CheckContext) -> list[Hit]:
        return [Hit(path, value) for path, value in resolve(context.data) if is_empty(value)]

    return run


def min_items(check: Any) -> CheckFunction:
    resolve, minimum = resolver(check.path), check.min

    def run(context: CheckContext) -> list[Hit]:
        hits = []
        for path, value in resolve(context.data):
            count = len(value) if isinstance(value, list) else (0 if is_empty(value) else 1)
            if count < minimum:
                hits.append(Hit(path, value, {"count": count, "min": minimum, "limit": minimum}))
        return hits

    return run


def items_have(check: Any) -> CheckFunction:
    resolve, keys, where = resolver(check.path), tuple(check.keys), check.where

    def run(context: CheckContext) -> list[Hit]:
        hits = []
        for path, value in resolve(context.data):
            if not isinstance(value, list):
                continue
            for index, item in enumerate(value):
                if where is not None and not _matches(item, where):
                    continue
                for key in keys:
                    found = item.get(key, MISSING) if isinstance(item, dict) else MISSING
                    if is_empty(found):
                        hits.append(Hit(f"{path}[{index}].{key}", found))
        return hits

    return run


def equals(check: Any) -> CheckFunction:
    resolve, wanted = resolver(check.path), check.value

    def run(context: CheckContext) -> list[Hit]:
        return [
            Hit(path, value)
            for path, value in resolve(context.data)
            if is_empty(value) or not one_of(value, wanted)
        ]

    return run


def _matches(item: Any, where: dict[str, Any]) -> bool:
    if not isinstance(item, dict):
        return False
    return all(
        not is_empty(item.get(key, MISSING)) and one_of(item.get(key), wanted)
        for key, wanted in where.items()
    )


def any_item(check: Any) -> CheckFunction:
    resolve, where = resolver(check.path), check.where

    def run(context: CheckContext) -> list[Hit]:
        hits = []
        for path, value in resolve(context.data):
            items = value if isinstance(value, list) else []
            if not any(_matches(item, where) for item in items):
                hits.append(Hit(path, value, {"count": len(items)}))
        return hits

    return run


def compile_condition(condition: Any) -> Test:
    """A `when.if` condition as a test of the context."""
    if condition.all_of is not None:
        parts = [compile_condition(c) for c in condition.all_of]
        return lambda context: all(part(context) for part in parts)
    if condition.any_of is not None:
        choices = [compile_condition(c) for c in condition.any_of]
        return lambda context: any(choice(context) for choice in choices)
    if condition.phase_at_least is not None:
        least = condition.phase_at_least
        return lambda context: context.phase >= least
    assert condition.path is not None  # guaranteed by the model
    resolve = resolver(condition.path)
    if condition.present is not None:
        present: bool = condition.present

        def is_present(context: CheckContext) -> bool:
            values = [value for _p, value in resolve(context.data)]
            return any(not is_empty(v) for v in values) == present

        return is_present
    if condition.equals is not None:
        wanted = condition.equals

        def is_equal(context: CheckContext) -> bool:
            values = [value for _p, value in resolve(context.data)]
            return any(not is_empty(v) and one_of(v, wanted) for v in values)

        return is_equal
    unwanted = condition.not_equals

    def is_not_equal(context: CheckContext) -> bool:
        values = [value for _p, value in resolve(context.data)]
        return not any(not is_empty(v) and one_of(v, unwanted) for v in values)

    return is_not_equal


def when(check: Any, values: Mapping[str, Any] | None = None) -> CheckFunction:
    holds, then = compile_condition(check.if_), compile_check(check.then, values)

    def run(context: CheckContext) -> list[Hit]:
        return then(context) if holds(context) else []

    return run


def _dates(path: str) -> Callable[[CheckContext], list[tuple[str | None, Any]]]:
    if path == AS_OF:
        return lambda context: [(None, context.as_of)]
    resolve = resolver(path)
    return lambda context: list(resolve(context.data))


def date_order(check: Any) -> CheckFunction:
    first_star = check.first != AS_OF and has_star(check.first)
    report_first = first_star or (check.second == AS_OF)
    first_dates, second_dates, strict = _dates(check.first), _dates(check.second), check.strict

    def run(context: CheckContext) -> list[Hit]:
        firsts = first_dates(context)
        seconds = second_dates(context)
        if first_star:
            other = seconds[0] if seconds else (None, MISSING)
            pairs = [(first, other) for first in firsts]
        else:
            first = firsts[0] if firsts else (None, MISSING)
            pairs = [(first, second) for second in seconds]
        hits = []
        for (first_path, first_value), (second_path, second_value) in pairs:
            # only a certain disorder counts: the first date's first day after the second's last
            a, b = earliest(first_value), latest(second_value)
            if a is None or b is None or a < b or (a == b and not strict):
                continue
            if (report_first or second_path is None) and first_path is not None:
                hits.append(Hit(first_path, first_value, {"limit": second_value}))
            elif second_path is not None:
                hits.append(Hit(second_path, second_value, {"limit": first_value}))
        return hits

    return run


def sum_equals(check: Any) -> CheckFunction:
    totals, items, tolerance = resolver(check.total), resolver(check.items), check.tolerance
    kind = "amount" if check.total.endswith("_eur") else "number"

    def run(context: CheckContext) -> list[Hit]:
        total_hits = totals(context.data)
        if len(total_hits) != 1:
            return []
        total_path, total_value = total_hits[0]
        total = as_number(total_value)
        if total is None:
            return []
        numbers = [as_number(v) for _p, v in items(context.data)]
        values = [n for n in numbers if n is not None]
        if not values:
            return []
        found = sum(values)
        if abs(found - total) <= tolerance:
            return []
        return [
            Hit(
                total_path,
                total_value,
                {"detail": Shown(found, kind), "limit": Shown(total, kind), "count": len(values)},
            )
        ]

    return run


def python(check: Any, values: Mapping[str, Any] | None = None) -> CheckFunction:
    function, params = named.prepare(check.name, check.params, values)
    return lambda context: function(context, params)


KINDS: dict[str, Callable[[Any], CheckFunction]] = {
    "required": required,
    "min_items": min_items,
    "items_have": items_have,
    "equals": equals,
    "any_item": any_item,
    "when": when,
    "date_order": date_order,
    "sum_equals": sum_equals,
    "python": python,
}


def compile_check(check: Check, values: Mapping[str, Any] | None = None) -> CheckFunction:
    """The check as a function of the context (`engine.plan` keeps it with the catalogue);
    `values`: the pack's values a named check's parameters may refer to (`RuleCatalog.values`)."""
    if check.kind == "python":
        return python(check, values)
    if check.kind == "when":
        return when(check, values)
    return KINDS[check.kind](check)
