"""Method cards and lists: plain text, rich (terminal) and Markdown.

A card is built once as sections (heading + lines) and then rendered in one of the formats, so
the three always show the same content.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from gdb_cli.i18n import Catalog, get_language
from gdb_cli.methods.records import Catalogue, Method
from gdb_cli.output import clean, clean_line

_ = Catalog(
    {
        "purpose": {"de": "Zweck", "en": "Purpose"},
        "when": {"de": "Wann sie passt", "en": "When to use it"},
        "phases": {"de": "Phasen", "en": "Phases"},
        "duration": {"de": "Dauer", "en": "Duration"},
        "people": {"de": "Personen", "en": "People"},
        "effort": {"de": "Aufwand", "en": "Effort"},
        "materials": {"de": "Material", "en": "Materials"},
        "steps": {"de": "Schritte", "en": "Steps"},
        "outputs": {"de": "Ergebnisse", "en": "Outputs"},
        "tags": {"de": "Schlagworte", "en": "Tags"},
        "related": {"de": "Verwandte Methoden", "en": "Related methods"},
        "notes": {"de": "Hinweise", "en": "Notes"},
        "source": {"de": "Quelle", "en": "Source"},
        "licence": {
            "de": "Lizenz der Quelle: {licence}",
            "en": "Licence of the source: {licence}",
        },
        "licence_unknown": {
            "de": "Lizenz der Quelle: nicht angegeben (Texte in eigenen Worten)",
            "en": "Licence of the source: not stated (texts in our own words)",
        },
        "licence_share_alike": {
            "de": "Lizenz: {licence} – gilt auch für diese Karte (bearbeitet, in eigenen Worten)",
            "en": "Licence: {licence} – also applies to this card (adapted, in our own words)",
        },
        "minutes": {"de": "{min}–{max} Minuten", "en": "{min}–{max} minutes"},
        "minutes_one": {"de": "{min} Minuten", "en": "{min} minutes"},
        "min_short": {"de": "{min}–{max} min", "en": "{min}–{max} min"},
        "min_short_one": {"de": "{min} min", "en": "{min} min"},
        "hours": {"de": "{min}–{max} Std.", "en": "{min}–{max} h"},
        "hours_one": {"de": "{min} Std.", "en": "{min} h"},
        "hours_long": {"de": "{min}–{max} Stunden", "en": "{min}–{max} hours"},
        "hours_long_one": {"de": "{min} Stunden", "en": "{min} hours"},
        "days": {"de": "{min}–{max} Tage", "en": "{min}–{max} days"},
        "days_one": {"de": "{min} Tag(e)", "en": "{min} day(s)"},
        "persons": {"de": "{min}–{max} Personen", "en": "{min}–{max} people"},
        "persons_one": {"de": "{min} Person(en)", "en": "{min} person(s)"},
        "low": {"de": "gering", "en": "low"},
        "medium": {"de": "mittel", "en": "medium"},
        "high": {"de": "hoch", "en": "high"},
        "kind_format": {"de": "GD:B-Format", "en": "GD:B format"},
        "kind_method": {"de": "Methode", "en": "Method"},
        "kind_template": {"de": "Vorlage", "en": "Template"},
        "kind_guide": {"de": "Leitfaden", "en": "Guide"},
        "kind_ceremony": {"de": "Teamritual", "en": "Team ceremony"},
        "col_id": {"de": "Kennung", "en": "Id"},
        "col_name": {"de": "Name", "en": "Name"},
        "col_phases": {"de": "Phasen", "en": "Phases"},
        "col_duration": {"de": "Dauer", "en": "Duration"},
        "col_purpose": {"de": "Zweck", "en": "Purpose"},
        "col_why": {"de": "Warum", "en": "Why"},
        "none": {"de": "–", "en": "–"},
    }
)

Section = tuple[str, list[str]]


_HOURS_FROM = 120  # minutes: from two hours on, a duration reads better in hours
_DAYS_FROM = 3 * 8 * 60  # from three working days (8 hours each) on, in days
_WORKDAY = 8 * 60


def duration(method: Method, short: bool = True) -> str:
    """ "45–60 min", "4–16 Std.", "3–10 Tage": minutes, hours or working days, whichever keeps
    the numbers small (`short=False`: written out, for the method card)."""
    low, high = method.duration_minutes.min, method.duration_minutes.max
    if high >= _DAYS_FROM:
        unit, low_n, high_n = "days", _amount(low / _WORKDAY), _amount(high / _WORKDAY)
    elif high >= _HOURS_FROM:
        unit = "hours" if short else "hours_long"
        low_n, high_n = _amount(low / 60), _amount(high / 60)
    else:
        unit = "min_short" if short else "minutes"
        low_n, high_n = str(low), str(high)
    if low_n == high_n:
        return _(f"{unit}_one", min=low_n)
    return _(unit, min=low_n, max=high_n)


def _amount(value: float) -> str:
    """Whole numbers, or halves ("1,5" in German)."""
    from gdb_cli.numbers import format_number

    rounded = round(value * 2) / 2
    return format_number(max(rounded, 0.5), decimals=0 if rounded.is_integer() else 1)


def people(method: Method) -> str:
    low, high = method.group_size.min, method.group_size.max
    return _("persons_one", min=low) if low == high else _("persons", min=low, max=high)


def phases_short(method: Method) -> str:
    return ", ".join(str(p) for p in method.phases)


def kind_label(method: Method) -> str:
    return _(f"kind_{method.kind}")


def card_sections(method: Method, catalogue: Catalogue, lang: str | None = None) -> list[Section]:
    lang = lang or get_language()
    source = catalogue.sources.get(method.source)
    sections: list[Section] = [
        (_("purpose"), [method.purpose.get(lang)]),
        (_("when"), [method.when.get(lang)]),
        (_("phases"), [", ".join(catalogue.phase_label(p, lang) for p in method.phases)]),
        (_("duration"), [duration(method, short=False)]),
        (_("people"), [people(method)]),
        (_("effort"), [_(method.effort)]),
    ]
    if method.materials:
        sections.append((_("materials"), [m.get(lang) for m in method.materials]))
    sections.append(
        (_("steps"), [f"{i}. {step.get(lang)}" for i, step in enumerate(method.steps, 1)])
    )
    sections.append((_("outputs"), [o.get(lang) for o in method.outputs]))
    sections.append((_("tags"), [", ".join(_tag_label(catalogue, t, lang) for t in method.tags)]))
    if method.related:
        related = []
        for other_id in method.related:
            other = catalogue.get(other_id)
            related.append(f"{other_id} – {other.title(lang)}" if other else other_id)
        sections.append((_("related"), related))
    if method.notes:
        sections.append((_("notes"), [method.notes.get(lang)]))
    source_lines: list[str] = []
    if source:
        source_lines += [source.name.get(lang), source.attribution.get(lang)]
        source_lines.append(licence_line(source.licence))
    source_lines += list(method.sources)
    sections.append((_("source"), source_lines))
    return sections


def licence_line(licence: str) -> str:
    """The card's licence line: ShareAlike sources pass their licence on to the card."""
    if licence == "unknown":
        return _("licence_unknown")
    if "-SA" in licence:  # e.g. CC BY-NC-SA 4.0: our adaptation carries the same licence
        return _("licence_share_alike", licence=licence)
    return _("licence", licence=licence)


def _tag_label(catalogue: Catalogue, tag: str, lang: str | None) -> str:
    label = catalogue.tags.get(tag)
    return label.get(lang) if label else tag


def card_title(method: Method, lang: str | None = None) -> str:
    return f"{method.title(lang)} ({method.id}) · {kind_label(method)}"


_LIST_SECTIONS = ("materials", "outputs", "related")


def print_card(method: Method, catalogue: Catalogue) -> None:
    """The full card: rich in a terminal, plain text when piped."""
    from gdb_cli.output import stdout_is_terminal

    sections = card_sections(method, catalogue)
    list_headings = {_(key) for key in _LIST_SECTIONS}
    if not stdout_is_terminal():
        out = [clean_line(card_title(method)), ""]
        for heading, lines in sections:
            out.append(clean_line(heading) + ":")
            bullet = "- " if heading in list_headings else ""
            out += [f"  {bullet}{clean_line(line)}" for line in lines]
        sys.stdout.write("\n".join(out) + "\n")
        return
    from rich.console import Group, RenderableType
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    from gdb_cli.output import console

    parts: list[RenderableType] = []
    for heading, lines in sections:
        parts.append(Text(clean(heading), style="bold"))
        bullet = "• " if heading in list_headings else ""
        for line in lines:
            parts.append(Padding(Text(bullet + clean(line)), (0, 0, 0, 2)))
    console().print(Panel(Group(*parts), title=Text(clean(card_title(method)), style="bold")))


def _md(text: str) -> str:
    """Text made safe inside Markdown (no markup, no HTML, one line)."""
    value = clean_line(text)
    for char in "\\`*_{}[]<>|#":
        value = value.replace(char, "\\" + char)
    return value


def card_markdown(method: Method, catalogue: Catalogue) -> str:
    list_headings = {_(key) for key in _LIST_SECTIONS}
    out = [f"## {_md(card_title(method))}", ""]
    for heading, lines in card_sections(method, catalogue):
        out.append(f"### {_md(heading)}")
        out.append("")
        steps = heading == _("steps")
        for line in lines:
            if steps:
                number, _sep, rest = line.partition(". ")
                out.append(f"{number}. {_md(rest)}")
            elif heading in list_headings or heading == _("source"):
                out.append(f"- {_link(line)}")
            else:
                out.append(_md(line))
        out.append("")
    return "\n".join(out)


def _link(line: str) -> str:
    if line.startswith(("https://", "http://")) and " " not in line:
        return f"<{clean_line(line)}>"
    return _md(line)


def show_list(
    methods: Sequence[Method],
    *,
    title: str,
    caption: str,
    why: Sequence[str] | None = None,
) -> None:
    """The method list: a rich table in a terminal, one tab-separated line per method when piped.

    Plain lines: id, name, phases, duration (and the reason with `--for`).
    """
    from gdb_cli.output import console, escape, stdout_is_terminal

    rows = list_rows(methods)
    if why is not None:
        rows = [[*row, reason] for row, reason in zip(rows, why, strict=True)]
    if not stdout_is_terminal():
        sys.stdout.write("".join("\t".join(clean_line(c) for c in row) + "\n" for row in rows))
        return
    from rich.table import Table

    table = Table(title=escape(title), caption=escape(caption), caption_justify="left")
    if why is not None:  # terminal: the name with its id below, and the reason – it needs room
        names = [f"{escape(row[1])}\n[dim]{escape(row[0])}[/]" for row in rows]
        longest = max((len(w) for row in rows for w in (*row[1].split(), row[0])), default=10)
        table.add_column(escape(_("col_name")), min_width=min(longest, 30), ratio=1)
        table.add_column(escape(_("col_why")), ratio=2)
        for name, row in zip(names, rows, strict=True):
            table.add_row(name, escape(row[4]))
        console().print(table)
        return
    con = console()
    if con.width < _WIDE:  # narrow: the name gets the room, its id below it (dimmed)
        table.add_column(escape(_("col_name")), ratio=1)
        table.add_column(escape(_("col_phases")), no_wrap=True)
        table.add_column(escape(_("col_duration")), no_wrap=True)
        for row in rows:
            table.add_row(
                f"{escape(row[1])}\n[dim]{escape(row[0])}[/]", escape(row[2]), escape(row[3])
            )
        con.print(table)
        return
    for column in list_columns():
        if column in (_("col_id"), _("col_phases"), _("col_duration")):
            table.add_column(escape(column), no_wrap=True)
        else:  # wrapped at word boundaries
            table.add_column(escape(column), ratio=1)
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    con.print(table)


_WIDE = 100  # columns: from here on, id and name side by side


def list_rows(methods: Sequence[Method], lang: str | None = None) -> list[list[str]]:
    return [[m.id, m.title(lang), phases_short(m), duration(m)] for m in methods]


def list_columns() -> list[str]:
    return [_("col_id"), _("col_name"), _("col_phases"), _("col_duration")]


def list_markdown(methods: Sequence[Method], title: str, why: Sequence[str] | None = None) -> str:
    lang = get_language()
    columns = [*list_columns(), _("col_why") if why is not None else _("col_purpose")]
    out = [f"# {_md(title)}", "", "| " + " | ".join(columns) + " |"]
    out.append("|" + "---|" * len(columns))
    for index, method in enumerate(methods):
        last = why[index] if why is not None else method.purpose.get(lang)
        cells = [f"`{method.id}`", method.title(lang), phases_short(method), duration(method)]
        out.append("| " + " | ".join([cells[0], *(_md(c) for c in cells[1:]), _md(last)]) + " |")
    return "\n".join(out) + "\n"
