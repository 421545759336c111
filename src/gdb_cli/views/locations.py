"""Human locations: a key path as people read it – `goals[1].indicators[0].baseline` becomes
"Ziel 2 › Indikator 1 › Ausgangswert" (1-based, with the labels of `content/fields.toml`, the
ones the interview uses) – and several places of one rule in one phrase ("Ziele 1–6 ›
Indikatoren").

Text output, `gdb status`, the Steckbrief and Markdown show these; JSON and SARIF keep the dotted
path and add it as `location_label`. `asking_section` tells which interview section fills a key
(read from the pack's `wizard.toml` with `tomllib`: no pydantic on `gdb check`'s path).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdb_cli.i18n import Catalog, get_language

if TYPE_CHECKING:
    from gdb_cli.charter.fields import Fields

SEPARATOR = " › "

Texts = dict[str, str]  # {"de": …, "en": …}

_ = Catalog(
    {
        "range": {"de": "{first}–{last}", "en": "{first}–{last}"},
        "and": {"de": " und ", "en": " and "},
    }
)

_PLAIN = re.compile(r"[A-Za-z0-9_.\[\]-]+")
_SEGMENT = re.compile(r"([A-Za-z0-9_-]+)((?:\[\d+\])*)")


def _fields(fields: Fields | None) -> Fields:
    if fields is not None:
        return fields
    from gdb_cli.context import handbook

    return handbook().fields


def human_location(path: str, lang: str | None = None, fields: Fields | None = None) -> str:
    """The path as people read it; "" for no path; a path with quoted keys (any character
    beyond letters, digits, `_-.[]`) as it is – its text is the charter's, shown literally."""
    if not path:
        return ""
    if not _PLAIN.fullmatch(path):
        return path
    return _label(_fields(fields), path, lang or get_language())


def message_in_words(
    message: str, path: str, lang: str | None = None, fields: Fields | None = None
) -> str:
    """A finding's message with its key path (also as a TOML table header `[[path]]`) replaced
    by the place in words: "(0 von mindestens 1 Einträgen unter Verantwortung › Team)"."""
    if not path or path not in message:
        return message
    place = human_location(path, lang, fields)
    for form in (f"[[{path}]]", f"[{path}]", path):
        message = message.replace(form, place)
    return message


@functools.lru_cache(maxsize=16384)
def _label(fields: Fields, path: str, lang: str) -> str:
    """Memoised: a portfolio check names the same few hundred paths thousands of times."""
    return fields.label(path, lang)


@functools.lru_cache(maxsize=8192)
def _segments(path: str) -> tuple[tuple[str, tuple[int, ...]], ...] | None:
    """`goals[1].indicators[0].unit` → (("goals", (1,)), ("indicators", (0,)), ("unit", ()));
    None when the path is not a plain key path."""
    segments = []
    for part in path.split("."):
        match = _SEGMENT.fullmatch(part)
        if match is None:
            return None
        indexes = tuple(int(i) for i in re.findall(r"\d+", match.group(2)))
        segments.append((match.group(1), indexes))
    return tuple(segments)


def human_locations(
    paths: Sequence[str], lang: str | None = None, fields: Fields | None = None
) -> str:
    """Several places in one phrase: items of the same list are joined with a range –
    `goals[0].indicators` … `goals[5].indicators` → "Ziele 1–6 › Indikatoren"."""
    lang = lang or get_language()
    fields = _fields(fields)
    unique = [p for p in dict.fromkeys(paths) if p]
    groups: dict[tuple[str, int], list[int]] = {}
    loose: list[str] = []
    # Group on the list index that varies most: the choice with the fewest groups.
    for ordinal in range(max((_index_count(p) for p in unique), default=0) or 1):
        trial: dict[tuple[str, int], list[int]] = {}
        trial_loose: list[str] = []
        for path in unique:
            key = _one_index(path, ordinal)
            if key is None:
                trial_loose.append(path)
            else:
                trial.setdefault(key[:2], []).append(key[2])
        if ordinal == 0 or len(trial) + len(trial_loose) < len(groups) + len(loose):
            groups, loose = trial, trial_loose
    phrases = [
        _grouped(template, position, sorted(set(indexes)), lang, fields)
        for (template, position), indexes in groups.items()
    ]
    phrases.extend(human_location(path, lang, fields) for path in loose)
    return "; ".join(phrases)


def _index_count(path: str) -> int:
    return sum(1 for _name, indexes in _segments(path) or () if indexes)


def _one_index(path: str, ordinal: int) -> tuple[str, int, int] | None:
    """(the path with its `ordinal`-th list index replaced by `{}`, that segment's number, the
    index) – None for a path without such a list item."""
    segments = _segments(path)
    indexed = [p for p, (_n, ix) in enumerate(segments or ()) if len(ix) == 1]
    if not segments or ordinal >= len(indexed):
        return None
    position = indexed[ordinal]
    texts = [name + "".join(f"[{i}]" for i in ix) for name, ix in segments]
    texts[position] = segments[position][0] + "[{}]"
    return ".".join(texts), position, segments[position][1][0]


def _grouped(template: str, position: int, indexes: list[int], lang: str, fields: Fields) -> str:
    """ "Ziele 1–6 › Indikatoren": the list's label, the item numbers, the rest of the path."""
    first = template.format(indexes[0])
    if len(indexes) == 1:
        return human_location(first, lang, fields)
    parts = fields.parts(first, lang)
    segments = _segments(first) or ()
    if len(parts) != len(segments):
        return "; ".join(human_location(template.format(i), lang, fields) for i in indexes)
    entry = fields.text(".".join(name for name, _ix in segments[: position + 1]))
    plural = entry.label.get(lang) if entry else segments[position][0]
    parts[position] = f"{plural} {_numbers(indexes, lang)}"
    return SEPARATOR.join(parts)


def _numbers(indexes: list[int], lang: str) -> str:
    """1-based numbers, runs as ranges: [0, 1, 2, 4] → "1–3 und 5"."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    texts = []
    for run in runs:
        if len(run) >= 3:
            texts.append(_("range", lang=lang, first=run[0] + 1, last=run[-1] + 1))
        else:
            texts.extend(str(i + 1) for i in run)
    if len(texts) == 1:
        return texts[0]
    return ", ".join(texts[:-1]) + _("and", lang=lang) + texts[-1]


# --- which interview section asks a key --------------------------------------------------------


@functools.lru_cache(maxsize=8192)  # a portfolio names the same paths in every charter
def asking_section(path: str, root: Path | None = None) -> tuple[str, Texts] | None:
    """The interview section (id, title) whose questions fill `path` – the key itself, the
    nearest enclosing key asked, or a key asked below it; None when the interview does not ask
    that table at all."""
    content = _wizard(_wizard_file(root))
    segments = _segments(path) if path else None
    if not segments:
        return None
    patterns = []
    pattern = ""
    for name, indexes in segments:
        pattern = f"{pattern}.{name}" if pattern else name
        patterns.append(pattern)
        pattern += "[]" * len(indexes)
    for candidate in reversed(patterns):
        section = content.asked.get(candidate)
        if section is None:
            # A question below it (`responsibility.lead.name` for `responsibility.lead`).
            section = next(
                (s for key, s in content.asked.items() if key.startswith(candidate + ".")),
                None,
            )
        if section is not None:
            return section, content.titles[section]
    return None


def _wizard_file(root: Path | None) -> Path:
    from gdb_cli.pack.resources import bundled_content

    if root is not None and (root / "wizard.toml").is_file():
        return root / "wizard.toml"
    return bundled_content() / "wizard.toml"


@dataclass(frozen=True)
class _Wizard:
    asked: dict[str, str]  # key pattern → section id
    titles: dict[str, Texts]  # section id → title


@functools.lru_cache(maxsize=4)
def _wizard(path: Path) -> _Wizard:
    asked: dict[str, str] = {}
    titles: dict[str, Texts] = {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return _Wizard(asked, titles)
    for section in data.get("sections", []):
        top = section.get("id")
        title = section.get("title")
        if isinstance(top, str) and isinstance(title, dict):
            titles[top] = {lang: str(text) for lang, text in title.items()}
            _walk(section.get("questions", []), asked, top)
    return _Wizard(asked, titles)


def _walk(questions: Iterable[Any], asked: dict[str, str], section: str) -> None:
    for question in questions:
        if isinstance(question, dict) and isinstance(question.get("key"), str):
            asked.setdefault(question["key"], section)
            _walk(question.get("items", []), asked, section)


def within(place: str, title: str) -> str:
    """A place named inside a section or heading called `title`, without repeating it:
    "Ressourcen › Budget" within "Ressourcen" is "Budget"; "Wirkung › Belege" within
    "Wirkung (Erprobung)" is "Belege"; "" when the place is the whole of `title`."""
    if place == title:
        return ""
    head, separator, rest = place.partition(SEPARATOR)
    if separator and (title == head or title.startswith(head + " (")):
        return rest
    return place
