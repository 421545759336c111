"""The real interview in a pseudo-terminal: a full run, validation while typing, Ctrl-C and resume,
--update with comments kept. Marked `pty`; each test spawns `python -m gdb_cli init`."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conftest import EXAMPLE
from gdb_cli.charter.load import load_charter
from gdb_cli.pack.handbook import load_handbook
from pty_driver import CTRL_C, CTRL_U, DOWN, ENTER, SPACE, UP, Session

pytestmark = pytest.mark.skipif(
    not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal (POSIX)"
)


def _loads_clean(path: Path) -> None:
    loaded = load_charter(path, load_handbook().closed_ids())
    assert loaded.problems == [], loaded.problems
    assert loaded.charter is not None


def _measure_section(
    s: Session, title: str = "Wasser für Bezirke", phase_keys: str = DOWN + ENTER
) -> None:
    s.text("Wie heißt die Maßnahme", title)
    s.text("in einem Satz", "Ein Dashboard für Regenwasser.")
    s.answer("Kurze Kennung", ENTER)  # proposed from the title
    s.answer("Wer trägt die Maßnahme", ENTER)  # dezentral (default)
    s.answer("In welcher Phase", phase_keys)  # default: 2 Exploration
    s.answer("Seit wann ist sie in dieser Phase", ENTER)  # optional: not written
    s.answer("Handlungsfeldern", SPACE + ENTER)
    s.answer("Handlungsfelder der zweiten Ebene", ENTER)  # optional: none
    s.text("Federführung", "SenMVKU II C")
    s.answer("In welchem Bezirk", ENTER)  # optional: no answer
    s.answer("räumlichen Ebene", ENTER)
    s.answer("Förderprogramm", ENTER)
    s.text("Beginn", "15.01.2026")  # German date form is accepted
    s.text("Geplantes Ende", "2025-12-31")
    s.expect("muss nach")  # end before start: caught while typing
    s.child.send(CTRL_U + "2027-12-31" + ENTER)
    s.answer("Projektseite", ENTER)
    s.answer("Wie steht es um die Maßnahme", ENTER)  # no answer: nothing written


def test_full_interview_writes_a_valid_charter(tmp_path):
    s = Session(tmp_path, "charta.toml")
    _measure_section(s)
    # 2 Ziele
    s.text("Welche Herausforderung", "Starkregen überlastet die Kanalisation.")
    s.text("Leitfrage 1", "Welche Daten brauchen Tiefbauämter?")
    s.answer("Leitfrage 2", ENTER)
    s.text("erfolgreich war\\? \\(Vision\\)", "Kein Keller läuft mehr voll.")
    s.text("Bedarf der Menschen, für die die Maßnahme da ist 1", "Tagesaktuelle Daten")
    s.answer("Bedarf der Menschen, für die die Maßnahme da ist 2", ENTER)
    s.text("Ziel – was soll erreicht sein", "Tiefbauämter nutzen das Dashboard.")
    s.answer("Welchen Werten", SPACE + DOWN + DOWN + DOWN + SPACE + ENTER)
    s.expect("Bis die Exploration abgeschlossen ist")  # indicators are a result of phase 2
    s.answer("Einen Indikator für dieses Ziel", UP + ENTER)  # proposed: no – chosen: yes
    s.text("Name des Indikators", "Bezirke, die das Dashboard nutzen")
    s.answer("Output\\) oder eine Wirkung", ENTER)
    s.text("Einheit", "Anzahl Bezirke")
    s.text("Ausgangswert heute", "0")
    s.text("Zielwert", "6")
    s.text("Bis wann", "2027-06-30")
    s.text("Woher kommen die Zahlen", "Befragung")
    s.answer("Noch einen Indikator", ENTER)  # no
    s.answer("Noch ein Ziel hinzufügen", ENTER)  # no
    s.answer("Ein Zwischenergebnis einer Phase", DOWN + ENTER)  # no
    # 3 Verantwortung
    s.text("Wer leitet die Maßnahme", "Dr. Alex Beispiel")
    s.answer("Organisation der Leitung", ENTER)  # copied from the lead organisation
    s.text("E-Mail der Leitung", "alex-at-example")
    s.expect("keine gültige E-Mail-Adresse")
    s.child.send(CTRL_U + "alex.beispiel@example.berlin" + ENTER)
    s.text("Ansprechperson für Rückfragen", CTRL_U + "Kim Muster")
    s.answer("Organisation der Ansprechperson", ENTER)
    s.text("Funktion der Ansprechperson", "Produktverantwortung")
    s.text("E-Mail der Ansprechperson", CTRL_U + "kim.muster@example.berlin")
    s.answer("politische oder strategische Verantwortung", ENTER)  # skipped: nothing more asked
    s.text("Welches Gremium", "Steuerungsrunde Regenwasser")
    s.answer("Ein Teammitglied hinzufügen", ENTER)  # yes
    s.text("Name", "Kim Muster")
    s.text("Rolle", "Produktverantwortung")
    s.text("Zuständig für", "Anforderungen")
    s.text("Stellenanteil", "1,5")
    s.expect("zwischen 0 und 1")
    s.child.send(CTRL_U + "0,5" + ENTER)
    s.answer("Noch ein Teammitglied", ENTER)  # no
    s.answer("Eine Partnerorganisation hinzufügen", ENTER)  # yes
    s.text("Welche Organisation", "ITDZ Berlin")
    s.answer("Welche Rolle hat sie", UP * 3 + ENTER)  # from „keine Angabe“ up: Betreiber
    s.answer("Ansprechperson dort", ENTER)  # no contact: its details are not asked
    s.answer("Noch eine Partnerorganisation", ENTER)  # no
    # 4 Ressourcen
    s.answer("Eine Budgetposition hinzufügen", ENTER)
    s.text("Wofür", "Prototyp")
    s.text("Betrag in Euro", "180.000")
    s.answer("Jahr", ENTER)  # from the start date: 2026
    s.text("Woher kommt das Geld", "Kap. 0730 Titel 54010")
    s.answer("Wer gibt das Geld", ENTER)
    s.text("Eigenanteil", "10")
    s.expect("10 % oder 0,1")  # a bare 10 is not taken for 1000 %
    s.child.send(CTRL_U + "10 %" + ENTER)
    s.answer("Wie sicher ist das Geld", DOWN + DOWN + ENTER)  # planned → (no answer) → secured
    s.expect("Summe bisher: 180.000 €")
    s.answer("Noch eine Budgetposition", ENTER)
    s.answer("Gesamtbudget in Euro", ENTER)  # proposed: the sum
    s.answer("Eine Personalressource", ENTER)
    s.text("Rolle", "Projektleitung")
    s.text("Wie viele Stellen", "0,8")
    s.answer("Wie ist sie gedeckt", ENTER)
    s.answer("Noch eine Personalressource", ENTER)
    s.answer("Einen Meilenstein hinzufügen", DOWN + ENTER)  # no
    # 5 Mandat
    s.answer("Wie steht es um das Mandat", DOWN + ENTER)  # granted
    s.answer("Wer hat das Mandat erteilt", ENTER)  # Entscheidungsrunde
    s.text("Genaue Bezeichnung des Gremiums", "Entscheidungsrunde Umwelt und Digitales")
    s.text("Wann wurde es erteilt", "2099-06-15")
    s.expect("nicht in der Zukunft datiert")  # a granted mandate has a date of the past
    s.child.send(CTRL_U + "2026-06-15" + ENTER)
    s.text("Fundstelle", "Ergebnisprotokoll vom 15.06.2026, TOP 3")
    s.text("Was umfasst das Mandat – oder was soll es umfassen\\? .* 1", "Prototyp in Bezirken")
    s.answer("Was umfasst das Mandat – oder was soll es umfassen\\? .* 2", ENTER)
    s.text("Was darf \\(oder soll\\) die Maßnahme verändern", "Abstimmungswege")
    s.text("Gültig bis", "2026-01-01")
    s.expect("muss nach")
    s.child.send(CTRL_U + "2027-12-31" + ENTER)
    s.answer("Einen Beschluss hinter der Maßnahme", DOWN + ENTER)  # no
    # 6 Kompetenzen
    s.answer("Eine benötigte Kompetenz", ENTER)
    s.text("Welche Kompetenz wird gebraucht", "Betrieb einer Open-Source-Anwendung")
    s.answer("Ist sie schon vorhanden", DOWN + ENTER)  # no
    s.answer("Woher kommt sie", ENTER)
    s.answer("Wie und bis wann wird die Lücke geschlossen", ENTER)  # required: refused
    s.expect("Pflicht – bitte ausfüllen")
    s.child.send("Ausschreibung mit der Entwicklung" + ENTER)
    s.answer("Noch eine Kompetenz", ENTER)
    # 7 optional sections – from phase 2 on, "yes" is suggested
    s.answer("Beteiligte \\(Stakeholder\\) und Beteiligung jetzt erfassen", ENTER)  # yes
    s.answer("Eine beteiligte Gruppe hinzufügen", ENTER)
    s.text("Wer\\? \\(z. B. Tiefbauämter", "Tiefbauämter der Bezirke")
    s.answer("Gruppe", DOWN + ENTER)  # from "no answer" round to the first: Verwaltung
    s.answer("Wie stark wird sie beteiligt", DOWN + ENTER)  # konsultieren → mitgestalten
    s.answer("Ist sie schon eingebunden", DOWN + ENTER)  # yes
    s.answer("Noch eine beteiligte Gruppe", ENTER)
    s.answer("Gibt es eine öffentliche Beteiligung", DOWN + ENTER)  # yes
    s.text("Beteiligungsformat \\(z. B. .*\\) 1", "Online-Beteiligung")
    s.answer("Beteiligungsformat \\(z. B. .*\\) 2", ENTER)
    s.text("Wie erreichen Sie alle", "Auch analog und in leichter Sprache.")
    s.answer("Grundsätze \\(Open Source", ENTER)  # yes
    s.answer("Entsteht Software", DOWN + ENTER)  # yes
    s.text("Unter welcher Open-Source-Lizenz", "EUPL-1.2")
    s.text("Wo liegt der Quellcode", "gitlab.example.berlin")
    s.expect("https://")
    s.child.send(CTRL_U + "https://gitlab.example.berlin/wasser" + ENTER)
    s.answer("Werden personenbezogene Daten", ENTER)  # no
    s.answer("Gibt es ein Angebot, das Menschen direkt nutzen", DOWN + ENTER)  # yes
    s.text("Nach welchem Standard barrierefrei", "BITV 2.0")
    s.text("Gleichstellung und Vielfalt", "Nutzungstests mit gemischten Gruppen")
    s.answer("Risiken jetzt erfassen", ENTER)  # yes (suggested from phase 2 on)
    s.answer("Ein Risiko hinzufügen", ENTER)
    s.text("Welches Risiko", "Bezirke liefern keine Daten")
    s.answer("Wie wahrscheinlich", ENTER)
    s.answer("Wie stark würde es sich auswirken", ENTER)
    s.text("Was wird dagegen getan", "Datenlieferung in der Steuerungsrunde vereinbaren")
    s.text("Wer kümmert sich darum", "Kim Muster")
    s.answer("Noch ein Risiko", ENTER)
    s.answer("Rahmen \\(IKT", DOWN + ENTER)  # yes: the phase-1 frame
    s.text("Welche Wirkung soll die Maßnahme haben", "Bezirke entsiegeln gezielter.")
    s.answer("IKT-Rahmenbedingungen", ENTER)
    s.answer("Wirtschaftlichkeit", ENTER)
    s.answer("Verstetigung", ENTER)
    s.text("Verwandte Maßnahme 1", "Smart Water")
    s.answer("Verwandte Maßnahme 2", ENTER)
    s.expect("Zusammenfassung")
    s.answer("Wie weiter", ENTER)  # write
    s.expect("Geschrieben: charta.toml")
    assert s.finish() == 0

    target = tmp_path / "charta.toml"
    _loads_clean(target)
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["measure"]["id"] == "wasser-fuer-bezirke"
    assert data["measure"]["phase"] == 2
    assert str(data["measure"]["start"]) == "2026-01-15"
    assert data["goals"][0]["id"] == "z1"
    assert data["goals"][0]["values"] == ["nachhaltig", "kooperativ"]
    assert data["goals"][0]["indicators"][0]["target"] == 6
    assert data["frame"] == {
        "intended_impact": "Bezirke entsiegeln gezielter.",
        "related_measures": ["Smart Water"],
    }
    assert data["responsibility"]["lead"]["organisation"] == "SenMVKU II C"
    assert data["responsibility"]["team"][0]["fte"] == 0.5
    assert data["responsibility"]["contact"]["role"] == "Produktverantwortung"
    assert "sponsor" not in data["responsibility"]
    assert data["partners"] == [{"organisation": "ITDZ Berlin", "role": "operator"}]
    assert data["resources"]["budget"][0]["co_financing_share"] == 0.1
    assert "funder" not in data["resources"]["budget"][0]
    assert "results" not in data and "decisions" not in data["mandate"]
    for key in (
        "action_fields",
        "district",
        "spatial_levels",
        "programme",
        "website",
        "status",
        "entered_phase_on",
    ):
        assert key not in data["measure"], key
    assert data["resources"]["budget"][0]["amount_eur"] == 180000
    assert data["resources"]["budget"][0]["year"] == 2026
    assert data["resources"]["budget"][0]["status"] == "secured"
    assert data["resources"]["budget_total_eur"] == 180000
    assert data["mandate"]["status"] == "granted"
    assert data["mandate"]["granted_by"] == "entscheidungsrunde"
    assert data["competencies"][0]["available"] is False
    assert data["stakeholders"] == [
        {
            "name": "Tiefbauämter der Bezirke",
            "group": "verwaltung",
            "involvement": "mitgestalten",
            "involved": True,
        }
    ]
    assert data["participation"]["formats"] == ["Online-Beteiligung"]
    assert data["principles"]["software"] is True
    assert data["principles"]["personal_data"] is False
    assert "dpia" not in data["principles"]  # only asked with personal data
    assert not (tmp_path / ".charta.toml.gdb-recovery.toml").exists()
    _check_passes(target)


def _check_passes(target: Path) -> None:
    """`gdb check` passes on the written charter – when the check command exists."""
    import importlib.util

    if importlib.util.find_spec("gdb_cli.engine") is None:
        return
    from gdb_cli.cli import run

    assert run(["check", str(target)]) == 0


def _rest_of_a_minimal_interview(s: Session) -> None:
    """From section 2 on, in phase 1: only what is required, everything else skipped."""
    s.text("Welche Herausforderung", "Eine Herausforderung.")
    s.answer("Leitfrage 1 \\(Pflicht\\)", ENTER)  # at least one is needed: marked
    s.expect("Mindestens 1 nötig")
    s.text("Leitfrage 1", "Eine Frage?")
    s.answer("Leitfrage 2", ENTER)
    s.answer("\\(Vision\\)", ENTER)
    s.answer("Bedarf der Menschen, für die die Maßnahme da ist 1", ENTER)
    s.text("Ziel – was soll erreicht sein", "Ein Ziel.")
    s.answer("Welchen Werten", ENTER)
    s.expect("Bis die Exploration abgeschlossen ist")
    s.answer("Einen Indikator für dieses Ziel", ENTER)  # default in phase 1: no
    s.answer("Noch ein Ziel hinzufügen", ENTER)
    s.text("Wer leitet die Maßnahme", "Kim Muster")
    for prompt in (
        "Organisation der Leitung",
        "E-Mail der Leitung",
        "Ansprechperson für Rückfragen",
        "Organisation der Ansprechperson",
        "Funktion der Ansprechperson",
        "E-Mail der Ansprechperson",
        "politische oder strategische Verantwortung",
        "Welches Gremium",
    ):
        s.answer(prompt, ENTER)
    s.answer("Ein Teammitglied hinzufügen", DOWN + ENTER)
    s.answer("Eine Partnerorganisation hinzufügen", DOWN + ENTER)
    s.answer("Eine Budgetposition hinzufügen", DOWN + ENTER)
    s.answer("Gesamtbudget in Euro", ENTER)
    s.answer("Eine Personalressource", DOWN + ENTER)
    s.answer("Einen Meilenstein hinzufügen", DOWN + ENTER)
    s.answer("Wie steht es um das Mandat", ENTER)  # pending
    s.answer("Wer soll das Mandat erteilen", UP + ENTER)  # from „keine Angabe“ up: andere
    s.text("Wann ist die Entscheidung geplant", "2027-03-01")
    s.answer("Genaue Bezeichnung des Gremiums", ENTER)  # asked: granted by „andere“
    s.answer("Was umfasst das Mandat – oder was soll es umfassen", ENTER)
    s.answer("Was darf \\(oder soll\\) die Maßnahme verändern", ENTER)
    s.answer("Einen Beschluss hinter der Maßnahme", DOWN + ENTER)
    s.answer("Eine benötigte Kompetenz", DOWN + ENTER)
    s.answer("Beteiligte \\(Stakeholder\\)", ENTER)
    s.answer("Grundsätze \\(Open Source", ENTER)
    s.answer("Risiken jetzt erfassen", ENTER)  # no (the default in phase 1)
    s.answer("Rahmen \\(IKT", ENTER)  # no (the default)
    s.expect("Zusammenfassung")
    s.answer("Wie weiter", ENTER)


def test_ctrl_c_leaves_no_charter_and_the_next_run_resumes(tmp_path):
    target = tmp_path / "charta.toml"
    recovery = tmp_path / ".charta.toml.gdb-recovery.toml"
    first = Session(tmp_path, "charta.toml")
    _measure_section(first, title="Erst halb fertig", phase_keys=ENTER)  # phase 1
    first.answer("Welche Herausforderung", CTRL_C)
    assert first.finish() == 130
    assert "gesichert" in first.output()
    assert not target.exists()
    assert recovery.exists()
    saved = tomllib.loads(recovery.read_text(encoding="utf-8"))
    assert saved["measure"]["title"] == "Erst halb fertig"
    assert saved["gdb_recovery"]["completed"] == ["measure"]

    second = Session(tmp_path, "charta.toml")
    second.answer("gesicherte Antworten", ENTER)  # yes, continue
    _rest_of_a_minimal_interview(second)  # starts right at section 2
    second.expect("Geschrieben")
    assert second.finish() == 0
    assert "Wie heißt die Maßnahme" not in second.output()
    _loads_clean(target)
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["measure"]["title"] == "Erst halb fertig"
    assert data["measure"]["end"].isoformat() == "2027-12-31"
    assert data["mandate"]["status"] == "pending"
    assert data["mandate"]["granted_by"] == "other"
    assert data["mandate"]["planned_decision"].isoformat() == "2027-03-01"
    assert not recovery.exists()
    _check_passes(target)


def test_update_keeps_comments_and_keys_it_did_not_ask_about(tmp_path):
    original = EXAMPLE.read_text(encoding="utf-8").replace(
        "end = 2027-12-31\n",
        'end = 2027-12-31\nwebsite = "https://example.berlin/regenwasser"  # Notiz: Testseite\n',
        1,
    )
    target = tmp_path / "charta.toml"
    target.write_text(original, encoding="utf-8")
    s = Session(tmp_path, "--update", "charta.toml", "--ask", "mandate,competencies")
    s.answer("Wie steht es um das Mandat", ENTER)  # granted, pre-selected
    s.answer("Wer hat das Mandat erteilt", ENTER)
    s.answer("Genaue Bezeichnung des Gremiums", ENTER)
    s.answer("Wann wurde es erteilt", ENTER)
    s.answer("Fundstelle", ENTER)
    s.answer("ein Punkt je Eingabe\\) 1", ENTER)
    s.answer("ein Punkt je Eingabe\\) 2", ENTER)
    s.answer("ein Punkt je Eingabe\\) 3", ENTER)
    s.answer("Was darf \\(oder soll\\) die Maßnahme verändern", ENTER)
    s.text("Gültig bis", CTRL_U + "2028-06-30")
    s.answer("Einen Beschluss hinter der Maßnahme", DOWN + ENTER)
    # existing list items: keep the first, remove the second, edit the third
    s.answer("Kompetenz 1: Geodatenanalyse", ENTER)
    s.answer("Kompetenz 2: Nutzungszentriertes Testen", DOWN + DOWN + ENTER)
    s.answer("Kompetenz 3: Betrieb einer Open-Source-Anwendung", DOWN + ENTER)
    s.answer("Welche Kompetenz wird gebraucht", ENTER)
    s.answer("Ist sie schon vorhanden", ENTER)  # no (kept)
    s.answer("Woher kommt sie", ENTER)
    s.text("Wie und bis wann wird die Lücke geschlossen", CTRL_U + "Übergabe an das ITDZ 2027.")
    s.answer("Noch eine Kompetenz", ENTER)
    s.expect("Zusammenfassung – diese Änderungen werden geschrieben")
    # the change note comes before the choice to write: an empty field, the proposal a hint
    s.expect("Leer lassen und Enter übernimmt: Aktualisiert mit gdb init: Mandat")
    s.text("Was hat sich geändert\\? \\(für den Änderungsverlauf\\)", "Mandat verlängert.")
    s.answer("Wie weiter", ENTER)  # write
    s.expect("Geschrieben")
    assert s.finish() == 0
    assert "Wie heißt die Maßnahme" not in s.output()  # only the section asked for
    summary = s.output().split("diese Änderungen werden geschrieben", 1)[1].split("Wie weiter")[0]
    assert "Gültig bis: 31.12.2027" not in summary and "30.06.2028" in summary  # only changes
    assert "Maßnahme " not in summary

    text = target.read_text(encoding="utf-8")
    assert "# Projektcharta einer Maßnahme" in text  # comments kept
    assert "# Notiz: Testseite" in text
    assert "# pending | granted | conditional" in text
    assert "valid_until = 2028-06-30" in text
    data = tomllib.loads(text)
    assert data["measure"]["website"] == "https://example.berlin/regenwasser"
    assert data["changelog"][0]["version"] == "1.2.0"
    assert data["changelog"][0]["changes"] == "Mandat verlängert."
    assert len(data["changelog"]) == 3
    assert [c["skill"] for c in data["competencies"]] == [
        "Geodatenanalyse",
        "Betrieb einer Open-Source-Anwendung",
    ]
    assert data["competencies"][1]["mitigation"] == "Übergabe an das ITDZ 2027."
    assert data["competencies"][1]["source"] == "external"
    assert "# team | support-team | partner" in text  # comment on the kept first item
    assert (tmp_path / "charta.toml.bak").read_text(encoding="utf-8") == original
    _loads_clean(target)


def test_english_interview_and_ctrl_c_at_the_first_prompt(tmp_path):
    s = Session(tmp_path, "c.toml", lang="en")
    s.expect("1/10 Measure")
    s.answer("What is the measure called\\? \\(required\\)", CTRL_C)
    assert s.finish() == 130
    assert "Interrupted – no charter written" in s.output()
    assert not (tmp_path / "c.toml").exists()
    assert (tmp_path / ".c.toml.gdb-recovery.toml").exists()


def test_german_words_and_texts_that_fit_80_columns(tmp_path):
    s = Session(tmp_path, "c.toml", columns=80)
    s.text("Wie heißt die Maßnahme", "Test")
    s.text("in einem Satz", "Kurz.")
    s.answer("Kurze Kennung", ENTER)
    s.answer("Zivilgesellschaft\\)", ENTER)  # the last choice of „Wer trägt die Maßnahme?“
    assert "keine Angabe" not in s.output()  # the type is required: no „keine Angabe“
    s.answer("In welcher Phase", ENTER)
    s.answer("Seit wann ist sie in dieser Phase", ENTER)
    s.answer("Verwaltung", SPACE + DOWN + SPACE + ENTER)
    s.answer("zweiten Ebene", ENTER)
    s.answer("Federführung", CTRL_C)
    assert s.finish() == 130
    out = s.output()
    assert "Pflichtangaben sind markiert" in out  # the intro breaks between words
    assert "Wer trägt die Maßnahme? (Pflicht) (↑↓ und Enter)" in out
    # a long choice is wrapped under itself, not cut off at the edge
    assert "einer\n   nachgeordneten Behörde getragen.\n" in out
    assert "? Wer trägt die Maßnahme? (Pflicht) dezentral\n" in out  # the answer: the label only
    # a long question breaks between words; the hint after it stays whole
    assert "gehört sie?\n  (mindestens eines) (↑↓, Leertaste wählt, Enter weiter)\n" in out
    chosen = load_handbook().closed("fields_of_action").items[:2]
    names = ", ".join(item.label.get("de") for item in chosen)
    # the answer names what was chosen, not „2 ausgewählt“
    assert f"gehört sie?\n  (mindestens eines) {names}\n" in out
    assert "2 ausgewählt" not in out  # (an empty optional choice says „keine ausgewählt“)
    assert "selections" not in out and "done" not in out and "Use arrow" not in out


def test_resume_finishes_a_half_filled_item_and_an_accidental_yes_can_be_undone(tmp_path):
    target = tmp_path / "charta.toml"
    target.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    first = Session(tmp_path, "--update", "charta.toml", "--ask", "resources")
    for number in (1, 2, 3):
        first.answer(f"Budgetposition {number}: ", ENTER)  # keep
    first.answer("Noch eine Budgetposition", DOWN + ENTER)  # yes
    first.text("Wofür", "Moderation")
    first.text("Betrag in Euro", "1500,5")
    first.answer("Jahr", CTRL_C)  # interrupted in the middle of the item
    assert first.finish() == 130

    second = Session(tmp_path, "--update", "charta.toml", "--ask", "resources")
    second.answer("gesicherte Antworten", ENTER)  # continue
    for number in (1, 2, 3):
        second.answer(f"Budgetposition {number}: ", ENTER)
    # the half-filled item is not offered to „behalten“: its questions are asked to the end
    second.answer("Wofür", ENTER)  # „Moderation“, pre-filled
    second.expect("Betrag in Euro")
    second.answer("1.500,50", ENTER)  # the pre-filled amount, written the German way
    second.answer("Jahr", ENTER)
    second.answer("Woher kommt das Geld", ENTER)
    second.answer("Wer gibt das Geld", ENTER)
    second.answer("Eigenanteil", ENTER)
    second.answer("Wie sicher ist das Geld", ENTER)
    second.expect("Summe bisher: 311.500,50 €")
    second.answer("Noch eine Budgetposition", DOWN + ENTER)  # an accidental yes …
    second.expect("Leer lassen und Enter, um diesen Eintrag zu verwerfen.")
    second.answer("Wofür", ENTER)  # … undone by leaving it empty
    second.expect("Gesamtbudget in Euro")
    second.answer("310.000", ENTER)
    second.answer("Personalressource 1: ", ENTER)
    second.answer("Personalressource 2: ", ENTER)
    second.answer("Noch eine Personalressource", DOWN + ENTER)  # yes, by accident
    second.answer("Rolle", ENTER)  # empty: dropped
    for number in (1, 2, 3):
        second.answer(f"Meilenstein {number}: ", ENTER)
    second.answer("Noch einen Meilenstein", ENTER)
    second.expect("Zusammenfassung")
    second.answer("Was hat sich geändert", ENTER)  # empty: the proposal
    second.answer("Wie weiter", ENTER)
    second.expect("Geschrieben")
    assert second.finish() == 0
    assert tomllib.loads(target.read_text(encoding="utf-8"))["changelog"][0]["changes"] == (
        "Aktualisiert mit gdb init: Ressourcen."
    )
    out = second.output()
    assert "1.500,50 €" in out and "Betrag (€)" not in out
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["resources"]["budget"][3] == {
        "item": "Moderation",
        "amount_eur": 1500.5,
        "year": 2026,
        "status": "planned",
    }
    assert len(data["resources"]["budget"]) == 4
    assert len(data["resources"]["staff"]) == 2
    _loads_clean(target)
