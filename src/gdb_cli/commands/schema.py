"""`gdb schema`: print (or write) the JSON Schema of a charter, for editors and CI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gdb_cli.i18n import Catalog

_ = Catalog(
    {
        "help": {
            "de": "Das JSON Schema der Projektcharta ausgeben (für Editoren wie VS Code mit "
            "„Even Better TOML“ und für CI). Texte in der Sprache von --lang.",
            "en": "Print the JSON Schema of the project charter (for editors such as VS Code "
            "with “Even Better TOML”, and for CI). Texts in the language of --lang.",
        },
        "output_help": {
            "de": "In diese Datei schreiben (statt auf die Standardausgabe).",
            "en": "Write to this file (instead of standard output).",
        },
    }
)


def register(app: typer.Typer) -> None:
    @app.command("schema", help=_("help"))
    def schema(
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help=_("output_help"), dir_okay=False)
        ] = None,
    ) -> None:

        from gdb_cli import context
        from gdb_cli.charter.schema import schema_text
        from gdb_cli.i18n import get_language
        from gdb_cli.toml.write import emit

        text = schema_text(context.handbook(), get_language())
        emit(text, output)
