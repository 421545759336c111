"""Deriving a charter's phase (format 2, no `measure.phase`): one past the highest phase whose
results are all met, counted from phase 1 – a phase's results are met when nothing blocks leaving
it, exactly as `gdb check --gate` in that phase decides (justified exceptions included, warnings
and infos not counted). Boundaries on the reference example, and the same derived phase in
check, status, methods --for and export."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from typing import Any

import pytest
import tomli_w

from conftest import EXAMPLE
from gdb_cli.engine import derive_phase, evaluate
from gdb_cli.engine.catalog import load_rules
from gdb_cli.pack.handbook import load_handbook
from helpers import load_data, patched

AS_OF = dt.date(2026, 11, 29)
PHASE2_RESULT = "goals[0].indicators[0].target"  # PHR008, an error from phase 3 on


def _example() -> dict[str, Any]:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    del data["measure"]["phase"]
    return data


def _derived(data: dict[str, Any]) -> int:
    handbook = load_handbook()
    return derive_phase(data, load_rules(handbook), len(handbook.phases), AS_OF)


def _gate_passes(data: dict[str, Any], phase: int) -> bool:
    """`gdb check --gate` for the charter stated in `phase`: may it leave that phase?"""
    stated = patched(data, {"set": {"measure.phase": phase}})
    report = evaluate(load_data(stated), load_handbook(), as_of=AS_OF, gate=True)
    return not [f for f in report.open if f in report.failing]


def test_the_example_meets_exactly_the_results_of_phases_1_and_2():
    data = _example()
    assert _derived(data) == 3
    assert _gate_passes(data, 1) and _gate_passes(data, 2) and not _gate_passes(data, 3)


def test_one_result_of_phase_2_missing_is_phase_2():
    data = patched(_example(), {"delete": [PHASE2_RESULT]})
    assert _derived(data) == 2
    assert _gate_passes(data, 1) and not _gate_passes(data, 2)


def test_a_missing_result_of_phase_1_stops_the_count_at_phase_1():
    # phase 2's results are all there, but the measure team (phase 1) is not: the count stops
    data = patched(_example(), {"delete": ["responsibility.team"]})
    assert _derived(data) == 1


def test_warnings_of_the_gate_do_not_count():
    # the unit and the data source of an indicator are warnings from phase 3 on: open, but the
    # measure may leave phase 2 without them
    data = patched(
        _example(),
        {"delete": ["goals[0].indicators[0].unit", "goals[0].indicators[0].data_source"]},
    )
    assert _derived(data) == 3 and _gate_passes(data, 2)


def test_meeting_phase_3_results_is_phase_4():
    data = patched(_example(), {"set": {"impact.evidence": "Test mit 4 Bezirken, Bericht."}})
    assert _gate_passes(data, 3) == (_derived(data) == 4)
    assert _derived(data) == 4


@pytest.mark.parametrize(
    ("exception", "derived"),
    [
        ({"code": "PHR008", "reason": "Zielwert folgt nach dem Pilot."}, 3),
        ({"code": "PHR008", "reason": "Pilot.", "path": PHASE2_RESULT}, 3),
        ({"code": "PHR008", "reason": "Pilot.", "path": "goals[1].indicators[0].target"}, 2),
        ({"code": "PHR008", "reason": "  "}, 2),  # no reason: no exception
        ({"code": "PHR008", "reason": "Pilot.", "until": dt.date(2026, 11, 28)}, 2),  # expired
        ({"code": "PHR008", "reason": "Pilot.", "until": dt.date(2026, 11, 29)}, 3),
        ({"code": "PHR009", "reason": "Pilot."}, 2),  # another rule
    ],
)
def test_a_justified_exception_counts_as_it_does_for_the_gate(exception, derived):
    data = patched(_example(), {"delete": [PHASE2_RESULT], "set": {"exceptions": [exception]}})
    assert _derived(data) == derived
    assert _gate_passes(data, 2) == (derived == 3)


def test_check_status_methods_and_export_show_the_same_derived_phase(gdb, tmp_path):
    path = tmp_path / "ohne-phase.toml"
    path.write_text(tomli_w.dumps(patched(_example(), {"delete": [PHASE2_RESULT]})), "utf-8")
    check = gdb("--lang", "en", "check", "--format", "json", "--as-of", "2026-11-29", path)
    data = json.loads(check.out)
    [note] = [f for f in data["findings"] if f["code"] == "SCH009"]
    assert "the evidence shows phase 2" in note["message"] and note["severity"] == "info"
    assert data["files"][0]["phase"] == 2
    status = gdb("status", "--format", "json", "--as-of", "2026-11-29", path)
    assert status.code == 0 and json.loads(status.out)["phase"] == 2
    assert json.loads(status.out)["phase_derived"] is True
    text = gdb("--lang", "en", "status", "--as-of", "2026-11-29", path).out
    assert "current phase (derived)" in text
    stated = gdb("--lang", "en", "status", "--format", "json", "--as-of", "2026-11-29", EXAMPLE)
    assert json.loads(stated.out)["phase_derived"] is False
    export = gdb("--lang", "en", "export", path, "--format", "md")
    assert export.code == 0 and "**Phase:** 2 of 5: Exploration (derived)" in export.out
    stated_export = gdb("--lang", "en", "export", EXAMPLE, "--format", "md").out
    assert "**Phase:** 3 of 5: Testing ·" in stated_export and "(derived)" not in stated_export
    methods = gdb("--lang", "en", "methods", "--for", path)
    assert methods.code == 0
    assert "Phase 2 (Exploration):" in methods.out and "needed for phase 3" in methods.out
    assert "Phase 3 (Testing):" not in methods.out
    titled = gdb("--lang", "en", "methods", "--for", path, "--format", "markdown").out
    assert "(phase 2, derived)" in titled.splitlines()[0]
    stated_methods = gdb("methods", "--for", EXAMPLE, "--format", "markdown").out
    assert "(Phase 3)" in stated_methods.splitlines()[0] and "abgeleitet" not in stated_methods


def test_rules_explains_the_derivation_once():
    from gdb_cli.engine.fixed import FIXED_CODES

    nine, ten = FIXED_CODES["SCH009"], FIXED_CODES["SCH010"]
    assert nine.severity == ten.severity == "info"
    assert (
        "gdb check --gate" in nine.rationale["en"] and nine.rationale["en"] in ten.rationale["en"]
    )
    assert "{" not in nine.rationale["de"] + ten.rationale["de"]  # no template left in `gdb rules`
