"""The text output of `gdb check` for people: next steps, findings by area, one line per rule,
places in words – and the human locations themselves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gdb_cli.views.locations import asking_section, human_location, human_locations

MANY = Path(__file__).parent / "fixtures" / "many-findings.toml"
AS_OF = "2026-11-29"


@pytest.mark.parametrize(
    ("path", "de", "en"),
    [
        (
            "goals[1].indicators[0].baseline",
            "Ziel 2 › Indikator 1 › Ausgangswert",
            "Goal 2 › Indicator 1 › Baseline",
        ),
        ("goals[3].indicators", "Ziel 4 › Indikatoren", "Goal 4 › Indicators"),
        ("mandate.scope", "Mandat › Umfang", "Mandate › Scope"),
        (
            "resources.milestones[0].date",
            "Ressourcen › Meilenstein 1 › Datum",
            "Resources › Milestone 1 › Date",
        ),
        (
            "responsibility.lead.name",
            "Verantwortung › Leitung der Maßnahme › Name",
            "Responsibility › Lead of the measure › Name",
        ),
        ("problem.vision", "Problem › Vision", "Problem › Vision"),
        ("competencies", "Kompetenzen", "Competencies"),
        ("", "", ""),
    ],
)
def test_human_location(path: str, de: str, en: str) -> None:
    assert human_location(path, "de") == de
    assert human_location(path, "en") == en


def test_unknown_keys_and_odd_paths_stay_readable() -> None:
    assert human_location("responsibility.lead.fax", "de") == (
        "Verantwortung › Leitung der Maßnahme › fax"
    )


def test_places_of_one_list_are_joined_with_ranges() -> None:
    paths = [f"goals[{i}].indicators" for i in range(6)]
    assert human_locations(paths, "de") == "Ziele 1–6 › Indikatoren"
    assert human_locations(paths[:2], "en") == "Goals 1 and 2 › Indicators"
    inner = [f"goals[0].indicators[{i}].unit" for i in (0, 1, 3)]
    assert human_locations(inner, "de") == "Ziel 1 › Indikatoren 1, 2 und 4 › Einheit"
    mixed = [*(f"goals[{i}].indicators" for i in (0, 1, 2, 4)), "mandate.scope"]
    assert human_locations(mixed, "de") == "Ziele 1–3 und 5 › Indikatoren; Mandat › Umfang"


def test_asking_section_finds_the_interview_section() -> None:
    assert asking_section("goals[2].indicators[0].unit") == (
        "goals",
        {"de": "Ziele", "en": "Goals"},
    )
    assert asking_section("responsibility.lead")[0] == "responsibility"  # type: ignore[index]
    assert asking_section("impact.evidence")[0] == "impact"  # type: ignore[index]
    assert asking_section("exceptions[0].reason") is None  # written by hand, never asked


def test_grouped_output_has_next_steps_areas_and_one_line_per_rule(gdb) -> None:
    # (SCH010, "stated phase far from the evidence", is true here but not what this test is about)
    result = gdb("check", "--as-of", AS_OF, "--ignore", "SCH010", MANY)
    assert result.code == 1
    lines = result.out.splitlines()
    # next steps first: thesis-6 errors, each with the command that fixes it and the why
    head = lines.index("  Als Nächstes:")
    assert head == 1
    steps = [line for line in lines if re.match(r"  \d\. ", line)]
    assert len(steps) == 3
    fixes = [line.strip() for line in lines if line.strip().startswith("Beheben:")]
    assert len(fixes) == 3
    for step, fix in zip(steps, fixes, strict=True):
        code = step.split()[1]
        assert re.fullmatch(
            rf"Beheben: gdb init {MANY} --update --ask \w+ · Warum: gdb rules {code}", fix
        )
    assert any("--ask mandat " in fix for fix in fixes)  # the German section name
    # areas: thesis-6 ones first, then the others; the steps are thesis-6 errors
    headings = [line.strip() for line in lines if re.fullmatch(r"  [A-ZÄÖÜ][^:]*", line)]
    thesis6 = [h for h in headings if h.endswith("– These 6")]
    assert thesis6 == headings[: len(thesis6)] and len(thesis6) >= 3
    assert "Phasenergebnisse" in headings
    area_of = {}
    for line in lines:
        if re.fullmatch(r"  [A-ZÄÖÜ][^:]*", line):
            heading = line.strip()
        elif re.match(r"    [A-Z]{3}\d{3} ", line):
            area_of[line.split()[0]] = heading
    assert all(area_of[step.split()[1]].endswith("– These 6") for step in steps)
    # one line per rule, naming every place in words
    [phr001] = [line for line in lines if "PHR001" in line]
    assert "Ziele 1–6 › Indikatoren" in phr001 and "goals[" not in phr001
    concise = gdb("check", "--as-of", AS_OF, "--ignore", "SCH010", "--format", "concise", MANY)
    numbers = re.findall(r":(\d+):\d+: PHR001 ", concise.out)
    assert len(numbers) == 6
    assert phr001.endswith(f"· Zeilen {', '.join(numbers[:4])}, …")
    finding_lines = [line for line in lines if re.match(r"    [A-Z]{3}\d{3} ", line)]
    assert len({line.split()[0] for line in finding_lines}) == len(finding_lines)
    # the concise format keeps one line per place
    assert concise.out.count("PHR001") == 6
    assert concise.code == result.code
    assert len(lines) < len(concise.out.splitlines()) + 15


def test_grouped_output_in_english(gdb) -> None:
    result = gdb("--lang", "en", "check", "--as-of", AS_OF, MANY)
    assert "  Next steps:" in result.out
    assert "Fix: gdb init" in result.out and "Why: gdb rules" in result.out
    assert "Goals 1–6 › Indicators" in result.out
    assert "Als Nächstes" not in result.out and "Ziele" not in result.out


def test_open_items_point_to_the_interview_section_that_asks_them(gdb, tmp_path) -> None:
    charter = tmp_path / "charta.toml"
    text = (Path(__file__).parents[1] / "examples" / "charter.example.toml").read_text("utf-8")
    charter.write_text(text, "utf-8")
    result = gdb("check", "--as-of", AS_OF, charter)
    assert result.code == 0
    [step] = [line for line in result.out.splitlines() if line.startswith("  1. ")]
    assert "PHR011" in step and "vor dem Wechsel in Phase 4" in step
    assert "--update --ask wirkung · Warum: gdb rules PHR011" in result.out


def test_json_adds_the_place_in_words(gdb) -> None:
    data = json.loads(gdb("check", "--as-of", AS_OF, "-f", "json", MANY).out)
    by_path = {f["path"]: f["location_label"] for f in data["findings"]}
    assert by_path["goals[3].indicators"] == "Ziel 4 › Indikatoren"
    english = json.loads(gdb("--lang", "en", "check", "--as-of", AS_OF, "-f", "json", MANY).out)
    labels = {f["path"]: f["location_label"] for f in english["findings"]}
    assert labels["mandate.scope"] == "Mandate › Scope"


def test_the_fix_command_names_sections_as_init_takes_them(gdb) -> None:
    """The section names in fix commands follow `gdb init --ask`'s rule, in both languages."""
    from gdb_cli.pack.handbook import load_handbook
    from gdb_cli.views.next_steps import ask_name
    from gdb_cli.wizard import flow, plan
    from gdb_cli.wizard.catalogue import load_questionnaire

    handbook = load_handbook()
    env = plan.Env(load_questionnaire(handbook), handbook)
    for section in env.sections:
        for lang in ("de", "en"):
            title = section.title.get(lang)
            assert ask_name(title) == flow.section_name(title)
            assert flow._parse_ask(ask_name(title), env) == [section.id]
    english = gdb("--lang", "en", "check", "--as-of", AS_OF, MANY).out
    assert "--ask mandate " in english
