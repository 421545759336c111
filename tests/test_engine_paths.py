"""Key paths: parsing, wildcards, missing values and the small value helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from gdb_cli.engine.paths import (
    MISSING,
    STAR,
    PathError,
    as_date,
    is_empty,
    one_of,
    parse,
    resolve,
    same,
)

DATA = {
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


@pytest.mark.parametrize("bad", ["", ".", "a.", "a..b", "a[x]", "a[1", "a b", '"a'])
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
