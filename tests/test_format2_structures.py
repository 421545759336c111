"""Format 2 structures through the CLI: decisions, partners, sponsor, periods, unknown amounts,
target ranges, measurements, measure states – in check, status and the Steckbrief."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

EXAMPLES = ROOT / "examples"
FORMAT2 = sorted(EXAMPLES.glob("format2-*.toml"))


def _codes(gdb, path: Path, *args: str) -> dict[str, list[dict]]:
    result = gdb("--lang", "en", "check", "--format", "json", "--as-of", "2026-11-29", *args, path)
    data = json.loads(result.out)
    found: dict[str, list[dict]] = {}
    for finding in [*data["findings"], *data["open"]]:
        found.setdefault(finding["code"], []).append(finding)
    return found


def test_every_format2_example_passes_and_is_format_2(gdb):
    assert len(FORMAT2) >= 3
    for path in [*FORMAT2, EXAMPLES / "charter.example.toml", EXAMPLES / "minimal-phase1.toml"]:
        assert "schema_version = 2" in path.read_text(encoding="utf-8"), path
        assert gdb("check", "--as-of", "2026-11-29", path).code == 0, path


def test_partners_are_no_stakeholders(gdb):
    codes = _codes(gdb, EXAMPLES / "format2-decisions.toml")
    assert not any(f["path"].startswith("partners") for fs in codes.values() for f in fs)


def test_a_commission_alone_is_no_mandate_for_change(gdb, tmp_path):
    text = (EXAMPLES / "format2-decisions.toml").read_text(encoding="utf-8")
    path = tmp_path / "c.toml"
    path.write_text(text.replace("phase = 1 ", "phase = 2 "), encoding="utf-8")
    codes = _codes(gdb, path)
    assert [f["path"] for f in codes["MAN020"]] == ["mandate.decisions"]
    assert "only: commission, resolution." in codes["MAN020"][0]["message"]
    german = gdb("check", "--format", "json", "--as-of", "2026-11-29", path).out
    message = next(f["message"] for f in json.loads(german)["findings"] if f["code"] == "MAN020")
    assert "nur: Beauftragung, Beschluss." in message  # the kinds' labels, not their ids
    fixed = text.replace('kind = "resolution"', 'kind = "change-mandate"')
    path.write_text(fixed.replace("phase = 1 ", "phase = 2 "), encoding="utf-8")
    assert "MAN020" not in _codes(gdb, path)


def test_running_past_end_is_a_warning_and_closing_it_ends_overdue_findings(gdb, tmp_path):
    text = (EXAMPLES / "format2-decisions.toml").read_text(encoding="utf-8")
    text = text.replace('end = "2027"', 'end = "2026-10"')
    text += '\n[[resources.milestones]]\nname = "Test"\ndate = "2026-09"\n'
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    codes = _codes(gdb, path)
    assert codes["MEA020"][0]["severity"] == "warning"
    assert codes["MEA020"][0]["path"] == "measure.end"
    assert "CON007" in codes
    closed = text.replace('district = "mitte"', 'district = "mitte"\nstatus = "completed"')
    path.write_text(closed, encoding="utf-8")
    codes = _codes(gdb, path)
    assert "MEA020" not in codes and "CON007" not in codes


def test_funding_that_ends_early_needs_a_follow_up(gdb, tmp_path):
    text = (EXAMPLES / "format2-budget-indicators.toml").read_text(encoding="utf-8")
    path = tmp_path / "c.toml"
    short = text.replace("year = 2028\n", "year = 2027\n").replace(
        'end = "2028-06"', 'end = "2027-03"'
    )
    short = short.replace("end = 2027-09-30", 'end = "2028-06"')
    path.write_text(short.replace("phase = 1 ", "phase = 2 "), encoding="utf-8")
    codes = _codes(gdb, path)
    assert [f["path"] for f in codes["RES020"]] == ["resources.budget[1].year"]
    path.write_text(text.replace("phase = 1 ", "phase = 2 "), encoding="utf-8")
    assert "RES020" not in _codes(gdb, path)


def test_steckbrief_shows_months_ranges_periods_and_at_least(gdb):
    result = gdb(
        "--lang", "en", "export", EXAMPLES / "format2-budget-indicators.toml", "--format", "md"
    )
    assert result.code == 0
    assert "| 12–20 |" in result.out
    assert "June 2027" in result.out
    assert "October 2026 – June 2028" in result.out
    assert "at least €120,000, 1 without amount" in result.out
    overview = gdb("--lang", "de", "export", EXAMPLES / "format2-decisions.toml", "--format", "md")
    head = overview.out.split("## Überblick", 1)[1].split("##", 1)[0]
    order = ["Federführende Organisation", "Bezirk", "Partnerorganisationen", "Zeitraum"]
    positions = [head.index(f"**{name}") for name in order]
    assert positions == sorted(positions)
    assert "Oktober 2026 – 2027" in head
    assert "ITDZ Berlin; Beispiel Design GmbH" in head


def test_status_says_at_least_and_keeps_partial_dates(gdb):
    path = EXAMPLES / "format2-budget-indicators.toml"
    text = gdb("--lang", "en", "status", "--as-of", "2026-11-29", path)
    assert "at least €120,000, 1 without amount" in text.out
    data = json.loads(gdb("status", "--format", "json", "--as-of", "2026-11-29", path).out)
    assert data["budget"]["unknown"] == 1


def test_a_measure_level_rule_fires_once_not_once_per_goal(gdb, tmp_path):
    text = (EXAMPLES / "charter.example.toml").read_text(encoding="utf-8")
    for values in (
        'values = ["nachhaltig", "kooperativ"]',
        'values = ["gemeinwohlorientiert", "resilient"]',
    ):
        text = text.replace(values, "values = []")
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    found = _codes(gdb, path)["VAL001"]
    assert len(found) == 1
    assert found[0]["message"].startswith("2 of 2 goals name no value")
    assert "z1, z2" in found[0]["message"]
