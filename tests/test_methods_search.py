"""Search: folding (umlauts, ß, ae/oe/ue), both languages, ranking order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdb_cli.methods.records import Catalogue, Method
from gdb_cli.methods.search import fold, resolve_tag, search, suggestions
from gdb_cli.methods.store import load_catalogue
from gdb_cli.pack.record_models import adapter
from gdb_cli.pack.records import L10n


def _method(mid: str, name: str, purpose: str = "Zweck", steps: tuple[str, ...] = ()) -> Any:
    step_texts = [*steps, "Schritt eins", "Schritt zwei", "Schritt drei"]
    return {
        "id": mid,
        "kind": "method",
        "name": {"de": name, "en": name},
        "purpose": {"de": purpose, "en": "purpose"},
        "when": {"de": "immer", "en": "always"},
        "phases": [1],
        "duration_minutes": {"min": 10, "max": 20},
        "group_size": {"min": 1, "max": 5},
        "effort": "low",
        "steps": [{"de": s, "en": "step"} for s in step_texts[:5]],
        "outputs": [{"de": "Ergebnis", "en": "result"}],
        "tags": ["team"],
        "related": [],
        "source": "gdb",
        "sources": ["https://example.org"],
    }


def _catalogue(*methods: dict[str, Any]) -> Catalogue:
    return Catalogue(
        Path("."),
        methods=tuple(adapter(Method).validate_python(method) for method in methods),
        tags={"team": adapter(L10n).validate_python({"de": "Team", "en": "Team"})},
        sources={},
        phases={1: adapter(L10n).validate_python({"de": "Eins", "en": "One"})},
    )


def test_fold_umlauts_sharp_s_and_transcriptions():
    assert fold("Maßnahme") == fold("massnahme") == "massnahme"
    assert fold("Übersicht") == fold("uebersicht") == fold("ubersicht") == fold("UEBERSICHT")
    assert fold("Bürgerbeteiligung") == "burgerbeteiligung"
    assert fold("Kick-Off") == "kick off"
    assert fold("Café") == "cafe"


def test_ranking_name_above_purpose_above_steps():
    catalogue = _catalogue(
        _method("in-steps", "Alpha", steps=("Werkzeugkasten nutzen",)),
        _method("in-purpose", "Beta", purpose="Ein Werkzeugkasten für alle"),
        _method("in-name", "Werkzeugkasten"),
        _method("nowhere", "Gamma"),
    )
    ranked = [m.id for m, _score in search(catalogue.methods, "werkzeugkasten", catalogue)]
    assert ranked == ["in-name", "in-purpose", "in-steps"]


def test_all_words_must_match_and_compound_words_match_inside():
    catalogue = _catalogue(
        _method("a", "Bürgerbeteiligung vor Ort"),
        _method("b", "Beteiligung online"),
    )
    assert {m.id for m, _s in search(catalogue.methods, "beteiligung", catalogue)} == {"a", "b"}
    assert [m.id for m, _s in search(catalogue.methods, "beteiligung ort", catalogue)] == ["a"]
    assert [m.id for m, _s in search(catalogue.methods, "BURGERBETEILIGUNG", catalogue)] == ["a"]


def test_word_start_beats_inner_match():
    catalogue = _catalogue(_method("inner", "Kontestation"), _method("start", "Testlauf"))
    ranked = [m.id for m, _s in search(catalogue.methods, "test", catalogue)]
    assert ranked == ["start", "inner"]


@pytest.fixture(scope="module")
def real() -> Catalogue:
    return load_catalogue()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("massnahme", "measure-description"),  # Maßnahmenbeschreibung
        ("MASSNAHMENWERKSTATT", "measure-workshop"),
        ("measure workshop", "measure-workshop"),  # English name
        ("entscheidungsrunde", "decision-round"),
        ("decision round", "decision-round"),
        ("beteiligung", "participation-options"),
        ("stakeholder", "stakeholder-influence-mapping"),
        ("kick off", "kick-off"),
        ("ubersicht", "test-base"),  # "Übersicht" in the purpose
        ("uebersicht", "test-base"),
        ("wirkung", "theory-of-change"),
        ("interview", "interview-guide"),
    ],
)
def test_real_catalogue_queries(real, query, expected):
    hits = [m.id for m, _score in search(real.methods, query, real)]
    assert expected in hits, hits[:10]


def test_exact_name_is_first(real):
    hits = [m.id for m, _score in search(real.methods, "Entscheidungsrunde", real)]
    assert hits[0] == "decision-round"


def test_tags_resolve_by_id_or_label_in_both_languages(real):
    assert resolve_tag("stakeholders", real) == "stakeholders"
    assert resolve_tag("Beteiligung", real) == "participation"
    assert resolve_tag("participation", real) == "participation"
    assert resolve_tag("wirkung", real) == "impact"
    assert resolve_tag("nonsense", real) is None


def test_suggestions_for_typos(real):
    assert suggestions("kickoff", real)[0] == "kick-off"
    assert "decision-round" in suggestions("decison-round", real)
