"""The interview, polished: dates, numbers and checks people meet while typing."""

from __future__ import annotations

import datetime as dt

import pytest

from gdb_cli import i18n
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan, validators
from gdb_cli.wizard.catalogue import load_questionnaire
from gdb_cli.wizard.values import ValueProblem, parse_date, parse_number


@pytest.fixture(scope="module")
def env() -> plan.Env:
    handbook = load_handbook()
    return plan.Env(load_questionnaire(handbook), handbook)


def _message(text: str) -> str:
    with pytest.raises(ValueProblem) as caught:
        parse_date(text)
    return caught.value.message


@pytest.mark.parametrize(
    ("text", "de", "en"),
    [
        ("31.02.2026", "Den 31. Februar 2026 gibt es nicht.", "There is no February 31, 2026."),
        ("2026-04-31", "Den 31. April 2026 gibt es nicht.", "There is no April 31, 2026."),
        ("29.02.2027", "Den 29. Februar 2027 gibt es nicht.", "There is no February 29, 2027."),
        ("12.13.2026", "Einen 13. Monat gibt es nicht.", "There is no month 13."),
    ],
)
def test_a_day_that_does_not_exist_is_named(text, de, en):
    assert _message(text).startswith(de)
    i18n.set_language("en")
    assert _message(text).startswith(en)


def test_two_digit_years_are_this_century_and_leap_days_exist():
    assert parse_date("30.6.26") == dt.date(2026, 6, 30)
    assert parse_date("29.02.2028") == dt.date(2028, 2, 29)


def test_every_date_prompt_shows_both_accepted_forms(env):
    from gdb_cli.wizard.catalogue import walk_questions

    for section in env.sections:
        for question in walk_questions(section.questions):
            if question.kind == "date" and question.prompt is not None:
                assert "TT.MM.JJJJ oder JJJJ-MM-TT" in question.prompt.de, question.key
                assert "YYYY-MM-DD or DD.MM.YYYY" in question.prompt.en, question.key


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("35 %", 35),
        ("35\u202f%", 35),  # a narrow no-break space
        ("50%", 50),
        ("1,4 Mio", 1_400_000),
        ("1,4 Mio.", 1_400_000),
        ("250 Tsd.", 250_000),
        ("2 Mrd", 2_000_000_000),
        ("1.5 million", 1_500_000),
        ("20k", 20_000),
        ("180.000 €", 180_000),
    ],
)
def test_numbers_as_people_write_them(text, number):
    assert parse_number(text) == number


def test_a_share_of_a_post_in_per_cent_is_still_a_share():
    assert parse_number("50 %", percent=True) == 0.5
    assert parse_number("35%", percent=True) == 0.35


def test_a_word_that_is_no_scale_is_refused():
    with pytest.raises(ValueProblem, match="keine Zahl"):
        parse_number("12 Äpfel")


def _problem(env, key, text, data, indices=()):
    question = env.questionnaire.by_pattern[key]
    return validators.text_problem(question, text, env.context(data, indices))


MEASURE = {"measure": {"start": parse_date("2026-01-15"), "end": parse_date("2027-12-31")}}


def test_a_milestone_outside_the_measure_is_caught_while_typing(env):
    key = "resources.milestones[*].date"
    before = _problem(env, key, "01.01.2026", MEASURE, (0,)) or ""
    assert "liegt vor „Maßnahme › Beginn“" in before or "liegt vor „Beginn“" in before
    after = _problem(env, key, "2028-01-01", MEASURE, (0,)) or ""
    assert "liegt nach" in after
    assert _problem(env, key, "15.01.2026", MEASURE, (0,)) is None  # the first day counts
    assert _problem(env, key, "2027-12-31", MEASURE, (0,)) is None


def test_an_indicator_due_before_the_start_is_caught_while_typing(env):
    key = "goals[*].indicators[*].target_date"
    assert "muss nach" in (_problem(env, key, "2026-01-15", MEASURE, (0, 0)) or "")
    assert _problem(env, key, "2026-06-30", MEASURE, (0, 0)) is None


def test_check_agrees_about_milestones_on_the_first_and_last_day(gdb, tmp_path, example_text):
    """The interview's bounds are the rule's (CON002): the first and last day are inside."""
    text = example_text.replace("date = 2026-06-15", "date = 2026-01-15", 1)
    charter = tmp_path / "charta.toml"
    charter.write_text(text, encoding="utf-8")
    result = gdb("check", charter, "--as-of", "2026-01-10", "--format", "json")
    import json

    assert "CON002" not in {f["code"] for f in json.loads(result.out)["findings"]}


def test_no_required_question_invites_leaving_it_empty(env):
    """A required answer is marked; its help never says "leave empty … to go on" for the
    entries that are needed."""
    from gdb_cli.wizard.catalogue import walk_questions

    for section in env.sections:
        for question in walk_questions(section.questions):
            if question.help is None:
                continue
            says_empty = "leer lassen und Enter" in question.help.de
            if question.required:
                assert not says_empty, question.key
            if question.kind == "list" and question.min and says_empty:
                assert "mindestens" in question.help.de and "danach" in question.help.de
