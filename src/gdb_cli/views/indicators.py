"""Indicator progress: each indicator's latest measurement against its baseline and target.

One place for what `gdb status` and the Steckbrief both say, e.g. „Dezember 2026: 9 Termine
(Ausgangswert 0, Zielwert 12–20)“:

- `readings(indicator)` – its `measurements` that have a value, oldest first (undated ones last,
  in the order written);
- `latest(indicator)` – the latest of those, or format 1's `current` (with `measured_on`) when it
  is later or there are none; None when nothing was measured;
- `progress(charter, fields)` – every indicator of every goal with its latest reading and that
  sentence in German and English (`IndicatorProgress`);
- `reading_text(...)` – the sentence. "Ausgangswert" and "Zielwert" are the field labels of
  `content/fields.toml`; a partial date stays a month or year, a range target reads "12–20".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gdb_cli.charter.dates import format_when, sort_key
from gdb_cli.charter.dates import latest as last_day
from gdb_cli.i18n import Catalog
from gdb_cli.numbers import format_number, format_target

if TYPE_CHECKING:
    from gdb_cli.charter.dates import When
    from gdb_cli.charter.fields import Fields
    from gdb_cli.charter.model import Charter

Texts = dict[str, str]  # {"de": …, "en": …}
LANGS = ("de", "en")
BASELINE = "goals[*].indicators[*].baseline"
TARGET = "goals[*].indicators[*].target"

_ = Catalog(
    {
        "dated": {"de": "{date}: {value}", "en": "{date}: {value}"},
        "no_reading": {"de": "noch kein Messwert", "en": "no measurement yet"},
        "against": {"de": "{reading} ({parts})", "en": "{reading} ({parts})"},
    }
)


@dataclass(frozen=True)
class Reading:
    """One measured value."""

    date: When | None
    value: float
    source: str | None = None


@dataclass(frozen=True)
class IndicatorProgress:
    """An indicator of a goal and where it stands."""

    path: str  # "goals[1].indicators[0]"
    goal: int  # 1-based position of the goal
    goal_id: str | None
    name: str | None
    unit: str | None
    baseline: float | None
    target: float | list[float] | None  # a range as [lowest, highest]
    target_date: When | None
    latest: Reading | None
    measurements: int  # how many measurements the charter records
    label: Texts  # its name, or its place („Ziel 2 › Indikator 1“) when it has none
    text: Texts  # the latest reading against baseline and target, in words


def readings(indicator: Any) -> list[Reading]:
    """The indicator's measurements with a value, by date (undated ones last, as written)."""
    found = [
        Reading(m.date, m.value, m.source) for m in indicator.measurements if m.value is not None
    ]
    return sorted(found, key=lambda r: sort_key(r.date))


def latest(indicator: Any) -> Reading | None:
    """The latest value: the measurement with the latest date (a month counts to its last day),
    or `current` when it is dated later or nothing else was measured. An undated value counts
    only when no dated one exists (then the last one written)."""
    candidates: list[tuple[dt.date, int, int, Reading]] = []
    for index, m in enumerate(indicator.measurements):
        if m.value is not None:
            reading = Reading(m.date, m.value, m.source)
            candidates.append((last_day(m.date) or dt.date.min, 1, index, reading))
    current = getattr(indicator, "current", None)
    if current is not None:
        measured_on = getattr(indicator, "measured_on", None)
        candidates.append(
            (last_day(measured_on) or dt.date.min, 0, -1, Reading(measured_on, current))
        )
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[:3])[3]


def value_text(value: float | None, unit: str | None, lang: str) -> str:
    """ "9 Termine": a value with its unit."""
    return " ".join(x for x in (format_number(value, lang), unit or "") if x)


def reading_text(
    reading: Reading | None,
    unit: str | None,
    baseline: float | None,
    target: float | list[float] | None,
    fields: Fields,
    lang: str,
) -> str:
    """ "Dezember 2026: 9 Termine (Ausgangswert 0, Zielwert 12–20)"; without a reading
    „noch kein Messwert (…)“; the parenthesis only for what the charter gives."""
    if reading is None:
        text = _("no_reading", lang=lang)
    else:
        text = value_text(reading.value, unit, lang)
        when = format_when(reading.date, lang)
        if when:
            text = _("dated", lang=lang, date=when, value=text)
    parts = []
    if baseline is not None:
        parts.append(f"{fields.short(BASELINE, lang)} {format_number(baseline, lang)}")
    if target is not None and format_target(target, lang):
        parts.append(f"{fields.short(TARGET, lang)} {format_target(target, lang)}")
    if parts:
        text = _("against", lang=lang, reading=text, parts=", ".join(parts))
    return text


def progress(charter: Charter, fields: Fields) -> list[IndicatorProgress]:
    """Every indicator of every goal, in the charter's order."""
    found = []
    for g, goal in enumerate(charter.goals):
        for i, indicator in enumerate(goal.indicators):
            path = f"goals[{g}].indicators[{i}]"
            reading = latest(indicator)
            found.append(
                IndicatorProgress(
                    path=path,
                    goal=g + 1,
                    goal_id=goal.id,
                    name=indicator.name,
                    unit=indicator.unit,
                    baseline=indicator.baseline,
                    target=indicator.target,
                    target_date=indicator.target_date,
                    latest=reading,
                    measurements=len(indicator.measurements),
                    label={lang: indicator.name or fields.label(path, lang) for lang in LANGS},
                    text={
                        lang: reading_text(
                            reading,
                            indicator.unit,
                            indicator.baseline,
                            indicator.target,
                            fields,
                            lang,
                        )
                        for lang in LANGS
                    },
                )
            )
    return found
