"""`gdb export`: the measure profile (Maßnahmensteckbrief) as Markdown or HTML."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gdb_cli.i18n import Catalog

_ = Catalog(
    {
        "help": {
            "de": "Einen Maßnahmensteckbrief zum Veröffentlichen erzeugen: alle Abschnitte der "
            "Charta und das Prüfergebnis, als Markdown oder als eine HTML-Datei.",
            "en": "Make a publishable measure profile: every section of the charter and the "
            "check result, as Markdown or as one HTML file.",
        },
        "charter_help": {
            "de": "Die Charta (Standard: charta.toml im aktuellen Ordner).",
            "en": "The charter (default: charta.toml – or charter.toml, projektcharta.toml – in "
            "the current folder).",
        },
        "format_help": {
            "de": "md oder html (Standard: nach der Endung von -o, sonst md).",
            "en": "md or html (default: from the suffix of -o, else md).",
        },
        "output_help": {
            "de": "In diese Datei schreiben (statt auf die Standardausgabe).",
            "en": "Write to this file (instead of standard output).",
        },
        "as_of_help": {
            "de": "Stichtag der Prüfung (JJJJ-MM-TT, Standard: heute).",
            "en": "Date to check against (YYYY-MM-DD, default: today).",
        },
        "no_contacts_help": {
            "de": "Ohne Kontaktdaten: keine Namen, E-Mail-Adressen oder Telefonnummern von "
            "Leitung, Ansprechperson, Team und den Ansprechpersonen der Partner (Rollen und "
            "Organisationen bleiben).",
            "en": "Without contact data: no names, e-mail addresses or phone numbers of lead, "
            "contact, team and the partners' contact persons (roles and organisations stay).",
        },
        "omit_help": {
            "de": "Diese Abschnitte weglassen (mit Komma getrennt): {sections}; „contacts“ "
            "lässt die Kontaktdaten weg (wie --no-contacts).",
            "en": "Leave out these sections (comma-separated): {sections}; “contacts” leaves "
            "out the contact data (as --no-contacts does).",
        },
        "bad_omit": {
            "de": "--omit: unbekannter Abschnitt „{name}“. Möglich: {sections}.",
            "en": "--omit: unknown section “{name}”. Possible: {sections}.",
        },
        "did_you_mean": {"de": " Meinten Sie „{value}“?", "en": " Did you mean “{value}”?"},
        "contains_contacts": {
            "de": "Enthält Namen und E-Mail-Adressen – vor dem Veröffentlichen prüfen oder "
            "--no-contacts nutzen.",
            "en": "Contains names and e-mail addresses – check before publishing or use "
            "--no-contacts.",
        },
    }
)


# What --omit takes: the Steckbrief's section keys (views/steckbrief.py) and "contacts".
OMITTABLE = (
    "overview",
    "problem",
    "frame",
    "goals",
    "responsibility",
    "partners",
    "resources",
    "mandate",
    "competencies",
    "stakeholders",
    "principles",
    "risks",
    "impact",
    "operation",
    "transfer",
    "results",
    "check",
    "changelog",
    "contacts",
)


def parse_omit(value: str | None) -> set[str]:
    """`"check, Risks"` → {"check", "risks"}; an unknown name is a usage error with a hint."""
    import difflib

    from gdb_cli.errors import GdbError

    names = {n.strip().lower() for n in (value or "").split(",") if n.strip()}
    for name in sorted(names):
        if name not in OMITTABLE:
            text = _("bad_omit", name=name, sections=", ".join(OMITTABLE))
            guess = difflib.get_close_matches(name, OMITTABLE, n=1, cutoff=0.6)
            if guess:
                text += _("did_you_mean", value=guess[0])
            raise GdbError(text)
    return names


class ExportFormat(StrEnum):
    md = "md"
    html = "html"


def register(app: typer.Typer) -> None:
    @app.command("export", help=_("help"))
    def export(
        charter: Annotated[
            Path | None, typer.Argument(help=_("charter_help"), show_default=False)
        ] = None,
        output_format: Annotated[
            ExportFormat | None, typer.Option("--format", "-f", help=_("format_help"))
        ] = None,
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help=_("output_help"), dir_okay=False)
        ] = None,
        as_of: Annotated[
            str | None, typer.Option("--as-of", help=_("as_of_help"), metavar="DATE")
        ] = None,
        no_contacts: Annotated[
            bool, typer.Option("--no-contacts", help=_("no_contacts_help"))
        ] = False,
        omit: Annotated[
            str | None,
            typer.Option(
                "--omit",
                metavar="SECTIONS",
                help=_("omit_help", sections=", ".join(OMITTABLE)),
            ),
        ] = None,
    ) -> None:

        from gdb_cli import context
        from gdb_cli.charter.files import parse_as_of, resolve_charter
        from gdb_cli.i18n import get_language
        from gdb_cli.output import message
        from gdb_cli.toml.write import emit
        from gdb_cli.views.steckbrief import build_steckbrief, check_summary, has_contact_data

        omitted = parse_omit(omit)
        no_contacts = no_contacts or "contacts" in omitted
        day = parse_as_of(as_of)
        loaded = context.load_valid(resolve_charter(charter, "export"))
        assert loaded.charter is not None
        handbook = context.handbook()
        chosen = output_format or (
            ExportFormat.html
            if output is not None and output.suffix.lower() in (".html", ".htm")
            else ExportFormat.md
        )
        document = build_steckbrief(
            loaded.charter,
            handbook,
            get_language(),
            check_summary(loaded, handbook, day),
            day,
            contacts=not no_contacts,
        )
        if omitted:
            from dataclasses import replace

            sections = [s for s in document.sections if s.key not in omitted]
            document = replace(document, sections=sections)
        if not no_contacts and has_contact_data(loaded.charter):
            message(_("contains_contacts"))
        if chosen is ExportFormat.html:
            from gdb_cli.render.steckbrief_html import render_html

            text = render_html(document)
        else:
            from gdb_cli.render.steckbrief_markdown import render_markdown

            text = render_markdown(document)
        emit(text, output)
