"""`gdb check` through the CLI: formats, exit codes, folders, options."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import tomli_w

from conftest import EXAMPLE
from helpers import MINIMAL, make_pack

FINDING_KEYS = {
    "file",
    "line",
    "column",
    "code",
    "severity",
    "message",
    "path",
    "location_label",
    "applies_from",
    "basis_kind",
}
SUMMARY_KEYS = {
    "files",
    "errors",
    "warnings",
    "infos",
    "open",
    "accepted",
    "failing",
    "input_errors",
    "not_found",
    "skipped",
}
CON001_DE = "CON001 Fehler measure.end: Das Ende (01.01.2025) liegt vor dem Beginn (01.01.2026)."

GOOD = """schema_version = 2
[measure]
id = "gut"
title = "Gut"
phase = 1
start = 2026-01-01
end = 2027-01-01
[[goals]]
id = "z1"
statement = "Ziel"
[mandate]
status = "granted"
"""

BAD = GOOD.replace("end = 2027-01-01", "end = 2025-01-01")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pack(tmp_path_factory.mktemp("cli"))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "good": tmp_path / "good.toml",
        "bad": tmp_path / "bad.toml",
        "broken": tmp_path / "broken.toml",
        "other": tmp_path / "pyproject.toml",
    }
    paths["good"].write_text(GOOD, encoding="utf-8")
    paths["bad"].write_text(BAD, encoding="utf-8")
    paths["broken"].write_text(GOOD.replace('title = "Gut"', "title = Gut"), encoding="utf-8")
    paths["other"].write_text('[project]\nname = "x"\n', encoding="utf-8")
    return paths


def check(gdb, pack: Path, *args: object):
    return gdb("--handbook", pack, "check", "--as-of", "2026-11-29", *args)


# --- exit codes ---------------------------------------------------------------------------------


def test_good_file_exits_0_bad_1_broken_2(gdb, pack, files):
    assert check(gdb, pack, files["good"]).code == 0
    assert check(gdb, pack, files["bad"]).code == 1
    result = check(gdb, pack, files["broken"], files["bad"])
    assert result.code == 2
    # the other file is still checked and reported, the syntax error has line:col
    assert re.search(r"broken\.toml:4:9: TOML001", result.out)
    assert re.search(r"CON001 .* · Zeile 7 · ", result.out)


def test_missing_path_is_exit_2(gdb, pack, tmp_path):
    result = check(gdb, pack, tmp_path / "nope.toml")
    assert result.code == 2
    assert "IO001" in result.out
    assert "nope.toml (nicht gefunden)" in result.out
    assert "0 Dateien geprüft, 1 nicht gefunden:" in result.out
    data = json.loads(check(gdb, pack, "-f", "json", tmp_path / "nope.toml").out)
    assert data["summary"]["not_found"] == 1


def test_unreadable_file_is_not_called_missing(tmp_path):
    from gdb_cli.charter.load import load_charter
    from gdb_cli.engine import evaluate
    from gdb_cli.pack.handbook import load_handbook

    handbook = load_handbook(None)
    missing = evaluate(load_charter(tmp_path / "nope.toml", None), handbook)
    folder = evaluate(load_charter(tmp_path, None), handbook)
    assert missing.not_found and missing.input_error
    assert folder.input_error and not folder.not_found


def test_as_of_accepts_german_dates(gdb, pack, files):
    iso = check(gdb, pack, "-f", "json", files["bad"]).out
    german = gdb("--handbook", pack, "check", "--as-of", "29.11.2026", "-f", "json", files["bad"])
    assert german.code == 1 and german.out == iso
    bad = gdb("--handbook", pack, "check", "--as-of", "31.13.2026", files["bad"])
    assert bad.code == 2 and "TT.MM.JJJJ" in bad.err


def test_not_utf8_and_newer_schema_are_input_errors(gdb, pack, tmp_path, files):
    latin = tmp_path / "latin.toml"
    latin.write_bytes(GOOD.replace("Gut", "Gür").encode("latin-1"))
    newer = tmp_path / "newer.toml"
    newer.write_text(GOOD.replace("schema_version = 2", "schema_version = 9"), encoding="utf-8")
    result = check(gdb, pack, "-f", "json", latin, newer, files["good"])
    assert result.code == 2
    data = json.loads(result.out)
    assert {f["code"] for f in data["findings"]} == {"ENC001", "SCH006"}
    assert data["summary"]["input_errors"] == 2 and data["summary"]["files"] == 3


def test_default_path_is_charter_toml(gdb, pack, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check(gdb, pack)
    assert result.code == 2 and "gdb init" in result.err
    for name in ("charta.toml", "charter.toml", "projektcharta.toml"):
        assert name in result.err
    (tmp_path / "charter.toml").write_text(GOOD, encoding="utf-8")
    result = check(gdb, pack)
    assert result.code == 0 and "charter.toml" in result.out


@pytest.mark.parametrize("name", ["charta.toml", "projektcharta.toml"])
def test_default_lookup_is_shared_with_status(gdb, pack, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    result = check(gdb, pack)
    assert result.code == 0 and name in result.out
    (tmp_path / "charter.toml").write_text(GOOD, encoding="utf-8")
    result = check(gdb, pack)
    assert result.code == 2 and "Mehrere Chartas" in result.err


def test_example_charter_passes_with_the_bundled_rules(gdb):
    result = gdb("check", EXAMPLE)
    assert result.code == 0, result.out
    assert " Fehler " not in result.out


# --- folders ------------------------------------------------------------------------------------


def test_folder_mix_of_good_bad_broken_and_non_charter(gdb, pack, tmp_path, files):
    nested = tmp_path / "sub" / "deeper"
    nested.mkdir(parents=True)
    (nested / "nested.toml").write_text(BAD, encoding="utf-8")
    hidden = tmp_path / ".git"
    hidden.mkdir()
    (hidden / "hidden.toml").write_text(BAD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("kein toml", encoding="utf-8")
    result = check(gdb, pack, "-f", "json", tmp_path)
    assert result.code == 2
    data = json.loads(result.out)
    statuses = {Path(f["file"]).name: f["status"] for f in data["files"]}
    assert statuses == {
        "bad.toml": "checked",
        "broken.toml": "input_error",
        "good.toml": "checked",
        "nested.toml": "checked",
        "pyproject.toml": "skipped",
    }
    assert "pyproject.toml" in result.err and "keine Charta" in result.err
    assert data["summary"]["files"] == 4
    assert data["summary"]["skipped"] == 1


def test_folder_without_broken_files_exits_1(gdb, pack, tmp_path, files):
    files["broken"].unlink()
    result = check(gdb, pack, tmp_path)
    assert result.code == 1
    assert "good.toml" in result.out and "bad.toml" in result.out


def test_empty_folder_says_so(gdb, pack, tmp_path):
    result = check(gdb, pack, tmp_path)
    assert result.code == 0 and "Keine Charta" in result.err


# --- formats ------------------------------------------------------------------------------------


def test_concise_format_lines_grouping_and_summary(gdb, pack, files):
    result = check(gdb, pack, "--format", "concise", files["good"], files["bad"])
    lines = result.out.splitlines()
    pattern = r".*bad\.toml:7:1: CON001 Fehler measure\.end: Das Ende .*"
    assert any(re.fullmatch(pattern, line) for line in lines)
    assert lines[0].startswith(str(files["good"])) and "keine Befunde" in lines[0]
    assert "2 Dateien geprüft: 1 Fehler" in result.out
    assert "Ergebnis: nicht bestanden (1 blockierender Befund)." in result.out


def test_passed_verdict_names_the_phase_and_the_open_items(gdb, tmp_path):
    minimal = tmp_path / "charta.toml"
    minimal.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "zweite.toml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    result = gdb("check", "--as-of", "2026-11-29", minimal)
    assert result.code == 0
    [verdict] = [line for line in result.out.splitlines() if line.startswith("Ergebnis")]
    assert re.fullmatch(
        r"Ergebnis: bestanden für Phase 1\. Vor dem Wechsel in Phase 2 sind noch \d+ Punkte "
        rf"offen \(gdb status {re.escape(str(minimal))}\)\.",
        verdict,
    )
    english = gdb("--lang", "en", "check", "--as-of", "2026-11-29", tmp_path)
    assert re.search(
        r"Result: passed\. \d+ items still open before moving to the next phase \(2 files; "
        r"details: gdb status FILE\)\.",
        english.out,
    )


def test_passed_without_open_items(gdb, pack, files):
    result = check(gdb, pack, files["good"])
    assert result.out.splitlines()[-1] == "Ergebnis: bestanden für Phase 1."


def test_statistics_codes_are_aligned(gdb, pack, files):
    result = check(gdb, pack, "--statistics", files["bad"], files["broken"])
    rows = [line for line in result.out.splitlines() if re.match(r"\s+\d+  [A-Z]", line)]
    assert {"CON001", "TOML001"} <= {row.split()[1] for row in rows}
    titles = {row.index(row.split()[2]) for row in rows}
    assert len(titles) == 1, rows


def test_misspelt_section_skips_its_rules(gdb, tmp_path):
    path = tmp_path / "charta.toml"
    text = MINIMAL.read_text(encoding="utf-8")
    path.write_text(text.replace("[mandate]", "[mandat]"), encoding="utf-8")
    result = gdb("check", "--as-of", "2026-11-29", "-f", "concise", path)
    codes = re.findall(r": (MAN\d{3}|SCH\d{3}) ", result.out)
    assert codes == ["SCH001"]
    assert "Meinten Sie „mandate“?" in result.out
    assert "Die Regeln für [mandate] wurden übersprungen, bis der Abschnittsname stimmt." in (
        result.out
    )
    english = gdb("--lang", "en", "check", "--as-of", "2026-11-29", "-f", "json", path)
    data = json.loads(english.out)
    assert data["files"][0]["skipped_sections"] == ["mandate"]
    assert not [f for f in data["findings"] + data["open"] if f["path"].startswith("mandate")]
    # other sections' rules still run, and the correct name brings the mandate rules back
    assert any(f["code"].startswith("MEA") for f in data["findings"] + data["open"])
    path.write_text(text, encoding="utf-8")
    assert "MAN001" in gdb("check", "--as-of", "2026-11-29", path).out


def test_text_in_english(gdb, pack, files):
    result = gdb("--lang", "en", "--handbook", pack, "check", files["bad"])
    assert "CON001 error  Measure › End: The end (2025-01-01) is before the start" in result.out
    assert "1 file checked: 1 error" in result.out
    assert "Result: failed (1 blocking finding)." in result.out


def test_json_shape(gdb, pack, files):
    result = check(gdb, pack, "--format", "json", files["bad"], files["good"])
    data = json.loads(result.out)
    assert set(data) == {"format_version", "findings", "open", "accepted", "files", "summary"}
    assert set(data["summary"]) == SUMMARY_KEYS
    [finding] = data["findings"]
    assert set(finding) == FINDING_KEYS
    assert finding == {
        "file": str(files["bad"]),
        "line": 7,
        "column": 1,
        "code": "CON001",
        "severity": "error",
        "message": "Das Ende (01.01.2025) liegt vor dem Beginn (01.01.2026).",
        "path": "measure.end",
        "location_label": "Maßnahme › Ende",
        "applies_from": 1,
        "basis_kind": "consistency",
    }
    assert data["summary"] == {
        "files": 2,
        "errors": 1,
        "warnings": 0,
        "infos": 0,
        "open": 0,
        "accepted": 0,
        "failing": 1,
        "input_errors": 0,
        "not_found": 0,
        "skipped": 0,
    }


def test_json_open_and_accepted(gdb, pack, tmp_path):
    path = tmp_path / "c.toml"
    text = GOOD.replace('status = "granted"', 'status = "pending"').replace(
        "end = 2027-01-01", "end = 2025-01-01"
    )
    text += '[[exceptions]]\ncode = "CON001"\nreason = "Laufzeit wird verlängert."\n'
    path.write_text(text, encoding="utf-8")
    data = json.loads(check(gdb, pack, "-f", "json", path).out)
    assert data["findings"] == []
    [open_item] = data["open"]
    assert open_item["code"] == "MAN002" and open_item["failing"] is False
    assert set(open_item) >= FINDING_KEYS
    [accepted] = data["accepted"]
    assert accepted["code"] == "CON001" and accepted["reason"] == "Laufzeit wird verlängert."
    gated = check(gdb, pack, "-f", "json", "--gate", path)
    assert gated.code == 1 and json.loads(gated.out)["open"][0]["failing"] is True


def test_sarif_shape(gdb, pack, tmp_path, files):
    text = BAD + '[[exceptions]]\ncode = "MAN003"\nreason = "r"\n'
    text = text.replace("[mandate]\n", "[mandate]\nvalid_until = 2020-01-01\n")
    files["bad"].write_text(text.replace('status = "granted"', 'status = "pending"'), "utf-8")
    result = check(gdb, pack, "--format", "sarif", files["bad"], files["broken"])
    assert result.code == 2
    sarif = json.loads(result.out)
    assert sarif["version"] == "2.1.0" and "sarif" in sarif["$schema"]
    [run] = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gdb" and driver["version"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    results = run["results"]
    assert {r["ruleId"] for r in results} == {"CON001", "MAN002", "MAN003", "TOML001"}
    for result_item in results:
        assert rule_ids[result_item["ruleIndex"]] == result_item["ruleId"]
        assert result_item["level"] in {"error", "warning", "note"}
        assert result_item["message"]["text"]
        location = result_item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith(".toml")
        assert location["region"]["startLine"] >= 1
    by_id = {r["ruleId"]: r for r in results}
    assert by_id["MAN002"]["level"] == "note" and by_id["MAN002"]["properties"]["open"]
    assert by_id["MAN003"]["suppressions"] == [{"kind": "inSource", "justification": "r"}]
    assert run["invocations"][0]["executionSuccessful"] is False
    # the dotted key path stays; the place in words is added
    assert by_id["CON001"]["properties"]["path"] == "measure.end"
    assert by_id["CON001"]["properties"]["location_label"] == "Maßnahme › Ende"
    assert by_id["TOML001"]["properties"]["location_label"] == ""


def test_sarif_rules_carry_help_and_source(gdb, pack, files):
    sarif = json.loads(check(gdb, pack, "-f", "sarif", files["bad"]).out)
    [rule] = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "CON001" and rule["helpUri"].startswith("https://")
    assert rule["properties"]["applies_from"] == 1


def test_github_annotations(gdb, pack, files, tmp_path):
    weird = tmp_path / "a,b:c.toml"
    weird.write_text(BAD.replace('title = "Gut"', 'title = "100% gut\\nneu"'), "utf-8")
    result = check(gdb, pack, "--format", "github", files["bad"], weird)
    assert result.code == 1
    lines = result.out.splitlines()
    expected = f"::error file={files['bad']},line=7,col=1,title=CON001::measure.end: Das Ende"
    assert expected in lines[0]
    assert all(
        re.match(r"::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=", line)
        for line in lines
    )
    assert any("a%2Cb%3Ac.toml" in line for line in lines)


def test_sarif_uris_are_uri_references_and_loader_codes_have_help(gdb, pack, tmp_path, monkeypatch):
    from urllib.parse import unquote, urlsplit
    from urllib.request import url2pathname

    from conftest import assert_valid_sarif

    monkeypatch.chdir(tmp_path)
    names = ["c:charta.toml", "a b%.toml", "#1?.toml"]
    for name in names:
        (tmp_path / name).write_text(BAD.replace("[mandate]\n", "[mandate]\nx = 1\n"), "utf-8")
    (tmp_path / "kaputt.toml").write_text("measure = [\n", "utf-8")
    absolute = tmp_path / "ganz absolut.toml"
    absolute.write_text(BAD, "utf-8")

    result = check(gdb, pack, "-f", "sarif", *names, "kaputt.toml", absolute)
    sarif = assert_valid_sarif(result.out)
    [run] = sarif["runs"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    relative = {u for u in uris if not u.startswith("file:")}
    assert {unquote(u) for u in relative} == {*names, "kaputt.toml"}
    assert all(urlsplit(u).scheme == "" and " " not in u for u in relative), relative
    [file_uri] = uris - relative
    assert file_uri.startswith("file:///") and url2pathname(urlsplit(file_uri).path) == str(
        absolute
    )

    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert {"TOML001", "SCH001", "CON001"} <= set(rules)
    assert all(rule["helpUri"].startswith("https://") for rule in rules.values())
    assert rules["TOML001"]["helpUri"].startswith("https://toml.io/")


def test_markdown_table(gdb, pack, files):
    from markdown_it import MarkdownIt

    files["bad"].write_text(
        BAD.replace("[mandate]\n", "[mandate]\nvalid_until = 2020-01-01\n").replace(
            'statement = "Ziel"', 'statement = "a|b"'
        ),
        "utf-8",
    )
    result = check(gdb, pack, "-f", "markdown", files["bad"])
    assert result.code == 1
    assert "| Datei | Zeile | Stelle | Code | Schweregrad | Meldung |" in result.out
    assert "| Maßnahme › Ende (`measure.end`) | `CON001` |" in result.out
    assert "**1** Datei: **1** Fehler, **1** Warnung, **0** Hinweise" in result.out
    html = MarkdownIt().enable("table").render(result.out)
    assert html.count("<table>") == 1 and "CON001" in html and "MAN003" in html


def test_markdown_cells_with_pipes_keep_the_table(gdb, pack, tmp_path):
    """A `|` in a file name, key or message never splits a cell (GFM table, markdown-it-py)."""
    from markdown_it import MarkdownIt

    odd = tmp_path / "a|b.toml"
    odd.write_text(BAD.replace("[mandate]\n", '[mandate]\n"x|y" = 1\n'), "utf-8")
    result = check(gdb, pack, "-f", "markdown", "--statistics", odd)
    assert result.code == 1
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(result.out)
    widths: list[tuple[int, int]] = []  # (cells in the header, cells in a body row)
    header = cells = 0
    for token in tokens:
        if token.type == "thead_open":
            header = 0
        elif token.type == "th_open":
            header += 1
        elif token.type == "tr_open":
            cells = 0
        elif token.type == "td_open":
            cells += 1
        elif token.type == "tr_close" and cells:
            widths.append((header, cells))
    assert len(widths) >= 3 and all(h == c for h, c in widths), widths
    html = parser.render(result.out)
    assert f"<td><code>{odd}</code></td>" in html
    assert "<code>mandate.&quot;x|y&quot;</code>)</td>" in html
    assert "„x|y“" in html


# --- options ------------------------------------------------------------------------------------


def test_select_ignore_and_unknown_code(gdb, pack, files):
    files["bad"].write_text(BAD.replace('status = "granted"', ""), "utf-8")
    out = check(gdb, pack, "-f", "json", files["bad"]).out
    assert {f["code"] for f in json.loads(out)["findings"]} == {"CON001", "MAN001"}
    out = check(gdb, pack, "-f", "json", "--select", "man", files["bad"]).out
    assert {f["code"] for f in json.loads(out)["findings"]} == {"MAN001"}
    out = check(gdb, pack, "-f", "json", "--ignore", "CON001,MAN", files["bad"]).out
    assert json.loads(out)["findings"] == []
    result = check(gdb, pack, "--select", "MAM001", files["bad"])
    assert result.code == 2 and "MAN001" in result.err and "Traceback" not in result.err


def test_strict_and_as_of(gdb, pack, files):
    files["good"].write_text(GOOD.replace("[mandate]\n", "[mandate]\nvalid_until = 2026-12-31\n"))
    assert gdb("--handbook", pack, "check", "--as-of", "2026-12-31", files["good"]).code == 0
    result = gdb("--handbook", pack, "check", "--as-of", "2027-01-01", files["good"])
    assert result.code == 0 and "MAN003 Warnung" in result.out
    result = gdb("--handbook", pack, "check", "--as-of", "2027-01-01", "--strict", files["good"])
    assert result.code == 1
    result = gdb("--handbook", pack, "check", "--as-of", "31.12.20266", files["good"])
    assert result.code == 2 and "JJJJ-MM-TT" in result.err


def test_statistics(gdb, pack, files, tmp_path):
    other = tmp_path / "bad2.toml"
    other.write_text(BAD, encoding="utf-8")
    result = check(gdb, pack, "--statistics", files["bad"], other)
    assert re.search(r"^\s+2\s+CON001\s+Ende nach Beginn$", result.out, re.M)
    data = json.loads(check(gdb, pack, "--statistics", "-f", "json", files["bad"], other).out)
    assert data["statistics"] == [
        {"code": "CON001", "title": "Ende nach Beginn", "count": 2, "open": 0}
    ]


def test_quiet_prints_only_findings(gdb, pack, files, tmp_path):
    files["broken"].unlink()
    result = gdb("-q", "--handbook", pack, "check", files["bad"].parent)
    assert result.code == 1
    assert result.out.splitlines() == [f"{files['bad']}:7:1: {CON001_DE}"]


def test_user_text_is_shown_literally(gdb, pack, tmp_path):
    path = tmp_path / "c.toml"
    data = {
        "schema_version": 1,
        "measure": {"id": "x", "title": "T", "phase": 2},
        "mandate": {"status": "[bold]pend\x1b[31ming"},
    }
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    result = check(gdb, pack, path)
    assert "\x1b" not in result.out
    assert "[bold]pending" in result.out


def test_bad_format_is_a_usage_error(gdb, pack, files):
    result = check(gdb, pack, "--format", "xml", files["good"])
    assert result.code == 2


# --- the bundled catalogue: the phase-1 minimal charter and indicators -------------------------


def test_minimal_phase1_charter_passes_lists_open_items_and_fails_the_gate(gdb):
    result = gdb("check", "--as-of", "2026-11-29", MINIMAL)
    assert result.code == 0, result.out
    assert "offen für den Abschluss von Phase 1" in result.out
    data = json.loads(gdb("check", "-f", "json", MINIMAL).out)
    assert data["findings"] == [] or all(f["severity"] != "error" for f in data["findings"])
    assert data["open"]
    assert {"MAN", "RES", "CMP"} <= {f["code"][:3] for f in data["open"]}
    gated = gdb("check", "--gate", MINIMAL)
    assert gated.code == 1
