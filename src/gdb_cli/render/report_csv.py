"""`gdb report --format csv`: the measure table for any tool – RFC 4180 (comma, CRLF, quotes
doubled), UTF-8, a header row of stable column ids, one row per charter (docs/report-output.md).
Dates are ISO `YYYY-MM-DD`, numbers with a decimal point; an empty field means "not given"."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, TextIO

from gdb_cli.output import clean_line
from gdb_cli.render.report_table import columns, rows
from gdb_cli.views.report import Portfolio


def _field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = clean_line(value)
    # a cell starting like a formula is not run by a spreadsheet that opens the file
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write(portfolio: Portfolio, stream: TextIO) -> None:
    """The table, row by row."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([c.id for c in columns(portfolio)])
    for values in rows(portfolio):
        writer.writerow([_field(v) for v in values])


def render(portfolio: Portfolio) -> str:
    buffer = io.StringIO()
    write(portfolio, buffer)
    return buffer.getvalue()
