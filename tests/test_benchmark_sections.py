"""`--write` of a benchmark script replaces only its own section of docs/benchmarks.md."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from sections import write_section  # noqa: E402

START, END = "<!-- a: start -->", "<!-- a: end -->"


def test_only_the_marked_section_is_replaced(tmp_path):
    path = tmp_path / "benchmarks.md"
    path.write_text(f"{START}\nold figures\n{END}\n\n## Prose\nkept\n", encoding="utf-8")
    write_section(path, f"{START}\nnew figures\n{END}\n", START, END, first=True)
    assert path.read_text(encoding="utf-8") == f"{START}\nnew figures\n{END}\n\n## Prose\nkept\n"


def test_a_file_without_markers_keeps_everything(tmp_path):
    path = tmp_path / "benchmarks.md"
    path.write_text("## Prose\nkept\n", encoding="utf-8")
    write_section(path, f"{START}\nfigures\n{END}\n", START, END, first=True)
    assert path.read_text(encoding="utf-8") == f"{START}\nfigures\n{END}\n\n## Prose\nkept\n"
    write_section(
        path, "<!-- b: start -->\nmore\n<!-- b: end -->", "<!-- b: start -->", "<!-- b: end -->"
    )
    text = path.read_text(encoding="utf-8")
    assert text.endswith("kept\n\n<!-- b: start -->\nmore\n<!-- b: end -->\n")
    assert text.startswith(START)


def test_the_project_document_has_both_sections():
    text = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    for name in ("speed", "portfolio"):
        assert text.count(f"<!-- {name} benchmark: start -->") == 1
        assert text.count(f"<!-- {name} benchmark: end -->") == 1
