"""The declarative check kinds: one small function each, looked up by `kind`.

Each function gets the check (a model from `catalog`) and the `CheckContext` and returns the
places where the check does not hold, as `Hit`s with the concrete key path. See the table in
`content/rules/_FORMAT.md`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gdb_cli.engine import named
from gdb_cli.engine.catalog import (
    AS_OF,
    AnyItemCheck,
    Check,
    Condition,
    DateOrderCheck,
    EqualsCheck,
    ItemsHaveCheck,
    MinItemsCheck,
    PythonCheck,
    RequiredCheck,
    SumEqualsCheck,
    WhenCheck,
)
from gdb_cli.engine.hits import CheckContext, Hit, Shown
from gdb_cli.engine.paths import (
    MISSING,
    as_date,
    as_number,
    has_star,
    is_empty,
    one_of,
    resolve,
)


def required(check: RequiredCheck, context: CheckContext) -> list[Hit]:
    return [
        Hit(path, value) for path, value in resolve(context.data, check.path) if is_empty(value)
    ]


def min_items(check: MinItemsCheck, context: CheckContext) -> list[Hit]:
    hits = []
    for path, value in resolve(context.data, check.path):
        count = len(value) if isinstance(value, list) else (0 if is_empty(value) else 1)
        if count < check.min:
            hits.append(Hit(path, value, {"count": count, "min": check.min, "limit": check.min}))
    return hits


def items_have(check: ItemsHaveCheck, context: CheckContext) -> list[Hit]:
    hits = []
    for path, value in resolve(context.data, check.path):
        if not isinstance(value, list):
            continue
        for index, item in enumerate(value):
            for key in check.keys:
                found = item.get(key, MISSING) if isinstance(item, dict) else MISSING
                if is_empty(found):
                    hits.append(Hit(f"{path}[{index}].{key}", found))
    return hits


def equals(check: EqualsCheck, context: CheckContext) -> list[Hit]:
    return [
        Hit(path, value)
        for path, value in resolve(context.data, check.path)
        if is_empty(value) or not one_of(value, check.value)
    ]


def _matches(item: Any, where: dict[str, Any]) -> bool:
    if not isinstance(item, dict):
        return False
    return all(
        not is_empty(item.get(key, MISSING)) and one_of(item.get(key), wanted)
        for key, wanted in where.items()
    )


def any_item(check: AnyItemCheck, context: CheckContext) -> list[Hit]:
    hits = []
    for path, value in resolve(context.data, check.path):
        items = value if isinstance(value, list) else []
        if not any(_matches(item, check.where) for item in items):
            hits.append(Hit(path, value, {"count": len(items)}))
    return hits


def condition_holds(condition: Condition, context: CheckContext) -> bool:
    if condition.all_of is not None:
        return all(condition_holds(c, context) for c in condition.all_of)
    if condition.any_of is not None:
        return any(condition_holds(c, context) for c in condition.any_of)
    if condition.phase_at_least is not None:
        return context.phase >= condition.phase_at_least
    assert condition.path is not None  # guaranteed by the model
    values = [value for _p, value in resolve(context.data, condition.path)]
    if condition.present is not None:
        return any(not is_empty(v) for v in values) == condition.present
    if condition.equals is not None:
        return any(not is_empty(v) and one_of(v, condition.equals) for v in values)
    return not any(not is_empty(v) and one_of(v, condition.not_equals) for v in values)


def when(check: WhenCheck, context: CheckContext) -> list[Hit]:
    if not condition_holds(check.if_, context):
        return []
    return run(check.then, context)


def _dates(path: str, context: CheckContext) -> list[tuple[str | None, Any]]:
    if path == AS_OF:
        return [(None, context.as_of)]
    return list(resolve(context.data, path))


def date_order(check: DateOrderCheck, context: CheckContext) -> list[Hit]:
    first_star = check.first != AS_OF and has_star(check.first)
    report_first = first_star or (check.second == AS_OF)
    firsts = _dates(check.first, context)
    seconds = _dates(check.second, context)
    if first_star:
        other = seconds[0] if seconds else (None, MISSING)
        pairs = [(first, other) for first in firsts]
    else:
        first = firsts[0] if firsts else (None, MISSING)
        pairs = [(first, second) for second in seconds]
    hits = []
    for (first_path, first_value), (second_path, second_value) in pairs:
        a, b = as_date(first_value), as_date(second_value)
        if a is None or b is None or a < b or (a == b and not check.strict):
            continue
        if (report_first or second_path is None) and first_path is not None:
            hits.append(Hit(first_path, a, {"limit": b}))
        elif second_path is not None:
            hits.append(Hit(second_path, b, {"limit": a}))
    return hits


def sum_equals(check: SumEqualsCheck, context: CheckContext) -> list[Hit]:
    total_hits = list(resolve(context.data, check.total))
    if len(total_hits) != 1:
        return []
    total_path, total_value = total_hits[0]
    total = as_number(total_value)
    if total is None:
        return []
    numbers = [as_number(v) for _p, v in resolve(context.data, check.items)]
    values = [n for n in numbers if n is not None]
    if not values:
        return []
    found = sum(values)
    if abs(found - total) <= check.tolerance:
        return []
    kind = "amount" if check.total.endswith("_eur") else "number"
    return [
        Hit(
            total_path,
            total_value,
            {"detail": Shown(found, kind), "limit": Shown(total, kind), "count": len(values)},
        )
    ]


def python(check: PythonCheck, context: CheckContext) -> list[Hit]:
    return named.run(check.name, context, check.params)


KINDS: dict[str, Callable[[Any, CheckContext], list[Hit]]] = {
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


def run(check: Check, context: CheckContext) -> list[Hit]:
    return KINDS[check.kind](check, context)
