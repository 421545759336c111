"""What a check sees (the charter's raw data, the phase, the check date) and what it returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from gdb_cli.charter.keypaths import MISSING


@dataclass(frozen=True)
class CheckContext:
    data: dict[str, Any]
    phase: int
    as_of: dt.date
    codes: frozenset[str] = frozenset()  # every code of the catalogue (for exception entries)


@dataclass(frozen=True)
class Shown:
    """A number a check computed, shown in the active language: `kind` is "number", "amount"
    (euros) or "percent" (40 means 40 %)."""

    number: float
    kind: str = "number"


@dataclass(frozen=True)
class Ids:
    """Closed-list ids a check names in its message, shown by their labels in the active
    language; `path` is the charter key they belong to (e.g. `mandate.decisions.kind`)."""

    path: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    """One place where a check does not hold: the concrete key path and message parameters."""

    path: str
    value: Any = MISSING
    params: dict[str, Any] = field(default_factory=dict)
