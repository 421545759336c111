"""Counted words shared by the check renderers: „1 Datei / 2 Dateien“, "1 warning / 2 warnings"."""

from __future__ import annotations

from gdb_cli.i18n import Catalog

_ = Catalog(
    {
        "file_1": {"de": "Datei", "en": "file"},
        "file_n": {"de": "Dateien", "en": "files"},
        "error_1": {"de": "Fehler", "en": "error"},
        "error_n": {"de": "Fehler", "en": "errors"},
        "warning_1": {"de": "Warnung", "en": "warning"},
        "warning_n": {"de": "Warnungen", "en": "warnings"},
        "info_1": {"de": "Hinweis", "en": "info"},
        "info_n": {"de": "Hinweise", "en": "infos"},
    }
)


def counted(word: str, number: int) -> str:
    """The word (`file`, `error`, `warning`, `info`) in singular or plural for `number`."""
    return _(f"{word}_1" if number == 1 else f"{word}_n")
