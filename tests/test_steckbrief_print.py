"""The Steckbrief as people print it: `gdb export --format html`, printed to PDF by headless
Chromium – A4 pages, no heading alone at the bottom of a page, short tables on one page – plus
the document rules behind it (no empty columns, no heading promising what is missing, --omit)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import EXAMPLE
from gdb_cli.render.steckbrief_html import SHORT_TABLE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
A4 = (595.0, 842.0)  # points


def _pdf(html: Path, pdf: Path) -> list[list[str]]:
    """Print `html` with headless Chromium; the non-empty text lines of every page."""
    pypdf = pytest.importorskip("pypdf")
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = pypdf.PdfReader(pdf)
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4[0]) < 2 and abs(float(box.height) - A4[1]) < 2
    # NFKC: the PDF's text has ligatures ("ﬀ" for "ff")
    return [
        [
            unicodedata.normalize("NFKC", line).strip()
            for line in page.extract_text().splitlines()
            if line.strip()
        ]
        for page in reader.pages
    ]


def _long_charter(tmp_path: Path) -> Path:
    """The example with many goals and budget lines: several pages, long and short tables."""
    text = EXAMPLE.read_text(encoding="utf-8")
    goal = text[text.index("[[goals]]") : text.index("[responsibility]")]
    extra = "".join(goal.replace('id = "z', f'id = "x{n}') for n in range(4))
    text = text.replace("[responsibility]", extra + "[responsibility]", 1)
    path = tmp_path / "charta.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (Debian package chromium)")
@pytest.mark.parametrize("which", ["example", "long"])
def test_printed_steckbrief_is_a4_and_keeps_headings_with_their_text(gdb, tmp_path, which):
    from gdb_cli import context
    from gdb_cli.charter.load import load_charter
    from gdb_cli.views.steckbrief import SubHeading, Table, build_steckbrief

    charter = EXAMPLE if which == "example" else _long_charter(tmp_path)
    html = tmp_path / "steckbrief.html"
    result = gdb("export", charter, "-o", html, "--as-of", "2026-11-30")
    assert result.code == 0, result.err
    pages = _pdf(html, tmp_path / "steckbrief.pdf")
    assert 2 <= len(pages) <= (8 if which == "example" else 14), len(pages)
    # the document's headings: none may be the last line of a page
    handbook = context.handbook()
    loaded = load_charter(charter, handbook.closed_ids())
    assert loaded.charter is not None
    document = build_steckbrief(loaded.charter, handbook, "de")
    headings = {s.title for s in document.sections} | {
        b.text for s in document.sections for b in s.blocks if isinstance(b, SubHeading)
    }
    for number, lines in enumerate(pages[:-1], start=1):
        assert lines[-1] not in headings, (number, lines[-3:])
    # a short table is on one page: its head row and its last row on the same page
    for section in document.sections:
        for block in section.blocks:
            if not isinstance(block, Table) or len(block.rows) > SHORT_TABLE:
                continue
            first, last = block.columns[0], block.rows[-1][0]
            if not last:
                continue
            on = [
                i
                for i, lines in enumerate(pages)
                if any(line.startswith(first) for line in lines)
                and any(last.split()[0] in line for line in lines)
            ]
            assert on, (section.title, first, last)


def test_empty_columns_and_headings_without_content_are_left_out(gdb, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^vision = .*\n", "", text)
    text = re.sub(r"(?m)^  data_source = .*\n", "", text)
    path = tmp_path / "charta.toml"
    path.write_text(text, encoding="utf-8")
    out = gdb("export", path, "--as-of", "2026-11-30").out
    assert "## Problem\n" in out and "Problem und Vision" not in out
    [head] = [line for line in out.splitlines() if line.startswith("| Indikator")][:1]
    assert "Datenquelle" not in head and "Zielwert" in head
    full = gdb("export", EXAMPLE, "--as-of", "2026-11-30").out
    assert "## Problem und Vision" in full and "Datenquelle" in full


def test_omit_leaves_out_sections_and_contacts(gdb):
    full = gdb("export", EXAMPLE, "--as-of", "2026-11-30")
    omitted = gdb("export", EXAMPLE, "--as-of", "2026-11-30", "--omit", "check, Risks,contacts")
    assert omitted.code == 0
    for heading in ("## Prüfergebnis", "## Risiken"):
        assert heading in full.out and heading not in omitted.out
    assert "alex.beispiel@example.berlin" in full.out
    assert "alex.beispiel@example.berlin" not in omitted.out
    synonym = gdb("export", EXAMPLE, "--as-of", "2026-11-30", "--no-contacts")
    assert "alex.beispiel@example.berlin" not in synonym.out and "## Risiken" in synonym.out
    assert "Enthält Namen" in full.err and "Enthält Namen" not in omitted.err
    typo = gdb("export", EXAMPLE, "--omit", "chek")
    assert typo.code == 2 and "Meinten Sie „check“?" in typo.err
