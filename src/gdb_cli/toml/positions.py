"""Where each key of a TOML document stands: a map from key paths to (line, column).

`tomllib` parses TOML correctly but forgets positions. This module scans the same text once more
and records, for every table, key, array element and inline-table key, where it starts, under the
dotted key path that the rest of gdb uses (`goals[0].indicators[1].target`). It expects text that
`tomllib` has already accepted; on anything else it stops quietly and returns what it found.
`LazyPositions` answers single paths and scans only as far as they need (`gdb check`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from gdb_cli.charter.keypaths import BARE_KEY_CLASS, PathError, join, parent_paths, parse

Position = tuple[int, int]  # 1-based line, 1-based column


class _Stop(Exception):
    """The text is not in the shape we expect; return what we have."""


_WS = re.compile(r"[ \t]*")
_NEWLINE = re.compile(r"\n")
_GAP = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")  # blanks, newlines and comments
_BARE = re.compile(f"[{BARE_KEY_CLASS}]+")
_BASIC = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')  # unrolled: no alternation per character
_SCALAR = re.compile(r"[^,\]}\n#\r]*")
# Fast paths for the common lines: `key = scalar-or-short-string` and `[a.b]` / `[[a.b]]`.
_SIMPLE_LINE = re.compile(
    f"([{BARE_KEY_CLASS}]+)"
    r"""[ \t]*=[ \t]*"""
    r"""(?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"(?!")|'[^'\n]*'(?!')|[^\s"'\[{#,][^\n#,\]}]*)"""
    r"""[ \t]*(?:#[^\n]*)?(?=\r?\n|$)"""
)
# Blanks and comments, then such a line; the gap is atomic: a line is never found in a comment.
_GAP_AND_SIMPLE_LINE = re.compile(r"(?>" + _GAP.pattern + ")" + _SIMPLE_LINE.pattern)
_SIMPLE_HEADER = re.compile(
    r"(\[\[?)[ \t]*"
    f"([{BARE_KEY_CLASS}]+(?:[ \t]*\\.[ \t]*[{BARE_KEY_CLASS}]+)*)"
    r"[ \t]*\]\]?"
)


class _Scanner:
    """One pass over the text with regular expressions (C speed) where it can."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.offsets: dict[str, int] = {}  # key path -> where it first stands in the text
        self.array_tables: dict[str, int] = {}  # concrete path of an array of tables -> last index
        self.table = ""  # the concrete path of the table the scan is in
        self.done = False  # the scan reached the end of the text (or stopped at a surprise)
        self._line_starts: list[int] | None = None

    # -- helpers ---------------------------------------------------------------------------
    def position(self, index: int) -> Position:
        """The 1-based (line, column) of a text index."""
        line_starts = self._line_starts
        if line_starts is None:  # a few lookups: counting is cheaper than indexing every line
            text = self.text
            return (text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index))
        line = bisect_right(line_starts, index)
        return (line, index - line_starts[line - 1] + 1)

    def positions(self) -> dict[str, Position]:
        self._line_starts = [0, *[match.end() for match in _NEWLINE.finditer(self.text)]]
        position = self.position
        return {path: position(index) for path, index in self.offsets.items()}

    def record(self, path: str, index: int) -> None:
        if path not in self.offsets:
            self.offsets[path] = index

    def peek(self) -> str:
        return self.text[self.i] if self.i < self.n else ""

    def skip_ws(self) -> None:
        self.i = _WS.match(self.text, self.i).end()  # type: ignore[union-attr]

    def skip_gap(self) -> None:
        self.i = _GAP.match(self.text, self.i).end()  # type: ignore[union-attr]

    # -- keys ------------------------------------------------------------------------------
    def read_key(self) -> list[tuple[str, int]]:
        """A (possibly dotted) key: its parts with the index where each part starts."""
        parts: list[tuple[str, int]] = []
        while True:
            self.skip_ws()
            start = self.i
            char = self.peek()
            if char == '"':
                parts.append((self.read_basic_string(), start))
            elif char == "'":
                parts.append((self.read_literal_string(), start))
            else:
                match = _BARE.match(self.text, start)
                if match is None:
                    raise _Stop
                self.i = match.end()
                parts.append((match.group(), start))
            self.skip_ws()
            if self.peek() != ".":
                return parts
            self.i += 1

    # -- strings ---------------------------------------------------------------------------
    def read_basic_string(self) -> str:
        if self.text.startswith('"""', self.i):
            end = self.i + 3
            while True:
                end = self.text.find('"""', end)
                if end < 0:
                    raise _Stop
                backslashes = 0
                while self.text[end - 1 - backslashes] == "\\":
                    backslashes += 1
                if backslashes % 2 == 0:
                    break
                end += 1
            while self.text.startswith('"', end + 3):  # up to two quotes may close the string
                end += 1
            self.i = end + 3
            return ""
        match = _BASIC.match(self.text, self.i)
        if match is None:
            raise _Stop
        self.i = match.end()
        return _unescape(match.group(1))

    def read_literal_string(self) -> str:
        if self.text.startswith("'''", self.i):
            end = self.text.find("'''", self.i + 3)
            if end < 0:
                raise _Stop
            while self.text.startswith("'", end + 3):
                end += 1
            self.i = end + 3
            return ""
        end = self.text.find("'", self.i + 1)
        if end < 0:
            raise _Stop
        value = self.text[self.i + 1 : end]
        self.i = end + 1
        return value

    # -- values ----------------------------------------------------------------------------
    def read_value(self, path: str) -> None:
        char = self.peek()
        if char == '"':
            self.read_basic_string()
        elif char == "'":
            self.read_literal_string()
        elif char == "[":
            self.read_array(path)
        elif char == "{":
            self.read_inline_table(path)
        else:
            self.i = _SCALAR.match(self.text, self.i).end()  # type: ignore[union-attr]

    def read_array(self, path: str) -> None:
        self.i += 1
        index = 0
        while True:
            self.skip_gap()
            if self.i >= self.n:
                raise _Stop
            if self.text[self.i] == "]":
                self.i += 1
                return
            item = f"{path}[{index}]"
            self.record(item, self.i)
            self.read_value(item)
            index += 1
            self.skip_gap()
            if self.peek() == ",":
                self.i += 1

    def read_inline_table(self, path: str) -> None:
        self.i += 1
        while True:
            self.skip_gap()
            if self.i >= self.n:
                raise _Stop
            if self.text[self.i] == "}":
                self.i += 1
                return
            self.read_keyvalue(path)
            self.skip_gap()
            if self.peek() == ",":
                self.i += 1

    def read_keyvalue(self, table: str) -> None:
        parts = self.read_key()
        full = table
        for name, start in parts:
            full = join(full, name)
            self.record(full, start)
        self.skip_ws()
        if self.peek() != "=":
            raise _Stop
        self.i += 1
        self.skip_ws()
        self.read_value(full)

    # -- tables ----------------------------------------------------------------------------
    def resolve_header(self, parts: list[tuple[str, int]], is_array: bool) -> str:
        concrete = ""
        last_number = len(parts) - 1
        for number, (name, start) in enumerate(parts):
            concrete = join(concrete, name)
            if number == last_number and is_array:
                index = self.array_tables.get(concrete, -1) + 1
                self.array_tables[concrete] = index
                self.record(concrete, start)
                concrete = f"{concrete}[{index}]"
                self.record(concrete, start)
            else:
                self.record(concrete, start)
                if concrete in self.array_tables:
                    concrete = f"{concrete}[{self.array_tables[concrete]}]"
        return concrete

    @staticmethod
    def _part_starts(offset: int, dotted: str) -> list[int]:
        """Where each part of a dotted header key starts (`a . b` → offsets of a and b)."""
        starts = []
        position = 0
        for part in dotted.split("."):
            starts.append(offset + position + (len(part) - len(part.lstrip())))
            position += len(part) + 1
        return starts

    def scan(self) -> dict[str, Position]:
        self.scan_until(None)
        return self.positions()

    def scan_until(self, wanted: str | None) -> None:
        """Scan statement by statement (a table header or a key/value line) until `wanted` is
        recorded or the text ends (`done`); a later call goes on where this one stopped."""
        offsets, text = self.offsets, self.text
        gap_and_line, gap = _GAP_AND_SIMPLE_LINE.match, _GAP.match
        try:
            while wanted not in offsets:
                simple = gap_and_line(text, self.i)
                if simple is not None:  # the common line, in one match (its key is bare)
                    key, start = simple.group(1), simple.start(1)
                    path = f"{self.table}.{key}" if self.table else key
                    if path not in offsets:
                        offsets[path] = start
                    self.i = simple.end()
                    continue
                self.i = gap(text, self.i).end()  # type: ignore[union-attr]
                if self.i >= self.n:
                    break
                if text[self.i] == "[":
                    self.table = self.read_header()
                else:
                    self.read_keyvalue(self.table)
            else:
                return
        except (_Stop, IndexError, RecursionError):
            pass
        self.done = True

    def read_header(self) -> str:
        """`[a.b]` or `[[a.b]]`: the concrete path of the table it opens."""
        header = _SIMPLE_HEADER.match(self.text, self.i)
        if header is not None:
            is_array = len(header.group(1)) == 2
            names = [part.strip() for part in header.group(2).split(".")]
            starts = self._part_starts(header.start(2), header.group(2))
            self.i = header.end()
            return self.resolve_header(list(zip(names, starts, strict=True)), is_array)
        is_array = self.text.startswith("[[", self.i)
        self.i += 2 if is_array else 1
        parts = self.read_key()
        self.i += 2 if is_array else 1
        return self.resolve_header(parts, is_array)


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    try:
        return raw.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return raw


def index_positions(text: str) -> dict[str, Position]:
    """Map every key path in `text` (already valid TOML) to its 1-based (line, column)."""
    return _Scanner(text).scan()


def lookup(positions: dict[str, Position], path: str) -> Position | None:
    """The position of `path`, or of its nearest enclosing table or array that has one."""
    if path in positions:
        return positions[path]
    for parent in parent_paths(path):
        if parent in positions:
            return positions[parent]
    return None


# --- on demand -------------------------------------------------------------------------------


def _may_exist(data: Any, path: str) -> bool:
    """False only when `path` surely names nothing in `data`, the document's parsed TOML: then
    the scanner cannot find it either. A path that does not parse counts as "may exist"."""
    try:
        parts = parse(path)
    except PathError:
        return True
    node = data
    for part in parts:
        if isinstance(part, int):
            if not (isinstance(node, list) and part < len(node)):
                return False
        elif not (isinstance(node, dict) and part in node):
            return False
        node = node[part]
    return True


class LazyPositions:
    """`lookup` without indexing the whole text first: the text is scanned only as far as the
    paths asked for need. A path that is absent from the parsed data (most findings name a
    missing key) needs no scanning at all. Gives exactly what `lookup(index_positions(text),
    path)` gives."""

    def __init__(self, text: str, data: Any) -> None:
        self._scanner = _Scanner(text)
        self._data = data

    def lookup(self, path: str) -> Position | None:
        scanner = self._scanner
        offsets = scanner.offsets
        for candidate in (path, *parent_paths(path)):
            if candidate not in offsets and not scanner.done and _may_exist(self._data, candidate):
                scanner.scan_until(candidate)
            if candidate in offsets:
                return scanner.position(offsets[candidate])
        return None
