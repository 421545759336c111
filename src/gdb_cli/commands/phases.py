"""`gdb phases`: the five phases of the process model, with purpose and required result."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdb_cli.i18n import Catalog
from gdb_cli.render.formats import ListFormat

_ = Catalog(
    {
        "help": {
            "de": "Die Phasen des Umsetzungsmodells mit Zweck und Ergebnis anzeigen.",
            "en": "Show the phases of the process model with purpose and result.",
        },
        "charter_help": {
            "de": "Die aktuelle Phase dieser Charta markieren.",
            "en": "Mark the current phase of this charter.",
        },
        "format_help": {"de": "Ausgabeformat.", "en": "Output format."},
        "title": {"de": "Phasen des Umsetzungsmodells", "en": "Phases of the process model"},
        "col_number": {"de": "Nr.", "en": "No."},
        "col_name": {"de": "Phase", "en": "Phase"},
        "col_purpose": {"de": "Worum es geht", "en": "What happens"},
        "col_result": {"de": "Ergebnis", "en": "Result"},
        "current": {
            "de": "Markiert: aktuelle Phase von „{title}“ ({file}).",
            "en": "Marked: current phase of “{title}” ({file}).",
        },
    }
)


def register(app: typer.Typer) -> None:
    @app.command("phases", help=_("help"))
    def phases(
        charter: Annotated[
            Path | None, typer.Option("--charter", "-c", help=_("charter_help"))
        ] = None,
        output_format: Annotated[
            ListFormat, typer.Option("--format", "-f", help=_("format_help"))
        ] = ListFormat.text,
    ) -> None:
        from gdb_cli import context
        from gdb_cli.i18n import get_language
        from gdb_cli.output import print_document
        from gdb_cli.pack.listing import phases_data

        handbook = context.handbook()
        current: int | None = None
        caption: str | None = None
        if charter is not None:
            loaded = context.load_valid(charter)
            assert loaded.charter is not None
            current = loaded.charter.measure.phase
            caption = _("current", title=loaded.charter.measure.title, file=loaded.file)
        data = phases_data(handbook)
        if output_format is ListFormat.json:
            for record in data:
                record["current"] = record["number"] == current
            print_document({"phases": data})
            return
        from gdb_cli.output import stdout_is_terminal
        from gdb_cli.render.table import show_table

        lang = get_language()
        rows: list[list[str]] = []
        footnotes: list[str] = []
        for p in data:
            mark = ""
            if p["note"] and stdout_is_terminal():  # plain output has no room for footnotes
                mark = _SUPERSCRIPTS[len(footnotes) % len(_SUPERSCRIPTS)]
                footnotes.append(f"{mark} {p['note'][lang]}")
            rows.append(
                [str(p["number"]), p["name"][lang] + mark, p["purpose"][lang], p["result"][lang]]
            )
        highlight = next((i for i, p in enumerate(data) if p["number"] == current), None)
        show_table(
            [_("col_number"), _("col_name"), _("col_purpose"), _("col_result")],
            rows,
            title=_("title"),
            highlight=highlight,
            caption="\n".join([*([caption] if caption else []), *footnotes]) or None,
        )


# Footnote marks for the phases' notes (shown under the table).
_SUPERSCRIPTS = ("¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹")
