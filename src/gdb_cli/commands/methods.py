"""`gdb methods`: the method catalogue – list, filter, search, show a card, recommend for a charter.

`gdb methods [QUERY…]` lists (ranked by relevance when there is a query), `gdb methods show ID`
prints one card, `gdb methods --for charta.toml` recommends, `gdb methods --pick` browses
interactively. The catalogue is loaded through `methods_catalog.store` (a cached JSON index on
warm starts, so this command stays light); search and recommendations live in `methods_catalog`.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gdb_cli.completion import complete_methods_query, complete_tag
from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog, close_matches, did_you_mean

if TYPE_CHECKING:
    from gdb_cli.methods.recommend import Recommendation
    from gdb_cli.methods.records import Catalogue, Method
    from gdb_cli.methods.search import Filters


# `--for` shows the most important recommendations only, unless --all.
RECOMMEND_LIMIT = 8


class MethodsFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


_ = Catalog(
    {
        "pick_exclusive": {
            "de": "--pick lässt sich nicht mit show, --for oder --format kombinieren.",
            "en": "--pick cannot be combined with show, --for or --format.",
        },
        "help": {
            "de": "Methoden finden: auflisten, filtern, suchen (gdb methods SUCHBEGRIFF), "
            "eine Karte zeigen (gdb methods show KENNUNG), für eine Charta empfehlen (--for) "
            "oder interaktiv stöbern (--pick).",
            "en": "Find methods: list, filter, search (gdb methods QUERY), show a card "
            "(gdb methods show ID), recommend for a charter (--for) or browse interactively "
            "(--pick).",
        },
        "query_help": {
            "de": "Suchbegriffe (Namen, Zweck, Schlagworte, Schritte; Deutsch und Englisch; "
            "Groß-/Kleinschreibung und Umlaute egal) – oder: show KENNUNG.",
            "en": "Search words (names, purpose, tags, steps; German and English; case and "
            "accents ignored) – or: show ID.",
        },
        "query_metavar": {"de": "SUCHBEGRIFF…", "en": "QUERY…"},
        "tag_metavar": {"de": "SCHLAGWORT", "en": "TAG"},
        "source_metavar": {"de": "QUELLE", "en": "SOURCE"},
        "minutes_metavar": {"de": "MINUTEN", "en": "MINUTES"},
        "phase_help": {
            "de": "Nur Methoden dieser Phase (1–5).",
            "en": "Only methods of this phase (1–5).",
        },
        "tag_help": {
            "de": "Nur Methoden mit diesem Schlagwort (Kennung oder Name, wiederholbar: alle "
            "müssen passen).",
            "en": "Only methods with this tag (id or label; repeatable: all must match).",
        },
        "max_help": {
            "de": "Nur Methoden, die in so vielen Minuten machbar sind (kürzeste Dauer ≤ MINUTEN).",
            "en": "Only methods that can be done in this many minutes "
            "(shortest duration ≤ MINUTES).",
        },
        "group_help": {
            "de": "Nur Methoden für so viele Teilnehmende.",
            "en": "Only methods for this many participants.",
        },
        "source_help": {
            "de": "Nur Methoden aus dieser Quelle: gdb, citylab, og, 18f, govuk, nesta.",
            "en": "Only methods from this source: gdb, citylab, og, 18f, govuk, nesta.",
        },
        "for_help": {
            "de": "Methoden für diese Charta empfehlen (ihre Phase und offenen Punkte), je mit "
            "Begründung.",
            "en": "Recommend methods for this charter (its phase and open items), each with a "
            "reason.",
        },
        "format_help": {"de": "Ausgabeformat.", "en": "Output format."},
        "all_help": {
            "de": "Mit --for: alle Empfehlungen zeigen (sonst die {limit} wichtigsten).",
            "en": "With --for: show every recommendation (else the {limit} most important).",
        },
        "caption_for": {
            "de": "{count} von {total} Empfehlungen · alle: --all · Karte: gdb methods show "
            "KENNUNG",
            "en": "{count} of {total} recommendations · all: --all · card: gdb methods show ID",
        },
        "pick_help": {
            "de": "Interaktiv stöbern: Phase wählen, suchen, Karte lesen (nur im Terminal).",
            "en": "Browse interactively: choose a phase, search, read a card (terminal only).",
        },
        "title": {"de": "Methoden", "en": "Methods"},
        "title_for": {
            "de": "Empfohlene Methoden für „{title}“ (Phase {phase})",
            "en": "Recommended methods for “{title}” (phase {phase})",
        },
        "title_for_derived": {
            "de": "Empfohlene Methoden für „{title}“ (Phase {phase}, abgeleitet)",
            "en": "Recommended methods for “{title}” (phase {phase}, derived)",
        },
        "caption": {
            "de": "{count} von {total} Methoden · Karte: gdb methods show KENNUNG",
            "en": "{count} of {total} methods · card: gdb methods show ID",
        },
        "nothing": {
            "de": "Keine passende Methode gefunden. Weniger Filter oder andere Suchbegriffe "
            "versuchen; alle Methoden: gdb methods",
            "en": "No matching method. Try fewer filters or other words; all methods: gdb methods",
        },
        "show_needs_id": {
            "de": "„gdb methods show“ braucht genau eine Kennung, z. B. gdb methods show kick-off.",
            "en": "“gdb methods show” needs exactly one id, e.g. gdb methods show kick-off.",
        },
        "unknown_method": {
            "de": "Unbekannte Methode „{value}“.",
            "en": "Unknown method “{value}”.",
        },
        "search_hint": {
            "de": " Suchen: gdb methods {value}",
            "en": " Search: gdb methods {value}",
        },
        "bad_phase": {
            "de": "Phase {value} gibt es nicht; Phasen: {allowed}.",
            "en": "There is no phase {value}; phases: {allowed}.",
        },
        "bad_tag": {
            "de": "Unbekanntes Schlagwort „{value}“.{hint} Schlagworte: {allowed}.",
            "en": "Unknown tag “{value}”.{hint} Tags: {allowed}.",
        },
        "bad_source": {
            "de": "Unbekannte Quelle „{value}“. Quellen: {allowed}.",
            "en": "Unknown source “{value}”. Sources: {allowed}.",
        },
        "show_exclusive": {
            "de": "„show“ lässt sich nicht mit --for kombinieren.",
            "en": "“show” cannot be combined with --for.",
        },
    }
)


def register(app: typer.Typer) -> None:
    @app.command("methods", help=_("help"))
    def methods(
        query: Annotated[
            list[str] | None,
            typer.Argument(
                help=_("query_help"),
                show_default=False,
                metavar=_("query_metavar"),
                autocompletion=complete_methods_query,
            ),
        ] = None,
        phase: Annotated[
            int | None, typer.Option("--phase", "-p", help=_("phase_help"), show_default=False)
        ] = None,
        tag: Annotated[
            list[str] | None,
            typer.Option(
                "--tag",
                "-t",
                help=_("tag_help"),
                show_default=False,
                metavar=_("tag_metavar"),
                autocompletion=complete_tag,
            ),
        ] = None,
        max_minutes: Annotated[
            int | None,
            typer.Option(
                "--max-minutes",
                min=1,
                help=_("max_help"),
                show_default=False,
                metavar=_("minutes_metavar"),
            ),
        ] = None,
        group_size: Annotated[
            int | None,
            typer.Option("--group-size", min=1, help=_("group_help"), show_default=False),
        ] = None,
        source: Annotated[
            str | None,
            typer.Option(
                "--source", help=_("source_help"), show_default=False, metavar=_("source_metavar")
            ),
        ] = None,
        charter: Annotated[
            Path | None, typer.Option("--for", help=_("for_help"), show_default=False)
        ] = None,
        output_format: Annotated[
            MethodsFormat | None, typer.Option("--format", "-f", help=_("format_help"))
        ] = None,
        pick: Annotated[bool, typer.Option("--pick", "-i", help=_("pick_help"))] = False,
        show_all: Annotated[
            bool, typer.Option("--all", help=_("all_help", limit=RECOMMEND_LIMIT))
        ] = False,
    ) -> int:
        from gdb_cli import settings
        from gdb_cli.methods.store import load_catalogue

        words = list(query or [])
        show = bool(words) and words[0] == "show"
        if pick and (show or charter is not None or output_format is not None):
            raise GdbError(_("pick_exclusive"))
        if show and charter is not None:
            raise GdbError(_("show_exclusive"))
        fmt = output_format or MethodsFormat.text
        catalogue = load_catalogue(settings.current.handbook)
        if show:
            if len(words) != 2:
                raise GdbError(_("show_needs_id"))
            return _show(catalogue, words[1], fmt)
        filters = _filters(catalogue, phase, tag or [], max_minutes, group_size, source)
        if pick:
            from gdb_cli.methods.browser import browse

            return browse(catalogue, filters, " ".join(words))
        if charter is not None:
            return _recommend(catalogue, charter, filters, " ".join(words), fmt, show_all)
        return _list(catalogue, filters, " ".join(words), fmt)


def _filters(
    catalogue: Catalogue,
    phase: int | None,
    tags: list[str],
    max_minutes: int | None,
    group_size: int | None,
    source: str | None,
) -> Filters:
    from gdb_cli.methods.search import (
        Filters,
        resolve_source,
        resolve_tag,
    )

    if phase is not None and phase not in catalogue.phases:
        allowed = ", ".join(catalogue.phase_label(n) for n in sorted(catalogue.phases))
        raise GdbError(_("bad_phase", value=phase, allowed=allowed))
    tag_ids: list[str] = []
    for value in tags:
        tag_id = resolve_tag(value, catalogue)
        if tag_id is None:
            close = close_matches(value.lower(), list(catalogue.tags))
            allowed = ", ".join(f"{t} ({label.get()})" for t, label in catalogue.tags.items())
            hint = did_you_mean(close)
            raise GdbError(_("bad_tag", value=value, hint=hint, allowed=allowed))
        tag_ids.append(tag_id)
    source_id: str | None = None
    if source is not None:
        source_id = resolve_source(source, catalogue)
        if source_id is None:
            raise GdbError(_("bad_source", value=source, allowed=", ".join(catalogue.sources)))
    return Filters(phase, tuple(tag_ids), max_minutes, group_size, source_id)


def _show(catalogue: Catalogue, value: str, fmt: MethodsFormat) -> int:
    from gdb_cli.methods.records import method_data
    from gdb_cli.methods.search import resolve_method, suggestions
    from gdb_cli.output import print_document

    method = resolve_method(value, catalogue)
    if method is None:
        close = suggestions(value, catalogue)
        text = _("unknown_method", value=value)
        text += did_you_mean(close)
        text += _("search_hint", value=value) if not close else ""
        raise GdbError(text)
    if fmt is MethodsFormat.json:
        print_document(method_data(method, catalogue))
    elif fmt is MethodsFormat.markdown:
        from gdb_cli.render.methods import card_markdown

        sys.stdout.write(card_markdown(method, catalogue))
    else:
        from gdb_cli.render.methods import print_card

        print_card(method, catalogue)
    return 0


def _list(catalogue: Catalogue, filters: Filters, query: str, fmt: MethodsFormat) -> int:
    from gdb_cli.i18n import get_language
    from gdb_cli.methods.search import search

    lang = get_language()
    candidates = [m for m in catalogue.methods if filters.accepts(m)]
    ranked = search(candidates, query, catalogue, lang)
    found = [m for m, _score in ranked]
    if fmt is MethodsFormat.json:
        from gdb_cli.methods.records import method_data
        from gdb_cli.output import print_document

        # For machines the order does not depend on the language: by id, or best score first.
        data = []
        for method, points in sorted(ranked, key=lambda pair: (-pair[1], pair[0].id)):
            record = method_data(method, catalogue)
            if query.strip():
                record["score"] = points
            data.append(record)
        print_document({"methods": data})
        return 0
    if not found:
        from gdb_cli.output import message

        message(_("nothing"))
        return 0
    _print_list(catalogue, found, _("title"), None, fmt)
    return 0


def _print_list(
    catalogue: Catalogue,
    found: list[Method],
    title: str,
    why: list[str] | None,
    fmt: MethodsFormat,
    caption: str | None = None,
) -> None:
    from gdb_cli.render import methods as render

    if fmt is MethodsFormat.markdown:
        sys.stdout.write(render.list_markdown(found, title, why))
        return
    render.show_list(
        found,
        title=title,
        caption=caption or _("caption", count=len(found), total=len(catalogue.methods)),
        why=why,
    )


def _recommend(
    catalogue: Catalogue,
    path: Path,
    filters: Filters,
    query: str,
    fmt: MethodsFormat,
    show_all: bool = False,
) -> int:
    from gdb_cli import context
    from gdb_cli.engine import evaluate
    from gdb_cli.engine.catalog import load_rules
    from gdb_cli.i18n import get_language, pick
    from gdb_cli.methods.recommend import recommend, rule_hits
    from gdb_cli.methods.search import search

    loaded = context.load_valid(path)
    assert loaded.charter is not None
    handbook = context.handbook()
    report = evaluate(loaded, handbook)
    hits = rule_hits(report, load_rules(handbook))
    recommendations: list[Recommendation] = [
        r for r in recommend(catalogue, loaded.charter, hits) if filters.accepts(r.method)
    ]
    if query.strip():
        matched = {m.id for m, _s in search([r.method for r in recommendations], query, catalogue)}
        recommendations = [r for r in recommendations if r.method.id in matched]
    if fmt is MethodsFormat.json:
        from gdb_cli.methods.records import method_data
        from gdb_cli.output import print_document

        print_document(
            {
                "methods": [
                    {
                        **method_data(r.method, catalogue),
                        "why": r.why,
                        "reason": r.reason,
                        "key": r.key,
                    }
                    for r in recommendations
                ]
            }
        )
        return 0
    if not recommendations:
        from gdb_cli.output import message

        message(_("nothing"))
        return 0
    lang = get_language()
    key = "title_for_derived" if report.phase_derived else "title_for"
    title = _(key, title=loaded.charter.measure.title, phase=loaded.charter.measure.phase)
    total = len(recommendations)
    if not show_all:
        recommendations = recommendations[:RECOMMEND_LIMIT]
    _print_list(
        catalogue,
        [r.method for r in recommendations],
        title,
        [pick(r.why, lang) for r in recommendations],
        fmt,
        caption=_("caption_for", count=len(recommendations), total=total)
        if len(recommendations) < total
        else None,
    )
    return 0
