"""No English in German output where people meet it: help placeholders, the README's default file
name, and no `-` placeholder for a missing key path in "Datei nicht gefunden"."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

ENGLISH_PLACEHOLDERS = re.compile(r"\b(PATH|FILE|FOLDER|DATE|SECTIONS|SEVERITY|KEY=VALUE)\b")


@pytest.mark.parametrize("command", ["init", "check", "status", "export", "rules", "report"])
def test_german_help_has_german_placeholders(gdb, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "120")
    out = gdb(command, "--help").out
    assert not ENGLISH_PLACEHOLDERS.findall(out), (command, ENGLISH_PLACEHOLDERS.findall(out))


def test_readme_examples_use_one_default_name():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [
        line
        for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
        for line in block.splitlines()
    ]
    assert any("charta.toml" in line for line in commands)
    # charter.toml is named only where `check` lists the names it finds
    named = [line.split("#")[0] for line in commands]  # comments may list what check finds
    assert not [line for line in named if "charter.toml" in line]


def test_missing_file_names_no_placeholder_path(gdb, tmp_path):
    result = gdb("status", tmp_path / "fehlt.toml")
    assert result.code == 2
    assert "IO001 Datei nicht gefunden." in result.err
    assert "IO001 -:" not in result.err


def test_actors_are_named_gender_inclusively():
    """content/rules/_FORMAT.md, "Wording": Akteur:innen, never „Akteure“ (content and code)."""
    old_form = re.compile(r"\bAkteure[n]?\b")
    files = [*(ROOT / "content").rglob("*.toml"), *(ROOT / "src").rglob("*.py")]
    found = [str(f.relative_to(ROOT)) for f in files if old_form.search(f.read_text("utf-8"))]
    assert found == []
