"""A table for people: rich in a terminal, one tab-separated line per row when piped."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from gdb_cli.output import clean_line, console, escape, stdout_is_terminal


def show_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    highlight: int | None = None,
    caption: str | None = None,
) -> None:
    """Print rows; `highlight` marks one row (by index) in bold / with `*` when plain."""
    if not stdout_is_terminal():
        for index, row in enumerate(rows):
            mark = "" if highlight is None else ("*\t" if index == highlight else "\t")
            sys.stdout.write(mark + "\t".join(clean_line(cell) for cell in row) + "\n")
        return
    from rich.table import Table

    table = Table(
        title=escape(title) if title else None,
        caption=escape(caption) if caption else None,
        caption_justify="left",
    )
    for column in columns:
        table.add_column(escape(column), overflow="fold")
    for index, row in enumerate(rows):
        style = "bold reverse" if highlight is not None and index == highlight else None
        table.add_row(*(escape(cell) for cell in row), style=style)
    console().print(table)
