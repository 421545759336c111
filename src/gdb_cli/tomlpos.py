"""Where each key of a TOML document stands: a map from key paths to (line, column).

`tomllib` parses TOML correctly but forgets positions. This module scans the same text once more
and records, for every table, key, array element and inline-table key, where it starts, under the
dotted key path that the rest of gdb uses (`goals[0].indicators[1].target`). It expects text that
`tomllib` has already accepted; on anything else it stops quietly and returns what it found.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable

PathPart = str | int
Position = tuple[int, int]  # 1-based line, 1-based column

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def format_path(parts: Iterable[PathPart]) -> str:
    """`("goals", 0, "indicators")` → `goals[0].indicators`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = _key_text(part)
            out += f".{text}" if out else text
    return out


@functools.lru_cache(maxsize=2048)
def _key_text(key: str) -> str:
    """A key as it appears in a path: bare when it can be, else quoted."""
    return key if key and all(c in _BARE_KEY_CHARS for c in key) else _quote(key)


def parent_paths(path: str) -> list[str]:
    """`a[0].b.c` → [`a[0].b`, `a[0]`, `a`] (nearest first)."""
    result: list[str] = []
    cut = len(path)
    while True:
        cut = max(path.rfind(".", 0, cut), path.rfind("[", 0, cut))
        if cut <= 0:
            return result
        result.append(path[:cut])


def _quote(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Stop(Exception):
    """The text is not in the shape we expect; return what we have."""


_WS = re.compile(r"[ \t]*")
_GAP = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")  # blanks, newlines and comments
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_SCALAR = re.compile(r"[^,\]}\n#\r]*")
# Fast paths for the common lines: `key = scalar-or-short-string` and `[a.b]` / `[[a.b]]`.
_SIMPLE_LINE = re.compile(
    r"""([A-Za-z0-9_-]+)[ \t]*=[ \t]*"""
    r"""(?:"(?:[^"\\\n]|\\.)*"(?!")|'[^'\n]*'(?!')|[^\s"'\[{#,][^\n#,\]}]*)"""
    r"""[ \t]*(?:#[^\n]*)?(?=\r?\n|$)"""
)
_SIMPLE_HEADER = re.compile(
    r"(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*\]\]?"
)


def _join(prefix: str, key: str) -> str:
    text = _key_text(key)
    return f"{prefix}.{text}" if prefix else text


class _Scanner:
    """One pass over the text with regular expressions (C speed) where it can."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.line_starts = [0]
        find = text.find
        index = find("\n")
        while index >= 0:
            self.line_starts.append(index + 1)
            index = find("\n", index + 1)
        self.positions: dict[str, Position] = {}
        self.array_tables: dict[str, int] = {}  # concrete path of an array of tables -> last index

    # -- helpers ---------------------------------------------------------------------------
    def record(self, path: str, index: int) -> None:
        if path not in self.positions:
            line = bisect_right(self.line_starts, index)
            self.positions[path] = (line, index - self.line_starts[line - 1] + 1)

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
            full = _join(full, name)
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
            concrete = _join(concrete, name)
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
        table = ""
        try:
            while True:
                self.skip_gap()
                if self.i >= self.n:
                    break
                simple = _SIMPLE_LINE.match(self.text, self.i)
                if simple is not None:
                    self.record(_join(table, simple.group(1)), self.i)
                    self.i = simple.end()
                    continue
                if self.text[self.i] == "[":
                    header = _SIMPLE_HEADER.match(self.text, self.i)
                    if header is not None:
                        is_array = len(header.group(1)) == 2
                        names = [part.strip() for part in header.group(2).split(".")]
                        starts = self._part_starts(header.start(2), header.group(2))
                        self.i = header.end()
                        table = self.resolve_header(list(zip(names, starts, strict=True)), is_array)
                        continue
                    is_array = self.text.startswith("[[", self.i)
                    self.i += 2 if is_array else 1
                    parts = self.read_key()
                    self.i += 2 if is_array else 1
                    table = self.resolve_header(parts, is_array)
                else:
                    self.read_keyvalue(table)
        except (_Stop, IndexError, RecursionError):
            pass
        return self.positions


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
