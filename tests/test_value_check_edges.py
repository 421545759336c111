"""The charter's value checks on their own: closed lists, and the table's id and e-mail checks at
their edges (what passes is returned unchanged; what fails names its kind, check and value)."""

from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest
from pydantic_core import PydanticCustomError

from gdb_cli.charter.value_checks import ClosedList, check_email, check_id, value_check


def _info(context: object) -> SimpleNamespace:
    return SimpleNamespace(context=context)


def test_a_closed_list_accepts_its_ids_and_returns_the_value_unchanged():
    check = ClosedList("mandate_status")
    value = "granted"
    assert check(value, _info({"closed": {"mandate_status": frozenset({"granted"})}})) is value


def test_a_closed_list_refuses_other_values_naming_list_value_and_allowed_ids():
    check = ClosedList("mandate_status")
    allowed = frozenset({"pending", "granted"})
    with pytest.raises(PydanticCustomError) as caught:
        check("erteilt", _info({"closed": {"mandate_status": allowed}}))
    error = caught.value
    assert error.type == "closed_list"
    assert error.context == {
        "list": "mandate_status",
        "value": "erteilt",
        "allowed": ["granted", "pending"],
    }
    assert "mandate_status" in error.message()


def test_a_closed_list_compares_the_value_as_text():
    check = ClosedList("years")
    assert check(2026, _info({"closed": {"years": frozenset({"2026"})}})) == 2026


@pytest.mark.parametrize(
    "context",
    [None, {}, {"closed": None}, {"closed": {"other_list": frozenset({"x"})}}],
)
def test_without_the_list_in_the_context_every_value_passes(context):
    assert ClosedList("mandate_status")("anything", _info(context)) == "anything"


def test_a_closed_list_pickles_as_itself_and_shows_its_name():
    check = ClosedList("fields_of_action")
    copy = pickle.loads(pickle.dumps(check))
    assert isinstance(copy, ClosedList) and copy.list_name == "fields_of_action"
    assert repr(check) == "ClosedList('fields_of_action')"
    assert check.__reduce__() == (ClosedList, ("fields_of_action",))


@pytest.mark.parametrize("value", ["a", "0", "regenwasser-dashboard", "z1", "a-b-c-9"])
def test_good_ids(value):
    assert check_id(value) is value


@pytest.mark.parametrize("value", ["", "-a", "A", "a_b", "a b", "ä", "a.b"])
def test_bad_ids(value):
    with pytest.raises(PydanticCustomError) as caught:
        check_id(value)
    assert caught.value.type == "bad_id"
    assert caught.value.context == {"check": "id", "value": value}
    assert caught.value.message() == "invalid id"


@pytest.mark.parametrize("value", ["", "kim.muster@example.berlin", "a@b.de"])
def test_good_emails_and_an_empty_one(value):
    assert check_email(value) is value


@pytest.mark.parametrize(
    "value", ["kim", "kim@", "@example.berlin", "kim@example", "a b@c.de", "k@ba-pankow,berlin.de"]
)
def test_bad_emails(value):
    with pytest.raises(PydanticCustomError) as caught:
        check_email(value)
    assert caught.value.type == "bad_email"
    assert caught.value.context == {"check": "email", "value": value}
    assert caught.value.message() == "invalid email"


def test_a_table_check_pickles_by_name():
    for check in (check_id, check_email):
        assert pickle.loads(pickle.dumps(check)) is check
        assert value_check(check.name) is check
    assert repr(check_id) == "ValueCheck('id')"
