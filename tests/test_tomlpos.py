"""The key-position index: every key of a document gets the line and column where it stands."""

from __future__ import annotations

import tomllib
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from gdb_cli.tomlpos import format_path, index_positions, lookup, parent_paths


def _leaf_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, sub in value.items():
            paths += _leaf_paths(sub, (*prefix, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            paths += _leaf_paths(sub, (*prefix, index))
    return paths


def test_example_every_path_has_a_position():
    text = EXAMPLE.read_text(encoding="utf-8")
    positions = index_positions(text)
    data = tomllib.loads(text)
    lines = text.splitlines()
    for parts in _leaf_paths(data):
        path = format_path(parts)
        assert path in positions, path
        line, column = positions[path]
        last = parts[-1]
        if isinstance(last, str):
            assert lines[line - 1][column - 1 :].startswith(last), path


def test_format_and_parents():
    assert format_path(("goals", 0, "indicators", 1, "target")) == "goals[0].indicators[1].target"
    assert format_path(("a", "b c")) == 'a."b c"'
    assert parent_paths("goals[0].indicators[1].target") == [
        "goals[0].indicators[1]",
        "goals[0].indicators",
        "goals[0]",
        "goals",
    ]


def test_lookup_falls_back_to_enclosing_table():
    positions = index_positions("[measure]\nid = 'x'\n")
    assert lookup(positions, "measure.title") == (1, 2)
    assert lookup(positions, "nothing") is None


def test_multiline_strings_and_comments_do_not_confuse():
    text = (
        'a = """\n[not.a.table]\nb = 1\n"""\n# c = 2\nd = [\n  1, # one\n  "]",\n]\n'
        '[t]\n"quoted key" = 1\nx.y = 2\n'
    )
    positions = index_positions(text)
    assert "not" not in positions and "b" not in positions and "c" not in positions
    assert positions["d[1]"] == (8, 3)
    assert positions['t."quoted key"'] == (11, 1)
    assert positions["t.x.y"] == (12, 3)


keys = st.text(alphabet="abcdefghij_-", min_size=1, max_size=6)
scalars = st.one_of(
    st.integers(-1000, 1000),
    st.booleans(),
    st.text(max_size=20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(keys, children, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=5))
def test_positions_for_generated_documents(document):
    text = tomli_w.dumps(document)
    positions = index_positions(text)
    parsed = tomllib.loads(text)
    for parts in _leaf_paths(parsed):
        assert format_path(parts) in positions
