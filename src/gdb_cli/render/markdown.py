"""`gdb check --format markdown`: tables for review comments (e.g. a pull request); places in
words with the key path after them."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TextIO

from gdb_cli.engine.basis import mark
from gdb_cli.engine.run import CheckRun
from gdb_cli.findings import Finding
from gdb_cli.i18n import Catalog
from gdb_cli.output import clean_line
from gdb_cli.render.words import counted
from gdb_cli.views.locations import human_location

_ = Catalog(
    {
        "title": {"de": "Prüfbericht (gdb check)", "en": "Check report (gdb check)"},
        "findings": {"de": "Befunde", "en": "Findings"},
        "open": {
            "de": "Offen für den Abschluss der aktuellen Phase",
            "en": "Open for leaving the current phase",
        },
        "accepted": {"de": "Akzeptierte Ausnahmen", "en": "Accepted exceptions"},
        "none": {"de": "Keine Befunde.", "en": "No findings."},
        "col_file": {"de": "Datei", "en": "File"},
        "col_line": {"de": "Zeile", "en": "Line"},
        "col_path": {"de": "Stelle", "en": "Place"},
        "col_code": {"de": "Code", "en": "Code"},
        "col_severity": {"de": "Schweregrad", "en": "Severity"},
        "col_message": {"de": "Meldung", "en": "Message"},
        "col_reason": {"de": "Begründung", "en": "Reason"},
        "col_count": {"de": "Anzahl", "en": "Count"},
        "col_title": {"de": "Regel", "en": "Rule"},
        "col_open": {"de": "offen", "en": "open"},
        "statistics": {"de": "Statistik", "en": "Statistics"},
        "error": {"de": "Fehler", "en": "error"},
        "warning": {"de": "Warnung", "en": "warning"},
        "info": {"de": "Hinweis", "en": "info"},
        "blocking": {"de": "blockiert (--gate)", "en": "blocking (--gate)"},
        "summary": {
            "de": "**{files}** {files_word}: **{errors}** Fehler, **{warnings}** {warnings_word}, "
            "**{infos}** {infos_word}, **{open}** offen, **{accepted}** akzeptiert.",
            "en": "**{files}** {files_word}: **{errors}** {errors_word}, **{warnings}** "
            "{warnings_word}, **{infos}** {infos_word}, **{open}** open, **{accepted}** accepted.",
        },
    }
)

_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def md(text: object) -> str:
    """User text shown literally in a Markdown table cell."""
    value = clean_line(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", value)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def code(text: object) -> str:
    """User text as a code span in a table cell: one line, no backticks, `|` escaped.

    In a GFM table an unescaped `|` ends the cell even inside a code span; `\\|` shows `|`.
    """
    value = clean_line(text).replace("`", "")
    return f"`{value.replace('|', chr(92) + '|')}`" if value else ""


def _location(finding: Finding) -> list[str]:
    """File, line:column and the place: in words, with the key path after it
    ("Ziel 2 › Indikatoren (`goals[1].indicators`)")."""
    line = f"{finding.line}:{finding.column}" if finding.line is not None else ""
    path = f"{md(human_location(finding.path))} ({code(finding.path)})" if finding.path else ""
    return [code(finding.file or ""), line, path]


def _lines(run: CheckRun) -> Iterator[str]:
    yield from [f"### {_('title')}", ""]
    head = [
        _("col_file"),
        _("col_line"),
        _("col_path"),
        _("col_code"),
        _("col_severity"),
        _("col_message"),
    ]
    findings = [f for r in run.reports for f in r.findings]
    yield from [f"#### {_('findings')}", ""]
    if findings:
        yield from [_row(head), _row(["---"] * len(head))]
        yield from (
            _row([*_location(f), code(f.code), mark(_(f.severity), f), md(f.message)])
            for f in findings
        )
    else:
        yield _("none")
    yield ""
    open_items = [(f, f in r.failing) for r in run.reports for f in r.open]
    if open_items:
        yield from [f"#### {_('open')}", "", _row(head), _row(["---"] * len(head))]
        yield from (
            _row(
                [
                    *_location(f),
                    code(f.code),
                    _("blocking") if failing else mark(_(f.severity), f),
                    md(f.message),
                ]
            )
            for f, failing in open_items
        )
        yield ""
    accepted = [f for r in run.reports for f in r.accepted]
    if accepted:
        cols = [*head[:4], _("col_message"), _("col_reason")]
        yield from [f"#### {_('accepted')}", "", _row(cols), _row(["---"] * len(cols))]
        yield from (
            _row([*_location(f), code(f.code), md(f.message), md(f.extra.get("reason", ""))])
            for f in accepted
        )
        yield ""
    if run.statistics:
        cols = [_("col_code"), _("col_title"), _("col_count"), _("col_open")]
        yield from [f"#### {_('statistics')}", "", _row(cols), _row(["---"] * len(cols))]
        yield from (
            _row([code(r["code"]), md(r["title"]), str(r["count"]), str(r["open"])])
            for r in run.statistics_rows()
        )
        yield ""
    counts = run.summary()
    words = {
        f"{key}s_word": counted(key, counts[f"{key}s"])
        for key in ("file", "error", "warning", "info")
    }
    yield _("summary", **{key: str(value) for key, value in counts.items()}, **words)


def write(run: CheckRun, stream: TextIO) -> None:
    """The tables, written row by row."""
    for line in _lines(run):
        stream.write(line + "\n")


def render(run: CheckRun) -> str:
    buffer = io.StringIO()
    write(run, buffer)
    return buffer.getvalue()
