"""Filtering and free-text search over the method catalogue.

**Folding.** Query and texts are compared after folding: lower case (`casefold`, so ß → ss),
accents removed (ä → a, é → e), then the German transcriptions ae/oe/ue → a/o/u, and punctuation
→ spaces. So "massnahme" finds "Maßnahme", "ubersicht" and "uebersicht" both find "Übersicht",
"kick off" finds "Kick-Off". Both languages are always searched.

**Scoring.** The query is split into words; a method matches when *every* word occurs (as part of
a word) in one of its fields. Each word scores the weight of the best field it occurs in:

| field | weight |
|---|---|
| name (de/en) or id | 100 |
| tag (id or label) | 40 |
| purpose or "when to use" | 20 |
| steps or outputs | 5 |

A word found at the start of a word in that field scores 1.5× (so "test" ranks "Testen" above
"Kontest"). A query that equals a method's whole name or id adds 1000. The methods are ordered by
total score, then by name. So name hits rank above purpose hits, which rank above step hits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gdb_cli.i18n import close_matches
from gdb_cli.methods.records import Catalogue, Method
from gdb_cli.pack.records import L10n

W_NAME = 100
W_TAG = 40
W_PURPOSE = 20
W_STEP = 5
WORD_START = 1.5
EXACT = 1000

_PUNCT_RE = re.compile(r"[^\w]+")
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


_GERMAN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case, without accents and umlauts, ß → ss, ae/oe/ue → a/o/u, punctuation → space."""
    value = text.casefold().translate(_GERMAN)
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value)
        value = "".join(ch for ch in value if not unicodedata.combining(ch))
    for pair, single in _DIGRAPHS:
        value = value.replace(pair, single)
    return " ".join(_PUNCT_RE.sub(" ", value).replace("_", " ").split())


def words(query: str) -> list[str]:
    return fold(query).split()


@dataclass(frozen=True)
class Fields:
    """A method's searchable texts, already folded, per weight (stored in the index)."""

    name: str
    tags: str
    purpose: str
    steps: str


def compute_fields(method: Method, catalogue: Catalogue) -> Fields:
    def both(texts: Iterable[L10n]) -> str:
        return " | ".join(fold(text) for t in texts for text in (t.de, t.en))

    tag_texts = [fold(tag) for tag in method.tags]
    tag_texts += [both([catalogue.tags[tag]]) for tag in method.tags if tag in catalogue.tags]
    return Fields(
        name=" | ".join([fold(method.id), both([method.name])]),
        tags=" | ".join(tag_texts),
        purpose=both([method.purpose, method.when]),
        steps=both([*method.steps, *method.outputs]),
    )


def folded_index(catalogue: Catalogue) -> dict[str, list[str]]:
    """Every method's folded fields, for the JSON index (so warm starts need not fold)."""
    result = {}
    for method in catalogue.methods:
        f = compute_fields(method, catalogue)
        result[method.id] = [f.name, f.tags, f.purpose, f.steps]
    return result


def fields(method: Method, catalogue: Catalogue) -> Fields:
    stored = catalogue.folded.get(method.id)
    if stored is not None and len(stored) == 4:
        return Fields(*stored)
    return compute_fields(method, catalogue)


def _word_score(word: str, f: Fields) -> float:
    pattern = re.compile(r"(?:^|\s)" + re.escape(word))
    for text, weight in (
        (f.name, W_NAME),
        (f.tags, W_TAG),
        (f.purpose, W_PURPOSE),
        (f.steps, W_STEP),
    ):
        if word in text:
            return weight * (WORD_START if pattern.search(text) else 1.0)
    return 0.0


def score(method: Method, query_words: Sequence[str], catalogue: Catalogue) -> float:
    """The method's relevance for the query words; 0 when a word does not occur."""
    f = fields(method, catalogue)
    total = 0.0
    for word in query_words:
        points = _word_score(word, f)
        if not points:
            return 0.0
        total += points
    whole = " ".join(query_words)
    if whole in f.name.split(" | "):
        total += EXACT
    return total


def search(
    methods: Iterable[Method], query: str, catalogue: Catalogue, lang: str | None = None
) -> list[tuple[Method, float]]:
    """Methods matching every word of `query`, best first (score, then name)."""
    query_words = words(query)
    if not query_words:
        return [(m, 0.0) for m in sort_by_name(methods, lang)]
    scored = [(m, score(m, query_words, catalogue)) for m in methods]
    hits = [(m, s) for m, s in scored if s > 0]
    hits.sort(key=lambda pair: (-pair[1], fold(pair[0].title(lang)), pair[0].id))
    return hits


def sort_by_name(methods: Iterable[Method], lang: str | None = None) -> list[Method]:
    return sorted(methods, key=lambda m: (fold(m.title(lang)), m.id))


@dataclass(frozen=True)
class Filters:
    """The list filters; every one given must hold (tags: the method carries all of them)."""

    phase: int | None = None
    tags: tuple[str, ...] = ()
    max_minutes: int | None = None
    group_size: int | None = None
    source: str | None = None

    def accepts(self, method: Method) -> bool:
        if self.phase is not None and self.phase not in method.phases:
            return False
        if any(tag not in method.tags for tag in self.tags):
            return False
        if self.max_minutes is not None and method.duration_minutes.min > self.max_minutes:
            return False
        if self.group_size is not None and not (
            method.group_size.min <= self.group_size <= method.group_size.max
        ):
            return False
        return self.source is None or method.source == self.source


def resolve_tag(value: str, catalogue: Catalogue) -> str | None:
    """A tag id from its id or label in either language (folded), else None."""
    wanted = fold(value)
    for tag_id, label in catalogue.tags.items():
        if wanted in (fold(tag_id), *(fold(text) for text in (label.de, label.en))):
            return tag_id
    return None


def resolve_source(value: str, catalogue: Catalogue) -> str | None:
    wanted = fold(value)
    for source_id in catalogue.sources:
        if fold(source_id) == wanted:
            return source_id
    return None


def resolve_method(value: str, catalogue: Catalogue) -> Method | None:
    """A method by id, else by its exact (folded) name in either language."""
    found = catalogue.get(value.strip())
    if found:
        return found
    wanted = fold(value)
    if not wanted:
        return None
    for method in catalogue.methods:
        if wanted in (fold(method.id), *(fold(text) for text in (method.name.de, method.name.en))):
            return method
    return None


def suggestions(value: str, catalogue: Catalogue, limit: int = 3) -> list[str]:
    """Ids close to `value` (by id or name), for "did you mean …"."""
    wanted = fold(value)
    names: dict[str, str] = {}
    for method in catalogue.methods:
        names.setdefault(fold(method.id), method.id)
        for text in (method.name.de, method.name.en):
            names.setdefault(fold(text), method.id)
    close = close_matches(wanted, names, limit * 2)
    result: list[str] = []
    for key in close:
        if names[key] not in result:
            result.append(names[key])
    if len(result) < limit:
        for method, _score in search(catalogue.methods, value, catalogue)[:limit]:
            if method.id not in result:
                result.append(method.id)
    return result[:limit]
