"""`gdb check --format sarif`: SARIF 2.1.0 for code scanning (e.g. GitHub's upload-sarif).

One run; the driver lists every rule that appears in a result (title, rationale, fix, source
URL, default level; area, phase, basis kind and whether it is a recommendation as properties).
Findings are results at their level (info → `note`); open items are `note` results with
`properties.open = true` (level `error` when they fail with `--gate`); accepted exceptions are
results with an in-source suppression carrying the reason.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from gdb_cli import __version__
from gdb_cli.engine.basis import kind_of
from gdb_cli.engine.run import CheckRun
from gdb_cli.findings import Finding
from gdb_cli.i18n import get_language, pick
from gdb_cli.views.locations import human_location

if TYPE_CHECKING:
    from gdb_cli.charter.fields import Fields

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://gemeinsamdigital.berlin.de/de/handbuch/"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
# Where to read more about the loader's own codes (rules link the source they are based on):
# TOML syntax and encoding in the TOML specification; the charter format (SCH…) and unreadable
# files (IO…) on the handbook's pages, which the tool's information link names too.
_FIXED_HELP = {
    "TOML": "https://toml.io/en/v1.0.0",
    "ENC": "https://toml.io/en/v1.0.0#spec",
}


def artifact_uri(file: str | None) -> str:
    """A file name as a URI reference (RFC 3986), as `artifactLocation.uri` must be.

    An absolute path becomes a `file://` URI; a relative one stays relative, with `/` as the
    separator and everything else that URIs reserve percent-encoded – a space as `%20`, `%` as
    `%25`, and `:` as `%3A`, so `c:charta.toml` is not read as the scheme `c:`.
    """
    name = file or ""
    windows = PureWindowsPath(name)
    if windows.drive and windows.root:  # C:\\… or \\\\server\\share\\…, whatever the platform
        return windows.as_uri()
    if PurePosixPath(name).is_absolute():
        return PurePosixPath(name).as_uri()
    return quote(name.replace("\\", "/"), safe="/._-~")


def help_uri(code: str) -> str:
    """The `helpUri` of a loader code (TOML001, ENC001, SCH…, IO…)."""
    prefix = code.rstrip("0123456789")
    return _FIXED_HELP.get(prefix, INFORMATION_URI)


def _rule_data(run: CheckRun, code: str, severity: str) -> dict[str, Any]:
    from gdb_cli.engine.fixed import FIXED_CODES

    lang = get_language()
    fixed = FIXED_CODES.get(code)
    rule = run.catalog.get(code) if run.catalog else None
    data: dict[str, Any] = {"id": code}
    if rule is not None:
        data.update(
            {
                "name": rule.title.en,
                "shortDescription": {"text": rule.title.get(lang)},
                "fullDescription": {"text": rule.rationale.get(lang)},
                "help": {
                    "text": rule.fix.get(lang),
                    "markdown": f"{rule.fix.get(lang)}\n\n{rule.basis.text.get(lang)}",
                },
                "helpUri": rule.sources[0],
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {
                    "tags": [
                        "gdb",
                        rule.area,
                        *(["recommendation"] if rule.recommendation else []),
                    ],
                    "applies_from": rule.applies_from,
                    "basis_kind": rule.basis.kind,
                    "recommendation": rule.recommendation,
                },
            }
        )
    elif fixed is not None:
        data.update(
            {
                "name": fixed.title["en"],
                "shortDescription": {"text": pick(fixed.title, lang)},
                "fullDescription": {"text": pick(fixed.rationale, lang)},
                "help": {"text": pick(fixed.fix, lang)},
                "helpUri": help_uri(code),
                "defaultConfiguration": {"level": _LEVEL.get(severity, "error")},
                "properties": {
                    "tags": ["gdb", "schema"],
                    "basis_kind": "consistency",
                    "recommendation": False,
                },
            }
        )
    return data


def _result(
    finding: Finding, index: int, level: str, fields: Fields | None = None
) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": max(1, finding.line or 1)}
    if finding.column is not None:
        region["startColumn"] = max(1, finding.column)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": level,
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(finding.file)},
                    "region": region,
                },
                "logicalLocations": [{"fullyQualifiedName": finding.path}] if finding.path else [],
            }
        ],
        "properties": {
            "path": finding.path,
            "location_label": human_location(finding.path, fields=fields),
            "applies_from": finding.applies_from,
            "basis_kind": kind_of(finding),
            "recommendation": kind_of(finding) == "practice",
        },
    }
    if not finding.path:
        del result["locations"][0]["logicalLocations"]
    return result


def _results(run: CheckRun, index: Callable[[Finding], int]) -> Iterator[dict[str, Any]]:
    fields = run.handbook.fields if run.handbook is not None else None
    for report in run.reports:
        for finding in report.findings:
            yield _result(finding, index(finding), _LEVEL.get(finding.severity, "note"), fields)
        for finding in report.open:
            failing = finding in report.failing
            result = _result(finding, index(finding), "error" if failing else "note", fields)
            result["properties"]["open"] = True
            yield result
        for finding in report.accepted:
            result = _result(finding, index(finding), _LEVEL.get(finding.severity, "note"), fields)
            result["suppressions"] = [
                {"kind": "inSource", "justification": str(finding.extra.get("reason", ""))}
            ]
            yield result


def _rules(run: CheckRun) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The driver's rules in the order their codes first appear among the results."""
    rules: list[dict[str, Any]] = []
    index_of: dict[str, int] = {}
    for report in run.reports:
        for finding in (*report.findings, *report.open, *report.accepted):
            if finding.code not in index_of:
                index_of[finding.code] = len(rules)
                rules.append(_rule_data(run, finding.code, finding.severity))
    return rules, index_of


def _skeleton(run: CheckRun, rules: list[dict[str, Any]], results: Any) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gdb",
                        "version": __version__,
                        "informationUri": "https://gemeinsamdigital.berlin.de/de/handbuch/",
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": run.exit_code != 2,
                        "exitCode": run.exit_code,
                    }
                ],
            }
        ],
    }


def run_data(run: CheckRun) -> dict[str, Any]:
    """The whole log as data (for tests and small runs; `write` streams it)."""
    rules, index_of = _rules(run)
    return _skeleton(run, rules, list(_results(run, lambda f: index_of[f.code])))


def write(run: CheckRun, stream: TextIO) -> None:
    """The log, written result by result (memory: one result at a time)."""
    from gdb_cli.render.json_stream import streamed, write_document

    rules, index_of = _rules(run)
    write_document(
        stream,
        _skeleton(run, rules, streamed("results")),
        {"results": lambda: _results(run, lambda f: index_of[f.code])},
    )


def render(run: CheckRun) -> str:
    buffer = io.StringIO()
    write(run, buffer)
    return buffer.getvalue()
