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
