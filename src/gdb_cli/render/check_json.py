"""`gdb check --format json`: one JSON object, shape documented in docs/check-output.md.

{"findings": [{file, line, column, code, severity, message, path, location_label,
  applies_from, basis_kind}, …],
 "open": […same keys…], "accepted": […same keys + reason…],
 "files": [{file, phase, status}], "summary": {files, errors, warnings, infos, open,
 accepted, failing, input_errors}, "statistics": […] (only with --statistics)}
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from gdb_cli.engine.basis import kind_of
from gdb_cli.engine.run import CheckRun
from gdb_cli.findings import Finding
from gdb_cli.views.locations import human_location

if TYPE_CHECKING:
    from gdb_cli.charter.fields import Fields

FORMAT_VERSION = 1


def finding_data(finding: Finding, fields: Fields | None = None) -> dict[str, Any]:
    """A finding as JSON; `location_label` is the key path in words ("Ziel 2 › Indikator 1")."""
    return {
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "path": finding.path,
        "location_label": human_location(finding.path, fields=fields),
        "applies_from": finding.applies_from,
        "basis_kind": kind_of(finding),
    }


def _findings(run: CheckRun, fields: Fields | None) -> Iterator[dict[str, Any]]:
    return (finding_data(f, fields) for r in run.reports for f in r.findings)


def _open(run: CheckRun, fields: Fields | None) -> Iterator[dict[str, Any]]:
    return (
        {**finding_data(f, fields), "failing": f in r.failing} for r in run.reports for f in r.open
    )


def _accepted(run: CheckRun, fields: Fields | None) -> Iterator[dict[str, Any]]:
    return (
        {**finding_data(f, fields), "reason": f.extra.get("reason", "")}
        for r in run.reports
        for f in r.accepted
    )


def _files(run: CheckRun) -> Iterator[dict[str, Any]]:
    for r in run.reports:
        yield {
            "file": r.file,
            "phase": r.phase,
            "status": "input_error" if r.input_error else "checked",
            "skipped_sections": r.skipped_sections,
        }
    for s in run.skipped:
        yield {"file": s, "phase": None, "status": "skipped"}


def _skeleton(run: CheckRun, lists: Callable[[str], Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "findings": lists("findings"),
        "open": lists("open"),
        "accepted": lists("accepted"),
        "files": lists("files"),
        "summary": run.summary(),
    }
    if run.statistics:
        data["statistics"] = run.statistics_rows()
    return data


def run_data(run: CheckRun) -> dict[str, Any]:
    """The whole document as data (for tests and small runs; `write` streams it)."""
    fields = run.handbook.fields if run.handbook is not None else None
    lists = {
        "findings": lambda: list(_findings(run, fields)),
        "open": lambda: list(_open(run, fields)),
        "accepted": lambda: list(_accepted(run, fields)),
        "files": lambda: list(_files(run)),
    }
    return _skeleton(run, lambda name: lists[name]())


def write(run: CheckRun, stream: TextIO) -> None:
    """The document, written finding by finding (memory: one finding at a time)."""
    from gdb_cli.render.json_stream import streamed, write_document

    fields = run.handbook.fields if run.handbook is not None else None
    write_document(
        stream,
        _skeleton(run, streamed),
        {
            "findings": lambda: _findings(run, fields),
            "open": lambda: _open(run, fields),
            "accepted": lambda: _accepted(run, fields),
            "files": lambda: _files(run),
        },
    )


def render(run: CheckRun) -> str:
    buffer = io.StringIO()
    write(run, buffer)
    return buffer.getvalue()
