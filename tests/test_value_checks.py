"""One value-check table: `gdb init` accepts exactly the values `gdb check` accepts, same words.

For each key and each typed answer, the interview's check (as while typing) and the charter model
(as `gdb check` validates a file) must agree; where both refuse, they say the same message.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib

import pytest

from conftest import ROOT
from gdb_cli import i18n
from gdb_cli.charter import keypaths
from gdb_cli.charter.load import problems_in
from gdb_cli.charter.value_checks import TABLE
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan, validators
from gdb_cli.wizard.catalogue import load_questionnaire

MINIMAL = tomllib.loads((ROOT / "examples" / "minimal-phase1.toml").read_text("utf-8"))

VALUES = {
    "responsibility.lead.email": [
        "kim@example.berlin",
        "jürgen.müller@bezirksamt-köpenick.berlin",
        "kim@localhost",
        "kim at example.berlin",
        "kim@ba-pankow,berlin.de",
        "Kim.Meyer+charta@senweb.berlin.de",
    ],
    "responsibility.contact.email": ["ö@ü.de", "a@b.c"],
    "principles.repository": [
        "https://gitlab.example.berlin/team/projekt",
        "http://code.berlin.de",
        "gitlab",
        "www.berlin.de",
        "ftp://code.berlin.de",
        "https://localhost",
        "https://code.berlin.de:8443/a b",
    ],
    "measure.id": ["regenwasser-dashboard", "Regenwasser", "-x", "a_b", "2026-plan"],
    "resources.budget[*].year": ["1899", "1900", "2200", "2201", "2026"],
    "resources.budget[*].amount_eur": ["-1", "0", "180.000", "2000000000000"],
    "resources.staff[*].fte": ["-0,5", "0", "1,5", "2000000"],
}


@pytest.fixture(scope="module")
def env() -> plan.Env:
    handbook = load_handbook()
    return plan.Env(load_questionnaire(handbook), handbook)


def _concrete(pattern: str) -> tuple[str | int, ...]:
    return tuple(keypaths.concrete(pattern, (0,) * pattern.count("[*]")))


def _check_message(env: plan.Env, pattern: str, value: object) -> str | None:
    """What `gdb check` says about `value` at `pattern` in an otherwise valid charter."""
    data = copy.deepcopy(MINIMAL)
    path = _concrete(pattern)
    keypaths.put(data, path, value)
    shown = keypaths.format_path(path)
    found = [f for f in problems_in(data, env.handbook.closed_ids()) if f.path == shown]
    return found[0].message if found else None


CASES = [(pattern, text) for pattern, texts in VALUES.items() for text in texts]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(("pattern", "text"), CASES)
def test_interview_accepts_what_check_accepts(env, pattern, text, lang):
    i18n.set_language(lang)
    question = env.questionnaire.by_pattern[pattern]
    value = validators.parse_answer(question, text)
    ctx = env.context({}, (0,) * pattern.count("[*]"))
    typed = validators.text_problem(question, text, ctx)
    checked = _check_message(env, pattern, value)
    assert (typed is None) == (checked is None), (typed, checked)
    assert typed == checked  # the same words


def test_the_table_names_kind_pattern_and_message_for_every_check():
    for name, check in TABLE.items():
        assert check.name == name
        assert check.kind.startswith("bad_")
        assert check.pattern.pattern.startswith("^")
        for lang in ("de", "en"):
            assert "„x“" in check.text("x", "de") or "“x”" in check.text("x", lang)


def test_schema_carries_the_table_patterns():
    from gdb_cli.charter.schema import charter_schema

    schema = charter_schema(load_handbook(), "de")
    principles = schema["definitions"]["Principles"]["properties"]
    assert principles["repository"]["pattern"] == TABLE["url"].pattern.pattern
    assert schema["definitions"]["Measure"]["properties"]["website"]["pattern"] == (
        TABLE["url"].pattern.pattern
    )


# --- an indicator's target: a number or a range [lowest, highest] --------------------------------

EXAMPLE_DATA = tomllib.loads((ROOT / "examples" / "charter.example.toml").read_text("utf-8"))
TARGET = "goals[0].indicators[0].target"


def _target_problems(value: object) -> list[tuple[str, str]]:
    """(code, English message) of what `gdb check` says about `value` as an indicator target."""
    i18n.set_language("en")
    data = copy.deepcopy(EXAMPLE_DATA)
    keypaths.put(data, _concrete(TARGET), value)
    found = problems_in(data, load_handbook().closed_ids())
    assert all(f.path == TARGET for f in found), found
    return [(f.code, f.message) for f in found]


@pytest.mark.parametrize("value", [0, 6, 2.5, -3, [12, 20], [12, 12], [0.5, 1], [-2, 0]])
def test_a_number_or_a_range_lowest_first_is_a_target(value):
    assert _target_problems(value) == []


def test_a_range_the_wrong_way_round_says_so():
    from gdb_cli.charter.load import _ as texts

    assert _target_problems([20, 12]) == [("SCH005", texts("bad_range", lang="en"))]
    assert _target_problems([12.5, 12]) == [("SCH005", texts("bad_range", lang="en"))]


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("12", "text"),
        (True, "true/false"),
        ([1, 2, 3], "list"),
        ([1], "list"),
        ([], "list"),
        (["a", 1], "list"),
        ([True, 1], "list"),
        ({"min": 1}, "table"),
    ],
)
def test_anything_else_is_the_wrong_type(value, found):
    [(code, message)] = _target_problems(value)
    assert code == "SCH003"
    assert message.startswith("Wrong type: expected number, found "), message
    assert found in message


@pytest.mark.parametrize(
    "value", [float("inf"), float("-inf"), float("nan"), [float("nan"), 1], [1, float("inf")]]
)
def test_a_target_or_range_end_that_is_not_finite_is_refused(value):
    from gdb_cli.charter.load import _ as texts

    assert _target_problems(value) == [("SCH005", texts("finite", lang="en"))]


# --- a row of the value-check table on its own ------------------------------------------------


def _code_check(*, empty_ok: bool):
    import re

    from gdb_cli.charter.value_checks import ValueCheck

    return ValueCheck(
        "code",
        "bad_code",
        re.compile(r"^[A-Z]{3}$"),
        {"de": "„{value}“ ist kein Kürzel.", "en": "“{value}” is no code."},
        empty_ok=empty_ok,
    )


def test_a_value_check_passes_what_matches_and_returns_it_unchanged():
    check = _code_check(empty_ok=False)
    assert check("ABC") == "ABC"
    assert (check.name, check.kind, check.pattern.pattern) == ("code", "bad_code", r"^[A-Z]{3}$")


@pytest.mark.parametrize("value", ["abc", "ABCD", "AB", " ABC"])
def test_a_value_check_refuses_with_its_kind_name_and_value(value):
    from pydantic_core import PydanticCustomError

    with pytest.raises(PydanticCustomError) as caught:
        _code_check(empty_ok=True)(value)
    assert caught.value.type == "bad_code"
    assert caught.value.context == {"check": "code", "value": value}


def test_only_a_check_that_allows_it_passes_an_empty_value():
    from pydantic_core import PydanticCustomError

    assert _code_check(empty_ok=True)("") == ""
    with pytest.raises(PydanticCustomError):
        _code_check(empty_ok=False)("")


def test_a_value_check_says_its_message_in_the_language_asked_for():
    check = _code_check(empty_ok=False)
    assert check.text("ab", "de") == "„ab“ ist kein Kürzel."
    assert check.text("ab", "en") == "“ab” is no code."
    i18n.set_language("de")
    assert check.text("x") == "„x“ ist kein Kürzel."


# --- a charter date: a TOML date, or a month or year in quotes -----------------------------------


def _start_problems(value: object) -> list[tuple[str, str]]:
    i18n.set_language("en")
    data = copy.deepcopy(EXAMPLE_DATA)
    data["measure"]["start"] = value
    found = problems_in(data, load_handbook().closed_ids())
    assert all(f.path == "measure.start" for f in found), found
    return [(f.code, f.message) for f in found]


@pytest.mark.parametrize("value", [dt.date(2026, 3, 1), "2026-03", "2026", "2026-12"])
def test_a_date_a_month_or_a_year_is_a_date(value):
    assert _start_problems(value) == []


@pytest.mark.parametrize("value", ["2026-13", "März 2026", "2026-3", ""])
def test_other_text_is_no_date_and_says_what_is(value):
    [(code, message)] = _start_problems(value)
    assert code == "SCH005"
    assert message.startswith(f"“{value}” is not a date.")


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("2026-03-01", "text. Write dates without quotes"),
        (2026, "whole number"),
        (dt.datetime(2026, 3, 1, 12, 0), "date and time"),
        (True, "true/false"),
    ],
)
def test_a_quoted_full_date_or_another_type_is_the_wrong_type(value, found):
    [(code, message)] = _start_problems(value)
    assert code == "SCH003"
    assert message.startswith("Wrong type: expected date (YYYY-MM-DD), found " + found)
