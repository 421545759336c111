"""The interview asks for format 2's structures: decisions, partners, the political sponsor,
budget periods with funder and own share, target ranges, measurements, the measure's state, both
levels of fields of action, district, programme, project link and interim results.

Scripted runs (`--no-input`) write exactly what was given; the interview's parts (conditions,
parsers, checks) are tested through the same functions the interview uses."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest

from conftest import ROOT
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan, validators
from gdb_cli.wizard.catalogue import load_questionnaire, walk_questions
from helpers import MINIMAL_ANSWERS

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def env() -> plan.Env:
    handbook = load_handbook()
    return plan.Env(load_questionnaire(handbook), handbook)


def _leaves(data: Any, prefix: str = "") -> set[str]:
    if isinstance(data, dict):
        return {p for key, value in data.items() for p in _leaves(value, f"{prefix}{key}.")}
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        return {p for i, item in enumerate(data) for p in _leaves(item, f"{prefix[:-1]}[{i}].")}
    return {prefix[:-1]}


# Each new structure, as a team would give it (on top of the minimal answers)
STRUCTURES: dict[str, list[str]] = {
    "decisions": [
        "mandate.decisions[0].kind=funding",
        "mandate.decisions[0].granted_by=foerderbescheid",
        "mandate.decisions[0].body=Bundesministerium, über die KfW",
        "mandate.decisions[0].date=02/2023",
        "mandate.decisions[0].reference=Zuwendungsbescheid 12-345",
        "mandate.decisions[0].scope=Pilot in zwei Bezirken",
        "mandate.decisions[0].valid_until=2027",
        "mandate.decisions[1].kind=change-mandate",
        "mandate.decisions[1].granted_by=bvv",
        "mandate.decisions[1].reference=Drucksache 0815/XX",
    ],
    "partners": [
        "partners[0].organisation=ITDZ Berlin",
        "partners[0].role=operator",
        "partners[1].organisation=Beispiel Design GmbH",
        "partners[1].role=contractor",
        "partners[1].contact.name=Sam Muster",
        "partners[1].contact.role=Projektleitung",
        "partners[1].contact.email=sam.muster@example.com",
    ],
    "sponsor": [
        "responsibility.sponsor.name=Alex Stadtrat",
        "responsibility.sponsor.role=Bezirksstadtrat für Bürgerdienste",
        "responsibility.sponsor.organisation=Bezirksamt Mitte",
        "responsibility.contact.name=Kim Muster",
        "responsibility.contact.role=Referatsleitung",
    ],
    "budget": [
        "resources.budget[0].item=Pilotbetrieb",
        "resources.budget[0].amount_eur=120.000",
        "resources.budget[0].start=10/2026",
        "resources.budget[0].end=2027-06",
        "resources.budget[0].funding_source=Modellprojekte Smart Cities",
        "resources.budget[0].funder=Bund",
        "resources.budget[0].co_financing_share=10 %",
        "resources.budget[0].status=secured",
        "resources.budget[1].item=Verstetigung",  # amount not known yet: absent, never 0
        "resources.budget[1].year=2027",
        "resources.budget[1].funding_source=Haushaltsanmeldung",
        "resources.budget[1].status=planned",
    ],
    "indicators": [
        "goals[0].indicators[0].name=Sprechstunden je Woche",
        "goals[0].indicators[0].kind=output",
        "goals[0].indicators[0].unit=Termine",
        "goals[0].indicators[0].baseline=0",
        "goals[0].indicators[0].target=12–20",
        "goals[0].indicators[0].target_date=2027-06",
        "goals[0].indicators[0].data_source=Terminbuchung",
        "goals[0].indicators[0].measurements[0].date=2026-11",
        "goals[0].indicators[0].measurements[0].value=4",
        "goals[0].indicators[0].measurements[0].source=Terminbuchung",
        "goals[0].indicators[0].measurements[1].date=12/2026",
        "goals[0].indicators[0].measurements[1].value=9",
    ],
    "state": [
        "measure.status=stopped",
        "measure.closed_on=2026-12",
        "measure.lessons_learned=Die Terminbuchung allein hat die Wartezeiten gesenkt.",
    ],
    "frame": [
        "measure.action_fields=partizipative-governance,effektive-verwaltungsprozesse",
        "measure.district=mitte",
        "measure.spatial_levels=kieze",
        "measure.programme=mpsc",
        "measure.website=https://example.berlin/sprechstunde",
        "results[0].summary=Befragung: ein Drittel der Anliegen ginge per Video.",
        "results[0].phase=1",
        "results[0].date=2026-11",
        "results[0].link=https://example.berlin/sprechstunde/befragung",
    ],
}


def _closed_ids(list_name: str) -> list[str]:
    return load_handbook().closed(list_name).ids()


def test_the_sample_answers_use_ids_of_the_closed_lists():
    """The samples above stay valid when the vocabulary changes (or this test says which)."""
    assert {"partizipative-governance", "effektive-verwaltungsprozesse"} <= set(
        _closed_ids("action_fields")
    ), _closed_ids("action_fields")
    assert "kieze" in _closed_ids("spatial_levels"), _closed_ids("spatial_levels")


@pytest.mark.parametrize("name", list(STRUCTURES))
def test_scripted_answers_for_each_new_structure_are_written_as_given_and_check_accepts_them(
    gdb, tmp_path, name
):
    out = tmp_path / "charta.toml"
    given = [part for item in STRUCTURES[name] for part in ("--set", item)]
    result = gdb("init", "--no-input", *MINIMAL_ANSWERS, *given, out)
    assert result.code == 0, result.err
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    written = _leaves(data)
    # nothing beyond the answers, the identifiers and the format (lists of texts are one leaf)
    answered = {flag.partition("=")[0] for flag in (*MINIMAL_ANSWERS[1::2], *STRUCTURES[name])}
    answered = {key.removesuffix("[0]") for key in answered}
    made = {"schema_version", "measure.id", "goals[0].id"}
    assert written - made == answered, written ^ (answered | made)
    check = gdb("check", out, "--as-of", "2026-10-01", "--format", "json")
    errors = [f for f in json.loads(check.out)["findings"] if f["severity"] == "error"]
    assert errors == [], errors


def test_the_written_values_are_what_was_typed(gdb, tmp_path):
    out = tmp_path / "charta.toml"
    given = [
        part for name in ("budget", "indicators", "decisions") for item in STRUCTURES[name]
        for part in ("--set", item)
    ]  # fmt: skip
    assert gdb("init", "--no-input", *MINIMAL_ANSWERS, *given, out).code == 0
    text = out.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    budget = data["resources"]["budget"]
    assert budget[0]["co_financing_share"] == 0.1
    assert budget[0]["start"] == "2026-10" and budget[0]["end"] == "2027-06"  # months stay months
    assert "amount_eur" not in budget[1]  # unknown: absent, not 0
    indicator = data["goals"][0]["indicators"][0]
    assert indicator["target"] == [12, 20]
    assert [m["date"] for m in indicator["measurements"]] == ["2026-11", "2026-12"]
    assert "source" not in indicator["measurements"][1]
    decisions = data["mandate"]["decisions"]
    assert decisions[0]["date"] == "2023-02" and decisions[0]["valid_until"] == "2027"
    assert decisions[0]["scope"] == ["Pilot in zwei Bezirken"]
    assert "status" not in data["mandate"]  # nobody said how the mandate itself stands


def test_the_format2_examples_as_answers_give_the_same_charter(gdb, tmp_path):
    from gdb_cli.charter.load import load_charter

    closed = load_handbook().closed_ids()
    for example in sorted(EXAMPLES.glob("format2-*.toml")):
        out = tmp_path / example.name
        result = gdb("init", "--no-input", "--answers", example, out)
        assert result.code == 0, (example.name, result.err)
        assert load_charter(out, closed).charter == load_charter(example, closed).charter


# --- the interview's parts ----------------------------------------------------------------------


def _asked(env: plan.Env, section_id: str, data: dict[str, Any], indices=()) -> list[str]:
    section = env.questionnaire.section(section_id)
    assert section is not None
    out = []
    for question in walk_questions(section.questions):
        depth = question.key.count("[*]")
        if plan.applies(question, env.context(data, tuple(indices)[:depth] or (0,) * depth)):
            out.append(question.key)
    return out


def test_closing_date_and_lessons_are_asked_only_for_a_closed_measure(env):
    for status, asked in (
        (None, False),
        ("active", False),
        ("paused", False),
        ("completed", True),
        ("stopped", True),
    ):
        data = {"measure": {"status": status}} if status else {}
        keys = _asked(env, "measure", data)
        assert "measure.status" in keys
        assert ("measure.closed_on" in keys) is asked, status
        assert ("measure.lessons_learned" in keys) is asked, status


def test_a_budget_period_is_asked_when_the_line_has_no_year(env):
    with_year = {"resources": {"budget": [{"item": "x", "year": 2026}]}}
    keys = _asked(env, "resources", with_year, (0,))
    assert "resources.budget[*].start" not in keys and "resources.budget[*].year" in keys
    with_period = {"resources": {"budget": [{"item": "x", "start": "2026"}]}}
    keys = _asked(env, "resources", with_period, (0,))
    assert "resources.budget[*].start" in keys and "resources.budget[*].end" in keys
    assert "resources.budget[*].year" not in keys  # no year proposed for a line with a period
    new = {"resources": {"budget": [{"item": "x"}]}}
    keys = _asked(env, "resources", new, (0,))
    assert {"resources.budget[*].year", "resources.budget[*].start"} <= set(keys)


def test_the_sponsors_details_follow_a_name(env):
    keys = _asked(env, "responsibility", {})
    assert "responsibility.sponsor.name" in keys
    assert "responsibility.sponsor.role" not in keys
    keys = _asked(env, "responsibility", {"responsibility": {"sponsor": {"name": "A"}}})
    assert "responsibility.sponsor.role" in keys


@pytest.mark.parametrize(
    ("phase", "asked"), [(1, False), (2, False), (3, True), (4, True), (5, True)]
)
def test_measurements_are_asked_once_the_measure_is_tested(env, phase, asked):
    keys = _asked(env, "goals", {"measure": {"phase": phase}}, (0, 0))
    assert ("goals[*].indicators[*].measurements" in keys) is asked
    assert ("results" in keys) is (phase >= 2)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("20", 20), ("12–20", [12, 20]), ("12 - 20", [12, 20]), ("12 bis 20", [12, 20])],
)
def test_a_target_may_be_a_range(env, typed, value):
    question = env.questionnaire.by_pattern["goals[*].indicators[*].target"]
    ctx = env.context({}, (0, 0))
    assert validators.text_problem(question, typed, ctx) is None
    assert validators.parse_answer(question, typed) == value


def test_a_range_the_wrong_way_round_gets_the_checks_message(env):
    question = env.questionnaire.by_pattern["goals[*].indicators[*].target"]
    problem = validators.text_problem(question, "20–12", env.context({}, (0, 0)))
    assert problem is not None and "12" in problem


@pytest.mark.parametrize(("typed", "ok"), [("10 %", True), ("0,1", True), ("10", False)])
def test_the_own_share_is_a_share(env, typed, ok):
    question = env.questionnaire.by_pattern["resources.budget[*].co_financing_share"]
    problem = validators.text_problem(question, typed, env.context({}, (0,)))
    assert (problem is None) is ok, problem
    if not ok:
        assert problem is not None and "10 %" in problem


def test_every_new_question_is_optional_and_proposes_nothing(env):
    """Enter skips each of them and nothing is written for a skipped question."""
    new = (
        "measure.action_fields", "measure.district", "measure.spatial_levels",
        "measure.programme", "measure.website", "measure.status", "measure.closed_on",
        "measure.lessons_learned", "measure.entered_phase_on", "responsibility.contact.role",
        "responsibility.sponsor.",
        "partners", "mandate.decisions", "resources.budget[*].start", "resources.budget[*].end",
        "resources.budget[*].funder", "resources.budget[*].co_financing_share",
        "goals[*].indicators[*].measurements", "results",
    )  # fmt: skip
    found = [q for q in env.questionnaire.by_pattern.values() if q.key.startswith(new)]
    assert len(found) >= 30
    for question in found:
        assert question.default is None and question.default_from is None, question.key
        required = question.required or question.required_if is not None or question.min
        if question.key != "partners[*].organisation":  # a partner is named, or not added
            assert not required, question.key


def test_required_lists_never_invite_leaving_a_needed_entry_empty(env):
    from gdb_cli.wizard.interactive import list_hint

    for question in env.questionnaire.by_pattern.values():
        if question.help is not None:  # the interview says it once, not the help text
            assert "leer lassen und enter" not in question.help.get("de").lower(), question.key
        hint = list_hint(question)
        if question.kind != "list":
            assert hint == ""
        elif question.min:
            assert hint.startswith(f"Mindestens {question.min};"), question.key
        else:
            assert hint == "Leer lassen und Enter, um weiterzugehen."


def test_no_total_budget_is_proposed_while_a_line_has_no_amount(env):
    question = env.questionnaire.by_pattern["resources.budget_total_eur"]
    known = {"resources": {"budget": [{"amount_eur": 1000}, {"amount_eur": 500.5}]}}
    assert plan.default_for(question, env.context(known)) == 1500.5
    open_line = {"resources": {"budget": [{"amount_eur": 1000}, {"item": "später"}]}}
    assert plan.default_for(question, env.context(open_line)) is None
    assert plan.known_numbers(open_line, "resources.budget[*].amount_eur") == ([1000], 1)


@pytest.mark.parametrize(
    ("example", "assignment", "old", "new"),
    [
        (
            "format2-budget-indicators.toml",  # [[goals]] split by other tables
            "goals[1].indicators[0].unit=Buchungen",
            '  unit = "Termine"',
            '  unit = "Buchungen"',
        ),
        (
            "format2-decisions.toml",
            "mandate.decisions[1].reference=BVV 12/2026",
            '  reference = "Drucksache 0815/XX"',
            '  reference = "BVV 12/2026"',
        ),
    ],
)
def test_update_keeps_a_split_array_of_tables_where_the_file_has_it(
    gdb, tmp_path, example, assignment, old, new
):
    """tomlkit joins the parts of `[[goals]]` that a file splits; --update puts them back, so the
    diff is the changed line and the changelog entry, nothing else."""
    import difflib

    original = (EXAMPLES / example).read_text(encoding="utf-8")
    target = tmp_path / "charta.toml"
    target.write_text(original, encoding="utf-8")
    result = gdb("init", "--no-input", "--update", "--set", assignment, target)
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(original.split("\n"), text.split("\n"), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    added_log = [line for line in diff if line.startswith("+") and line[1:] not in ("", new)]
    assert [line for line in diff if line.startswith("-")] == ["-" + old], diff
    assert "+" + new in diff
    assert added_log[0] == "+[[changelog]]" and len(added_log) == 4, diff
