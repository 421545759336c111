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
            "en": "The charter (default: charter.toml in the current folder).",
        },
        "format_help": {"de": "Ausgabeformat.", "en": "Output format."},
        "as_of_help": {
            "de": "Stichtag (JJJJ-MM-TT, Standard: heute) – für Meilensteine und Prüfung.",
            "en": "Reference date (YYYY-MM-DD, default: today) – for milestones and the check.",
        },
        "no_engine": {
            "de": "gdb status braucht die Regelprüfung (gdb check), die in dieser Version fehlt.",
            "en": "gdb status needs the rule check (gdb check), which this version lacks.",
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
        import importlib
        import shutil
        import sys
        from typing import Any

        from gdb_cli import context
        from gdb_cli.charterfile import parse_as_of, resolve_charter
        from gdb_cli.errors import GdbError
        from gdb_cli.i18n import get_language
        from gdb_cli.output import no_color, print_json, stdout_is_terminal
        from gdb_cli.status import build_status, read_methods

        day = parse_as_of(as_of)
        loaded = context.load_valid(resolve_charter(charter, "status"))
        assert loaded.charter is not None
        handbook = context.handbook()
        try:
            engine: Any = importlib.import_module("gdb_cli.engine")
            catalog_module: Any = importlib.import_module("gdb_cli.engine.catalog")
            readiness_module: Any = importlib.import_module("gdb_cli.readiness")
        except ModuleNotFoundError:
            raise GdbError(_("no_engine")) from None
        report = engine.evaluate(loaded, handbook, as_of=day)
        view = build_status(
            file=loaded.file,
            charter=loaded.charter,
            handbook=handbook,
            report=report,
            readiness=readiness_module.thesis6_readiness(report, handbook),
            rules=catalog_module.load_rules(handbook).rules,
            methods=read_methods(handbook.root),
            as_of=day,
        )
        if output_format is ListFormat.json:
            print_json(view.to_json())
            return
        from gdb_cli.render.status_text import colourise, render_status

        width = min(shutil.get_terminal_size((80, 24)).columns, 100)
        colour = stdout_is_terminal() and not no_color()
        for line in render_status(view, get_language(), width):
            sys.stdout.write((colourise(line) if colour else line) + "\n")
