"""Boundary cases of every date and number comparison a bundled rule or named check makes, and
the engine's smaller parts and the value checks on their own (edges a mutation test looks for).

Each case puts a value exactly on the boundary and one step beyond it, through the real rule
of the bundled pack (so a `<` that became `<=` in the engine, a named check or a check kind
fails here): a milestone due exactly on the `--as-of` day is not overdue, an indicator target
date equal to the start is a finding, a secured budget share exactly at the threshold is enough.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import shutil
import signal
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic_core import PydanticCustomError

from conftest import EXAMPLE
from gdb_cli.charter.value_checks import ClosedList, check_email, check_id, value_check
from gdb_cli.engine import Report, _covers, _Exception, _inside, evaluate
from gdb_cli.engine import run as engine_run
from gdb_cli.engine.catalog import load_rules
from gdb_cli.engine.readiness import _area_of, thesis6_readiness
from gdb_cli.findings import Finding
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


def _finding(code: str, severity: str = "error", area: str | None = None) -> Finding:
    extra: dict[str, object] = {"area": area} if area else {}
    return Finding(code, severity, "m", path="x", extra=extra)


def _readiness(handbook: Handbook, **report: object) -> dict[str, tuple[bool, list[str]]]:
    result = thesis6_readiness(Report("c.toml", 3, **report), handbook)  # type: ignore[arg-type]
    return {r.area: (r.complete, [f.code for f in r.findings]) for r in result}


# --- readiness -----------------------------------------------------------------------------------


def test_readiness_lists_the_thesis6_areas_in_catalogue_order_with_labels(handbook):
    result = thesis6_readiness(Report("c.toml", 3), handbook)
    catalog = load_rules(handbook)
    expected = [a for a in catalog.areas if a.thesis6]
    assert [r.area for r in result] == [a.id for a in expected]
    assert [r.label for r in result] == [{"de": a.label.de, "en": a.label.en} for a in expected]
    assert [r.part_of for r in result] == [a.part_of for a in expected]
    assert all(r.complete and r.findings == [] for r in result)


def test_the_mandate_is_part_of_responsibility(handbook):
    parts = {r.area: r.part_of for r in thesis6_readiness(Report("c.toml", 3), handbook)}
    assert parts["mandate"] == "responsibility"
    assert parts["responsibility"] is None and parts["resources"] is None


def test_errors_and_warnings_count_infos_do_not(handbook):
    state = _readiness(
        handbook,
        findings=[
            _finding("RES001", "warning", "resources"),
            _finding("COM001", "info", "competencies"),
        ],
    )
    assert state["resources"] == (False, ["RES001"])
    assert state["competencies"] == (True, [])


def test_open_items_count_too(handbook):
    state = _readiness(handbook, open=[_finding("COM001", "error", "competencies")])
    assert state["competencies"] == (False, ["COM001"])
    assert state["resources"] == (True, [])


def test_an_incomplete_mandate_makes_responsibility_incomplete_not_the_other_way(handbook):
    mandate = _readiness(handbook, findings=[_finding("MAN001", "error", "mandate")])
    assert mandate["mandate"] == (False, ["MAN001"])
    assert mandate["responsibility"] == (False, [])  # its part is not complete
    own = _readiness(handbook, findings=[_finding("RSP001", "error", "responsibility")])
    assert own["responsibility"] == (False, ["RSP001"])
    assert own["mandate"] == (True, [])


def test_an_input_error_leaves_every_area_incomplete(handbook):
    state = _readiness(handbook, input_error=True)
    assert state and all(not complete for complete, _codes in state.values())


def test_the_area_comes_from_the_finding_or_else_from_its_rule(handbook):
    catalog = load_rules(handbook)
    rule = catalog.rules[0]
    assert _area_of(_finding(rule.code), catalog) == rule.area
    assert _area_of(_finding(rule.code, area="mandate"), catalog) == "mandate"
    assert _area_of(_finding("XYZ999"), catalog) is None
    assert _area_of(_finding(rule.code), object()) is None
    state = _readiness(handbook, findings=[_finding("MAN001")])  # no area in the finding
    assert state["mandate"][0] is False


# --- sections, exceptions, counts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "inside"),
    [
        ("mandate", True),
        ("mandate.status", True),
        ("goals[0].id", True),
        ("goals[0][1]", True),
        ("goals[0]", True),
        ("mandate.decisions[0].kind", True),  # only the first key names the section
        ("mandate.budget.total.eur", True),
        ("measure.mandate", False),
        ("a.b.mandate", False),
        ("mandates", False),
    ],
)
def test_inside_a_misspelt_section(path, inside):
    assert _inside(path, {"mandate", "goals"}) is inside


@pytest.mark.parametrize(
    ("exception_path", "finding_path", "covered"),
    [
        (None, "goals[0].id", True),
        ("goals", "goals[0].id", True),
        ("goals", "goals.x", True),
        ("goals", "goals", True),
        ("goals", "goalsx", False),
        ("goals[1]", "goals[0].id", False),
    ],
)
def test_an_exception_covers_its_path_and_below(exception_path, finding_path, covered):
    exception = _Exception("GOL001", "weil", exception_path)
    assert _covers(exception, Finding("GOL001", "error", "m", path=finding_path)) is covered
    assert not _covers(exception, Finding("GOL002", "error", "m", path=finding_path))


def test_report_counts_by_severity():
    report = Report(
        "c.toml",
        1,
        findings=[_finding("A", "error"), _finding("B", "error"), _finding("C", "warning")],
    )
    counts = report.counts
    assert (counts.errors, counts.warnings, counts.infos, counts.passed) == (2, 1, 0, True)


def test_statistics_rows_most_frequent_first_with_titles(handbook):
    catalog = load_rules(handbook)
    rule_a, rule_b = catalog.rules[0], catalog.rules[1]
    report = Report(
        "c.toml",
        3,
        findings=[_finding(rule_a.code), _finding(rule_a.code), _finding(rule_b.code)],
        open=[_finding(rule_b.code), _finding("SCH001")],
    )
    run = engine_run.CheckRun(reports=[report], catalog=catalog)
    rows = run.statistics_rows()
    assert [(r["code"], r["count"], r["open"]) for r in rows] == [
        (rule_a.code, 2, 0),
        (rule_b.code, 1, 1),
        ("SCH001", 0, 1),
    ]
    assert rows[0]["title"] == rule_a.title.get()
    from gdb_cli.engine.fixed import FIXED_CODES
    from gdb_cli.i18n import pick

    assert rows[2]["title"] == pick(FIXED_CODES["SCH001"].title, None)
    assert run.title(rule_a.code, "en") == rule_a.title.get("en")
    assert engine_run.CheckRun().title(rule_a.code) == rule_a.code  # no catalogue
    assert run.title("XYZ999") == "XYZ999"


def test_statistics_rows_break_ties_by_open_items_then_code():
    report = Report(
        "c.toml",
        3,
        findings=[_finding("B"), _finding("A"), _finding("C")],
        open=[_finding("C")],
    )
    rows = engine_run.CheckRun(reports=[report]).statistics_rows()
    assert [r["code"] for r in rows] == ["C", "A", "B"]


# --- listing and reading -------------------------------------------------------------------------


def test_a_folder_lists_its_toml_files_sorted_without_hidden_ones(tmp_path):
    for name in ("b.toml", "a.toml", ".versteckt.toml", "notiz.txt", "sub/c.toml", ".git/d.toml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    found = engine_run._toml_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.toml", "b.toml", "sub/c.toml"]


def test_regular_files_and_what_is_not(tmp_path):
    regular = tmp_path / "a.toml"
    regular.write_text("", encoding="utf-8")
    fifo = tmp_path / "b.toml"
    os.mkfifo(fifo)
    assert engine_run._is_regular(regular) is True
    assert engine_run._is_regular(fifo) is False
    assert engine_run._is_regular(tmp_path / "weg.toml") is True  # left to the reader


def test_stdin_is_read_up_to_one_byte_past_the_limit(monkeypatch):
    from gdb_cli.toml import read

    monkeypatch.setattr(read, "MAX_BYTES", 64)
    stream = io.BytesIO(b"x" * 200)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    assert len(engine_run.read_stdin()) == 65


def test_iter_extracted_streams_what_extract_keeps(tmp_path, handbook):
    shutil.copy(EXAMPLE, tmp_path / "a.toml")
    (tmp_path / "b.toml").write_text('title = "Notizen"\n', encoding="utf-8")
    (tmp_path / "c.toml").write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("phase = 3", "phase = 2"), encoding="utf-8"
    )
    totals: list[int] = []
    results = list(
        engine_run.iter_extracted(
            [tmp_path],
            handbook,
            lambda loaded, report, hb: (loaded.file, report.phase, report.as_of, hb is handbook),
            as_of=AS_OF,
            progress=totals.append,
        )
    )
    assert totals == [3]
    assert results == [
        ("report", (str(tmp_path / "a.toml"), 3, AS_OF, True)),
        ("skip", str(tmp_path / "b.toml")),
        ("report", (str(tmp_path / "c.toml"), 2, AS_OF, True)),
    ]


def test_a_batch_is_checked_with_the_job_the_workers_inherit(tmp_path, handbook, monkeypatch):
    shutil.copy(EXAMPLE, tmp_path / "a.toml")
    catalog = load_rules(handbook)
    job = engine_run._Job(handbook, catalog, handbook.closed_ids(), AS_OF, False, False, (), ())
    monkeypatch.setattr(engine_run, "_job", job)
    target = engine_run.Target(tmp_path / "a.toml", "a.toml", False)
    [(kind, report)] = engine_run._check_batch([target])
    assert kind == "report" and report.file == "a.toml" and report.phase == 3


# --- the process pool --------------------------------------------------------------------------


def test_a_worker_ignores_ctrl_c_and_dies_on_sigterm():
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        engine_run._in_worker()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGINT, before[0])
        signal.signal(signal.SIGTERM, before[1])


def test_stopping_the_pool_ends_every_worker():
    import multiprocessing
    import time
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork"))
    futures = [pool.submit(time.sleep, 60) for _ in range(2)]
    processes = list(pool._processes.values())
    assert len(processes) == 2
    engine_run._stop_workers(pool)
    for process in processes:
        process.join(timeout=30)
        assert not process.is_alive()
    assert all(f.done() for f in futures)


# --- value checks --------------------------------------------------------------------------------


def _info(context: object) -> SimpleNamespace:
    return SimpleNamespace(context=context)


def test_a_closed_list_accepts_its_ids_and_returns_the_value_unchanged():
    check = ClosedList("mandate_status")
    value = "granted"
    assert check(value, _info({"closed": {"mandate_status": frozenset({"granted"})}})) is value


def test_a_closed_list_refuses_other_values_naming_list_value_and_allowed_ids():
    check = ClosedList("mandate_status")
    allowed = frozenset({"pending", "granted"})
    with pytest.raises(PydanticCustomError) as caught:
        check("erteilt", _info({"closed": {"mandate_status": allowed}}))
    error = caught.value
    assert error.type == "closed_list"
    assert error.context == {
        "list": "mandate_status",
        "value": "erteilt",
        "allowed": ["granted", "pending"],
    }
    assert "mandate_status" in error.message()


def test_a_closed_list_compares_the_value_as_text():
    check = ClosedList("years")
    assert check(2026, _info({"closed": {"years": frozenset({"2026"})}})) == 2026


@pytest.mark.parametrize(
    "context",
    [None, {}, {"closed": None}, {"closed": {"other_list": frozenset({"x"})}}],
)
def test_without_the_list_in_the_context_every_value_passes(context):
    assert ClosedList("mandate_status")("anything", _info(context)) == "anything"


def test_a_closed_list_pickles_as_itself_and_shows_its_name():
    check = ClosedList("fields_of_action")
    copy = pickle.loads(pickle.dumps(check))
    assert isinstance(copy, ClosedList) and copy.list_name == "fields_of_action"
    assert repr(check) == "ClosedList('fields_of_action')"
    assert check.__reduce__() == (ClosedList, ("fields_of_action",))


@pytest.mark.parametrize("value", ["a", "0", "regenwasser-dashboard", "z1", "a-b-c-9"])
def test_good_ids(value):
    assert check_id(value) is value


@pytest.mark.parametrize("value", ["", "-a", "A", "a_b", "a b", "ä", "a.b"])
def test_bad_ids(value):
    with pytest.raises(PydanticCustomError) as caught:
        check_id(value)
    assert caught.value.type == "bad_id"
    assert caught.value.context == {"check": "id", "value": value}
    assert caught.value.message() == "invalid id"


@pytest.mark.parametrize("value", ["", "kim.muster@example.berlin", "a@b.de"])
def test_good_emails_and_an_empty_one(value):
    assert check_email(value) is value


@pytest.mark.parametrize(
    "value", ["kim", "kim@", "@example.berlin", "kim@example", "a b@c.de", "k@ba-pankow,berlin.de"]
)
def test_bad_emails(value):
    with pytest.raises(PydanticCustomError) as caught:
        check_email(value)
    assert caught.value.type == "bad_email"
    assert caught.value.context == {"check": "email", "value": value}
    assert caught.value.message() == "invalid email"


def test_a_table_check_pickles_by_name():
    for check in (check_id, check_email):
        assert pickle.loads(pickle.dumps(check)) is check
        assert value_check(check.name) is check
    assert repr(check_id) == "ValueCheck('id')"


# --- the check kinds on their own: exact hits, values and message parameters -------------------


def _kind(kind: str, **fields: Any) -> Any:
    from gdb_cli.engine import checks

    return checks.KINDS[kind](SimpleNamespace(kind=kind, **fields))


def _context(data: dict[str, Any], phase: int = 3, as_of: dt.date = AS_OF) -> Any:
    from gdb_cli.engine.hits import CheckContext

    return CheckContext(data, phase, as_of)


def _hits(run: Any, data: dict[str, Any], **context: Any) -> list[tuple[str, Any, dict[str, Any]]]:
    return [(h.path, h.value, h.params) for h in run(_context(data, **context))]


def test_required_reports_each_empty_place():
    from gdb_cli.charter.keypaths import MISSING

    run = _kind("required", path="goals[*].statement")
    data = {"goals": [{"statement": "s"}, {"statement": " "}, {}]}
    assert _hits(run, data) == [
        ("goals[1].statement", " ", {}),
        ("goals[2].statement", MISSING, {}),
    ]


@pytest.mark.parametrize(
    ("value", "count"),
    [([], 0), (["a"], 1), (["a", "b"], 2), ("text", 1), ("", 0), (None, 0)],
)
def test_min_items_counts_lists_and_single_values(value, count):
    run = _kind("min_items", path="transfer.reuse", min=2)
    data = {"transfer": {"reuse": value}} if value is not None else {"transfer": {}}
    found = _hits(run, data)
    if count >= 2:
        assert found == []
    else:
        shown = value if value is not None else found[0][1]
        assert found == [("transfer.reuse", shown, {"count": count, "min": 2, "limit": 2})]


def test_items_have_names_each_missing_key_of_each_item():
    from gdb_cli.charter.keypaths import MISSING

    run = _kind("items_have", path="goals", keys=["id", "statement"], where=None)
    data = {"goals": [{"id": "z1", "statement": "s"}, {"id": "", "statement": "t"}, "kaputt"]}
    assert _hits(run, data) == [
        ("goals[1].id", "", {}),
        ("goals[2].id", MISSING, {}),
        ("goals[2].statement", MISSING, {}),
    ]
    assert _hits(run, {"goals": "keine Liste"}) == []


def test_equals_reports_other_and_empty_values():
    run = _kind("equals", path="transfer.published", value=True)
    assert _hits(run, {"transfer": {"published": True}}) == []
    assert _hits(run, {"transfer": {"published": False}}) == [("transfer.published", False, {})]
    assert _hits(run, {"transfer": {"published": ""}}) == [("transfer.published", "", {})]


def test_any_item_needs_one_item_matching_every_key():
    run = _kind("any_item", path="resources.staff", where={"status": "assigned", "fte": [1, 0.5]})
    good = {"status": "assigned", "fte": 0.5}
    assert _hits(run, {"resources": {"staff": [{"status": "to_hire"}, good]}}) == []
    wrong = [{"status": "assigned", "fte": 2}, {"status": "to_hire", "fte": 1}, "x", {"fte": 1}]
    assert _hits(run, {"resources": {"staff": wrong}}) == [("resources.staff", wrong, {"count": 4})]
    assert _hits(run, {"resources": {"staff": "x"}}) == [("resources.staff", "x", {"count": 0})]


def _condition(**fields: Any) -> Any:
    base = {
        "all_of": None,
        "any_of": None,
        "phase_at_least": None,
        "path": None,
        "present": None,
        "equals": None,
        "not_equals": None,
    }
    return SimpleNamespace(**{**base, **fields})


def test_conditions_of_every_form():
    from gdb_cli.engine.checks import compile_condition

    data = {"mandate": {"status": "granted", "date": ""}, "goals": [{"id": "a"}, {"id": "b"}]}
    context = _context(data, phase=3)

    def holds(condition: Any) -> bool:
        return compile_condition(condition)(context)

    granted = _condition(path="mandate.status", equals=["granted", "conditional"])
    pending = _condition(path="mandate.status", equals="pending")
    assert holds(granted) and not holds(pending)
    assert holds(_condition(path="goals[*].id", equals="b"))  # any of the places
    assert not holds(_condition(path="mandate.date", equals=""))  # empty never equals
    assert holds(_condition(path="mandate.status", not_equals="pending"))
    assert not holds(_condition(path="mandate.status", not_equals=["granted"]))
    assert holds(_condition(path="mandate.date", not_equals=""))
    assert holds(_condition(path="mandate.status", present=True))
    assert not holds(_condition(path="mandate.date", present=True))
    assert holds(_condition(path="mandate.date", present=False))
    assert not holds(_condition(path="mandate.status", present=False))
    assert holds(_condition(phase_at_least=3)) and not holds(_condition(phase_at_least=4))
    assert holds(_condition(all_of=[granted, _condition(phase_at_least=2)]))
    assert not holds(_condition(all_of=[granted, pending]))
    assert holds(_condition(any_of=[pending, granted]))
    assert not holds(_condition(any_of=[pending, _condition(phase_at_least=4)]))


def test_when_runs_its_check_only_while_the_condition_holds():
    then = SimpleNamespace(kind="required", path="mandate.date")
    run = _kind("when", if_=_condition(path="mandate.status", equals="granted"), then=then)
    assert _hits(run, {"mandate": {"status": "granted"}})[0][0] == "mandate.date"
    assert _hits(run, {"mandate": {"status": "pending"}}) == []


@pytest.mark.parametrize("strict", [True, False])
def test_date_order_reports_the_later_key_with_the_other_date_as_limit(strict):
    run = _kind("date_order", first="measure.start", second="measure.end", strict=strict)
    start, end = dt.date(2026, 3, 1), dt.date(2026, 2, 1)
    data = {"measure": {"start": start, "end": end}}
    assert _hits(run, data) == [("measure.end", end, {"limit": start})]
    same = {"measure": {"start": start, "end": start}}
    assert _hits(run, same) == ([("measure.end", start, {"limit": start})] if strict else [])
    assert _hits(run, {"measure": {"start": start}}) == []
    assert _hits(run, {"measure": {"end": end}}) == []


def test_date_order_with_a_star_reports_each_late_item():
    run = _kind(
        "date_order", first="goals[*].indicators[*].target_date", second="measure.end", strict=False
    )
    end = dt.date(2027, 1, 1)
    late = dt.date(2027, 1, 2)
    data = {
        "measure": {"end": end},
        "goals": [{"indicators": [{"target_date": end}, {"target_date": late}]}],
    }
    assert _hits(run, data) == [("goals[0].indicators[1].target_date", late, {"limit": end})]
    assert _hits(run, {"goals": data["goals"]}) == []  # no end: nothing to compare


def test_date_order_against_the_check_date():
    later = AS_OF + DAY
    run = _kind("date_order", first="mandate.date", second="$as_of", strict=False)
    assert _hits(run, {"mandate": {"date": later}}) == [("mandate.date", later, {"limit": AS_OF})]
    assert _hits(run, {"mandate": {"date": AS_OF}}) == []
    before = _kind("date_order", first="$as_of", second="resources.deadline", strict=True)
    assert _hits(before, {"resources": {"deadline": AS_OF}}) == [
        ("resources.deadline", AS_OF, {"limit": AS_OF})
    ]
    assert _hits(before, {"resources": {"deadline": later}}) == []


def test_sum_equals_reports_the_total_with_sum_total_and_count():
    from gdb_cli.engine.hits import Shown

    run = _kind(
        "sum_equals",
        total="resources.budget_total_eur",
        items="resources.budget[*].amount_eur",
        tolerance=0.5,
    )
    lines = [{"amount_eur": 100}, {"amount_eur": 50.5}, {"amount_eur": "viel"}, {}]
    data = {"resources": {"budget_total_eur": 200, "budget": lines}}
    assert _hits(run, data) == [
        (
            "resources.budget_total_eur",
            200,
            {"detail": Shown(150.5, "amount"), "limit": Shown(200, "amount"), "count": 2},
        )
    ]
    data["resources"]["budget_total_eur"] = 151
    assert _hits(run, data) == []
    assert _hits(run, {"resources": {"budget_total_eur": "?", "budget": lines}}) == []
    assert _hits(run, {"resources": {"budget_total_eur": 5, "budget": [{}]}}) == []
    assert _hits(run, {"resources": {"budget": lines}}) == []
    counted = _kind("sum_equals", total="team.fte", items="team.members[*].fte", tolerance=0)
    found = _hits(counted, {"team": {"fte": 2, "members": [{"fte": 1}]}})
    assert found[0][2]["detail"] == Shown(1, "number")


def test_compiled_checks_live_on_the_catalogue(handbook):
    from gdb_cli.engine import plan
    from gdb_cli.engine.catalog import RuleCatalog

    catalog = load_rules(handbook)
    first = {step.rule.code: step.run for step in plan.steps(catalog, 2, (), ())}
    again = {step.rule.code: step.run for step in plan.steps(catalog, 3, (), ())}
    assert all(again[code] is run for code, run in first.items())  # compiled once per rule
    copy = RuleCatalog(
        list(catalog.rules), list(catalog.areas), dict(catalog.files), dict(catalog.values)
    )
    fresh = {step.rule.code: step.run for step in plan.steps(copy, 2, (), ())}
    assert fresh.keys() == first.keys() and all(fresh[c] is not first[c] for c in first)
    assert pickle.loads(pickle.dumps(catalog)).compiled is None  # never pickled


# --- a run over files ----------------------------------------------------------------------------


def test_a_run_keeps_its_settings_and_defaults(tmp_path, handbook: Handbook):
    shutil.copy(EXAMPLE, tmp_path / "a.toml")
    run = engine_run.run_check([tmp_path], handbook, as_of=AS_OF)
    assert (run.gate, run.strict, run.statistics, run.as_of) == (False, False, False, AS_OF)
    assert run.handbook is handbook
    assert run.catalog is load_rules(handbook)
    strict = engine_run.run_check(
        [tmp_path], handbook, as_of=AS_OF, gate=True, strict=True, statistics=True
    )
    assert (strict.gate, strict.strict, strict.statistics) == (True, True, True)
    assert strict.reports[0].gate and strict.reports[0].strict
    assert len(strict.reports[0].failing) >= len(run.reports[0].failing)


def test_a_run_sorts_files_into_reports_skipped_and_special(tmp_path, handbook):
    shutil.copy(EXAMPLE, tmp_path / "a.toml")
    (tmp_path / "b.toml").write_text("schema_version = 1\n", encoding="utf-8")  # a charter
    (tmp_path / "c.toml").write_text('[notes]\ntext = "x"\n', encoding="utf-8")
    os.mkfifo(tmp_path / "d.toml")
    bad = EXAMPLE.read_text(encoding="utf-8").replace('status = "granted"', 'status = "erteilt"', 1)
    (tmp_path / "e.toml").write_text(bad, encoding="utf-8")
    run = engine_run.run_check([tmp_path], handbook, as_of=AS_OF)
    assert [Path(r.file).name for r in run.reports] == ["a.toml", "b.toml", "e.toml"]
    assert [Path(s).name for s in run.skipped] == ["c.toml"]
    assert [Path(s).name for s in run.not_regular] == ["d.toml"]
    assert "SCH004" in {f.code for f in run.reports[2].findings}  # closed lists are checked


def test_a_symlinked_folder_is_not_followed(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.toml").write_text("", encoding="utf-8")
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / "link").symlink_to(tmp_path / "real")
    assert engine_run._toml_files(tmp_path / "top") == []


def test_the_summary_counts_every_kind():
    report = Report(
        "c.toml",
        3,
        findings=[_finding("A", "error"), _finding("B", "warning"), _finding("C", "info")],
        open=[_finding("D"), _finding("D")],
        accepted=[_finding("E")],
        failing=[_finding("A")],
    )
    broken = Report("d.toml", None, input_error=True, not_found=True)
    summary = engine_run.CheckRun(reports=[report, broken], skipped=["x.toml"]).summary()
    assert summary == {
        "files": 2,
        "errors": 1,
        "warnings": 1,
        "infos": 1,
        "open": 2,
        "accepted": 1,
        "failing": 1,
        "input_errors": 1,
        "not_found": 1,
        "skipped": 1,
    }
    rows = engine_run.CheckRun(reports=[report]).statistics_rows()
    assert [(r["code"], r["count"], r["open"]) for r in rows] == [
        ("A", 1, 0),
        ("B", 1, 0),
        ("C", 1, 0),
        ("D", 0, 2),
    ]


def test_a_fixed_code_title_in_the_language_asked_for():
    from gdb_cli.engine.fixed import FIXED_CODES
    from gdb_cli.i18n import pick

    run = engine_run.CheckRun()
    title = FIXED_CODES["SCH001"].title
    assert run.title("SCH001", "en") == pick(title, "en")
    assert run.title("SCH001", "de") == pick(title, "de")
    assert pick(title, "en") != pick(title, "de")


def test_schema_version_alone_makes_a_charter():
    assert engine_run.is_charter_data({"schema_version": 1})
    assert engine_run.is_charter_data({"measure": {}})
    assert not engine_run.is_charter_data({"notes": {}})
    assert not engine_run.is_charter_data({})


# --- smaller parts added with format 2, the basis kinds and `gdb report` -------------------------


def test_a_format_1_charter_gets_the_sch008_note_at_its_schema_version(handbook):
    from gdb_cli.charter.load import load_text

    text = '# Kopf\n\nschema_version = 1\n\n[measure]\nid = "m"\ntitle = "M"\nphase = 1\n'

    loaded = load_text(text, "c.toml", handbook.closed_ids())
    line = next(
        number
        for number, row in enumerate(text.splitlines(), start=1)
        if row.startswith("schema_version")
    )
    report = evaluate(loaded, handbook, as_of=AS_OF, select=["SCH008"])
    [note] = [f for f in report.findings if f.code == "SCH008"]
    assert (note.severity, note.path, note.line, note.column) == ("info", "schema_version", line, 1)
    assert (note.file, note.applies_from) == ("c.toml", 1)
    assert "(schema_version 1)" in note.message
    ignored = evaluate(loaded, handbook, as_of=AS_OF, ignore=["SCH008"])
    assert "SCH008" not in {f.code for f in ignored.findings}


def test_basis_labels_in_each_language():
    from gdb_cli.engine.basis import KINDS, label

    for kind in KINDS:
        assert label(kind, "de") and label(kind, "en")
    assert label("handbook", "de") != label("handbook", "en")
    assert label("unbekannt", "de") == "unbekannt"


def test_a_value_check_message_in_the_language_asked_for():
    assert check_id.text("A", "de") != check_id.text("A", "en")
    assert "A" in check_id.text("A", "en")


def test_iter_extracted_checks_closed_lists_and_never_gates(tmp_path, handbook):
    bad = EXAMPLE.read_text(encoding="utf-8").replace('status = "granted"', 'status = "erteilt"', 1)
    (tmp_path / "a.toml").write_text(bad, encoding="utf-8")
    [(kind, kept)] = list(
        engine_run.iter_extracted(
            [tmp_path],
            handbook,
            lambda loaded, report, hb: (
                report.gate,
                report.strict,
                "SCH004" in {f.code for f in report.findings},
            ),
            as_of=AS_OF,
        )
    )
    assert (kind, kept) == ("report", (False, False, True))


def test_items_have_goes_on_after_a_place_that_is_no_list():
    from gdb_cli.charter.keypaths import MISSING

    run = _kind("items_have", path="goals[*].indicators", keys=["name"], where=None)
    data = {"goals": [{"indicators": "keine Liste"}, {"indicators": [{"unit": "u"}]}]}
    assert _hits(run, data) == [("goals[1].indicators[0].name", MISSING, {})]


# --- a broken rule catalogue: the whole message, not just a word of it -------------------------

_UNIQUE = 'check = { kind = "python", name = "unique_ids", path = "goals", key = "id" }'


def _broken_catalogue(tmp_path: Path, old: str, new: str) -> str:
    from gdb_cli.engine.catalog import load_rules_from
    from gdb_cli.errors import GdbError
    from helpers import FIXTURE_RULES

    folder = tmp_path / "rules"
    shutil.copytree(FIXTURE_RULES, folder)
    text = (folder / "rules.toml").read_text(encoding="utf-8")
    assert old in text
    (folder / "rules.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GdbError) as caught:
        load_rules_from(folder, tmp_path, 5)
    return caught.value.message


def test_an_unknown_named_check_lists_the_known_ones(tmp_path):
    from gdb_cli.engine import named
    from gdb_cli.engine.catalog import _ as texts

    message = _broken_catalogue(tmp_path, 'name = "unique_ids"', 'name = "nope"')
    assert texts("unknown_check", name="nope", known=", ".join(named.REGISTRY)) in message


@pytest.mark.parametrize(
    ("new", "key", "params"),
    [
        (
            _UNIQUE.replace('key = "id" }', 'key = "id", colour = "red" }'),
            "unknown_param",
            {"param": "colour", "known": "path, key"},
        ),
        (_UNIQUE.replace('key = "id"', "key = 3"), "bad_param", {"param": "key"}),
        (_UNIQUE.replace('path = "goals"', 'path = "goals["'), "bad_param", {"param": "path"}),
        (_UNIQUE.replace(', key = "id"', ""), "missing_param", {"param": "key"}),
    ],
)
def test_named_check_parameters_are_checked_when_the_catalogue_loads(tmp_path, new, key, params):
    from gdb_cli.engine.catalog import _ as texts

    message = _broken_catalogue(tmp_path, _UNIQUE, new)
    assert texts(key, name="unique_ids", **params) in message


def test_message_templates_are_checked_when_the_catalogue_loads(tmp_path):
    from gdb_cli.engine.catalog import PLACEHOLDERS
    from gdb_cli.engine.catalog import _ as texts

    message = _broken_catalogue(tmp_path, "{count} Ziele", "{counter} Ziele")
    expected = texts("bad_placeholder", name="counter", allowed=", ".join(sorted(PLACEHOLDERS)))
    assert expected in message
    broken = _broken_catalogue(tmp_path / "2", "{count} Ziele", "{count Ziele")
    assert texts("bad_template", detail="").rstrip() in broken
    english = _broken_catalogue(tmp_path / "3", "{count} goals", "{goals} goals")
    assert texts("bad_placeholder", name="goals", allowed=", ".join(sorted(PLACEHOLDERS))) in (
        english
    )


def _areas_broken(tmp_path: Path, old: str, new: str) -> tuple[str, Path]:
    from gdb_cli.engine.catalog import load_rules_from
    from gdb_cli.errors import GdbError
    from helpers import FIXTURE_RULES

    folder = tmp_path / "rules"
    shutil.copytree(FIXTURE_RULES, folder)
    areas = folder / "_areas.toml"
    if old == "*":
        areas.unlink()
    else:
        text = areas.read_text(encoding="utf-8")
        assert old in text
        areas.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GdbError) as caught:
        load_rules_from(folder, tmp_path, 5)
    return caught.value.message, folder


def test_rules_without_an_areas_file_say_so(tmp_path):
    from gdb_cli.engine.catalog import _ as texts
    from gdb_cli.pack.handbook import pack_error

    message, folder = _areas_broken(tmp_path, "*", "")
    assert message == pack_error(texts("no_areas", folder=folder)).message


@pytest.mark.parametrize(
    ("old", "new", "code", "detail"),
    [
        ('id = "mandate"', 'id = "goals"', "goals", ("duplicate_area", {"value": "goals"})),
        ('prefix = "MAN"', 'prefix = "GOL"', "mandate", ("duplicate_area", {"value": "GOL"})),
    ],
)
def test_a_broken_areas_file_names_file_area_and_problem(tmp_path, old, new, code, detail):
    from gdb_cli.engine.catalog import _ as texts
    from gdb_cli.pack.handbook import pack_error

    message, _folder = _areas_broken(tmp_path, old, new)
    expected = texts(
        "problem", file="rules/_areas.toml", code=code, detail=texts(detail[0], **detail[1])
    )
    assert message == pack_error(expected).message


def test_an_empty_rules_folder_is_an_empty_catalogue(tmp_path):
    from gdb_cli.engine.catalog import load_rules_from

    (tmp_path / "rules").mkdir()
    assert load_rules_from(tmp_path / "rules", tmp_path, 5).rules == []
    assert load_rules_from(tmp_path / "nirgends", tmp_path, 5).rules == []


# --- a measure's state: running past its end, a phase unchanged, funding until the end ----------


@pytest.mark.parametrize(
    ("end", "past"),
    [(AS_OF - DAY, True), (AS_OF, False), ("2026-10", True), ("2026-11", False), ("2026", False)],
)
def test_mea020_a_measure_ending_on_the_as_of_day_is_not_past_its_end(handbook, end, past):
    assert hits(handbook, "MEA020", {"measure.end": end}) == (["measure.end"] if past else [])


@pytest.mark.parametrize(("status", "reported"), [("active", True), ("completed", False)])
def test_mea020_only_a_running_measure_is_past_its_end(handbook, status, reported):
    settings = {"measure.end": AS_OF - DAY, "measure.status": status}
    if status == "completed":
        settings["measure.closed_on"] = AS_OF - DAY
    assert hits(handbook, "MEA020", settings) == (["measure.end"] if reported else [])


def _phase_unchanged(entered: Any, months: int = 18, **more: Any) -> list[Any]:
    """The months `phase_unchanged` counts for a phase entered on `entered` ([] when in time)."""
    from gdb_cli.engine import named
    from gdb_cli.engine.hits import CheckContext

    function, params = named.prepare("phase_unchanged", {"months": months})
    data = {"measure": {"entered_phase_on": entered, **more}}
    found = function(CheckContext(data, 3, AS_OF), params)
    assert all(hit.path == "measure.entered_phase_on" for hit in found)
    return [hit.params["count"].number for hit in found]


@pytest.mark.parametrize(
    ("entered", "counted"),
    [
        (dt.date(2025, 5, 29), []),  # exactly 18 months before 2026-11-29: not more
        (dt.date(2025, 4, 30), []),  # one day short of 19 months: still 18
        (dt.date(2025, 4, 29), [19]),
        (dt.date(2024, 11, 29), [24]),
        ("2025-04", []),  # a month counts from its last day (30 April)
        ("2025-03", [19]),
        ("2024", [22]),  # a year from 31 December
    ],
)
def test_mea021_a_phase_counts_whole_months_from_the_last_possible_day(entered, counted):
    assert _phase_unchanged(entered) == counted


def test_mea021_the_limit_is_the_rules_parameter_and_a_closed_measure_is_never_stale():
    assert _phase_unchanged(dt.date(2026, 10, 29), months=0) == [1]
    assert _phase_unchanged(dt.date(2026, 10, 30), months=0) == []
    assert _phase_unchanged(dt.date(2020, 1, 1), status="stopped") == []
    assert _phase_unchanged(dt.date(2020, 1, 1), status="active") == [82]
    assert _phase_unchanged("bald") == []


def _funding(*lines: dict[str, Any]) -> dict[str, Any]:
    return {"resources.budget": [{"item": f"Posten {i}", **line} for i, line in enumerate(lines)]}


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        ([{"end": END}], []),  # pays through the last day
        ([{"end": END - DAY}], ["resources.budget[0].end"]),
        ([{"end": "2027-12"}], []),
        ([{"end": "2027-11"}], ["resources.budget[0].end"]),
        ([{"year": 2027}], []),  # a budget year pays until its 31 December
        ([{"year": 2026}], ["resources.budget[0].year"]),
        ([{"year": 2026}, {"year": 2027}], []),  # the line that runs longest counts
        ([{"year": 2027}, {"year": 2026, "end": "2026-06"}], []),
        ([{"year": 2026}, {"end": "2027-06"}], ["resources.budget[1].end"]),
    ],
)
def test_res020_funding_until_the_last_day_of_the_measure_is_enough(handbook, lines, found):
    assert hits(handbook, "RES020", _funding(*lines)) == found


@pytest.mark.parametrize(
    ("years", "found"),
    [
        ((2026, 9999), []),  # the last year a date can have still counts …
        ((2026, 10000), ["resources.budget[0].year"]),  # … one past it is no year
        ((1,), ["resources.budget[0].year"]),  # the first year a date can have counts …
        ((0,), []),  # … year 0 is none: no dated line, nothing to compare
        ((True,), []),
        (("2027",), []),
    ],
)
def test_res020_reads_only_years_a_date_can_have(handbook, years, found):
    lines = [{"year": year} for year in years]
    assert hits(handbook, "RES020", _funding(*lines)) == found


# --- the phase notes: derived when absent, a stated phase far from the evidence ----------------


def _phase_notes(handbook: Handbook, phase: int | None) -> tuple[list[Finding], list[str]]:
    import tomli_w

    from gdb_cli.charter.load import load_text

    data = patched(EXAMPLE_DATA, {"delete": ["measure.phase"]})
    if phase is not None:
        data = patched(data, {"set": {"measure.phase": phase}})
    text = tomli_w.dumps(data)
    loaded = load_text(text, "c.toml", handbook.closed_ids())
    report = evaluate(loaded, handbook, as_of=AS_OF, select=["SCH009", "SCH010"])
    return report.findings, text.splitlines()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_sch009_no_phase_stated_names_the_derived_one_at_the_measure_table(handbook, lang):
    from gdb_cli import i18n
    from gdb_cli.engine.fixed import FIXED_CODES

    i18n.set_language(lang)
    [note], lines = _phase_notes(handbook, None)
    assert (note.code, note.severity, note.path, note.file) == (
        "SCH009",
        "info",
        "measure",
        "c.toml",
    )
    # at the table's name in its header: `[measure]`, line and column of `measure`
    assert (note.line, note.column) == (lines.index("[measure]") + 1, 2)
    fixed = FIXED_CODES["SCH009"]
    assert note.message == (fixed.message or fixed.rationale)[lang].format(derived=3)
    assert ("Phase 3" if lang == "de" else "phase 3") in note.message
    assert note.applies_from == 1


@pytest.mark.parametrize(
    ("phase", "noted"), [(1, True), (2, False), (3, False), (4, False), (5, True)]
)
def test_sch010_a_stated_phase_more_than_one_from_the_evidence_gets_a_note(handbook, phase, noted):
    from gdb_cli import i18n
    from gdb_cli.engine.fixed import FIXED_CODES

    i18n.set_language("en")
    notes, lines = _phase_notes(handbook, phase)  # the evidence shows phase 3
    if not noted:
        assert notes == []
        return
    [note] = notes
    assert (note.code, note.severity, note.path, note.file) == (
        "SCH010",
        "info",
        "measure.phase",
        "c.toml",
    )
    assert (note.line, note.column) == (lines.index(f"phase = {phase}") + 1, 1)
    fixed = FIXED_CODES["SCH010"]
    assert note.message == (fixed.message or fixed.rationale)["en"].format(derived=3, stated=phase)
    assert f"states phase {phase}, the evidence shows phase 3" in note.message
    assert note.applies_from == 1


# --- whose requirement: a recommendation is marked, a requirement is not --------------------------


def _with_basis(kind: object) -> Finding:
    extra = {} if kind is None else {"basis_kind": kind}
    return Finding("X001", "warning", "m", "measure", extra=extra)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("practice", "practice"),
        ("handbook", "handbook"),
        ("law", "law"),
        (None, "consistency"),  # the loader's own codes
        ("rumour", "consistency"),
        (3, "consistency"),
    ],
)
def test_the_basis_kind_of_a_finding(kind, expected):
    from gdb_cli.engine.basis import is_recommendation, kind_of

    assert kind_of(_with_basis(kind)) == expected
    assert is_recommendation(_with_basis(kind)) == (expected == "practice")


def test_only_a_recommendation_is_marked_in_the_language_asked_for():
    from gdb_cli import i18n
    from gdb_cli.engine.basis import mark

    i18n.set_language("de")
    practice, handbook = _with_basis("practice"), _with_basis("handbook")
    assert mark("Warnung", practice) == "Warnung (Empfehlung)"
    assert mark("Warnung", practice, inner=True) == "Warnung, Empfehlung"
    assert mark("warning", practice, lang="en") == "warning (recommendation)"
    assert mark("warning", practice, lang="en", inner=True) == "warning, recommendation"
    assert mark("Warnung", handbook) == "Warnung"
    assert mark("Warnung", _with_basis(None), inner=True) == "Warnung"


# --- check kinds at their edges -------------------------------------------------------------------


def test_date_order_with_stars_on_both_sides_and_no_second_date_reports_nothing():
    run = _kind(
        "date_order",
        first="goals[*].target_date",
        second="resources.milestones[*].date",
        strict=True,
    )
    goals = [{"target_date": dt.date(2027, 1, 1)}]
    assert _hits(run, {"goals": goals, "resources": {"milestones": []}}) == []
    milestones = [{"date": dt.date(2026, 1, 1)}, {"date": dt.date(2028, 1, 1)}]
    assert _hits(run, {"goals": goals, "resources": {"milestones": milestones}}) == [
        ("goals[0].target_date", dt.date(2027, 1, 1), {"limit": dt.date(2026, 1, 1)})
    ]


# --- a broken rule catalogue: each problem a pack author can make, named with file and code ------


def _rules_folder(tmp_path: Path) -> Path:
    from helpers import FIXTURE_RULES

    folder = tmp_path / "rules"
    shutil.copytree(FIXTURE_RULES, folder)
    return folder


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load_error(folder: Path, root: Path) -> str:
    from gdb_cli.engine.catalog import load_rules_from
    from gdb_cli.errors import GdbError

    with pytest.raises(GdbError) as caught:
        load_rules_from(folder, root, 5)
    return caught.value.message


def _problem(file: str, code: str, key: str, **params: Any) -> str:
    from gdb_cli.engine.catalog import _ as texts
    from gdb_cli.pack.handbook import pack_error

    return pack_error(texts("problem", file=file, code=code, detail=texts(key, **params))).message


_KNOWN_AREAS = "goals, mandate, consistency, exceptions"


@pytest.mark.parametrize(
    ("old", "new", "code", "detail"),
    [
        (
            'code = "GOL001"\narea = "goals"',
            'code = "GOL001"\narea = "ziele"',
            "GOL001",
            ("unknown_area", {"area": "ziele", "known": _KNOWN_AREAS}),
        ),
        (
            'code = "GOL001"\narea = "goals"',
            'code = "GOL001"\narea = "mandate"',
            "GOL001",
            ("wrong_prefix", {"area": "mandate", "prefix": "MAN"}),
        ),
        (  # the prefix and then only digits: GOLD001 is not a code of the area GOL
            'code = "GOL001"',
            'code = "GOLD001"',
            "GOLD001",
            ("wrong_prefix", {"area": "goals", "prefix": "GOL"}),
        ),
        (
            'code = "GOL001"\narea = "goals"\nseverity = "error"\napplies_from = 1',
            'code = "GOL001"\narea = "goals"\nseverity = "error"\napplies_from = 6',
            "GOL001",
            ("bad_phase", {"phase": 6, "last": 5}),
        ),
    ],
)
def test_a_rule_the_pack_cannot_place_names_file_code_and_problem(tmp_path, old, new, code, detail):
    folder = _rules_folder(tmp_path)
    _replace(folder / "rules.toml", old, new)
    expected = _problem("rules/rules.toml", code, detail[0], **detail[1])
    assert _load_error(folder, tmp_path) == expected


def test_a_rule_may_apply_from_the_packs_last_phase(tmp_path):
    from gdb_cli.engine.catalog import load_rules_from

    folder = _rules_folder(tmp_path)
    old = 'code = "GOL001"\narea = "goals"\nseverity = "error"\napplies_from = 1'
    _replace(folder / "rules.toml", old, old.replace("= 1", "= 5"))
    rule = load_rules_from(folder, tmp_path, 5).get("GOL001")
    assert rule is not None and rule.applies_from == 5


def test_a_code_used_in_two_files_names_both(tmp_path):
    folder = _rules_folder(tmp_path)
    shutil.copy(folder / "rules.toml", folder / "rules2.toml")
    expected = _problem("rules/rules2.toml", "GOL001", "duplicate_code", other="rules/rules.toml")
    assert _load_error(folder, tmp_path) == expected


def test_files_outside_the_pack_root_are_named_in_full(tmp_path):
    folder = _rules_folder(tmp_path)
    shutil.copy(folder / "rules.toml", folder / "rules2.toml")
    message = _load_error(folder, tmp_path / "anderswo")
    other = str(folder / "rules.toml")
    assert message == _problem(str(folder / "rules2.toml"), "GOL001", "duplicate_code", other=other)


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("_areas.toml", 'prefix = "MAN"', 'prefix = "man"'),
        ("rules.toml", 'severity = "warning"', 'severity = "fatal"'),
    ],
)
def test_a_schema_error_in_a_pack_file_names_it_from_the_pack_root(tmp_path, file, old, new):
    folder = _rules_folder(tmp_path)
    _replace(folder / file, old, new)
    message = _load_error(folder, tmp_path)
    assert f"rules/{file}:" in message
    assert str(tmp_path) not in message


@pytest.mark.parametrize("part_of", ["nirgends", "mandate"])
def test_an_area_part_of_no_other_area_names_the_known_ones(tmp_path, part_of):
    folder = _rules_folder(tmp_path)
    _replace(folder / "_areas.toml", 'prefix = "MAN"', f'prefix = "MAN"\npart_of = "{part_of}"')
    expected = _problem(
        "rules/_areas.toml", "mandate", "unknown_part_of", value=part_of, known=_KNOWN_AREAS
    )
    assert _load_error(folder, tmp_path) == expected


def test_the_catalogue_knows_its_areas_and_what_they_are_part_of(tmp_path):
    from gdb_cli.engine.catalog import load_rules_from

    folder = _rules_folder(tmp_path)
    _replace(folder / "_areas.toml", 'prefix = "MAN"', 'prefix = "MAN"\npart_of = "goals"')
    catalog = load_rules_from(folder, tmp_path, 5)
    assert [area.id for area in catalog.areas] == _KNOWN_AREAS.split(", ")
    mandate = catalog.area("mandate")
    assert mandate is not None and mandate.part_of == "goals" and mandate.prefix == "MAN"
    assert catalog.area("goals") is not None and catalog.area("nirgends") is None


def test_a_recommendation_cannot_be_an_error(tmp_path):
    from gdb_cli.engine.catalog import _ as texts

    folder = _rules_folder(tmp_path)
    _replace(
        folder / "rules.toml",
        'code = "MAN003"\narea = "mandate"\nseverity = "warning"',
        'code = "MAN003"\narea = "mandate"\nseverity = "error"',
    )
    message = _load_error(folder, tmp_path)
    assert "rules/rules.toml:" in message and texts("practice_error") in message


def test_a_practice_warning_and_a_handbook_error_load(tmp_path):
    from gdb_cli.engine.catalog import load_rules_from

    catalog = load_rules_from(_rules_folder(tmp_path), tmp_path, 5)
    man003, gol001 = catalog.get("MAN003"), catalog.get("GOL001")
    assert man003 is not None and man003.recommendation and man003.severity == "warning"
    assert gol001 is not None and not gol001.recommendation and gol001.severity == "error"


_IF = 'if = { path = "principles.software", equals = true }'


@pytest.mark.parametrize(
    ("new", "key"),
    [
        ('if = { path = "principles.software", equals = true, present = true }', "condition_one"),
        ('if = { path = "principles.software" }', "condition_one"),
        ("if = { equals = true }", "condition_path"),
        ("if = { not_equals = true }", "condition_path"),
        ("if = { present = true }", "condition_path"),
    ],
)
def test_a_condition_needs_one_test_and_a_path_to_test(tmp_path, new, key):
    from gdb_cli.engine.catalog import _ as texts

    folder = _rules_folder(tmp_path)
    _replace(folder / "rules.toml", _IF, new)
    message = _load_error(folder, tmp_path)
    assert "rules/rules.toml:" in message and texts(key) in message


@pytest.mark.parametrize(
    "new", ["if = { phase_at_least = 2 }", 'if = { any = [{ path = "x", present = true }] }']
)
def test_a_phase_or_a_combination_needs_no_path(tmp_path, new):
    from gdb_cli.engine.catalog import load_rules_from

    folder = _rules_folder(tmp_path)
    _replace(folder / "rules.toml", _IF, new)
    assert load_rules_from(folder, tmp_path, 5).get("CON003") is not None


@pytest.mark.parametrize(
    ("first", "valid"), [('"$as_of"', True), ('"measure.start["', False), ('"$heute"', False)]
)
def test_a_date_order_compares_key_paths_or_the_check_date(tmp_path, first, valid):
    from gdb_cli.engine.catalog import _ as texts
    from gdb_cli.engine.catalog import load_rules_from

    folder = _rules_folder(tmp_path)
    _replace(folder / "rules.toml", 'first = "measure.start"', f"first = {first}")
    if valid:
        assert load_rules_from(folder, tmp_path, 5).get("CON001") is not None
    else:
        message = _load_error(folder, tmp_path)
        assert texts("bad_path", path=first.strip('"')) in message


def test_a_broken_message_template_says_what_is_broken(tmp_path):
    import string

    from gdb_cli.engine.catalog import _ as texts

    message = _broken_catalogue(tmp_path, "{count} Ziele", "{count Ziele")
    rules = tomllib.loads((tmp_path / "rules" / "rules.toml").read_text(encoding="utf-8"))
    broken = next(
        r["message"]["de"] for r in rules["rules"] if "{count Ziele" in r["message"]["de"]
    )
    with pytest.raises(ValueError) as python_says:
        list(string.Formatter().parse(broken))
    assert texts("bad_template", detail=python_says.value) in message


def test_a_named_check_registers_with_its_parameters_and_defaults():
    from gdb_cli.engine import named

    def nothing(context: Any, params: dict[str, Any]) -> list[Any]:
        return []

    decorated = named.register(
        "test_nothing", limit=named.Param("number", 2), key=named.Param("text", required=True)
    )(nothing)
    try:
        assert decorated is nothing
        function, params = named.prepare("test_nothing", {"key": "id"})
        assert function is nothing and params == {"limit": 2, "key": "id"}
        assert named.prepare("test_nothing", {"limit": 3})[1]["limit"] == 3
        assert named.missing_params("test_nothing", {}) == ["key"]
        assert named.missing_params("test_nothing", {"key": "id"}) == []
    finally:
        del named.REGISTRY["test_nothing"]


# --- a value in a message: as people read it, in their language, never longer than 80 ----------


@pytest.mark.parametrize(
    ("value", "path", "de", "en"),
    [
        (None, "", "–", "–"),
        (True, "", "true", "true"),
        (False, "", "false", "false"),
        (310000, "resources.budget_total_eur", "310.000 €", "€310,000"),
        (2.5, "resources.budget[0].amount_eur", "2,50 €", "€2.50"),
        (0.5, "resources.staff[0].fte", "0,5", "0.5"),
        (3, "goals", "3", "3"),
        ([1000, 2000], "resources.budget[*].amount_eur", "1.000 €, 2.000 €", "€1,000, €2,000"),
        ([0.5, "a"], "x", "0,5, a", "0.5, a"),
        ([], "", "[]", "[]"),
        ({"a": 1}, "", "{…}", "{…}"),
        (dt.date(2026, 1, 2), "", "02.01.2026", "2026-01-02"),
        ("zwei\n  Zeilen\tText", "", "zwei Zeilen Text", "zwei Zeilen Text"),
    ],
)
def test_a_value_is_shown_as_people_read_it(value, path, de, en):
    from gdb_cli import i18n
    from gdb_cli.engine import show_value

    i18n.set_language("de")
    assert show_value(value, path) == de
    i18n.set_language("en")
    assert show_value(value, path) == en


@pytest.mark.parametrize(
    ("shown", "de", "en"),
    [
        (("amount", 310000), "310.000 €", "€310,000"),
        (("percent", 45.5), "46 %", "46%"),
        (("number", 0.5), "0,5", "0.5"),
        (("number", 2), "2", "2"),
    ],
)
def test_a_computed_number_is_shown_by_its_kind(shown, de, en):
    from gdb_cli import i18n
    from gdb_cli.engine import show_value
    from gdb_cli.engine.hits import Shown

    kind, number = shown
    i18n.set_language("de")
    assert show_value(Shown(number, kind)) == de
    i18n.set_language("en")
    assert show_value(Shown(number, kind)) == en


def test_an_id_of_a_closed_list_is_shown_by_its_label():
    from gdb_cli import i18n
    from gdb_cli.engine import show_value

    labels = {"pending": {"de": "ausstehend", "en": "pending"}, "granted": {"de": "erteilt"}}
    i18n.set_language("de")
    assert show_value("pending", "mandate.status", labels) == "ausstehend"
    assert show_value(["pending", "granted"], "m", labels) == "ausstehend, erteilt"
    assert show_value("other", "mandate.status", labels) == "other"
    i18n.set_language("en")
    assert show_value("granted", "mandate.status", labels) == "granted"  # no English label


@pytest.mark.parametrize(
    ("length", "shortened"), [(79, False), (80, False), (81, True), (200, True)]
)
def test_a_value_of_80_characters_is_shown_whole_a_longer_one_shortened(length, shortened):
    from gdb_cli.engine import show_value

    text = "".join(chr(ord("a") + i % 26) for i in range(length))
    shown = show_value(text)
    if shortened:
        assert shown == text[:79] + "…" and len(shown) == 80
    else:
        assert shown == text


# --- a finding's message: every placeholder filled, a template that cannot be filled shown as is --


def _fixture_report(tmp_path: Path, old: str, new: str, data: dict[str, Any], lang: str = "de"):
    from gdb_cli import i18n
    from gdb_cli.engine.catalog import load_rules_from

    folder = _rules_folder(tmp_path)
    _replace(folder / "rules.toml", old, new)
    handbook = load_handbook()
    catalog = load_rules_from(folder, tmp_path, 5)
    i18n.set_language(lang)
    return evaluate(load_data(data, handbook), handbook, as_of=AS_OF, catalog=catalog)


_MAN001_MESSAGE = 'message = { de = "Mandatsstatus fehlt.", en = "Mandate status missing." }'


@pytest.mark.parametrize("lang", ["de", "en"])
def test_placeholders_a_check_does_not_fill_are_empty_and_the_phase_is_the_charters(tmp_path, lang):
    template = "P{phase} C{count} M{min} L{limit} D{detail} at {path}: {value}"
    data = patched(EXAMPLE_DATA, {"set": {"measure.phase": 2}, "delete": ["mandate.status"]})
    new = f'message = {{ de = "{template}", en = "{template}!" }}'
    report = _fixture_report(tmp_path, _MAN001_MESSAGE, new, data, lang)
    [finding] = [f for f in report.findings if f.code == "MAN001"]
    ending = "" if lang == "de" else "!"
    assert finding.message == "P2 C M L D at mandate.status: –" + ending
    assert finding.extra["title"] == ("Mandatsstatus" if lang == "de" else "Mandate status")
    assert finding.extra["basis_kind"] == "handbook" and finding.extra["area"] == "mandate"
    assert finding.applies_from == 1 and finding.severity == "error"


def test_a_template_the_value_does_not_fit_is_shown_as_written(tmp_path):
    data = patched(EXAMPLE_DATA, {"delete": ["mandate.status"]})
    new = 'message = { de = "Status {value:d} fehlt.", en = "Status {value:d} missing." }'
    report = _fixture_report(tmp_path, _MAN001_MESSAGE, new, data)
    [finding] = [f for f in report.findings if f.code == "MAN001"]
    assert finding.message == "Status {value:d} fehlt."


# --- the evidence's phase, exceptions, selections ------------------------------------------------


def test_a_charter_without_the_first_phases_results_is_in_phase_1(handbook):
    from helpers import MINIMAL

    data = tomllib.loads(MINIMAL.read_text(encoding="utf-8"))
    data["measure"].pop("phase", None)
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF)
    assert report.phase == 1 and report.phase_derived
    assert [f.code for f in report.findings if f.code.startswith("SCH00")] == ["SCH009"]


def test_an_expired_exception_does_not_end_the_list(handbook):
    reason = "Die Runde tagt erst im Januar."
    exceptions = [
        {"code": "CON005", "reason": reason, "until": dt.date(2026, 6, 15)},
        {"code": "CON007", "reason": reason},
    ]
    data = patched(
        EXAMPLE_DATA,
        {"set": {"exceptions": exceptions, "mandate.valid_until": START}},
    )
    report = evaluate(
        load_data(data, handbook), handbook, as_of=dt.date(2026, 6, 16), select=["CON00"]
    )
    assert [f.code for f in report.accepted] == ["CON007"]
    assert "CON005" in [f.code for f in report.findings]


@pytest.mark.parametrize(
    ("extra", "skipped"),
    [
        ({"mandat": {"status": "granted"}}, ["mandate"]),  # the section meant
        ({"notizen": {"text": "x"}}, []),  # unknown, but no section's name
        ({"measure.titel": "Wasser"}, []),  # a key inside a table is no section
    ],
)
def test_only_a_misspelt_top_level_section_skips_its_rules(handbook, extra, skipped):
    data = patched(EXAMPLE_DATA, {"set": extra})
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF)
    assert report.skipped_sections == skipped


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (True, 1, False),
        (1, True, False),
        (True, True, True),
        (1, 1.0, True),
        (dt.date(2026, 1, 1), dt.date(2026, 1, 1), True),
        ("a", "a", True),
    ],
)
def test_a_truth_value_is_never_the_same_as_a_number(a, b, same):
    from gdb_cli.engine.values import same as values_same

    assert values_same(a, b) is same


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (3, 3),
        (0.5, 0.5),
        ("3", None),
        (True, None),
        (float("inf"), None),
        (float("-inf"), None),
        (float("nan"), None),
    ],
)
def test_only_a_finite_number_counts_as_a_number(value, number):
    from gdb_cli.engine.values import as_number

    assert as_number(value) == number


def test_a_rule_added_to_a_compiled_catalogue_is_planned(tmp_path):
    from gdb_cli.engine import plan
    from gdb_cli.engine.catalog import load_rules_from

    full = load_rules_from(_rules_folder(tmp_path), tmp_path, 5)
    catalog = load_rules_from(_rules_folder(tmp_path / "2"), tmp_path / "2", 5)
    last = catalog.rules.pop()
    before = plan.codes(catalog)
    catalog.rules.append(last)
    assert last.code not in before
    assert plan.codes(catalog) == frozenset(full.codes())


# --- named checks: what a finding says ----------------------------------------------------------


def _messages(handbook: Handbook, code: str, set_: dict[str, Any], lang: str = "en") -> list[str]:
    from gdb_cli import i18n

    i18n.set_language(lang)
    data = patched(EXAMPLE_DATA, {"set": {"measure.phase": 5, **set_}})
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF, select=[code])
    return [f.message for f in report.findings if f.code == code]


def test_con009_names_the_target_date_and_the_start(handbook):
    path = "goals[1].indicators[0].target_date"
    [message] = _messages(handbook, "CON009", {path: START - DAY})
    assert f"target date {(START - DAY).isoformat()}" in message
    assert f"({START.isoformat()})" in message


@pytest.mark.parametrize(
    ("line", "undated"),
    [
        ({"year": 2026}, False),
        ({"start": "2026-10"}, False),  # a period's start alone dates the line
        ({"end": "2027-09"}, False),
        ({"start": "bald"}, True),  # no date: not a period
        ({}, True),
    ],
)
def test_res004_a_budget_line_needs_a_year_or_a_date_of_its_period(handbook, line, undated):
    found = hits(handbook, "RES004", {"resources.budget": [{"item": "Pilot", **line}]})
    assert found == (["resources.budget[0].year"] if undated else [])


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ({"handbook": "thresholds.phase_unchanged_months"}, True),  # checked when loaded
        ({"handbook": 18}, False),  # no key of the pack: a table, not a number
        ({"handbook": "thresholds.x", "also": 1}, False),
        (18, True),
        (-1, False),
    ],
)
def test_a_parameter_is_a_number_or_names_a_value_of_the_pack(value, ok):
    from gdb_cli.engine import named

    assert named.param_ok(named.Param("number"), value) is ok


def test_a_catalogue_restored_with_its_pack_is_the_one_used(tmp_path):
    from gdb_cli.engine.catalog import load_rules_from, remember

    handbook = load_handbook()  # the bundled pack, shared by every test of this process
    bundled = load_rules(handbook)
    catalog = load_rules_from(_rules_folder(tmp_path), tmp_path, 5)
    try:
        remember(handbook, catalog)
        assert load_rules(handbook) is catalog
    finally:
        remember(handbook, bundled)
    assert load_rules(handbook) is bundled


_MILESTONE = "resources.milestones[1].date"


@pytest.mark.parametrize(
    ("code", "set_", "delete", "as_of", "expected"),
    [
        (
            "CON002",
            {_MILESTONE: dt.date(2028, 1, 1)},
            [],
            AS_OF,
            {
                _MILESTONE: "The milestone on 2028-01-01 lies outside the measure's time frame "
                "(2026-01-15 – 2027-12-31)."
            },
        ),
        (
            "CON002",
            {_MILESTONE: dt.date(2028, 1, 1)},
            ["measure.start"],
            AS_OF,
            {
                _MILESTONE: "The milestone on 2028-01-01 lies outside the measure's time frame "
                "(… – 2027-12-31)."
            },
        ),
        (
            "CON002",
            {_MILESTONE: dt.date(2026, 1, 1)},
            ["measure.end"],
            AS_OF,
            {
                _MILESTONE: "The milestone on 2026-01-01 lies outside the measure's time frame "
                "(2026-01-15 – …)."
            },
        ),
        (
            "CON007",
            {},
            [],
            dt.date(2026, 6, 16),
            {
                "resources.milestones[0].date": "The milestone “Mandat der Entscheidungsrunde” "
                "due 2026-06-15 is overdue and not marked as done."
            },
        ),
        (
            "CON005",
            {"mandate.valid_until": AS_OF - DAY},
            [],
            AS_OF,
            {"mandate.valid_until": "The mandate expired on 2026-11-28 (check date 2026-11-29)."},
        ),
        (
            "CON006",
            {"mandate.valid_until": END - DAY},
            [],
            AS_OF,
            {
                "mandate.valid_until": "The mandate is valid until 2027-12-30, but the measure "
                "runs until 2027-12-31."
            },
        ),
        (
            "CON004",
            {"responsibility.team[3]": {"name": "Kim  muster", "role": "P", "fte": 0.75}},
            [],
            AS_OF,
            {
                "responsibility.team[3].fte": "Kim muster is planned with 1.25 full-time "
                "equivalents in total across the team (at most 1)."
            },
        ),
        (
            "EXC001",
            {"exceptions": [{"code": "NOPE001", "reason": " "}]},
            [],
            AS_OF,
            {
                f"exceptions[0].{key}": "The exception for “NOPE001” is invalid: the reason is "
                f"missing or the rule code is unknown (exceptions[0].{key})."
                for key in ("code", "reason")
            },
        ),
        (
            "CMP004",
            {"competencies": [{"skill": "UX", "available": False}]},
            [],
            AS_OF,
            {
                "competencies[0].mitigation": "There is no plan for the missing competency “UX” "
                "(competencies[0].mitigation is missing)."
            },
        ),
        (
            "RES009",
            {"resources.budget[0].status": "requested"},
            [],
            AS_OF,
            {"resources.budget": "Only 13% of the budget is secured; at least 50% is advised."},
        ),
        (
            "VAL001",
            {},
            ["goals[0].values", "goals[1].values"],
            AS_OF,
            {"goals[0].values": "2 of 2 goals name no value of the value compass (goals z1, z2)."},
        ),
        (
            "MEA020",
            {"measure.end": dt.date(2026, 11, 1)},
            [],
            AS_OF,
            {
                "measure.end": "The measure counts as running, but its end (2026-11-01) lies "
                "before the check date 2026-11-29."
            },
        ),
        (
            "RES020",
            {"resources.budget": [{"item": "a", "year": 2026}]},
            [],
            AS_OF,
            {
                "resources.budget[0].year": "The longest-running funding ends 2026, the measure "
                "only 2027-12-31 – follow-up funding is missing."
            },
        ),
    ],
)
def test_a_named_checks_finding_says_what_and_against_what(
    handbook, code, set_, delete, as_of, expected
):
    """The value, the detail and the limit each named check hands to its rule's message."""
    from gdb_cli import i18n

    i18n.set_language("en")
    data = patched(EXAMPLE_DATA, {"set": {"measure.phase": 5, **set_}, "delete": list(delete)})
    report = evaluate(load_data(data, handbook), handbook, as_of=as_of, select=[code])
    assert {f.path: f.message for f in report.findings if f.code == code} == expected


@pytest.mark.parametrize(
    ("date", "settings"),
    [
        ("2027-12", {"measure.end": dt.date(2027, 12, 15)}),  # the month may end after the end
        ("2026-01", {}),  # the month of the start (15 January)
        ("2027", {"measure.end": dt.date(2027, 6, 30)}),
    ],
)
def test_con002_a_milestone_month_or_year_that_overlaps_the_frame_is_within(
    handbook, date, settings
):
    assert hits(handbook, "CON002", {_MILESTONE: date, **settings}) == []


def test_a_finding_in_a_section_the_charter_lacks_points_at_the_first_line(handbook):
    data = patched(EXAMPLE_DATA, {"set": {"measure.phase": 1}, "delete": ["problem"]})
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF, select=["MEA008"])
    [finding] = [f for f in report.findings if f.code == "MEA008"]
    assert (finding.path, finding.line, finding.column) == ("problem.key_questions", 1, 1)


# --- MAN020: decisions include a political mandate for change ----------------------------------

_DECISIONS = [
    {"kind": "funding", "granted_by": "foerderbescheid", "date": "2023-02"},
    {"kind": "commission", "granted_by": "senatskanzlei"},
]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            {},
            "Die Charta nennt kein politisches Mandat zur Veränderung, nur: Beauftragung, "
            "Förderbescheid.",
        ),
        (  # a mandate granted by a funding decision is no mandate for change either
            {"mandate.status": "granted", "mandate.granted_by": "foerderbescheid"},
            "Die Charta nennt kein politisches Mandat zur Veränderung, nur: Beauftragung, "
            "Förderbescheid.",
        ),
        ({"mandate.status": "granted", "mandate.granted_by": "senatskanzlei"}, None),
        (  # only a mandate already granted counts
            {"mandate.status": "pending", "mandate.granted_by": "senatskanzlei"},
            "Die Charta nennt kein politisches Mandat zur Veränderung, nur: Beauftragung, "
            "Förderbescheid.",
        ),
        (
            {
                "mandate.decisions": [
                    *_DECISIONS,
                    {"kind": "change-mandate", "granted_by": "entscheidungsrunde"},
                ]
            },
            None,
        ),
        ({"mandate.decisions": []}, None),
        (
            {"mandate.decisions": [{"granted_by": "senatskanzlei"}, "kaputt"]},
            "Die Charta nennt kein politisches Mandat zur Veränderung, nur: –.",
        ),
    ],
)
def test_man020_names_the_kinds_of_decision_a_charter_has_instead(settings, expected):
    from gdb_cli import i18n
    from helpers import MINIMAL

    i18n.set_language("de")
    handbook = load_handbook()
    base = tomllib.loads(MINIMAL.read_text(encoding="utf-8"))
    data = patched(base, {"set": {"measure.phase": 2, "mandate.decisions": _DECISIONS, **settings}})
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF, select=["MAN020"])
    found = [(f.path, f.message) for f in report.findings if f.code == "MAN020"]
    assert found == ([] if expected is None else [("mandate.decisions", expected)])
