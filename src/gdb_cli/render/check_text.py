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
        "next_also": {"de": " Außerdem: {items}.", "en": " Also: {items}."},
        "next_also_open": {
            "de": " Vor dem Wechsel in Phase {next}: {items}.",
            "en": " Before moving to phase {next}: {items}.",
        },
        "group_open_head": {
            "de": "  Offen für den Abschluss von Phase {phase} ({count})",
            "en": "  Open for leaving phase {phase} ({count})",
        },
        "group_open_more": {
            "de": "  Außerdem offen für den Abschluss von Phase {phase} ({count})",
            "en": "  Also open for leaving phase {phase} ({count})",
        },
        "group_open_gate": {
            "de": " – blockiert den Übergang in Phase {next} (--gate)",
            "en": " – blocks the move to phase {next} (--gate)",
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

# Where a long line's continuation lines start in a terminal (a segment never shown; its
# spaces move the indent further in): under the message, not under the code.
HANG: Segment = ("", "hang")
# " · " in plain text; in a terminal, when the line is too long, the start of a row of its own
# (the command that fixes what the line names).
BREAK: Segment = (" · ", "break")
# Around text that a terminal row must not break (a command to copy).
KEEP: Segment = ("", "keep")
UNKEEP: Segment = ("", "/keep")


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
    """One file for people: next steps, the other findings by area, the other open items by
    interview section, accepted exceptions – never more lines than `--format concise` needs for
    the same file (the next-steps block gets the lines the grouping saves)."""
    lines: list[Line] = [_header(run, report)]
    if report.input_error:
        lines.extend(_finding_line(f, _(f.severity), f.severity) for f in report.findings)
        lines.append([])
        return lines
    budget = _concise_count(report)
    for limit, gap, headings in _SHAPES:
        lines = _grouped_body(run, report, limit, gap, headings)
        if len(lines) <= budget:
            break
    return lines


# (next steps, blank line after them, area headings) – the first shape that needs no more lines
# than the concise format is shown. The last one always fits (its one step stands in for at least
# the finding it names), so the most important step and its fix command are never dropped.
_SHAPES = (
    (3, True, True),
    (3, False, True),
    (3, False, False),
    (2, False, False),
    (1, False, False),
)


def _concise_count(report: Report) -> int:
    """How many lines `--format concise` writes for the file (see `_report_lines`)."""
    count = 2 + len(report.findings) + len(report.skipped_sections)
    if report.open:
        count += 1 + len(report.open)
    if report.accepted:
        count += 1 + len(report.accepted)
    return count


def _grouped_body(
    run: CheckRun, report: Report, limit: int, gap: bool, headings: bool
) -> list[Line]:
    from gdb_cli.views.next_steps import next_steps

    root = run.handbook.root if run.handbook is not None else None
    fields = run.handbook.fields if run.handbook is not None else None
    lines = [_header(run, report)]
    steps = next_steps(report, run.catalog, root, limit=limit, gather=True) if limit else []
    if len(steps) == 1:
        lines.append([(_("next_head") + " ", "bold"), *_step_line(steps[0], report, fields)])
    elif steps:
        lines.append([(_("next_head"), "bold")])
        for number, step in enumerate(steps, 1):
            lines.append([(f"  {number}. ", "bold"), *_step_line(step, report, fields)])
    if steps and gap:
        lines.append([])
    shown = {id(f) for step in steps for f in step.findings}
    findings = [f for f in report.findings if id(f) not in shown]
    for heading, group in _by_area(run, findings):
        rules = _by_rule(group)
        if len(rules) == 1 or not headings:  # the area named in the line, no heading line
            lines.extend(_rule_lines(rule, fields, area=heading) for rule in rules)
            continue
        lines.append([(f"  {heading}", "bold")])
        lines.extend(_rule_lines(rule, fields) for rule in rules)
    for section in report.skipped_sections:
        lines.append([(_("skipped_section", section=section), "yellow")])
    opens = [f for f in report.open if id(f) not in shown]
    if opens:
        phase = report.phase or 1
        gate = report.gate
        if len(opens) == len(report.open):
            head = _("group_open_head", phase=phase, count=len(opens))
        else:
            head = _("group_open_more", phase=phase, count=len(opens))
        if gate:
            head += _("group_open_gate", next=phase + 1)
        lines.append([(head + ":", "magenta")])
        lines.extend(_open_sections(opens, report, fields, root))
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
                    HANG,
                    (_placed_message([finding], fields) + tail, None),
                ]
            )
    lines.append([])
    return lines


def _step_line(step: Any, report: Report, fields: Any) -> Line:
    """`CODE message. Außerdem: place (CODE), … · Beheben: gdb init … · Warum: gdb rules CODE` –
    the command fixes every finding the step names (in a terminal it starts a row of its own)."""
    by_code = _by_code(step.findings)
    lead = by_code.pop(step.finding.code)
    text = _placed_message(lead, fields)
    if step.kind == "open":
        text = _("next_open", next=(report.phase or 1) + 1) + text
    title = pick(step.section_title) if step.section_title else ""
    opened = {id(f) for f in report.open}
    now = [g for g in by_code.values() if id(g[0]) not in opened]
    later = [g for g in by_code.values() if id(g[0]) in opened]
    if step.kind == "open":  # the step already says "before moving to phase N"
        now, later = now + later, []
    if now:
        text += _("next_also", items=_items(now, fields, title))
    if later:
        items = _items(later, fields, title)
        text += _("next_also_open", next=(report.phase or 1) + 1, items=items)
    code: Line = [(step.finding.code, "bold"), (" ", None)]
    if step.kind != "open":  # (an open item's text says "before moving to phase N")
        first = step.finding
        code += [(mark(_(first.severity), first), _STYLE.get(first.severity)), ("  ", None)]
    elif is_recommendation(step.finding):
        code.insert(1, (f" ({basis_label('practice')})", None))
    fix = step.fix_command(report.file)
    why = _command("next_why", step.why_command(), "dim")
    tail: Line = (
        [*_command("next_fix", fix, "green"), (" · ", "dim"), *why]
        if fix
        else _command("next_toml", step.why_command(), "dim")
    )
    return [
        HANG,
        *code,
        (clean_line(text), None),
        *_line_numbers(step.findings),
        BREAK,
        *tail,
    ]


def _command(key: str, command: str, style: str) -> Line:
    """ "Beheben: gdb init …" with the command kept whole on one row in a terminal (a command
    broken over two rows would be copied as two)."""
    before, _mark, after = _(key, command="\0").partition("\0")
    return [KEEP, (before, style), (command, style), UNKEEP, (after, style)]


def _by_code(findings: list[Finding]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding)
    return groups


def _items(groups: list[list[Finding]], fields: Any, title: str) -> str:
    """ "Budget (RES002 Fehler), Meilensteine (RES007)": each place in words once (without the
    section's own name in front), with the codes that concern it; errors say so."""
    from gdb_cli.views.locations import human_locations, within

    places: dict[str, list[str]] = {}
    for group in groups:
        paths = [f.path for f in group]
        place = human_locations(paths, fields=fields) if any(paths) else ""
        place = within(place, title)
        code = group[0].code
        if group[0].severity == "error":
            code = f"{code} {_('error')}"
        places.setdefault(place, []).append(code)
    return ", ".join(
        f"{place} ({', '.join(codes)})" if place else ", ".join(codes)
        for place, codes in places.items()
    )


def _open_sections(opens: list[Finding], report: Report, fields: Any, root: Any) -> list[Line]:
    """The open items, one line per interview section that fills them (errors first), naming
    what is missing and the command that asks for it; items the interview does not ask, one line
    per top-level table with `gdb rules CODE` for the TOML to add."""
    from gdb_cli.views.locations import asking_section, human_location
    from gdb_cli.views.next_steps import fix_command

    rank = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(opens, key=lambda f: rank.get(f.severity, 9))
    sections: dict[str, tuple[str, str | None, list[Finding]]] = {}
    for finding in ordered:
        found = asking_section(finding.path, root) if finding.path else None
        if found is not None:
            key, title, section = found[0], pick(found[1]), found[0]
            command = fix_command(report.file, section, found[1])
        else:
            top = finding.path.split(".")[0].split("[")[0]
            key = "\0" + top
            title = human_location(top, fields=fields) if top else _("other_area")
            command = None
        entry = sections.setdefault(key, (title, command, []))
        entry[2].append(finding)
    lines: list[Line] = []
    for title, command, group in sections.values():
        items = _items(list(_by_code(group).values()), fields, title)
        if command:
            tail = _command("next_fix", command, "green")
        else:
            tail = _command("next_toml", f"gdb rules {group[0].code}", "dim")
        lines.append(
            [
                ("    ", None),
                ("  ", "hang"),  # continuation rows two cells in from the section's name
                (clean_line(title), "bold"),
                (": ", None),
                (clean_line(items), None),
                BREAK,
                *tail,
            ]
        )
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


def _rule_lines(group: list[Finding], fields: Any, area: str = "") -> Line:
    """One line for every place of one rule in one file; with `area`, the area's name in front
    (an area with a single rule gets no heading of its own)."""
    first = group[0]
    label = mark(_(first.severity), first)
    start: Line = [("  ", None), (area, "bold"), (": ", None)] if area else [("    ", None)]
    line: Line = [
        *start,
        (first.code, "bold"),
        (" ", None),
        (label, _STYLE.get(first.severity)),
        ("  ", None),
        HANG,
        (_placed_message(group, fields), None),
    ]
    line.extend(_line_numbers(group))
    return line


def _line_numbers(group: list[Finding]) -> Line:
    """` · Zeilen 26, 32, 37, 42, …` – where to look in the file (nothing for line 1)."""
    numbers = sorted({f.line for f in group if f.line is not None and f.line > 1})
    if not numbers:
        return []
    shown = ", ".join(str(n) for n in numbers[:_MAX_LINES])
    if len(numbers) > _MAX_LINES:
        shown += ", …"
    return [(" · " + _("line_1" if len(numbers) == 1 else "line_n", lines=shown), "dim")]


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

    return "".join(clean(text) for text, style in line if style != "hang") + "\n"


def show(run: CheckRun, quiet: bool = False, concise: bool = False) -> None:
    """Print to stdout: coloured through rich in a terminal, plain otherwise (written file by
    file, never the whole output held at once). In a terminal a long line is wrapped at its
    width with its continuation lines under the message (hanging indent)."""
    if not stdout_is_terminal() or no_color():
        for block in iter_blocks(run, quiet, concise):
            sys.stdout.write("".join(_plain(line) for line in block))
        return
    from gdb_cli.output import console as make_console

    console = make_console()
    # concise and quiet lines stay whole (the terminal wraps them): one line per place to copy
    width = None if quiet or concise else console.width
    for line in iter_lines(run, quiet, concise):
        for row in wrapped(line, width):
            console.print(row, soft_wrap=True)


def wrapped(line: Line, width: int | None) -> list[Any]:
    """The line as rich `Text` rows of at most `width` cells (None: one row; a single word
    longer than the width keeps its row): rows after the first start under the `HANG` mark –
    or four cells in from the line's own indent when the mark sits beyond half the width –, and
    a line too long for one row starts a new row at each `BREAK`."""
    from rich.cells import cell_len
    from rich.text import Text

    from gdb_cli.output import clean

    text = Text()
    hang = None
    breaks: list[tuple[int, int]] = []
    kept: list[list[int]] = []
    for part, style in line:
        if style == "hang":  # (its text is not shown: it moves the indent further in)
            hang = len(text.plain) + len(part)
            continue
        if style in ("keep", "/keep"):
            if style == "keep":
                kept.append([len(text.plain), len(text.plain)])
            else:
                kept[-1][1] = len(text.plain)
            continue
        if style == "break":
            breaks.append((len(text.plain), len(text.plain) + len(clean(part))))
        text.append(clean(part), style=None if style == "break" else style or "")
    plain = text.plain
    if width is None or cell_len(plain) <= width:
        return [text]
    own = len(plain) - len(plain.lstrip(" "))
    indent = cell_len(plain[:hang]) if hang is not None else own + 4
    if indent > width // 2:
        indent = own + 4
    spans = []
    start = 0
    for begin, end in breaks:
        spans.append((start, begin))
        start = end
    spans.append((start, len(plain)))
    rows: list[Any] = []
    for begin, end in spans:
        first = width if not rows else None
        for row_start, row_end in _rows(plain, begin, end, first, width - indent, kept):
            row = text[row_start:row_end]
            rows.append(row if not rows else Text(" " * indent) + row)
    return rows


def _rows(
    plain: str, begin: int, end: int, first: int | None, room: int, kept: list[list[int]]
) -> list[tuple[int, int]]:
    """Greedy word wrap of `plain[begin:end]`: (start, end) of each row; the first row has
    `first` cells (it starts at the line's beginning), the others `room`. A place in words
    ("Ressourcen › Budget") and a `kept` span are not split."""
    import re

    from rich.cells import cell_len

    units: list[list[int]] = []
    for match in re.finditer(r"\S+(?: › \S+)*", plain[:end]):
        if match.start() < begin:
            continue
        inside = any(a <= match.start() < b for a, b in kept)
        if inside and units and any(a <= units[-1][0] < b for a, b in kept):
            units[-1][1] = match.end()  # (the same kept span: one unit)
        else:
            units.append([match.start(), match.end()])
    rows: list[tuple[int, int]] = []
    row_start = row_end = begin
    used = 0
    limit = first if first is not None else room
    for start, stop in units:
        if row_end == row_start:  # the row's first word
            if first is None or rows:
                row_start = start
                gap = 0
            else:
                gap = cell_len(plain[row_start:start])
        else:
            gap = cell_len(plain[row_end:start])
        word = cell_len(plain[start:stop])
        if row_end > row_start and used + gap + word > limit:
            rows.append((row_start, row_end))
            row_start, used, limit, gap = start, 0, room, 0
        used += gap + word
        row_end = stop
    if row_end > row_start:
        rows.append((row_start, row_end))
    return rows
