"""`gdb phases` and `gdb theses`: content shown in both languages, JSON shape, charter marking."""

from __future__ import annotations

import json

from conftest import EXAMPLE


def test_phases_json_lists_five_phases_with_both_languages(gdb):
    result = gdb("phases", "--format", "json")
    assert result.code == 0
    phases = json.loads(result.out)
    assert len(phases) == 5
    for phase in phases:
        assert set(phase["name"]) == {"de", "en"}
        assert phase["result"]["de"] and phase["result"]["en"]
        assert phase["sources"]
    assert phases[0]["name"]["de"] == "Vorprozess"


def test_phases_text_switches_language(gdb):
    german = gdb("phases")
    english = gdb("phases", "--lang", "en")
    assert "Vorprozess" in german.out
    assert "Pre-process" in english.out and "Pre-process" not in german.out


def test_phases_plain_output_is_one_line_per_phase(gdb):
    result = gdb("phases")
    lines = result.out.strip().splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("1\t")


def test_phases_marks_current_phase_of_charter(gdb):
    result = gdb("phases", "--charter", EXAMPLE)
    assert result.code == 0
    marked = [line for line in result.out.splitlines() if line.startswith("*")]
    assert len(marked) == 1 and marked[0].split("\t")[1] == "3"
    data = json.loads(gdb("phases", "--charter", EXAMPLE, "--format", "json").out)
    assert [p["number"] for p in data if p["current"]] == [3]


def test_phases_charter_with_problem_exits_2(gdb, tmp_path, example_text):
    broken = tmp_path / "broken.toml"
    broken.write_text(
        example_text.replace('type = "dezentral"', 'type = "dezentrall"'), encoding="utf-8"
    )
    result = gdb("phases", "--charter", broken)
    assert result.code == 2
    assert "measure.type" in result.err and "dezentral" in result.err
    assert "broken.toml:12:" in result.err
    assert "Traceback" not in result.err


def test_theses_highlight_thesis_six(gdb):
    result = gdb("theses", "--format", "json")
    theses = json.loads(result.out)
    assert len(theses) == 8
    assert [t["number"] for t in theses if t["key"]] == [6]
    plain = gdb("theses").out.splitlines()
    assert [line.split("\t")[1] for line in plain if line.startswith("*")] == ["6"]


def test_phase_notes_are_footnotes_and_results_stay_clean(gdb, monkeypatch):
    phases = json.loads(gdb("phases", "--format", "json").out)
    last = phases[-1]
    assert not last["result"]["de"].startswith("Abgeleitet")
    assert not last["result"]["en"].startswith("Derived")
    assert "abgeleitet" in last["note"]["de"]  # the editorial remark lives in the note
    monkeypatch.setattr("gdb_cli.output.stdout_is_terminal", lambda: True)
    import gdb_cli.render.table

    monkeypatch.setattr(gdb_cli.render.table, "stdout_is_terminal", lambda: True)
    shown = gdb("phases").out
    assert "Skalierung³" in shown and "³ Die Quellen nennen für Phase 5" in shown


def test_phase_footnote_marks_only_in_a_terminal(gdb):
    assert "³" not in gdb("phases").out


def test_theses_speak_to_users_not_to_a_project_brief():
    from gdb_cli import context

    theses = context.handbook().theses
    for text in (theses.title.de, theses.title.en):
        assert "2.0" not in text
    assert theses.title.de == "Thesen zum digitalen Umbau Berlins"
    assert theses.note is not None
    everything = [theses.note.de, theses.note.en]
    for thesis in theses.theses:
        everything += [thesis.text.de, thesis.text.en]
        if thesis.provenance is not None:
            everything += [thesis.provenance.de, thesis.provenance.en]
    for banned in ("Projektauftrag", "project brief", "V2.0", "Version 2.0"):
        assert not [t for t in everything if banned in t]
    assert "GD:B-Team" in theses.note.de and "V1.0" in theses.note.de
    six = next(t for t in theses.theses if t.number == 6)
    assert any("phase-1-vorprozess" in url for url in six.sources)
