"""`gdb methods --pick`: browse the catalogue interactively (the only place importing questionary).

Choose a phase (or all), type search words (empty: all), pick a method from the list (paged,
15 at a time) to read its card, then go back to the list, start a new search or quit.
Only in a terminal: when stdin or stdout is not one, exit 2 with a message instead.
"""

from __future__ import annotations

import dataclasses
import shutil
from typing import Any

from gdb_cli import prompting
from gdb_cli.errors import EXIT_INTERRUPTED, GdbError
from gdb_cli.i18n import Catalog
from gdb_cli.methods.records import Catalogue, Method
from gdb_cli.methods.search import Filters, search

_ = Catalog(
    {
        "no_tty": {
            "de": "--pick braucht ein Terminal (Ein- und Ausgabe). Ohne Terminal: "
            "gdb methods SUCHBEGRIFF bzw. gdb methods show KENNUNG.",
            "en": "--pick needs a terminal (input and output). Without one: "
            "gdb methods QUERY or gdb methods show ID.",
        },
        "interrupted": {"de": "Abgebrochen.", "en": "Interrupted."},
        # questionary's own hint is English ("(Use arrow keys)"): ours in the active language
        "select_hint": {"de": "(↑↓ und Enter)", "en": "(↑↓ and Enter)"},
        "phase": {"de": "Welche Phase?", "en": "Which phase?"},
        "all_phases": {"de": "Alle Phasen", "en": "All phases"},
        "phase_item": {"de": "Phase {label}", "en": "Phase {label}"},
        "query": {
            "de": "Suchbegriff (leer = alle):",
            "en": "Search words (empty = all):",
        },
        "results": {
            "de": "{count} Methoden – welche ansehen?",
            "en": "{count} methods – which one to read?",
        },
        "page": {"de": " (Seite {page}/{pages})", "en": " (page {page}/{pages})"},
        "next": {"de": "→ Weitere Methoden", "en": "→ More methods"},
        "previous": {"de": "← Vorherige Methoden", "en": "← Previous methods"},
        "new_search": {"de": "↺ Neue Suche", "en": "↺ New search"},
        "quit": {"de": "✕ Beenden", "en": "✕ Quit"},
        "back": {"de": "← Zurück zur Liste", "en": "← Back to the list"},
        "what_next": {"de": "Wie weiter?", "en": "What next?"},
        "nothing": {
            "de": "Keine passende Methode – bitte andere Suchbegriffe versuchen.",
            "en": "No matching method – please try other words.",
        },
    }
)

_NEXT, _PREVIOUS, _NEW, _QUIT, _BACK = "\x00next", "\x00prev", "\x00new", "\x00quit", "\x00back"


def page_size() -> int:
    lines = shutil.get_terminal_size((80, 24)).lines
    return max(5, min(15, lines - 8))


def browse(catalogue: Catalogue, filters: Filters, query: str = "") -> int:
    """Run the browser; returns the exit code (Ctrl-C: 130 with a message)."""
    from gdb_cli.output import stdin_is_terminal, stdout_is_terminal

    if not (stdin_is_terminal() and stdout_is_terminal()):
        raise GdbError(_("no_tty"))
    try:
        with prompting.session():
            return _browse(catalogue, filters, query)
    except (KeyboardInterrupt, EOFError):
        # Typer would turn this into a silent exit 130; say what happened.
        raise GdbError(_("interrupted"), EXIT_INTERRUPTED) from None


def _browse(catalogue: Catalogue, filters: Filters, query: str) -> int:
    import questionary

    phase = filters.phase
    while True:
        phase = _ask_phase(questionary, catalogue, phase)
        if phase == _QUIT:
            return 0
        query = prompting.ask(questionary.text(_("query"), default=query)) or ""
        current = dataclasses.replace(filters, phase=phase or None)
        candidates = [m for m in catalogue.methods if current.accepts(m)]
        found = [m for m, _score in search(candidates, query, catalogue)]
        if not found:
            from gdb_cli.output import message

            message(_("nothing"))
            continue
        if _list_loop(questionary, catalogue, found) == _QUIT:
            return 0


def _ask_phase(questionary: Any, catalogue: Catalogue, current: Any) -> Any:
    choices = [questionary.Choice(_("all_phases"), value=0)]
    choices += [
        questionary.Choice(_("phase_item", label=catalogue.phase_label(n)), value=n)
        for n in sorted(catalogue.phases)
    ]
    choices.append(questionary.Choice(_("quit"), value=_QUIT))
    default = next((c for c in choices if c.value == current), None)
    return prompting.ask(
        questionary.select(
            _("phase"), choices=choices, default=default, instruction=_("select_hint")
        )
    )


def _list_loop(questionary: Any, catalogue: Catalogue, found: list[Method]) -> str:
    """Pick from the hits and read cards until the person asks for a new search or to quit."""
    from gdb_cli.render.methods import duration, phases_short, print_card

    size = page_size()
    pages = (len(found) + size - 1) // size
    page = 0
    while True:
        shown = found[page * size : (page + 1) * size]
        choices: list[Any] = [
            questionary.Choice(
                f"{m.title()} ({m.id}) · {phases_short(m)} · {duration(m)}", value=m.id
            )
            for m in shown
        ]
        choices.append(questionary.Separator())
        if page + 1 < pages:
            choices.append(questionary.Choice(_("next"), value=_NEXT))
        if page > 0:
            choices.append(questionary.Choice(_("previous"), value=_PREVIOUS))
        choices += [
            questionary.Choice(_("new_search"), value=_NEW),
            questionary.Choice(_("quit"), value=_QUIT),
        ]
        title = _("results", count=len(found))
        if pages > 1:
            title += _("page", page=page + 1, pages=pages)
        choice = prompting.ask(
            questionary.select(title, choices=choices, instruction=_("select_hint"))
        )
        if choice == _NEXT:
            page += 1
        elif choice == _PREVIOUS:
            page -= 1
        elif choice in (_NEW, _QUIT):
            return str(choice)
        else:
            method = catalogue.get(str(choice))
            if method is None:  # pragma: no cover - ids come from the list above
                continue
            print_card(method, catalogue)
            after = prompting.ask(
                questionary.select(
                    _("what_next"),
                    instruction=_("select_hint"),
                    choices=[
                        questionary.Choice(_("back"), value=_BACK),
                        questionary.Choice(_("new_search"), value=_NEW),
                        questionary.Choice(_("quit"), value=_QUIT),
                    ],
                )
            )
            if after in (_NEW, _QUIT):
                return str(after)
