"""Dotted key paths with `[*]`: parse them and walk a charter's raw TOML data along them.

`goals[*].indicators[0].unit` is parsed into parts (`"goals"`, STAR, `"indicators"`, `0`, `"unit"`).
`resolve` yields every concrete path the pattern reaches, with the value found there or `MISSING`.
A wildcard over a list that is missing or empty reaches nothing (there is nothing to check); a
missing key without a wildcard further on is reported at its full concrete path, so a finding can
name exactly what is missing. Values of the wrong type count as missing – the schema reports those.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from typing import Any, Final

from gdb_cli.toml.positions import format_path


class _Star:
    def __repr__(self) -> str:
        return "[*]"


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


STAR: Final = _Star()
MISSING: Final = _Missing()

Part = str | int | _Star

_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class PathError(ValueError):
    """A path in a rule cannot be parsed."""


@functools.lru_cache(maxsize=4096)
def parse(path: str) -> tuple[Part, ...]:
    """`a.b[0].c[*]` → ("a", "b", 0, "c", STAR). Keys may be quoted ("…").

    Memoised: rules name the same few hundred paths for every charter checked.
    """
    parts: list[Part] = []
    i, n = 0, len(path)
    expect_key = True
    while i < n:
        char = path[i]
        if char == "[":
            end = path.find("]", i)
            if end < 0:
                raise PathError(path)
            inner = path[i + 1 : end].strip()
            if inner == "*":
                parts.append(STAR)
            elif inner.isdigit():
                parts.append(int(inner))
            else:
                raise PathError(path)
            i = end + 1
            expect_key = False
        elif char == ".":
            if expect_key:
                raise PathError(path)
            i += 1
            expect_key = True
        elif expect_key and char == '"':
            end = path.find('"', i + 1)
            if end < 0:
                raise PathError(path)
            parts.append(path[i + 1 : end])
            i = end + 1
            expect_key = False
        elif expect_key and char in _KEY_CHARS:
            start = i
            while i < n and path[i] in _KEY_CHARS:
                i += 1
            parts.append(path[start:i])
            expect_key = False
        else:
            raise PathError(path)
    if expect_key:  # empty path or a trailing dot
        raise PathError(path)
    return tuple(parts)


def has_star(path: str) -> bool:
    return any(part is STAR for part in parse(path))


def _concrete(parts: list[str | int]) -> str:
    return format_path(parts)


def resolve(data: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every (concrete path, value or MISSING) that `path` reaches in `data`.

    The plain reference walk; the rule engine uses the prepared `resolver`, which the tests
    hold against this one."""
    yield from _walk(data, parse(path), [])


@functools.lru_cache(maxsize=4096)
def _is_canonical(path: str) -> bool:
    """True when `path` is already written the way findings write paths."""
    try:
        parts = parse(path)
    except PathError:
        return False
    return STAR not in parts and format_path(_plain(parts)) == path


def _plain(parts: tuple[Part, ...]) -> list[str | int]:
    return [part for part in parts if isinstance(part, (str, int))]


def _walk(node: Any, rest: tuple[Part, ...], done: list[str | int]) -> Iterator[tuple[str, Any]]:
    if not rest:
        yield _concrete(done), node
        return
    head, tail = rest[0], rest[1:]
    if isinstance(head, _Star):
        if isinstance(node, list):
            for index, item in enumerate(node):
                yield from _walk(item, tail, [*done, index])
        return
    if isinstance(head, int):
        if isinstance(node, list) and head < len(node):
            yield from _walk(node[head], tail, [*done, head])
            return
    elif isinstance(node, dict) and head in node:
        yield from _walk(node[head], tail, [*done, head])
        return
    # Not there: report the full path, unless a wildcard follows (then nothing is reached).
    if any(part is STAR for part in tail):
        return
    plain = [part for part in rest if isinstance(part, (str, int))]
    yield _concrete([*done, *plain]), MISSING


Resolver = Callable[[Any], list[tuple[str, Any]]]


@functools.lru_cache(maxsize=4096)
def resolver(path: str) -> Resolver:
    """`resolve` for one path, prepared once: `resolver(path)(data) == list(resolve(data, path))`.

    The rule engine resolves the same few hundred paths for every charter; parsing, the
    canonical spelling and the text of each step are worked out here, once.
    """
    parts = parse(path)
    if STAR not in parts:
        canonical = path if _is_canonical(path) else format_path(_plain(parts))

        def one(data: Any) -> list[tuple[str, Any]]:
            node = data
            for part in parts:
                if isinstance(part, int):
                    node = node[part] if isinstance(node, list) and part < len(node) else MISSING
                else:
                    node = node.get(part, MISSING) if isinstance(node, dict) else MISSING
                if node is MISSING:
                    break
            return [(canonical, node)]

        return one
    return _starred(parts)


def _starred(parts: tuple[Part, ...]) -> Resolver:
    """The walk of `_walk` for a path with wildcards, with concrete paths built as text."""
    count = len(parts)
    star_after = [any(part is STAR for part in parts[k + 1 :]) for k in range(count)]
    texts = [format_path((part,)) if isinstance(part, str) else "" for part in parts]

    def walk(node: Any, k: int, prefix: str, out: list[tuple[str, Any]]) -> None:
        while k < count:
            head = parts[k]
            if isinstance(head, _Star):
                if isinstance(node, list):
                    for index, item in enumerate(node):
                        walk(item, k + 1, f"{prefix}[{index}]", out)
                return
            if isinstance(head, int):
                if isinstance(node, list) and head < len(node):
                    node, prefix, k = node[head], f"{prefix}[{head}]", k + 1
                    continue
            elif isinstance(node, dict) and head in node:
                text = texts[k]
                node, prefix, k = node[head], f"{prefix}.{text}" if prefix else text, k + 1
                continue
            if not star_after[k]:  # not there: the full path (nothing when a wildcard follows)
                out.append((_extend(prefix, parts[k:]), MISSING))
            return
        out.append((prefix, node))

    def starred(data: Any) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        walk(data, 0, "", out)
        return out

    return starred


def _step(prefix: str, part: str | int) -> str:
    """`prefix` one part further, spelt as `format_path` spells it."""
    if isinstance(part, int):
        return f"{prefix}[{part}]"
    text = format_path((part,))
    return f"{prefix}.{text}" if prefix else text


def _extend(prefix: str, parts: tuple[Part, ...]) -> str:
    for part in parts:
        if isinstance(part, (str, int)):
            prefix = _step(prefix, part)
    return prefix


def get(data: Any, path: str) -> Any:
    """The value at a path without wildcards (MISSING when absent)."""
    found = resolver(path)(data)
    return found[0][1] if found else MISSING


def is_empty(value: Any) -> bool:
    """Missing, blank text or an empty list/table."""
    if value is MISSING or value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def as_date(value: Any) -> dt.date | None:
    """A TOML date (a datetime counts by its date); anything else is None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return number


def same(a: Any, b: Any) -> bool:
    """Equality that does not mix up true/1 or "1"/1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return as_date(a) == as_date(b)
    return type(a) is type(b) and bool(a == b)


def one_of(value: Any, allowed: Any) -> bool:
    """`value` equals `allowed`, or one of its items when `allowed` is a list."""
    options = allowed if isinstance(allowed, list) else [allowed]
    return any(same(value, option) for option in options)
