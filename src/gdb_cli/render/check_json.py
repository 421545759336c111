"""`gdb check --format json`: one JSON object, shape documented in docs/check-output.md.

{"findings": [{file, line, column, code, severity, message, path, location_label,
  applies_from, basis_kind}, …],
 "open": […same keys…], "accepted": […same keys + reason…],
 "files": [{file, phase, status}], "summary": {files, errors, warnings, infos, open,
 accepted, failing, input_errors}, "statistics": […] (only with --statistics)}
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

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


def run_data(run: CheckRun) -> dict[str, Any]:
    fields = run.handbook.fields if run.handbook is not None else None

    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "findings": [finding_data(f, fields) for r in run.reports for f in r.findings],
        "open": [
            {**finding_data(f, fields), "failing": f in r.failing}
            for r in run.reports
            for f in r.open
        ],
        "accepted": [
            {**finding_data(f, fields), "reason": f.extra.get("reason", "")}
            for r in run.reports
            for f in r.accepted
        ],
        "files": [
            {
                "file": r.file,
                "phase": r.phase,
                "status": "input_error" if r.input_error else "checked",
                "skipped_sections": r.skipped_sections,
            }
            for r in run.reports
        ]
        + [{"file": s, "phase": None, "status": "skipped"} for s in run.skipped],
        "summary": run.summary(),
    }
    if run.statistics:
        data["statistics"] = run.statistics_rows()
    return data


def render(run: CheckRun) -> str:
    return json.dumps(run_data(run), ensure_ascii=False, indent=2, default=str) + "\n"
