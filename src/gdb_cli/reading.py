"""Reading a TOML file: bytes, encodings, byte-order mark, syntax errors with file:line:col.

Returns the parsed document together with the map of key positions (`tomlpos`), or raises
`ReadError` carrying a finding with a position. Knows nothing about charters.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

try:  # tomli ships mypyc-compiled wheels: about 3x faster than the pure-Python tomllib
    import tomli as _toml
except ImportError:  # pragma: no cover - tomli is a dependency; tomllib is the same parser
    import tomllib as _toml  # type: ignore[no-redef]

from gdb_cli.findings import Finding
from gdb_cli.i18n import Catalog, get_language
from gdb_cli.tomlpos import Position, index_positions

_ = Catalog(
    {
        "not_found": {
            "de": "Datei nicht gefunden.",
            "en": "File not found.",
        },
        "is_dir": {
            "de": "Das ist ein Ordner, keine Datei.",
            "en": "This is a folder, not a file.",
        },
        "unreadable": {
            "de": "Datei kann nicht gelesen werden: {reason}",
            "en": "Cannot read the file: {reason}",
        },
        "not_utf8": {
            "de": "Die Datei ist nicht in UTF-8 gespeichert (ungültiges Byte an Stelle {offset}). "
            "Bitte im Editor als „UTF-8“ speichern.",
            "en": "The file is not saved as UTF-8 (invalid byte at offset {offset}). "
            "Please save it as “UTF-8” in your editor.",
        },
        "utf16": {
            "de": "Die Datei ist in UTF-16 gespeichert. TOML verlangt UTF-8: "
            "bitte im Editor als „UTF-8“ speichern.",
            "en": "The file is saved as UTF-16. TOML requires UTF-8: "
            "please save it as “UTF-8” in your editor.",
        },
        "nul": {
            "de": "Die Datei enthält NUL-Bytes – sie ist wohl keine Textdatei.",
            "en": "The file contains NUL bytes – it is probably not a text file.",
        },
        "syntax": {
            "de": "TOML-Syntaxfehler: {detail}",
            "en": "TOML syntax error: {detail}",
        },
    }
)

# Python's tomllib says "… (at line 3, column 7)" or "… (at end of document)".
_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END_RE = re.compile(r"\s*\(at end of document\)\s*$")

_SYNTAX_DE: dict[str, str] = {
    "Invalid value": "ungültiger Wert (fehlen Anführungszeichen um einen Text?)",
    "Invalid statement": "ungültige Zeile (erwartet: schlüssel = wert oder [tabelle])",
    "Expected '=' after a key in a key/value pair": "nach dem Schlüssel fehlt „=“",
    "Cannot overwrite a value": "dieser Schlüssel ist schon gesetzt (doppelter Schlüssel)",
    "Cannot declare": "diese Tabelle ist schon deklariert (doppelte Tabelle)",
    "Unterminated string": "Text ohne schließendes Anführungszeichen",
    "Illegal character": "unerlaubtes Zeichen",
    "Invalid date or datetime": "ungültiges Datum",
    "Expected newline or end of document after a statement": (
        "nach einem Eintrag muss die Zeile enden"
    ),
}


class Document:
    """A parsed TOML file: its data, its text and where each key path stands.

    The position index is built on first use: a clean file never needs it, and it costs about
    as much as parsing.
    """

    def __init__(self, path: str, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.text = text
        self.data = data

    @cached_property
    def positions(self) -> dict[str, Position]:
        return index_positions(self.text)


class ReadError(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


NOT_FOUND = "not_found"  # `Finding.extra` key of the IO001 finding for a file that does not exist


def _fail(
    code: str,
    message: str,
    file: str,
    line: int | None = None,
    col: int | None = None,
    extra: dict[str, object] | None = None,
) -> ReadError:
    return ReadError(
        Finding(code, "error", message, file=file, line=line, column=col, extra=dict(extra or {}))
    )


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text (a leading byte-order mark is accepted and dropped)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail("ENC001", _("utf16"), file, 1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail("ENC001", _("not_utf8", offset=exc.start), file, line, col) from None
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        raise _fail("ENC001", _("nul"), file, line, index - (text.rfind("\n", 0, index) + 1) + 1)
    return text


def _syntax_detail(message: str) -> str:
    if get_language() == "de":
        for english, german in _SYNTAX_DE.items():
            if message.startswith(english):
                return german
    return message


def parse_text(text: str, file: str) -> Document:
    """Parse TOML text; a syntax error becomes a `ReadError` at its line and column."""
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        message = str(exc)
        line: int | None = getattr(exc, "lineno", None)
        col: int | None = getattr(exc, "colno", None)
        detail = getattr(exc, "msg", None)
        match = _POSITION_RE.search(message)
        if line is not None and col is not None and isinstance(detail, str):
            message = detail
        elif match:
            line, col = int(match.group(1)), int(match.group(2))
            message = message[: match.start()]
        elif _END_RE.search(message):
            message = _END_RE.sub("", message)
            line = text.count("\n") + 1
            col = len(text) - (text.rfind("\n") + 1) + 1
        else:
            line = col = None
        raise _fail(
            "TOML001", _("syntax", detail=_syntax_detail(message)), file, line, col
        ) from None
    except RecursionError:
        raise _fail("TOML001", _("syntax", detail="nesting too deep"), file, 1, 1) from None
    return Document(path=file, text=text, data=data)


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse a TOML file; every failure is a `ReadError` with a position."""
    file = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _fail("IO001", _("not_found"), file, extra={NOT_FOUND: True}) from None
    except IsADirectoryError:
        raise _fail("IO001", _("is_dir"), file) from None
    except OSError as exc:
        raise _fail("IO001", _("unreadable", reason=exc.strerror or exc), file) from None
    return parse_text(decode(raw, file), file)
