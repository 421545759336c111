"""Format 2: partial dates ("2023-02", "2023") – parsing, ranges, display, schema, checks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdb_cli.charter.dates import earliest, format_when, latest, parse_partial, span
from gdb_cli.charter.load import load_text

ROOT = Path(__file__).resolve().parent.parent
FORMAT1 = Path("/work/shared/examples/charter.example.toml")


def test_partial_dates_are_ranges():
    assert span("2023-02") == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))
    assert span("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert span("2023") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert span(dt.date(2023, 5, 7)) == (dt.date(2023, 5, 7), dt.date(2023, 5, 7))
    assert span(dt.datetime(2023, 5, 7, 10, 0)) == (dt.date(2023, 5, 7), dt.date(2023, 5, 7))
    for bad in ("2023-13", "2023-00", "23-02", "2023-02-01", "Feb 2023", "", 2023, None):
        assert span(bad) is None, bad


@given(st.integers(1, 9998), st.one_of(st.none(), st.integers(1, 12)))
def test_a_partial_date_covers_exactly_its_month_or_year(year, month):
    text = f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"
    covered = span(text)
    assert covered is not None
    first, last = covered
    assert parse_partial(text) == text
    assert first.year == last.year == year
    assert first.day == 1
    assert (last + dt.timedelta(days=1)).day == 1  # the last day of its month
    assert (first.month, last.month) == ((1, 12) if month is None else (month, month))


def test_partial_dates_are_shown_as_months_and_years_never_with_a_day():
    assert format_when("2023-02", "de") == "Februar 2023"
    assert format_when("2023-02", "en") == "February 2023"
    assert format_when("2023", "de") == format_when("2023", "en") == "2023"
    assert format_when(dt.date(2023, 2, 1), "de") == "01.02.2023"
    assert format_when(dt.date(2023, 2, 1), "en") == "2023-02-01"


def _charter(text: str, example_text: str) -> str:
    return example_text.replace("start = 2026-01-15\nend = 2027-12-31", text)


def test_month_dates_load_and_a_full_date_in_quotes_says_drop_the_quotes(example_text):
    good = load_text(_charter('start = "2026-01"\nend = "2027"', example_text), "c.toml", None)
    assert good.problems == []
    assert good.charter is not None
    assert good.charter.measure.start == "2026-01"
    assert latest(good.charter.measure.end) == dt.date(2027, 12, 31)
    quoted = load_text(_charter('start = "2026-01-15"', example_text), "c.toml", None)
    assert [p.code for p in quoted.problems] == ["SCH003"]
    assert "ohne Anführungszeichen" in quoted.problems[0].message
    month13 = load_text(_charter('start = "2026-13"', example_text), "c.toml", None)
    assert [p.code for p in month13.problems] == ["SCH005"]
    assert "„2026-06“" in month13.problems[0].message


def test_check_compares_partial_dates_as_ranges(gdb, tmp_path, example_text):
    """Start and end in the same month are in order; a milestone in the month of --as-of is not
    overdue before that month's last day; a start after the end is still found."""
    same_month = _charter('start = "2026-01"\nend = "2026-01"', example_text)
    same_month = same_month.replace(
        'date = 2026-06-15\n\n  [[resources.milestones]]\n  name = "Prototyp',
        'date = "2026-01"\n\n  [[resources.milestones]]\n  name = "Prototyp',
        1,
    )
    path = tmp_path / "c.toml"
    path.write_text(same_month, encoding="utf-8")
    result = gdb("--lang", "en", "check", "--format", "json", "--as-of", "2026-01-20", path)
    paths = {f["path"] for f in json.loads(result.out)["findings"]}
    assert "measure.start" not in paths and "measure.end" not in paths  # start ≤ end
    overdue = gdb("--lang", "en", "check", "--format", "json", "--as-of", "2026-02-01", path)
    early_findings = json.loads(result.out)["findings"]
    late_findings = json.loads(overdue.out)["findings"]
    month_hits = [f for f in early_findings if f["path"] == "resources.milestones[0].date"]
    month_late = [f for f in late_findings if f["path"] == "resources.milestones[0].date"]
    assert month_hits == [] and month_late, early_findings
    reversed_text = _charter('start = "2027"\nend = "2026-12"', example_text)
    path.write_text(reversed_text, encoding="utf-8")
    reverse = gdb("--lang", "en", "check", "--format", "json", path)
    paths = {f["path"] for f in json.loads(reverse.out)["findings"]}
    assert "measure.start" in paths or "measure.end" in paths


def test_json_schema_accepts_partial_dates_and_rejects_invented_forms(gdb):
    jsonschema = pytest.importorskip("jsonschema")
    result = gdb("schema")
    schema = json.loads(result.out)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    import tomllib

    from gdb_cli.charter.schema import toml_to_json

    data = toml_to_json(tomllib.loads((ROOT / "examples/charter.example.toml").read_text()))
    data["measure"]["start"] = "2026-01"
    data["measure"]["end"] = "2027"
    assert list(validator.iter_errors(data)) == []
    data["measure"]["end"] = "2027-13"
    assert list(validator.iter_errors(data))
    assert earliest("2026-01") == dt.date(2026, 1, 1)


def test_format1_is_still_checked_with_one_migrate_note(gdb, tmp_path):
    old = tmp_path / "alt.toml"
    old.write_text(FORMAT1.read_text(encoding="utf-8"), encoding="utf-8")
    result = gdb("--lang", "en", "check", "--format", "json", "--as-of", "2026-11-29", old)
    findings = json.loads(result.out)["findings"]
    notes = [f for f in findings if f["code"] == "SCH008"]
    assert len(notes) == 1
    assert notes[0]["severity"] == "info"
    assert "gdb migrate" in notes[0]["message"]
    new = gdb(
        "--lang",
        "en",
        "check",
        "--format",
        "json",
        "--as-of",
        "2026-11-29",
        ROOT / "examples/charter.example.toml",
    )
    assert all(f["code"] != "SCH008" for f in json.loads(new.out)["findings"])
