"""The rule engine: evaluate a loaded charter against the pack's rule catalogue, phase-aware.

For a charter in phase N, a rule with `applies_from <= N` is reported at its severity; a rule
with `applies_from == N + 1` is an **open item** (what must hold to leave phase N); later rules
are not looked at. Schema findings from the loader are findings too (applies_from 1). Justified
`[[exceptions]]` in the charter move matching findings to `accepted`. `failing` is what makes
`gdb check` exit with 1: errors; warnings too with `strict`; with `gate` also the open items that
would fail in phase N+1 (errors, and warnings with `strict`).

Rendering lives in `gdb_cli.render.check`; this package imports pydantic only inside `evaluate`.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from gdb_cli.findings import Finding
from gdb_cli.i18n import get_language

if TYPE_CHECKING:
    from gdb_cli.charter.load import LoadedCharter
    from gdb_cli.engine.catalog import Rule, RuleCatalog
    from gdb_cli.engine.hits import Hit
    from gdb_cli.pack.handbook import Handbook
    from gdb_cli.toml.read import Document

__all__ = ["Counts", "Report", "evaluate", "matches_selection"]

EXCEPTIONS_AREA = "exceptions"
_MAX_VALUE = 80


@dataclass
class Report:
    """The result of checking one file."""

    file: str
    phase: int | None
    findings: list[Finding] = field(default_factory=list)
    open: list[Finding] = field(default_factory=list)
    accepted: list[Finding] = field(default_factory=list)
    failing: list[Finding] = field(default_factory=list)
    input_error: bool = False
    not_found: bool = False  # the file does not exist (an input error too)
    gate: bool = False
    strict: bool = False
    as_of: dt.date | None = None
    phase_derived: bool = False  # no phase stated: `phase` was derived from the evidence
    # sections whose rules were skipped because the section name has a typo (`[mandat]`)
    skipped_sections: list[str] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        return Counts.of((self,))


@dataclass(frozen=True)
class Counts:
    """How many findings a check found, by kind: of one report (`Report.counts`) or of many
    (`Counts.of(reports)`) – the one count type of `check`, `status`, the Steckbrief and `report`.
    """

    errors: int = 0
    warnings: int = 0
    infos: int = 0
    open: int = 0
    accepted: int = 0
    failing: int = 0  # what makes the exit code 1

    @property
    def passed(self) -> bool:
        return not self.failing

    @classmethod
    def of(cls, reports: Iterable[Any]) -> Counts:
        """The counts of reports (anything with `findings`, `open`, `accepted`, `failing`)."""
        by_severity = {"error": 0, "warning": 0, "info": 0}
        open_items = accepted = failing = 0
        for report in reports:
            for finding in report.findings:
                if finding.severity in by_severity:
                    by_severity[finding.severity] += 1
            open_items += len(report.open)
            accepted += len(report.accepted)
            failing += len(report.failing)
        return cls(
            by_severity["error"],
            by_severity["warning"],
            by_severity["info"],
            open_items,
            accepted,
            failing,
        )


def matches_selection(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """True when `code` is selected (no selection = all) and not ignored (codes or prefixes)."""
    code = code.upper()
    if select and not any(code.startswith(token.upper()) for token in select):
        return False
    return not any(code.startswith(token.upper()) for token in ignore)


def evaluate(
    loaded: LoadedCharter,
    handbook: Handbook,
    as_of: dt.date | None = None,
    gate: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    strict: bool = False,
    catalog: RuleCatalog | None = None,
) -> Report:
    """Check one loaded charter; never raises for bad charter content."""
    from gdb_cli.engine import plan
    from gdb_cli.engine.catalog import load_rules
    from gdb_cli.engine.hits import CheckContext

    as_of = as_of or dt.date.today()
    report = Report(loaded.file, None, gate=gate, strict=strict, as_of=as_of)
    if loaded.document is None or not loaded.readable:
        from gdb_cli.toml.read import NOT_FOUND

        report.input_error = True
        report.not_found = any(p.extra.get(NOT_FOUND) for p in loaded.problems)
        report.findings = [p.at(loaded.file) for p in loaded.problems]
        report.failing = list(report.findings)
        return report

    catalog = catalog or load_rules(handbook)
    data = loaded.data
    document = loaded.document
    stated = _phase(data, len(handbook.phases))
    derived = derive_phase(data, catalog, len(handbook.phases), as_of)
    absent = _phase_absent(data)  # absent: derived; present but invalid: a schema finding
    report.phase = derived if absent else stated
    report.phase_derived = absent
    current = report.phase or 1

    findings: list[Finding] = [
        replace(p.at(loaded.file), applies_from=1)
        for p in loaded.problems
        if matches_selection(p.code, select, ignore)
    ]
    if data.get("schema_version") == 1 and matches_selection("SCH008", select, ignore):
        findings.append(_older_format(loaded.file, document))
    if absent and matches_selection("SCH009", select, ignore):
        findings.append(_phase_note("SCH009", loaded.file, document, derived=derived))
    elif (
        stated is not None
        and abs(stated - derived) > 1
        and matches_selection("SCH010", select, ignore)
    ):
        findings.append(_phase_note("SCH010", loaded.file, document, derived, stated))
    open_items: list[Finding] = []
    misspelt = _misspelt_sections(loaded.problems)
    report.skipped_sections = sorted(misspelt)
    context = CheckContext(data, current, as_of, plan.codes(catalog))
    labels = field_labels(handbook)
    for step in plan.steps(catalog, current, select, ignore):
        target = open_items if step.open else findings
        for hit in step.run(context):
            if misspelt and _inside(hit.path, misspelt):
                continue
            target.append(_finding(step.rule, hit, loaded.file, document, current, labels))

    exceptions = _exceptions(data, as_of)
    report.findings, accepted = _apply_exceptions(findings, exceptions, catalog)
    report.open, accepted_open = _apply_exceptions(open_items, exceptions, catalog)
    report.accepted = _sorted(accepted + accepted_open)
    report.findings = _sorted(report.findings)
    report.open = _sorted(report.open)
    failing_levels = {"error", "warning"} if strict else {"error"}
    report.failing = [f for f in report.findings if f.severity in failing_levels]
    if gate:
        report.failing += [f for f in report.open if f.severity in failing_levels]
    return report


# --- helpers -------------------------------------------------------------------------------------


def _phase(data: dict[str, Any], phases: int) -> int | None:
    measure = data.get("measure")
    value = measure.get("phase") if isinstance(measure, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= phases:
        return value
    return None


def _phase_absent(data: dict[str, Any]) -> bool:
    measure = data.get("measure")
    return isinstance(measure, dict) and "phase" not in measure


def derive_phase(data: dict[str, Any], catalog: RuleCatalog, phases: int, as_of: dt.date) -> int:
    """The phase the evidence shows: one past the highest phase whose results are all met,
    counted from phase 1 upwards (a phase not met stops the count).

    A phase's results are met when `gdb check --gate` in that phase lets the measure leave it:
    every rule that blocks leaving it – an error with `applies_from` = that phase + 1, checked as
    in that phase – holds, or what it finds is covered by a justified exception in force.
    Warnings and infos do not count: they never block leaving a phase (recommendations, or
    requirements a tool can check only in part). A phase without such a rule in the pack is not
    counted as met: nothing shows it."""
    from gdb_cli.engine import plan
    from gdb_cli.engine.hits import CheckContext

    codes = plan.codes(catalog)
    exceptions = _exceptions(data, as_of)
    failing: set[int] = set()
    counted: set[int] = set()
    for step in plan.steps(catalog, phases, (), ()):
        rule = step.rule
        phase = rule.applies_from - 1  # the phase this rule's result lets the measure leave
        if rule.severity != "error" or not 1 <= phase < phases:
            continue
        counted.add(phase)
        if phase in failing:
            continue
        hits = step.run(CheckContext(data, phase, as_of, codes))
        if any(not _excepted(rule, hit.path, exceptions) for hit in hits):
            failing.add(phase)
    derived = 1
    for phase in range(1, phases):
        if phase not in counted or phase in failing:
            break
        derived = phase + 1
    return derived


def _excepted(rule: Any, path: str, exceptions: list[_Exception]) -> bool:
    """A rule's hit at `path` is covered by a justified exception (as `_apply_exceptions`)."""
    if rule.area == EXCEPTIONS_AREA:
        return False
    return any(_covers_path(e, rule.code, path) for e in exceptions)


def _phase_note(
    code: str, file: str, document: Document, derived: int, stated: int | None = None
) -> Finding:
    """SCH009: no phase stated, derived from the evidence; SCH010: stated and evidence differ."""
    from gdb_cli.engine.fixed import FIXED_CODES

    fixed = FIXED_CODES[code]
    lang = get_language()
    path = "measure.phase" if stated is not None else "measure"
    line, column = document.locate(path) or (1, 1)
    template = (fixed.message or fixed.rationale)[lang]
    message = template.format(derived=derived, stated=stated)
    return Finding(code, fixed.severity, message, path, line, column, file, applies_from=1)


def _older_format(file: str, document: Document) -> Finding:
    """The note on a format-1 charter: still checked, `gdb migrate` makes it format 2."""
    from gdb_cli.engine.fixed import FIXED_CODES

    fixed = FIXED_CODES["SCH008"]
    lang = get_language()
    line, column = document.locate("schema_version") or (1, 1)
    message = f"{fixed.title[lang]} (schema_version 1). {fixed.fix[lang]}"
    return Finding("SCH008", "info", message, "schema_version", line, column, file, applies_from=1)


def _misspelt_sections(problems: Iterable[Finding]) -> set[str]:
    """Sections named with a typo: an unknown top-level key (SCH001) whose suggestion is a known
    section. Their rules would only repeat "missing" for what is really there under the typo."""
    from gdb_cli.charter.validator import sections as charter_sections

    sections = charter_sections()
    return {
        p.hint
        for p in problems
        if p.code == "SCH001" and p.hint in sections and p.path.isidentifier()
    }


def _inside(path: str, sections: set[str]) -> bool:
    head = path.split(".", 1)[0].split("[", 1)[0]
    return head in sections


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.line or 0, f.column or 0, f.code, f.path))


Labels = dict[str, dict[str, str]]  # closed-list id -> {language: label}
_INDEX = re.compile(r"\[\d+\]")
_labels_cache: weakref.WeakKeyDictionary[Handbook, dict[str, Labels]] = weakref.WeakKeyDictionary()


def field_labels(handbook: Handbook) -> dict[str, Labels]:
    """Key path without indices (`mandate.status`) → the labels of its closed list's ids."""
    cached = _labels_cache.get(handbook)
    if cached is None:
        from gdb_cli.charter.validator import closed_list_fields

        cached = {}
        for path, list_name in closed_list_fields().items():
            closed = handbook.vocabulary.get(list_name)
            if closed is not None:
                cached[path] = {
                    item.id: {"de": item.label.de, "en": item.label.en} for item in closed.items
                }
        _labels_cache[handbook] = cached
    return cached


def show_value(value: Any, path: str = "", labels: Labels | None = None) -> str:
    """A charter value as it appears in a message (shown literally, shortened when long).

    Numbers follow the active language (`0,5`; amounts at `…_eur` keys as `310.000 €`); an id
    from a closed list is shown as its label (`ausstehend` for `pending`) when `labels` are given.
    """
    from gdb_cli import numbers
    from gdb_cli.charter.keypaths import MISSING
    from gdb_cli.engine.hits import Shown

    lang = get_language()
    if value is MISSING or value is None:
        text = "–"
    elif isinstance(value, Shown):
        if value.kind == "amount":
            text = numbers.format_amount(value.number)
        elif value.kind == "percent":
            text = numbers.format_percent(value.number)
        else:
            text = numbers.format_number(value.number)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)) and path.endswith("_eur"):
        text = numbers.format_amount(value)
    elif isinstance(value, float):
        text = numbers.format_number(value)
    elif isinstance(value, str) and labels and value in labels:
        text = labels[value].get(lang) or value
    elif isinstance(value, dt.date):  # 15.06.2026 in German, 2026-06-15 in English
        from gdb_cli.charter.dates import format_when

        text = format_when(value, lang)
    elif isinstance(value, list):
        text = ", ".join(show_value(v, path, labels) for v in value) if value else "[]"
    elif isinstance(value, dict):
        text = "{…}"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _param(value: Any, labels: dict[str, Labels]) -> str:
    """A message parameter as shown; closed-list ids (`Ids`) by their labels."""
    from gdb_cli.engine.hits import Ids

    if isinstance(value, Ids):
        return show_value(list(value.ids), value.path, labels.get(value.path)) if value.ids else "–"
    return show_value(value)


def rule_message(
    rule: Rule, hit: Hit, phase: int | None = None, labels: dict[str, Labels] | None = None
) -> str:
    """The rule's message for one place, in the active language: the text of its finding (the
    interview shows the same text for an answer the rule would report)."""
    labels = labels or {}
    params: dict[str, str] = {
        "value": show_value(hit.value, hit.path, labels.get(_INDEX.sub("", hit.path))),
        "path": hit.path,
        "phase": "" if phase is None else str(phase),
        "count": "",
        "min": "",
        "limit": "",
        "detail": "",
    }
    params.update({key: _param(value, labels) for key, value in hit.params.items()})
    template = rule.message.get(get_language())
    try:
        return template.format(**params)
    except (KeyError, ValueError, IndexError, AttributeError):
        return template


def _finding(
    rule: Rule,
    hit: Hit,
    file: str,
    document: Document,
    phase: int,
    labels: dict[str, Labels],
) -> Finding:
    message = rule_message(rule, hit, phase, labels)
    line, column = document.locate(hit.path) or (1, 1)
    return Finding(
        code=rule.code,
        severity=rule.severity,
        message=message,
        path=hit.path,
        line=line,
        column=column,
        file=file,
        applies_from=rule.applies_from,
        extra={
            "area": rule.area,
            "title": rule.title.get(get_language()),
            "basis_kind": rule.basis.kind,
        },
    )


@dataclass(frozen=True)
class _Exception:
    code: str
    reason: str
    path: str | None


def _exceptions(data: dict[str, Any], as_of: dt.date) -> list[_Exception]:
    """The charter's justified exceptions that are in force (non-empty reason, not expired)."""
    from gdb_cli.engine.values import as_date

    entries = data.get("exceptions")
    found: list[_Exception] = []
    if not isinstance(entries, list):
        return found
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        code, reason, path = entry.get("code"), entry.get("reason"), entry.get("path")
        if not isinstance(code, str) or not isinstance(reason, str) or not reason.strip():
            continue
        until = as_date(entry.get("until"))
        if until is not None and until < as_of:
            continue
        found.append(
            _Exception(
                code.strip().upper(),
                reason.strip(),
                path.strip() if isinstance(path, str) and path.strip() else None,
            )
        )
    return found


def _covers(exception: _Exception, finding: Finding) -> bool:
    return _covers_path(exception, finding.code, finding.path)


def _covers_path(exception: _Exception, code: str, path: str) -> bool:
    if exception.code != code:
        return False
    if exception.path is None:
        return True
    return path == exception.path or path.startswith((exception.path + ".", exception.path + "["))


def _apply_exceptions(
    findings: list[Finding], exceptions: list[_Exception], catalog: RuleCatalog
) -> tuple[list[Finding], list[Finding]]:
    kept: list[Finding] = []
    accepted: list[Finding] = []
    for finding in findings:
        rule = catalog.get(finding.code)
        match = None
        if rule is not None and rule.area != EXCEPTIONS_AREA:
            match = next((e for e in exceptions if _covers(e, finding)), None)
        if match is None:
            kept.append(finding)
        else:
            accepted.append(replace(finding, extra={**finding.extra, "reason": match.reason}))
    return kept, accepted
