"""`gdb report`: the portfolio view over many charters (overview, thesis 6, attention, money,
rules, changes) in JSON and Markdown, through the CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT

EXAMPLES = ROOT / "examples"
BASE = EXAMPLE.read_text(encoding="utf-8")
AS_OF = "2026-10-01"


def charter(folder: Path, name: str, *replacements: tuple[str, str]) -> Path:
    """The example charter with its own id and the given text replacements."""
    text = BASE.replace('id = "regenwasser-dashboard"', f'id = "{name}"')
    text = text.replace("Regenwasser-Dashboard für Bezirke", f"Maßnahme {name}")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def report_json(gdb, *args: object) -> dict:
    result = gdb("report", *args, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def attention_of(data: dict, kind: str) -> list[dict]:
    return [a for a in data["attention"] if a["kind"] == kind]


# --- the examples --------------------------------------------------------------------------------


def test_report_of_the_examples_counts_what_the_charters_say(gdb):
    data = report_json(gdb, EXAMPLES, "--as-of", AS_OF)
    charters = [tomllib.loads(p.read_text("utf-8")) for p in sorted(EXAMPLES.glob("*.toml"))]
    assert data["format_version"] == 1 and data["as_of"] == AS_OF
    assert data["summary"]["measures"] == len(charters) and data["summary"]["unreadable"] == 0
    phases = {c["key"]: c["count"] for c in data["overview"]["phase"]}
    for value in {c["measure"]["phase"] for c in charters}:
        assert phases[str(value)] == sum(1 for c in charters if c["measure"]["phase"] == value)
    leads = {c["key"]: c["count"] for c in data["overview"]["lead_organisation"]}
    assert set(leads) == {c["measure"]["lead_organisation"] for c in charters}
    # measure.status as the charters state it; those without one: "not stated", never invented
    states: dict[str | None, int] = {}
    for c in charters:
        states[c["measure"].get("status")] = states.get(c["measure"].get("status"), 0) + 1
    assert {s["key"]: s["count"] for s in data["overview"]["state"]} == states
    assert {"key": None, "label": "nicht angegeben", "count": states[None]} in data["overview"][
        "state"
    ]
    assert [m["file"] for m in data["measures"]] == [
        str(p) for p in sorted(EXAMPLES.glob("*.toml"))
    ]


def test_markdown_report_has_every_section_in_german_and_english(gdb):
    german = gdb("report", EXAMPLES, "--as-of", AS_OF, "--since", "2026-01-01")
    assert german.code == 0, german.err
    for heading in (
        "# Portfolio-Bericht",
        "## Überblick",
        "## These 6",
        "## Braucht Aufmerksamkeit",
        "## Geld",
        "## Häufigste Befunde",
        "## Änderungen seit 01.01.2026",
    ):
        assert heading in german.out
    english = gdb("--lang", "en", "report", EXAMPLES, "--as-of", AS_OF, "--since", "2026-01-01")
    assert english.code == 0, english.err
    for heading in ("## Overview", "## Thesis 6", "## Needs attention", "## Money"):
        assert heading in english.out
    for german_word in ("Überblick", "Maßnahmen", "Geld", "nicht angegeben", "Stand"):
        assert german_word not in english.out


def test_format_follows_the_output_suffix(gdb, tmp_path):
    out = tmp_path / "bericht.json"
    result = gdb("report", EXAMPLES, "--as-of", AS_OF, "-o", out)
    assert result.code == 0, result.err
    assert json.loads(out.read_text("utf-8"))["format_version"] == 1
    assert result.out == ""
    md = tmp_path / "bericht.md"
    assert gdb("report", EXAMPLES, "-o", md).code == 0
    assert md.read_text("utf-8").startswith("# Portfolio-Bericht")


def test_quiet_report_writes_no_messages(gdb, tmp_path):
    out = tmp_path / "bericht.md"
    result = gdb("-q", "report", EXAMPLES, "-o", out)
    assert result.code == 0 and result.err == "" and out.is_file()


def test_bad_dates_are_usage_errors(gdb):
    assert gdb("report", EXAMPLES, "--as-of", "31.11.2026").code == 2
    result = gdb("report", EXAMPLES, "--since", "gestern")
    assert result.code == 2 and "--since" in result.err


# --- needs attention -----------------------------------------------------------------------------


def test_mandate_expiring_within_the_configured_days(gdb, tmp_path):
    charter(tmp_path, "bald", ("valid_until = 2027-12-31", "valid_until = 2026-10-31"))
    charter(tmp_path, "lange")  # valid until 2027-12-31
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    expiring = attention_of(data, "mandate_expiring")
    assert [(a["measure"], a["date"]) for a in expiring] == [("Maßnahme bald", "2026-10-31")]
    assert "30 Tage" in expiring[0]["detail"]
    narrow = report_json(gdb, tmp_path, "--as-of", AS_OF, "--mandate-days", "29")
    assert attention_of(narrow, "mandate_expiring") == []
    wide = report_json(gdb, tmp_path, "--as-of", AS_OF, "--mandate-days", "500")
    assert len(attention_of(wide, "mandate_expiring")) == 2


def test_expired_mandate(gdb, tmp_path):
    charter(tmp_path, "alt", ("valid_until = 2027-12-31", "valid_until = 2026-09-30"))
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    assert [a["date"] for a in attention_of(data, "mandate_expired")] == ["2026-09-30"]
    assert attention_of(data, "mandate_expiring") == []


def test_overdue_milestones_respect_done_and_as_of(gdb, tmp_path):
    charter(
        tmp_path,
        "erledigt",
        (
            'name = "Mandat der Entscheidungsrunde"\n  date = 2026-06-15',
            'name = "Mandat der Entscheidungsrunde"\n  date = 2026-06-15\n  done = true',
        ),
    )
    charter(tmp_path, "offen")
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    overdue = attention_of(data, "milestone_overdue")
    assert [(a["measure"], a["date"]) for a in overdue] == [("Maßnahme offen", "2026-06-15")]
    assert "Mandat der Entscheidungsrunde" in overdue[0]["detail"]
    later = report_json(gdb, tmp_path, "--as-of", "2027-01-01")
    assert sorted(a["date"] for a in attention_of(later, "milestone_overdue")) == [
        "2026-06-15",
        "2026-12-15",
        "2026-12-15",
    ]
    earlier = report_json(gdb, tmp_path, "--as-of", "2026-06-01")
    assert attention_of(earlier, "milestone_overdue") == []


def test_measure_past_its_end(gdb, tmp_path):
    charter(tmp_path, "vorbei", ("end = 2027-12-31", "end = 2026-09-01"))
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    assert [a["date"] for a in attention_of(data, "past_end")] == ["2026-09-01"]
    assert attention_of(report_json(gdb, tmp_path, "--as-of", "2026-08-01"), "past_end") == []


def test_funding_that_ends_before_the_measure(gdb, tmp_path):
    # budget lines for 2026 and 2027; the measure runs until 2028
    charter(tmp_path, "laenger", ("end = 2027-12-31", "end = 2028-06-30"))
    charter(tmp_path, "passend")
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    early = attention_of(data, "funding_ends_early")
    assert [a["measure"] for a in early] == ["Maßnahme laenger"]
    assert "2027" in early[0]["detail"]


def test_phase_unchanged_for_long(gdb, tmp_path):
    charter(tmp_path, "steht", ("entered_phase_on = 2026-09-01", "entered_phase_on = 2025-06-01"))
    charter(tmp_path, "frisch")
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    assert [a["measure"] for a in attention_of(data, "phase_unchanged")] == ["Maßnahme steht"]
    tight = report_json(gdb, tmp_path, "--as-of", AS_OF, "--stale-days", "30")
    assert len(attention_of(tight, "phase_unchanged")) == 2


def test_unreadable_charters_are_listed_not_fatal(gdb, tmp_path):
    charter(tmp_path, "gut")
    (tmp_path / "kaputt.toml").write_text("schema_version = 1\n[measure\nid = 1\n", "utf-8")
    (tmp_path / "binaer.toml").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    assert data["summary"]["measures"] == 1 and data["summary"]["unreadable"] == 2
    unreadable = {Path(u["file"]).name: u["problem"] for u in data["unreadable"]}
    assert set(unreadable) == {"kaputt.toml", "binaer.toml"}
    assert "kaputt.toml:2:" in unreadable["kaputt.toml"]
    assert {Path(a["file"]).name for a in attention_of(data, "unreadable")} == set(unreadable)
    text = gdb("report", tmp_path, "--as-of", AS_OF)
    assert text.code == 0 and "kaputt.toml" in text.out and "Charta nicht lesbar" in text.out


def test_non_charter_toml_in_a_folder_is_skipped_with_a_note(gdb, tmp_path):
    charter(tmp_path, "gut")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    result = gdb("report", tmp_path, "--format", "json")
    assert result.code == 0 and "pyproject.toml" in result.err
    data = json.loads(result.out)
    assert data["summary"]["measures"] == 1 and data["skipped"] == [
        str(tmp_path / "pyproject.toml")
    ]


# --- readiness, money, rules ---------------------------------------------------------------------


def test_readiness_matrix_states_and_worst_finding(gdb, tmp_path):
    charter(tmp_path, "fertig")
    # phase 3 without a mandate status: a finding that is due now
    charter(tmp_path, "ohne-mandat", ('status = "granted"', 'status = "pending"'))
    data = report_json(gdb, tmp_path, "--as-of", AS_OF, "--jobs", "1")
    areas = [a["id"] for a in data["readiness"]["areas"]]
    assert {"resources", "responsibility", "mandate", "competencies"} <= set(areas)
    by_id = {m["id"]: m["readiness"] for m in data["measures"]}
    assert all(cell["state"] == "complete" for cell in by_id["fertig"].values())
    mandate = by_id["ohne-mandat"]["mandate"]
    assert mandate["state"] == "missing"
    assert mandate["worst"]["code"].startswith("MAN") and mandate["worst"]["severity"] == "error"
    # the mandate is part of responsibility (thesis 6, version 2.0): responsibility is missing too
    assert by_id["ohne-mandat"]["responsibility"]["state"] == "missing"
    assert by_id["ohne-mandat"]["responsibility"]["worst"]["code"].startswith("MAN")
    assert data["readiness"]["totals"]["mandate"] == {
        "complete": 1,
        "missing": 1,
        "not_yet_due": 0,
    }
    # the minimal phase-1 example: its gaps are open items for the next phase, not yet due
    early = report_json(gdb, EXAMPLES / "minimal-phase1.toml", "--as-of", AS_OF)
    states = {cell["state"] for cell in early["measures"][0]["readiness"].values()}
    assert "not_yet_due" in states and "missing" not in states


def test_money_counts_unknown_amounts_and_never_shows_zero(gdb, tmp_path):
    charter(tmp_path, "ohne-betrag", ("amount_eur = 90000\n", ""))
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    money = data["money"]
    years = {y["year"]: y for y in money["years"]}
    assert years[2026]["secured"] == 220000 and years[2026]["lines_without_amount"] == 0
    # the only 2027 line lost its amount: unknown, not 0 €
    assert years[2027]["requested"] is None and years[2027]["known"] is None
    assert years[2027]["lines_without_amount"] == 1
    assert money["total"]["planned"] is None and money["total"]["known"] == 220000
    markdown = gdb("report", tmp_path, "--as-of", AS_OF).out
    money_part = markdown.split("## Geld", 1)[1].split("\n## ", 1)[0]
    table = [line for line in money_part.splitlines() if line.startswith("|")]
    assert not any(" 0 €" in line for line in table)
    assert "| 2027 | – | – | – | – | – | 1 |" in money_part


def test_most_frequent_findings_across_the_portfolio(gdb, tmp_path):
    for name in ("a", "b", "c"):
        charter(tmp_path, name, ('dpia = "done"', 'dpia = "planned"'))
    charter(tmp_path, "d")
    check = gdb("check", tmp_path, "--format", "json", "--statistics", "--as-of", AS_OF)
    statistics = json.loads(check.out)["statistics"]
    expected = {row["code"]: (row["count"], row["open"]) for row in statistics}
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    found = {row["code"]: (row["findings"], row["open"]) for row in data["rules"]}
    assert found == expected
    assert next(r for r in data["rules"] if r["code"] == "DSG003")["measures"] == 3
    top = data["rules"][0]
    assert top["measures"] == max(r["measures"] for r in data["rules"])
    assert top["title"] and top["title"] != top["code"]


# --- changes -------------------------------------------------------------------------------------


def test_since_lists_phase_changes_decisions_and_changelog_entries(gdb, tmp_path):
    charter(tmp_path, "m")
    data = report_json(gdb, tmp_path, "--as-of", AS_OF, "--since", "2026-07-01")
    kinds = [(c["kind"], c["date"]) for c in data["changes"]]
    # entered phase 3 on 2026-09-01, changelog 1.1.0 that day; the mandate (06-15) is older
    assert kinds == [("phase", "2026-09-01"), ("changelog", "2026-09-01")]
    assert "1.1.0" in data["changes"][1]["detail"]
    wider = report_json(gdb, tmp_path, "--as-of", AS_OF, "--since", "01.01.2026")
    assert [c["kind"] for c in wider["changes"]].count("decision") == 1
    assert len(wider["changes"]) == 4
    # nothing after the as-of date counts as a change yet
    before = report_json(gdb, tmp_path, "--as-of", "2026-08-01", "--since", "2026-07-01")
    assert before["changes"] == []
    assert report_json(gdb, tmp_path)["changes"] is None


@pytest.mark.parametrize("lang", ["de", "en"])
def test_report_text_from_charters_is_shown_literally(gdb, tmp_path, lang):
    charter(
        tmp_path,
        "boese",
        ("Maßnahme boese", "A | b *fett* <script>x</script>"),
    )
    result = gdb("--lang", lang, "report", tmp_path, "--as-of", AS_OF)
    assert result.code == 0
    assert "<script>" not in result.out and "&lt;script&gt;" in result.out
    assert "A \\| b \\*fett\\*" in result.out


# --- HTML ----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Tags, ids and the chart wiring of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: dict[str, str] = {}  # id -> tag
        self.svgs: list[dict[str, str | None]] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids[str(values["id"])] = tag
        if tag == "svg":
            self.svgs.append(values)
        for name in ("src", "href"):
            value = values.get(name)
            if value and not value.startswith("#") and tag != "svg":
                self.urls.append(value)


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def assert_accessible_report(html: str) -> _Page:
    page = _page(html)
    assert "script" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert len(page.svgs) == 3  # phases, readiness, money
    for svg in page.svgs:
        assert svg.get("role") == "img"
        labelled = str(svg.get("aria-labelledby")).split()
        assert [page.ids.get(i) for i in labelled] == ["title", "desc"]
        # the chart's alternative: a table with the same numbers
        assert page.ids.get(str(svg.get("aria-describedby"))) == "table"
    return page


def test_html_report_is_self_contained_and_every_chart_has_a_table(gdb, tmp_path):
    charter(tmp_path, "a")
    charter(tmp_path, "b", ('status = "granted"', 'status = "pending"'))
    charter(tmp_path, "boese", ("Maßnahme boese", "<script>alert(1)</script> &amp;"))
    out = tmp_path / "bericht.html"
    result = gdb("report", tmp_path, "--as-of", AS_OF, "--since", "2026-01-01", "-o", out)
    assert result.code == 0, result.err
    html = out.read_text("utf-8")
    page = assert_accessible_report(html)
    assert page.urls == []  # no external request, no link leaving the page
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<html lang="de">' in html and "@page { size: A4" in html
    english = gdb("--lang", "en", "report", tmp_path, "--format", "html")
    assert '<html lang="en">' in english.out and "Needs attention" in english.out


def test_html_money_chart_alternative_says_unknown_not_zero(gdb, tmp_path):
    charter(tmp_path, "ohne-betrag", ("amount_eur = 90000\n", ""))
    html = gdb("report", tmp_path, "--format", "html", "--as-of", AS_OF).out
    table = html.split('id="t-money"', 1)[1].split("</table>", 1)[0]
    row_2027 = table.split('<th scope="row">2027</th>', 1)[1].split("</tr>", 1)[0]
    assert "0 €" not in row_2027 and "–" in row_2027


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(_chromium()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(
    _chromium() is None,
    reason="Debian's `chromium` is not installed (.ci/run installs it: apt-get install chromium)",
)
def test_html_report_in_headless_chromium(gdb, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate_portfolio

    folder = tmp_path / "portfolio"
    generate_portfolio(folder, 40, seed=3)
    page = tmp_path / "bericht.html"
    result = gdb("report", folder, "--as-of", AS_OF, "--since", "2026-07-01", "-o", page)
    assert result.code == 0, result.err
    dumped = _browser("--dump-dom", page.as_uri(), profile=tmp_path / "profile")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    assert_accessible_report(dumped.stdout)  # as the browser built it
    shot = tmp_path / "report.png"
    taken = _browser(
        f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri(), profile=tmp_path / "p2"
    )
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


# --- format 2 ------------------------------------------------------------------------------------


def test_format2_status_partial_dates_and_decisions(gdb, tmp_path):
    charter(
        tmp_path,
        "fertig",
        ("end = 2027-12-31", 'end = 2026-08-31\nstatus = "completed"'),
    )
    charter(
        tmp_path,
        "monat",
        ("valid_until = 2027-12-31", 'valid_until = "2026-11"'),
        (
            "[[competencies]]",
            '[[mandate.decisions]]\nkind = "funding"\ngranted_by = "senat"\ndate = "2026-08"\n\n'
            "[[competencies]]",
        ),
    )
    data = report_json(gdb, tmp_path, "--as-of", AS_OF, "--since", "2026-07-01")
    assert data["summary"]["unreadable"] == 0, data["unreadable"]
    states = {c["key"]: c["count"] for c in data["overview"]["state"]}
    assert states == {"completed": 1, None: 1}
    # a completed measure past its end needs no attention for that
    assert attention_of(data, "past_end") == []
    # a partial date is a month: expiring by its last day, shown as the month, never a day
    expiring = attention_of(data, "mandate_expiring")
    assert [(a["measure"], a["date"]) for a in expiring] == [("Maßnahme monat", "2026-11")]
    assert "November 2026" in expiring[0]["detail"] and "60 Tage" in expiring[0]["detail"]
    decisions = [c for c in data["changes"] if c["kind"] == "decision" and c["date"] == "2026-08"]
    assert len(decisions) == 1 and "Senat" in decisions[0]["detail"]
    markdown = gdb("report", tmp_path, "--as-of", AS_OF, "--since", "2026-07-01").out
    assert "August 2026" in markdown and "01.08.2026" not in markdown


def test_a_charter_without_phase_counts_under_its_derived_phase(gdb, tmp_path):
    charter(tmp_path, "ohne-phase", ("\nphase = 3 ", "\n# no phase "))
    charter(tmp_path, "mit-phase")
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    by_id = {m["id"]: m for m in data["measures"]}
    derived = by_id["ohne-phase"]
    assert derived["phase"] is None and derived["derived_phase"] is not None
    assert "(abgeleitet)" in derived["phase_label"]
    assert by_id["mit-phase"]["phase"] == 3 and by_id["mit-phase"]["derived_phase"] is None
    labels = [c["label"] for c in data["overview"]["phase"]]
    assert any("(abgeleitet)" in label for label in labels)


def test_matrix_cells_say_the_place_in_words(gdb, tmp_path):
    """People read the matrix: no key paths in Markdown, HTML or the spreadsheet; JSON keeps the
    message as the rule says it and adds the path and the place in words."""
    folder = tmp_path / "chartas"
    folder.mkdir()
    shutil.copy(EXAMPLES / "minimal-phase1.toml", folder / "minimal.toml")
    data = report_json(gdb, folder, "--as-of", AS_OF)
    cells = data["measures"][0]["readiness"]
    worst = [cell["worst"] for cell in cells.values() if cell["worst"]]
    assert worst and all(set(w) >= {"message", "path", "location_label"} for w in worst)
    by_path = {w["path"]: w for w in worst}
    assert by_path["competencies"]["location_label"] == "Kompetenzen"
    assert "[[competencies]]" in by_path["competencies"]["message"]  # as the rule says it
    markdown = gdb("report", folder, "--as-of", AS_OF, "--format", "markdown").out
    matrix = markdown[markdown.index("| " + "Maßnahme") :]
    assert "Einträgen unter Kompetenzen)" in markdown
    assert not re.search(r"\[\[|mandate\.|resources\.|responsibility\.", matrix)
    html = tmp_path / "r.html"
    assert gdb("report", folder, "--as-of", AS_OF, "-o", html).code == 0
    page = html.read_text("utf-8")
    assert "Einträgen unter Kompetenzen)" in page and "[[competencies]]" not in page
    sheet = tmp_path / "r.xlsx"
    assert gdb("report", folder, "--as-of", AS_OF, "-o", sheet).code == 0
    with zipfile.ZipFile(sheet) as book:
        strings = "".join(book.read(n).decode("utf-8") for n in book.namelist() if "xl/" in n)
    assert "Einträgen unter Kompetenzen)" in strings and "[[competencies]]" not in strings
    english = gdb("--lang", "en", "report", folder, "--as-of", AS_OF, "--format", "markdown").out
    assert "Competencies)" in english and "[[competencies]]" not in english


def test_funding_by_period_is_read_as_check_reads_it(gdb, tmp_path):
    """Format 2's budget periods count as RES020 counts them: a period that stops before the
    measure's end needs attention (named as written), one that reaches it does not – whatever
    the other lines' years say."""
    charter(
        tmp_path,
        "kurz",
        ("end = 2027-12-31", 'end = "2028-06"'),
        ("year = 2027", 'end = "2028-03"'),
    )
    charter(
        tmp_path,
        "reicht",
        ("end = 2027-12-31", 'end = "2028-06"'),
        ("year = 2027", 'end = "2028-06"'),
    )
    data = report_json(gdb, tmp_path, "--as-of", AS_OF)
    [early] = attention_of(data, "funding_ends_early")
    assert early["measure"] == "Maßnahme kurz"
    assert "Budget bis März 2028" in early["detail"]
    check = gdb("check", "--as-of", AS_OF, "--format", "json", tmp_path)
    flagged = {
        Path(f["file"]).stem for f in json.loads(check.out)["findings"] if f["code"] == "RES020"
    }
    assert flagged == {"kurz"}
