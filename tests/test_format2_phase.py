"""Format 2: a charter without `measure.phase` – derived from the evidence, the same in check,
status, methods --for and export; a stated phase far from the evidence gets an info."""

from __future__ import annotations

import json

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "charter.example.toml"
MINIMAL = ROOT / "examples" / "minimal-phase1.toml"


def _without_phase(tmp_path, source):
    text = "".join(
        line
        for line in source.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("phase = ")
    )
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _check(gdb, path):
    result = gdb("--lang", "en", "check", "--format", "json", "--as-of", "2026-11-29", path)
    return result, json.loads(result.out)


def test_the_phase_is_derived_and_check_says_so(gdb, tmp_path):
    for source, expected in ((EXAMPLE, 3), (MINIMAL, 1)):
        path = _without_phase(tmp_path, source)
        result, data = _check(gdb, path)
        assert result.code == 0, result.out
        notes = [f for f in data["findings"] if f["code"] == "SCH009"]
        assert len(notes) == 1 and notes[0]["severity"] == "info"
        assert f"shows phase {expected}" in notes[0]["message"]


def test_status_methods_and_export_use_the_same_derived_phase(gdb, tmp_path):
    path = _without_phase(tmp_path, EXAMPLE)
    status = gdb("status", "--format", "json", "--as-of", "2026-11-29", path)
    assert status.code == 0
    assert json.loads(status.out)["phase"] == 3
    methods = gdb("--lang", "en", "methods", "--for", path)
    assert methods.code == 0 and methods.out
    export = gdb("--lang", "en", "export", path, "--format", "md")
    assert export.code == 0
    assert "**Phase:** 3 of 5" in export.out


def test_a_stated_phase_two_away_from_the_evidence_gets_an_info(gdb, tmp_path):
    path = tmp_path / "c.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text.replace("phase = 3 ", "phase = 5 ", 1), encoding="utf-8")
    _result, data = _check(gdb, path)
    notes = [f for f in data["findings"] if f["code"] == "SCH010"]
    assert len(notes) == 1
    assert "states phase 5, the evidence shows phase 3" in notes[0]["message"]
    path.write_text(text.replace("phase = 3 ", "phase = 4 ", 1), encoding="utf-8")
    _result, data = _check(gdb, path)
    assert all(f["code"] not in ("SCH009", "SCH010") for f in data["findings"])
