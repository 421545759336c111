"""Fuzzing load → check → export → status (issue 7, robustness).

Generated charters (valid structures with hostile values) and mutations of the example (a key
deleted, a type changed, text injected, a table duplicated, the file cut at a random byte, a
byte flipped) go through `gdb check` in every format, `gdb export --format md|html` and
`gdb status --format json|text`. Always: exit code 0, 1 or 2 – never 3 (internal error) or a
traceback; JSON and SARIF parse (strictly: no NaN/Infinity); the HTML parses and holds no
unescaped `<script`; the Markdown parses; the text outputs hold no terminal escapes.

Bounded (`max_examples`) so the suite stays fast; `--hypothesis-seed` reproduces a failure.
"""

from __future__ import annotations

import atexit
import copy
import datetime as dt
import json
import re
import shutil
import tempfile
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import EXAMPLE

EXAMPLE_BYTES = EXAMPLE.read_bytes()
EXAMPLE_DATA = tomllib.loads(EXAMPLE_BYTES.decode("utf-8"))
AS_OF = "2026-11-30"
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FOLDER = Path(tempfile.mkdtemp(prefix="gdb-fuzz-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.scripts += tag == "script"


def _no_internal_error(result: Any, what: str) -> None:
    assert "Traceback" not in result.err, what
    assert "Interner Fehler" not in result.err, (what, result.err[-1000:])
    assert result.code in (0, 1, 2), (what, result.code, result.err[-1000:])


def _through_everything(gdb: Any, raw: bytes) -> None:
    file = _FOLDER / "charta.toml"
    file.write_bytes(raw)
    markdown = MarkdownIt("commonmark").enable("table")

    for fmt in ("text", "json", "sarif", "github", "markdown"):
        result = gdb("check", "--format", fmt, file, "--as-of", AS_OF)
        _no_internal_error(result, f"check --format {fmt}")
        if fmt in ("json", "sarif"):
            _strict_json(result.out)
        elif fmt == "markdown":
            markdown.parse(result.out)
        if fmt in ("text", "github", "markdown"):
            assert not _TERMINAL.search(result.out + result.err), fmt
    check_code = result.code

    result = gdb("export", "--format", "html", file, "--as-of", AS_OF)
    _no_internal_error(result, "export --format html")
    assert result.code in (0, 2)
    assert (result.code == 2) == (check_code == 2) or result.code == 2
    if result.code == 0:
        parser = _Html()
        parser.feed(result.out)
        parser.close()
        assert parser.scripts == 0
        assert "<script" not in result.out.lower()
    result = gdb("export", "--format", "md", file, "--as-of", AS_OF)
    _no_internal_error(result, "export --format md")
    markdown.parse(result.out)
    assert not _TERMINAL.search(result.out + result.err)
    for fmt in ("json", "text"):
        result = gdb("status", "--format", fmt, file, "--as-of", AS_OF)
        _no_internal_error(result, f"status --format {fmt}")
        if result.code == 0 and fmt == "json":
            _strict_json(result.out)


# --- generated charters ------------------------------------------------------------------------

hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "[bold red]x[/]",
            "[/]",
            "\x1b]0;pwned\x07",
            "\x1b[2J",
            "\u202e",
            "<script>alert(1)</script>",
            "</td><img src=x onerror=alert(1)>",
            "# x\n- y\n| a | b |",
            "",
            " ",
        ]
    ),
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 1e308, -1e308, 1e-308, 10**12, 10**12 + 1]),
)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def _like(value: Any) -> st.SearchStrategy[Any]:
    """A strategy for values of the same kind as `value` (and, sometimes, another kind)."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, (int, float)):
        return numbers
    if isinstance(value, dt.date):
        return dates
    if isinstance(value, str):
        return hostile_text
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return st.lists(_like(value[0]), max_size=3)
        inner = _like(value[0]) if value else hostile_text
        return st.lists(inner, max_size=4)
    if isinstance(value, dict):
        return st.fixed_dictionaries(
            {},
            optional={key: _like(item) for key, item in value.items()},
        )
    return st.none()


charters = st.fixed_dictionaries(
    {"schema_version": st.just(1), "measure": _like(EXAMPLE_DATA["measure"])},
    optional={
        key: _like(value)
        for key, value in EXAMPLE_DATA.items()
        if key not in ("measure", "schema_version")
    },
)


@FUZZ
@given(data=charters)
def test_generated_charters(gdb, data) -> None:
    try:
        raw = tomli_w.dumps(data).encode("utf-8")
    except (ValueError, TypeError):  # tomli-w refuses some values (e.g. huge dates): skip
        return
    _through_everything(gdb, raw)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=hostile_text, phase=st.integers(1, 5), amount=numbers)
def test_generated_valid_charters_export(gdb, title, phase, amount) -> None:
    """Mostly valid charters: the export and status paths run to the end."""
    data = copy.deepcopy(EXAMPLE_DATA)
    data["measure"]["title"] = title
    data["measure"]["phase"] = phase
    data["resources"]["budget"][0]["amount_eur"] = amount
    _through_everything(gdb, tomli_w.dumps(data).encode("utf-8"))


# --- mutations of the example ------------------------------------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


PATHS = _paths(EXAMPLE_DATA)
LINES = EXAMPLE_BYTES.split(b"\n")


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    kind = draw(
        st.sampled_from(
            ["delete", "retype", "inject", "duplicate", "truncate", "flip", "insert_line"]
        )
    )
    if kind in ("delete", "retype", "inject"):
        data = copy.deepcopy(EXAMPLE_DATA)
        path = draw(st.sampled_from(PATHS))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        if kind == "delete":
            del parent[path[-1]]
        elif kind == "retype":
            parent[path[-1]] = draw(
                st.one_of(numbers, hostile_text, dates, st.booleans(), st.just([]), st.just({}))
            )
        else:
            old = parent[path[-1]]
            parent[path[-1]] = (
                f"{old}{draw(hostile_text)}" if isinstance(old, str) else draw(hostile_text)
            )
        try:
            return tomli_w.dumps(data).encode("utf-8")
        except (ValueError, TypeError):
            return EXAMPLE_BYTES
    if kind == "duplicate":  # a table header (and its body) twice
        headers = [i for i, line in enumerate(LINES) if line.strip().startswith(b"[")]
        start = draw(st.sampled_from(headers))
        end = next((i for i in headers if i > start), len(LINES))
        return b"\n".join(LINES[:end] + LINES[start:end] + LINES[end:])
    if kind == "truncate":
        return EXAMPLE_BYTES[: draw(st.integers(0, len(EXAMPLE_BYTES)))]
    if kind == "flip":
        raw = bytearray(EXAMPLE_BYTES)
        for _ in range(draw(st.integers(1, 4))):
            index = draw(st.integers(0, len(raw) - 1))
            raw[index] ^= 1 << draw(st.integers(0, 7))
        return bytes(raw)
    line = draw(
        st.sampled_from(
            [b"x = 1", b"[", b"a = [", b"b = {", b'"', b"phase = 2", b"[[measure]]", b"\x00"]
        )
    )
    index = draw(st.integers(0, len(LINES)))
    return b"\n".join([*LINES[:index], line, *LINES[index:]])


@FUZZ
@given(raw=mutations())
def test_mutations_of_the_example(gdb, raw) -> None:
    _through_everything(gdb, raw)
