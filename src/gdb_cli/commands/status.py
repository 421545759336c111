"""`gdb status`: where a measure stands, on one screen (or as JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdb_cli.i18n import Catalog
from gdb_cli.render.formats import ListFormat

_ = Catalog(
    {
        "help": {
            "de": "Stand der Maßnahme auf einen Blick: Phase, These-6-Bereitschaft, offene "
            "Punkte für den Phasenübergang, Meilensteine, Budget und empfohlene Methoden.",
            "en": "Where the measure stands at a glance: phase, thesis-6 readiness, open items "
            "for the next phase, milestones, budget and recommended methods.",
        },
        "charter_help": {
            "de": "Die Charta (Standard: charta.toml im aktuellen Ordner).",
            "en": "The charter (default: charta.toml – or charter.toml, projektcharta.toml – in "
            "the current folder).",
        },
        "format_help": {"de": "Ausgabeformat.", "en": "Output format."},
        "as_of_help": {
            "de": "Stichtag (JJJJ-MM-TT, Standard: heute) – für Meilensteine und Prüfung.",
            "en": "Reference date (YYYY-MM-DD, default: today) – for milestones and the check.",
        },
    }
)


def register(app: typer.Typer) -> None:
    @app.command("status", help=_("help"))
    def status(
        charter: Annotated[
            Path | None, typer.Argument(help=_("charter_help"), show_default=False)
        ] = None,
        output_format: Annotated[
            ListFormat, typer.Option("--format", "-f", help=_("format_help"))
        ] = ListFormat.text,
        as_of: Annotated[
            str | None, typer.Option("--as-of", help=_("as_of_help"), metavar="DATE")
        ] = None,
    ) -> None:
        import shutil
        import sys

        from gdb_cli import context, settings
        from gdb_cli.charter.files import parse_as_of, resolve_charter
        from gdb_cli.engine import evaluate
        from gdb_cli.engine.catalog import load_rules
        from gdb_cli.engine.readiness import thesis6_readiness
        from gdb_cli.i18n import get_language
        from gdb_cli.methods.recommend import recommend, rule_hits
        from gdb_cli.methods.store import load_catalogue
        from gdb_cli.output import no_color, print_document, stdout_is_terminal
        from gdb_cli.views.status import build_status, method_tips

        day = parse_as_of(as_of)
        loaded = context.load_valid(resolve_charter(charter, "status"))
        assert loaded.charter is not None
        handbook = context.handbook()
        report = evaluate(loaded, handbook, as_of=day)
        rules = load_rules(handbook)
        catalogue = load_catalogue(settings.current.handbook)
        view = build_status(
            file=loaded.file,
            charter=loaded.charter,
            handbook=handbook,
            report=report,
            readiness=thesis6_readiness(report, handbook),
            rules=rules.rules,
            tips=method_tips(recommend(catalogue, loaded.charter, rule_hits(report, rules))),
            as_of=day,
        )
        if output_format is ListFormat.json:
            print_document(view.to_json())
            return
        from gdb_cli.render.status_text import colourise, render_status

        width = min(shutil.get_terminal_size((80, 24)).columns, 100)
        colour = stdout_is_terminal() and not no_color()
        for line in render_status(view, get_language(), width):
            sys.stdout.write((colourise(line) if colour else line) + "\n")
