"""`gdb migrate`: rewrite format-1 charters as format 2 (see `gdb_cli.charter.migrate`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdb_cli.i18n import Catalog

_ = Catalog(
    {
        "help": {
            "de": "Chartas im Format 1 in Format 2 umschreiben: nur schema_version und ein "
            "Eintrag im Änderungsverlauf ändern sich, Kommentare und Reihenfolge bleiben; die "
            "alte Fassung bleibt als DATEI.bak. Ein zweiter Lauf ändert nichts.",
            "en": "Rewrite format-1 charters as format 2: only schema_version and a changelog "
            "entry change, comments and order stay; the old version is kept as FILE.bak. A "
            "second run changes nothing.",
        },
        "paths_help": {
            "de": "Chartas oder Ordner (Standard: charta.toml im aktuellen Ordner).",
            "en": "Charters or folders (default: charter.toml in the current folder).",
        },
        "check_help": {
            "de": "Nichts schreiben; Exit-Code 1, wenn eine Charta noch umzustellen ist (für CI).",
            "en": "Write nothing; exit code 1 when a charter still needs migrating (for CI).",
        },
        "diff_help": {
            "de": "Nichts schreiben; die Änderungen als Diff ausgeben.",
            "en": "Write nothing; print the changes as a diff.",
        },
        "migrated": {
            "de": "{file}: auf Format 2 umgestellt (alte Fassung: {backup}).",
            "en": "{file}: migrated to format 2 (old version: {backup}).",
        },
        "pending": {
            "de": "{file}: noch im Format 1 – „gdb migrate {file}“ stellt sie um.",
            "en": "{file}: still format 1 – “gdb migrate {file}” migrates it.",
        },
        "current": {
            "de": "{file}: bereits Format 2, nichts zu tun.",
            "en": "{file}: already format 2, nothing to do.",
        },
        "unknown_version": {
            "de": "{file}: schema_version = {version} – nur Format 1 kann umgestellt werden.",
            "en": "{file}: schema_version = {version} – only format 1 can be migrated.",
        },
        "not_charter": {
            "de": "{file}: übersprungen – keine Charta.",
            "en": "{file}: skipped – not a charter.",
        },
        "changed": {
            "de": "{file}: wurde während des Umstellens geändert – nichts geschrieben, bitte "
            "erneut ausführen.",
            "en": "{file}: changed while migrating – nothing written, please run again.",
        },
    }
)


def register(app: typer.Typer) -> None:
    @app.command("migrate", help=_("help"))
    def migrate(
        paths: Annotated[
            list[Path] | None, typer.Argument(help=_("paths_help"), show_default=False)
        ] = None,
        check: Annotated[bool, typer.Option("--check", help=_("check_help"))] = False,
        diff: Annotated[bool, typer.Option("--diff", help=_("diff_help"))] = False,
    ) -> None:
        import sys

        from gdb_cli.charter.files import default_charter
        from gdb_cli.charter.migrate import TO_VERSION, migrate_text, unified_diff
        from gdb_cli.engine.run import collect, is_charter_data
        from gdb_cli.errors import EXIT_USAGE
        from gdb_cli.output import error, message
        from gdb_cli.toml.read import ReadError, read_document
        from gdb_cli.toml.write import ChangedMeanwhile, atomic_write, fingerprint

        targets = collect(paths or [default_charter("migrate")])
        pending = False
        broken = False
        for target in targets:
            shown = target.shown
            try:
                before = fingerprint(target.path)
                document = read_document(target.path, display=shown)
            except ReadError as exc:
                finding = exc.finding
                error(f"{shown}:{finding.line or 1}:{finding.column or 1}: {finding.message}")
                broken = True
                continue
            if target.from_folder and not is_charter_data(document.data):
                message(_("not_charter", file=shown))
                continue
            result = migrate_text(document.text)
            if result.text is None:
                if result.version == TO_VERSION:
                    message(_("current", file=shown))
                else:
                    error(_("unknown_version", file=shown, version=result.version))
                    broken = True
                continue
            pending = True
            if diff:
                sys.stdout.write(unified_diff(document.text, result.text, shown))
            if check or diff:
                if check:
                    message(_("pending", file=shown))
                continue
            try:
                backup = atomic_write(target.path, result.text, backup=True, expected=before)
            except ChangedMeanwhile:
                error(_("changed", file=shown))
                broken = True
                continue
            shown_backup = str(backup) if backup else shown + ".bak"
            message(_("migrated", file=shown, backup=shown_backup))
        if broken:
            raise typer.Exit(EXIT_USAGE)
        if check and pending:
            raise typer.Exit(1)
