"""One value-check table: `gdb init` accepts exactly the values `gdb check` accepts, same words.

For each key and each typed answer, the interview's check (as while typing) and the charter model
(as `gdb check` validates a file) must agree; where both refuse, they say the same message.
"""

from __future__ import annotations

import copy
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
