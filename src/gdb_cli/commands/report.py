"""`gdb report PATH …`: the portfolio view of many charters for the people who steer them.

Thin: parses options, streams the charters through the check (`engine.run.iter_extracted`, which
keeps only each charter's `views.report.MeasureFacts`), builds the `Portfolio` and hands it to
one renderer (`render.report_*`). Unreadable charters are listed in the report, never fatal.
Exit code 0 when a report was written, 2 for usage or output problems.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gdb_cli.i18n import Catalog

if TYPE_CHECKING:
    from collections.abc import Iterator

_ = Catalog(
    {
        "help": {
            "de": "Portfolio-Bericht über viele Chartas: Überblick nach Phase, Art, Handlungsfeld "
            "und Federführung, These-6-Matrix, was Aufmerksamkeit braucht, Geld, häufigste "
            "Befunde und – mit --since – Änderungen. Dateien und/oder Ordner (alle *.toml "
            "darunter).",
            "en": "Portfolio report over many charters: overview by phase, type, field of action "
            "and lead organisation, thesis-6 matrix, what needs attention, money, most frequent "
            "findings and – with --since – changes. Files and/or folders (every *.toml below).",
        },
        "paths_help": {
            "de": "Chartas oder Ordner (Standard: der aktuelle Ordner).",
            "en": "Charters or folders (default: the current folder).",
        },
        "format_help": {
            "de": "markdown, json, html, site (Ordner mit Bericht und Steckbriefen), xlsx oder "
            "csv (eine Zeile je Maßnahme). Standard: nach der Endung von -o, sonst markdown.",
            "en": "markdown, json, html, site (folder with report and profiles), xlsx or csv "
            "(one row per measure). Default: from the suffix of -o, else markdown.",
        },
        "output_help": {
            "de": "In diese Datei schreiben (bei site: in diesen Ordner).",
            "en": "Write to this file (for site: into this folder).",
        },
        "as_of_help": {
            "de": "Stichtag (JJJJ-MM-TT oder TT.MM.JJJJ; Standard: heute).",
            "en": "Reference date (YYYY-MM-DD or DD.MM.YYYY; default: today).",
        },
        "since_help": {
            "de": "Änderungen seit diesem Datum zeigen (Phasenwechsel, Entscheidungen, "
            "Änderungsverlauf).",
            "en": "Show changes since this date (phase changes, decisions, changelog entries).",
        },
        "mandate_days_help": {
            "de": "Mandate, die in so vielen Tagen ablaufen, brauchen Aufmerksamkeit.",
            "en": "Mandates expiring within this many days need attention.",
        },
        "stale_days_help": {
            "de": "Eine Phase, die so viele Tage unverändert ist, braucht Aufmerksamkeit.",
            "en": "A phase unchanged for this many days needs attention.",
        },
        "jobs_help": {
            "de": "Anzahl paralleler Prozesse (0 = automatisch). Die Ausgabe ist gleich.",
            "en": "Number of parallel processes (0 = automatic). The output is the same.",
        },
        "no_contacts_help": {
            "de": "Steckbriefe (site) ohne Namen, E-Mail-Adressen und Telefonnummern.",
            "en": "Profiles (site) without names, e-mail addresses and phone numbers.",
        },
        "site_needs_output": {
            "de": "--format site braucht einen Ordner: -o ORDNER.",
            "en": "--format site needs a folder: -o FOLDER.",
        },
        "binary_needs_output": {
            "de": "--format xlsx braucht eine Datei: -o bericht.xlsx.",
            "en": "--format xlsx needs a file: -o report.xlsx.",
        },
        "no_files": {
            "de": "Keine Charta gefunden in: {paths}.",
            "en": "No charter found in: {paths}.",
        },
        "skipped": {
            "de": "{file}: übersprungen – keine Charta.",
            "en": "{file}: skipped – not a charter.",
        },
        "progress": {"de": "Chartas prüfen", "en": "Checking charters"},
        "written": {"de": "Geschrieben: {file}", "en": "Written: {file}"},
        "cannot_write": {
            "de": "Kann {file} nicht schreiben: {reason}",
            "en": "Cannot write {file}: {reason}",
        },
    }
)


class ReportFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"
    site = "site"
    xlsx = "xlsx"
    csv = "csv"


_SUFFIXES = {
    ".md": ReportFormat.markdown,
    ".markdown": ReportFormat.markdown,
    ".json": ReportFormat.json,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".xlsx": ReportFormat.xlsx,
    ".csv": ReportFormat.csv,
}


def choose_format(chosen: ReportFormat | None, output: Path | None) -> ReportFormat:
    if chosen is not None:
        return chosen
    if output is not None:
        return _SUFFIXES.get(output.suffix.lower(), ReportFormat.markdown)
    return ReportFormat.markdown


def _with_progress(items: Iterator[tuple[str, Any]], total: list[int]) -> Iterator[tuple[str, Any]]:
    """A progress bar on standard error while the charters are checked (only on a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from gdb_cli.output import console

    with Progress(
        TextColumn(_("progress")),
        BarColumn(),
        MofNCompleteColumn(),
        console=console(stderr=True),
        transient=True,
    ) as progress:
        task = None
        for item in items:
            if task is None:
                task = progress.add_task("", total=total[0] or None)
            progress.advance(task)
            yield item


def register(app: typer.Typer) -> None:
    @app.command("report", help=_("help"))
    def report(
        paths: Annotated[
            list[Path] | None, typer.Argument(help=_("paths_help"), show_default=False)
        ] = None,
        output_format: Annotated[
            ReportFormat | None, typer.Option("--format", "-f", help=_("format_help"))
        ] = None,
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help=_("output_help"), metavar="PATH")
        ] = None,
        as_of: Annotated[
            str | None, typer.Option("--as-of", help=_("as_of_help"), metavar="DATE")
        ] = None,
        since: Annotated[
            str | None, typer.Option("--since", help=_("since_help"), metavar="DATE")
        ] = None,
        mandate_days: Annotated[
            int, typer.Option("--mandate-days", min=0, help=_("mandate_days_help"), metavar="N")
        ] = 90,
        stale_days: Annotated[
            int, typer.Option("--stale-days", min=1, help=_("stale_days_help"), metavar="N")
        ] = 365,
        no_contacts: Annotated[
            bool, typer.Option("--no-contacts", help=_("no_contacts_help"))
        ] = False,
        jobs: Annotated[
            int, typer.Option("--jobs", "-j", min=0, help=_("jobs_help"), metavar="N")
        ] = 0,
    ) -> int:
        import sys

        from gdb_cli import context, settings
        from gdb_cli.charter.files import parse_as_of, parse_date
        from gdb_cli.engine.run import iter_extracted
        from gdb_cli.errors import GdbError
        from gdb_cli.output import message
        from gdb_cli.views.report import build_portfolio, extract

        quiet = settings.current.quiet
        day = parse_as_of(as_of)
        since_day = parse_date(since, "--since") if since is not None else None
        chosen = choose_format(output_format, output)
        if chosen is ReportFormat.site and output is None:
            raise GdbError(_("site_needs_output"))
        if chosen is ReportFormat.xlsx and output is None and sys.stdout.isatty():
            raise GdbError(_("binary_needs_output"))
        handbook = context.handbook()
        targets = list(paths) if paths else [Path()]
        total = [0]
        results = iter_extracted(
            targets,
            handbook,
            extract,
            as_of=day,
            jobs=jobs,
            progress=lambda n: total.__setitem__(0, n),
        )
        if not quiet and sys.stderr.isatty():
            results = _with_progress(results, total)
        skipped: list[str] = []

        def facts() -> Iterator[Any]:
            for kind, value in results:
                if kind == "report":
                    yield value
                else:
                    skipped.append(value)

        portfolio = build_portfolio(
            facts(),
            handbook,
            as_of=day,
            since=since_day,
            mandate_days=mandate_days,
            stale_days=stale_days,
            skipped=(),
        )
        portfolio.skipped = skipped
        if not quiet:
            for name in skipped:
                message(_("skipped", file=name))
            if not portfolio.files:
                message(_("no_files", paths=", ".join(str(p) for p in targets)))
        if chosen is ReportFormat.site:
            from gdb_cli.render.report_site import write_site

            assert output is not None
            try:
                write_site(portfolio, output, handbook, contacts=not no_contacts)
            except OSError as exc:
                raise GdbError(_("cannot_write", file=output, reason=exc.strerror or exc)) from None
            if not quiet:
                message(_("written", file=output / "index.html"))
            return 0
        from importlib import import_module

        from gdb_cli.toml.write import emit

        module = import_module(f"gdb_cli.render.report_{chosen.value}")
        if hasattr(module, "write"):  # a large document goes out piece by piece
            _stream(module.write, portfolio, output, quiet)
        else:
            emit(module.render(portfolio), output)
        return 0


def _stream(write: Any, portfolio: Any, output: Path | None, quiet: bool) -> None:
    """`write(portfolio, stream)` to stdout, or atomically into `output`."""
    import sys

    from gdb_cli.errors import GdbError
    from gdb_cli.output import message
    from gdb_cli.toml.write import atomic_stream

    if output is None:
        write(portfolio, sys.stdout)
        return
    try:
        with atomic_stream(output) as stream:
            write(portfolio, stream)
    except OSError as exc:
        raise GdbError(_("cannot_write", file=output, reason=exc.strerror or exc)) from None
    if not quiet:
        message(_("written", file=output))
