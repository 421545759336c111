"""`gdb methods --for charter.toml`: recommendations for the charter's phase and open items."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE, json_document
from gdb_cli.methods.store import load_catalogue
from methods_helpers import example_data, write_charter


def _recommend(gdb, path, *extra):
    result = gdb("methods", "--for", str(path), "--format", "json", *extra)
    assert result.code == 0, result.err
    return json_document(result.out, "methods")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def phase1_charter(tmp_path):
    data = example_data()
    data["measure"]["phase"] = 1
    data.pop("stakeholders")
    data["mandate"] = {"status": "pending"}
    for goal in data["goals"]:
        goal.pop("indicators")
    return write_charter(tmp_path / "phase1.toml", data)


def phase4_charter(tmp_path):
    data = example_data()
    data["measure"]["phase"] = 4
    data["impact"] = {"evidence": "Zwei Bezirke nutzen den Prototyp regelmäßig."}
    return write_charter(tmp_path / "phase4.toml", data)


def test_example_phase3_rules_first_then_phase_methods(gdb):
    recs = _recommend(gdb, EXAMPLE)
    assert recs
    assert all(r["why"]["de"] and r["why"]["en"] for r in recs)
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids))
    # the example lacks impact evidence, an open item for leaving phase 3 (rule PHR011)
    assert recs[0]["reason"] == "rule" and recs[0]["key"] == "PHR011"
    assert recs[0]["why"]["de"] == (
        "PHR011 Wirkungsnachweis aus der Erprobung (offen, nötig für Phase 4)"
    )
    assert {"test-base", "analyze-test", "document-test"} <= set(ids)
    # the gap heuristic for the same concern is not repeated
    assert "impact" not in {r["key"] for r in recs}
    phase_recs = [r for r in recs if r["reason"] == "phase"]
    assert phase_recs and all(3 in r["phases"] for r in phase_recs)
    assert phase_recs[0]["why"]["de"].startswith("Phase 3 (Erprobung): ")
    reasons = [r["reason"] for r in recs]
    assert reasons == sorted(reasons, key=["rule", "gap", "phase"].index)


def test_phase1_open_items_name_their_methods(gdb, tmp_path):
    recs = _recommend(gdb, phase1_charter(tmp_path))
    by_id = {r["id"]: r for r in recs}
    assert by_id["decision-round"]["reason"] == "rule"
    assert by_id["decision-round"]["key"].startswith("MAN")
    assert "nötig für Phase 2" in by_id["decision-round"]["why"]["de"]
    assert by_id["map-out-actors"]["key"] == "STK001"
    # no rule asks for indicators before phase 3: the gap heuristic adds them
    indicators = [r for r in recs if r["key"] == "indicators"]
    assert indicators and all({"indicators", "impact"} & set(r["tags"]) for r in indicators)
    assert recs[0]["reason"] == "rule" and recs[-1]["reason"] == "phase"
    assert all(1 in r["phases"] for r in recs if r["reason"] == "phase")
    assert not {"operation", "transfer", "impact"} & {r["key"] for r in recs}


def test_phase4_recommends_operations(gdb, tmp_path):
    recs = _recommend(gdb, phase4_charter(tmp_path))
    by_key: dict[str, list[str]] = {}
    for r in recs:
        by_key.setdefault(r["key"], []).append(r["id"])
    assert "sustainment-guide" in by_key["PHR014"]  # operator: open for leaving phase 4
    assert "PHR011" not in by_key  # impact evidence is there
    assert all(4 in r["phases"] for r in recs if r["reason"] == "phase")
    english = gdb("--lang", "en", "methods", "--for", str(phase4_charter(tmp_path)))
    assert "PHR014" in english.out and "(open, needed for phase 5)" in english.out


def test_gap_heuristics_without_rule_findings(catalogue, tmp_path):
    """The fallback: what the charter itself shows, when no rule has flagged it."""
    from gdb_cli.context import load
    from gdb_cli.methods.recommend import recommend

    def charter(path):
        loaded = load(path)
        assert loaded.charter is not None, loaded.problems
        return loaded.charter

    recs = recommend(catalogue, charter(phase1_charter(tmp_path)))
    by_key: dict[str, list] = {}
    for r in recs:
        by_key.setdefault(r.key, []).append(r)
    assert by_key["mandate"][0].method.id == "decision-round"
    assert "pending" in by_key["mandate"][0].why["de"]
    assert all("stakeholders" in r.method.tags for r in by_key["stakeholders"])
    assert all({"indicators", "impact"} & set(r.method.tags) for r in by_key["indicators"])
    assert not {"operation", "transfer", "impact"} & set(by_key)

    phase3 = {r.key for r in recommend(catalogue, charter(EXAMPLE))}
    assert "impact" in phase3 and "mandate" not in phase3 and "stakeholders" not in phase3

    data = example_data()
    data["measure"]["phase"] = 4
    path = write_charter(tmp_path / "p4.toml", data)
    phase4 = recommend(catalogue, charter(path))
    operation = [r for r in phase4 if r.key == "operation"]
    assert operation and all("operations" in r.method.tags for r in operation)


def test_text_output_has_one_line_per_method_with_why(gdb, tmp_path):
    result = gdb("methods", "--for", str(phase1_charter(tmp_path)))
    assert result.code == 0
    lines = [line.split("\t") for line in result.out.splitlines()]
    assert all(len(fields) == 5 for fields in lines)
    decision = next(fields for fields in lines if fields[0] == "decision-round")
    assert decision[4].startswith("MAN")
    english = gdb("--lang", "en", "methods", "--for", str(phase1_charter(tmp_path)))
    assert "needed for phase 2" in english.out


def test_recommendations_respect_filters(gdb, tmp_path):
    recs = _recommend(gdb, phase1_charter(tmp_path), "--max-minutes", "45")
    assert recs and all(r["duration_minutes"]["min"] <= 45 for r in recs)


def test_markdown_recommendations(gdb, tmp_path):
    from markdown_it import MarkdownIt

    result = gdb("methods", "--for", str(phase1_charter(tmp_path)), "--format", "markdown")
    assert result.code == 0
    tokens = MarkdownIt().enable("table").parse(result.out)
    assert any(t.type == "table_open" for t in tokens)
    assert "Warum" in result.out and "decision-round" in result.out


def test_invalid_or_missing_charter_exits_2(gdb, tmp_path):
    assert gdb("methods", "--for", str(tmp_path / "missing.toml")).code == 2
    broken = tmp_path / "broken.toml"
    broken.write_text('schema_version = 1\n[measure]\nid = "x"\ntitle = "X"\nphase = 9\n')
    result = gdb("methods", "--for", str(broken))
    assert result.code == 2
    assert "phase" in result.err


MINIMAL_PHASE1 = EXAMPLE.parent / "minimal-phase1.toml"


def test_phase1_recommendations_fit_this_phase_or_the_next(gdb):
    recs = _recommend(gdb, MINIMAL_PHASE1)
    assert "future-article" not in {r["id"] for r in recs}  # phases 4–5 only
    assert all({1, 2} & set(r["phases"]) for r in recs)


def test_most_important_open_items_come_first_and_mandate_gets_the_decision_round(gdb):
    recs = _recommend(gdb, MINIMAL_PHASE1)
    first = recs[0]["key"]
    assert first[:3] in {"GOL", "RSP", "RES", "MAN", "CMP"}  # a thesis-6 area first
    decision = next(r for r in recs if r["id"] == "decision-round")
    assert "MAN001" in decision["why"]["de"] and "MAN001" in decision["why"]["en"]
    # every method of a rule is listed once, credited to one code
    assert len({r["id"] for r in recs}) == len(recs)


def test_text_shows_eight_recommendations_unless_all(gdb):
    capped = gdb("methods", "--for", MINIMAL_PHASE1).out.splitlines()
    everything = gdb("methods", "--for", MINIMAL_PHASE1, "--all").out.splitlines()
    assert len(capped) == 8
    assert len(everything) > 8 and everything[:8] == capped
    assert len(_recommend(gdb, MINIMAL_PHASE1)) == len(everything)  # JSON: all


def test_terminal_table_wraps_at_word_boundaries(gdb, monkeypatch):
    import gdb_cli.output

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(gdb_cli.output, "stdout_is_terminal", lambda: True)
    out = gdb("methods", "--for", MINIMAL_PHASE1).out
    recs = _recommend(gdb, MINIMAL_PHASE1)[:8]
    for rec in recs:
        assert rec["id"] in out  # the id is shown (under the name)
        for word in rec["name"]["de"].split():
            assert word in out, word  # no word of a name is broken across lines
    assert "8 von" in out and "--all" in out
