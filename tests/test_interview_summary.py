"""The interview's summary and `--update`: a summary that fits a small terminal, one section in
full on request, only the changes in an update, and untouched lines kept byte for byte."""

from __future__ import annotations

import datetime as dt

import pytest

from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan
from gdb_cli.wizard.catalogue import load_questionnaire


@pytest.fixture
def env() -> plan.Env:
    handbook = load_handbook()
    return plan.Env(load_questionnaire(handbook), handbook)


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
