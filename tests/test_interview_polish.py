"""The interview's answers as people type them: dates, numbers and the checks `gdb check` makes.

Each test types what a project lead would type and reads the message the interview shows.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gdb_cli import i18n
from gdb_cli.charter.dates import PartialDate
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan, validators
from gdb_cli.wizard.catalogue import load_questionnaire
from gdb_cli.wizard.values import (
    ValueProblem,
    accepts_partial,
    date_prompt,
    parse_assignment,
    parse_date,
    parse_number,
    partial_note,
)


@pytest.fixture
def env() -> plan.Env:
    handbook = load_handbook()
    return plan.Env(load_questionnaire(handbook), handbook)


def _problem(env: plan.Env, key: str, text: str, data: dict | None = None, indices=()) -> str:
    question = env.questionnaire.by_pattern[key]
    return validators.text_problem(question, text, env.context(data or {}, indices)) or ""


def _date_problem(text: str) -> str:
    with pytest.raises(ValueProblem) as caught:
        parse_date(text)
    return caught.value.message


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "de", "en"),
    [
        ("31.02.2026", "Den 31. Februar gibt es nicht", "February has no 31st day"),
        ("2026-04-31", "Den 31. April gibt es nicht", "April has no 31st day"),
        ("29.02.2027", "Den 29. Februar gibt es im Jahr 2027 nicht", "no 29th day in 2027"),
        ("13.13.2026", "Einen 13. Monat gibt es nicht", "there is no month 13"),
    ],
)
def test_a_day_the_calendar_lacks_is_named(text, de, en):
    assert de in _date_problem(text)
    assert "kein Datum" not in _date_problem(text)
    i18n.set_language("en")
    assert en in _date_problem(text)


def test_a_leap_day_in_a_leap_year_is_a_date():
    assert parse_date("29.02.2028") == dt.date(2028, 2, 29)


def test_two_digit_years_are_explained_not_guessed():
    message = _date_problem("30.06.26")
    assert "vierstellig" in message and "30.06.2026" in message
    i18n.set_language("en")
    assert "four digits" in _date_problem("1.7.27")


def test_the_date_prompt_shows_both_accepted_forms():
    assert date_prompt("Beginn (JJJJ-MM-TT)") == "Beginn (TT.MM.JJJJ oder JJJJ-MM-TT)"
    i18n.set_language("en")
    assert date_prompt("Start (YYYY-MM-DD)") == "Start (YYYY-MM-DD or DD.MM.YYYY)"
    # both forms the prompt names are understood
    assert parse_date("30.06.2026") == parse_date("2026-06-30") == dt.date(2026, 6, 30)


def test_partial_dates_where_the_charter_takes_them(env):
    assert accepts_partial("measure.start") and accepts_partial("resources.milestones[*].date")
    assert not accepts_partial("changelog[*].date")
    assert "06/2026" in partial_note("measure.start") and partial_note("changelog[*].date") == ""
    assert parse_date("06/2026") == PartialDate("2026-06")
    assert _problem(env, "measure.start", "06/2026") == ""
    assert _problem(env, "measure.start", "2026") == ""
    # the end must come after the start as `gdb check` counts it: only a certain disorder
    data = {"measure": {"start": PartialDate("2026-06")}}
    assert "muss nach" in _problem(env, "measure.end", "31.05.2026", data)
    assert _problem(env, "measure.end", "15.06.2026", data) == ""
    assert _problem(env, "measure.end", "07/2026", data) == ""


# --- numbers --------------------------------------------------------------------------------


def test_a_percent_with_or_without_a_space_is_the_same_share(env):
    assert parse_number("35 %", percent=True) == parse_number("35%", percent=True) == 0.35
    assert _problem(env, "responsibility.team[*].fte", "35 %", {}, (0,)) == ""
    assert _problem(env, "responsibility.team[*].fte", "50%", {}, (0,)) == ""
    # every share of the model takes a percentage, also through --set
    assert parse_assignment("resources.budget[0].co_financing_share=35 %")[1] == 0.35


def test_a_percent_where_no_share_is_asked_says_so(env):
    message = _problem(env, "resources.budget_total_eur", "35 %")
    assert "ohne %-Zeichen" in message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,4 Mio", 1_400_000),
        ("1,4 Mio. €", 1_400_000),
        ("1,4 Millionen Euro", None),  # not understood: the message shows the forms
        ("250 Tsd.", 250_000),
        ("250 T€", 250_000),
        ("2 Mrd", 2_000_000_000),
        ("180.000 €", 180_000),
    ],
)
def test_amounts_as_people_write_them(env, text, value):
    if value is None:
        message = _problem(env, "resources.budget_total_eur", text)
        assert "1,4 Mio." in message and "250 Tsd." in message
        return
    assert parse_number(text) == value
    assert _problem(env, "resources.budget_total_eur", text) == ""


def test_english_amounts():
    i18n.set_language("en")
    assert parse_number("1.4 million") == 1_400_000
    assert parse_number("250k") == 250_000
    with pytest.raises(ValueProblem, match=r"1\.4 million"):
        parse_number("lots")


# --- what `gdb check` would report ------------------------------------------------------------


def test_a_milestone_before_the_start_or_after_the_end(env):
    data = {"measure": {"start": dt.date(2026, 10, 1), "end": dt.date(2027, 9, 30)}}
    key = "resources.milestones[*].date"
    assert "vor dem Beginn" in _problem(env, key, "15.09.2026", data, (0,))
    assert "nach dem geplanten Ende" in _problem(env, key, "2028-01-15", data, (0,))
    assert _problem(env, key, "01.10.2026", data, (0,)) == ""
    assert _problem(env, key, "09/2027", data, (0,)) == ""
    i18n.set_language("en")
    assert "before the measure's start" in _problem(env, key, "15.09.2026", data, (0,))


def test_the_milestone_check_matches_the_rule(env, gdb, tmp_path):
    """What the interview refuses, `gdb check` reports (CON002), and what it accepts, not."""
    data = {"measure": {"start": dt.date(2026, 10, 1), "end": dt.date(2027, 9, 30)}}
    for typed, stored, refused in (("15.09.2026", "2026-09-15", True), ("2027", '"2027"', False)):
        assert bool(_problem(env, "resources.milestones[*].date", typed, data, (0,))) is refused
        charter = tmp_path / "charta.toml"
        charter.write_text(
            "schema_version = 2\n[measure]\nstart = 2026-10-01\nend = 2027-09-30\n"
            f'[[resources.milestones]]\nname = "M"\ndate = {stored}\n',
            encoding="utf-8",
        )
        result = gdb("check", charter, "--format", "json")
        assert ("CON002" in result.out) is refused


@pytest.mark.parametrize(
    "address",
    ["jürgen.müller@bezirksamt-köpenick.berlin", "kim@example.berlin", "kim at example"],
)
def test_e_mail_addresses_as_the_model_takes_them(env, address):
    from gdb_cli.wizard.values import model_problem

    interview = _problem(env, "responsibility.lead.email", address)
    assert interview == (model_problem("responsibility.lead.email", address) or "")
    if "@" in address:
        assert interview == ""
    else:
        assert "keine gültige E-Mail-Adresse" in interview


# --- summary, change note, --update ------------------------------------------------------------


def _example() -> dict:
    import tomllib

    from conftest import EXAMPLE

    return tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_the_summary_fits_a_35_row_terminal_and_names_chosen_items(env):
    from rich.console import Console

    from gdb_cli.wizard.summary import show_summary

    data = _example()
    console = Console(width=80, record=True, color_system=None)
    show_summary(env, data, console)
    lines = console.export_text().splitlines()
    # one line per section, with room below for problems, the change note and the menu
    assert len(lines) <= 2 + len(env.sections) <= 35 - 10
    assert all(len(line) <= 80 for line in lines)
    assert any(line.startswith("Verantwortung ") for line in lines)  # titles whole
    assert "Kompetenzen: 3" in "\n".join(lines)


def test_a_section_can_be_shown_in_full_with_chosen_items_by_name(env):
    from rich.console import Console

    from gdb_cli.wizard.summary import show_section

    console = Console(width=100, record=True, color_system=None)
    show_section(env, "competencies", _example(), console)
    text = console.export_text()
    assert "Kompetenz 1" in text and "Geodatenanalyse" in text
    console = Console(width=200, record=True, color_system=None)
    show_section(env, "measure", _example(), console)
    text = console.export_text()
    assert env.choice_label("fields_of_action", "ermoeglichende-verwaltung") in text
    assert "Ermöglichende Verwaltung" in text and "ausgewählt" not in text


def test_the_update_summary_shows_only_what_changed(env):
    import copy

    from rich.console import Console

    from gdb_cli.wizard.summary import show_summary

    original = _example()
    data = copy.deepcopy(original)
    data["mandate"]["valid_until"] = dt.date(2028, 6, 30)
    del data["competencies"][-1]
    console = Console(width=200, record=True, color_system=None)
    show_summary(env, data, console, original)
    text = console.export_text()
    assert "Gültig bis: 30.06.2028" in text
    assert "(entfernt)" in text and "Kompetenz" in text
    assert "Maßnahme " not in text and "Ziele" not in text  # unchanged sections are left out
    console = Console(width=120, record=True, color_system=None)
    show_summary(env, original, console, original)
    assert "nichts geändert" in console.export_text()


def _changed_lines(before: str, after: str) -> list[str]:
    import difflib

    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_update_keeps_the_bytes_of_every_key_it_did_not_change():
    import copy
    import tomllib

    from conftest import EXAMPLE
    from gdb_cli.wizard.update import apply_update

    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "[responsibility]\n",
        '[responsibility]\nnext = { what = "Abnahme", date = 2026-09-01 }\n'
        "odd  =   { a = 1 ,b=2 }   # Abstände wie getippt\n",
        1,
    )
    data = tomllib.loads(text)
    new = copy.deepcopy(data)
    new["responsibility"]["lead"]["email"] = "neu@example.berlin"  # in an inline table
    new["mandate"]["valid_until"] = dt.date(2028, 6, 30)
    out = apply_update(text, new, "Test", dt.date(2026, 12, 6))
    assert tomllib.loads(out)["responsibility"]["lead"]["email"] == "neu@example.berlin"
    changed = _changed_lines(text, out)
    removed = [line for line in changed if line.startswith("-")]
    assert len(removed) == 2, changed  # the lead's line and valid_until, nothing else
    assert any("neu@example.berlin" in line and "lead = {" in line for line in changed)
    assert "+valid_until = 2028-06-30" in changed
    # every untouched line keeps its bytes, spaces in inline tables included
    assert 'next = { what = "Abnahme", date = 2026-09-01 }\n' in out
    assert "odd  =   { a = 1 ,b=2 }   # Abstände wie getippt\n" in out
