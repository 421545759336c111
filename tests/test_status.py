"""`gdb status`: the view model (JSON) and the 80-column text – from a fixed report for exact
snapshots, and through the CLI with the real engine."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import EXAMPLE, ROOT, json_document
from gdb_cli.charter.load import load_charter
from gdb_cli.findings import Finding
from gdb_cli.methods.recommend import RuleHit, recommend
from gdb_cli.methods.store import load_catalogue
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.render.status_text import render_status
from gdb_cli.views.status import build_status, method_tips

SNAPSHOTS = Path(__file__).parent / "snapshots"
ROOT_EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 30)

PHASE1 = """\
schema_version = 2

[measure]
id = "digitale-sprechstunde"
title = "Digitale Sprechstunde im Bürgeramt"
phase = 1
start = 2026-10-01
end = 2027-09-30

[mandate]
status = "pending"

[resources]
budget_total_eur = 80000

  [[resources.budget]]
  item = "Pilot"
  amount_eur = 30000
  status = "planned"

  [[resources.milestones]]
  name = "Kick-off"
  date = 2026-10-15
  done = true

  [[resources.milestones]]
  name = "Entscheidungsrunde"
  date = 2027-01-20
"""


def _rule(code: str, applies_from: int, methods: list[str] | None = None) -> SimpleNamespace:
    return SimpleNamespace(code=code, applies_from=applies_from, methods=methods or [])


RULES = [
    _rule("MAN001", 2, ["decision-round"]),
    _rule("RES004", 3, ["business-model-canvas"]),
    _rule("OPS001", 4, ["operating-model-check"]),
    _rule("OPS002", 4),
    _rule("OPS003", 4, ["kick-off"]),
    _rule("PHR011", 4, ["document-test"]),
]


def _hits(report: SimpleNamespace) -> list[RuleHit]:
    """What `rule_hits` makes of the fixed report: open items first, then warnings."""
    by_code = {rule.code: rule for rule in RULES}
    hits = []
    for state, findings in (("open", report.open), ("warning", report.findings)):
        for finding in findings:
            rule = by_code.get(finding.code)
            if rule is not None:
                title = {"de": finding.message, "en": finding.message}
                hits.append(RuleHit(finding.code, title, state, tuple(rule.methods)))
    return hits


def _fake_report(phase: int) -> SimpleNamespace:
    warning = Finding("RES004", "warning", "Budget zu weniger als 75 % gesichert.", "resources")
    return SimpleNamespace(
        phase=phase,
        findings=[warning, Finding("VAL001", "info", "Hinweis.")],
        open=[
            Finding("PHR011", "warning", "Ergebnisse der Erprobung fehlen.", "impact.evidence"),
            Finding("OPS001", "error", "Betrieb nicht geklärt.", "operation.operator"),
        ],
        accepted=[],
        failing=[],
    )


def _fake_readiness() -> list[SimpleNamespace]:
    labels = {
        "resources": ("Ressourcen", "Resources"),
        "responsibility": ("Verantwortung", "Responsibility"),
        "mandate": (
            "Politisches Mandat (Teil der Verantwortung)",
            "Political mandate (part of responsibility)",
        ),
        "competencies": ("Kompetenzen", "Competencies"),
    }
    warning = Finding("RES004", "warning", "Budget zu weniger als 75 % gesichert.", "resources")
    return [
        SimpleNamespace(
            area=area,
            label={"de": de, "en": en},
            complete=area != "resources",
            findings=[warning] if area == "resources" else [],
        )
        for area, (de, en) in labels.items()
    ]


def _status(text: str | None = None, tmp_path: Path | None = None):
    handbook = load_handbook()
    path = EXAMPLE
    if text is not None:
        assert tmp_path is not None
        path = tmp_path / "charta.toml"
        path.write_text(text, encoding="utf-8")
    loaded = load_charter(path, handbook.closed_ids(), display=path.name)
    assert loaded.charter is not None, loaded.problems
    phase = loaded.charter.measure.phase
    assert phase is not None
    report = _fake_report(phase)
    tips = method_tips(recommend(load_catalogue(), loaded.charter, _hits(report)))
    return build_status(
        file=path.name,
        charter=loaded.charter,
        handbook=handbook,
        report=report,
        readiness=_fake_readiness(),
        rules=RULES,
        tips=tips,
        as_of=AS_OF,
    )


def test_status_json_of_the_example():
    data = json.loads(json.dumps(_status().to_json()))
    assert data["phase"] == 3 and data["as_of"] == "2026-11-30"
    assert [p["state"] for p in data["phases"]] == ["done", "done", "current", "ahead", "ahead"]
    assert [a["complete"] for a in data["readiness"]] == [False, True, True, True]
    assert data["readiness_complete"] is False
    assert data["readiness"][0]["findings"][0]["code"] == "RES004"
    gate = data["gate"]
    assert (gate["phase"], gate["next_phase"], gate["total"], gate["done"]) == (3, 4, 4, 2)
    assert [f["code"] for f in gate["open"]] == ["OPS001", "PHR011"]  # errors first
    milestones = data["milestones"]
    assert [m["date"] for m in milestones] == ["2026-06-15", "2026-12-15", "2027-06-30"]
    assert [m["overdue"] for m in milestones] == [True, False, False]
    assert data["timeline"] == {"start": "2026-01-15", "end": "2027-12-31"}
    budget = data["budget"]
    assert (budget["secured"], budget["requested"], budget["planned"]) == (220000, 90000, 0)
    assert budget["total"] == 310000
    methods = data["methods"]
    assert methods[0]["id"] == "document-test" and methods[0]["because"] == ["PHR011"]
    assert len(methods) == 3 and all(m["because"] == [] for m in methods[1:])
    assert data["check"] == {
        "passed": True,
        "errors": 0,
        "warnings": 1,
        "infos": 1,
        "accepted": 0,
    }


def test_methods_are_the_first_recommendations_of_methods_for(tmp_path):
    catalogue = load_catalogue()
    path = tmp_path / "charta.toml"
    path.write_text(PHASE1, encoding="utf-8")
    charter = load_charter(path, load_handbook().closed_ids()).charter
    assert charter is not None
    hit = RuleHit("OPS003", {"de": "x", "en": "x"}, "open", ("kick-off",))
    recommendations = recommend(catalogue, charter, [hit])
    tips = method_tips(recommendations)
    assert [t.id for t in tips] == [r.method.id for r in recommendations[:3]]
    assert tips[0].id == "kick-off" and tips[0].because == ["OPS003"]
    assert all(not t.because for t in tips[1:])
    methods = [catalogue.get(t.id) for t in tips]
    assert all(m is not None and {1, 2} & set(m.phases) for m in methods)


def test_status_of_a_phase_one_charter(tmp_path):
    data = _status(PHASE1, tmp_path).to_json()
    assert data["phase"] == 1
    assert [p["state"] for p in data["phases"]][:2] == ["current", "ahead"]
    assert data["gate"]["next_phase"] == 2 and data["gate"]["total"] == 1
    assert [m["done"] for m in data["milestones"]] == [True, False]
    assert data["milestones"][0]["overdue"] is False
    budget = data["budget"]
    assert (budget["planned"], budget["total"], budget["lines_sum"]) == (30000, 80000, 30000)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_status_text_snapshot_at_80_columns(lang):
    lines = render_status(_status(), lang, 80)
    assert all(len(line) <= 80 for line in lines)
    text = "\n".join(lines) + "\n"
    snapshot = SNAPSHOTS / f"status_example_{lang}.txt"
    if os.environ.get("GDB_UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "style", "other"),
    [
        ("de", r"\d{2}\.\d{2}\.\d{4}", r"\d{4}-\d{2}-\d{2}"),
        ("en", r"\d{4}-\d{2}-\d{2}", r"\d{2}\.\d{2}\.\d{4}"),
    ],
)
def test_status_uses_one_date_style_per_language(lang, style, other):
    text = "\n".join(render_status(_status(), lang, 80))
    assert len(re.findall(style, text)) >= 5  # as of, since, today, axis, milestones
    assert re.findall(other, text) == []


def test_status_words_match_check_and_the_handbook():
    german = "\n".join(render_status(_status(), "de", 80))
    english = "\n".join(render_status(_status(), "en", 80))
    assert "These 6 – sind Ressourcen, Verantwortung (samt politischem Mandat für" in german
    assert "(1 Warnung, 1 Hinweis)" in german
    assert "(1 warning, 1 info)" in english and "notes" not in english
    # the phase label starts under the mark in both languages
    for text, label in ((german, "aktuelle Phase"), (english, "current phase")):
        lines = text.splitlines()
        track = next(line for line in lines if "▲" in line)
        assert lines[lines.index(track) + 1].index(label) == track.index("▲")


def test_status_text_phase_one_fits_narrow_and_wide(tmp_path):
    status = _status(PHASE1, tmp_path)
    for width in (60, 80, 100):
        lines = render_status(status, "de", width)
        assert all(len(line) <= width for line in lines), width
    text = "\n".join(render_status(status, "de", 80))
    assert "▲" in text and "▼ heute 30.11.2026" in text
    assert "Übergang in Phase 2: 1 von 1 Punkten erledigt" in text


def test_charter_text_cannot_draw_on_the_terminal(tmp_path):
    nasty = PHASE1.replace(
        'title = "Digitale Sprechstunde im Bürgeramt"', 'title = "A\\u001b[2JB\\nC"'
    )
    lines = render_status(_status(nasty, tmp_path), "de", 80)
    assert lines[0].startswith("AB C ")  # escape sequence removed, newline flattened
    assert not any("\x1b" in line for line in lines)


# --- through the CLI ----------------------------------------------------------------------------


def test_cli_status_json(gdb):
    result = gdb("status", EXAMPLE, "--format", "json", "--as-of", "2026-11-30")
    assert json_document(result.out)["format_version"] == 1
    assert result.code == 0, result.err
    data = json.loads(result.out)
    # the example has no [impact] yet: three of the four rules for leaving phase 3 are open
    assert (data["gate"]["total"], data["gate"]["done"]) == (4, 1)
    assert data["milestones"][0]["overdue"] is True


def test_cli_status_text_is_plain_when_piped(gdb, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = gdb("--lang", "en", "status", EXAMPLE, "--as-of", "2026-11-30")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out
    assert "Moving to phase 4: 1 of 4 items done" in result.out
    assert all(len(line) <= 80 for line in result.out.splitlines())


def test_cli_status_bad_date(gdb):
    result = gdb("status", EXAMPLE, "--as-of", "morgen")
    assert result.code == 2 and "Traceback" not in result.err


def test_cli_status_accepts_german_dates(gdb):
    german = gdb("status", EXAMPLE, "--format", "json", "--as-of", "30.11.2026")
    iso = gdb("status", EXAMPLE, "--format", "json", "--as-of", "2026-11-30")
    assert german.code == iso.code and german.out == iso.out


@pytest.mark.parametrize("phase_one", [False, True])
def test_cli_status_with_the_real_engine(gdb, monkeypatch, tmp_path, phase_one):
    monkeypatch.setenv("COLUMNS", "80")
    path = EXAMPLE
    if phase_one:
        path = tmp_path / "charta.toml"
        path.write_text(PHASE1, encoding="utf-8")
    result = gdb("status", path, "--format", "json", "--as-of", "2026-11-30")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["phase"] == (1 if phase_one else 3)
    assert [a["area"] for a in data["readiness"]] == [
        "resources",
        "responsibility",
        "mandate",
        "competencies",
    ]  # thesis 6 (version 2.0): three things, the mandate shown as part of responsibility
    mandate = next(a for a in data["readiness"] if a["area"] == "mandate")
    assert "part of responsibility" in mandate["label"]["en"]
    assert "Teil der Verantwortung" in mandate["label"]["de"]
    assert 0 <= data["gate"]["done"] <= data["gate"]["total"]
    assert len(data["methods"]) == 3
    text = gdb("status", path, "--as-of", "2026-11-30")
    assert text.code == 0 and all(len(line) <= 80 for line in text.out.splitlines())


def test_passed_next_to_a_red_cross_says_why(gdb):
    """The minimal phase-1 example passes, but its thesis-6 areas have open items: the status
    says what the ✗ mean, and each ✗ line names its most severe item."""
    result = gdb("status", ROOT_EXAMPLES / "minimal-phase1.toml", "--as-of", "2026-11-30")
    lines = result.out.splitlines()
    [check] = [i for i, line in enumerate(lines) if line.startswith("Prüfung: bestanden")]
    assert "kein Fehler in Phase 1" in lines[check + 1]
    assert "offenen Punkt vor dem Wechsel in Phase 2" in " ".join(lines[check + 1 : check + 3])
    crosses = [line for line in lines if line.startswith("  ✗ ") and ":" in line]
    assert crosses and all("offen (Fehler)" in line for line in crosses)


def test_readiness_shows_the_most_severe_finding_first():
    from gdb_cli.views.status import _finding, _most_severe_first

    handbook = load_handbook()
    info = _finding(Finding("RES009", "info", "i", "resources"), handbook)
    warning = _finding(Finding("RES004", "warning", "w", "resources"), handbook)
    open_error = _finding(Finding("RES001", "error", "e", "resources"), handbook, is_open=True)
    error = _finding(Finding("RES002", "error", "x", "resources.budget"), handbook)
    ordered = _most_severe_first([info, open_error, warning, error])
    assert [f.code for f in ordered] == ["RES002", "RES004", "RES009", "RES001"]
    assert error.location_label == "Ressourcen › Budget"


def test_each_thesis6_area_is_named_once(gdb):
    """An incomplete area is one entry: its ✗, its name and its most severe finding (wrapped
    under it), not a ✗ list followed by the same names again."""
    result = gdb("status", ROOT_EXAMPLES / "minimal-phase1.toml", "--as-of", "2026-11-30")
    lines = result.out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("These 6"))
    block = lines[start : lines.index("", start)]
    entries = [line for line in block if line.startswith("  ✗ ") or line.startswith("  ✓ ")]
    labels = [line[4:].split(":")[0] for line in entries]
    assert labels == [
        "Ressourcen",
        "Verantwortung",
        "Politisches Mandat (Teil der Verantwortung)",
        "Kompetenzen",
    ]
    assert "(Status: ausstehend)." in " ".join(block)  # wrapped, not cut


def test_budget_without_an_amount_is_counted_not_shown_as_zero(gdb):
    path = ROOT_EXAMPLES / "format2-budget-indicators.toml"
    text = gdb("status", path, "--as-of", "2026-11-30").out
    assert "▒ geplant: 1 ohne Betrag" in text and "geplant 0 €" not in text
    english = gdb("--lang", "en", "status", path, "--as-of", "2026-11-30").out
    assert "planned: 1 without amount" in english
    data = json.loads(gdb("status", path, "--as-of", "2026-11-30", "-f", "json").out)
    assert data["budget"]["unknown_by_status"] == {"planned": 1}
    assert data["budget"]["planned"] == 0
