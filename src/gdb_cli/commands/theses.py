"""`gdb theses`: the eight theses of the strategy, the key thesis (6) highlighted."""

from __future__ import annotations

from typing import Annotated

import typer

from gdb_cli.i18n import Catalog
from gdb_cli.render.formats import ListFormat

_ = Catalog(
    {
        "help": {
            "de": "Die acht Thesen zum digitalen Umbau Berlins anzeigen (These 6 hervorgehoben).",
            "en": "Show the eight theses on Berlin's digital change (thesis 6 highlighted).",
        },
        "format_help": {"de": "Ausgabeformat.", "en": "Output format."},
        "col_number": {"de": "Nr.", "en": "No."},
        "col_title": {"de": "These", "en": "Thesis"},
        "col_text": {"de": "Inhalt", "en": "Content"},
    }
)


def register(app: typer.Typer) -> None:
    @app.command("theses", help=_("help"))
    def theses(
        output_format: Annotated[
            ListFormat, typer.Option("--format", "-f", help=_("format_help"))
        ] = ListFormat.text,
    ) -> None:
        from gdb_cli import context
        from gdb_cli.i18n import get_language
        from gdb_cli.output import print_document
        from gdb_cli.pack.listing import theses_data

        handbook = context.handbook()
        data = theses_data(handbook)
        if output_format is ListFormat.json:
            print_document({"theses": data})
            return
        from gdb_cli.render.table import show_table

        lang = get_language()
        rows = [[str(t["number"]), t["title"][lang], t["text"][lang]] for t in data]
        highlight = next((i for i, t in enumerate(data) if t["key"]), None)
        note = handbook.theses.note.get(lang) if handbook.theses.note else None
        show_table(
            [_("col_number"), _("col_title"), _("col_text")],
            rows,
            title=handbook.theses.title.get(lang),
            highlight=highlight,
            caption=note,
        )
