"""How values appear in check messages: closed-list labels, numbers, amounts and percentages in
the active language (never raw ids, `0.0`, `-0`)."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from conftest import EXAMPLE
from gdb_cli import i18n
from gdb_cli.engine import evaluate, show_value
from gdb_cli.engine.hits import Shown
from gdb_cli.numbers import format_amount, format_number, format_percent
from gdb_cli.pack.handbook import load_handbook
from helpers import load_data, patched

AS_OF = dt.date(2026, 11, 29)


def _messages(patch: dict, lang: str = "de") -> dict[str, str]:
    i18n.set_language(lang)
    handbook = load_handbook()
    data = patched(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")), patch)
    report = evaluate(load_data(data, handbook), handbook, as_of=AS_OF)
    return {f.code: f.message for f in report.findings + report.open}


@pytest.mark.parametrize(
    ("value", "lang", "amount", "number", "percent"),
    [
        (310000, "de", "310.000 €", "310.000", "310.000 %"),
        (310000, "en", "€310,000", "310,000", "310,000%"),
        (0.0, "de", "0 €", "0", "0 %"),
        (-0.2, "de", "-0,20 €", "-0,2", "-0 %"),
        (5.5, "de", "5,50 €", "5,5", "6 %"),
        (-15, "en", "-€15", "-15", "-15%"),
    ],
)
def test_number_helpers(value, lang, amount, number, percent):
    assert format_amount(value, lang) == amount
    assert format_number(value, lang) == number
    if percent != "-0 %":
        assert format_percent(value, lang) == percent
    else:
        assert format_percent(value, lang) == "0 %"  # never "-0"


def test_show_value_uses_labels_and_the_language():
    labels = {"pending": {"de": "ausstehend", "en": "pending"}}
    i18n.set_language("de")
    assert show_value("pending", "mandate.status", labels) == "ausstehend"
    assert show_value(["pending", "x"], "p", labels) == "ausstehend, x"
    assert show_value(0.5) == "0,5"
    assert show_value(310000, "resources.budget_total_eur") == "310.000 €"
    assert show_value(2026, "resources.budget[0].year") == "2026"
    assert show_value(Shown(-0.001, "percent")) == "0 %"
    i18n.set_language("en")
    assert show_value("pending", "mandate.status", labels) == "pending"
    assert show_value(Shown(1.5)) == "1.5"


def test_mandate_status_is_shown_as_its_label():
    assert "(Status: ausstehend)" in _messages({"set": {"mandate.status": "pending"}})["MAN001"]
    english = _messages({"set": {"mandate.status": "pending"}}, "en")["MAN001"]
    assert "(status: pending)" in english


def test_budget_sum_is_shown_as_amounts():
    patch = {"set": {"resources.budget_total_eur": 310000, "resources.budget[0].amount_eur": 0}}
    de = _messages(patch)["CON003"]
    assert de.endswith("das Gesamtbudget beträgt aber 310.000 €.") and "130.000 €" in de
    assert "Euro" not in de
    en = _messages(patch, "en")["CON003"]
    assert en.endswith("but the total budget is €310,000.")


def test_secured_share_is_a_percentage_without_minus_zero():
    patch = {
        "set": {
            "resources.budget[0].status": "requested",
            "resources.budget[1].status": "requested",
        }
    }
    message = _messages(patch)["RES009"]
    assert message.startswith("Nur 0 % des Budgets") and "-0" not in message
    assert "at least 50%" in _messages(patch, "en")["RES009"]


def test_schema_limits_are_plain_numbers():
    messages = _messages({"set": {"resources.budget[0].amount_eur": -5}})
    assert messages["SCH005"] == "Der Wert muss mindestens 0 sein."


def test_unreadable_charter_counts_its_problems_in_singular(tmp_path, capsys):
    from gdb_cli import context
    from gdb_cli.errors import GdbError

    path = tmp_path / "c.toml"
    path.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("phase = 3", 'phase = "drei"', 1), "utf-8"
    )
    i18n.set_language("de")
    with pytest.raises(GdbError) as info:
        context.load_valid(path)
    assert str(info.value).endswith(": 1 Problem – die Charta kann so nicht gelesen werden.")
