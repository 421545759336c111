"""`gdb rules`: list, filter, JSON, explain, unknown codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import json_document
from helpers import make_pack


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pack(tmp_path_factory.mktemp("rules"))


def rules(gdb, pack: Path, *args: object):
    return gdb("--handbook", pack, "rules", *args)


def test_list_all_as_text(gdb, pack):
    result = rules(gdb, pack)
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 13
    assert lines[0].split("\t") == [
        "GOL001",
        "Fehler",
        "1",
        "Ziele",
        "Mindestens ein Ziel",
        "Handbuch",
    ]


def test_list_as_json_has_the_documented_keys(gdb, pack):
    data = json_document(rules(gdb, pack, "--format", "json").out, "rules")
    assert len(data) == 13
    for item in data:
        assert {"code", "severity", "applies_from", "title", "sources"} <= set(item)
        assert set(item["title"]) == {"de", "en"} and item["sources"]
    when = next(item for item in data if item["code"] == "CON003")
    assert when["check"]["if"] == {"path": "principles.software", "equals": True}


def test_filters_phase_severity_prefix(gdb, pack):
    def codes(*args: str) -> list[str]:
        found = json_document(rules(gdb, pack, "-f", "json", *args).out, "rules")
        return [item["code"] for item in found]

    assert "GOL002" not in codes("--phase", "2") and "MAN002" in codes("--phase", "2")
    assert "GOL002" in codes("--phase", "3")
    assert set(codes("--severity", "info")) == {"GOL004"}
    assert codes("man") == ["MAN001", "MAN002", "MAN003"]
    assert codes("MAN", "--severity", "warning") == ["MAN003"]
    assert codes("MAN", "--severity", "Warnung") == ["MAN003"]
    assert set(codes("-s", "HINWEIS")) == {"GOL004"}
    assert codes("-s", "fehler") == codes("-s", "error")


def test_table_shows_area_labels_and_schweregrad(gdb):
    from gdb_cli.commands.rules import _ as text

    out = gdb("rules", "ACC").out
    assert "\tBarrierefreiheit\t" in out and "accessibility" not in out
    assert "\tAccessibility\t" in gdb("--lang", "en", "rules", "ACC").out
    assert text("col_severity", lang="de") == "Schweregrad"


def test_explain_one_rule(gdb, pack):
    result = rules(gdb, pack, "gol001")
    assert result.code == 0
    out = result.out
    assert out.startswith("GOL001 – Mindestens ein Ziel")
    for heading in ("Schweregrad:", "Gilt ab:", "Warum:", "So beheben:", "Grundlage:", "Quellen:"):
        assert heading in out
    assert "So nicht:" in out and "goals = []" in out and "So richtig:" in out
    assert "https://example.org/goals" in out


def test_explain_in_english_and_as_json(gdb, pack):
    result = gdb("--lang", "en", "--handbook", pack, "rules", "MAN002")
    assert "MAN002 – Mandate granted" in result.out
    assert "phase 2 (Exploration); in phase 1 an open item" in result.out
    data = json_document(rules(gdb, pack, "MAN002", "-f", "json").out)
    assert data["code"] == "MAN002" and data["applies_from"] == 2


def test_explain_a_fixed_code(gdb, pack):
    result = rules(gdb, pack, "TOML001")
    assert result.code == 0 and "TOML-Syntaxfehler" in result.out
    data = json_document(rules(gdb, pack, "sch001", "-f", "json").out)
    assert data["code"] == "SCH001" and data["input_problem"] is False


def test_unknown_code_exits_2_with_suggestion(gdb, pack):
    result = rules(gdb, pack, "MAM002")
    assert result.code == 2
    assert "Meinten Sie „MAN002“?" in result.err
    assert "Traceback" not in result.err


def test_bad_phase_and_severity(gdb, pack):
    assert rules(gdb, pack, "--phase", "9").code == 2
    result = rules(gdb, pack, "--severity", "fatal")
    assert result.code == 2 and "Unbekannter Schweregrad „fatal“" in result.err
    english = gdb("--lang", "en", "--handbook", pack, "rules", "--severity", "fatal")
    assert english.code == 2 and "Unknown severity “fatal”" in english.err


def test_unknown_code_prefers_the_same_prefix(gdb):
    result = gdb("rules", "MAN999")
    assert result.code == 2 and re.search(r"Meinten Sie „MAN\d{3}“\?", result.err)


def test_bundled_catalogue_lists(gdb):
    result = gdb("rules", "-f", "json")
    assert result.code == 0
    data = json_document(result.out, "rules")
    assert len({item["code"] for item in data}) == len(data)
