"""The next steps of a charter: the few most important things to do, above the findings.

Order: errors of a thesis-6 area first (resources, responsibility and mandate, competencies … –
the areas the rule catalogue marks `thesis6`), then the other errors of the current phase, then
the open items for leaving it (errors before warnings). Findings that the same interview section
fixes make one step; each step names the command that fixes it without editing TOML
(`gdb init FILE --update --ask SECTION`, when the interview asks those keys) and `gdb rules CODE`
for the why.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gdb_cli.findings import Finding
from gdb_cli.i18n import get_language
from gdb_cli.views.locations import Texts, asking_section

if TYPE_CHECKING:
    from gdb_cli.engine import Report
    from gdb_cli.engine.catalog import RuleCatalog

_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Step:
    finding: Finding  # the most important finding of the step
    kind: str  # "thesis6" | "error" | "open"
    section: str | None  # the interview section that fixes it (None: not asked in the interview)
    section_title: Texts | None
    findings: list[Finding] = field(default_factory=list)  # every finding the step covers

    def fix_command(self, file: str) -> str | None:
        """`gdb init FILE --update --ask SECTION`, or None when the interview does not ask it."""
        return fix_command(file, self.section, self.section_title)

    def why_command(self) -> str:
        return f"gdb rules {self.finding.code}"


def fix_command(file: str, section: str | None, title: Texts | None) -> str | None:
    """`gdb init FILE --update --ask SECTION` with the section's name in the active language, or
    None for no section (the interview does not ask the key)."""
    if section is None:
        return None
    name = ask_name(title.get(get_language(), section) if title else section)
    return f"gdb init {shlex.quote(file)} --update --ask {name}"


def ask_name(title: str) -> str:
    """The name `gdb init --ask` shows and takes for a section: the first word of its title in
    lower case („mandat“) – the rule of `wizard.flow.section_name` (not imported here: it would
    bring the interview's models into `gdb check`; a test keeps the two in step)."""
    return title.split()[0].strip("(),").lower()


def area_of(finding: Finding, catalog: RuleCatalog | None) -> str | None:
    area = finding.extra.get("area")
    if isinstance(area, str):
        return area
    rule = catalog.get(finding.code) if catalog is not None else None
    return rule.area if rule is not None else None


def thesis6_areas(catalog: RuleCatalog | None) -> list[str]:
    return [a.id for a in catalog.areas if a.thesis6] if catalog is not None else []


def next_steps(
    report: Report,
    catalog: RuleCatalog | None,
    root: Path | None = None,
    limit: int = 3,
    gather: bool = False,
) -> list[Step]:
    """At most `limit` steps for one charter's report (empty when nothing is to do); with
    `gather`, each step also takes the other findings and open items of its interview section."""
    thesis6 = thesis6_areas(catalog)
    errors = [f for f in report.findings if f.severity == "error" and not f.is_input_problem]

    def area_rank(finding: Finding) -> int:
        area = area_of(finding, catalog)
        return thesis6.index(area) if area in thesis6 else len(thesis6)

    ordered: list[tuple[str, Finding]] = [
        ("thesis6", f) for f in sorted(errors, key=area_rank) if area_rank(f) < len(thesis6)
    ]
    ordered += [("error", f) for f in errors if area_rank(f) >= len(thesis6)]
    opens = sorted(
        (f for f in report.open if f.severity in ("error", "warning")),
        key=lambda f: (_RANK.get(f.severity, 9), area_rank(f)),
    )
    ordered += [("open", f) for f in opens]
    steps: list[Step] = []
    by_key: dict[str, Step] = {}
    for kind, finding in ordered:
        found = asking_section(finding.path, root)
        section, title = found if found else (None, None)
        # One step per interview section (per rule where the interview cannot help).
        key = section or finding.code
        step = by_key.get(key)
        if step is not None:
            step.findings.append(finding)
            continue
        if len(steps) == limit:
            continue
        step = Step(finding, kind, section, title, [finding])
        by_key[key] = step
        steps.append(step)
    if gather:
        _gather(steps, report, root)
    return steps


def _gather(steps: list[Step], report: Report, root: Path | None) -> None:
    """Every other finding and open item the step's interview section fills (warnings and infos
    too: one run of that section fixes them all), current findings before open items."""
    by_section = {step.section: step for step in steps if step.section is not None}
    if not by_section:
        return
    taken = {id(f) for step in steps for f in step.findings}
    for finding in [*report.findings, *report.open]:
        if id(finding) in taken or finding.is_input_problem:
            continue
        found = asking_section(finding.path, root) if finding.path else None
        step = by_section.get(found[0]) if found else None
        if step is not None:
            step.findings.append(finding)
