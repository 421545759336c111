"""`gdb init`: write a project charter – as an interview, or scripted with `--no-input`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdb_cli.i18n import Catalog

_ = Catalog(
    {
        "help": {
            "de": "Eine Projektcharta anlegen: fragt Abschnitt für Abschnitt ab, was These 6 "
            "verlangt (Ziele, Verantwortung, Ressourcen, Mandat, Kompetenzen), und schreibt "
            "PFAD (Standard: charta.toml). Ohne Terminal: --no-input mit --answers/--set.",
            "en": "Create a project charter: asks section by section for what thesis 6 demands "
            "(goals, responsibility, resources, mandate, competencies) and writes PATH "
            "(default: charta.toml). Without a terminal: --no-input with --answers/--set.",
        },
        "path_help": {
            "de": "Die zu schreibende Charta (Standard: charta.toml).",
            "en": "The charter to write (default: charta.toml).",
        },
        "force_help": {
            "de": "Eine vorhandene Datei ersetzen (die alte bleibt als PFAD.bak).",
            "en": "Replace an existing file (the old one is kept as PATH.bak).",
        },
        "no_input_help": {
            "de": "Nie nachfragen: Antworten nur aus --answers und --set, sonst Standardwerte.",
            "en": "Never prompt: answers only from --answers and --set, else defaults.",
        },
        "answers_help": {
            "de": "Antworten aus einer Datei (Charta-Format als TOML, auch JSON), ganz oder "
            "teilweise.",
            "en": "Answers from a file (charter format as TOML, JSON accepted), complete or "
            "partial.",
        },
        "set_help": {
            "de": "Eine Antwort setzen, z. B. --set measure.phase=2 oder "
            '--set goals[0].statement="…" (mehrfach möglich).',
            "en": 'Set one answer, e.g. --set measure.phase=2 or --set goals[0].statement="…" '
            "(repeatable).",
        },
        "update_help": {
            "de": "Eine vorhandene Charta bearbeiten: bisherige Werte sind vorausgefüllt, "
            "Kommentare bleiben erhalten, ein Eintrag im Änderungsverlauf (changelog) kommt hinzu.",
            "en": "Edit an existing charter: current values are pre-filled, comments are kept, "
            "a changelog entry is added.",
        },
        "schema_help": {
            "de": "Ziel der ersten Zeile „#:schema …“ für Editoren (Taplo, „Even Better TOML“): "
            "eine Datei neben der Charta (wird angelegt, wenn sie fehlt) oder eine URL; "
            "„none“ lässt die Zeile weg.",
            "en": "Target of the first line “#:schema …” for editors (Taplo, “Even Better TOML”): "
            "a file next to the charter (created when missing) or a URL; “none” leaves the "
            "line out.",
        },
        "ask_help": {
            "de": "Nur diese Abschnitte abfragen (mit Komma getrennt): maßnahme, ziele, "
            "verantwortung, ressourcen, mandat, kompetenzen, beteiligte, grundsätze, risiken, "
            "wirkung, betrieb, transfer.",
            "en": "Ask only these sections (comma-separated): measure, goals, responsibility, "
            "resources, mandate, competencies, stakeholders, principles, risks, impact, "
            "operation, transfer.",
        },
    }
)


def register(app: typer.Typer) -> None:
    @app.command("init", help=_("help"))
    def init(
        path: Annotated[
            Path | None, typer.Argument(help=_("path_help"), show_default=False, metavar="PATH")
        ] = None,
        force: Annotated[bool, typer.Option("--force", help=_("force_help"))] = False,
        no_input: Annotated[bool, typer.Option("--no-input", help=_("no_input_help"))] = False,
        answers: Annotated[
            Path | None, typer.Option("--answers", metavar="FILE", help=_("answers_help"))
        ] = None,
        assignments: Annotated[
            list[str] | None,
            typer.Option("--set", metavar="KEY=VALUE", help=_("set_help")),
        ] = None,
        update: Annotated[bool, typer.Option("--update", help=_("update_help"))] = False,
        ask: Annotated[
            str | None,
            typer.Option("--ask", metavar="SECTIONS", help=_("ask_help")),
        ] = None,
        schema: Annotated[
            str, typer.Option("--schema", metavar="FILE|URL", help=_("schema_help"))
        ] = "charter.schema.json",
    ) -> int:
        from gdb_cli.wizard.flow import InitOptions, run_init

        return run_init(
            InitOptions(
                path=path if path is not None else Path("charta.toml"),
                path_given=path is not None,
                force=force,
                no_input=no_input,
                answers=answers,
                assignments=list(assignments or []),
                update=update,
                ask=ask,
                schema=schema,
            )
        )
