"""The wizard's parts: checks per section (both languages), parsing, paths, questionnaire,
recovery, comment-preserving updates and the readiness view."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLE
from gdb_cli import i18n
from gdb_cli.charter import keypaths
from gdb_cli.errors import GdbError
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan, recovery, validators
from gdb_cli.wizard.catalogue import Questionnaire, load_questionnaire
from gdb_cli.wizard.update import apply_update, next_version
from gdb_cli.wizard.values import (
    ValueProblem,
    apply_assignments,
    format_number,
    model_kind,
    parse_assignment,
    parse_bool,
    parse_date,
    parse_number,
)


@pytest.fixture
def env() -> plan.Env:
    handbook = load_handbook()
    return plan.Env(load_questionnaire(handbook), handbook)


def _problem(
    env: plan.Env, key: str, text: str, data: dict | None = None, indices=()
) -> str | None:
    question = env.questionnaire.by_pattern[key]
    ctx = env.context(data or {}, indices)
    return validators.text_problem(question, text, ctx)


# --- checks, section by section, in both languages ----------------------------------------------

CASES = [
    # (section, key, bad text, data, indices, German fragment, English fragment, good text)
    ("measure", "measure.title", "  ", {}, (), "Pflicht", "required", "Wasser"),
    (
        "measure",
        "measure.id",
        "Wasser Dashboard",
        {},
        (),
        "Kleinbuchstaben",
        "lower-case",
        "wasser",
    ),
    (
        "measure",
        "measure.end",
        "2025-12-31",
        {"measure": {"start": dt.date(2026, 1, 1)}},
        (),
        "muss nach „Beginn“",
        "must be after “Start”",
        "2026-01-02",
    ),
    (
        "measure",
        "measure.start",
        "31.02.2026",
        {},
        (),
        "gibt es nicht",
        "no February",
        "28.02.2026",
    ),
    (
        "goals",
        "goals[*].indicators[*].target",
        "viele",
        {},
        (0, 0),
        "weder eine Zahl noch ein Bereich",
        "neither a number nor a range",
        "6",
    ),
    (
        "goals",
        "goals[*].indicators[*].target_date",
        "Juni",
        {},
        (0, 0),
        "kein Datum",
        "not a date",
        "2027-06-30",
    ),
    (
        "responsibility",
        "responsibility.lead.email",
        "kim at example",
        {},
        (),
        "keine gültige E-Mail-Adresse",
        "not a valid e-mail address",
        "kim@example.berlin",
    ),
    (
        "responsibility",
        "responsibility.team[*].fte",
        "1,5",
        {},
        (0,),
        "zwischen 0 und 1",
        "between 0 and 1",
        "0,5",
    ),
    (
        "resources",
        "resources.budget[*].amount_eur",
        "-5",
        {},
        (0,),
        "mindestens 0",
        "at least 0",
        "180.000",
    ),
    (
        "resources",
        "resources.budget[*].year",
        "26,5",
        {},
        (0,),
        "keine ganze Zahl",
        "not a whole number",
        "2026",
    ),
    (
        "resources",
        "resources.budget[*].year",
        "1800",
        {},
        (0,),
        "mindestens 1900",
        "at least 1900",
        "2026",
    ),
    (
        "resources",
        "resources.staff[*].fte",
        "-1",
        {},
        (0,),
        "mindestens 0",
        "at least 0",
        "1,5",
    ),
    (
        "mandate",
        "mandate.valid_until",
        "2026-06-01",
        {"mandate": {"date": dt.date(2026, 6, 15)}},
        (),
        "muss nach",
        "must be after",
        "2027-12-31",
    ),
    (
        "competencies",
        "competencies[*].mitigation",
        "",
        {"competencies": [{"available": False}]},
        (0,),
        "Pflicht",
        "required",
        "Schulung",
    ),
    (
        "principles",
        "principles.repository",
        "gitlab",
        {},
        (),
        "https://",
        "https://",
        "https://x.berlin",
    ),
]


@pytest.mark.parametrize(("section", "key", "bad", "data", "indices", "de", "en", "good"), CASES)
def test_checks_say_how_to_fix_in_both_languages(
    env, section, key, bad, data, indices, de, en, good
):
    assert env.questionnaire.by_pattern[key] in _section_questions(env, section)
    assert de in (_problem(env, key, bad, data, indices) or "")
    i18n.set_language("en")
    assert en in (_problem(env, key, bad, data, indices) or "")
    assert _problem(env, key, good, data, indices) is None


def _section_questions(env, section_id):
    from gdb_cli.wizard.catalogue import walk_questions

    section = env.questionnaire.section(section_id)
    return walk_questions(section.questions)


def test_closed_list_and_multi_checks(env):
    ctx = env.context({})
    mtype = env.questionnaire.by_pattern["measure.type"]
    assert "zentral, dezentral, netzwerk" in (validators.check(mtype, "lokal", ctx) or "")
    assert validators.check(mtype, "netzwerk", ctx) is None
    fields = env.questionnaire.by_pattern["measure.fields_of_action"]
    assert "mindestens 1" in (validators.check(fields, [], ctx) or "")
    assert validators.check(fields, ["inklusive-stadtgestaltung"], ctx) is None
    phase = env.questionnaire.by_pattern["measure.phase"]
    assert validators.check(phase, 9, ctx)
    assert validators.check(phase, 5, ctx) is None


def test_optional_text_may_stay_empty(env):
    assert _problem(env, "responsibility.steering", "") is None
    assert _problem(env, "responsibility.lead.email", "") is None


def test_wizard_checks_e_mails_like_the_charter_model(env):
    assert _problem(env, "responsibility.lead.email", "sabine.mueller@ba-pankow,berlin.de")
    assert _problem(env, "responsibility.lead.email", "sabine.mueller@ba-pankow.berlin.de") is None


def test_questionary_validator_returns_true_or_the_message(env):
    question = env.questionnaire.by_pattern["measure.start"]
    validate = validators.text_validator(question, env.context({}))
    assert validate("2026-01-15") is True
    assert isinstance(validate("morgen"), str)


def test_a_share_of_a_post_may_be_typed_in_per_cent(env):
    fte = env.questionnaire.by_pattern["responsibility.team[*].fte"]
    ctx = env.context({}, (0,))
    assert validators.parse_answer(fte, "50 %") == 0.5
    assert validators.parse_answer(fte, "50%") == 0.5
    assert validators.parse_answer(fte, "100 %") == 1
    staff = env.questionnaire.by_pattern["resources.staff[*].fte"]
    assert validators.parse_answer(staff, "150%") == 1.5
    assert validators.text_problem(fte, "50 %", ctx) is None
    expected = (
        "Bitte als Anteil zwischen 0 und 1 angeben: 0,5 für eine halbe Stelle, 1 für eine volle."
    )
    assert validators.text_problem(fte, "1,5", ctx) == expected
    assert validators.text_problem(fte, "halb", ctx) == "„halb“ ist keine Zahl. " + expected
    i18n.set_language("en")
    assert validators.text_problem(fte, "150 %", ctx) == (
        "Give it as a share between 0 and 1: 0.5 for half a post, 1 for a full one."
    )
    amount = env.questionnaire.by_pattern["resources.budget[*].amount_eur"]
    with pytest.raises(ValueProblem, match="not an amount"):  # an amount is no percentage
        validators.parse_answer(amount, "50 %")


@pytest.mark.parametrize(
    ("value", "money", "de", "en"),
    [
        (1500.5, True, "1.500,50", "1,500.50"),
        (1500.5, False, "1.500,5", "1,500.5"),
        (180000, True, "180.000", "180,000"),
        (40, False, "40", "40"),
        (0.5, False, "0,5", "0.5"),
        (1.234, False, "1,234", "1.2340"),
        (1234567.891, False, "1.234.567,891", "1,234,567.891"),
    ],
)
def test_numbers_are_shown_as_people_write_them_and_read_back(value, money, de, en):
    assert format_number(value, money=money) == de
    assert parse_number(de) == pytest.approx(value, abs=0.005 if money else 0)
    i18n.set_language("en")
    assert format_number(value, money=money) == en
    assert parse_number(en) == pytest.approx(value, abs=0.005 if money else 0)


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False) | st.integers(0, 10**12))
def test_formatted_numbers_read_back_unchanged(value):
    for language in ("de", "en"):
        i18n.set_language(language)
        assert parse_number(format_number(value)) == value
    i18n.set_language("de")


def test_summary_shows_amounts_in_german_with_the_unit_once(env):
    from gdb_cli.wizard.summary import rows

    data = {"resources": {"budget": [{"item": "Prototyp", "amount_eur": 1500.5}]}}
    resources = env.questionnaire.section("resources")
    shown = dict(rows(resources.questions, data, (), env))
    assert shown["  Betrag"] == "1.500,50 €"
    assert all("€" not in label for label in shown)


def test_a_granted_mandate_cannot_be_dated_in_the_future(env):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    for status in ("granted", "conditional"):
        data = {"mandate": {"status": status}}
        assert "nicht in der Zukunft datiert" in (
            _problem(env, "mandate.date", tomorrow, data) or ""
        )
        assert _problem(env, "mandate.date", dt.date.today().isoformat(), data) is None
    i18n.set_language("en")
    message = _problem(env, "mandate.date", tomorrow, {"mandate": {"status": "granted"}}) or ""
    assert message.startswith("A granted mandate cannot be dated in the future")


def test_a_pending_mandate_asks_who_is_to_grant_it_when_and_for_what(env):
    from gdb_cli.wizard.catalogue import walk_questions

    section = env.questionnaire.section("mandate")
    ctx = env.context({"mandate": {"status": "pending"}})
    asked = [q for q in walk_questions(section.questions) if plan.applies(q, ctx)]
    # the decisions behind the measure (funding, commission …) are asked whatever the status
    assert "mandate.decisions" in [q.key for q in asked]
    asked = [q for q in asked if not q.key.startswith("mandate.decisions")]
    # the state itself is needed from phase 2 on (MAN001 is an error there, open before)
    later = env.context({"measure": {"phase": 2}, "mandate": {"status": "pending"}})
    assert validators.is_required(asked[0], later)
    assert [(q.key, validators.is_required(q, ctx)) for q in asked] == [
        ("mandate.status", False),
        ("mandate.granted_by", False),
        ("mandate.planned_decision", False),
        ("mandate.scope", False),  # the rules demand the scope whatever the status
        ("mandate.change_mandate", False),
    ]
    assert asked[1].text() == "Wer soll das Mandat erteilen?"
    assert asked[1].choices == "mandate_bodies"


# --- parsing ----------------------------------------------------------------------------------


def test_parsers_understand_how_people_write():
    assert parse_date("2026-06-30") == dt.date(2026, 6, 30)
    assert parse_date("1.2.2026") == dt.date(2026, 2, 1)
    assert parse_number("180.000") == 180000
    assert parse_number("180 000 €") == 180000
    assert parse_number("1.234,56") == 1234.56
    assert parse_number("0,5") == 0.5
    assert parse_number("0.5") == 0.5
    assert parse_number("1,234.5") == 1234.5
    assert parse_number("1,500") == 1.5
    i18n.set_language("en")
    assert parse_number("1,500") == 1500
    assert parse_number("0,5") == 0.5
    i18n.set_language("de")
    assert parse_bool("Ja") is True and parse_bool("nein") is False and parse_bool("true")
    for bad in ("nan", "inf", "zwei"):
        with pytest.raises(ValueProblem):
            parse_number(bad)
    with pytest.raises(ValueProblem):
        parse_bool("vielleicht")


def test_set_is_typed_by_the_charter_model():
    assert parse_assignment("measure.phase=2") == (("measure", "phase"), 2)
    assert parse_assignment("measure.title=2026") == (("measure", "title"), "2026")
    assert parse_assignment("measure.start=2026-01-15")[1] == dt.date(2026, 1, 15)
    assert parse_assignment("principles.software=ja")[1] is True
    assert parse_assignment("resources.budget_total_eur=310.000")[1] == 310000
    assert parse_assignment("goals[0].statement=a=b")[1] == "a=b"
    assert parse_assignment("measure.fields_of_action=a, b")[1] == ["a", "b"]
    assert parse_assignment('problem.key_questions=["Wer, was?", "Wie?"]')[1] == [
        "Wer, was?",
        "Wie?",
    ]
    assert parse_assignment("goals[1].indicators[0].target=6.5")[0] == (
        "goals",
        1,
        "indicators",
        0,
        "target",
    )


def test_assignments_build_nested_data_in_order():
    data: dict = {}
    apply_assignments(
        data,
        [
            "goals[0].statement=A",
            "goals[0].indicators[0].name=I",
            "goals[1].statement=B",
            "problem.key_questions[0]=Warum?",
        ],
    )
    assert data == {
        "goals": [{"statement": "A", "indicators": [{"name": "I"}]}, {"statement": "B"}],
        "problem": {"key_questions": ["Warum?"]},
    }
    with pytest.raises(ValueProblem):
        apply_assignments(data, ["goals[5].statement=C"])


def test_model_kinds():
    assert model_kind("measure.phase") == "int"
    assert model_kind("goals[*].indicators[*].target") == "float"
    assert model_kind("measure.fields_of_action") == "list:str"
    assert model_kind("goals") == "list:table"
    assert model_kind("responsibility.lead") == "table"
    assert model_kind("measure.nope") is None


def test_slug_and_dynamic_defaults(env):
    assert (
        plan.slugify("Regenwasser-Dashboard für Bezirke!") == "regenwasser-dashboard-fuer-bezirke"
    )
    assert plan.slugify("Straße ÄÖÜ") == "strasse-aeoeue"
    assert len(plan.slugify("wort " * 40)) <= 50
    data = {
        "measure": {"title": "A B", "start": dt.date(2027, 3, 1)},
        "resources": {"budget": [{"amount_eur": 100}, {"amount_eur": 50.5}, {}]},
    }
    by = env.questionnaire.by_pattern
    assert plan.default_for(by["measure.id"], env.context(data)) == "a-b"
    assert plan.default_for(by["resources.budget[*].year"], env.context(data, (0,))) == 2027
    # a line without an amount: no total is proposed (it would be too low)
    assert plan.default_for(by["resources.budget_total_eur"], env.context(data)) is None
    known = {**data, "resources": {"budget": [{"amount_eur": 100}, {"amount_eur": 50.5}]}}
    assert plan.default_for(by["resources.budget_total_eur"], env.context(known)) == 150.5
    assert plan.default_for(by["goals[*].id"], env.context(data, (2,))) == "z3"


def test_indicators_may_wait_until_exploration_is_done(env):
    """PHR001 demands indicators from phase 3 on; MAN001 the mandate's state from phase 2."""
    base: dict[str, Any] = {
        "schema_version": 1,
        "measure": {
            "title": "T",
            "summary": "S",
            "lead_organisation": "O",
            "start": dt.date(2026, 1, 1),
            "end": dt.date(2026, 12, 31),
            "fields_of_action": ["regeneratives-wirtschaften"],
            "type": "dezentral",
        },
        "problem": {"challenge": "C", "key_questions": ["Q?"]},
        "goals": [{"statement": "Z"}],
        "responsibility": {"lead": {"name": "K", "organisation": "O"}},
    }
    indicator, status = "goals[0].indicators[0].name", "mandate.status"
    for phase, expected in ((None, []), (1, []), (2, [status]), (3, [indicator, status])):
        data = {**base, "measure": {**base["measure"], "phase": phase}}
        if phase is None:
            del data["measure"]["phase"]
        data = {**base, "measure": {**base["measure"], "phase": phase}}
        plan.fill_defaults(data, env)
        assert [p.path for p in plan.problems(data, env)] == expected


# --- the questionnaire file -----------------------------------------------------------------------


def test_questionnaire_covers_the_issue_sections_in_order(env):
    assert env.questionnaire.section_ids() == [
        "measure",
        "goals",
        "responsibility",
        "resources",
        "mandate",
        "competencies",
        "stakeholders",
        "principles",
        "risks",
        "impact",
        "operation",
        "transfer",
        "frame",
    ]
    assert all(s.why.de and s.why.en for s in env.sections)
    gated = [s.id for s in env.sections if s.gate]
    assert gated == ["stakeholders", "principles", "risks", "frame"]


def test_questionnaire_choices_come_from_the_pack(env):
    titles = dict(env.choices("phases"))
    assert titles[1].startswith("1 · Vorprozess – ")
    assert [v for v, _t in env.choices("measure_types")] == ["zentral", "dezentral", "netzwerk"]


def test_pack_without_wizard_file_uses_the_bundled_one(tmp_path):
    import shutil

    from gdb_cli.pack.resources import bundled_content

    pack = tmp_path / "pack"
    shutil.copytree(bundled_content(), pack)
    (pack / "wizard.toml").unlink()
    questionnaire = load_questionnaire(load_handbook(pack))
    assert isinstance(questionnaire, Questionnaire)
    assert "measure.title" in questionnaire.by_pattern


def test_broken_wizard_file_is_reported(tmp_path):
    import shutil

    from gdb_cli.pack.resources import bundled_content

    pack = tmp_path / "pack"
    shutil.copytree(bundled_content(), pack)
    wizard = pack / "wizard.toml"
    wizard.write_text(
        wizard.read_text(encoding="utf-8").replace(
            'key = "measure.summary"', 'key = "measure.sumary"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(GdbError, match=r"measure\.sumary"):
        load_questionnaire(load_handbook(pack))


def test_every_wizard_text_has_both_languages():
    from gdb_cli.pack.resources import bundled_content
    from test_handbook_content import _assert_bilingual

    _assert_bilingual(tomllib.loads((bundled_content() / "wizard.toml").read_text("utf-8")), "w")


# --- recovery and update ------------------------------------------------------------------------


def test_recovery_round_trip(tmp_path):
    target = tmp_path / "c.toml"
    data = {
        "schema_version": 1,
        "measure": {"title": "T", "start": dt.date(2026, 1, 1)},
        "goals": [{}],
    }
    saved = recovery.save(target, data, ["measure"], "new", ["resources.budget[1]"])
    assert saved.name == ".c.toml.gdb-recovery.toml"
    back = recovery.load(target)
    assert back is not None
    assert back.data == {
        "schema_version": 1,
        "measure": {"title": "T", "start": dt.date(2026, 1, 1)},
    }
    assert back.completed == ["measure"]
    assert back.incomplete == ["resources.budget[1]"]
    recovery.discard(target)
    assert recovery.load(target) is None
    saved.write_text("kaputt = [", encoding="utf-8")
    assert recovery.load(target) is None


def test_update_changes_only_what_differs():
    text = EXAMPLE.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    data["goals"][1]["indicators"].append({"name": "Neu", "kind": "output"})
    del data["resources"]["staff"][1]
    data["measure"]["summary"] = "Kürzer."
    out = apply_update(text, keypaths.prune(data), "Test.", today=dt.date(2027, 1, 2))
    again = tomllib.loads(out)
    assert again["goals"][1]["indicators"][-1] == {"name": "Neu", "kind": "output"}
    assert len(again["resources"]["staff"]) == 1
    assert again["measure"]["summary"] == "Kürzer."
    assert again["changelog"][0] == {
        "version": "1.2.0",
        "date": dt.date(2027, 1, 2),
        "changes": "Test.",
    }
    assert out.count("#") == text.count("#")


def test_changelog_is_created_or_appended_in_the_file_order():
    text = 'schema_version = 1\n[measure]\nid = "a"\ntitle = "A"\nphase = 1\n'
    out = apply_update(text, tomllib.loads(text), "Erste Änderung.", today=dt.date(2027, 1, 1))
    assert tomllib.loads(out)["changelog"] == [
        {"version": "1.1.0", "date": dt.date(2027, 1, 1), "changes": "Erste Änderung."}
    ]
    again = apply_update(out, tomllib.loads(out), "Zweite.", today=dt.date(2027, 2, 1))
    assert [e["version"] for e in tomllib.loads(again)["changelog"]] == ["1.1.0", "1.2.0"]
    assert next_version([{"version": "2.9.1"}, {"version": "kaputt"}]) == "2.10.0"


# --- after writing: the readiness view (against the documented engine API) ----------------------


def test_readiness_view_comes_from_the_rule_engine(gdb, tmp_path):
    complete = gdb("init", "--no-input", "--answers", EXAMPLE, tmp_path / "c.toml")
    assert complete.code == 0, complete.err
    assert "These 6" in complete.err
    labels = ("Ressourcen", "Verantwortung", "Politisches Mandat (Teil der", "Kompetenzen")
    for label in labels:
        assert f"✓ {label}" in complete.err
    assert "✓ Ziele" not in complete.err  # goals come from thesis 5, not thesis 6
    assert "gdb methods --phase 3" in complete.err

    minimal = EXAMPLE.parent / "minimal-phase1.toml"
    early = gdb("init", "--no-input", "--answers", minimal, tmp_path / "m.toml")
    assert early.code == 0, early.err
    assert "✗ Politisches Mandat (Teil der Verantwortung): fehlt noch" in early.err
    assert "✗ Ressourcen: fehlt noch" in early.err
    assert "gdb methods --phase 1" in early.err


def test_texts_break_between_words_to_the_terminal_width(monkeypatch):
    from gdb_cli.wizard.interactive import fit, wrap

    monkeypatch.setenv("COLUMNS", "40")
    text = "Pflichtangaben sind markiert, alles andere kann leer bleiben und später ergänzt werden."
    lines = wrap(text, 3).split("\n")
    assert all(len(line) <= 39 for line in lines)
    assert all(line.startswith("   ") for line in lines[1:])
    assert " ".join(line.strip() for line in lines) == text
    hint = "(↑↓ und Enter)"
    question = fit("Zu welchen Handlungsfeldern gehört sie?", hint)
    assert question == "Zu welchen Handlungsfeldern gehört\n  sie?"
    assert len(f"? {question} {hint}".split("\n")[-1]) <= 39


def test_update_writes_normal_toml_layout_for_changed_inline_tables():
    text = (
        "schema_version = 1  # Format\n"
        'mandate = { status = "pending" }\n'
        'resources = { milestones = [ { name = "M1", date = 2027-01-15 } ] }\n'
        'goals = [\n  { id = "z1", statement = "G" },\n]\n'
        "[measure]\n"
        'id = "x"  # bleibt\n'
    )
    new = tomllib.loads(text)
    new["mandate"] = {"status": "granted", "date": dt.date(2026, 1, 15)}
    new["resources"]["milestones"].append({"name": "M2"})
    new["goals"][0]["statement"] = "H"
    out = apply_update(text, new, "Mandat erteilt.", dt.date(2026, 2, 1))
    assert tomllib.loads(out) == {
        **new,
        "changelog": [
            {"version": "1.1.0", "date": dt.date(2026, 2, 1), "changes": "Mandat erteilt."}
        ],
    }
    assert "}" not in out and "{" not in out  # no inline-table remains of edited tables
    assert '\n\n[mandate]\nstatus = "granted"\ndate = 2026-01-15\n' in out
    assert "\n\n[[resources.milestones]]\n" in out
    assert "\n\n[measure]\n" in out and "\n\n[[changelog]]\n" in out
    assert "# Format" in out and "# bleibt" in out
    lines = out.split("\n")
    for number, line in enumerate(lines):
        if line.startswith("[") and number > 0:
            assert lines[number - 1] == "", out


def test_blank_line_goes_above_a_header_comment():
    from gdb_cli.wizard.update import blank_line_before_tables

    text = 'a = 1\n# Ressourcen\n[resources]\nb = "[x]"\n[[resources.staff]]\nrole = "R"\n'
    assert blank_line_before_tables(text) == (
        'a = 1\n\n# Ressourcen\n[resources]\nb = "[x]"\n\n[[resources.staff]]\nrole = "R"\n'
    )


def test_one_german_term_per_concept(env):
    from gdb_cli.wizard.catalogue import walk_questions

    texts = []
    for section in env.sections:
        texts += [section.title.de, section.why.de]
        for q in walk_questions(section.questions):
            texts += [t.de for t in (q.label, q.prompt, q.help, q.item_label) if t is not None]
    joined = "\n".join(texts)
    for old in ("Verantwortlich (", "Schlüsselfrage", "Akteure ", "Akteuren", "Changelog"):
        assert old not in joined
    lead = [q for q in env.questionnaire.by_pattern.values() if ".lead." in q.key]
    assert all(q.label.de.startswith("Leitung der Maßnahme") for q in lead)
    assert env.questionnaire.by_pattern["problem.key_questions"].label.de == "Leitfragen"


def test_readiness_view_names_places_in_words(gdb, tmp_path):
    """The reasons under a missing area use the places `gdb check` shows, never key paths."""
    minimal = EXAMPLE.parent / "minimal-phase1.toml"
    early = gdb("init", "--no-input", "--answers", minimal, tmp_path / "m.toml")
    assert early.code == 0, early.err
    view = early.err[early.err.index("These 6") :]
    assert "Kompetenzen)" in view and "Verantwortung › Team)" in view
    assert not re.search(r"\[\[|\b(mandate|resources|responsibility|competencies)[.\]]", view)
    english = gdb("--lang", "en", "init", "--no-input", "--answers", minimal, tmp_path / "e.toml")
    assert "Responsibility › Team)" in english.err and "[[" not in english.err
