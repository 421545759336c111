"""What the person sees around the write: the summary before it and the readiness view after.

The summary walks the questionnaire over the answers and shows each section on one line (chosen
items by name, lists as counts), so it fits a small terminal; one section at a time can be shown
in full (labels from the questionnaire, labels of closed-list values from the pack, amounts in
euros). In `--update` it shows only what changed.
The readiness view asks the rule engine (issue 4) which of the things thesis 6 demands (resources,
responsibility with the political mandate, competencies) are
complete; when the engine is not installed in this build the view is simply left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdb_cli.charter import dates
from gdb_cli.i18n import Catalog, get_language
from gdb_cli.output import clean_line, escape
from gdb_cli.wizard import plan
from gdb_cli.wizard.catalogue import Question
from gdb_cli.wizard.values import format_number, range_text

if TYPE_CHECKING:
    from rich.console import Console

    from gdb_cli.charter.load import LoadedCharter
    from gdb_cli.pack.handbook import Handbook

_ = Catalog(
    {
        "title": {
            "de": "Zusammenfassung – das wird geschrieben",
            "en": "Summary – this will be written",
        },
        "field": {"de": "Angabe", "en": "Field"},
        "value": {"de": "Wert", "en": "Value"},
        "yes": {"de": "ja", "en": "yes"},
        "no": {"de": "nein", "en": "no"},
        "nothing": {"de": "(keine Angaben)", "en": "(nothing given)"},
        "title_update": {
            "de": "Zusammenfassung – diese Änderungen werden geschrieben",
            "en": "Summary – these changes will be written",
        },
        "unchanged": {"de": "(nichts geändert)", "en": "(nothing changed)"},
        "removed": {"de": "(entfernt)", "en": "(removed)"},
        "count": {"de": "{label}: {count}", "en": "{label}: {count}"},
        "readiness": {
            "de": "These 6 – sind Ressourcen, Verantwortung (samt politischem Mandat für "
            "Veränderung) und Kompetenzen geklärt?",
            "en": "Thesis 6 – are resources, responsibility (including the political mandate for "
            "change) and competencies clear?",
        },
        "complete": {"de": "vollständig", "en": "complete"},
        "missing": {"de": "fehlt noch", "en": "missing"},
        "more": {"de": "(und {count} weitere)", "en": "(and {count} more)"},
        "next": {"de": "Nächste Schritte:", "en": "Next steps:"},
        "next_check": {"de": "die Charta prüfen", "en": "check the charter"},
        "next_methods": {
            "de": "passende Methoden für Phase {phase}",
            "en": "methods that fit phase {phase}",
        },
    }
)


def show_value(question: Question, value: Any, env: plan.Env) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if question.kind == "choice" and question.choices:
        return env.choice_label(question.choices, value)
    if question.kind == "multi" and question.choices and isinstance(value, list):
        return ", ".join(env.choice_label(question.choices, v) for v in value)
    if question.kind == "number" and range_text(value):  # a target range: „12–20“
        return str(range_text(value))
    if isinstance(value, list):
        return "; ".join(clean_line(v) for v in value)
    if dates.is_date(value):
        return dates.format_when(value, get_language())
    if question.kind == "number" and isinstance(value, (int, float)):
        if question.key.endswith("_eur"):
            return format_number(value, money=True) + " €"
        return format_number(value)
    return clean_line(value)


def rows(
    questions: list[Question],
    data: dict[str, Any],
    indices: tuple[int, ...],
    env: plan.Env,
    depth: int = 0,
) -> list[tuple[str, str]]:
    """(label, value) rows for the answers to `questions`; list items indented."""
    out: list[tuple[str, str]] = []
    indent = "  " * depth
    for question in questions:
        ctx = env.context(data, indices)
        if not plan.applies(question, ctx):
            continue
        value = ctx.lookup(question.key)
        if question.kind == "loop":
            items = value if isinstance(value, list) else []
            for number, _item in enumerate(items, start=1):
                out.append((f"{indent}{question.item_name()} {number}", ""))
                out.extend(rows(question.items, data, (*indices, number - 1), env, depth + 1))
            continue
        if value is None or value == [] or value == "":
            continue
        out.append((f"{indent}{question.name.get()}", show_value(question, value, env)))
    return out


def flat(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`rows` with each list item's name in the label („Kompetenz 3 › Rolle“), for comparing."""
    out: list[tuple[str, str]] = []
    stack: list[str] = []
    for label, value in lines:
        depth = (len(label) - len(label.lstrip(" "))) // 2
        name = label.strip()
        del stack[depth:]
        if value == "":  # a list item's heading
            stack.append(name)
            continue
        out.append((" › ".join([*stack, name]), value))
    return out


def changed_rows(
    questions: list[Question], data: dict[str, Any], original: dict[str, Any], env: plan.Env
) -> list[tuple[str, str]]:
    """The answers that differ from `original`: new values, and removed ones marked so."""
    new = flat(rows(questions, data, (), env))
    old = flat(rows(questions, original, (), env))
    before, after = dict(old), dict(new)
    out = [(label, value) for label, value in new if before.get(label) != value]
    out += [(label, _("removed")) for label, _value in old if label not in after]
    return out


def _short(questions: list[Question], data: dict[str, Any], env: plan.Env) -> list[str]:
    """A section's answers in brief: values by name, lists of items as counts."""
    out: list[str] = []
    ctx = env.context(data)
    for question in questions:
        if not plan.applies(question, ctx):
            continue
        value = ctx.lookup(question.key)
        if question.kind == "loop":
            if isinstance(value, list) and value:
                out.append(_("count", label=question.name.get(), count=len(value)))
            continue
        if value is None or value == [] or value == "":
            continue
        out.append(show_value(question, value, env))
    return out


def section_lines(
    env: plan.Env, data: dict[str, Any], original: dict[str, Any] | None = None
) -> list[tuple[str, str]]:
    """One (title, brief text) per section; with `original` (an update) only changed sections."""
    out = []
    for section in env.sections:
        if original is None:
            parts = _short(section.questions, data, env)
            if not parts and not plan.section_applies(section, data, env):
                continue  # a section that does not apply to this measure (yet)
        else:
            parts = [
                f"{label}: {value}"
                for label, value in changed_rows(section.questions, data, original, env)
            ]
            if not parts:
                continue
        out.append((section.title.get(), " · ".join(parts) or _("nothing")))
    return out


def show_summary(
    env: plan.Env, data: dict[str, Any], console: Console, original: dict[str, Any] | None = None
) -> None:
    """Each section on one line (cut at the terminal's edge); `original`: only what changed."""
    from rich.table import Table

    console.print()
    console.print(f"[bold]{escape(_('title' if original is None else 'title_update'))}[/]")
    lines = section_lines(env, data, original)
    if not lines:
        console.print(escape(_("unchanged")))
        return
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=max(len(t) for t, _text in lines))
    table.add_column(no_wrap=True, overflow="ellipsis")
    for title, text in lines:
        table.add_row(escape(title), escape(text))
    console.print(table)


def show_section(env: plan.Env, section_id: str, data: dict[str, Any], console: Console) -> None:
    """One section in full: every answer on its own line, list items indented."""
    from rich.table import Table

    section = env.questionnaire.section(section_id)
    if section is None:
        return
    console.print()
    console.print(f"[bold underline]{escape(section.title.get())}[/]")
    table = Table(show_header=False, expand=False, box=None, padding=(0, 2))
    table.add_column(escape(_("field")), style="bold", overflow="fold")
    table.add_column(escape(_("value")), overflow="fold")
    for label, value in rows(section.questions, data, (), env) or [(_("nothing"), "")]:
        table.add_row(escape(label), escape(value))
    console.print(table)


# --- after writing ---------------------------------------------------------------------------


def show_readiness(loaded: LoadedCharter, handbook: Handbook, console: Console) -> bool:
    """The thesis-6 view from the rule engine: each area complete or missing, with reasons."""
    from gdb_cli.engine import evaluate
    from gdb_cli.engine.readiness import thesis6_readiness
    from gdb_cli.views.locations import message_in_words

    report = evaluate(loaded, handbook, as_of=dt.date.today())
    areas = thesis6_readiness(report, handbook)
    lang = get_language()
    console.print()
    console.print(f"[bold]{escape(_('readiness'))}[/]")
    for area in areas:
        label = area.label.get(lang) or area.area
        if area.complete:
            console.print(f"  [green]✓[/] {escape(label)}: {escape(_('complete'))}")
            continue
        console.print(f"  [red]✗[/] {escape(label)}: {escape(_('missing'))}")
        texts = [  # the places in words, as `gdb check` says them
            clean_line(message_in_words(f.message, f.path, fields=handbook.fields))
            for f in area.findings[:3]
        ]
        if len(area.findings) > 3:
            texts.append(_("more", count=len(area.findings) - 3))
        for text in texts:  # continuation lines of a long message stay under its first line
            for line in _wrap(text, console.width - 7):
                console.print(f"      {escape(line)}", soft_wrap=True)
    return True


def show_next_steps(path: Path, phase: int | None, console: Console) -> None:
    steps = [(f"gdb check {_quote(path)}", _("next_check"))]
    if phase is not None:
        steps.append((f"gdb methods --phase {phase}", _("next_methods", phase=phase)))
    wide = max(len(command) for command, _why in steps)
    console.print()
    console.print(f"[bold]{escape(_('next'))}[/]")
    for command, why in steps:  # the comments in one column
        console.print(f"  {escape(command.ljust(wide))}   [dim]# {escape(why)}[/]")


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(
        text, width=max(width, 30), break_long_words=False, break_on_hyphens=False
    ) or [""]


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
