"""Thesis-6 readiness: are resources, responsibility (with the mandate) and competencies clear?

Thesis 6 (version 2.0) names three things that must be clear before a measure is implemented:
resources, responsibility – including the political mandate for change – and competencies. The
rule catalogue marks their areas with `thesis6 = true`; the mandate is an area of its own marked
`part_of = "responsibility"` and labelled as part of responsibility, so views can show it on
its own line. An area is **complete** when the report of the charter has no error or warning
and no open item (error or warning) of that area – i.e. nothing stands in the way at the current
phase's gate; an area with parts (responsibility with the mandate) is complete only when its parts
are complete too. `findings` are the area's own (a missing mandate's finding sits on the mandate's
line, not twice). Infos are advice and do not count; accepted exceptions do not count either.
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
    label: dict[str, str]  # a part's label says so: "Political mandate (part of responsibility)"
    complete: bool
    findings: list[Finding] = field(default_factory=list)  # findings and open items of the area
    part_of: str | None = None  # the area this one belongs to (shown indented under it)


def thesis6_readiness(report: Report, handbook: Handbook) -> list[AreaReadiness]:
    """One entry per thesis-6 area of the pack's catalogue, in catalogue order."""
    from gdb_cli.engine.catalog import load_rules

    catalog = load_rules(handbook)
    areas = [area for area in catalog.areas if area.thesis6]
    related = {
        area.id: [
            f
            for f in [*report.findings, *report.open]
            if f.severity in _COUNTING and _area_of(f, catalog) == area.id
        ]
        for area in areas
    }
    own_complete = {aid: not found and not report.input_error for aid, found in related.items()}
    result = []
    for area in areas:
        result.append(
            AreaReadiness(
                area=area.id,
                label={"de": area.label.de, "en": area.label.en},
                complete=own_complete[area.id]
                and all(own_complete[a.id] for a in areas if a.part_of == area.id),
                findings=related[area.id],
                part_of=area.part_of,
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
