"""Handbook records as plain data (dicts of {de, en} texts) for JSON output and tables."""

from __future__ import annotations

from typing import Any

from gdb_cli.pack.handbook import Handbook, L10n


def _both(text: L10n | None) -> dict[str, str] | None:
    return None if text is None else {"de": text.de, "en": text.en}


def phases_data(handbook: Handbook) -> list[dict[str, Any]]:
    return [
        {
            "number": phase.number,
            "key": phase.key,
            "name": _both(phase.name),
            "tagline": _both(phase.tagline),
            "purpose": _both(phase.purpose),
            "result": _both(phase.result),
            "entry": _both(phase.entry),
            "step_back": _both(phase.step_back),
            "note": _both(phase.note),
            "sources": list(phase.sources),
        }
        for phase in handbook.phases
    ]


def theses_data(handbook: Handbook) -> list[dict[str, Any]]:
    key = handbook.pack.key_thesis
    return [
        {
            "number": thesis.number,
            "title": _both(thesis.title),
            "text": _both(thesis.text),
            "provenance": _both(thesis.provenance),
            "key": thesis.number == key,
            "sources": list(thesis.sources),
        }
        for thesis in handbook.theses.theses
    ]
