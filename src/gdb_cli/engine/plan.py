"""Which rules run for a charter, compiled: worked out once per catalogue, phase and selection.

`evaluate` asks for the steps of a charter in phase N: every selected rule with
`applies_from <= N + 1`, in catalogue order, with its check compiled (`checks.compile_check`) and
whether it is an open item (`applies_from == N + 1`). Rules are read by attribute only. The
compiled plans live on the catalogue instance (`RuleCatalog.compiled`, never pickled), so they
go when the catalogue goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gdb_cli.engine.checks import CheckFunction, compile_check

if TYPE_CHECKING:
    from gdb_cli.engine.catalog import RuleCatalog


@dataclass(frozen=True)
class Step:
    rule: Any  # a catalogue rule (code, severity, applies_from, area, title, message, check)
    run: CheckFunction
    open: bool  # an open item: the rule applies from the next phase on


@dataclass
class _Plans:
    rules: list[Any]  # the catalogue's list of rules and their number when compiled
    count: int
    values: dict[str, Any]  # the pack's values named checks refer to
    codes: frozenset[str]
    steps: dict[tuple[int, tuple[str, ...], tuple[str, ...]], tuple[Step, ...]]
    functions: dict[str, CheckFunction]  # rule code -> its compiled check


def _plans_for(catalog: RuleCatalog) -> _Plans:
    rules = catalog.rules
    plans = catalog.compiled
    if not isinstance(plans, _Plans) or plans.rules is not rules or plans.count != len(rules):
        plans = _Plans(rules, len(rules), catalog.values, frozenset(catalog.codes()), {}, {})
        catalog.compiled = plans
    return plans


def _function(plans: _Plans, rule: Any) -> CheckFunction:
    function = plans.functions.get(rule.code)
    if function is None:
        function = plans.functions[rule.code] = compile_check(rule.check, plans.values)
    return function


def codes(catalog: RuleCatalog) -> frozenset[str]:
    """Every code of the catalogue."""
    return _plans_for(catalog).codes


def steps(
    catalog: RuleCatalog, phase: int, select: Sequence[str], ignore: Sequence[str]
) -> tuple[Step, ...]:
    """The rules to run for a charter in `phase`, in catalogue order."""
    from gdb_cli.engine import matches_selection

    plans = _plans_for(catalog)
    key = (phase, tuple(select), tuple(ignore))
    found = plans.steps.get(key)
    if found is None:
        found = tuple(
            Step(rule, _function(plans, rule), rule.applies_from == phase + 1)
            for rule in catalog.rules
            if rule.applies_from <= phase + 1 and matches_selection(rule.code, select, ignore)
        )
        plans.steps[key] = found
    return found
