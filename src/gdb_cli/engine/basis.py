"""Whose requirement a rule is: its basis kind, and what follows from it.

Every rule names the kind of its basis (`[rules.basis] kind`): `handbook` (a GD:B handbook page
states it), `strategy` (the strategy document, including its theses), `law` (GDPR, BITV 2.0,
Berlin's e-government law, budget law …), `consistency` (the charter contradicts itself or its
own format) or `practice` (good practice gdb recommends, naming who recommends it). Only the first
four may block: a `practice` rule is a warning or an info and is shown as a recommendation in
every output. The loader's fixed codes (TOML001, SCH001 …) count as `consistency`: the file does
not match the charter format it declares.
"""

from __future__ import annotations

from gdb_cli.findings import Finding
from gdb_cli.i18n import Catalog

KINDS: tuple[str, ...] = ("handbook", "strategy", "law", "consistency", "practice")
REQUIRED: frozenset[str] = frozenset({"handbook", "strategy", "law", "consistency"})
PRACTICE = "practice"

_ = Catalog(
    {
        "handbook": {"de": "Handbuch", "en": "handbook"},
        "strategy": {"de": "Strategie", "en": "strategy"},
        "law": {"de": "Gesetz", "en": "law"},
        "consistency": {"de": "Stimmigkeit", "en": "consistency"},
        "practice": {"de": "Empfehlung", "en": "recommendation"},
        "marked": {"de": "{severity} (Empfehlung)", "en": "{severity} (recommendation)"},
        "marked_inner": {"de": "{severity}, Empfehlung", "en": "{severity}, recommendation"},
    }
)


def kind_of(finding: Finding) -> str:
    """The basis kind of a finding (loader codes: `consistency`)."""
    kind = finding.extra.get("basis_kind")
    return kind if isinstance(kind, str) and kind in KINDS else "consistency"


def is_recommendation(finding: Finding) -> bool:
    return kind_of(finding) == PRACTICE


def label(kind: str, lang: str | None = None) -> str:
    """„Handbuch“, „Empfehlung“ … / "handbook", "recommendation" …"""
    return _(kind, lang=lang) if kind in KINDS else kind


def mark(severity_word: str, finding: Finding, lang: str | None = None, inner: bool = False) -> str:
    """`Warnung` → `Warnung (Empfehlung)` for a practice finding (`inner`: `Warnung, Empfehlung`,
    for text already in parentheses); others unchanged."""
    if is_recommendation(finding):
        return _("marked_inner" if inner else "marked", lang=lang, severity=severity_word)
    return severity_word
