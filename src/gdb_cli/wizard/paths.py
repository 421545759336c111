"""Key paths into charter data: `goals[0].indicators[1].target` and patterns like `goals[].name`.

A *path* is a tuple of parts (str for a key, int for a list index). A *pattern* is written with
empty brackets for "the current item of this list" and is made concrete with the indices of the
loops being asked (`concrete("goals[].indicators[].name", (0, 2))`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from gdb_cli.toml.positions import format_path

Path = tuple[str | int, ...]

_PART_RE = re.compile(r"([^.\[\]]+)|\[(\d*)\]|(\.)")


class PathError(ValueError):
    """A key path that cannot be read."""


def parse(text: str, *, pattern: bool = False) -> list[str | int | None]:
    """`goals[0].statement` → `["goals", 0, "statement"]`; `[]` → None (only in patterns)."""
    parts: list[str | int | None] = []
    position = 0
    expect_key = True
    text = text.strip()
    if not text:
        raise PathError(text)
    while position < len(text):
        match = _PART_RE.match(text, position)
        if not match:
            raise PathError(text)
        key, index, dot = match.groups()
        if key is not None:
            if not expect_key:
                raise PathError(text)
            parts.append(key.strip())
            expect_key = False
        elif dot:
            if expect_key:
                raise PathError(text)
            expect_key = True
        else:
            if expect_key:
                raise PathError(text)
            if index == "":
                if not pattern:
                    raise PathError(text)
                parts.append(None)
            else:
                parts.append(int(index))
        position = match.end()
    if expect_key:
        raise PathError(text)
    return parts


def parse_path(text: str) -> Path:
    """A concrete key path (indices required)."""
    return tuple(p for p in parse(text) if p is not None)


def concrete(pattern: str, indices: Sequence[int]) -> Path:
    """Fill the `[]` of a pattern with `indices`, outermost first."""
    out: list[str | int] = []
    remaining = list(indices)
    for part in parse(pattern, pattern=True):
        if part is None:
            if not remaining:
                raise PathError(pattern)
            out.append(remaining.pop(0))
        else:
            out.append(part)
    return tuple(out)


def generalise(path: Sequence[str | int]) -> str:
    """`("goals", 0, "statement")` → `goals[].statement` (the pattern of a concrete path)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += "[]"
        else:
            out += ("." if out else "") + part
    return out


def show(path: Sequence[str | int]) -> str:
    return format_path(path)


def get(data: Any, path: Sequence[str | int]) -> Any:
    """The value at `path`, or None when any part is missing."""
    current = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return None
            current = current[part]
        else:
            if not isinstance(current, dict) or part not in current:
                return None
            current = current[part]
    return current


def put(data: dict[str, Any], path: Sequence[str | int], value: Any) -> None:
    """Set `value` at `path`, creating tables and list items on the way.

    A list index may be at most the current length (then an item is appended).
    """
    if not path:
        raise PathError("")
    current: Any = data
    for number, part in enumerate(path):
        last = number == len(path) - 1
        following = None if last else path[number + 1]
        fresh: Any = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            if not isinstance(current, list):
                raise PathError(format_path(path[: number + 1]))
            if part > len(current):
                raise PathError(format_path(path[: number + 1]))
            if part == len(current):
                current.append(value if last else fresh)
            elif last:
                current[part] = value
            elif not isinstance(current[part], (dict, list)):
                current[part] = fresh
            current = current[part]
        else:
            if not isinstance(current, dict):
                raise PathError(format_path(path[: number + 1]))
            if last:
                current[part] = value
            elif not isinstance(current.get(part), (dict, list)):
                current[part] = fresh
            current = current[part]


def remove(data: Any, path: Sequence[str | int]) -> None:
    """Delete the key at `path` if it is there."""
    if not path:
        return
    parent = get(data, path[:-1])
    last = path[-1]
    if isinstance(parent, dict) and isinstance(last, str):
        parent.pop(last, None)
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        del parent[last]


def prune(value: Any) -> Any:
    """Drop None, empty strings, empty tables and empty lists (recursively)."""
    if isinstance(value, dict):
        pruned = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if not _empty(v)}
    if isinstance(value, list):
        return [prune(v) for v in value if not _empty(prune(v))]
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
