"""What `gdb check` accepts as input: TOML files that are not charters, and standard input (`-`)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE
from test_precommit import _entry_command, _hook

NOTES = 'title = "Notizen zur Charta"\n\n[notes]\ntext = "keine Charta"\n'
NO_VERSION = EXAMPLE.read_text(encoding="utf-8").replace("schema_version = 2\n", "")
SKIP_NOTE = "charter-notes.toml: übersprungen – keine Charta"
FORMATS = ["text", "json", "sarif", "github", "markdown"]


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "charter-notes.toml"
    path.write_text(NOTES, encoding="utf-8")
    return path


def test_the_notes_file_matches_the_hook_pattern():
    import re

    assert re.search(str(_hook()["files"]), "docs/charter-notes.toml")


def test_a_named_toml_file_without_charter_sections_is_skipped_with_a_note(gdb, notes):
    result = gdb("check", notes)
    assert result.code == 0
    assert SKIP_NOTE in result.err
    assert "SCH007" not in result.out + result.err


def test_a_named_non_charter_and_the_same_in_a_folder_say_the_same(gdb, notes, tmp_path):
    named = gdb("check", "-f", "json", notes)
    folder = gdb("check", "-f", "json", tmp_path)
    assert named.code == folder.code == 0
    assert json.loads(named.out)["files"] == json.loads(folder.out)["files"]
    assert json.loads(named.out)["files"] == [
        {"file": str(notes), "phase": None, "status": "skipped"}
    ]
    assert SKIP_NOTE in named.err and SKIP_NOTE in folder.err


def test_a_named_non_charter_next_to_a_charter_leaves_the_charter_checked(gdb, notes, tmp_path):
    charter = tmp_path / "charta.toml"
    shutil.copy(EXAMPLE, charter)
    alone = gdb("check", "-f", "json", "--as-of", "2026-11-29", charter)
    both = gdb("check", "-f", "json", "--as-of", "2026-11-29", notes, charter)
    assert both.code == alone.code
    assert json.loads(both.out)["findings"] == json.loads(alone.out)["findings"]
    assert json.loads(both.out)["summary"]["skipped"] == 1


@pytest.mark.parametrize("section", ["[measure]", "[[goals]]", "[mandate]", "[[changelog]]"])
def test_charter_sections_without_schema_version_stay_a_finding(gdb, tmp_path, section):
    path = tmp_path / "charter-notes.toml"
    path.write_text(f'{section}\ntitle = "x"\n', encoding="utf-8")
    for target in (path, tmp_path):
        result = gdb("check", target)
        assert result.code == 2, result.err
        assert "SCH007" in result.out
        assert "übersprungen" not in result.err


def test_the_whole_example_without_schema_version_stays_a_finding(gdb, tmp_path):
    path = tmp_path / "charta.toml"
    path.write_text(NO_VERSION, encoding="utf-8")
    result = gdb("check", path)
    assert result.code == 2
    assert "schema_version" in result.out


def test_the_pre_commit_hook_does_not_block_on_a_non_charter(notes, tmp_path):
    charter = tmp_path / "charta.toml"
    shutil.copy(EXAMPLE, charter)
    result = subprocess.run(
        [*_entry_command(), "charta.toml", "charter-notes.toml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
        env={"GDB_LANG": "de", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert SKIP_NOTE in result.stderr


# --- standard input ----------------------------------------------------------------------------


def _with_stdin(monkeypatch: pytest.MonkeyPatch, raw: bytes) -> None:
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)


@pytest.mark.parametrize("output_format", FORMATS)
def test_stdin_with_a_name_gives_what_the_file_gives(gdb, tmp_path, monkeypatch, output_format):
    charter = tmp_path / "charta.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("phase = 3", "phase = 4")
    charter.write_text(text, encoding="utf-8")
    args = ("check", "-f", output_format, "--as-of", "2026-11-29")
    from_file = gdb(*args, charter)
    _with_stdin(monkeypatch, charter.read_bytes())
    from_stdin = gdb(*args, "--stdin-filename", str(charter), "-")
    assert from_file.code == 1  # the example in phase 4 has blocking findings
    assert (from_stdin.code, from_stdin.out, from_stdin.err) == (
        from_file.code,
        from_file.out,
        from_file.err,
    )


def test_stdin_without_a_name_is_shown_as_a_dash(gdb, monkeypatch):
    _with_stdin(monkeypatch, b"schema_version = 1\n[measure]\nphase = 1\n")
    result = gdb("check", "-f", "json", "-")
    assert result.code == 1  # schema findings (missing keys) fail the check
    data = json.loads(result.out)
    assert {f["file"] for f in data["findings"]} == {"-"}
    assert any(f["code"] == "SCH002" and f["line"] == 2 for f in data["findings"])


def test_a_stdin_name_alone_reads_stdin_as_ruff_does(gdb, monkeypatch):
    _with_stdin(monkeypatch, EXAMPLE.read_bytes())
    result = gdb("check", "-f", "json", "--as-of", "2026-11-29", "--stdin-filename", "a.toml")
    assert result.code == 0
    assert [f["file"] for f in json.loads(result.out)["files"]] == ["a.toml"]


def test_a_stdin_name_with_files_but_no_dash_is_a_usage_error(gdb):
    result = gdb("check", "--stdin-filename", "a.toml", EXAMPLE)
    assert result.code == 2
    assert "--stdin-filename" in result.err and "„-“" in result.err


def test_stdin_that_is_not_a_charter_is_skipped(gdb, monkeypatch):
    _with_stdin(monkeypatch, NOTES.encode())
    result = gdb("check", "--stdin-filename", "charter-notes.toml", "-")
    assert result.code == 0
    assert SKIP_NOTE in result.err


def test_stdin_with_a_syntax_error_names_the_stdin_name(gdb, monkeypatch):
    _with_stdin(monkeypatch, b"schema_version = 1\n[measure\n")
    result = gdb("check", "--stdin-filename", "m/charta.toml", "-")
    assert result.code == 2
    assert "m/charta.toml:2:" in result.out


def test_stdin_in_utf16_is_refused_like_a_file(gdb, monkeypatch):
    _with_stdin(monkeypatch, "schema_version = 1\n".encode("utf-16"))
    result = gdb("check", "-")
    assert result.code == 2
    assert "ENC001" in result.out


def test_too_much_stdin_is_an_input_error(gdb, monkeypatch):
    from gdb_cli.toml import read

    monkeypatch.setattr(read, "MAX_BYTES", 64)
    _with_stdin(monkeypatch, b"# " + b"x" * 100 + b"\nschema_version = 1\n")
    result = gdb("check", "-")
    assert result.code == 2
    assert "IO001" in result.out


def test_dash_twice_reads_stdin_once(gdb, monkeypatch):
    _with_stdin(monkeypatch, EXAMPLE.read_bytes())
    result = gdb("check", "-f", "json", "--as-of", "2026-11-29", "-", "-")
    assert json.loads(result.out)["summary"]["files"] == 1


def test_stdin_through_a_real_pipe(tmp_path):
    result = subprocess.run(
        [*_entry_command(), "-f", "github", "--stdin-filename", "massnahme/charta.toml", "-"],
        input=EXAMPLE.read_bytes().replace(b"phase = 3", b"phase = 4"),
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
        env={"GDB_LANG": "en", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1, result.stderr
    assert b"file=massnahme/charta.toml,line=" in result.stdout
