"""Content is written in our own words: no text in ``content/`` repeats the research notes.

The research notes (facts with sources) live next to the repository in
``../shared/research``. Facts carry over into ``content/``, sentences do not: no string
value of a ``.toml`` file and no ``.md`` file may share a run of ten or more consecutive
words with any note. Words are runs of letters and digits (umlauts and ß included),
compared in lower case; punctuation is ignored.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
# Beside the clone; GDB_RESEARCH_NOTES points elsewhere (e.g. from a git worktree).
RESEARCH = Path(os.environ.get("GDB_RESEARCH_NOTES") or REPO.parent / "shared" / "research")
RUN = 10

_WORD = re.compile(r"[^\W_]+")
# Addresses (https://…, example.org/path) are citations, not prose.
_ADDRESS = re.compile(r"\S*(?:://|\w\.[a-z]{2,}/)\S*")
# Licence attributions and official names (labels) must be given as the source spells them.
_EXEMPT_KEYS = frozenset({"attribution", "label"})


def words(text: str) -> list[str]:
    """Lower-cased runs of letters and digits; everything else separates words."""
    return _WORD.findall(_ADDRESS.sub(" ", text.lower()))


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    """All runs of ``n`` consecutive words in ``text``."""
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in _EXEMPT_KEYS:
                continue
            yield from _strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")


def content_texts() -> Iterator[tuple[str, str]]:
    """(location, text) for every string value in content/ TOML and every content/ Markdown file."""
    for path in sorted(CONTENT.rglob("*")):
        rel = path.relative_to(REPO).as_posix()
        if path.suffix == ".toml":
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            for where, text in _strings(data, ""):
                yield f"{rel}: {where}", text
        elif path.suffix == ".md":
            yield rel, path.read_text(encoding="utf-8")


def test_words_normalise_case_punctuation_and_umlauts() -> None:
    assert words("Größe, ÄNDERN – straße_1: 3x!") == ["größe", "ändern", "straße", "1", "3x"]
    text = "see https://a.example/x-y and gov.uk/service-manual here"
    assert words(text) == ["see", "and", "here"]
    assert runs("a b c", 2) == {("a", "b"), ("b", "c")}
    assert runs("a b", 3) == set()


def test_content_shares_no_ten_word_run_with_research_notes() -> None:
    if not RESEARCH.is_dir():
        pytest.skip(f"research notes not found at {RESEARCH} (the shared/ folder beside the clone)")
    notes: dict[tuple[str, ...], str] = {}
    for note in sorted(RESEARCH.rglob("*")):
        if note.is_file():
            for run in runs(note.read_text(encoding="utf-8", errors="replace")):
                notes.setdefault(run, note.name)
    assert notes, f"no research notes to compare with in {RESEARCH}"
    found = []
    for where, text in content_texts():
        shared = sorted(runs(text) & notes.keys())
        if shared:
            first = " ".join(shared[0])
            found.append(f"{where}: {first!r} (from {notes[shared[0]]}, {len(shared)} runs)")
    assert not found, "content repeats the research notes:\n" + "\n".join(found)
