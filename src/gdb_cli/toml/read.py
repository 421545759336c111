"""Reading a TOML file: bytes, encodings, byte-order mark, syntax errors with file:line:col.

Returns the parsed document together with the map of key positions (`tomlpos`), or raises
`ReadError` carrying a finding with a position. Knows nothing about charters.
"""

from __future__ import annotations

import os
import re
import stat
from functools import cached_property
from pathlib import Path
from typing import Any

try:  # tomli ships mypyc-compiled wheels: about 3x faster than the pure-Python tomllib
    import tomli as _toml
except ImportError:  # pragma: no cover - tomli is a dependency; tomllib is the same parser
    import tomllib as _toml  # type: ignore[no-redef]

from gdb_cli.findings import Finding
from gdb_cli.i18n import Catalog, get_language
from gdb_cli.toml.positions import LazyPositions, Position, index_positions, lookup

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
        "not_regular": {
            "de": "Keine normale Datei (FIFO, Socket oder Gerät) – nichts zu lesen.",
            "en": "Not a regular file (FIFO, socket or device) – nothing to read.",
        },
        "too_large": {
            "de": "Die Datei ist größer als {limit} MiB – eine Charta hat wenige Kilobyte.",
            "en": "The file is larger than {limit} MiB – a charter is a few kilobytes.",
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
        "too_deep": {"de": "zu tief verschachtelt", "en": "nesting too deep"},
        "opened_on": {
            "de": " – begonnen in Zeile {line}",
            "en": " – started on line {line}",
        },
        "number_date_hint": {
            "de": " Zahlen mit Punkt schreiben (1.5), Datumsangaben als 2027-06-30.",
            "en": " Write numbers with a dot (1.5) and dates as 2027-06-30.",
        },
    }
)

# Python's tomllib says "… (at line 3, column 7)" or "… (at end of document)".
_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END_RE = re.compile(r"\s*\(at end of document\)\s*$")

# Every message of tomli's parser (tomli/_parser.py), in German. Patterns match the start of the
# message; `{0}` … take the pattern's groups (e.g. the offending character).
_SYNTAX_DE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), german)
    for pattern, german in (
        (r"Invalid value", "ungültiger Wert (fehlen Anführungszeichen um einen Text?)"),
        (r"Invalid statement", "ungültige Zeile (erwartet: schlüssel = wert oder [tabelle])"),
        (r"Expected '=' after a key in a key/value pair", "nach dem Schlüssel fehlt „=“"),
        (r"Cannot overwrite a value", "dieser Schlüssel ist schon gesetzt (doppelter Schlüssel)"),
        (r"Cannot declare", "diese Tabelle ist schon deklariert (doppelte Tabelle)"),
        (
            r"Cannot mutate immutable namespace",
            "dieser Teil ist schon als Inline-Tabelle { … } oder Liste [ … ] vollständig "
            "angegeben und kann hier nicht ergänzt werden",
        ),
        (
            r"Cannot redefine namespace",
            "diese Tabelle wurde schon über einen Schlüssel mit Punkt angelegt und kann nicht "
            "noch einmal als [tabelle] deklariert werden",
        ),
        (
            r"Duplicate inline table key '(.*)'",
            "der Schlüssel „{0}“ kommt in der Inline-Tabelle {{ … }} doppelt vor",
        ),
        (
            r"Expected '\]' at the end of a table declaration",
            "die Tabellenüberschrift muss mit „]“ enden, z. B. [mandate]",
        ),
        (
            r"Expected '\]\]' at the end of an array declaration",
            "die Überschrift eines Listeneintrags muss mit „]]“ enden, z. B. [[goals]]",
        ),
        (
            r"Expected newline or end of document after a statement",
            "nach einem Eintrag muss die Zeile enden",
        ),
        (r"Expected (['\"])(.*)\1$", "mehrzeiliger Text ohne schließendes {1}"),
        (r"Unclosed array", "Liste ohne schließende „]“ (oder es fehlt ein Komma)"),
        (
            r"Unclosed inline table",
            "Inline-Tabelle ohne schließende „}“ (sie muss in einer Zeile stehen; oder es "
            "fehlt ein Komma)",
        ),
        (r"Unterminated string", "Text ohne schließendes Anführungszeichen"),
        (
            r"Unescaped '\\' in a string",
            "einzelner Rückstrich „\\“ in einem Text – als „\\\\“ schreiben oder den Text in "
            "einfache Anführungszeichen '…' setzen",
        ),
        (r"Found invalid character (.*)", "unerlaubtes Steuerzeichen {0}"),
        (r"Illegal character (.*)", "unerlaubtes Zeichen {0} in einem Text"),
        (r"Invalid date or datetime", "ungültiges Datum oder ungültige Uhrzeit"),
        (
            r"Invalid hex value",
            "ungültige Zeichenangabe: \\u braucht 4, \\U 8 Hexadezimalziffern",
        ),
        (
            r"Escaped character is not a Unicode scalar value",
            "die Zeichenangabe \\u… / \\U… ist kein gültiges Zeichen",
        ),
        (
            r"Invalid initial character for a key part",
            "ungültiges Zeichen am Anfang eines Schlüssels (erlaubt: A–Z, a–z, 0–9, _ und -; "
            "andere Schlüssel in Anführungszeichen)",
        ),
        (r"TOML inline arrays/tables are nested", "zu tief verschachtelt"),
    )
)

_OPENERS = {"Unclosed array": "[", "Unclosed inline table": "{"}
# Hand-editing habits TOML does not understand: a decimal comma (1,5) and German dates (30.06.2027).
_DECIMAL_COMMA = re.compile(r"=\s*[+-]?[\d.]*\d,\d")
_GERMAN_DATE = re.compile(r"=\s*\d{1,2}\.\d{1,2}\.\d{2,4}\b")


class Document:
    """A parsed TOML file: its data, its text and where each key path stands.

    The position index is built on first use: a clean file never needs it, and it costs about
    as much as parsing. `locate` answers single paths and scans only as far as they need.
    """

    def __init__(self, path: str, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.text = text
        self.data = data

    @cached_property
    def positions(self) -> dict[str, Position]:
        return index_positions(self.text)

    @cached_property
    def _lazy(self) -> LazyPositions:
        return LazyPositions(self.text, self.data)

    def locate(self, path: str) -> Position | None:
        """`tomlpos.lookup(self.positions, path)`, without indexing the whole text."""
        if "positions" in self.__dict__:  # already indexed in full (e.g. for schema findings)
            return lookup(self.positions, path)
        return self._lazy.lookup(path)


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
        for pattern, german in _SYNTAX_DE:
            match = pattern.match(message)
            if match:
                return german.format(*match.groups()) if match.groups() else german
    return message


def _opened_on(text: str, line: int, col: int, opener: str) -> int | None:
    """The line of the outermost `opener` (`[` or `{`) still open at line:col, outside strings
    and comments; None when there is none."""
    lines = text.split("\n")
    end = sum(len(part) + 1 for part in lines[: line - 1]) + col - 1
    closer = {"[": "]", "{": "}"}
    stack: list[tuple[str, int]] = []
    i, number, quote = 0, 1, ""
    while i < min(end, len(text)):
        char = text[i]
        if char == "\n":
            number += 1
        if quote:
            if char == "\\" and quote[0] == '"':
                i += 2
                continue
            if text.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
        elif char == "#":
            newline = text.find("\n", i)
            i = newline if newline >= 0 else len(text)
            continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i += len(quote)
            continue
        elif char in "[{":
            stack.append((char, number))
        elif char in "]}" and stack and closer[stack[-1][0]] == char:
            stack.pop()
        i += 1
    found = [start for kind, start in stack if kind == opener]
    return found[0] if found else None


def _syntax_message(message: str, text: str, line: int | None, col: int | None) -> str:
    """The syntax error in the active language, with hints for typical hand-editing mistakes."""
    detail = _syntax_detail(message)
    if line is None or col is None:
        return _("syntax", detail=detail)
    lines = text.splitlines()
    offending = lines[line - 1] if 0 < line <= len(lines) else ""
    opener = next((o for prefix, o in _OPENERS.items() if message.startswith(prefix)), None)
    if opener is None and offending.lstrip().startswith("["):
        # `scope = ["a",` never closed: the next `[table]` is read as a value inside the list
        start = _opened_on(text, line, 1, "[")
        if start is not None and start != line:
            opener, detail = "[", _syntax_detail("Unclosed array")
    if opener is not None:
        start = _opened_on(text, line, col, opener)
        if start is not None and start != line:
            detail += _("opened_on", line=start)
    result = _("syntax", detail=detail)
    if _DECIMAL_COMMA.search(offending) or _GERMAN_DATE.search(offending):
        result = result.rstrip(".") + "." + _("number_date_hint")
    return result


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
        raise _fail("TOML001", _syntax_message(message, text, line, col), file, line, col) from None
    except RecursionError:
        raise _fail("TOML001", _("syntax", detail=_("too_deep")), file, 1, 1) from None
    return Document(path=file, text=text, data=data)


# A charter is a few kilobytes; far larger input is a mistake (or /dev/zero) – stop reading.
MAX_BYTES = 64 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """The file's bytes. Never blocks: a FIFO without a writer reads as empty. Raises `OSError`;
    `FileTooLarge` above `MAX_BYTES`."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            if info.st_size > MAX_BYTES:
                raise FileTooLarge
            # The known size (+1 to notice growth) in one read: asking for MAX_BYTES makes
            # Python allocate that much first, which costs more than reading a charter.
            raw = stream.read(info.st_size + 1)
            if len(raw) > info.st_size:  # grew meanwhile (or /proc, size 0): read on
                raw += stream.read(MAX_BYTES + 1 - len(raw))
        else:
            if hasattr(os, "set_blocking"):  # a FIFO (or `<(…)`): with a writer, wait for its
                os.set_blocking(fd, True)  # data; without one, end of file at once
            raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise FileTooLarge
    if not raw and not stat.S_ISREG(info.st_mode):
        raise NotRegular
    return raw


class FileTooLarge(OSError):
    pass


class NotRegular(OSError):
    pass


def too_large(file: str) -> Finding:
    """The finding for input above `MAX_BYTES`."""
    return _fail("IO001", _("too_large", limit=MAX_BYTES // (1024 * 1024)), file).finding


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse a TOML file; every failure is a `ReadError` with a position."""
    file = display or str(path)
    try:
        raw = read_bytes(path)
    except FileTooLarge:
        raise ReadError(too_large(file)) from None
    except NotRegular:
        raise _fail("IO001", _("not_regular"), file) from None
    except FileNotFoundError:
        raise _fail("IO001", _("not_found"), file, extra={NOT_FOUND: True}) from None
    except IsADirectoryError:
        raise _fail("IO001", _("is_dir"), file) from None
    except OSError as exc:
        raise _fail("IO001", _("unreadable", reason=exc.strerror or exc), file) from None
    return parse_text(decode(raw, file), file)
