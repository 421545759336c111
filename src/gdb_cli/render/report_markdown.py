"""`gdb report --format markdown`: the portfolio as headings and tables (for wikis, tickets)."""

from __future__ import annotations

import datetime as dt

from gdb_cli import __version__
from gdb_cli.charter.dates import format_when
from gdb_cli.numbers import format_amount
from gdb_cli.render.markdown import md
from gdb_cli.views.report import COMPLETE, STATES, Count, Money, Portfolio, overview_counts, text

TOP_RULES = 15
_MARK = {"complete": "✓", "missing": "✗", "not_yet_due": "○"}


def amount(value: float | None) -> str:
    return format_amount(value) if value is not None else text("unknown_amount")


def _table(columns: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "| " + " | ".join(md(c) for c in columns) + " |"
    rule = "|" + "|".join("---:" if i in numeric else "---" for i in range(len(columns))) + "|"
    body = ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def _counts(title: str, column: str, counts: list[Count]) -> str:
    rows = [[c.label, str(c.count)] for c in counts]
    return f"### {title}\n\n" + _table([column, text("col_count")], rows, {1})


def _money_row(label: str, money: Money, states: list[str]) -> list[str]:
    return [
        label,
        *(amount(money.sums.get(s)) for s in states),
        amount(money.other),
        amount(money.known),
        str(money.without_amount),
    ]


def render(portfolio: Portfolio) -> str:
    p = portfolio
    lang = p.lang

    def day(value: dt.date | str | None) -> str:
        return format_when(value, lang)

    out: list[str] = [f"# {text('title')}", ""]
    out.append(
        md(
            text(
                "stand",
                date=day(p.as_of),
                files=p.files,
                measures=len(p.rows),
                unreadable=len(p.unreadable),
            )
        )
    )
    out += ["", f"## {text('overview')}", ""]
    for key, column, counts in overview_counts(p):
        if counts:
            out += [_counts(text(key), text(column), counts), ""]
    # thesis 6
    out += [f"## {text('readiness')}", "", f"### {text('readiness_totals')}", ""]
    out.append(
        _table(
            [text("col_area"), *(text(s) for s in STATES)],
            [[a.label, *(str(p.readiness_totals[a.id][s]) for s in STATES)] for a in p.areas],
            {1, 2, 3},
        )
    )
    out += ["", f"### {text('readiness_matrix')}", ""]
    if p.rows:
        rows = []
        for row in p.rows:
            cells = {c.area: c for c in row.cells}
            line = [row.name, row.phase]
            for area in p.areas:
                cell = cells.get(area.id)
                if cell is None:
                    line.append("")
                elif cell.state == COMPLETE:
                    line.append(f"{_MARK[cell.state]} {text(cell.state)}")
                else:
                    line.append(
                        f"{_MARK[cell.state]} {text(cell.state)}: {cell.code} {cell.in_words}"
                    )
            rows.append(line)
        out.append(
            _table([text("col_measure"), text("col_phase"), *(a.label for a in p.areas)], rows)
        )
        out.append("")
    # attention
    out += [f"## {text('attention')}", ""]
    out += [md(text("attention_note", days=p.mandate_days, stale=p.stale_days)), ""]
    if p.attention:
        out.append(
            _table(
                [text("col_kind"), text("col_measure"), text("col_date"), text("col_detail")],
                [[a.label, a.measure, day(a.date), a.detail] for a in p.attention],
            )
        )
    else:
        out.append(text("attention_none"))
    out.append("")
    # money
    states = [s for s, _label in p.money_states]
    out += [f"## {text('money')}", "", md(text("money_note")), ""]
    columns = [
        text("col_year"),
        *(label for _s, label in p.money_states),
        text("col_other"),
        text("col_known"),
        text("col_without"),
    ]
    rows = [
        _money_row(str(m.year) if m.year is not None else text("year_unknown"), m, states)
        for m in p.money_years
    ]
    rows.append(_money_row(text("total"), p.money_total, states))
    out.append(_table(columns, rows, set(range(1, len(columns)))))
    out += [
        "",
        md(
            text(
                "no_budget",
                count=p.measures_without_budget,
                without=p.measures_without_total,
                sum=amount(p.stated_totals),
            )
        ),
        "",
    ]
    # rules
    out += [f"## {text('rules')}", ""]
    if p.rules:
        out.append(
            _table(
                [
                    text("col_code"),
                    text("col_rule"),
                    text("col_findings"),
                    text("col_open"),
                    text("col_count"),
                ],
                [
                    [r.code, r.title, str(r.findings), str(r.open), str(r.measures)]
                    for r in p.rules[:TOP_RULES]
                ],
                {2, 3, 4},
            )
        )
    else:
        out.append(text("rules_none"))
    out.append("")
    if p.changes is not None and p.since is not None:
        out += [f"## {text('changes', date=day(p.since))}", ""]
        if p.changes:
            out.append(
                _table(
                    [text("col_measure"), text("col_date"), text("col_kind"), text("col_what")],
                    [[c.measure, day(c.date), c.label, c.detail] for c in p.changes],
                )
            )
        else:
            out.append(text("changes_none"))
        out.append("")
    out.append(md(text("generated", version=__version__)))
    return "\n".join(out) + "\n"
