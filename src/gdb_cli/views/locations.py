"""Human locations: a key path as people read it – `goals[1].indicators[0].baseline` becomes
"Ziel 2 › Indikator 1 › Ausgangswert" (1-based, with the labels the interview uses).

`human_location(path, lang)` is what text output, `gdb status`, the Steckbrief and Markdown show;
JSON and SARIF keep the dotted path and add this label (`location_label`). The labels come from
one place, `field_labels()`: the questions of the pack's `wizard.toml` (their `label` and, for
lists, `item_label`), plus the few tables the interview does not name itself. The file is read
with `tomllib` (no pydantic, no questionnaire model): a check of thousands of files stays fast.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gdb_cli.i18n import Catalog, get_language

SEPARATOR = " › "

Texts = dict[str, str]  # {"de": …, "en": …}


@dataclass(frozen=True)
class Label:
    label: Texts
    item: Texts | None = None  # what one item of a list is called („Ziel“ for „Ziele“)


# Tables and keys the interview does not label itself (pattern → label, item label).
_FALLBACK: dict[str, Label] = {
    "schema_version": Label({"de": "Formatversion", "en": "Format version"}),
    "measure.entered_phase_on": Label({"de": "In der Phase seit", "en": "In phase since"}),
    "measure.website": Label({"de": "Website", "en": "Website"}),
    "problem": Label({"de": "Problem", "en": "Problem"}),
    "problem.vision": Label({"de": "Zukunftsbild", "en": "Vision"}),
    "problem.needs": Label({"de": "Bedarfe", "en": "Needs"}),
    "goals[].indicators[].current": Label({"de": "Aktueller Wert", "en": "Current value"}),
    "goals[].indicators[].measured_on": Label({"de": "Gemessen am", "en": "Measured on"}),
    "responsibility.lead": Label({"de": "Leitung der Maßnahme", "en": "Lead of the measure"}),
    "responsibility.contact": Label({"de": "Ansprechperson", "en": "Contact person"}),
    "participation": Label({"de": "Beteiligung", "en": "Participation"}),
    "principles.gender": Label({"de": "Gleichstellung", "en": "Gender equality"}),
    "risks": Label({"de": "Risiken", "en": "Risks"}, {"de": "Risiko", "en": "Risk"}),
    "impact": Label({"de": "Wirkung", "en": "Impact"}),
    "impact.evidence": Label({"de": "Ergebnisse", "en": "Results"}),
    "impact.method": Label({"de": "Messmethode", "en": "Method of measurement"}),
    "impact.report": Label({"de": "Bericht", "en": "Report"}),
    "operation": Label({"de": "Betrieb", "en": "Operation"}),
    "operation.operator": Label({"de": "Betreiber", "en": "Operator"}),
    "operation.model": Label({"de": "Betriebsmodell", "en": "Operating model"}),
    "operation.funding": Label({"de": "Finanzierung des Betriebs", "en": "Funding of operation"}),
    "operation.evaluation": Label({"de": "Auswertung", "en": "Evaluation"}),
    "transfer": Label({"de": "Übertragung", "en": "Transfer"}),
    "transfer.lessons": Label({"de": "Erkenntnisse", "en": "Lessons learned"}),
    "transfer.documentation": Label({"de": "Dokumentation", "en": "Documentation"}),
    "changelog": Label(
        {"de": "Änderungsverlauf", "en": "Change log"}, {"de": "Änderung", "en": "Change"}
    ),
    "exceptions": Label(
        {"de": "Ausnahmen", "en": "Exceptions"}, {"de": "Ausnahme", "en": "Exception"}
    ),
}

_ = Catalog(
    {
        "range": {"de": "{first}–{last}", "en": "{first}–{last}"},
        "and": {"de": " und ", "en": " and "},
    }
)

_SEGMENT = re.compile(r'([A-Za-z0-9_-]+|"[^"]*")((?:\[\d+\])*)')


def field_labels(root: Path | None = None) -> dict[str, Label]:
    """Every labelled key pattern (`goals[].indicators[].baseline`) of the pack at `root` (the
    bundled content by default). The one source of the labels in locations."""
    return _content(_wizard_file(root)).labels


def asking_section(path: str, root: Path | None = None) -> tuple[str, Texts] | None:
    """The interview section (id, title) whose questions fill `path` – the key itself, the
    nearest enclosing key asked, else the section asking other keys of the same table; None
    when the interview does not ask that table at all."""
    content = _content(_wizard_file(root))
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


def section_ids(root: Path | None = None) -> list[str]:
    """The interview's section ids in order."""
    return list(_content(_wizard_file(root)).titles)


def _wizard_file(root: Path | None) -> Path:
    from gdb_cli.pack.resources import bundled_content

    if root is not None and (root / "wizard.toml").is_file():
        return root / "wizard.toml"
    return bundled_content() / "wizard.toml"


@dataclass(frozen=True)
class _Content:
    labels: dict[str, Label]
    asked: dict[str, str]  # key pattern → section id
    titles: dict[str, Texts]  # section id → title


@functools.lru_cache(maxsize=4)
def _content(path: Path) -> _Content:
    labels = dict(_FALLBACK)
    asked: dict[str, str] = {}
    titles: dict[str, Texts] = {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return _Content(labels, asked, titles)
    questions: dict[str, Label] = {}
    for section in data.get("sections", []):
        top = section.get("id")
        title = section.get("title")
        if not isinstance(top, str) or not isinstance(title, dict):
            continue
        titles[top] = _texts(title)
        # A section named like a table labels it (questions of its own may say it better).
        labels.setdefault(top, Label(_texts(title)))
        _walk(section.get("questions", []), questions, asked, top)
    labels.update(questions)
    return _Content(labels, asked, titles)


def _walk(
    questions: Iterable[Any], labels: dict[str, Label], asked: dict[str, str], section: str
) -> None:
    for question in questions:
        if not isinstance(question, dict) or not isinstance(question.get("key"), str):
            continue
        key = question["key"]
        asked.setdefault(key, section)
        label = question.get("label")
        if isinstance(label, dict) and key not in labels:
            # One key may have several questions (asked under different conditions): the first
            # one names it.
            item = question.get("item_label")
            labels[key] = Label(_texts(label), _texts(item) if isinstance(item, dict) else None)
        _walk(question.get("items", []), labels, asked, section)


def _texts(value: dict[str, Any]) -> Texts:
    return {lang: str(text) for lang, text in value.items()}


def _pick(texts: Texts, lang: str) -> str:
    return texts.get(lang) or texts.get("de") or next(iter(texts.values()), "")


@functools.lru_cache(maxsize=8192)
def _segments(path: str) -> tuple[tuple[str, tuple[int, ...]], ...] | None:
    """`goals[1].indicators[0].unit` → (("goals", (1,)), ("indicators", (0,)), ("unit", ()));
    None when the path is not a plain key path."""
    segments = []
    for part in path.split("."):
        match = _SEGMENT.fullmatch(part)
        if match is None:
            return None
        name = match.group(1).strip('"')
        indexes = tuple(int(i) for i in re.findall(r"\d+", match.group(2)))
        segments.append((name, indexes))
    return tuple(segments)


def human_location(path: str, lang: str | None = None, root: Path | None = None) -> str:
    """The path as people read it; the path itself when it is empty or no key path."""
    return SEPARATOR.join(text for _position, text in _parts(path, lang or get_language(), root))


@functools.lru_cache(maxsize=8192)
def _parts(path: str, lang: str, root: Path | None) -> tuple[tuple[int, str], ...]:
    """(segment number, text) of each part shown. Shown: the top-level table or list, every
    list item (with its 1-based number), the key itself, and an intermediate table only when
    the key has no label of its own (`responsibility.lead.phone`)."""
    segments = _segments(path) if path else None
    if not segments:
        return ((0, path),) if path else ()
    labels = field_labels(root)
    patterns = []
    pattern = ""
    for name, indexes in segments:
        pattern = f"{pattern}.{name}" if pattern else name
        patterns.append(pattern)
        pattern += "[]" * len(indexes)
    last = len(segments) - 1
    leaf_known = patterns[last] in labels
    parts: list[tuple[int, str]] = []
    for position, (name, indexes) in enumerate(segments):
        entry = labels.get(patterns[position])
        text = _pick(entry.label, lang) if entry else name
        if indexes:
            item = _pick(entry.item, lang) if entry and entry.item else text
            parts.append((position, f"{item} {'.'.join(str(i + 1) for i in indexes)}"))
        elif position in (0, last) or not leaf_known:
            parts.append((position, text))
    return tuple(parts)


def human_locations(paths: Sequence[str], lang: str | None = None, root: Path | None = None) -> str:
    """Several places in one phrase: items of the same list are joined with a range –
    `goals[0].indicators` … `goals[5].indicators` → "Ziele 1–6 › Indikatoren"."""
    lang = lang or get_language()
    unique = list(dict.fromkeys(paths))
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
        _grouped(template, position, sorted(set(indexes)), lang, root)
        for (template, position), indexes in groups.items()
    ]
    phrases.extend(human_location(path, lang, root) for path in loose)
    return "; ".join(phrases)


def _index_count(path: str) -> int:
    return sum(1 for _name, indexes in _segments(path) or () if indexes)


def _one_index(path: str, ordinal: int) -> tuple[str, int, int] | None:
    """(the path with its `ordinal`-th list index replaced by `{}`, that segment's number, the
    index) – None for a path without such a list item."""
    segments = _segments(path) if path else None
    indexed = [p for p, (_n, ix) in enumerate(segments or ()) if len(ix) == 1]
    if not segments or ordinal >= len(indexed):
        return None
    position = indexed[ordinal]
    texts = [_segment_text(n, i) for n, i in segments]
    texts[position] = segments[position][0] + "[{}]"
    return ".".join(texts), position, segments[position][1][0]


def _segment_text(name: str, indexes: tuple[int, ...]) -> str:
    return name + "".join(f"[{i}]" for i in indexes)


def _grouped(template: str, position: int, indexes: list[int], lang: str, root: Path | None) -> str:
    """ "Ziele 1–6 › Indikatoren": the list's label, the item numbers, the rest of the path."""
    first = template.format(indexes[0])
    if len(indexes) == 1:
        return human_location(first, lang, root)
    parts = [list(part) for part in _parts(first, lang, root)]
    segments = _segments(first) or ()
    pattern = ".".join(_segment_text(n, ()) + "[]" * len(i) for n, i in segments[:position])
    name = segments[position][0]
    entry = field_labels(root).get(f"{pattern}.{name}" if pattern else name)
    plural = _pick(entry.label, lang) if entry else name
    for part in parts:
        if part[0] == position:
            part[1] = f"{plural} {_numbers(indexes, lang)}"
    return SEPARATOR.join(str(text) for _position, text in parts)


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
