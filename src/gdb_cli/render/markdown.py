"""`gdb check --format markdown`: tables for review comments (e.g. a pull request); places in
words with the key path after them."""

from __future__ import annotations

import re

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


def render(run: CheckRun) -> str:
    out = [f"### {_('title')}", ""]
    head = [
        _("col_file"),
        _("col_line"),
        _("col_path"),
        _("col_code"),
        _("col_severity"),
        _("col_message"),
    ]
    findings = [f for r in run.reports for f in r.findings]
    out += [f"#### {_('findings')}", ""]
    if findings:
        out += [_row(head), _row(["---"] * len(head))]
        out += [
            _row([*_location(f), code(f.code), mark(_(f.severity), f), md(f.message)])
            for f in findings
        ]
    else:
        out.append(_("none"))
    out.append("")
    open_items = [(f, f in r.failing) for r in run.reports for f in r.open]
    if open_items:
        out += [f"#### {_('open')}", "", _row(head), _row(["---"] * len(head))]
        out += [
            _row(
                [
                    *_location(f),
                    code(f.code),
                    _("blocking") if failing else mark(_(f.severity), f),
                    md(f.message),
                ]
            )
            for f, failing in open_items
        ]
        out.append("")
    accepted = [f for r in run.reports for f in r.accepted]
    if accepted:
        cols = [*head[:4], _("col_message"), _("col_reason")]
        out += [f"#### {_('accepted')}", "", _row(cols), _row(["---"] * len(cols))]
        out += [
            _row([*_location(f), code(f.code), md(f.message), md(f.extra.get("reason", ""))])
            for f in accepted
        ]
        out.append("")
    if run.statistics:
        cols = [_("col_code"), _("col_title"), _("col_count"), _("col_open")]
        out += [f"#### {_('statistics')}", "", _row(cols), _row(["---"] * len(cols))]
        out += [
            _row([code(r["code"]), md(r["title"]), str(r["count"]), str(r["open"])])
            for r in run.statistics_rows()
        ]
        out.append("")
    counts = run.summary()
    words = {
        f"{key}s_word": counted(key, counts[f"{key}s"])
        for key in ("file", "error", "warning", "info")
    }
    out.append(_("summary", **{key: str(value) for key, value in counts.items()}, **words))
    return "\n".join(out) + "\n"
