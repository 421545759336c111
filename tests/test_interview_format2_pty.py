"""Format 2's repeated items in the real interview (pseudo-terminal): decisions and measurements
are added, and an item nobody wants is skipped with Enter – nothing is written for it."""

from __future__ import annotations

import tomllib

import pytest

from conftest import EXAMPLE
from gdb_cli.charter.load import load_charter
from gdb_cli.pack.handbook import load_handbook
from pty_driver import CTRL_U, DOWN, ENTER, UP, Session

pytestmark = pytest.mark.skipif(
    not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal (POSIX)"
)


def _clean(path) -> None:
    loaded = load_charter(path, load_handbook().closed_ids())
    assert loaded.problems == [], loaded.problems


def _write(s: Session) -> None:
    s.expect("Zusammenfassung")
    s.answer("Was hat sich geändert", ENTER)  # the proposal
    s.answer("Wie weiter", ENTER)  # write
    s.expect("Geschrieben")
    assert s.finish() == 0


def test_a_decision_is_added_and_an_unwanted_one_skipped_with_enter(tmp_path):
    target = tmp_path / "charta.toml"
    target.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    s = Session(tmp_path, "--update", "charta.toml", "--ask", "mandat")
    for prompt in (
        "Wie steht es um das Mandat",
        "Wer hat das Mandat erteilt",
        "Genaue Bezeichnung des Gremiums",
        "Wann wurde es erteilt",
        "Fundstelle",
        "ein Punkt je Eingabe\\) 1",
        "ein Punkt je Eingabe\\) 2",
        "ein Punkt je Eingabe\\) 3",
        "Was darf \\(oder soll\\) die Maßnahme verändern",
        "Gültig bis",
    ):
        s.answer(prompt, ENTER)  # kept as they are
    s.answer("Einen Beschluss hinter der Maßnahme erfassen", ENTER)  # proposed: yes
    s.expect("Leer lassen und Enter, um diesen Eintrag zu verwerfen")
    s.answer("Was für ein Beschluss", DOWN + DOWN + ENTER)  # from „keine Angabe“: Förderbescheid
    s.answer("Wer hat ihn gefasst", UP + UP + ENTER)  # from „keine Angabe“ up: Förderbescheid
    s.text("Genaue Bezeichnung der Stelle", "Bundesministerium, über die KfW")
    s.text("Wann wurde er gefasst", "02/2023")  # a month is enough
    s.text("Fundstelle \\(z. B. Drucksache, Beschlussnummer", "Zuwendungsbescheid 12-345")
    s.expect("Leer lassen und Enter, um weiterzugehen.")  # said once for the list
    s.text("Was umfasst der Beschluss\\? .* 1", "Pilot in zwei Bezirken")
    s.answer("Was umfasst der Beschluss\\? .* 2", ENTER)
    s.text("Gültig bis", "2022")
    s.expect("muss nach")  # before the decision itself
    s.child.send(CTRL_U + "2027" + ENTER)
    s.answer("Noch einen Beschluss erfassen", DOWN + ENTER)  # yes – by accident
    s.answer("Was für ein Beschluss", ENTER)  # no answer
    s.answer("Wer hat ihn gefasst", ENTER)  # no answer
    s.answer("Genaue Bezeichnung der Stelle", ENTER)  # empty: the item is dropped
    _write(s)
    out = s.output()
    assert "Beschluss 1" in out and "Förderbescheid" in out  # the summary names the kind
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["mandate"]["decisions"] == [
        {
            "kind": "funding",
            "granted_by": "foerderbescheid",
            "body": "Bundesministerium, über die KfW",
            "date": "2023-02",
            "reference": "Zuwendungsbescheid 12-345",
            "scope": ["Pilot in zwei Bezirken"],
            "valid_until": "2027",
        }
    ]
    assert data["mandate"]["status"] == "granted"  # untouched
    _clean(target)


def test_a_measurement_and_a_target_range_are_added_and_empty_items_skipped(tmp_path):
    target = tmp_path / "charta.toml"
    target.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    s = Session(tmp_path, "--update", "charta.toml", "--ask", "ziele")  # phase 3
    s.answer("Welche Herausforderung", ENTER)
    for number in (1, 2, 3):
        s.answer(f"Leitfrage {number}", ENTER)
    s.answer("\\(Vision\\)", ENTER)
    for number in (1, 2, 3):
        s.answer(f"Bedarf der Menschen, für die die Maßnahme da ist {number}", ENTER)
    s.answer("Ziel 1: ", DOWN + ENTER)  # edit
    s.answer("Ziel – was soll erreicht sein", ENTER)
    s.answer("Welchen Werten", ENTER)
    s.answer("Indikator 1: ", DOWN + ENTER)  # edit
    for prompt in ("Name des Indikators", "Output\\) oder eine Wirkung", "Einheit", "Ausgangswert"):
        s.answer(prompt, ENTER)
    s.expect("Ein Wert oder ein Bereich")
    s.text("Zielwert", CTRL_U + "4–8")
    s.answer("Bis wann", ENTER)
    s.answer("Woher kommen die Zahlen", ENTER)
    s.answer("Einen Messwert für diesen Indikator erfassen", ENTER)  # yes
    s.text("Wann gemessen", "09/2026")
    s.text("Gemessener Wert", "2")
    s.text("Woher stammt der Wert", "Befragung der Tiefbauämter")
    s.answer("Noch einen Messwert erfassen", DOWN + ENTER)  # yes – by accident
    s.answer("Wann gemessen", ENTER)  # empty: the item is dropped
    s.answer("Indikator 2: ", ENTER)  # keep
    s.answer("Noch einen Indikator", ENTER)  # no
    s.answer("Ziel 2: ", ENTER)  # keep
    s.answer("Noch ein Ziel", ENTER)  # no
    s.answer("Ein Zwischenergebnis einer Phase", ENTER)  # proposed: yes …
    s.answer("Was ist herausgekommen", ENTER)  # … skipped with Enter: nothing written
    _write(s)
    assert "4–8" in s.output()  # the summary shows the range as typed
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    indicator = data["goals"][0]["indicators"][0]
    assert indicator["target"] == [4, 8]
    assert indicator["measurements"] == [
        {"date": "2026-09", "value": 2, "source": "Befragung der Tiefbauämter"}
    ]
    assert "measurements" not in data["goals"][0]["indicators"][1]
    assert "results" not in data
    _clean(target)


def test_a_line_without_amount_is_counted_and_no_total_is_proposed(tmp_path):
    """An unknown amount stays unknown: the running total says „at least“, and no total budget
    is proposed that would be too low."""
    from conftest import ROOT

    example = ROOT / "examples" / "format2-budget-indicators.toml"
    target = tmp_path / "charta.toml"
    target.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    s = Session(tmp_path, "--update", "charta.toml", "--ask", "ressourcen")
    s.answer("Budgetposition 1: Pilotbetrieb", ENTER)  # keep
    s.answer("Budgetposition 2: Verstetigung", DOWN + ENTER)  # edit
    s.answer("Wofür", ENTER)
    s.expect("nicht 0 eingeben")
    s.answer("Betrag in Euro", ENTER)  # still not known
    for prompt in ("Jahr", "Woher kommt das Geld", "Wer gibt das Geld", "Eigenanteil"):
        s.answer(prompt, ENTER)
    s.answer("Wie sicher ist das Geld", ENTER)
    s.expect("Summe bisher: mindestens 120.000 € \\(1 ohne Betrag\\)")
    s.answer("Noch eine Budgetposition", ENTER)  # no
    s.answer("Gesamtbudget in Euro", ENTER)  # a proposal would be taken: none, nothing written
    s.answer("Eine Personalressource", DOWN + ENTER)
    s.answer("Einen Meilenstein", DOWN + ENTER)
    _write(s)
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert "budget_total_eur" not in data["resources"]
    assert "amount_eur" not in data["resources"]["budget"][1]
    assert data["resources"]["budget"][1]["year"] == 2028
    _clean(target)
