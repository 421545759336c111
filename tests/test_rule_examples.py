"""Every rule's "good" example passes `gdb check` on any date: merged into the reference charter
(phase raised to where the rule applies), it makes no finding of its own rule, today and years
from now; today no date rule (a date in the future, an overdue milestone, an expired mandate)
finds anything at a key it sets, and years from now no fact it records (a mandate's date) lies
in the future. `gdb rules CODE` shows these examples; a team copying one must not get a finding
for it. (Examples are fragments: other rules may still ask for more than a fragment shows;
deadlines such as `valid_until` lie ahead by nature.)"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from gdb_cli.engine.catalog import load_rules
from gdb_cli.pack.handbook import load_handbook

ROOT = Path(__file__).resolve().parents[1]
BASE = tomllib.loads((ROOT / "examples" / "charter.example.toml").read_text("utf-8"))
HANDBOOK = load_handbook()
RULES = [rule for rule in load_rules(HANDBOOK).rules if rule.example is not None]
TODAY = dt.date.today()
FUTURE_FACT = "CON011"  # a recorded date (the mandate's) lies after the check date
# Rules that compare with the check date: a check against `$as_of`, or a named date check.
_DATE_CHECKS = ("$as_of", "milestones_not_overdue", "mandate_not_expired")
DATE_RULES = {
    rule.code
    for rule in load_rules(HANDBOOK).rules
    if any(word in repr(rule.check) for word in _DATE_CHECKS)
}
DATES = [TODAY, TODAY.replace(year=TODAY.year + 5)]


def _merge(base: dict[str, Any], snippet: dict[str, Any]) -> dict[str, Any]:
    """The snippet over the base: tables merged key by key, everything else replaced."""
    merged = dict(base)
    for key, value in snippet.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _keys(data: Any, prefix: str = "") -> set[str]:
    """Every key path the snippet sets, without list indices (`mandate.date`, `risks`)."""
    out: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            out.add(path)
            out |= _keys(value, path)
    elif isinstance(data, list):
        for item in data:
            out |= _keys(item, prefix)
    return out


def _plain(path: str) -> str:
    import re

    return re.sub(r"\[\d+\]", "", path)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_good_example_passes_check_on_any_date(gdb, tmp_path, rule) -> None:
    import json

    assert rule.example is not None
    snippet = tomllib.loads(rule.example.good)
    data = _merge(BASE, snippet)
    data["measure"] = {
        **data["measure"],
        "phase": max(int(data["measure"]["phase"]), rule.applies_from),
    }
    path = tmp_path / "charta.toml"
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    keys = _keys(snippet)
    for day in DATES:
        result = gdb("check", path, "--as-of", day.isoformat(), "-f", "json")
        assert result.code in (0, 1), result.err
        findings = json.loads(result.out)["findings"]
        # years from now a deadline (valid_until, a milestone) may have passed: that is no fault
        # of the example, so its own rule is checked then only when it is no deadline rule
        deadline = rule.code in DATE_RULES - {FUTURE_FACT}
        own = [f for f in findings if f["code"] == rule.code]
        assert not own or (deadline and day != TODAY), (day, own)
        checked = DATE_RULES if day == TODAY else {FUTURE_FACT}
        dated = [
            f for f in findings if f["code"] in checked and f["path"] and _plain(f["path"]) in keys
        ]
        assert not dated, (day, dated)


def test_the_date_rules_are_found() -> None:
    assert {FUTURE_FACT, "CON005", "CON007"} <= DATE_RULES


def test_rules_code_wraps_at_the_terminal_width(gdb, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    out = gdb("rules", "MAN001").out
    lines = out.splitlines()
    good = lines.index("So richtig:")
    prose = lines[:good]
    sources = [line for line in lines if line.strip().startswith("https://")]
    assert all(len(line) <= 50 for line in prose if line not in sources), prose
    assert sum(1 for line in prose if line.startswith("  ")) > 8  # wrapped, not cut
    fix = load_rules(HANDBOOK).get("MAN001").fix.de  # type: ignore[union-attr]
    assert " ".join(fix.split()) in " ".join(line.strip() for line in prose)
    # examples stay line for line
    assert lines[good + 1 : good + 3] == ["  [mandate]", '  status = "granted"']
