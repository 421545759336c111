"""`gdb check` as text for people: per file the next steps, then the findings grouped by area
(thesis-6 areas first) with one line per rule naming every place in words ("Ziele 1–6 ›
Indikatoren"), open items, accepted exceptions, a summary line – plain when piped, coloured
(rich) in a terminal.

`--format concise` keeps one line per place for editors and grep:
`file:line:col: CODE severity key.path: message`. Charter text inside messages is shown literally
(control characters and escape sequences removed; rich markup is never interpreted because lines
are built as `rich.text.Text`, not markup).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from gdb_cli.engine.basis import is_recommendation, mark
from gdb_cli.engine.basis import label as basis_label
from gdb_cli.engine.run import CheckRun
from gdb_cli.findings import Finding
from gdb_cli.i18n import Catalog, pick
from gdb_cli.output import clean_line, no_color, stdout_is_terminal
from gdb_cli.render.words import counted

if TYPE_CHECKING:
    from gdb_cli.engine import Report

_ = Catalog(
    {
        "error": {"de": "Fehler", "en": "error"},
        "warning": {"de": "Warnung", "en": "warning"},
        "info": {"de": "Hinweis", "en": "info"},
        "open": {"de": "offen", "en": "open"},
        "accepted": {"de": "akzeptiert", "en": "accepted"},
        "phase": {"de": "Phase {number} – {name}", "en": "phase {number} – {name}"},
        "no_phase": {"de": "Phase unbekannt", "en": "phase unknown"},
        "clean": {"de": "keine Befunde", "en": "no findings"},
        "unreadable": {"de": "nicht lesbar", "en": "not readable"},
        "not_found": {"de": "nicht gefunden", "en": "not found"},
        "not_found_count": {"de": ", {count} nicht gefunden", "en": ", {count} not found"},
        "open_head": {
            "de": "  Offen für den Abschluss von Phase {phase} ({count}):",
            "en": "  Open for leaving phase {phase} ({count}):",
        },
        "open_gate_head": {
            "de": "  Offen für den Abschluss von Phase {phase} ({count}) – blockiert den "
            "Übergang in Phase {next} (--gate):",
            "en": "  Open for leaving phase {phase} ({count}) – blocks the move to phase "
            "{next} (--gate):",
        },
        "accepted_head": {
            "de": "  Akzeptierte Ausnahmen ({count}):",
            "en": "  Accepted exceptions ({count}):",
        },
        "reason": {"de": "Begründung", "en": "reason"},
        "skipped_section": {
            "de": "  Die Regeln für [{section}] wurden übersprungen, bis der Abschnittsname "
            "stimmt.",
            "en": "  The rules for [{section}] were skipped until the section name is right.",
        },
        "summary": {
            "de": "{files} {files_word} geprüft{not_found}: {errors} Fehler, {warnings} "
            "{warnings_word}, {infos} {infos_word}, {open} offen, {accepted} akzeptiert.",
            "en": "{files} {files_word} checked{not_found}: {errors} {errors_word}, {warnings} "
            "{warnings_word}, {infos} {infos_word}, {open} open, {accepted} accepted.",
        },
        "verdict_ok": {"de": "Ergebnis: bestanden.", "en": "Result: passed."},
        "verdict_ok_phase": {
            "de": "Ergebnis: bestanden für Phase {phase}.",
            "en": "Result: passed for phase {phase}.",
        },
        "open_one_1": {
            "de": " Vor dem Wechsel in Phase {next} ist noch {count} Punkt offen (gdb status "
            "{file}).",
            "en": " {count} item still open before moving to phase {next} (gdb status {file}).",
        },
        "open_one_n": {
            "de": " Vor dem Wechsel in Phase {next} sind noch {count} Punkte offen (gdb status "
            "{file}).",
            "en": " {count} items still open before moving to phase {next} (gdb status {file}).",
        },
        "open_many_1": {
            "de": " Für den Wechsel in die nächste Phase ist noch {count} Punkt offen "
            "({files} {files_word}; Details: gdb status DATEI).",
            "en": " {count} item still open before moving to the next phase ({files} "
            "{files_word}; details: gdb status FILE).",
        },
        "open_many_n": {
            "de": " Für den Wechsel in die nächste Phase sind noch {count} Punkte offen "
            "({files} {files_word}; Details: gdb status DATEI).",
            "en": " {count} items still open before moving to the next phase ({files} "
            "{files_word}; details: gdb status FILE).",
        },
        "verdict_fail_1": {
            "de": "Ergebnis: nicht bestanden ({count} blockierender Befund).",
            "en": "Result: failed ({count} blocking finding).",
        },
        "verdict_fail_n": {
            "de": "Ergebnis: nicht bestanden ({count} blockierende Befunde).",
            "en": "Result: failed ({count} blocking findings).",
        },
        "verdict_input": {
            "de": "Ergebnis: Eingabefehler – mindestens eine Datei konnte nicht geprüft werden.",
            "en": "Result: input error – at least one file could not be checked.",
        },
        "statistics": {"de": "Statistik (je Code):", "en": "Statistics (per code):"},
        "next_head": {"de": "  Als Nächstes:", "en": "  Next steps:"},
        "next_open": {
            "de": "vor dem Wechsel in Phase {next}: ",
            "en": "before moving to phase {next}: ",
        },
        "next_more_1": {
            "de": " Dazu {count} weiterer Punkt im Abschnitt „{section}“.",
            "en": " Plus {count} more item in the section “{section}”.",
        },
        "next_more_n": {
            "de": " Dazu {count} weitere Punkte im Abschnitt „{section}“.",
            "en": " Plus {count} more items in the section “{section}”.",
        },
        "next_fix": {"de": "Beheben: {command}", "en": "Fix: {command}"},
        "next_why": {"de": "Warum: {command}", "en": "Why: {command}"},
        "next_toml": {
            "de": "Beheben in der Datei: siehe {command}",
            "en": "Fix in the file: see {command}",
        },
        "line_1": {"de": "Zeile {lines}", "en": "line {lines}"},
        "line_n": {"de": "Zeilen {lines}", "en": "lines {lines}"},
        "thesis6_area": {"de": "{area} – These 6", "en": "{area} – thesis 6"},
        "other_area": {"de": "Weitere Befunde", "en": "Other findings"},
        "places": {"de": "{title} – {places}", "en": "{title} – {places}"},
        "stat_open": {"de": "{count} offen", "en": "{count} open"},
    }
)

_STYLE = {
    "error": "bold red",
    "warning": "yellow",
    "info": "cyan",
    "open": "magenta",
    "accepted": "green",
}

Segment = tuple[str, str | None]
Line = list[Segment]


def _plural(key: str, number: int, **params: Any) -> str:
    """The singular (`key_1`) or plural (`key_n`) text for `number`."""
    return _(f"{key}_1" if number == 1 else f"{key}_n", **params)


def _finding_line(finding: Finding, label: str, style_key: str, tail: str = "") -> Line:
    line: Line = [
        (f"{finding.location()}: ", None),
        (finding.code, "bold"),
        (" ", None),
        (label, _STYLE.get(style_key)),
        (" ", None),
    ]
    if finding.path:
        line.append((clean_line(finding.path) + ":", "dim"))
        line.append((" ", None))
    line.append((clean_line(finding.message) + tail, None))
    return line


def _open_line(finding: Finding) -> Line:
    """An open item: `CODE offen (Fehler) message` – the severity it will have later."""
    severity = mark(_(finding.severity), finding, inner=True)
    return _finding_line(finding, f"{_('open')} ({severity})", "open")


def _phase_label(run: CheckRun, report: Report) -> str:
    if report.phase is None:
        return _("no_phase")
    phase = run.handbook.phase(report.phase) if run.handbook else None
    name = phase.name.get() if phase else ""
    return _("phase", number=report.phase, name=name)


def iter_blocks(run: CheckRun, quiet: bool, concise: bool = False) -> Iterator[list[Line]]:
    """The lines file by file, then the closing lines: a check of thousands of files is written
    as it is rendered."""
    for report in run.reports:
        if quiet or concise:
            yield _report_lines(run, report, quiet)
        else:
            yield _grouped_lines(run, report)
    if not quiet:
        yield _closing_lines(run)


def iter_lines(run: CheckRun, quiet: bool, concise: bool = False) -> Iterator[Line]:
    """The lines one by one (see `iter_blocks`)."""
    for block in iter_blocks(run, quiet, concise):
        yield from block


def _report_lines(run: CheckRun, report: Report, quiet: bool) -> list[Line]:
    if quiet:
        lines = [_finding_line(f, mark(_(f.severity), f), f.severity) for f in report.findings]
        lines.extend(_open_line(f) for f in report.open if f in report.failing)
        return lines
    if report.not_found:
        state = _("not_found")
    elif report.input_error:
        state = _("unreadable")
    elif not (report.findings or report.open or report.accepted):
        state = f"{_phase_label(run, report)}, {_('clean')}"
    else:
        state = _phase_label(run, report)
    lines = [[(clean_line(report.file), "bold"), (f" ({state})", "dim")]]
    lines.extend(_finding_line(f, mark(_(f.severity), f), f.severity) for f in report.findings)
    for section in report.skipped_sections:
        lines.append([(_("skipped_section", section=section), "yellow")])
    if report.open:
        phase = report.phase or 1
        key = "open_gate_head" if report.gate else "open_head"
        lines.append([(_(key, phase=phase, next=phase + 1, count=len(report.open)), "magenta")])
        lines.extend(_open_line(f) for f in report.open)
    if report.accepted:
        lines.append([(_("accepted_head", count=len(report.accepted)), "green")])
        for finding in report.accepted:
            reason = clean_line(finding.extra.get("reason", ""))
            tail = f" — {_('reason')}: {reason}"
            lines.append(_finding_line(finding, _("accepted"), "accepted", tail))
    lines.append([])
    return lines


def _header(run: CheckRun, report: Report) -> Line:
    if report.not_found:
        state = _("not_found")
    elif report.input_error:
        state = _("unreadable")
    elif not (report.findings or report.open or report.accepted):
        state = f"{_phase_label(run, report)}, {_('clean')}"
    else:
        state = _phase_label(run, report)
    return [(clean_line(report.file), "bold"), (f" ({state})", "dim")]


def _grouped_lines(run: CheckRun, report: Report) -> list[Line]:
    """One file for people: next steps, findings by area (one line per rule), open items,
    accepted exceptions."""
    from gdb_cli.views.next_steps import next_steps

    root = run.handbook.root if run.handbook is not None else None
    fields = run.handbook.fields if run.handbook is not None else None
    lines = [_header(run, report)]
    if report.input_error:
        lines.extend(_finding_line(f, _(f.severity), f.severity) for f in report.findings)
        lines.append([])
        return lines
    steps = next_steps(report, run.catalog, root)
    if steps:
        lines.append([(_("next_head"), "bold")])
        for number, step in enumerate(steps, 1):
            lines.extend(_step_lines(number, step, report, fields))
        lines.append([])
    for heading, findings in _by_area(run, report.findings):
        lines.append([(f"  {heading}", "bold")])
        lines.extend(_rule_lines(group, fields) for group in _by_rule(findings))
    for section in report.skipped_sections:
        lines.append([(_("skipped_section", section=section), "yellow")])
    if report.open:
        phase = report.phase or 1
        key = "open_gate_head" if report.gate else "open_head"
        lines.append([(_(key, phase=phase, next=phase + 1, count=len(report.open)), "magenta")])
        lines.extend(_rule_lines(group, fields, opened=True) for group in _by_rule(report.open))
    if report.accepted:
        lines.append([(_("accepted_head", count=len(report.accepted)), "green")])
        for finding in report.accepted:
            reason = clean_line(finding.extra.get("reason", ""))
            tail = f" — {_('reason')}: {reason}"
            lines.append(
                [
                    ("    ", None),
                    (finding.code, "bold"),
                    (" ", None),
                    (_("accepted"), "green"),
                    ("  ", None),
                    (_placed_message([finding], fields) + tail, None),
                ]
            )
    lines.append([])
    return lines


def _step_lines(number: int, step: Any, report: Report, fields: Any) -> list[Line]:
    finding = step.finding
    text = _placed_message([finding], fields)
    if step.kind == "open":
        text = _("next_open", next=(report.phase or 1) + 1) + text
    more = len(step.findings) - 1
    if more and step.section_title:
        section = clean_line(pick(step.section_title))
        text += _plural("next_more", more, count=more, section=section)
    code = finding.code
    if is_recommendation(finding):
        code = f"{code} ({basis_label('practice')})"
    lines: list[Line] = [[(f"  {number}. ", "bold"), (code, "bold"), (" ", None), (text, None)]]
    fix = step.fix_command(report.file)
    why = _("next_why", command=step.why_command())
    if fix:
        lines.append([("     ", None), (_("next_fix", command=fix), "green"), (f" · {why}", "dim")])
    else:
        lines.append([("     ", None), (_("next_toml", command=step.why_command()), "dim")])
    return lines


def _by_area(run: CheckRun, findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """(heading, findings) per area: thesis-6 areas first, then the others in catalogue order,
    then findings of no area (schema, consistency)."""
    from gdb_cli.views.next_steps import area_of

    catalog = run.catalog
    areas = list(catalog.areas) if catalog is not None else []
    ordered = [a for a in areas if a.thesis6] + [a for a in areas if not a.thesis6]
    buckets: dict[str | None, list[Finding]] = {}
    for finding in findings:
        buckets.setdefault(area_of(finding, catalog), []).append(finding)
    result = []
    for area in ordered:
        if area.id in buckets:
            label = area.label.get()
            heading = _("thesis6_area", area=label) if area.thesis6 else label
            result.append((heading, buckets.pop(area.id)))
    rest = [f for group in buckets.values() for f in group]
    if rest:
        result.append((_("other_area"), rest))
    return result


def _by_rule(findings: list[Finding]) -> list[list[Finding]]:
    """Findings of one code together, in order of first appearance; most severe rules first."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding)
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted(groups.values(), key=lambda group: rank.get(group[0].severity, 9))


def _rule_lines(group: list[Finding], fields: Any, opened: bool = False) -> Line:
    """One line for every place of one rule in one file."""
    first = group[0]
    if opened:
        label = f"{_('open')} ({mark(_(first.severity), first, inner=True)})"
    else:
        label = mark(_(first.severity), first)
    line: Line = [
        ("    ", None),
        (first.code, "bold"),
        (" ", None),
        (label, _STYLE.get("open" if opened else first.severity)),
        ("  ", None),
        (_placed_message(group, fields), None),
    ]
    numbers = list(dict.fromkeys(f.line for f in group if f.line is not None and f.line > 1))
    if numbers:
        shown = ", ".join(str(n) for n in numbers[:_MAX_LINES])
        if len(numbers) > _MAX_LINES:
            shown += ", …"
        line.append((" · " + _("line_1" if len(numbers) == 1 else "line_n", lines=shown), "dim"))
    return line


_MAX_LINES = 4


_PLACE = "\ue000"  # a private-use character: never in a message, kept by clean_line


def _placed_message(group: list[Finding], fields: Any) -> str:
    """The message with its key path in words; for several places one message naming them all
    ("… (Ziele 1–6 › Indikatoren: 0 von mindestens 1)"), or the rule's title and the places when
    the messages differ in more than the place."""
    from gdb_cli.views.locations import human_locations

    first = group[0]
    paths = [f.path for f in group]
    place = human_locations(paths, fields=fields) if any(paths) else ""
    templates = {clean_line(_with_place(f.message, f.path)) for f in group}
    if len(templates) == 1:
        template = templates.pop()
        if _PLACE in template:
            return template.replace(_PLACE, place)
        if place:
            return f"{place}: {template}"
        return template
    title = clean_line(str(first.extra.get("title") or first.message))
    return _("places", title=title, places=place)


def _with_place(message: str, path: str) -> str:
    """The message with its key path (also as a TOML table header `[[path]]`) replaced by a
    placeholder for the place in words."""
    if not path:
        return message
    for form in (f"[[{path}]]", f"[{path}]", path):
        message = message.replace(form, _PLACE)
    return message


def _closing_lines(run: CheckRun) -> list[Line]:
    """Statistics (when asked for), the summary and the verdict."""
    lines: list[Line] = []
    if run.statistics:
        lines.append([(_("statistics"), "bold")])
        rows = run.statistics_rows()
        width = max((len(row["code"]) for row in rows), default=0)
        for row in rows:
            extra = f"  ({_('stat_open', count=row['open'])})" if row["open"] else ""
            lines.append(
                [
                    (f"{row['count']:>5}  ", None),
                    (row["code"].ljust(width), "bold"),
                    (f"  {row['title']}{extra}", None),
                ]
            )
        lines.append([])
    lines.append([(_summary(run), "bold")])
    code = run.exit_code
    if code == 2:
        lines.append([(_("verdict_input"), "bold red")])
    elif code == 1:
        failing = run.summary()["failing"]
        lines.append([(_plural("verdict_fail", failing, count=failing), "bold red")])
    else:
        lines.append([(_verdict_ok(run), "bold green")])
    return lines


def _verdict_ok(run: CheckRun) -> str:
    """Passed – and, so that nobody reads it as "done", how much is open for the next phase."""
    if len(run.reports) == 1:
        report = run.reports[0]
        if report.phase is None:
            return _("verdict_ok")
        text = _("verdict_ok_phase", phase=report.phase)
        if report.open:
            count = len(report.open)
            text += _plural("open_one", count, count=count, next=report.phase + 1, file=report.file)
        return text
    text = _("verdict_ok")
    with_open = [r for r in run.reports if r.open]
    if with_open:
        count = sum(len(r.open) for r in with_open)
        files = len(with_open)
        text += _plural(
            "open_many", count, count=count, files=files, files_word=counted("file", files)
        )
    return text


def _summary(run: CheckRun) -> str:
    s = run.summary()
    checked = s["files"] - s["not_found"]
    return _(
        "summary",
        files=checked,
        files_word=counted("file", checked),
        not_found=_("not_found_count", count=s["not_found"]) if s["not_found"] else "",
        errors=s["errors"],
        errors_word=counted("error", s["errors"]),
        warnings=s["warnings"],
        warnings_word=counted("warning", s["warnings"]),
        infos=s["infos"],
        infos_word=counted("info", s["infos"]),
        open=s["open"],
        accepted=s["accepted"],
    )


def render(run: CheckRun, quiet: bool = False, concise: bool = False) -> str:
    """Plain text (no colours); every segment cleaned, file names included."""
    return "".join(_plain(line) for line in iter_lines(run, quiet, concise))


def _plain(line: Line) -> str:
    from gdb_cli.output import clean

    return "".join(clean(text) for text, _s in line) + "\n"


def show(run: CheckRun, quiet: bool = False, concise: bool = False) -> None:
    """Print to stdout: coloured through rich in a terminal, plain otherwise (written file by
    file, never the whole output held at once)."""
    if not stdout_is_terminal() or no_color():
        for block in iter_blocks(run, quiet, concise):
            sys.stdout.write("".join(_plain(line) for line in block))
        return
    from rich.text import Text

    from gdb_cli.output import clean
    from gdb_cli.output import console as make_console

    console = make_console()
    for line in iter_lines(run, quiet, concise):
        text = Text()
        for part, style in line:
            text.append(clean(part), style=style or "")
        console.print(text, soft_wrap=True)
