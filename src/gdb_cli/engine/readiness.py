"""Thesis-6 readiness: are goals, responsibility, resources, mandate and competencies clear?

Thesis 6 of the strategy demands these five things before a measure is implemented. The rule
catalogue marks their areas with `thesis6 = true`. An area is **complete** when the report of the
charter has no error or warning and no open item (error or warning) of that area – i.e. nothing
stands in the way at the current phase's gate. Infos are advice and do not count; accepted
exceptions do not count either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gdb_cli.findings import Finding

if TYPE_CHECKING:
    from gdb_cli.engine import Report
    from gdb_cli.pack.handbook import Handbook

_COUNTING = ("error", "warning")


@dataclass(frozen=True)
class AreaReadiness:
    area: str
    label: dict[str, str]
    complete: bool
    findings: list[Finding] = field(default_factory=list)  # findings and open items of the area


def thesis6_readiness(report: Report, handbook: Handbook) -> list[AreaReadiness]:
    """One entry per thesis-6 area of the pack's catalogue, in catalogue order."""
    from gdb_cli.engine.catalog import load_rules

    catalog = load_rules(handbook)
    result = []
    for area in catalog.areas:
        if not area.thesis6:
            continue
        related = [
            f
            for f in [*report.findings, *report.open]
            if f.severity in _COUNTING and _area_of(f, catalog) == area.id
        ]
        result.append(
            AreaReadiness(
                area=area.id,
                label={"de": area.label.de, "en": area.label.en},
                complete=not related and not report.input_error,
                findings=related,
            )
        )
    return result


def _area_of(finding: Finding, catalog: object) -> str | None:
    area = finding.extra.get("area")
    if isinstance(area, str):
        return area
    get = getattr(catalog, "get", None)
    rule = get(finding.code) if callable(get) else None
    return getattr(rule, "area", None)
