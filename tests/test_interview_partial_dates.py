"""Format 2's partial dates in the interview: a month or a year alone where the charter
takes one."""

from __future__ import annotations

import pytest

from gdb_cli.charter.dates import PartialDate
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan, validators
from gdb_cli.wizard.catalogue import load_questionnaire
from gdb_cli.wizard.values import model_problem


@pytest.fixture
def env() -> plan.Env:
    handbook = load_handbook()
    return plan.Env(load_questionnaire(handbook), handbook)


@pytest.mark.parametrize("typed", ["06/2026", "2026-06", "2026"])
@pytest.mark.parametrize("key", ["measure.start", "measure.end", "resources.milestones[*].date"])
def test_a_month_or_a_year_alone_where_the_charter_takes_one(env, key, typed):
    question = env.questionnaire.by_pattern[key]
    indices = (0,) if "[*]" in key else ()
    assert validators.text_problem(question, typed, env.context({}, indices)) is None
    value = validators.parse_answer(question, typed)
    assert isinstance(value, PartialDate)
    assert model_problem(key, value) is None  # the model takes it as well


def test_a_full_date_where_the_charter_wants_the_day():
    assert model_problem("changelog[*].date", PartialDate("2026-06")) is not None
