"""Boundary cases of every date and number comparison a bundled rule or named check makes.

Each case puts a value exactly on the boundary and one step beyond it, through the real rule
of the bundled pack (so a `<` that became `<=` in the engine, a named check or a check kind
fails here): a milestone due exactly on the `--as-of` day is not overdue, an indicator target
date equal to the start is a finding, a secured budget share exactly at the threshold is enough.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest

from conftest import EXAMPLE
from gdb_cli.engine import evaluate
from gdb_cli.pack.handbook import Handbook, load_handbook
from helpers import load_data, patched

AS_OF = dt.date(2026, 11, 29)
DAY = dt.timedelta(days=1)
EXAMPLE_DATA = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
START = EXAMPLE_DATA["measure"]["start"]  # 2026-01-15
END = EXAMPLE_DATA["measure"]["end"]  # 2027-12-31


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    return load_handbook()


def hits(
    handbook: Handbook,
    code: str,
    set_: dict[str, Any] | None = None,
    delete: list[str] | None = None,
    as_of: dt.date = AS_OF,
    phase: int = 5,
) -> list[str]:
    """The key paths `code` reports (findings and open items) for the patched example."""
    data = patched(
        EXAMPLE_DATA,
        {"set": {"measure.phase": phase, **(set_ or {})}, "delete": list(delete or [])},
    )
    report = evaluate(load_data(data, handbook), handbook, as_of=as_of, select=[code])
    assert not report.input_error
    return sorted(f.path for f in report.findings + report.open if f.code == code)


# --- dates ---------------------------------------------------------------------------------------


def test_con001_end_on_the_start_day_is_a_finding_a_day_later_is_not(handbook):
    assert hits(handbook, "CON001", {"measure.end": START}) == ["measure.end"]
    assert hits(handbook, "CON001", {"measure.end": START + DAY}) == []
    assert hits(handbook, "CON001", {"measure.end": START - DAY}) == ["measure.end"]


@pytest.mark.parametrize(
    ("date", "outside"),
    [
        (START - DAY, True),
        (START, False),
        (END, False),
        (END + DAY, True),
    ],
)
def test_con002_milestone_on_the_first_and_last_day_is_within_the_frame(handbook, date, outside):
    found = hits(handbook, "CON002", {"resources.milestones[1].date": date})
    assert found == (["resources.milestones[1].date"] if outside else [])


def test_con002_an_open_frame_checks_only_the_side_that_is_given(handbook):
    early = {"resources.milestones[1].date": START - DAY}
    late = {"resources.milestones[1].date": END + DAY}
    assert hits(handbook, "CON002", early, delete=["measure.end"]) == [
        "resources.milestones[1].date"
    ]
    assert hits(handbook, "CON002", late, delete=["measure.end"]) == []
    assert hits(handbook, "CON002", late, delete=["measure.start"]) == [
        "resources.milestones[1].date"
    ]
    assert hits(handbook, "CON002", early, delete=["measure.start"]) == []


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [
        (dt.date(2026, 6, 14), []),
        (dt.date(2026, 6, 15), []),  # due today: not overdue yet
        (dt.date(2026, 6, 16), ["resources.milestones[0].date"]),
    ],
)
def test_con007_a_milestone_due_exactly_on_the_as_of_day_is_not_overdue(handbook, as_of, overdue):
    assert hits(handbook, "CON007", as_of=as_of) == overdue


def test_con007_a_done_milestone_is_never_overdue(handbook):
    done = {"resources.milestones[0].done": True}
    assert hits(handbook, "CON007", done, as_of=dt.date(2026, 6, 16)) == []
    not_done = {"resources.milestones[0].done": False}
    assert hits(handbook, "CON007", not_done, as_of=dt.date(2026, 6, 16)) == [
        "resources.milestones[0].date"
    ]


@pytest.mark.parametrize(
    ("valid_until", "expired"),
    [(AS_OF - DAY, True), (AS_OF, False), (AS_OF + DAY, False)],
)
def test_con005_a_mandate_valid_until_the_as_of_day_has_not_expired(handbook, valid_until, expired):
    found = hits(handbook, "CON005", {"mandate.valid_until": valid_until})
    assert found == (["mandate.valid_until"] if expired else [])


@pytest.mark.parametrize(("valid_until", "short"), [(END - DAY, True), (END, False)])
def test_con006_a_mandate_valid_until_the_last_day_covers_the_measure(handbook, valid_until, short):
    found = hits(handbook, "CON006", {"mandate.valid_until": valid_until})
    assert found == (["mandate.valid_until"] if short else [])


@pytest.mark.parametrize(
    ("target_date", "before"),
    [(START - DAY, True), (START, True), (START + DAY, False)],
)
def test_con009_an_indicator_target_date_equal_to_the_start_is_a_finding(
    handbook, target_date, before
):
    path = "goals[1].indicators[0].target_date"
    found = hits(handbook, "CON009", {path: target_date})
    assert found == ([path] if before else [])


def test_con009_needs_a_start(handbook):
    path = "goals[1].indicators[0].target_date"
    assert hits(handbook, "CON009", {path: START}, delete=["measure.start"]) == []


@pytest.mark.parametrize(("target_date", "late"), [(END, False), (END + DAY, True)])
def test_con010_an_indicator_due_on_the_last_day_is_within_the_measure(handbook, target_date, late):
    path = "goals[0].indicators[1].target_date"
    found = hits(handbook, "CON010", {path: target_date})
    assert found == ([path] if late else [])


@pytest.mark.parametrize(("date", "future"), [(AS_OF, False), (AS_OF + DAY, True)])
def test_con011_a_mandate_granted_on_the_as_of_day_is_not_in_the_future(handbook, date, future):
    found = hits(handbook, "CON011", {"mandate.date": date})
    assert found == (["mandate.date"] if future else [])


@pytest.mark.parametrize(
    ("until", "accepted"), [(AS_OF - DAY, False), (AS_OF, True), (AS_OF + DAY, True)]
)
def test_an_exception_is_in_force_through_its_until_day(handbook, until, accepted):
    data = patched(
        EXAMPLE_DATA,
        {
            "set": {
                "exceptions": [
                    {
                        "code": "CON007",
                        "reason": "Termin verschoben, Runde tagt im Januar.",
                        "until": until,
                    }
                ]
            }
        },
    )
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF, select=["CON007"])
    assert [f.code for f in report.accepted] == (["CON007"] if accepted else [])
    assert [f.code for f in report.findings] == ([] if accepted else ["CON007"])


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "differs"),
    [
        (310000.5, False),  # within the tolerance of 0.5 €
        (310000.51, True),
        (309999.5, False),
        (309999.49, True),
        (310000, False),
    ],
)
def test_con003_budget_lines_may_differ_from_the_total_by_the_tolerance(handbook, total, differs):
    found = hits(handbook, "CON003", {"resources.budget_total_eur": total})
    assert found == (["resources.budget_total_eur"] if differs else [])


@pytest.mark.parametrize(
    ("second_fte", "over"),
    [(0.5, False), (0.51, True), (0.49, False)],
)
def test_con004_exactly_one_full_time_position_per_person_is_allowed(handbook, second_fte, over):
    # Kim Muster has 0.5 in the example; a second role adds `second_fte`.
    extra = {
        "responsibility.team[3]": {"name": "Kim  muster", "role": "Produkt", "fte": second_fte}
    }
    assert hits(handbook, "CON004", extra) == (["responsibility.team[3].fte"] if over else [])


def test_con004_float_sums_that_are_one_are_one(handbook):
    team = [
        {"name": "Kim Muster", "role": "a", "fte": 0.1},
        {"name": "Kim Muster", "role": "b", "fte": 0.2},
        {"name": "Kim Muster", "role": "c", "fte": 0.7},  # 1.0000000000000002 in floats
    ]
    assert hits(handbook, "CON004", {"responsibility.team": team}) == []


def _budget(first: float, rest: float, total: float | None) -> dict[str, Any]:
    lines = [
        {
            "item": "Entwicklung",
            "amount_eur": first,
            "year": 2026,
            "source": "Landeshaushalt",
            "status": "secured",
        },
        {
            "item": "Betrieb",
            "amount_eur": rest,
            "year": 2027,
            "source": "Landeshaushalt",
            "status": "requested",
        },
    ]
    settings: dict[str, Any] = {"resources.budget": lines}
    if total is not None:
        settings["resources.budget_total_eur"] = total
    return settings


@pytest.mark.parametrize(
    ("secured", "requested", "short"),
    [
        (150000, 150000, False),  # exactly half secured: enough
        (149999, 150001, True),
        (150001, 149999, False),
    ],
)
@pytest.mark.parametrize("with_total", [True, False])
def test_res009_a_secured_share_exactly_at_the_threshold_is_enough(
    handbook, secured, requested, short, with_total
):
    settings = _budget(secured, requested, 300000 if with_total else None)
    delete = [] if with_total else ["resources.budget_total_eur"]
    assert hits(handbook, "RES009", settings, delete=delete) == (
        ["resources.budget"] if short else []
    )


def test_res009_nothing_to_say_without_money(handbook):
    assert hits(handbook, "RES009", _budget(0, 0, 0)) == []
    assert hits(handbook, "RES009", {"resources.budget_total_eur": 0}) == []


def test_res009_without_budget_lines_points_at_the_total(handbook):
    found = hits(
        handbook, "RES009", {"resources.budget_total_eur": 1000}, delete=["resources.budget"]
    )
    assert found == ["resources.budget_total_eur"]


# --- phases -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phase", "where"),
    [(1, "open"), (2, "findings"), (3, "findings")],
)
def test_a_rule_counts_from_its_phase_and_is_open_one_phase_before(handbook, phase, where):
    data = patched(EXAMPLE_DATA, {"set": {"measure.phase": phase, "mandate.valid_until": START}})
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF, select=["CON005"])
    assert [f.code for f in getattr(report, where)] == ["CON005"]  # applies_from 2
    other = "open" if where == "findings" else "findings"
    assert getattr(report, other) == []


def test_a_rule_two_phases_ahead_is_not_looked_at(handbook):
    data = patched(EXAMPLE_DATA, {"set": {"measure.phase": 1}})
    data["goals"][0]["indicators"][0]["target_date"] = START  # CON009 applies from phase 3
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF, select=["CON009"])
    assert report.findings == [] and report.open == []
    data["measure"]["phase"] = 2
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF, select=["CON009"])
    assert [f.code for f in report.open] == ["CON009"]


@pytest.mark.parametrize(("phase", "holds"), [(4, False), (5, True)])
def test_phase_at_least_holds_from_that_phase_on(handbook, phase, holds):
    # PHR022 (applies from 5): `if phase_at_least = 5`, then transfer.reuse needs an item.
    found = hits(handbook, "PHR022", delete=["transfer"], phase=phase)
    assert found == (["transfer.reuse"] if holds else [])


@pytest.mark.parametrize(("phase", "known"), [(0, None), (1, 1), (5, 5), (6, None)])
def test_the_phase_range_is_one_to_the_number_of_phases(handbook, phase, known):
    data = patched(EXAMPLE_DATA, {"set": {"measure.phase": phase}})
    assert evaluate(load_data(data, handbook), handbook, as_of=AS_OF).phase == known


@pytest.mark.parametrize(("goals", "missing"), [([], True), (None, True), (1, False)])
def test_gol001_min_items_counts_exactly_the_minimum(handbook, goals, missing):
    data_goals = EXAMPLE_DATA["goals"][:1] if goals == 1 else goals
    if data_goals is None:
        found = hits(handbook, "GOL001", delete=["goals"])
    else:
        found = hits(handbook, "GOL001", {"goals": data_goals})
    assert found == (["goals"] if missing else [])


# --- named-check parameters ------------------------------------------------------------------


def test_named_check_parameters_at_their_bounds():
    from gdb_cli.engine.named import Param, param_ok

    number, share = Param("number"), Param("share")
    assert param_ok(number, 0) and param_ok(number, 2.5)
    assert not param_ok(number, -0.01)
    assert param_ok(share, 0) and param_ok(share, 1)
    assert not param_ok(share, 1.01) and not param_ok(share, -0.01)
    assert not param_ok(number, "viel") and not param_ok(share, None)
    assert param_ok(Param("path"), "goals[*].id")
    assert not param_ok(Param("path"), "goals[") and not param_ok(Param("path"), 3)
    assert param_ok(Param("text"), "x") and not param_ok(Param("text"), "")
    assert not param_ok(Param("text"), 1)
