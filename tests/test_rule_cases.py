"""Every rule of the bundled catalogue against its own cases in `tests/rule_cases/<area>.toml`.

A case patches a base charter (`minimal` = examples/minimal-phase1.toml, `example` =
examples/charter.example.toml) and says what the rule must do:

    [[cases]]
    code = "MAN001"
    base = "minimal"
    phase = 2                 # optional: overrides measure.phase
    as_of = 2026-11-29        # optional: the check date (default: 2026-11-29, so tests are stable)
    fail = { set = { "mandate.status" = "pending" }, delete = ["mandate.granted_by"] }
    pass = { set = { "mandate.status" = "granted", "mandate.granted_by" = "cdo" } }

`fail`: the rule reports its code – as a finding when `applies_from <= phase`, as an open item when
`applies_from == phase + 1`. `pass`: the code is neither a finding nor an open item. Every rule
needs at least one case with `fail` and one with `pass`.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE
from gdb_cli.engine import evaluate
from gdb_cli.engine.catalog import load_rules
from gdb_cli.pack.handbook import load_handbook
from helpers import MINIMAL, load_data, patched

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"
DEFAULT_AS_OF = dt.date(2026, 11, 29)
BASES = {"minimal": MINIMAL, "example": EXAMPLE}


def _load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for file in sorted(CASES_DIR.glob("*.toml")):
        with file.open("rb") as handle:
            data = tomllib.load(handle)
        for index, case in enumerate(data.get("cases", [])):
            cases.append((f"{file.stem}[{index}]:{case.get('code')}", case))
    return cases


CASES = _load_cases()


def _base(name: str) -> dict[str, Any]:
    assert name in BASES, f"unknown base {name!r} (use minimal or example)"
    with BASES[name].open("rb") as handle:
        return tomllib.load(handle)


def _report(case: dict[str, Any], patch: dict[str, Any]):
    handbook = load_handbook()
    data = patched(_base(case.get("base", "minimal")), patch)
    if "phase" in case:
        data.setdefault("measure", {})["phase"] = case["phase"]
    loaded = load_data(data, handbook)
    return evaluate(loaded, handbook, as_of=case.get("as_of", DEFAULT_AS_OF)), data


@pytest.mark.parametrize(("case_id", "case"), CASES, ids=[c[0] for c in CASES])
def test_rule_case(case_id: str, case: dict[str, Any]) -> None:
    handbook = load_handbook()
    code = case["code"]
    rule = load_rules(handbook).get(code)
    assert rule is not None, f"{case_id}: no rule {code} in the catalogue"
    assert "fail" in case or "pass" in case, f"{case_id}: neither fail nor pass"
    if "fail" in case:
        report, data = _report(case, case["fail"])
        phase = data["measure"]["phase"]
        reported = [f for f in report.findings if f.code == code]
        opened = [f for f in report.open if f.code == code]
        if rule.applies_from <= phase:
            assert reported, f"{case_id}: fail patch does not report {code} in phase {phase}"
        else:
            assert rule.applies_from == phase + 1, (
                f"{case_id}: {code} applies from phase {rule.applies_from}, "
                f"the case is in phase {phase} – it cannot show"
            )
            assert opened, f"{case_id}: fail patch does not list {code} as open in phase {phase}"
    if "pass" in case:
        report, _data = _report(case, case["pass"])
        found = [f for f in report.findings + report.open if f.code == code]
        assert not found, f"{case_id}: pass patch still reports {code}: {found[0].message}"


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    codes = load_rules(load_handbook()).codes()
    failing = {case["code"] for _id, case in CASES if "fail" in case}
    passing = {case["code"] for _id, case in CASES if "pass" in case}
    assert not [c for c in codes if c not in failing], "rules without a failing case"
    assert not [c for c in codes if c not in passing], "rules without a passing case"


def test_case_files_only_name_known_rules() -> None:
    codes = set(load_rules(load_handbook()).codes())
    unknown = sorted({case["code"] for _id, case in CASES} - codes)
    assert not unknown
