"""Where each key of a TOML document stands: a map from key paths to (line, column).

`tomllib` parses TOML correctly but forgets positions. This module scans the same text once more
and records, for every table, key, array element and inline-table key, where it starts, under the
dotted key path that the rest of gdb uses (`goals[0].indicators[1].target`). It expects text that
`tomllib` has already accepted; on anything else it stops quietly and returns what it found.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

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
            text = part if part and all(c in _BARE_KEY_CHARS for c in part) else _quote(part)
            out += f".{text}" if out else text
    return out


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


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.positions: dict[str, Position] = {}
        self.array_tables: dict[str, int] = {}  # concrete path of an array of tables -> last index

    # -- helpers ---------------------------------------------------------------------------
    def pos(self, index: int) -> Position:
        line = bisect_right(self.line_starts, index)
        return line, index - self.line_starts[line - 1] + 1

    def record(self, parts: Sequence[PathPart], index: int) -> None:
        self.positions.setdefault(format_path(parts), self.pos(index))

    def peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.text[j] if j < self.n else ""

    def skip_ws(self) -> None:
        while self.i < self.n and self.text[self.i] in " \t":
            self.i += 1

    def skip_ws_comments_newlines(self) -> None:
        while self.i < self.n:
            char = self.text[self.i]
            if char in " \t\r\n":
                self.i += 1
            elif char == "#":
                self.skip_comment()
            else:
                return

    def skip_comment(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = self.n if end < 0 else end

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
                while self.i < self.n and self.text[self.i] in _BARE_KEY_CHARS:
                    self.i += 1
                if self.i == start:
                    raise _Stop
                parts.append((self.text[start : self.i], start))
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
        self.i += 1
        out: list[str] = []
        while self.i < self.n:
            char = self.text[self.i]
            if char == "\\":
                out.append(self.text[self.i : self.i + 2])
                self.i += 2
                continue
            self.i += 1
            if char == '"':
                return _unescape("".join(out))
            out.append(char)
        raise _Stop

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
    def read_value(self, path: list[PathPart]) -> None:
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
            while self.i < self.n and self.text[self.i] not in ",]}\n#\r":
                self.i += 1

    def read_array(self, path: list[PathPart]) -> None:
        self.i += 1
        index = 0
        while True:
            self.skip_ws_comments_newlines()
            if self.i >= self.n:
                raise _Stop
            if self.peek() == "]":
                self.i += 1
                return
            item = [*path, index]
            self.record(item, self.i)
            self.read_value(item)
            index += 1
            self.skip_ws_comments_newlines()
            if self.peek() == ",":
                self.i += 1

    def read_inline_table(self, path: list[PathPart]) -> None:
        self.i += 1
        while True:
            self.skip_ws_comments_newlines()
            if self.i >= self.n:
                raise _Stop
            if self.peek() == "}":
                self.i += 1
                return
            self.read_keyvalue(path)
            self.skip_ws_comments_newlines()
            if self.peek() == ",":
                self.i += 1

    def read_keyvalue(self, table: list[PathPart]) -> None:
        parts = self.read_key()
        full = list(table)
        for name, start in parts:
            full.append(name)
            self.record(full, start)
        self.skip_ws()
        if self.peek() != "=":
            raise _Stop
        self.i += 1
        self.skip_ws()
        self.read_value(full)

    # -- tables ----------------------------------------------------------------------------
    def resolve_header(self, parts: list[tuple[str, int]], is_array: bool) -> list[PathPart]:
        concrete: list[PathPart] = []
        for number, (name, start) in enumerate(parts):
            concrete.append(name)
            key = format_path(concrete)
            last = number == len(parts) - 1
            if last and is_array:
                index = self.array_tables.get(key, -1) + 1
                self.array_tables[key] = index
                self.record(concrete, start)
                concrete.append(index)
                self.record(concrete, start)
            else:
                self.record(concrete, start)
                if key in self.array_tables:
                    concrete.append(self.array_tables[key])
        return concrete

    def scan(self) -> dict[str, Position]:
        table: list[PathPart] = []
        try:
            while True:
                self.skip_ws_comments_newlines()
                if self.i >= self.n:
                    break
                if self.peek() == "[":
                    is_array = self.peek(1) == "["
                    self.i += 2 if is_array else 1
                    parts = self.read_key()
                    self.i += 2 if is_array else 1
                    table = self.resolve_header(parts, is_array)
                else:
                    self.read_keyvalue(table)
        except (_Stop, IndexError):
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
