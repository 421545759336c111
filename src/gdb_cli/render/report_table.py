"""The measure table of `gdb report`: one row per charter, typed values, shared by csv and xlsx.

Columns have a stable id (the CSV header) and a label in the report's language (the xlsx
header). Values keep their type: dates as `datetime.date`, amounts and counts as numbers, a
value nobody gave as None (an empty cell, never 0). One column per thesis-6 area holds that
area's state id (`complete`, `missing`, `not_yet_due`). A charter that cannot be read is a row
with its file and the problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gdb_cli.views.report import MeasureFacts, Portfolio, text


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str  # "text", "date", "amount", "count"


def columns(portfolio: Portfolio) -> list[Column]:
    return [
        Column("file", text("col_file"), "text"),
        Column("id", "Id", "text"),
        Column("title", text("col_measure"), "text"),
        Column("phase", text("col_phase"), "count"),
        Column("type", text("col_type"), "text"),
        Column("fields_of_action", text("col_fields"), "text"),
        Column("lead_organisation", text("col_lead"), "text"),
        Column("state", text("col_state"), "text"),
        Column("start", text("col_start"), "date"),
        Column("end", text("col_end"), "date"),
        Column("entered_phase_on", text("col_entered"), "date"),
        Column("budget_total_eur", text("col_budget_total"), "amount"),
        Column("mandate_status", text("col_mandate"), "text"),
        Column("mandate_valid_until", text("col_mandate_until"), "date"),
        Column("errors", text("col_errors"), "count"),
        Column("warnings", text("col_warnings"), "count"),
        Column("open", text("col_open"), "count"),
        *(Column(f"thesis6_{a.id}", a.label, "text") for a in portfolio.areas),
        Column("problem", text("col_problem"), "text"),
    ]


def _values(facts: MeasureFacts, portfolio: Portfolio) -> list[Any]:
    cells = {c.area: c.state for c in facts.cells}
    return [
        facts.file,
        facts.id,
        facts.title,
        facts.phase,
        facts.type,
        "; ".join(facts.fields_of_action) or None,
        facts.lead_organisation,
        facts.state,
        facts.start,
        facts.end,
        facts.entered_phase_on,
        facts.budget_total,
        facts.mandate_status,
        facts.mandate_valid_until,
        facts.errors if facts.readable else None,
        facts.warnings if facts.readable else None,
        facts.open if facts.readable else None,
        *(cells.get(a.id) for a in portfolio.areas),
        facts.problem,
    ]


def rows(portfolio: Portfolio) -> Iterator[list[Any]]:
    """Every measure, then every charter that cannot be read."""
    for row in portfolio.rows:
        yield _values(row.facts, portfolio)
    for facts in portfolio.unreadable:
        yield _values(facts, portfolio)
