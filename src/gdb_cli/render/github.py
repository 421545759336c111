"""`gdb check --format github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=F,line=L,col=C,title=CODE::message` (warning → `::warning`, info and open items
→ `::notice`; open items that fail with `--gate` → `::error`); a recommendation (a `practice`
rule) says so in its title. Values are escaped the way the
runner expects (`%`, CR, LF; in properties also `:` and `,`).
"""

from __future__ import annotations

import io
from typing import TextIO

from gdb_cli.engine.basis import is_recommendation
from gdb_cli.engine.run import CheckRun
from gdb_cli.findings import Finding
from gdb_cli.i18n import Catalog
from gdb_cli.output import clean

_ = Catalog(
    {
        "open": {"de": " (offen)", "en": " (open)"},
        "recommendation": {"de": " (Empfehlung)", "en": " (recommendation)"},
    }
)

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, level: str, suffix: str = "") -> str:
    props = [f"file={_prop(finding.file or '')}"]
    if finding.line is not None:
        props.append(f"line={finding.line}")
        if finding.column is not None:
            props.append(f"col={finding.column}")
    if is_recommendation(finding):
        suffix += _("recommendation")
    props.append(f"title={_prop(finding.code + suffix)}")
    message = f"{finding.path}: {finding.message}" if finding.path else finding.message
    return f"::{level} {','.join(props)}::{_data(message)}"


def write(run: CheckRun, stream: TextIO) -> None:
    """One annotation per line, written as they are made."""
    for report in run.reports:
        for finding in report.findings:
            stream.write(annotation(finding, _LEVEL.get(finding.severity, "notice")) + "\n")
        for finding in report.open:
            failing = finding in report.failing
            stream.write(annotation(finding, "error" if failing else "notice", _("open")) + "\n")


def render(run: CheckRun) -> str:
    buffer = io.StringIO()
    write(run, buffer)
    return buffer.getvalue()
