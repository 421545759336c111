"""`gdb export`: the measure profile as CommonMark and as one safe, accessible HTML file."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import tomli_w
from markdown_it import MarkdownIt

from conftest import EXAMPLE
from gdb_cli.charter.load import load_charter
from gdb_cli.engine import Counts
from gdb_cli.numbers import format_amount as format_eur
from gdb_cli.numbers import format_number
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.render.steckbrief_html import (
    CONTRAST_PAIRS,
    PALETTE,
    contrast_ratio,
    render_html,
    stylesheet,
)
from gdb_cli.render.steckbrief_markdown import escape, render_markdown
from gdb_cli.views.steckbrief import (
    CheckSummary,
    SummaryItem,
    build_steckbrief,
)

SCRIPT_TITLE = "<script>alert(1)</script>"
NASTY = {
    "title": SCRIPT_TITLE,
    "summary": "<script>document.body.setAttribute('data-pwned', '1')</script> & <b>fett</b>",
    "stakeholder": "A | B </td><img src=x onerror=alert(3)> *stern* [link](http://x)",
    "question": "# keine Überschrift",
    "need": "1. keine Liste",
}


def _nasty_charter(tmp_path: Path) -> Path:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["measure"]["title"] = NASTY["title"]
    data["measure"]["summary"] = NASTY["summary"]
    data["stakeholders"][0]["name"] = NASTY["stakeholder"]
    data["problem"]["key_questions"][0] = NASTY["question"]
    data["problem"]["needs"][0] = NASTY["need"]
    path = tmp_path / "charta.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _texts(tokens, kind: str) -> list[str]:
    """Plain text of every inline token following an opening token of `kind`."""
    found = []
    for index, token in enumerate(tokens):
        if token.type == kind and index + 1 < len(tokens):
            inline = tokens[index + 1]
            found.append("".join(c.content for c in inline.children or [] if c.type == "text"))
    return found


# --- Markdown ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
def test_markdown_is_commonmark_with_tables(gdb, lang):
    result = gdb("--lang", lang, "export", EXAMPLE, "--format", "md", "--as-of", "2026-11-30")
    assert result.code == 0, result.err
    tokens = _md().parse(result.out)
    h1 = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
    h2 = _texts(tokens, "heading_open")
    assert len(h1) == 1
    assert h2[0] == "Regenwasser-Dashboard für Bezirke"
    expected = (
        [
            "Ziele und Indikatoren",
            "Verantwortung",
            "Ressourcen",
            "Politisches Mandat (Teil der Verantwortung)",
            "Prüfergebnis",
        ]
        if lang == "de"
        else [
            "Goals and indicators",
            "Responsibility",
            "Resources",
            "Political mandate (part of responsibility)",
            "Check result",
        ]
    )
    positions = [h2.index(title) for title in expected]
    assert positions == sorted(positions), "sections in reading order"
    tables = [t for t in tokens if t.type == "table_open"]
    assert len(tables) >= 6  # 2 × indicators, team, budget, staff, milestones, …
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    html = _md().render(result.out)
    assert "310.000 €" in html if lang == "de" else "€310,000" in html
    assert "überfällig" in html if lang == "de" else "overdue" in html  # 15.06.2026 milestone


def test_markdown_escapes_user_text(gdb, tmp_path):
    result = gdb("export", _nasty_charter(tmp_path), "--format", "md")
    assert result.code == 0, result.err
    tokens = _md().parse(result.out)
    assert _texts(tokens, "heading_open")[0] == SCRIPT_TITLE
    assert not [t for t in tokens if t.type in ("html_block", "html_inline", "link_open")]
    assert not [t for t in tokens if t.type in ("em_open", "ordered_list_open")]
    headings = [t for t in tokens if t.type == "heading_open"]
    assert all(t.tag in ("h1", "h2", "h3") for t in headings)
    assert "# keine Überschrift" in _texts(tokens, "paragraph_open")
    # the stakeholder table keeps its columns although the name contains a pipe (four: the
    # empty "Bedarfe" column is left out)
    rendered = _md().render(result.out)
    table = next(t for t in rendered.split("<table>") if "A | B" in t)
    row = next(r for r in table.split("<tr>") if "A | B" in r)
    assert row.count("<td") == table.split("</thead>")[0].count("<th>") == 4
    assert "&lt;/td&gt;&lt;img" in row


@pytest.mark.parametrize(
    "text",
    ["# x", "- x", "+ x", "> x", "1. x", "2026) x", "a | b", "*x*", "`x`", "<b>", "x\ny", "[a](b)"],
)
def test_markdown_escape_shows_text_literally(text):
    md = _md()
    rendered = md.render("- " + escape(text, line_start=True) + "\n")
    tokens = md.parse("- " + escape(text, line_start=True) + "\n")
    inline = next(t for t in tokens if t.type == "inline")
    children = inline.children or []
    plain = "".join(c.content for c in children if c.type in ("text", "softbreak"))
    assert plain == " ".join(text.split()), rendered


# --- HTML --------------------------------------------------------------------------------------


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_h1 = tag == "h1"

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


@pytest.mark.parametrize("lang", ["de", "en"])
def test_html_is_self_contained_and_semantic(gdb, lang, tmp_path):
    target = tmp_path / "steckbrief.html"
    result = gdb("--lang", lang, "export", EXAMPLE, "-o", target)  # format from the suffix
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    outline = _Outline()
    outline.feed(text)
    tags = [tag for tag, _attrs in outline.tags]
    assert dict(outline.tags[0][1]) == {"lang": lang}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not re.search(r"\b(src|srcset)=|url\(|@import|https?://[^\s\"<]*\.(css|js)", text)
    levels = [int(tag[1]) for tag in tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "no skipped level"
    assert tags.count("table") >= 6
    assert all(attrs.get("scope") == "col" for tag, attrs in outline.tags if tag == "th")
    assert "@media print" in text
    assert "Content-Security-Policy" in text


def test_html_escapes_every_charter_value(gdb, tmp_path):
    result = gdb("export", _nasty_charter(tmp_path), "--format", "html")
    assert result.code == 0, result.err
    outline = _Outline()
    outline.feed(result.out)
    assert outline.h1 == SCRIPT_TITLE
    tags = [tag for tag, _attrs in outline.tags]
    assert "script" not in tags and "img" not in tags and "b" not in tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.out


def test_css_colours_meet_wcag_aa():
    for foreground, background in CONTRAST_PAIRS:
        ratio = contrast_ratio(PALETTE[foreground], PALETTE[background])
        assert ratio >= 4.5, (foreground, background, round(ratio, 2))
    used = set(re.findall(r"#[0-9a-fA-F]{3,8}\b", stylesheet()))
    assert used <= set(PALETTE.values()), used - set(PALETTE.values())
    assert not re.search(r"\brgba?\(|\bhsl", stylesheet())
    names = {name.replace("_", "-") for name in PALETTE}
    assert set(re.findall(r"var\(--([\w-]+)\)", stylesheet())) <= names


def test_contrast_ratio_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


# --- the check result --------------------------------------------------------------------------


def _loaded():
    handbook = load_handbook()
    return load_charter(EXAMPLE, handbook.closed_ids()), handbook


def test_check_section_shows_failing_and_open_items():
    loaded, handbook = _loaded()
    summary = CheckSummary(
        phase=3,
        counts=Counts(errors=1, warnings=2, failing=1),
        failing=[SummaryItem("RES003", "error", "Budget | nicht *gesichert*.")],
        open=[
            SummaryItem("OPS001", "warning", "Betreiber fehlt."),
            SummaryItem("OPS002", "info", "x"),
        ],
    )
    document = build_steckbrief(loaded.charter, handbook, "de", summary)
    markdown = render_markdown(document)
    assert "Nicht bestanden: 1 Punkt(e)" in markdown
    assert "Offene Punkte vor dem Wechsel in Phase 4: 2" in markdown
    assert "RES003: Budget \\| nicht \\*gesichert\\*." in markdown
    html = render_html(build_steckbrief(loaded.charter, handbook, "en", summary))
    assert "Not passed: 1 item(s)" in html and "OPS001: Betreiber fehlt." in html
    passed = build_steckbrief(loaded.charter, handbook, "en", CheckSummary(phase=3))
    assert "Passed: no errors in phase 3." in render_markdown(passed)
    assert "No open items before moving to phase 4." in render_markdown(passed)


def test_check_summary_reads_the_engine_contract():
    from types import SimpleNamespace

    from gdb_cli.findings import Finding

    report = SimpleNamespace(
        phase=2,
        findings=[Finding("MAN001", "error", "m"), Finding("VAL001", "info", "v")],
        open=[Finding("RES001", "warning", "r")],
        accepted=[Finding("OSS002", "warning", "o")],
        failing=[Finding("MAN001", "error", "m")],
    )
    summary = CheckSummary.of(report)
    counts = summary.counts
    assert (summary.phase, counts.passed, counts.errors, counts.infos) == (2, False, 1, 1)
    assert (counts.accepted, counts.open, counts.failing) == (1, 1, 1)
    assert [i.code for i in summary.open] == ["RES001"]


def test_number_formats():
    assert format_number(1234567.5, "de") == "1.234.567,5"
    assert format_number(1234567.5, "en") == "1,234,567.5"
    assert format_number(0.25, "de") == "0,25"
    assert format_eur(310000, "de") == "310.000 €"
    assert format_eur(310000, "en") == "€310,000"


def test_export_without_charter_and_without_default_file(gdb, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = gdb("export")
    assert result.code == 2
    assert "charta.toml" in result.err
    shutil.copy(EXAMPLE, tmp_path / "charta.toml")
    result = gdb("export", "--format", "md")
    assert result.code == 0 and result.out.startswith("# Regenwasser")


def test_export_bad_as_of_is_a_usage_error(gdb):
    result = gdb("export", EXAMPLE, "--as-of", "31.11.2026")
    assert result.code == 2 and "JJJJ-MM-TT" in result.err


# --- real browser ------------------------------------------------------------------------------


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None,
    reason="Debian's `chromium` is not installed (.ci/run installs it: apt-get install chromium)",
)
def test_html_in_headless_chromium_runs_no_script(gdb, tmp_path):
    page = tmp_path / "steckbrief.html"
    result = gdb("export", _nasty_charter(tmp_path), "--format", "html", "-o", page)
    assert result.code == 0, result.err
    completed = subprocess.run(
        [
            str(_chromium()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    dom = completed.stdout
    outline = _Outline()
    outline.feed(dom)
    tags = [tag for tag, _attrs in outline.tags]
    assert outline.h1 == SCRIPT_TITLE  # shown as text
    assert "script" not in tags and "img" not in tags  # no script element exists
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]  # and none ran
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


# --- contact data, goal headings, terms -------------------------------------------------------


def test_export_warns_about_contact_data_and_can_leave_it_out(gdb, tmp_path):
    with_contacts = gdb("export", EXAMPLE)
    assert "alex.beispiel@example.berlin" in with_contacts.out
    assert "Enthält Namen und E-Mail-Adressen" in with_contacts.err
    assert "--no-contacts" in with_contacts.err
    out = tmp_path / "steckbrief.html"
    without = gdb("export", EXAMPLE, "--no-contacts", "-o", out)
    assert without.code == 0 and "Enthält Namen" not in without.err
    html = out.read_text(encoding="utf-8")
    for personal in ("Alex Beispiel", "Kim Muster", "@example.berlin"):
        assert personal not in html
    assert "SenMVKU II C" in html  # organisations stay
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    for member in data["responsibility"]["team"]:
        if member.get("name"):
            assert member["name"] not in html
        if member.get("role"):
            assert member["role"] in html  # roles stay


def test_export_of_a_charter_without_people_prints_no_contact_note(gdb, tmp_path):
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["responsibility"] = {"steering": "Steuerungsrunde"}
    path = tmp_path / "charta.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    assert "Enthält Namen" not in gdb("export", path).err


def test_goal_headings_use_the_position_and_competency_column_says_what_it_means():
    loaded, handbook = _loaded()
    charter = loaded.charter
    assert charter is not None
    markdown = render_markdown(build_steckbrief(charter, handbook, "de"))
    assert "### Ziel 1\n" in markdown and "Ziel z1" not in markdown
    assert "Wie die Lücke geschlossen wird" in markdown
    assert "**Leitung der Maßnahme:**" in markdown and "**Projektleitung:**" not in markdown
    english = render_markdown(build_steckbrief(charter, handbook, "en"))
    assert "### Goal 1\n" in english and "How the gap is closed" in english
    renamed = charter.model_copy(
        update={"goals": [charter.goals[0].model_copy(update={"id": "wasser"})]}
    )
    assert "### Ziel 1 (wasser)" in render_markdown(build_steckbrief(renamed, handbook, "de"))
