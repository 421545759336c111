"""The command shell: version, help in both languages, language choice, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import EXAMPLE, ROOT, json_document
from gdb_cli import __version__, i18n
from gdb_cli.cli import split_global_options


def test_version(gdb):
    result = gdb("--version")
    assert result.code == 0
    assert result.out.strip() == f"gdb {__version__}"


def test_help_is_german_by_default_and_english_on_request(gdb):
    german = gdb("--help")
    english = gdb("--help", "--lang", "en")
    assert german.code == english.code == 0
    assert "Befehle" in german.out and "Phasen" in german.out
    assert "Commands" in english.out and "phases of the process model" in english.out


def test_language_resolution_order():
    assert i18n.resolve("en", {"GDB_LANG": "de"}) == "en"
    assert i18n.resolve(None, {"GDB_LANG": "en", "LANG": "de_DE.UTF-8"}) == "en"
    assert i18n.resolve(None, {"LANG": "en_GB.UTF-8"}) == "en"
    assert i18n.resolve(None, {"LANG": "fr_FR.UTF-8"}) == "de"
    assert i18n.resolve(None, {}) == "de"


def test_gdb_lang_environment_switches_messages(gdb, monkeypatch):
    monkeypatch.setenv("GDB_LANG", "en")
    result = gdb("phases", "--format", "json")
    assert result.code == 0
    result = gdb("--help")
    assert "Commands" in result.out


def test_unknown_language_is_a_usage_error(gdb):
    result = gdb("--lang", "fr", "phases")
    assert result.code == 2
    assert "fr" in result.err


def test_global_options_anywhere():
    rest, found = split_global_options(
        ["phases", "--lang=en", "-q", "--handbook", "x", "--", "--lang"]
    )
    assert rest == ["phases", "--", "--lang"]
    assert found == {"lang": "en", "handbook": "x", "verbosity": -1}


def test_unknown_option_exits_2_without_traceback(gdb):
    result = gdb("phases", "--bogus")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "--bogus" in result.err


def test_python_dash_m_works_like_gdb():
    completed = subprocess.run(
        [sys.executable, "-m", "gdb_cli", "phases", "--format", "json", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    phases = json_document(completed.stdout, "phases")
    assert [p["number"] for p in phases] == [1, 2, 3, 4, 5]


def test_missing_charter_file_exits_2(gdb, tmp_path):
    result = gdb("phases", "--charter", tmp_path / "nope.toml")
    assert result.code == 2
    assert "nope.toml" in result.err
    assert "Traceback" not in result.err


def test_example_exists():
    assert EXAMPLE.is_file()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", str(EXAMPLE)], ["methods"], ["phases"]])
def test_output_to_a_full_disk_is_a_clear_message(args):
    """Writing the output fails (no space left): a message in the user's language, exit 2 –
    not an internal error."""
    env = {**os.environ, "GDB_LANG": "de", "NO_COLOR": "1"}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "gdb_cli", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert "Schreiben oder Lesen fehlgeschlagen" in done.stderr
    assert "Interner Fehler" not in done.stderr and "Traceback" not in done.stderr


def test_gdb_alone_shows_the_help_without_an_empty_error(gdb):
    result = gdb()
    # As in Click (8.2+) and Typer: the help, and exit code 2 (no command given).
    assert result.code == 2
    assert "Befehle" in result.out and "check" in result.out
    assert "Fehler" not in result.err and result.err.strip() == ""


def test_the_typer_ci_tests_is_the_lowest_declared():
    """pyproject.toml's lowest Typer is the one .ci/run tests (`.ci/lowest.txt`); under that
    run (GDB_EXPECT_TYPER set) this process really uses it."""
    import re
    import tomllib

    import typer

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    typer_spec = next(d for d in declared["project"]["dependencies"] if d.startswith("typer"))
    lowest = re.search(r">=\s*([\d.]+)", typer_spec)
    pinned = re.search(r"^typer==([\d.]+)$", (ROOT / ".ci" / "lowest.txt").read_text(), re.M)
    assert lowest and pinned
    assert pinned.group(1).startswith(lowest.group(1))
    expected = os.environ.get("GDB_EXPECT_TYPER")
    if expected:
        assert typer.__version__ == expected


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("rules",), "rules"),
        (("methods",), "methods"),
        (("phases",), "phases"),
        (("theses",), "theses"),
        (("status", str(EXAMPLE), "--as-of", "2026-11-30"), None),
    ],
)
def test_json_documents_are_versioned_and_documented(gdb, args, key):
    """Each `--format json` document has format_version 1 and docs/json-output.md names its keys."""
    import re

    result = gdb(*args, "--format", "json")
    assert result.code == 0, result.err
    document = json_document(result.out)
    docs = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    section = docs.split(f"## `gdb {args[0]} --format json`", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z_]+)(?:\[\])?`", section))
    keys = set(document) - {"format_version"}
    if key is not None:
        assert keys == {key}
        keys = set().union(*(set(item) for item in document[key]))
    assert keys <= named, f"not in docs/json-output.md: {sorted(keys - named)}"
