"""Loading charters: the example is clean; broken copies give findings with key path and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE
from gdb_cli.charter.load import SCHEMA_VERSION, load_charter, load_text
from gdb_cli.i18n import set_language
from gdb_cli.pack.handbook import load_handbook


@pytest.fixture
def closed():
    return load_handbook().closed_ids()


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_example_loads_without_problems(closed):
    loaded = load_charter(EXAMPLE, closed)
    assert loaded.problems == []
    assert loaded.charter is not None
    assert loaded.charter.measure.phase == 3
    assert loaded.charter.goals[0].indicators[1].target == 4


def test_syntax_error_names_line_and_column(closed, example_text):
    text = example_text.replace('unit = "Anzahl Bezirke"', "unit = Anzahl Bezirke")
    loaded = load_text(text, "x.toml", closed)
    [problem] = loaded.problems
    assert problem.code == "TOML001"
    assert problem.line == _line_of(text, "unit = Anzahl Bezirke")
    assert problem.column == 10
    assert problem.location().startswith("x.toml:")
    assert loaded.charter is None and not loaded.readable


def test_typo_in_table_name_suggests_the_right_one(closed, example_text):
    text = example_text.replace("[mandate]", "[mandat]")
    loaded = load_text(text, "x.toml", closed)
    codes = {p.code: p for p in loaded.problems}
    assert "SCH001" in codes
    problem = codes["SCH001"]
    assert problem.path == "mandat"
    assert problem.hint == "mandate"
    assert "mandate" in problem.message
    assert problem.line == _line_of(text, "[mandat]")


def test_unknown_nested_key_suggests(closed, example_text):
    text = example_text.replace(
        '  data_source = "Open-Data-Portal Berlin"', '  datasource = "Open-Data-Portal Berlin"'
    )
    loaded = load_text(text, "x.toml", closed)
    [problem] = loaded.problems
    assert problem.path == "goals[0].indicators[1].datasource"
    assert problem.hint == "data_source"
    assert problem.line == _line_of(text, "datasource =")


def test_wrong_enum_value(closed, example_text):
    text = example_text.replace(
        'granted_by = "entscheidungsrunde"', 'granted_by = "entscheidungsrunda"'
    )
    loaded = load_text(text, "x.toml", closed)
    [problem] = loaded.problems
    assert problem.code == "SCH004"
    assert problem.path == "mandate.granted_by"
    assert problem.hint == "entscheidungsrunde"
    assert problem.line == _line_of(text, "granted_by =")


def test_wrong_type(closed, example_text):
    text = example_text.replace("budget_total_eur = 310000", 'budget_total_eur = "310.000 €"')
    loaded = load_text(text, "x.toml", closed)
    [problem] = loaded.problems
    assert problem.code == "SCH003"
    assert problem.path == "resources.budget_total_eur"
    assert problem.line == _line_of(text, "budget_total_eur")


def test_date_as_string_gets_a_hint(closed, example_text):
    text = example_text.replace("start = 2026-01-15", 'start = "2026-01-15"')
    set_language("en")
    [problem] = load_text(text, "x.toml", closed).problems
    assert problem.path == "measure.start"
    assert "without quotes" in problem.message


def test_latin1_bytes_are_a_clear_encoding_error(closed, tmp_path, example_text):
    path = tmp_path / "latin1.toml"
    path.write_bytes(example_text.encode("latin-1", errors="replace"))
    loaded = load_charter(path, closed)
    [problem] = loaded.problems
    assert problem.code == "ENC001"
    assert "UTF-8" in problem.message
    first_non_ascii = next(
        i for i, line in enumerate(example_text.splitlines(), 1) if not line.isascii()
    )
    assert problem.line == first_non_ascii


def test_utf8_bom_is_accepted(closed, tmp_path, example_text):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + example_text.encode("utf-8"))
    assert load_charter(path, closed).problems == []


def test_utf16_is_reported(closed, tmp_path, example_text):
    path = tmp_path / "utf16.toml"
    path.write_bytes(example_text.encode("utf-16"))
    [problem] = load_charter(path, closed).problems
    assert problem.code == "ENC001" and "UTF-16" in problem.message


def test_newer_schema_version_asks_to_update(closed, example_text):
    text = example_text.replace("schema_version = 2", f"schema_version = {SCHEMA_VERSION + 1}")
    [problem] = load_text(text, "x.toml", closed).problems
    assert problem.code == "SCH006"
    assert "gdb" in problem.message and problem.is_input_problem
    assert problem.line == _line_of(text, "schema_version =")


def test_missing_required_key_points_to_enclosing_table(closed, example_text):
    text = example_text.replace('title = "Regenwasser-Dashboard für Bezirke"\n', "")
    [problem] = load_text(text, "x.toml", closed).problems
    assert problem.code == "SCH002"
    assert problem.path == "measure.title"
    assert problem.line == _line_of(text, "[measure]")


def test_negative_amount_and_nan_are_rejected(closed, example_text):
    text = example_text.replace("amount_eur = 40000", "amount_eur = -5").replace(
        "target = 200", "target = nan"
    )
    problems = load_text(text, "x.toml", closed).problems
    assert {p.path for p in problems} == {
        "resources.budget[1].amount_eur",
        "goals[1].indicators[0].target",
    }
    assert all(p.code == "SCH005" for p in problems)


def test_invalid_email(closed, example_text):
    text = example_text.replace("kim.muster@example.berlin", "kim.muster-at-example")
    [problem] = load_text(text, "x.toml", closed).problems
    assert problem.path == "responsibility.contact.email"


def test_findings_without_handbook_skip_closed_lists(example_text):
    text = example_text.replace('type = "dezentral"', 'type = "anything"')
    assert load_text(text, "x.toml", None).problems == []


def test_directory_is_an_input_problem(closed, tmp_path: Path):
    [problem] = load_charter(tmp_path, closed).problems
    assert problem.code == "IO001" and problem.is_input_problem


BAD_EMAILS = [
    "sabine.mueller@ba-pankow,berlin.de",
    "sabine mueller@berlin.de",
    "sabine.mueller@berlin",
    "sabine.mueller@berlin.d",
    "sabine.mueller@berlin..de",
    "<sabine@berlin.de>",
    'sabine"@berlin.de',
    "sabine@berlin.de;",
    "sabine(at)@berlin.de",
    "a@b@berlin.de",
]
GOOD_EMAILS = [
    "sabine.mueller@ba-pankow.berlin.de",
    "kim+charta@example.berlin",
    "k.o'neil@senatsverwaltung.berlin.de",
]


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_email_pattern_rejects_typos(closed, example_text, email):
    text = example_text.replace('"kim.muster@example.berlin"', json.dumps(email))
    problems = load_text(text, "x.toml", closed).problems
    assert [(p.code, p.path) for p in problems] == [("SCH005", "responsibility.contact.email")]


@pytest.mark.parametrize("email", GOOD_EMAILS)
def test_email_pattern_accepts_addresses(closed, example_text, email):
    text = example_text.replace("kim.muster@example.berlin", email)
    assert load_text(text, "x.toml", closed).problems == []


def test_json_schema_uses_the_same_email_rule():
    import jsonschema

    from gdb_cli.charter.patterns import EMAIL_RE as _EMAIL_RE
    from gdb_cli.charter.schema import charter_schema
    from gdb_cli.pack.handbook import load_handbook

    schema = charter_schema(load_handbook(), "de")
    pattern = schema["definitions"]["Person"]["properties"]["email"]
    assert pattern["pattern"] == _EMAIL_RE.pattern
    email_schema = {"type": "string", "pattern": _EMAIL_RE.pattern}
    for email in BAD_EMAILS:
        assert not jsonschema.Draft7Validator(email_schema).is_valid(email), email
    for email in GOOD_EMAILS:
        assert jsonschema.Draft7Validator(email_schema).is_valid(email), email
