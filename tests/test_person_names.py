"""A person's name that is only digits or punctuation: RSP008 in `gdb check` (a recommendation,
never failing), and the interview says the same words for such an answer but keeps it – one test
(`value_checks.names_a_person`) behind both, the names' keys listed once in the rule."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from gdb_cli.charter.value_checks import names_a_person
from gdb_cli.engine import evaluate
from gdb_cli.engine.catalog import load_rules
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan, validators
from gdb_cli.wizard.catalogue import load_questionnaire
from gdb_cli.wizard.values import model_kind
from helpers import MINIMAL_ANSWERS, load_data

CODE = "RSP008"
SAID = "„{name}“ ist kein Name einer Person: Es besteht nur aus Ziffern oder Satzzeichen."


def _paths() -> list[str]:
    rule = load_rules(load_handbook()).get(CODE)
    assert rule is not None
    check: Any = rule.check  # a python check: its parameters name the paths
    return list(check.params["paths"])


def _charter(tmp_path, **names: str):
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in names.items():
        text = text.replace(f'name = "{old}"', f'name = "{new}"')
    target = tmp_path / "charta.toml"
    target.write_text(text, encoding="utf-8")
    return target


def _findings(gdb, target, *options):
    result = gdb("check", target, "--format", "json", *options)
    return result.code, [f for f in json.loads(result.out)["findings"] if f["code"] == CODE]


@pytest.mark.parametrize(
    "name",
    ["4711", "030 9025-0", "-", " – ", "???", "12.3.", "(0)", "¹²³"],
)
def test_only_digits_or_punctuation_is_no_name(name):
    assert not names_a_person(name)


@pytest.mark.parametrize(
    "name",
    ["Kim Muster", "N. N.", "Dr. Alex Beispiel", "Łukasz Çelik", "李明", "Ayşe", "Team 3 B"],
)
def test_a_letter_makes_a_name(name):
    assert names_a_person(name)


def test_every_name_key_of_the_rule_is_a_text_of_the_charter():
    """A misspelt key in the rule would silently never be checked."""
    for path in _paths():
        assert path.endswith(".name"), path
        assert model_kind(path) == "str", path


def test_check_warns_at_each_name_and_never_fails(gdb, tmp_path):
    target = _charter(tmp_path, **{"Dr. Alex Beispiel": "4711", "Sam Entwurf": "-"})
    code, found = _findings(gdb, target)
    assert code == 0  # a recommendation: the check still passes
    assert [(f["path"], f["severity"]) for f in found] == [
        ("responsibility.lead.name", "warning"),
        ("responsibility.team[1].name", "warning"),
    ]
    lead = found[0]
    assert (
        lead["message"]
        == "„4711“ ist kein Name einer Person: Es besteht nur aus Ziffern oder Satzzeichen."
    )
    assert lead["basis_kind"] == "practice"
    assert lead["line"] == 74  # the inline table of the lead
    # only what the handbook, strategy or law demand: the recommendation is left out
    assert _findings(gdb, target, "--only-required")[1] == []
    text = gdb("check", target, "--format", "concise")
    assert "RSP008" in text.out and "Empfehlung" in text.out


def test_check_is_quiet_about_real_names(gdb, tmp_path):
    assert _findings(gdb, _charter(tmp_path, **{"Kim Muster": "Łukasz Çelik"})) == (0, [])


def test_rules_explains_the_rule_in_english(gdb):
    result = gdb("--lang", "en", "rules", CODE)
    assert result.code == 0
    assert "Names that name people" in result.out
    assert "gdb recommendation" in result.out and "4711" in result.out


# --- the interview ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def env():
    handbook = load_handbook()
    return plan.Env(load_questionnaire(handbook), handbook)


def test_the_interview_warns_at_every_name_question_the_rule_lists(env):
    """Each name the interview asks for and the rule checks gets the rule's warning."""
    asked = [key for key in env.questionnaire.by_pattern if key in _paths()]
    assert sorted(asked) == sorted(_paths())  # every name the rule checks is asked for
    for key in asked:
        question = env.questionnaire.by_pattern[key]
        ctx = env.context({}, (2,) * key.count("[*]"))
        note = validators.advice(question, "0815", ctx)
        assert (
            note
            == "„0815“ ist kein Name einer Person: Es besteht nur aus Ziffern oder Satzzeichen."
        )
        assert validators.advice(question, "Kim Muster", ctx) is None
        assert validators.text_problem(question, "0815", ctx) is None  # kept, not refused


@settings(max_examples=60, deadline=None)
@given(name=st.text(alphabet=st.sampled_from("4711 .-–/()?aÄß李"), min_size=1, max_size=8))
def test_interview_and_check_agree_on_every_name(env, name):
    """The interview warns exactly when `gdb check` reports RSP008, with the same message."""
    handbook = load_handbook()
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["responsibility"]["lead"]["name"] = name
    report = evaluate(load_data(data), handbook, select=(CODE,))
    messages = [f.message for f in report.findings if f.code == CODE]
    question = env.questionnaire.by_pattern["responsibility.lead.name"]
    note = validators.advice(question, name, env.context(data))
    assert messages == ([note] if note else [])


def test_scripted_init_keeps_the_name_and_says_what_check_will_say(gdb, tmp_path):
    target = tmp_path / "charta.toml"
    result = gdb(
        "init",
        "--no-input",
        target,
        *MINIMAL_ANSWERS,
        "--set",
        "responsibility.lead.name=4711",
        "--set",
        "responsibility.team[0].name=Kim Muster",
        "--set",
        "responsibility.team[1].name=---",
    )
    assert result.code == 0, result.err
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["responsibility"]["lead"]["name"] == "4711"  # kept: only a recommendation
    _code, found = _findings(gdb, target)
    assert len(found) == 2
    for finding in found:
        assert f"Empfehlung zu {finding['path']} (" in result.err
        assert finding["message"] in result.err
    assert "Kim Muster" not in result.err
