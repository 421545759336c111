"""`gdb report --format xlsx`: the report as a workbook, one sheet per view (XlsxWriter).

Cells are typed – dates are dates, amounts and counts are numbers, an unknown amount is an empty
cell (never 0) –, every sheet has a header row, frozen panes below it (and right of the first
column), an autofilter and column widths that fit the content. Text from a charter is always
written as text (`write_string`), so a title like `=HYPERLINK(…)` is never a formula.
XlsxWriter writes the file format without a spreadsheet program and is well kept; writing the
Office Open XML by hand would repeat what it does.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from gdb_cli.output import clean_line
from gdb_cli.render.report_table import columns, rows
from gdb_cli.views.report import STATES, Portfolio, overview_counts, text

_MAX_WIDTH = 60


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    base, number = name, 2
    while name.lower() in used:
        suffix = f" {number}"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(name.lower())
    return name


class _Book:
    def __init__(self, lang: str) -> None:
        import xlsxwriter

        # constant_memory: each row goes to a temporary file as soon as the next one starts, so
        # the workbook of 10,000 measures never sits in memory as cell objects
        self.folder = tempfile.TemporaryDirectory(prefix="gdb-xlsx-")
        self.path = Path(self.folder.name) / "report.xlsx"
        self.book = xlsxwriter.Workbook(
            str(self.path), {"constant_memory": True, "tmpdir": self.folder.name}
        )
        self.used: set[str] = set()
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#E3E9F1", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.date = self.book.add_format(
            {"num_format": "dd.mm.yyyy" if lang == "de" else "yyyy-mm-dd", "align": "left"}
        )
        self.amount = self.book.add_format({"num_format": '#,##0 "€"'})
        self.count = self.book.add_format({"num_format": "0"})

    def sheet(self, title: str, header: list[str], kinds: list[str], data: list[list[Any]]) -> None:
        """One sheet: `kinds` per column ("text", "date", "amount", "count")."""
        sheet = self.book.add_worksheet(_sheet_name(title, self.used))
        widths = [len(h) for h in header]
        for col, label in enumerate(header):
            sheet.write_string(0, col, label, self.header)
        for r, values in enumerate(data, start=1):
            for col, value in enumerate(values):
                kind = kinds[col]
                if value is None or value == "":
                    continue
                if kind == "date" and isinstance(value, dt.date):
                    sheet.write_datetime(
                        r, col, dt.datetime(value.year, value.month, value.day), self.date
                    )
                    widths[col] = max(widths[col], 10)
                elif kind in ("amount", "count") and isinstance(value, (int, float)):
                    cell_format = self.amount if kind == "amount" else self.count
                    sheet.write_number(r, col, value, cell_format)
                    widths[col] = max(widths[col], len(f"{value:,.0f}") + 2)
                else:
                    shown = clean_line(value)
                    sheet.write_string(r, col, shown)
                    widths[col] = max(widths[col], len(shown))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(width + 2, _MAX_WIDTH))
        sheet.freeze_panes(1, 1)
        if data:
            sheet.autofilter(0, 0, len(data), len(header) - 1)

    def close(self) -> bytes:
        try:
            self.book.close()
            return self.path.read_bytes()
        finally:
            self.folder.cleanup()


def render(portfolio: Portfolio) -> bytes:
    p = portfolio
    book = _Book(p.lang)
    table = columns(p)
    book.sheet(
        text("col_count"),
        [c.label for c in table],
        [c.kind for c in table],
        list(rows(p)),
    )
    book.sheet(
        text("overview"),
        [text("overview"), text("col_kind"), text("col_count")],
        ["text", "text", "count"],
        [
            [text(key), c.label, c.count]
            for key, _column, counts in overview_counts(p)
            for c in counts
        ],
    )
    matrix = []
    for row in p.rows:
        cells = {c.area: c for c in row.cells}
        line: list[Any] = [row.name, row.phase]
        for area in p.areas:
            cell = cells.get(area.id)
            line.append(text(cell.state) if cell else None)
            line.append(f"{cell.code} {cell.in_words}" if cell and cell.code else None)
        matrix.append(line)
    area_header: list[str] = []
    for area in p.areas:
        area_header += [area.label, f"{area.label}: {text('col_findings')}"]
    book.sheet(
        "These 6" if p.lang == "de" else "Thesis 6",
        [text("col_measure"), text("col_phase"), *area_header],
        ["text"] * (2 + 2 * len(p.areas)),
        matrix,
    )
    book.sheet(
        text("attention"),
        [
            text("col_kind"),
            text("col_measure"),
            text("col_file"),
            text("col_date"),
            text("col_detail"),
        ],
        ["text", "text", "text", "date", "text"],
        [[a.label, a.measure, a.file, a.date, a.detail] for a in p.attention],
    )
    states = [s for s, _label in p.money_states]
    money = [
        [
            m.year if m.year is not None else text("year_unknown"),
            *(m.sums.get(s) for s in states),
            m.other,
            m.known,
            m.without_amount,
        ]
        for m in p.money_years
    ]
    money.append(
        [
            text("total"),
            *(p.money_total.sums.get(s) for s in states),
            p.money_total.other,
            p.money_total.known,
            p.money_total.without_amount,
        ]
    )
    book.sheet(
        text("money"),
        [
            text("col_year"),
            *(label for _s, label in p.money_states),
            text("col_other"),
            text("col_known"),
            text("col_without"),
        ],
        ["count", *(["amount"] * (len(states) + 2)), "count"],
        money,
    )
    book.sheet(
        text("col_findings"),
        [
            text("col_code"),
            text("col_rule"),
            text("col_findings"),
            text("col_open"),
            text("col_count"),
        ],
        ["text", "text", "count", "count", "count"],
        [[r.code, r.title, r.findings, r.open, r.measures] for r in p.rules],
    )
    book.sheet(
        text("readiness_totals"),
        [text("col_area"), *(text(s) for s in STATES)],
        ["text", "count", "count", "count"],
        [[a.label, *(p.readiness_totals[a.id][s] for s in STATES)] for a in p.areas],
    )
    if p.changes is not None and p.since is not None:
        book.sheet(
            text("changes", date=p.since.isoformat()),
            [
                text("col_measure"),
                text("col_file"),
                text("col_date"),
                text("col_kind"),
                text("col_what"),
            ],
            ["text", "text", "date", "text", "text"],
            [[c.measure, c.file, c.date, c.label, c.detail] for c in p.changes],
        )
    return book.close()
