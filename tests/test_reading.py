"""Reading TOML: syntax errors in German for every tomli message, hints for hand-editing habits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gdb_cli import i18n
from gdb_cli.toml.read import _SYNTAX_DE, ReadError, parse_text


def _tomli_messages() -> list[str]:
    import tomli

    source = Path(tomli.__file__).parent / "_parser.py"
    if not source.is_file():
        pytest.skip("tomli ships no _parser.py source")
    text = source.read_text(encoding="utf-8")
    found = re.findall(r'TOMLDecodeError\(\s*f?"((?:[^"\\]|\\.)*)"', text)
    samples = []
    for message in found:
        message = message.replace("\\\\", "\\")
        message = re.sub(r"\{[^}]*!r\}", "'x'", message)
        samples.append(re.sub(r"\{[^}]*\}", "('a',)", message))
    return samples


def test_every_tomli_message_has_a_german_text():
    messages = _tomli_messages()
    assert len(messages) >= 15
    missing = [m for m in messages if not any(p.match(m) for p, _g in _SYNTAX_DE)]
    assert missing == []


def _error(text: str, lang: str = "de") -> ReadError:
    i18n.set_language(lang)
    with pytest.raises(ReadError) as info:
        parse_text(text, "f.toml")
    return info.value


@pytest.mark.parametrize(
    "text",
    [
        "[mandate\nstatus = 1\n",
        "[[goals\n",
        'x = ["a",\n"b"\n',
        "x = {a = 1\n",
        "x = {a = 1, a = 2}\n",
        'x = "a\\q"\n',
        "x = 1 # \x01\n",
    ],
)
def test_syntax_errors_are_german(text):
    message = _error(text).finding.message
    assert message.startswith("TOML-Syntaxfehler: ")
    assert not re.search(r"\b(Expected|Unclosed|Invalid|Cannot|Found|Unescaped)\b", message)


@pytest.mark.parametrize("line", ["phase = 1,5", "end = 30.06.2027", "budget = 1.234,50"])
def test_decimal_comma_and_german_dates_get_a_hint(line):
    de = _error(f"schema_version = 1\n{line}\n").finding
    assert de.line == 2
    assert de.message.endswith("Zahlen mit Punkt schreiben (1.5), Datumsangaben als 2027-06-30.")
    en = _error(f"schema_version = 1\n{line}\n", "en").finding.message
    assert en.endswith("Write numbers with a dot (1.5) and dates as 2027-06-30.")


def test_other_statement_errors_get_no_number_hint():
    assert "Zahlen mit Punkt" not in _error('x = "a" "b"\n').finding.message


def test_unclosed_array_names_the_line_where_it_began():
    text = 'schema_version = 1\nscope = ["a", # [ in a comment\n  "b ]",\n\n[mandate]\n'
    finding = _error(text).finding
    assert "begonnen in Zeile 2" in finding.message
    assert "started on line 2" in _error(text, "en").finding.message
    # on one line there is nothing to add
    assert "Zeile" not in _error('x = ["a" "b"]\n').finding.message


def test_unclosed_inline_table_names_the_line_where_it_began():
    assert "begonnen in Zeile 1" in _error("x = {a = 1\ny = 2\n").finding.message


_PROC_STATUS = Path("/proc/self/status")


@pytest.mark.skipif(not _PROC_STATUS.exists(), reason="needs Linux /proc")
def test_regular_file_that_reports_size_zero_is_read_in_full():
    """Files in /proc are regular but report size 0: the reader reads on past the size."""
    from gdb_cli.toml.read import read_bytes

    raw = read_bytes(_PROC_STATUS)
    assert raw.startswith(b"Name:") and raw.count(b"\n") > 3


@pytest.mark.skipif(not _PROC_STATUS.exists(), reason="needs Linux /proc")
def test_limit_holds_for_a_file_larger_than_its_reported_size(monkeypatch):
    from gdb_cli.toml import read as reading

    monkeypatch.setattr(reading, "MAX_BYTES", 10)
    with pytest.raises(reading.FileTooLarge):
        reading.read_bytes(_PROC_STATUS)
