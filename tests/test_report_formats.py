"""`gdb report` in csv, xlsx and site, and a varied portfolio of 200 charters in every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from test_report import AS_OF, assert_accessible_report, charter

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_portfolio

FORMATS = ("markdown", "json", "html", "csv", "xlsx", "site")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    base = tmp_path / "chartas"
    base.mkdir()
    charter(base, "a-eins")
    charter(
        base, "b-ohne-betrag", ("amount_eur = 90000\n", ""), ("budget_total_eur = 310000\n", "")
    )
    charter(base, "c-formel", ("Maßnahme c-formel", '=HYPERLINK(\\"x\\"), \\"zitiert\\"'))
    (base / "d-kaputt.toml").write_text("schema_version = 1\n[measure\n", "utf-8")
    return base


def test_csv_is_rfc4180_utf8_one_row_per_charter(gdb, folder):
    result = gdb("report", folder, "--format", "csv", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert "\r\n" in result.out and "\n" not in result.out.replace("\r\n", "")
    table = list(csv.DictReader(io.StringIO(result.out, newline="")))
    assert [Path(r["file"]).name for r in table] == [
        "a-eins.toml",
        "b-ohne-betrag.toml",
        "c-formel.toml",
        "d-kaputt.toml",
    ]
    first, no_amount, formula, broken = table
    assert first["budget_total_eur"] == "310000" and first["start"] == "2026-01-15"
    assert first["phase"] == "3" and first["thesis6_mandate"] == "complete"
    assert "Senatsverwaltung für Mobilität" in first["lead_organisation"]
    assert no_amount["budget_total_eur"] == ""  # not given: empty, never 0
    # quotes doubled by the writer, the formula neutralised
    assert formula["title"] == '\'=HYPERLINK("x"), "zitiert"'
    assert '"\'=HYPERLINK(""x""), ""zitiert"""' in result.out
    assert broken["id"] == "" and "d-kaputt.toml:2:" in broken["problem"]


def test_xlsx_has_typed_cells_header_frozen_panes_and_widths(gdb, folder, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "bericht.xlsx"
    result = gdb("report", folder, "-o", out, "--as-of", AS_OF, "--since", "2026-01-01")
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Maßnahmen", "Überblick"]
    assert "Geld" in book.sheetnames and any(n.startswith("Änderungen") for n in book.sheetnames)
    sheet = book["Maßnahmen"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Datei", "Id", "Maßnahme"]
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width > 10
    rows = {
        Path(r[0]).name: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    first = rows["a-eins.toml"]
    assert first["Beginn"] == dt.datetime(2026, 1, 15)  # a date cell, not text
    assert first["Gesamtbudget (€)"] == 310000 and first["Phase"] == 3
    assert rows["b-ohne-betrag.toml"]["Gesamtbudget (€)"] is None
    formula_cell = next(
        c for c in sheet["C"] if isinstance(c.value, str) and "HYPERLINK" in c.value
    )
    assert formula_cell.data_type == "s"  # text, never a formula
    money = book["Geld"]
    assert money.freeze_panes == "B2"
    values = list(money.iter_rows(min_row=2, values_only=True))
    assert values[0][0] == 2026 and isinstance(values[0][1], (int, float))
    attention = book["Braucht Aufmerksamkeit"]
    dates = [r[3] for r in attention.iter_rows(min_row=2, values_only=True) if r[3] is not None]
    assert dates and all(isinstance(d, dt.datetime) for d in dates)


def test_site_links_a_profile_per_measure_and_can_leave_out_contacts(gdb, folder, tmp_path):
    site = tmp_path / "site"
    result = gdb("report", folder, "--format", "site", "-o", site, "--no-contacts")
    assert result.code == 0, result.err
    index = (site / "index.html").read_text("utf-8")
    assert_accessible_report(index)
    pages = sorted(p.name for p in (site / "massnahmen").glob("*.html"))
    assert pages == ["a-eins.html", "b-ohne-betrag.html", "c-formel.html"]
    for name in pages:
        assert f'href="massnahmen/{name}"' in index
        page = (site / "massnahmen" / name).read_text("utf-8")
        assert "Maßnahmensteckbrief" in page and "Alex Beispiel" not in page
        assert "@example.berlin" not in page
    with_contacts = tmp_path / "mit"
    assert gdb("report", folder, "--format", "site", "-o", with_contacts).code == 0
    assert "Alex Beispiel" in (with_contacts / "massnahmen" / "a-eins.html").read_text("utf-8")


def test_site_needs_a_folder(gdb, folder):
    result = gdb("report", folder, "--format", "site")
    assert result.code == 2 and "-o" in result.err


def test_no_progress_display_when_not_on_a_terminal(gdb, folder):
    result = gdb("report", folder, "--format", "json")
    assert result.code == 0 and result.err == ""  # nothing but data; no progress bar


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("portfolio")
    generate_portfolio(folder, 200, seed=7)
    return folder


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_varied_portfolio_of_200_charters_in_every_format(
    gdb, portfolio, tmp_path, output_format
):
    out = tmp_path / ("site" if output_format == "site" else f"report.{output_format}")
    result = gdb(
        "report",
        portfolio,
        "--format",
        output_format,
        "-o",
        out,
        "--as-of",
        AS_OF,
        "--since",
        "2026-07-01",
        "--jobs",
        "1",
    )
    assert result.code == 0, result.err
    broken = sum(1 for p in portfolio.glob("*.toml") if "[mandate\n" in p.read_text("utf-8"))
    assert 0 < broken < 20
    if output_format == "json":
        data = json.loads(out.read_text("utf-8"))
        assert data["summary"]["files"] == 200 and data["summary"]["unreadable"] == broken
        assert len({c["key"] for c in data["overview"]["lead_organisation"]}) > 3
        assert {a["kind"] for a in data["attention"]} >= {
            "unreadable",
            "mandate_expiring",
            "milestone_overdue",
            "past_end",
            "phase_unchanged",
        }
        assert data["changes"] and data["money"]["total"]["lines_without_amount"] > 0
        versions = {
            p.read_text("utf-8").split("schema_version = ", 1)[1][:1]
            for p in portfolio.glob("*.toml")
        }
        assert versions == {"1", "2"}
        assert any(m["derived_phase"] for m in data["measures"])
    elif output_format == "csv":
        assert len(list(csv.DictReader(io.StringIO(out.read_text("utf-8"), newline="")))) == 200
    elif output_format == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        assert openpyxl.load_workbook(out)["Maßnahmen"].max_row == 201
    elif output_format == "site":
        index = (out / "index.html").read_text("utf-8")
        assert_accessible_report(index)
        pages = list((out / "massnahmen").glob("*.html"))
        assert 150 < len(pages) < 200 - broken  # charters with schema problems get no profile
        assert all(f'href="massnahmen/{page.name}"' in index for page in pages)
    elif output_format == "html":
        assert_accessible_report(out.read_text("utf-8"))
    else:
        assert out.read_text("utf-8").startswith("# Portfolio-Bericht")


def test_progress_on_a_terminal_but_not_with_quiet(tmp_path, portfolio):
    pexpect = pytest.importorskip("pexpect")

    def transcript(*extra: str) -> str:
        child = pexpect.spawn(
            sys.executable,
            ["-m", "gdb_cli", *extra, "report", str(portfolio), "-o", str(tmp_path / "r.md")],
            cwd=str(tmp_path),
            env={**os.environ, "GDB_LANG": "de", "COLUMNS": "100", "TERM": "xterm"},
            encoding="utf-8",
            timeout=120,
            dimensions=(24, 100),
        )
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, child.before
        return str(child.before)

    assert "Chartas prüfen" in transcript()
    assert "Chartas prüfen" not in transcript("-q")


def test_a_streamed_document_appears_whole_or_not_at_all(tmp_path):
    from gdb_cli.toml.write import atomic_stream

    target = tmp_path / "bericht.json"
    with pytest.raises(RuntimeError), atomic_stream(target) as stream:
        stream.write("{ half")
        raise RuntimeError("stopped")
    assert list(tmp_path.iterdir()) == []
    with atomic_stream(target) as stream:
        stream.write("a\r\nb")
    assert target.read_bytes() == b"a\r\nb"
