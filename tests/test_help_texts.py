"""Help and usage errors speak the user's language and show readable value placeholders."""

from __future__ import annotations

import re

import pytest

from gdb_cli.cli import COMMAND_MODULES, command_name
from gdb_cli.typer_texts import _choices

COMMANDS = [command_name(m) for m in COMMAND_MODULES]

ENGLISH = (
    "Usage:",
    "Show this message and exit.",
    "Install completion for the current shell.",
    "Show completion for the current shell",
    "for help.",
    "Error:",
    "No such option",
    "Invalid value",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "requires an argument",
    "Possible options",
)
# Programmer placeholders: <bool>, <str>, <list[Path]>, <path> …
PROGRAMMER = re.compile(r"<(bool|str|int|path|list\[[^\]]*\]|[a-z|]+)>")


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_german_help_has_no_english_and_no_type_placeholders(gdb, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "80")
    args = ["--help"] if command is None else [command, "--help"]
    result = gdb(*args)
    assert result.code == 0
    assert "Aufruf: gdb" in result.out
    assert [text for text in ENGLISH if text in result.out] == []
    assert PROGRAMMER.findall(result.out) == []


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_english_help_has_no_type_placeholders_either(gdb, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "80")
    args = ["--help"] if command is None else [command, "--help"]
    result = gdb("--lang", "en", *args)
    assert "Usage: gdb" in result.out
    assert PROGRAMMER.findall(result.out) == []


def test_placeholders_name_files_paths_and_choices(gdb, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    check = gdb("check", "--help").out
    assert "gdb check [OPTIONEN] [PFAD…]" in check
    assert "[text|concise|json|…]" in check  # long choice lists shortened, never broken mid-word
    assert "DATUM" in check
    assert "DATEI" in gdb("status", "--help").out
    assert "ORDNER" in gdb("--help").out
    english = gdb("--lang", "en", "check", "--help").out
    assert "gdb check [OPTIONS] [PATH…]" in english and "DATE" in english


def test_choice_lists_stay_whole_words():
    assert _choices(["text", "json"]) == "[text|json]"
    assert _choices(["text", "json", "sarif", "github", "markdown"]) == "[text|json|sarif|…]"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "--bogus"], "Fehler: Unbekannte Option: --bogus"),
        (
            ["check", "-f", "bogus"],
            "Fehler: Ungültiger Wert für --format / -f: „bogus“ ist nicht erlaubt; erlaubt: "
            "text, concise, json, sarif, github, markdown.",
        ),
        (["methods", "--phase", "x"], "„x“ ist keine ganze Zahl."),
        (["methods", "--max-minutes", "0"], "„0“ ist zu klein (mindestens 1)."),
        (["check", "--select"], "Fehler: Option --select braucht einen Wert."),
        (["theses", "x", "y"], "Fehler: Zu viele Angaben: x y"),
        (["bogus"], "Fehler: Unbekannter Befehl „bogus“."),
        (["chek"], "Fehler: Unbekannter Befehl „chek“. Meinten Sie „check“ oder „schema“?"),
    ],
)
def test_usage_errors_in_german(gdb, args, expected):
    result = gdb(*args)
    assert result.code == 2
    assert expected in result.err
    assert [text for text in ENGLISH if text in result.err] == []


def test_usage_error_shows_the_german_usage_line_and_help_hint(gdb):
    result = gdb("check", "--bogus")
    assert result.err.startswith("Aufruf: gdb check [OPTIONEN] [PFAD…]\nHilfe: gdb check -h\n")


def test_unknown_command_suggestion_in_english(gdb):
    result = gdb("--lang", "en", "chek")
    assert "Error: No such command “chek”. Did you mean “check” or “schema”?" in result.err


def test_usage_errors_in_english(gdb):
    result = gdb("--lang", "en", "check", "-f", "bogus")
    assert "Error: Invalid value for --format / -f: “bogus” is not allowed" in result.err
    assert "Usage: gdb check [OPTIONS] [PATH…]" in result.err
