"""The text output of `gdb check` for people: next steps, findings by area, one line per rule,
places in words – and the human locations themselves."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdb_cli import i18n
from gdb_cli import settings as gdb_settings
from gdb_cli.cli import run
from gdb_cli.views.locations import asking_section, human_location, human_locations

ROOT = Path(__file__).parents[1]
MANY = ROOT / "tests" / "fixtures" / "many-findings.toml"
MINIMAL = ROOT / "examples" / "minimal-phase1.toml"
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


def _said(code: str, text: str) -> int:
    """How often a rule's code is named as a finding (not in a `gdb rules CODE` command)."""
    return len(re.findall(rf"(?<!gdb rules ){code}\b", text))


def test_grouped_output_has_next_steps_areas_and_one_line_per_rule(gdb) -> None:
    # (SCH010, "stated phase far from the evidence", is true here but not what this test is about)
    result = gdb("check", "--as-of", AS_OF, "--ignore", "SCH010", MANY)
    assert result.code == 1
    lines = result.out.splitlines()
    # next steps first: thesis-6 errors, each with the command that fixes it and the why
    head = lines.index("  Als Nächstes:")
    assert head == 1
    steps = [line for line in lines if re.match(r"  \d\. ", line)]
    assert len(steps) == 3 and lines[2:5] == steps
    for step in steps:  # each ends with the command that fixes it and the why
        code = step.split()[1]
        assert re.search(
            rf"\.( · Zeilen? [\d, …]+)? · Beheben: gdb init {MANY} --update --ask \w+ "
            rf"· Warum: gdb rules {code}$",
            step,
        )
    assert any("--ask mandat " in step for step in steps)  # the German section name
    # a step names every other finding its section fixes, by place and code
    [resources] = [step for step in steps if "RES001" in step]
    assert "Außerdem: Budget (RES002 Fehler), Personal (RES005 Fehler), Meilensteine (RES007)." in (
        resources
    )
    # the other findings by area: thesis-6 areas first; an area with one rule is one line
    rest = lines[lines.index("", head) + 1 :]
    assert rest[0].startswith("  Kompetenzen – These 6: CMP001 Fehler  Die Charta nennt keine")
    assert "  Phasenergebnisse" in rest and "  Grundangaben der Maßnahme" in rest
    assert any(line.startswith("  Open Source: OSS003 Warnung  ") for line in rest)
    # one line per rule, naming every place in words
    [phr001] = [line for line in lines if "PHR001" in line]
    assert "Ziele 1–6 › Indikatoren" in phr001 and "goals[" not in phr001
    concise = gdb("check", "--as-of", AS_OF, "--ignore", "SCH010", "--format", "concise", MANY)
    numbers = re.findall(r":(\d+):\d+: PHR001 ", concise.out)
    assert len(numbers) == 6
    assert phr001.endswith(f"· Zeilen {', '.join(numbers[:4])}, …")
    # each rule said once, none lost; the concise format keeps one line per place
    codes = set(re.findall(r" ([A-Z]{3}\d{3}) ", concise.out))
    assert len(codes) > 25
    assert {code: _said(code, result.out) for code in codes} == dict.fromkeys(codes, 1)
    assert concise.out.count("PHR001") == 6
    assert concise.code == result.code
    assert len(lines) <= len(concise.out.splitlines()) - 5


def test_open_items_are_grouped_by_the_interview_section_that_asks_them(gdb) -> None:
    result = gdb("check", "--as-of", AS_OF, MINIMAL)
    assert result.code == 0
    lines = result.out.splitlines()
    start = lines.index("  Außerdem offen für den Abschluss von Phase 1 (18):")
    sections = lines[start + 1 : lines.index("", start)]
    by_title = {line.split(":")[0].strip(): line for line in sections}
    assert by_title["Grundsätze"] == (
        "    Grundsätze: Angebot für Nutzende (ACC001), Personenbezogene Daten (DSG001), "
        f"Gleichstellung (INC002), Software (OSS003) · Beheben: gdb init {MINIMAL} --update "
        "--ask grundsätze"
    )
    assert by_title["Kompetenzen"].startswith("    Kompetenzen: CMP001 Fehler · Beheben: gdb init")
    # sections with an error first; one fix command per section; no key path anywhere
    assert "Fehler" in sections[0] and "Fehler" not in sections[-1]
    assert all(line.count("Beheben") == 1 for line in sections)
    assert not re.search(r"principles\.|mandate\.|\[\[|resources\.", result.out)
    # what the interview does not ask: the TOML to add, shown by `gdb rules`
    assert by_title["Änderungsverlauf"].endswith("Beheben in der Datei: siehe gdb rules MEA013")
    # the three sections the next steps fix are not repeated
    for title in ("Ressourcen", "Verantwortung", "Mandat"):
        assert title not in by_title
    assert all(_said(code, result.out) == 1 for code in ("RES002", "MAN011", "STK007"))


def test_open_items_in_english(gdb) -> None:
    result = gdb("--lang", "en", "check", "--as-of", AS_OF, MINIMAL)
    lines = result.out.splitlines()
    start = lines.index("  Also open for leaving phase 1 (18):")
    sections = lines[start + 1 : lines.index("", start)]
    principles = next(line for line in sections if line.startswith("    Principles: "))
    assert "(ACC001)" in principles
    assert principles.endswith(f"Fix: gdb init {MINIMAL} --update --ask principles")
    assert "Plus: " not in result.out and "Außerdem" not in result.out
    assert any(" Also: " in line for line in lines if line.startswith("  1. "))


def test_gate_names_what_blocks_the_move(gdb) -> None:
    result = gdb("check", "--as-of", AS_OF, "--gate", MINIMAL)
    assert result.code == 1
    assert (
        "  Außerdem offen für den Abschluss von Phase 1 (18) – blockiert den Übergang in "
        "Phase 2 (--gate):"
    ) in result.out


CHARTERS = sorted(
    [*(ROOT / "examples").glob("*.toml"), *(ROOT / "tests" / "fixtures").glob("*.toml")]
)


@pytest.mark.parametrize("charter", CHARTERS, ids=lambda path: path.name)
@pytest.mark.parametrize("extra", [(), ("--gate",), ("--lang", "en")])
def test_grouped_output_is_never_longer_than_concise(gdb, charter: Path, extra) -> None:
    lang = list(extra[:2]) if extra and extra[0] == "--lang" else []
    options = [o for o in extra if o == "--gate"]
    grouped = gdb(*lang, "check", "--as-of", AS_OF, *options, charter)
    concise = gdb(*lang, "check", "--as-of", AS_OF, *options, "--format", "concise", charter)
    assert grouped.code == concise.code
    assert len(grouped.out.splitlines()) <= len(concise.out.splitlines())


EXAMPLE_DATA = tomllib.loads((ROOT / "examples" / "charter.example.toml").read_text("utf-8"))
DROPPABLE = [
    "mandate",
    "mandate.status",
    "mandate.scope",
    "mandate.change_mandate",
    "resources",
    "resources.budget",
    "resources.milestones",
    "resources.staff",
    "responsibility.team",
    "responsibility.steering",
    "competencies",
    "stakeholders",
    "participation",
    "principles",
    "risks",
    "goals",
    "goals.indicators",
    "problem.vision",
    "problem.needs",
    "impact",
    "frame",
    "changelog",
]


def _without(data: dict[str, Any], drop: list[str]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for path in drop:
        top, _dot, key = path.partition(".")
        value = data.get(top)
        if not key:
            data.pop(top, None)
        elif isinstance(value, dict):
            value.pop(key, None)
        elif isinstance(value, list):
            for item in value:
                item.pop(key, None)
    return data


def _line_count(*args: str) -> tuple[int, int]:
    i18n.set_language("de")
    gdb_settings.current = gdb_settings.Settings()
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = run(list(args))
    return code, len(out.getvalue().splitlines())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(DROPPABLE), unique=True, max_size=10),
    st.integers(min_value=1, max_value=5),
    st.booleans(),
)
def test_grouped_output_of_generated_charters_is_never_longer(drop, phase, gate) -> None:
    data = _without(EXAMPLE_DATA, drop)
    data["measure"]["phase"] = phase
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "charta.toml"
        path.write_bytes(tomli_w.dumps(data).encode("utf-8"))
        options = ["check", "--as-of", AS_OF, *(["--gate"] if gate else []), str(path)]
        code, grouped = _line_count(*options)
        concise_code, concise = _line_count(*options, "--format", "concise")
    assert code == concise_code
    assert grouped <= concise


@pytest.mark.parametrize("drop", ["competencies", "mandate.status", "resources.staff", "risks"])
def test_a_file_with_few_findings_keeps_its_most_important_step(gdb, tmp_path, drop) -> None:
    data = _without(EXAMPLE_DATA, [drop])
    path = tmp_path / "charta.toml"
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    grouped = gdb("check", "--as-of", AS_OF, path)
    concise = gdb("check", "--as-of", AS_OF, "--format", "concise", path)
    codes = re.findall(r": ([A-Z]{3}\d{3}) ", concise.out)
    assert codes, concise.out
    lines = grouped.out.splitlines()
    [start] = [i for i, line in enumerate(lines) if line.startswith("  Als Nächstes")]
    first_step = " ".join(lines[start : start + 2])
    assert "Beheben" in first_step and "gdb rules" in first_step
    assert len(grouped.out.splitlines()) <= len(concise.out.splitlines())


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
    # a single step: on the heading's line, naming the other open items of its section
    [step] = [line for line in result.out.splitlines() if line.startswith("  Als Nächstes: ")]
    assert step.startswith("  Als Nächstes: PHR011 vor dem Wechsel in Phase 4: ")
    assert "Außerdem: Methode (PHR012), Bericht (PHR013)." in step
    assert step.endswith("--update --ask wirkung · Warum: gdb rules PHR011")
    assert "Offen für" not in result.out  # every open item is in the step


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


def test_long_lines_hang_under_the_message_in_a_terminal(gdb, monkeypatch) -> None:
    """In a colour terminal rich wraps at its width; continuation rows start under the message
    (not at the left edge), and a fix command starts a row of its own and stays whole."""
    import gdb_cli.render.check_text

    monkeypatch.chdir(ROOT)
    many = "tests/fixtures/many-findings.toml"
    plain = gdb("check", "--as-of", AS_OF, many).out
    monkeypatch.setattr(gdb_cli.render.check_text, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "90")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = gdb("check", "--as-of", AS_OF, many).out
    assert "\x1b[" in coloured  # rendered by rich, in colour
    rows = re.sub(r"\x1b\[[0-9;]*m", "", coloured).splitlines()
    assert len(rows) > len(plain.splitlines()) + 20
    assert [row for row in rows if len(row) > 90] == []
    # nothing lost: the same words in the same order (a break replaces " · ")
    assert re.sub(r"[\s·]", "", "".join(rows)) == re.sub(r"[\s·]", "", plain)
    start = rows.index("  Phasenergebnisse")
    first = next(i for i in range(start, len(rows)) if "PHR023" in rows[i])
    assert rows[first].startswith("    PHR023 Warnung  Die beabsichtigte Wirkung")
    hang = len("    PHR023 Warnung  ")
    assert rows[first + 1].startswith(" " * hang) and rows[first + 1][hang] != " "
    step = next(i for i, row in enumerate(rows) if row.startswith("  1. RES001 Fehler  "))
    fix = next(i for i in range(step, len(rows)) if "Beheben:" in rows[i])
    assert rows[fix].startswith(f"     Beheben: gdb init {many} --update --ask ressourcen")
    assert all(row.startswith("     ") and row[5] != " " for row in rows[step + 1 : fix + 1])


def test_hanging_indent_is_capped_and_words_stay_whole() -> None:
    from gdb_cli.render.check_text import BREAK, HANG, wrapped

    line = [
        ("    ", None),
        ("Ein sehr langer Bereichsname ohne Ende in Sicht: ", "bold"),
        HANG,
        ("Wort " * 12 + "(Ressourcen › Gesamtbudget).", None),
        BREAK,
        ("Beheben: gdb init charta.toml", "green"),
    ]
    rows = [row.plain for row in wrapped(line, 60)]
    assert all(len(row) <= 60 for row in rows)
    assert all(row.startswith(" " * 8) and row[8] != " " for row in rows[1:])  # 4 + 4
    assert "(Ressourcen › Gesamtbudget)." in rows[-2] and rows[-1].strip().startswith("Beheben")
    assert [row.plain for row in wrapped(line, 400)] == ["".join(t for t, _s in line)]


def test_concise_lines_stay_whole_in_a_terminal(gdb, monkeypatch) -> None:
    """`--format concise` is for editors and grep: one line per place, in a terminal too."""
    import gdb_cli.render.check_text

    monkeypatch.chdir(ROOT)
    many = "tests/fixtures/many-findings.toml"
    plain = gdb("check", "--as-of", AS_OF, "--format", "concise", many).out
    monkeypatch.setattr(gdb_cli.render.check_text, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = gdb("check", "--as-of", AS_OF, "--format", "concise", many).out
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
