"""`gdb status` as text: one screen, readable at 80 columns, plain when piped or with NO_COLOR.

`render_status(status, lang, width)` returns the lines; `colourise` adds a few ANSI colours for a
terminal. All charter text goes through `output.clean_line` and is cut to the width with "…".
"""

from __future__ import annotations

import datetime as dt
import textwrap

from gdb_cli.charter.dates import earliest
from gdb_cli.i18n import Catalog
from gdb_cli.numbers import format_amount
from gdb_cli.output import clean_line
from gdb_cli.views.status import Budget, Gate, Status, StatusFinding
from gdb_cli.views.steckbrief import format_date

_ = Catalog(
    {
        "as_of": {"de": "Stand {date}", "en": "as of {date}"},
        "since": {"de": "Phase {number} seit {date}", "en": "phase {number} since {date}"},
        "current": {"de": "aktuelle Phase", "en": "current phase"},
        "current_derived": {
            "de": "aktuelle Phase (abgeleitet)",
            "en": "current phase (derived)",
        },
        "check_ok": {
            "de": "Prüfung: bestanden ({warnings}, {infos})",
            "en": "Check: passed ({warnings}, {infos})",
        },
        "check_failed": {
            "de": "Prüfung: nicht bestanden ({errors}, {warnings})",
            "en": "Check: not passed ({errors}, {warnings})",
        },
        "why_warnings": {
            "de": "Bestanden heißt: kein Fehler. Ein ✗ unten steht für eine Warnung.",
            "en": "Passed means: no error. An ✗ below stands for a warning.",
        },
        "why_open": {
            "de": "Bestanden heißt: kein Fehler in Phase {phase}. Ein ✗ unten steht für einen "
            "offenen Punkt vor dem Wechsel in Phase {next}.",
            "en": "Passed means: no error in phase {phase}. An ✗ below stands for an item still "
            "open before moving to phase {next}.",
        },
        "why_both": {
            "de": "Bestanden heißt: kein Fehler in Phase {phase}. Ein ✗ unten steht für eine "
            "Warnung oder einen offenen Punkt vor dem Wechsel in Phase {next}.",
            "en": "Passed means: no error in phase {phase}. An ✗ below stands for a warning or "
            "an item still open before moving to phase {next}.",
        },
        "severity_error": {"de": "Fehler", "en": "error"},
        "severity_warning": {"de": "Warnung", "en": "warning"},
        "severity_info": {"de": "Hinweis", "en": "info"},
        "open_severity": {"de": "offen ({severity})", "en": "open ({severity})"},
        # The same words as `gdb check` (render/check_text.py).
        "error_1": {"de": "{count} Fehler", "en": "{count} error"},
        "error_n": {"de": "{count} Fehler", "en": "{count} errors"},
        "warning_1": {"de": "{count} Warnung", "en": "{count} warning"},
        "warning_n": {"de": "{count} Warnungen", "en": "{count} warnings"},
        "info_1": {"de": "{count} Hinweis", "en": "{count} info"},
        "info_n": {"de": "{count} Hinweise", "en": "{count} infos"},
        "thesis6": {
            "de": "These 6 – sind Ressourcen, Verantwortung (samt politischem Mandat für "
            "Veränderung) und Kompetenzen geklärt?",
            "en": "Thesis 6 – are resources, responsibility (including the political mandate for "
            "change) and competencies clear?",
        },
        "no_areas": {
            "de": "(keine These-6-Bereiche im Regelkatalog)",
            "en": "(no thesis-6 areas in the rule catalogue)",
        },
        "gate": {
            "de": "Übergang in Phase {next}: {done} von {total} Punkten erledigt",
            "en": "Moving to phase {next}: {done} of {total} items done",
        },
        "gate_last": {
            "de": "Letzte Phase – kein weiterer Übergang.",
            "en": "Last phase – no further transition.",
        },
        "more": {"de": "… und {count} weitere", "en": "… and {count} more"},
        "milestones": {"de": "Meilensteine", "en": "Milestones"},
        "no_milestones": {"de": "keine Meilensteine eingetragen", "en": "no milestones recorded"},
        "today": {"de": "heute", "en": "today"},
        "overdue": {"de": "überfällig", "en": "overdue"},
        "done": {"de": "erreicht", "en": "reached"},
        "budget": {"de": "Budget", "en": "Budget"},
        "no_budget": {"de": "kein Budget eingetragen", "en": "no budget recorded"},
        "secured": {"de": "gesichert", "en": "secured"},
        "requested": {"de": "beantragt", "en": "requested"},
        "planned": {"de": "geplant", "en": "planned"},
        "other": {"de": "ohne Status", "en": "no status"},
        "gap": {"de": "ungedeckt", "en": "not covered"},
        "of_total": {"de": "von {total}", "en": "of {total}"},
        "without_amount": {"de": "{count} ohne Betrag", "en": "{count} without amount"},
        "at_least": {
            "de": "mindestens {total}, {count} ohne Betrag",
            "en": "at least {total}, {count} without amount",
        },
        "methods": {"de": "Empfohlene nächste Methoden", "en": "Recommended next methods"},
        "for_codes": {"de": "zu {codes}", "en": "for {codes}"},
        "for_phase": {"de": "passt zu Phase {phase}", "en": "fits phase {phase}"},
        "no_methods": {"de": "keine Methoden gefunden", "en": "no methods found"},
        "details": {
            "de": "Details: gdb check {file} · gdb methods show ID",
            "en": "Details: gdb check {file} · gdb methods show ID",
        },
    }
)

OK, MISSING, CURRENT, OVERDUE = "✓", "✗", "▲", "!"
BAR_SECURED, BAR_REQUESTED, BAR_PLANNED, BAR_OTHER, BAR_GAP = "█", "▓", "▒", "░", "·"


def fit(text: str, width: int) -> str:
    """`text` cut to `width` characters, with "…" when cut."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _t(key: str, lang: str, **params: object) -> str:
    return _(key, lang=lang, **params)


def _count(key: str, count: int, lang: str) -> str:
    return _t(f"{key}_1" if count == 1 else f"{key}_n", lang, count=count)


def render_status(status: Status, lang: str, width: int = 80) -> list[str]:
    width = max(60, width)
    lines: list[str] = []
    day = format_date(status.as_of, lang)
    right = _t("as_of", lang, date=day)
    title = fit(clean_line(status.title), width - len(right) - 2)
    lines.append(title + " " * (width - len(title) - len(right)) + right)
    sub = f"{status.file} · {status.measure_id}"
    if status.entered_phase_on:
        since = format_date(status.entered_phase_on, lang)
        sub += " · " + _t("since", lang, number=status.phase, date=since)
    lines.append(fit(clean_line(sub), width))
    lines.append("")
    lines += _phases(status, lang, width)
    lines.append("")
    c = status.check
    warnings = _count("warning", c.warnings, lang)
    lines.append(
        _t("check_ok", lang, warnings=warnings, infos=_count("info", c.infos, lang))
        if c.passed
        else _t("check_failed", lang, errors=_count("error", c.errors, lang), warnings=warnings)
    )
    lines += _why_not_complete(status, lang, width)
    lines.append("")
    lines += _readiness(status, lang, width)
    lines.append("")
    lines += _gate(status.gate, lang, width)
    lines.append("")
    lines += _milestones(status, lang, width)
    lines.append("")
    if status.indicators:
        lines += _indicators(status, lang, width)
        lines.append("")
    lines += _budget(status.budget, lang, width)
    lines.append("")
    lines += _methods(status, lang, width)
    return [line.rstrip() for line in lines]


def _phases(status: Status, lang: str, width: int) -> list[str]:
    count = len(status.phases) or 1
    seg = (width - 2) // count
    names = ""
    track = ""
    mark_col = 2
    for step in status.phases:
        name = fit(f"{step.number} {step.name.get(lang, '')}", seg - 1)
        names += name.ljust(seg)
        if step.state == "done":
            track += "━" * seg
        elif step.state == "current":
            half = seg // 2
            mark_col = 2 + len(track) + half
            track += "━" * half + CURRENT + "─" * (seg - half - 1)
        else:
            track += "─" * seg
    label = _t("current_derived" if status.phase_derived else "current", lang)
    # The label starts under the mark in every language (moved left only at the right edge).
    start = max(2, min(mark_col, width - len(label)))
    return ["  " + names, "  " + track, " " * start + label]


def _why_not_complete(status: Status, lang: str, width: int) -> list[str]:
    """A passed check next to a red ✗ says why: the ✗ are warnings or open items."""
    if not status.check.passed:
        return []
    marked = [f for a in status.readiness if not a.complete for f in a.findings]
    if not marked:
        return []
    warnings = any(not f.open for f in marked)
    opened = any(f.open for f in marked)
    key = "why_both" if warnings and opened else "why_open" if opened else "why_warnings"
    text = _t(key, lang, phase=status.phase, next=status.phase + 1)
    return textwrap.wrap(text, width)


def _severity(finding: StatusFinding, lang: str) -> str:
    word = _t(f"severity_{finding.severity}", lang)
    return _t("open_severity", lang, severity=word) if finding.open else word


def _readiness(status: Status, lang: str, width: int) -> list[str]:
    """The thesis-6 areas: packed side by side when all are clear; otherwise one line per area,
    each ✗ naming its most severe finding (the area is said once)."""
    lines = textwrap.wrap(_t("thesis6", lang), width)
    if not status.readiness:
        return [*lines, "  " + _t("no_areas", lang)]
    if all(a.complete for a in status.readiness):
        cells = [f"{OK} {a.label.get(lang, a.area)}" for a in status.readiness]
        cell_width = max(len(c) for c in cells) + 2
        per_line = max(1, (width - 2) // cell_width)
        for i in range(0, len(cells), per_line):
            lines.append("  " + "".join(c.ljust(cell_width) for c in cells[i : i + per_line]))
        return lines
    for area in status.readiness:
        label = area.label.get(lang, area.area)
        text = f"{OK if area.complete else MISSING} {label}"
        if not area.complete and area.findings:  # the most severe finding of the area
            finding = area.findings[0]
            text += f": {finding.code} {_severity(finding, lang)} – {finding.message}"
        wrapped = textwrap.wrap(
            clean_line(text), width, initial_indent="  ", subsequent_indent="    "
        )
        if len(wrapped) > 2:  # two rows at most; the second ends in an ellipsis
            wrapped = [wrapped[0], fit(" ".join(wrapped[1:]), width)]
        lines.extend(wrapped)
    return lines


def _gate(gate: Gate, lang: str, width: int) -> list[str]:
    if gate.next_phase is None:
        return [_t("gate_last", lang)]
    head = _t("gate", lang, next=gate.next_phase, done=gate.done, total=gate.total)
    bar_width = max(10, min(20, width - len(head) - 4))
    filled = round(bar_width * gate.done / gate.total) if gate.total else bar_width
    lines = [f"{head}  {BAR_SECURED * filled}{BAR_GAP * (bar_width - filled)}"]
    limit = 3
    for finding in gate.open[:limit]:
        lines.append(fit("  · " + clean_line(f"{finding.code} {finding.message}"), width))
    if len(gate.open) > limit:
        lines.append("  " + _t("more", lang, count=len(gate.open) - limit))
    return lines


def _label(index: int) -> str:
    return "123456789ABCDEFGHJKLMNPQRSTUVWXYZ"[index] if index < 33 else "+"


def _milestones(status: Status, lang: str, width: int) -> list[str]:
    head = _t("milestones", lang)
    if not status.milestones or status.timeline is None:
        return [f"{head}: {_t('no_milestones', lang)}"]
    start, end = status.timeline
    left = format_date(start, lang) + " "
    right = " " + format_date(end, lang)
    axis_width = width - 2 - len(left) - len(right)
    span = max(1, (end - start).days)

    def col(day: dt.date) -> int:
        fraction = min(1.0, max(0.0, (day - start).days / span))
        return round(fraction * (axis_width - 1))

    axis = ["─"] * axis_width
    axis[0], axis[-1] = "├", "┤"
    for index, mark in enumerate(status.milestones):
        first = earliest(mark.date)
        if first is not None:
            axis[col(first)] = _label(index)
    offset = 2 + len(left)
    today = _t("today", lang)
    if start <= status.as_of <= end:
        pointer = offset + col(status.as_of)
        text = f"▼ {today} {format_date(status.as_of, lang)}"
        head_line = head.ljust(pointer) + "▼"
        if pointer + len(text) <= width:
            head_line = head.ljust(pointer) + text
        elif pointer - len(text) + 1 > len(head) + 1:
            head_line = head.ljust(pointer - len(text) + 1) + text[2:] + " ▼"
    else:
        side = "◀" if status.as_of < start else "▶"
        head_line = f"{head}  ({today} {format_date(status.as_of, lang)} {side})"
    lines = [head_line, "  " + left + "".join(axis) + right]
    for index, mark in enumerate(status.milestones[:6]):
        flag = OVERDUE if mark.overdue else OK if mark.done else " "
        state = f" – {_t('overdue', lang)}" if mark.overdue else ""
        state = f" – {_t('done', lang)}" if mark.done else state
        when = format_date(mark.date, lang) if mark.date else "—"
        text = f"{flag} {_label(index)} {when}  {clean_line(mark.name)}"
        lines.append(fit("  " + text, width - len(state)) + state)
    if len(status.milestones) > 6:
        lines.append("  " + _t("more", lang, count=len(status.milestones) - 6))
    return lines


def _indicators(status: Status, lang: str, width: int, limit: int = 6) -> list[str]:
    """Each indicator's latest measurement against baseline and target, the readings in one
    column; names are cut first, and a reading goes to a line of its own when both do not fit."""
    head = status.labels.get("indicators", {}).get(lang, "")
    lines = [head] if head else []
    shown = status.indicators[:limit]
    names = [clean_line(item.label.get(lang, "")) for item in shown]
    texts = [clean_line(item.text.get(lang, "")) for item in shown]
    column = min(max(len(n) for n in names), width - 5 - max(len(t) for t in texts))
    for name, text in zip(names, texts, strict=True):
        if column >= min(len(name), 24):
            lines.append(f"  {fit(name, column).ljust(column)} – {text}")
        else:
            lines += [fit(f"  {name}", width), fit(f"    {text}", width)]
    if len(status.indicators) > limit:
        lines.append("  " + _t("more", lang, count=len(status.indicators) - limit))
    return lines


def _legend_item(char: str, key: str, amount: float, unknown: int, lang: str) -> str:
    """`▒ geplant 40.000 €`; lines without an amount are counted, never shown as 0 €."""
    if not unknown:
        return f"{char} {_t(key, lang)} {format_amount(amount, lang)}"
    without = _t("without_amount", lang, count=unknown)
    if not amount:
        return f"{char} {_t(key, lang)}: {without}"
    return f"{char} {_t(key, lang)} {format_amount(amount, lang)} + {without}"


def _budget(budget: Budget, lang: str, width: int) -> list[str]:
    head = _t("budget", lang)
    if budget.scale <= 0:
        return [f"{head}: {_t('no_budget', lang)}"]
    parts = [
        (BAR_SECURED, "secured", budget.secured),
        (BAR_REQUESTED, "requested", budget.requested),
        (BAR_PLANNED, "planned", budget.planned),
        (BAR_OTHER, "other", budget.other),
    ]
    gap = max(0.0, budget.scale - budget.lines_sum)
    bar_width = width - 4
    bar = ""
    used = 0.0
    for char, _key, amount in parts:
        used += amount
        target = round(bar_width * used / budget.scale)
        bar += char * (target - len(bar))
    bar += BAR_GAP * (bar_width - len(bar))
    total = format_amount(budget.scale, lang)
    of_total = _t("of_total", lang, total=total)
    if budget.unknown and budget.total is None:  # the lines' sum is only a lower bound
        of_total = _t("at_least", lang, total=total, count=budget.unknown)
    lines = [f"{head} ({of_total})", f"  {bar}"]
    legend = [
        _legend_item(char, key, amount, budget.unknown_by_status.get(key, 0), lang)
        for char, key, amount in parts
        if amount or key != "other" or budget.unknown_by_status.get(key, 0)
    ]
    if gap:
        legend.append(f"{BAR_GAP} {_t('gap', lang)} {format_amount(gap, lang)}")
    line = " "
    for item in legend:
        if len(line) + len(item) + 3 > width:
            lines.append(line.rstrip())
            line = " "
        line += " " + item + "  "
    lines.append(line.rstrip())
    return lines


def _methods(status: Status, lang: str, width: int) -> list[str]:
    lines = [_t("methods", lang)]
    if not status.methods:
        return [*lines, "  " + _t("no_methods", lang)]
    id_width = max(len(m.id) for m in status.methods) + 2
    reasons = [
        _t("for_codes", lang, codes=", ".join(tip.because[:3]))
        if tip.because
        else _t("for_phase", lang, phase=status.phase)
        for tip in status.methods
    ]
    texts = [
        f"  {number}. {tip.id.ljust(id_width)}"
        + clean_line(tip.name.get(lang) or tip.name.get("de") or "")
        for number, tip in enumerate(status.methods, start=1)
    ]
    room = min(max(len(t) for t in texts), width - max(len(r) for r in reasons) - 3)
    for text, reason in zip(texts, reasons, strict=True):
        lines.append(fit(fit(text, room).ljust(room) + " – " + reason, width))
    lines.append(fit(_t("details", lang, file=clean_line(status.file)), width))
    return lines


def colourise(line: str) -> str:
    """A few ANSI colours for a terminal: ✓ green, ✗ and ! red, ▲ and ▼ bold."""
    return (
        line.replace(OK, f"\x1b[32m{OK}\x1b[0m")
        .replace(MISSING, f"\x1b[31m{MISSING}\x1b[0m")
        .replace(f" {OVERDUE} ", f" \x1b[31;1m{OVERDUE}\x1b[0m ")
        .replace(CURRENT, f"\x1b[1m{CURRENT}\x1b[0m")
        .replace("▼", "\x1b[1m▼\x1b[0m")
    )
