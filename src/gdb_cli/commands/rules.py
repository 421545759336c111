"""`gdb rules [CODE|PREFIX]`: list the rule catalogue, or explain one rule.

`gdb rules` lists every rule (filters: `--phase N` = rules reported in phase N, `--severity`,
a code prefix such as `MAN`); `gdb rules MAN001` explains one: why, how to fix, where in the
handbook, sources, an example. The loader's fixed codes (TOML001, SCH001 …) can be explained
too. An unknown code exits with 2 and a suggestion.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gdb_cli.completion import complete_rule_code_argument
from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog, close_matches, did_you_mean
from gdb_cli.render.formats import ListFormat

if TYPE_CHECKING:
    from gdb_cli.engine.catalog import Rule, RuleCatalog
    from gdb_cli.engine.fixed import FixedCode
    from gdb_cli.pack.handbook import Handbook

_ = Catalog(
    {
        "list_hint": {
            "de": " Alle Regeln: gdb rules",
            "en": " All rules: gdb rules",
        },
        "help": {
            "de": "Die Prüfregeln auflisten oder eine Regel erklären (gdb rules MAN001).",
            "en": "List the check rules or explain one rule (gdb rules MAN001).",
        },
        "code_help": {
            "de": "Ein Code (erklärt die Regel) oder ein Präfix wie MAN (filtert die Liste).",
            "en": "A code (explains the rule) or a prefix such as MAN (filters the list).",
        },
        "phase_help": {
            "de": "Nur Regeln, die in dieser Phase gelten (applies_from ≤ N).",
            "en": "Only rules that apply in this phase (applies_from ≤ N).",
        },
        "severity_help": {
            "de": "Nur Regeln dieses Schweregrads: Fehler, Warnung, Hinweis "
            "(oder error, warning, info).",
            "en": "Only rules of this severity: error, warning, info "
            "(or Fehler, Warnung, Hinweis).",
        },
        "format_help": {"de": "Ausgabeformat.", "en": "Output format."},
        "title": {"de": "Prüfregeln", "en": "Check rules"},
        "col_code": {"de": "Code", "en": "Code"},
        "col_severity": {"de": "Schweregrad", "en": "Severity"},
        "col_phase": {"de": "ab Phase", "en": "from phase"},
        "col_area": {"de": "Bereich", "en": "Area"},
        "col_title": {"de": "Regel", "en": "Rule"},
        "caption": {
            "de": "{count} Regeln. Erklärung einer Regel: gdb rules CODE",
            "en": "{count} rules. Explain one: gdb rules CODE",
        },
        "unknown": {
            "de": "Unbekannter Code oder Präfix „{value}“.",
            "en": "Unknown code or prefix “{value}”.",
        },
        "bad_phase": {
            "de": "Phase {value} gibt es nicht (1–{last}).",
            "en": "There is no phase {value} (1–{last}).",
        },
        "error": {"de": "Fehler", "en": "error"},
        "warning": {"de": "Warnung", "en": "warning"},
        "info": {"de": "Hinweis", "en": "info"},
        "h_severity": {"de": "Schweregrad", "en": "Severity"},
        "bad_severity": {
            "de": "Unbekannter Schweregrad „{value}“ für --severity. Möglich: Fehler, Warnung, "
            "Hinweis (oder error, warning, info).",
            "en": "Unknown severity “{value}” for --severity. Possible: error, warning, info "
            "(or Fehler, Warnung, Hinweis).",
        },
        "h_applies": {"de": "Gilt ab", "en": "Applies from"},
        "applies": {
            "de": "Phase {number} ({name}); in Phase {before} ein offener Punkt für den "
            "Phasenwechsel",
            "en": "phase {number} ({name}); in phase {before} an open item for moving on",
        },
        "applies_first": {"de": "Phase {number} ({name})", "en": "phase {number} ({name})"},
        "h_area": {"de": "Bereich", "en": "Area"},
        "h_why": {"de": "Warum", "en": "Why"},
        "h_fix": {"de": "So beheben", "en": "How to fix"},
        "h_basis": {"de": "Grundlage", "en": "Basis"},
        "recommended": {
            "de": "{severity} – eine Empfehlung guter Praxis, keine Vorgabe von Handbuch, "
            "Strategie oder Gesetz",
            "en": "{severity} – a good-practice recommendation, not a requirement of the "
            "handbook, the strategy or the law",
        },
        "col_basis": {"de": "Grundlage", "en": "Basis"},
        "h_sources": {"de": "Quellen", "en": "Sources"},
        "h_methods": {"de": "Hilfreiche Methoden", "en": "Helpful methods"},
        "h_bad": {"de": "So nicht", "en": "Bad"},
        "h_good": {"de": "So richtig", "en": "Good"},
        "h_check": {"de": "Prüfung", "en": "Check"},
        "h_threshold": {"de": "Schwelle", "en": "Threshold"},
        "threshold": {
            "de": "{label}: {value} ({basis})\n{note}\nhandbook.toml › [{key}]",
            "en": "{label}: {value} ({basis})\n{note}\nhandbook.toml › [{key}]",
        },
        "fixed_area": {
            "de": "Eingabe und Schema (fest eingebaut)",
            "en": "input and schema (built in)",
        },
        "fixed_applies": {
            "de": "immer (Datei nicht prüfbar → Exit-Code 2)",
            "en": "always (file cannot be checked → exit code 2)",
        },
        "fixed_applies_schema": {"de": "immer", "en": "always"},
    }
)


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


_SEVERITY_WORDS: dict[str, Severity] = {
    "error": Severity.error,
    "fehler": Severity.error,
    "warning": Severity.warning,
    "warnung": Severity.warning,
    "info": Severity.info,
    "hinweis": Severity.info,
}


def parse_severity(value: str | None) -> Severity | None:
    """`--severity` in either language (Fehler/Warnung/Hinweis or error/warning/info)."""
    if value is None:
        return None
    found = _SEVERITY_WORDS.get(value.strip().casefold())
    if found is None:
        raise GdbError(_("bad_severity", value=value))
    return found


def _complete_severity(incomplete: str) -> list[str]:
    return [word for word in _SEVERITY_WORDS if word.startswith(incomplete.casefold())]


def rule_data(rule: Rule, handbook: Handbook | None = None) -> dict[str, Any]:
    """A rule as plain data (JSON); `draft_sources` lists its sources from a strategy draft."""
    from gdb_cli.pack.sources import source_policy

    policy = source_policy(handbook) if handbook is not None else None

    def both(text: Any) -> dict[str, str]:
        return {"de": text.de, "en": text.en}

    return {
        "code": rule.code,
        "area": rule.area,
        "severity": rule.severity,
        "applies_from": rule.applies_from,
        "title": both(rule.title),
        "message": both(rule.message),
        "rationale": both(rule.rationale),
        "fix": both(rule.fix),
        "basis": both(rule.basis.text),
        "basis_kind": rule.basis.kind,
        "basis_page": rule.basis.page,
        "basis_section": both(rule.basis.section) if rule.basis.section else None,
        "recommendation": rule.recommendation,
        "sources": list(rule.sources),
        "draft_sources": [u for u in rule.sources if policy and policy.draft(u)],
        "methods": list(rule.methods),
        "example": rule.example.model_dump() if rule.example else None,
        "check": rule.check.model_dump(by_alias=True, exclude_none=True, mode="json"),
        "thresholds": _thresholds(rule, handbook),
    }


def _thresholds(rule: Rule, handbook: Handbook | None) -> list[dict[str, Any]]:
    """The pack's values the rule's check reads (`{ handbook = "thresholds.NAME" }`)."""
    from gdb_cli.engine.catalog import references

    found = []
    for _name, param, key in references(rule.check):
        threshold = handbook.threshold(key) if handbook is not None else None
        if threshold is None:
            continue
        found.append(
            {
                "parameter": param,
                "key": key,
                "value": threshold.value,
                "label": threshold.label.as_dict(),
                "basis_kind": threshold.basis,
                "note": threshold.note.as_dict(),
                "sources": list(threshold.sources),
            }
        )
    return found


def fixed_data(fixed: FixedCode) -> dict[str, Any]:
    return {
        "code": fixed.code,
        "area": "schema",
        "severity": fixed.severity,
        "applies_from": 1,
        "title": dict(fixed.title),
        "rationale": dict(fixed.rationale),
        "fix": dict(fixed.fix),
        "input_problem": fixed.input_problem,
        "basis_kind": "consistency",
        "recommendation": False,
        "sources": [],
    }


def _suggest(value: str, codes: list[str]) -> str:
    message = _("unknown", value=value)
    guess = close_matches(value, codes) or _same_prefix(value, codes)
    return message + did_you_mean(guess) + _("list_hint")


def _same_prefix(value: str, codes: list[str]) -> list[str]:
    """An unknown number of a known area (`MAN999`): the area's code nearest by number."""
    prefix, digits = value.rstrip("0123456789"), value[len(value.rstrip("0123456789")) :]
    numbered = [
        (abs(int(code[len(prefix) :]) - int(digits)), code)
        for code in codes
        if prefix and digits and code.startswith(prefix) and code[len(prefix) :].isdigit()
    ]
    return [min(numbered)[1]] if numbered else []


def _area_label(catalog: RuleCatalog, area_id: str) -> str:
    area = catalog.area(area_id)
    return area.label.get() if area else area_id


def _explain(rule: Rule, catalog: RuleCatalog, handbook: Handbook) -> None:
    def phase_name(number: int) -> str:
        phase = handbook.phase(number)
        return phase.name.get() if phase else str(number)

    area = catalog.area(rule.area)
    if rule.applies_from > 1:
        applies = _(
            "applies",
            number=rule.applies_from,
            name=phase_name(rule.applies_from),
            before=rule.applies_from - 1,
        )
    else:
        applies = _("applies_first", number=1, name=phase_name(1))
    from gdb_cli.engine import basis
    from gdb_cli.i18n import pick
    from gdb_cli.pack.sources import source_policy

    severity = _(rule.severity)
    if rule.recommendation:
        severity = _("recommended", severity=severity)
    where = rule.basis.page
    if rule.basis.section:
        where += f" › {rule.basis.section.get()}"
    sections: list[tuple[str, str]] = [
        (_("h_severity"), severity),
        (_("h_applies"), applies),
        (_("h_area"), f"{area.label.get() if area else rule.area} ({rule.area})"),
        (_("h_why"), rule.rationale.get()),
        (_("h_fix"), rule.fix.get()),
        (_("h_basis"), f"{basis.label(rule.basis.kind)}: {rule.basis.text.get()}\n{where}"),
    ]
    from gdb_cli.numbers import format_number

    for item in _thresholds(rule, handbook):
        text = _(
            "threshold",
            label=pick(item["label"]),
            value=format_number(item["value"]),
            basis=basis.label(item["basis_kind"]),
            note=pick(item["note"]),
            key=item["key"],
        )
        sections.append((_("h_threshold"), text))
    sources = "\n".join(source_policy(handbook).shown(u) for u in rule.sources)
    sections.append((_("h_sources"), sources))
    if rule.methods:
        sections.append((_("h_methods"), ", ".join(rule.methods)))
    if rule.example:
        sections.append((_("h_bad"), rule.example.bad))
        sections.append((_("h_good"), rule.example.good))
    _print_sections(f"{rule.code} – {rule.title.get()}", sections)


def _explain_fixed(fixed: FixedCode) -> None:
    from gdb_cli.i18n import pick

    applies = _("fixed_applies") if fixed.input_problem else _("fixed_applies_schema")
    _print_sections(
        f"{fixed.code} – {pick(fixed.title)}",
        [
            (_("h_severity"), _(fixed.severity)),
            (_("h_applies"), applies),
            (_("h_area"), _("fixed_area")),
            (_("h_why"), pick(fixed.rationale)),
            (_("h_fix"), pick(fixed.fix)),
        ],
    )


def _body_lines(head: str, body: str, width: int) -> list[str]:
    """A section's lines, indented by two; prose wrapped at `width`, sources and examples
    (TOML) kept line for line."""
    import textwrap

    from gdb_cli.output import clean

    verbatim = head in (_("h_sources"), _("h_bad"), _("h_good"))
    lines: list[str] = []
    for line in body.splitlines() or [""]:
        text = clean(line)
        if verbatim or len(text) + 2 <= width:
            lines.append("  " + text)
        else:
            lines.extend(
                textwrap.wrap(
                    text,
                    width,
                    initial_indent="  ",
                    subsequent_indent="  ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return lines


def _print_sections(title: str, sections: list[tuple[str, str]]) -> None:
    import shutil
    import sys

    from gdb_cli.output import clean, no_color, stdout_is_terminal

    width = max(40, shutil.get_terminal_size((80, 24)).columns)
    if not stdout_is_terminal() or no_color():
        out = [clean(title), "=" * min(len(title), width - 1), ""]
        for head, body in sections:
            out.append(f"{clean(head)}:")
            out.extend(_body_lines(head, body, width))
            out.append("")
        sys.stdout.write("\n".join(out))
        return
    from rich.text import Text

    from gdb_cli.output import console

    con = console()
    con.print(Text(clean(title), style="bold"))
    con.print()
    for head, body in sections:
        con.print(Text(clean(head) + ":", style="bold cyan"))
        for line in _body_lines(head, body, width):
            con.print(Text(line), soft_wrap=True)
        con.print()


def register(app: typer.Typer) -> None:
    @app.command("rules", help=_("help"))
    def rules(
        code: Annotated[
            str | None,
            typer.Argument(
                help=_("code_help"),
                show_default=False,
                metavar="CODE",
                autocompletion=complete_rule_code_argument,
            ),
        ] = None,
        phase: Annotated[
            int | None, typer.Option("--phase", "-p", help=_("phase_help"), metavar="N")
        ] = None,
        severity_word: Annotated[
            str | None,
            typer.Option(
                "--severity",
                "-s",
                help=_("severity_help"),
                metavar="SEVERITY",
                autocompletion=_complete_severity,
            ),
        ] = None,
        output_format: Annotated[
            ListFormat, typer.Option("--format", "-f", help=_("format_help"))
        ] = ListFormat.text,
    ) -> None:
        from gdb_cli import context
        from gdb_cli.engine.catalog import load_rules
        from gdb_cli.engine.fixed import FIXED_CODES
        from gdb_cli.output import print_document

        severity = parse_severity(severity_word)
        handbook = context.handbook()
        catalog = load_rules(handbook)
        all_codes = catalog.codes() + list(FIXED_CODES)
        token = code.strip().upper() if code else ""
        if token:
            rule = catalog.get(token)
            fixed = FIXED_CODES.get(token)
            if rule is not None or fixed is not None:
                if output_format is ListFormat.json:
                    print_document(rule_data(rule, handbook) if rule else fixed_data(fixed))  # type: ignore[arg-type]
                elif rule is not None:
                    _explain(rule, catalog, handbook)
                else:
                    assert fixed is not None
                    _explain_fixed(fixed)
                return
            if not any(c.startswith(token) for c in all_codes):
                raise GdbError(_suggest(token, all_codes))
        if phase is not None and not 1 <= phase <= len(handbook.phases):
            raise GdbError(_("bad_phase", value=phase, last=len(handbook.phases)))
        selected = [
            rule
            for rule in catalog.rules
            if rule.code.startswith(token)
            and (phase is None or rule.applies_from <= phase)
            and (severity is None or rule.severity == severity.value)
        ]
        if output_format is ListFormat.json:
            print_document({"rules": [rule_data(rule, handbook) for rule in selected]})
            return
        from gdb_cli.engine import basis
        from gdb_cli.render.table import show_table

        rows = [
            [
                rule.code,
                _(rule.severity),
                str(rule.applies_from),
                _area_label(catalog, rule.area),
                rule.title.get(),
                basis.label(rule.basis.kind),
            ]
            for rule in selected
        ]
        show_table(
            [
                _("col_code"),
                _("col_severity"),
                _("col_phase"),
                _("col_area"),
                _("col_title"),
                _("col_basis"),
            ],
            rows,
            title=_("title"),
            caption=_("caption", count=len(rows)),
        )
