"""The key-position index: every key of a document gets the line and column where it stands."""

from __future__ import annotations

import tomllib
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from gdb_cli.charter.keypaths import format_path, parent_paths
from gdb_cli.toml.positions import LazyPositions, index_positions, lookup


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


# --- on-demand lookup: the same answers as the full index -----------------------------------


def _asked_paths(data: Any) -> list[str]:
    """Paths a finding may name: every key path, a missing key below each, and made-up ones."""
    asked = ["nothing", "a.b.c", "x[0]", 'q."b c"', "measure.title"]
    for parts in _leaf_paths(data):
        path = format_path(parts)
        asked += [path, f"{path}.missing", f"{path}[9]", f"{path}[0].x"]
    return asked


def _same_answers(text: str, order_seed: int = 0, fresh: int = 10**6) -> None:
    """One `LazyPositions` answers every path, in random order; for the first `fresh` paths a
    new one (that has scanned nothing yet) answers too."""
    import random

    full = index_positions(text)
    data = tomllib.loads(text)
    asked = _asked_paths(data)
    random.Random(order_seed).shuffle(asked)
    shared = LazyPositions(text, data)
    for number, path in enumerate(asked):
        expected = lookup(full, path)
        assert shared.lookup(path) == expected, path
        if number < fresh:
            assert LazyPositions(text, data).lookup(path) == expected, path


def test_lazy_lookup_on_the_example_and_tricky_text():
    _same_answers(EXAMPLE.read_text(encoding="utf-8"))
    _same_answers(
        'a = """\n[not.a.table]\nb = 1\n"""\n# c = 2\nd = [\n  1, # one\n  "]",\n]\n'
        '[t]\n"quoted key" = 1\nx.y = 2\n[[arr]]\nk = 1\n[[arr]]\nk = "\\"q\\""\n'
        "[arr.sub]\nz = { p = 1, q = [1, {r = 2}] }\n"
    )


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=5), st.integers(0, 1000))
def test_lazy_lookup_matches_the_full_index(document, seed):
    _same_answers(tomli_w.dumps(document), seed)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(keys, values, min_size=1, max_size=5),
    st.booleans(),
    st.integers(0, 1000),
)
def test_lazy_lookup_matches_with_inline_tables_and_arrays(document, multiline, seed):
    """tomli_w's other layouts: inline tables and arrays over several lines."""
    text = tomli_w.dumps({"inline": document}, multiline_strings=multiline, indent=2)
    _same_answers(text, seed)


def test_lazy_lookup_on_every_toml_file_of_the_repository():
    from conftest import ROOT

    files = [
        *ROOT.glob("content/**/*.toml"),
        *ROOT.glob("examples/**/*.toml"),
        *ROOT.glob("tests/**/*.toml"),
    ]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            continue
        _same_answers(text, fresh=20)
