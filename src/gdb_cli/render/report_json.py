"""`gdb report --format json`: the portfolio as one JSON object (docs/report-output.md).

Dates are ISO strings, amounts numbers in euros; an amount nobody gave is `null` (never 0),
a value nobody gave is `null` with its label "not stated". Keys are stable within a
`format_version`; new keys may be added.
"""

from __future__ import annotations

import io
from typing import Any, TextIO

from gdb_cli.views.report import FORMAT_VERSION, Count, Money, Portfolio, Row


def _iso(value: Any) -> str | None:
    """A full date as ISO text; a partial date ("2023-02") as written; None as null."""
    if value is None or isinstance(value, str):
        return value
    return str(value.isoformat())


def _counts(counts: list[Count]) -> list[dict[str, Any]]:
    return [{"key": c.key or None, "label": c.label, "count": c.count} for c in counts]


def money_data(money: Money) -> dict[str, Any]:
    return {
        "secured": money.sums.get("secured"),
        "requested": money.sums.get("requested"),
        "planned": money.sums.get("planned"),
        "other": money.other,
        "known": money.known,
        "lines": money.lines,
        "lines_without_amount": money.without_amount,
    }


def measure_data(row: Row) -> dict[str, Any]:
    facts = row.facts
    return {
        "file": facts.file,
        "id": facts.id,
        "title": facts.title,
        "phase": facts.phase,
        "derived_phase": facts.derived_phase,
        "phase_label": row.phase,
        "type": facts.type,
        "fields_of_action": list(facts.fields_of_action),
        "lead_organisation": facts.lead_organisation,
        "state": facts.state,
        "start": _iso(facts.start),
        "end": _iso(facts.end),
        "entered_phase_on": _iso(facts.entered_phase_on),
        "budget_total_eur": facts.budget_total,
        "mandate_status": facts.mandate_status,
        "mandate_valid_until": _iso(facts.mandate_valid_until),
        "errors": facts.errors,
        "warnings": facts.warnings,
        "infos": facts.infos,
        "open": facts.open,
        "readiness": {
            cell.area: {
                "state": cell.state,
                "worst": None
                if cell.code is None
                else {
                    "code": cell.code,
                    "severity": cell.severity,
                    "message": cell.message,
                    "path": cell.path,
                    "location_label": cell.location_label,
                },
            }
            for cell in row.cells
        },
    }


def portfolio_data(portfolio: Portfolio, measures: Any = None) -> dict[str, Any]:
    """The report as data; `measures` stands in for the measure list (streamed by `render`)."""
    p = portfolio
    if measures is None:
        measures = [measure_data(r) for r in p.rows]
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "as_of": p.as_of.isoformat(),
        "since": _iso(p.since),
        "language": p.lang,
        "settings": {"mandate_days": p.mandate_days, "stale_days": p.stale_days},
        "summary": {
            "files": p.files,
            "measures": len(p.rows),
            "unreadable": len(p.unreadable),
            "skipped": len(p.skipped) + len(p.not_regular),
            "attention": len(p.attention),
        },
        "overview": {
            "phase": _counts(p.by_phase),
            "type": _counts(p.by_type),
            "field_of_action": _counts(p.by_field),
            "lead_organisation": _counts(p.by_lead),
            "state": _counts(p.by_state),
        },
        "readiness": {
            "areas": [{"id": a.id, "label": a.label} for a in p.areas],
            "totals": p.readiness_totals,
        },
        "attention": [
            {
                "kind": a.kind,
                "label": a.label,
                "file": a.file,
                "measure": a.measure,
                "date": _iso(a.date),
                "detail": a.detail,
            }
            for a in p.attention
        ],
        "money": {
            "currency": "EUR",
            "states": [{"id": s, "label": label} for s, label in p.money_states],
            "years": [{"year": m.year, **money_data(m)} for m in p.money_years],
            "total": money_data(p.money_total),
            "measures_without_budget_lines": p.measures_without_budget,
            "stated_totals": p.stated_totals,
            "measures_without_stated_total": p.measures_without_total,
        },
        "rules": [
            {
                "code": r.code,
                "title": r.title,
                "findings": r.findings,
                "open": r.open,
                "measures": r.measures,
            }
            for r in p.rules
        ],
        "changes": None
        if p.changes is None
        else [
            {
                "kind": c.kind,
                "label": c.label,
                "file": c.file,
                "measure": c.measure,
                "date": _iso(c.date),
                "detail": c.detail,
            }
            for c in p.changes
        ],
        "measures": measures,
        "unreadable": [{"file": f.file, "problem": f.problem} for f in p.unreadable],
        "skipped": p.skipped + p.not_regular,
    }
    return data


def write(portfolio: Portfolio, stream: TextIO) -> None:
    """The document, the measures written one at a time (no list of them as dicts)."""
    from gdb_cli.render.json_stream import streamed, write_document

    write_document(
        stream,
        portfolio_data(portfolio, streamed("measures")),
        {"measures": lambda: (measure_data(r) for r in portfolio.rows)},
    )


def render(portfolio: Portfolio) -> str:
    buffer = io.StringIO()
    write(portfolio, buffer)
    return buffer.getvalue()
