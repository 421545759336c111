"""`gdb report --format site -o DIR`: a folder to publish – `index.html` (the HTML report) and one
measure profile (Steckbrief) per readable charter under `massnahmen/`, linked from the report.

The profiles are built one at a time from the files again (so memory stays that of one charter)
and written atomically; with `contacts=False` they carry no names, e-mail addresses or phone
numbers. A charter whose content does not fit the model gets no profile (and no link); the report
lists its findings like every other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gdb_cli.views.report import Portfolio

if TYPE_CHECKING:
    from gdb_cli.pack.handbook import Handbook

FOLDER = "massnahmen"
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def page_name(wanted: str, used: set[str]) -> str:
    """A safe, unique file name for a measure's page (`id.html`, `id-2.html` …)."""
    stem = _UNSAFE.sub("-", wanted.lower()).strip("-.") or "massnahme"
    name, number = f"{stem[:80]}.html", 2
    while name in used:
        name, number = f"{stem[:80]}-{number}.html", number + 1
    used.add(name)
    return name


def write_site(
    portfolio: Portfolio,
    folder: Path,
    handbook: Handbook,
    *,
    contacts: bool,
    written: Callable[[Path], None] | None = None,
) -> int:
    """Write the site into `folder`; returns the number of profiles written."""
    from gdb_cli.charter.load import load_charter
    from gdb_cli.render import report_html
    from gdb_cli.render.steckbrief_html import render_html
    from gdb_cli.toml.write import atomic_write
    from gdb_cli.views.steckbrief import build_steckbrief, check_summary

    closed = handbook.closed_ids()
    links: dict[str, str] = {}
    used: set[str] = set()
    for row in portfolio.rows:
        loaded = load_charter(Path(row.facts.file), closed, display=row.facts.file)
        charter = loaded.charter
        if charter is None:
            continue
        document = build_steckbrief(
            charter,
            handbook,
            portfolio.lang,
            check_summary(loaded, handbook, portfolio.as_of),
            portfolio.as_of,
            contacts=contacts,
        )
        name = page_name(row.facts.id or Path(row.facts.file).stem, used)
        atomic_write(folder / FOLDER / name, render_html(document))
        links[row.facts.file] = f"{FOLDER}/{name}"
    index = folder / "index.html"
    atomic_write(index, report_html.render(portfolio, links))
    if written is not None:
        written(index)
    return len(links)
