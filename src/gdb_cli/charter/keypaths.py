"""Key paths: the one way gdb names a place in a charter – parse, format, walk, write.

`goals[0].indicators[1].target` names one value; `goals[*].indicators[*].target` is a *pattern*
(`[*]` = every item of a list; in the wizard: the item being asked about). A key is bare
(`A-Z a-z 0-9 _ -`, as in TOML) or quoted (`"b c"`, backslash escapes `\\"` and `\\\\`).

- `parse(text)` → parts (`"goals"`, STAR, `"indicators"`, 0, …); `parse_concrete` refuses `[*]`.
- `format_path(parts)` → the canonical text (the spelling of findings, positions and messages);
  `parse(format_path(p)) == p`.
- `resolve`/`resolver` walk raw data along a pattern: every concrete path it reaches with its value
  or `MISSING` (the rule engine). `get`, `put`, `remove`: one concrete path (the wizard).
- `concrete(pattern, indices)` fills the `[*]` of a pattern.

A wildcard over a list that is missing or empty reaches nothing (there is nothing to check); a
missing key without a wildcard further on is reported at its full concrete path, so a finding can
name exactly what is missing. Values of the wrong type count as missing – the schema reports those.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final


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
Path = tuple[str | int, ...]

#: The characters of a bare key, as a regular-expression class and as a set.
BARE_KEY_CLASS: Final = "A-Za-z0-9_-"
BARE_KEY_CHARS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
)


class PathError(ValueError):
    """A key path that cannot be read (or, for `put`, written)."""


# --- text ↔ parts ------------------------------------------------------------------------------


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
            if end < 0 or expect_key:  # an index needs a key before it: not `[0]`, not `a.[0]`
                raise PathError(path)
            inner = path[i + 1 : end].strip()
            if inner == "*":
                parts.append(STAR)
            elif inner.isdigit() and inner.isascii():
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
            key, i = _quoted(path, i)
            parts.append(key)
            expect_key = False
        elif expect_key and char in BARE_KEY_CHARS:
            start = i
            while i < n and path[i] in BARE_KEY_CHARS:
                i += 1
            parts.append(path[start:i])
            expect_key = False
        else:
            raise PathError(path)
    if expect_key:  # empty path or a trailing dot
        raise PathError(path)
    return tuple(parts)


def _quoted(path: str, start: int) -> tuple[str, int]:
    """The quoted key starting at `start` (a `"`) and the index after its closing quote."""
    out: list[str] = []
    i, n = start + 1, len(path)
    while i < n:
        char = path[i]
        if char == "\\" and i + 1 < n:
            out.append(path[i + 1])
            i += 2
        elif char == '"':
            return "".join(out), i + 1
        else:
            out.append(char)
            i += 1
    raise PathError(path)


def parse_concrete(path: str) -> Path:
    """A path without wildcards (`goals[0].statement` → ("goals", 0, "statement"))."""
    parts = parse(path)
    if STAR in parts:
        raise PathError(path)
    return parts  # type: ignore[return-value]


def has_star(path: str) -> bool:
    return STAR in parse(path)


def format_path(parts: Iterable[Part]) -> str:
    """`("goals", 0, "indicators")` → `goals[0].indicators` (STAR → `[*]`)."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str):
            text = key_text(part)
            out += f".{text}" if out else text
        else:
            out += "[*]"
    return out


@functools.lru_cache(maxsize=2048)
def key_text(key: str) -> str:
    """A key as it appears in a path: bare when it can be, else quoted."""
    if key and all(c in BARE_KEY_CHARS for c in key):
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def join(prefix: str, key: str) -> str:
    """`prefix` one key further (`join("goals[0]", "id")` → `goals[0].id`)."""
    text = key_text(key)
    return f"{prefix}.{text}" if prefix else text


def parent_paths(path: str) -> list[str]:
    """`a[0].b.c` → [`a[0].b`, `a[0]`, `a`] (nearest first)."""
    result: list[str] = []
    cut = len(path)
    while True:
        cut = max(path.rfind(".", 0, cut), path.rfind("[", 0, cut))
        if cut <= 0:
            return result
        result.append(path[:cut])


def concrete(pattern: str, indices: Sequence[int]) -> Path:
    """Fill the `[*]` of a pattern with `indices`, outermost first."""
    out: list[str | int] = []
    remaining = list(indices)
    for part in parse(pattern):
        if isinstance(part, _Star):
            if not remaining:
                raise PathError(pattern)
            out.append(remaining.pop(0))
        else:
            out.append(part)
    return tuple(out)


# --- walking raw data along a pattern (the rule engine) -----------------------------------------


def resolve(data: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every (concrete path, value or MISSING) that `path` reaches in `data`.

    The plain reference walk; the rule engine uses the prepared `resolver`, which the tests
    hold against this one."""
    yield from _walk(data, parse(path), [])


def _plain(parts: Iterable[Part]) -> list[str | int]:
    return [part for part in parts if isinstance(part, (str, int))]


def _walk(node: Any, rest: tuple[Part, ...], done: list[str | int]) -> Iterator[tuple[str, Any]]:
    if not rest:
        yield format_path(done), node
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
    if STAR in tail:
        return
    yield format_path([*done, *_plain(rest)]), MISSING


Resolver = Callable[[Any], list[tuple[str, Any]]]


@functools.lru_cache(maxsize=4096)
def resolver(path: str) -> Resolver:
    """`resolve` for one path, prepared once: `resolver(path)(data) == list(resolve(data, path))`.

    The rule engine resolves the same few hundred paths for every charter; parsing, the
    canonical spelling and the text of each step are worked out here, once.
    """
    parts = parse(path)
    if STAR not in parts:
        canonical = format_path(parts)

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
    star_after = [STAR in parts[k + 1 :] for k in range(count)]
    texts = [key_text(part) if isinstance(part, str) else "" for part in parts]

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


def _extend(prefix: str, parts: tuple[Part, ...]) -> str:
    """`prefix` further by the keys and indices of `parts`, spelt as `format_path` spells it."""
    for part in parts:
        if isinstance(part, int):
            prefix = f"{prefix}[{part}]"
        elif isinstance(part, str):
            prefix = join(prefix, part)
    return prefix


# --- one concrete path (the wizard) ------------------------------------------------------------


def get(data: Any, path: str | Sequence[str | int], default: Any = MISSING) -> Any:
    """The value at a concrete path (text or parts), or `default` when any part is missing."""
    if isinstance(path, str):
        found = resolver(path)(data)
        value = found[0][1] if found else MISSING
        return default if value is MISSING else value
    current = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return default
        elif not isinstance(current, dict) or part not in current:
            return default
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
            if not isinstance(current, list) or part > len(current):
                raise PathError(format_path(path[: number + 1]))
            if part == len(current):
                current.append(value if last else fresh)
            elif last:
                current[part] = value
            elif not isinstance(current[part], (dict, list)):
                current[part] = fresh
        else:
            if not isinstance(current, dict):
                raise PathError(format_path(path[: number + 1]))
            if last:
                current[part] = value
            elif not isinstance(current.get(part), (dict, list)):
                current[part] = fresh
        current = current[part]


def check_shape(data: Any, path: Sequence[str | int]) -> None:
    """Raise PathError where `data` has a list on `path` where a table belongs, or the other way
    round (as far as `data` goes; a missing part is no error)."""
    current: Any = data
    for number, part in enumerate(path):
        if isinstance(part, int) and isinstance(current, list):
            current = current[part] if part < len(current) else None
        elif isinstance(part, str) and isinstance(current, dict):
            current = current.get(part)
        else:
            raise PathError(format_path(path[: number + 1]))
        if current is None:
            return


def remove(data: Any, path: Sequence[str | int]) -> None:
    """Delete the key or item at `path` if it is there."""
    if not path:
        return
    parent = get(data, path[:-1], None)
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
