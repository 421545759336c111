"""Key paths (`charter.keypaths`): parsing, formatting, wildcards, missing values, writing; and
the engine's small value helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdb_cli.charter import keypaths
from gdb_cli.charter.keypaths import (
    MISSING,
    STAR,
    PathError,
    format_path,
    parse,
    resolve,
    resolver,
)
from gdb_cli.engine.values import as_date, is_empty, one_of, same

DATA: dict[str, Any] = {
    "measure": {"phase": 2, "title": "  "},
    "goals": [
        {"id": "a", "indicators": [{"unit": "x"}, {"unit": ""}]},
        {"id": "b"},
        "not a table",
    ],
}


def test_parse_parts():
    assert parse("goals[*].indicators[0].unit") == ("goals", STAR, "indicators", 0, "unit")
    assert parse('a."b c".d') == ("a", "b c", "d")


@pytest.mark.parametrize(
    "bad", ["", ".", "a.", "a..b", "a[x]", "a[1", "a b", '"a', "[0]", "a.[0]", "a[]", "a[²]", "ä"]
)
def test_bad_paths_raise(bad):
    with pytest.raises(PathError):
        parse(bad)


def test_resolve_wildcards_give_concrete_paths():
    found = list(resolve(DATA, "goals[*].indicators[*].unit"))
    assert found == [("goals[0].indicators[0].unit", "x"), ("goals[0].indicators[1].unit", "")]


def test_resolve_missing_key_without_wildcard_is_reported_at_full_path():
    assert list(resolve(DATA, "mandate.status")) == [("mandate.status", MISSING)]
    assert list(resolve(DATA, "goals[1].statement")) == [("goals[1].statement", MISSING)]
    assert list(resolve(DATA, "goals[7].statement")) == [("goals[7].statement", MISSING)]


def test_resolve_wildcard_over_missing_list_reaches_nothing():
    assert list(resolve(DATA, "risks[*].owner")) == []
    assert list(resolve(DATA, "goals[*].indicators")) == [
        ("goals[0].indicators", DATA["goals"][0]["indicators"]),
        ("goals[1].indicators", MISSING),
        ("goals[2].indicators", MISSING),
    ]


def test_wrong_types_count_as_missing():
    assert list(resolve({"measure": "text"}, "measure.phase")) == [("measure.phase", MISSING)]


def test_empty_and_equality_helpers():
    assert is_empty(MISSING) and is_empty("  ") and is_empty([]) and is_empty({})
    assert not is_empty(0) and not is_empty(False)
    assert not same(True, 1) and not same("1", 1) and same(1, 1.0)
    assert one_of("granted", ["granted", "conditional"]) and not one_of("pending", "granted")
    moment = dt.datetime(2026, 1, 2, 3, 4)
    assert as_date(moment) == dt.date(2026, 1, 2) and as_date("2026-01-02") is None


# --- prepared resolvers: the same as resolve -------------------------------------------------

_keys = st.sampled_from(["goals", "indicators", "unit", "id", "a", "b c", "x-y"])
_parts = st.one_of(_keys, st.integers(0, 3), st.just(STAR))
_values = st.recursive(
    st.one_of(st.none(), st.integers(-2, 2), st.text(max_size=3), st.booleans()),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=4)
    ),
    max_leaves=25,
)


def _spell(parts: list[object]) -> str:
    """A path as a rule might write it (quoted keys where needed)."""
    text = ""
    for part in parts:
        if part is STAR:
            text += "[*]"
        elif isinstance(part, int):
            text += f"[{part}]"
        else:
            key = f'"{part}"' if " " in str(part) else str(part)
            text += f".{key}" if text else key
    return text


@settings(max_examples=300, deadline=None)
@given(st.lists(_parts, min_size=1, max_size=5), _values)
def test_resolver_matches_resolve(parts, data):
    if not isinstance(parts[0], str):
        parts = ["goals", *parts]
    path = _spell(parts)
    assert resolver(path)(data) == list(resolve(data, path))


def test_resolver_on_the_sample_data():
    for path in ("goals[*].indicators[*].unit", "goals[*].id", "measure.title", "goals[5].x"):
        assert resolver(path)(DATA) == list(resolve(DATA, path))


# --- one grammar: formatting, patterns, writing ------------------------------------------------


@given(
    st.lists(
        st.one_of(st.text(min_size=0, max_size=4), st.integers(0, 99), st.just(STAR)),
        min_size=1,
        max_size=6,
    ).filter(lambda parts: isinstance(parts[0], str))
)
def test_format_then_parse_gives_the_parts_back(parts):
    assert parse(format_path(parts)) == tuple(parts)


def test_format_quotes_only_what_must_be():
    assert format_path(("goals", 0, "indicators", 1, "target")) == "goals[0].indicators[1].target"
    assert format_path(("a", "b c", 'q"', "")) == 'a."b c"."q\\"".""'
    assert format_path(("goals", STAR, "id")) == "goals[*].id"


def test_patterns():
    assert keypaths.concrete("goals[*].indicators[*].name", (1, 2)) == (
        "goals",
        1,
        "indicators",
        2,
        "name",
    )
    with pytest.raises(PathError):
        keypaths.concrete("goals[*].indicators[*].name", (1,))
    for bad in ("", "a..b", "a[", "[0]", "a.[0]", "a[*]"):
        with pytest.raises(PathError):
            keypaths.parse_concrete(bad)


def test_get_put_remove_prune():
    assert keypaths.get({"a": [1]}, ("a", 3), None) is None
    assert keypaths.get({"a": 1}, ("a", "b")) is MISSING
    assert keypaths.get({"a": [{"b": 2}]}, "a[0].b") == 2
    with pytest.raises(PathError):
        keypaths.put({"a": []}, ("a", "b"), 1)
    with pytest.raises(PathError):
        keypaths.put({"a": []}, ("a", 1), 1)  # no gaps in a list
    data: dict = {}
    keypaths.put(data, ("goals", 0, "indicators", 0, "name"), "x")
    assert data == {"goals": [{"indicators": [{"name": "x"}]}]}
    keypaths.remove(data, ("goals", 0, "indicators", 0))
    assert data == {"goals": [{"indicators": []}]}
    data = {"a": "text"}
    keypaths.remove(data, ("a",))
    assert data == {}
    assert keypaths.prune({"a": {"b": [], "c": None, "d": [{}]}, "e": 0}) == {"e": 0}


def test_check_shape_finds_a_list_where_a_table_belongs_and_back():
    keypaths.check_shape({"measure": {"title": "x"}}, ("measure", "title"))
    keypaths.check_shape({}, ("goals", 0, "id"))  # missing parts are no error
    with pytest.raises(keypaths.PathError, match=r"^measure\.title$"):
        keypaths.check_shape({"measure": [{"id": "x"}]}, ("measure", "title"))
    with pytest.raises(keypaths.PathError, match=r"^goals\[0\]$"):
        keypaths.check_shape({"goals": {"id": "x"}}, ("goals", 0, "id"))
