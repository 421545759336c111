"""`gdb check [PATH …]`: check charters against the handbook's rules for their phase.

Thin: parses options, runs `checking.run_check`, picks a renderer from `gdb_cli.render`, returns
the exit code (0 nothing failing, 1 failing findings, 2 input problems). pydantic and the content
are imported inside the command only.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gdb_cli.completion import complete_rule_code
from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog, close_matches, did_you_mean

_ = Catalog(
    {
        "skipped": {
            "de": "{file}: übersprungen – keine Charta (weder schema_version noch einer ihrer "
            "Abschnitte wie [measure] oder [[goals]]).",
            "en": "{file}: skipped – not a charter (neither schema_version nor one of its "
            "sections such as [measure] or [[goals]]).",
        },
        "help": {
            "de": "Chartas prüfen – Phase für Phase nach den Regeln des Handbuchs. "
            "Dateien und/oder Ordner (alle *.toml darunter), „-“ für die Standardeingabe; ohne "
            "Angabe charta.toml, charter.toml oder projektcharta.toml im aktuellen Ordner. "
            "Exit-Code 0: bestanden, 1: blockierende Befunde, 2: Eingabefehler.",
            "en": "Check charters – phase by phase against the handbook's rules. Files and/or "
            "folders (every *.toml below), “-” for standard input; without one, charta.toml, "
            "charter.toml or projektcharta.toml in the current folder. Exit code 0: passed, "
            "1: blocking findings, 2: input problems.",
        },
        "paths_help": {
            "de": "Chartas oder Ordner; „-“ liest die Charta von der Standardeingabe "
            "(Standard: charta.toml, charter.toml oder projektcharta.toml im aktuellen Ordner).",
            "en": "Charters or folders; “-” reads the charter from standard input "
            "(default: charta.toml, charter.toml or projektcharta.toml in the current folder).",
        },
        "stdin_filename_help": {
            "de": "Der Name, unter dem die Charta von der Standardeingabe („-“) in Meldungen "
            "erscheint, z. B. massnahmen/charta.toml.",
            "en": "The name under which the charter from standard input (“-”) appears in "
            "messages, e.g. massnahmen/charta.toml.",
        },
        "stdin_filename_alone": {
            "de": "--stdin-filename gilt nur für die Charta von der Standardeingabe: "
            "„-“ als Pfad angeben, z. B. gdb check --stdin-filename {name} - < {name}",
            "en": "--stdin-filename only applies to the charter from standard input: "
            "give “-” as the path, e.g. gdb check --stdin-filename {name} - < {name}",
        },
        "format_help": {
            "de": "Ausgabe: text (für Menschen: nächste Schritte, Befunde nach Bereich), concise "
            "(eine Zeile je Stelle, für Editoren und grep), json, sarif (Code-Scanning), github "
            "(Actions-Annotationen), markdown (Tabelle für Reviews).",
            "en": "Output: text (for people: next steps, findings by area), concise (one line "
            "per place, for editors and grep), json, sarif (code scanning), github (Actions "
            "annotations), markdown (table for reviews).",
        },
        "as_of_help": {
            "de": "Stichtag für datumsabhängige Regeln (JJJJ-MM-TT oder TT.MM.JJJJ; "
            "Standard: heute).",
            "en": "Check date for date-dependent rules (YYYY-MM-DD or DD.MM.YYYY; default: today).",
        },
        "only_required_help": {
            "de": "Nur Vorgaben von Handbuch, Strategie, Gesetz und Stimmigkeit prüfen; "
            "Empfehlungen guter Praxis weglassen.",
            "en": "Check only requirements of the handbook, the strategy, the law and "
            "consistency; leave out good-practice recommendations.",
        },
        "select_help": {
            "de": "Nur diese Codes oder Präfixe prüfen (mehrfach oder durch Komma getrennt).",
            "en": "Only check these codes or prefixes (repeat or separate with commas).",
        },
        "ignore_help": {
            "de": "Diese Codes oder Präfixe auslassen (mehrfach oder durch Komma getrennt).",
            "en": "Skip these codes or prefixes (repeat or separate with commas).",
        },
        "strict_help": {
            "de": "Auch Warnungen lassen die Prüfung scheitern.",
            "en": "Warnings fail the check too.",
        },
        "gate_help": {
            "de": "Darf die Maßnahme in die nächste Phase? Dann scheitern auch offene Punkte.",
            "en": "May the measure move to the next phase? Then open items fail too.",
        },
        "jobs_help": {
            "de": "Anzahl paralleler Prozesse (0 = automatisch: alle Kerne ab 200 Dateien). "
            "Die Ausgabe ist in jeder Einstellung gleich.",
            "en": "Number of parallel processes (0 = automatic: every core from 200 files on). "
            "The output is the same with any setting.",
        },
        "statistics_help": {
            "de": "Zusätzlich die Anzahl je Code ausgeben.",
            "en": "Also show the count per code.",
        },
        "bad_code": {
            "de": "Unbekannter Code oder Präfix „{value}“ für {option}.",
            "en": "Unknown code or prefix “{value}” for {option}.",
        },
        "not_regular": {
            "de": "{file}: übersprungen – keine normale Datei (FIFO, Socket oder Gerät).",
            "en": "{file}: skipped – not a regular file (FIFO, socket or device).",
        },
        "no_files": {
            "de": "Keine Charta gefunden in: {paths}.",
            "en": "No charter found in: {paths}.",
        },
        "statistics_ignored": {
            "de": "Hinweis: --statistics gilt nur für text, json und markdown.",
            "en": "Note: --statistics only applies to text, json and markdown.",
        },
    }
)


class CheckFormat(StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"


def split_codes(values: list[str] | None) -> list[str]:
    """`["MAN", "OSS001,dsg"]` → `["MAN", "OSS001", "DSG"]`."""
    tokens: list[str] = []
    for value in values or []:
        tokens.extend(part.strip().upper() for part in value.split(",") if part.strip())
    return tokens


def check_tokens(tokens: list[str], known: list[str], option: str) -> None:
    """Every token must be a prefix of a known code; else exit 2 with a suggestion."""
    for token in tokens:
        if any(code.startswith(token) for code in known):
            continue
        message = _("bad_code", value=token, option=option)
        raise GdbError(message + did_you_mean(close_matches(token, known)))


def register(app: typer.Typer) -> None:
    @app.command("check", help=_("help"))
    def check(
        paths: Annotated[
            list[Path] | None, typer.Argument(help=_("paths_help"), show_default=False)
        ] = None,
        output_format: Annotated[
            CheckFormat, typer.Option("--format", "-f", help=_("format_help"))
        ] = CheckFormat.text,
        as_of: Annotated[
            str | None, typer.Option("--as-of", help=_("as_of_help"), metavar="DATE")
        ] = None,
        select: Annotated[
            list[str] | None,
            typer.Option(
                "--select",
                help=_("select_help"),
                metavar="CODES",
                autocompletion=complete_rule_code,
            ),
        ] = None,
        ignore: Annotated[
            list[str] | None,
            typer.Option(
                "--ignore",
                help=_("ignore_help"),
                metavar="CODES",
                autocompletion=complete_rule_code,
            ),
        ] = None,
        strict: Annotated[bool, typer.Option("--strict", help=_("strict_help"))] = False,
        gate: Annotated[bool, typer.Option("--gate", help=_("gate_help"))] = False,
        statistics: Annotated[
            bool, typer.Option("--statistics", help=_("statistics_help"))
        ] = False,
        jobs: Annotated[
            int, typer.Option("--jobs", "-j", min=0, help=_("jobs_help"), metavar="N")
        ] = 0,
        only_required: Annotated[
            bool, typer.Option("--only-required", help=_("only_required_help"))
        ] = False,
        stdin_filename: Annotated[
            str | None,
            typer.Option("--stdin-filename", help=_("stdin_filename_help"), metavar="NAME"),
        ] = None,
    ) -> int:
        import sys

        from gdb_cli import context, settings
        from gdb_cli.charter.files import default_charter, parse_as_of
        from gdb_cli.engine.catalog import load_rules
        from gdb_cli.engine.fixed import FIXED_CODES
        from gdb_cli.engine.run import STDIN, run_check
        from gdb_cli.output import message

        quiet = settings.current.quiet
        date = parse_as_of(as_of)
        handbook = context.handbook()
        catalog = load_rules(handbook)
        known = catalog.codes() + list(FIXED_CODES)
        selected, ignored = split_codes(select), split_codes(ignore)
        check_tokens(selected, known, "--select")
        check_tokens(ignored, known, "--ignore")
        if only_required:  # recommendations (basis kind `practice`) are left out
            ignored += [rule.code for rule in catalog.rules if rule.recommendation]
        if stdin_filename is not None and not paths:
            paths = [STDIN]  # as ruff does: a name for standard input means reading it
        if stdin_filename is not None and STDIN not in (paths or []):
            raise GdbError(_("stdin_filename_alone", name=stdin_filename))
        targets = list(paths) if paths else [default_charter("check")]
        run = run_check(
            targets,
            handbook,
            as_of=date,
            gate=gate,
            strict=strict,
            select=selected,
            ignore=ignored,
            statistics=statistics,
            jobs=jobs,
            stdin_name=stdin_filename,
        )
        if not quiet:
            for skipped in run.skipped:
                message(_("skipped", file=skipped))
            for special in run.not_regular:
                message(_("not_regular", file=special))
            if not run.reports:
                shown = [stdin_filename or "-" if p == STDIN else str(p) for p in targets]
                message(_("no_files", paths=", ".join(shown)))
            if statistics and output_format in (CheckFormat.sarif, CheckFormat.github):
                message(_("statistics_ignored"))
        if output_format in (CheckFormat.text, CheckFormat.concise):
            from gdb_cli.render import check_text

            check_text.show(run, quiet=quiet, concise=output_format is CheckFormat.concise)
        else:
            from importlib import import_module

            module = {
                CheckFormat.json: "check_json",
                CheckFormat.sarif: "sarif",
                CheckFormat.github: "github",
                CheckFormat.markdown: "markdown",
            }[output_format]
            renderer = import_module(f"gdb_cli.render.{module}")
            if hasattr(renderer, "write"):  # large documents are written piece by piece
                renderer.write(run, sys.stdout)
            else:
                sys.stdout.write(renderer.render(run))
        return run.exit_code
