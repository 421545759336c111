"""Format 2 in the Steckbrief and in `gdb status`: decisions, interim results, measurements (the
latest against baseline and target) and the overview in the official measure pages' order.

Through the CLI (`gdb export`, `gdb status`) and through the functions; German and English."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from markdown_it import MarkdownIt

from gdb_cli.charter.dates import PartialDate
from gdb_cli.charter.load import load_charter
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.render.steckbrief_html import render_html
from gdb_cli.render.steckbrief_markdown import render_markdown
from gdb_cli.views.indicators import Reading, latest, reading_text, readings
from gdb_cli.views.steckbrief import Bullets, Document, Facts, Table, build_steckbrief

DAY = dt.date(2026, 12, 20)

CHARTER = """\
schema_version = 2

[measure]
id = "kiezbox"
title = "Kiezbox"
phase = 3
lead_organisation = "Technologiestiftung Berlin"
district = "mitte"
fields_of_action = ["inklusive-stadtgestaltung"]
action_fields = ["intelligente-datennutzung"]
start = "2023-02"
end = "2025"
status = "active"
website = "https://example.berlin/kiezbox"

[[goals]]
statement = "Kieze haben im Krisenfall eine Notfallkommunikation."

  [[goals.indicators]]
  name = "Aufgestellte Boxen"
  unit = "Boxen"
  baseline = 0
  target = [12, 20]

    [[goals.indicators.measurements]]
    date = "2024"
    value = 14
    source = "Projektbericht | 2024"

    [[goals.indicators.measurements]]
    date = "2023"
    value = 5
    source = "Projektbericht 2023"

  [[goals.indicators]]
  name = "Geschulte Personen"
  baseline = 0
  target = 40

[[goals]]
statement = "Die Daten der Boxen sind offen."

  [[goals.indicators]]
  name = "Offene Datensätze"
  unit = "Datensätze"
  target = 3

    [[goals.indicators.measurements]]
    date = "2024-06"
    value = 2

[responsibility]
lead = { name = "Dr. Lea Leitung", organisation = "Technologiestiftung Berlin" }

[responsibility.contact]
name = "Kim Kontakt"
role = "Bereichsleitung"
organisation = "CityLAB Berlin"
email = "kim@example.berlin"

[[partners]]
organisation = "Bezirksamt Mitte"
role = "operator"

[mandate]
status = "granted"

  [[mandate.decisions]]
  kind = "funding"
  granted_by = "senat"
  date = "2023-02"
  reference = "Bescheid A | 7"

  [[mandate.decisions]]
  kind = "resolution"
  granted_by = "bvv"
  body = "BVV Mitte <b>laut</b>"
  date = "2022"
  scope = ["Aufstellung", "Betrieb"]

  [[mandate.decisions]]
  kind = "change-mandate"
  granted_by = "senatskanzlei"
  date = 2023-05-10
  valid_until = "2025-12"

[[results]]
phase = 3
date = "2024-09"
summary = "Zwölf Boxen im Probebetrieb."
link = "https://example.berlin/kiezbox/bericht"

[[results]]
phase = 2
date = "2023"
summary = "Standorte mit den Bezirken ausgewählt."
"""

NO_MEASUREMENTS = """\
schema_version = 2

[measure]
id = "leer"
title = "Ohne Messwerte"
phase = 2

[[goals]]
statement = "Ein Ziel."

  [[goals.indicators]]
  name = "Zufriedenheit"
  unit = "Prozent"
  baseline = 40
  target = 60
"""


@pytest.fixture(scope="module")
def handbook():
    return load_handbook()


def _charter(tmp_path: Path, text: str = CHARTER) -> Path:
    path = tmp_path / "charta.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _document(tmp_path: Path, handbook, lang: str, text: str = CHARTER, **kw) -> Document:
    path = _charter(tmp_path, text)
    loaded = load_charter(path, handbook.closed_ids())
    assert loaded.charter is not None, loaded.problems
    return build_steckbrief(loaded.charter, handbook, lang, None, DAY, **kw)


def _section(document: Document, key: str):
    found = [s for s in document.sections if s.key == key]
    assert found, [s.key for s in document.sections]
    return found[0]


def _tables(document: Document, key: str) -> list[Table]:
    return [b for b in _section(document, key).blocks if isinstance(b, Table)]


def _md_tables(markdown: str) -> list[list[list[str]]]:
    """Every GFM table of a Markdown text as rows of cell texts (markdown-it-py's parser)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            inline = tokens[index + 1]
            row.append("".join(c.content for c in inline.children or [] if c.type == "text"))
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


# --- decisions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "columns", "rows"),
    [
        (
            "de",
            ["Art", "Gremium", "Datum", "Fundstelle", "Umfang", "Gültig bis"],
            [
                ["Beschluss", "BVV Mitte <b>laut</b>", "2022", "", "Aufstellung; Betrieb", ""],
                ["Förderbescheid", "Senat", "Februar 2023", "Bescheid A | 7", "", ""],
                [
                    "politisches Mandat zur Veränderung",
                    "Senatskanzlei",
                    "10.05.2023",
                    "",
                    "",
                    "Dezember 2025",
                ],
            ],
        ),
        (
            "en",
            ["Kind", "Body", "Date", "Reference", "Scope", "Valid until"],
            [
                ["resolution", "BVV Mitte <b>laut</b>", "2022", "", "Aufstellung; Betrieb", ""],
                ["funding decision", "Senate", "February 2023", "Bescheid A | 7", "", ""],
                [
                    "political mandate for change",
                    "Senate Chancellery",
                    "2023-05-10",
                    "",
                    "",
                    "December 2025",
                ],
            ],
        ),
    ],
)
def test_decisions_table_by_date_with_partial_dates_as_written(
    tmp_path, handbook, lang, columns, rows
):
    document = _document(tmp_path, handbook, lang)
    decisions = _tables(document, "mandate")[-1]
    assert decisions.columns == columns
    assert decisions.rows == rows
    markdown = render_markdown(document)
    assert "01.02.2023" not in markdown and "2023-02-01" not in markdown  # no invented day
    heading = "### Beschlüsse" if lang == "de" else "### Decisions"
    assert heading in markdown


def test_decisions_survive_markdown_and_html_literally(tmp_path, handbook):
    document = _document(tmp_path, handbook, "de")
    table = _md_tables(render_markdown(document))
    decisions = next(t for t in table if t[0][0] == "Art")
    assert decisions[2][3] == "Bescheid A | 7"  # the `|` stays in its cell
    assert decisions[1][1] == "BVV Mitte <b>laut</b>"
    html = render_html(document)
    assert "BVV Mitte &lt;b&gt;laut&lt;/b&gt;" in html and "<b>laut" not in html


def test_without_decisions_there_is_no_decision_table(tmp_path, handbook):
    text = CHARTER.split("  [[mandate.decisions]]")[0]
    text += CHARTER[CHARTER.index("[[results]]") :]
    document = _document(tmp_path, handbook, "de", text)
    assert _tables(document, "mandate") == []
    assert "Beschlüsse" not in render_markdown(document)


# --- interim results -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title", "columns", "first"),
    [
        ("de", "Zwischenergebnisse", ["Phase", "Datum", "Ergebnis", "Link"], "2 Exploration"),
        ("en", "Interim results", ["Phase", "Date", "Result", "Link"], "2 Exploration"),
    ],
)
def test_interim_results_by_phase(tmp_path, handbook, lang, title, columns, first):
    document = _document(tmp_path, handbook, lang)
    section = _section(document, "results")
    assert section.title == title
    (table,) = _tables(document, "results")
    assert table.columns == columns
    assert [row[0] for row in table.rows] == [first, "3 " + handbook.phase(3).name.get(lang)]
    assert table.rows[0][1] == "2023"
    assert table.rows[1][1] == ("September 2024")
    assert table.rows[1][3] == "https://example.berlin/kiezbox/bericht"
    keys = [s.key for s in document.sections]
    assert keys.index("transfer" if "transfer" in keys else "mandate") < keys.index("results")
    assert keys.index("results") < keys.index("check")


def test_interim_results_can_be_omitted_and_are_absent_without_results(gdb, tmp_path):
    path = _charter(tmp_path)
    shown = gdb("export", path, "--as-of", "2026-12-20")
    assert shown.code == 0 and "## Zwischenergebnisse" in shown.out
    omitted = gdb("export", path, "--as-of", "2026-12-20", "--omit", "results")
    assert omitted.code == 0 and "Zwischenergebnisse" not in omitted.out
    plain = _charter(tmp_path, NO_MEASUREMENTS)
    assert "Zwischenergebnisse" not in gdb("export", plain, "--as-of", "2026-12-20").out


# --- measurements ----------------------------------------------------------------------------


def test_latest_measurement_against_baseline_and_range_target(tmp_path, handbook):
    document = _document(tmp_path, handbook, "de")
    latest_lines = [
        b for b in _section(document, "goals").blocks if isinstance(b, Bullets) and b.label
    ]
    assert [b.label for b in latest_lines] == ["Zuletzt gemessen", "Zuletzt gemessen"]
    # only indicators with measurements; the one without gets no line of its own
    assert latest_lines[0].items == [
        "Aufgestellte Boxen – 2024: 14 Boxen (Ausgangswert 0, Zielwert 12–20)"
    ]
    assert latest_lines[1].items == ["Offene Datensätze – Juni 2024: 2 Datensätze (Zielwert 3)"]
    english = _document(tmp_path, handbook, "en")
    bullets = [b for b in _section(english, "goals").blocks if isinstance(b, Bullets)]
    assert bullets[0].items == ["Aufgestellte Boxen – 2024: 14 Boxen (Baseline 0, Target 12–20)"]
    assert bullets[0].label == "Latest measurement"


def test_a_table_of_measurements_only_where_there_are_several(tmp_path, handbook):
    document = _document(tmp_path, handbook, "de")
    captioned = [t for t in _tables(document, "goals") if t.caption]
    assert len(captioned) == 1  # goal 2 has one measurement: no table
    (table,) = captioned
    assert table.caption == "Messwerte"
    assert table.columns == ["Indikator", "Datum", "Wert", "Quelle"]
    assert table.rows == [  # by date, whatever order the charter has
        ["Aufgestellte Boxen", "2023", "5 Boxen", "Projektbericht 2023"],
        ["Aufgestellte Boxen", "2024", "14 Boxen", "Projektbericht | 2024"],
    ]
    markdown = render_markdown(document)
    assert "**Messwerte:**" in markdown
    rows = next(t for t in _md_tables(markdown) if t[0] == table.columns)
    assert rows[2][3] == "Projektbericht | 2024"
    html = render_html(document)
    assert '<caption class="label">Messwerte</caption>' in html
    english = _document(tmp_path, handbook, "en")
    (table_en,) = [t for t in _tables(english, "goals") if t.caption]
    assert table_en.caption == "Measurements"
    assert table_en.columns == ["Indicator", "Date", "Value", "Source"]


def test_no_measurements_no_latest_line_and_no_table(tmp_path, handbook):
    document = _document(tmp_path, handbook, "de", NO_MEASUREMENTS)
    blocks = _section(document, "goals").blocks
    assert not [b for b in blocks if isinstance(b, Bullets)]
    assert not [b for b in blocks if isinstance(b, Table) and b.caption]
    assert "Zuletzt gemessen" not in render_markdown(document)


def _indicator(measurements=(), current=None, measured_on=None):
    return SimpleNamespace(
        measurements=[SimpleNamespace(date=d, value=v, source=s) for d, v, s in measurements],
        current=current,
        measured_on=measured_on,
    )


def _latest_value(indicator):
    reading = latest(indicator)
    assert reading is not None
    return reading.value


def test_latest_is_the_latest_date_not_the_last_written():
    indicator = _indicator([("2024-06", 9, "b"), ("2024-02", 3, "a"), ("2023", 1, None)])
    assert latest(indicator) == Reading(PartialDate("2024-06"), 9, "b")
    assert [r.value for r in readings(indicator)] == [1, 3, 9]


def test_latest_a_month_counts_to_its_last_day_and_values_without_a_number_are_skipped():
    month = _indicator([(dt.date(2024, 6, 15), 4, None), ("2024-06", 5, None)])
    assert _latest_value(month) == 5
    skipped = _indicator([("2024", 2, None), ("2025", None, "kein Wert")])
    assert latest(skipped) == Reading(PartialDate("2024"), 2, None)


def test_latest_takes_current_when_it_is_later_or_alone():
    later = _indicator([("2024-01", 3, None)], current=7, measured_on=dt.date(2024, 5, 1))
    assert latest(later) == Reading(dt.date(2024, 5, 1), 7)
    earlier = _indicator([("2024-06", 3, None)], current=7, measured_on=dt.date(2024, 5, 1))
    assert _latest_value(earlier) == 3
    assert latest(_indicator(current=2)) == Reading(None, 2)
    assert latest(_indicator()) is None
    undated = _indicator([(None, 1, None), (None, 2, None)])
    assert _latest_value(undated) == 2  # the last one written


@pytest.mark.parametrize(
    ("reading", "baseline", "target", "lang", "text"),
    [
        (
            Reading(PartialDate("2024"), 14),
            0,
            [12, 20],
            "de",
            "2024: 14 Boxen (Ausgangswert 0, Zielwert 12–20)",
        ),
        (Reading(PartialDate("2024-11"), 1.5), None, None, "en", "November 2024: 1.5 Boxen"),
        (Reading(None, 1234), 2, 5000, "de", "1.234 Boxen (Ausgangswert 2, Zielwert 5.000)"),
        (None, 0, 6, "de", "noch kein Messwert (Ausgangswert 0, Zielwert 6)"),
        (None, None, None, "en", "no measurement yet"),
    ],
)
def test_reading_text(handbook, reading, baseline, target, lang, text):
    assert reading_text(reading, "Boxen", baseline, target, handbook.fields, lang) == text


# --- the overview in the official order ------------------------------------------------------


# The official measure pages' header order (research: measure-pages.md, 1.1), then the link.
OFFICIAL_ORDER = [
    "measure.lead_organisation",
    "measure.district",
    "partners",
    "timeframe",
    "measure.status",
    "measure.fields_of_action",
    "measure.action_fields",
    "responsibility.contact",
    "measure.website",
]
TIMEFRAME = {"de": "Zeitraum", "en": "Time frame"}


def _official_labels(handbook, lang: str) -> list[str]:
    return [
        TIMEFRAME[lang] if path == "timeframe" else handbook.fields.short(path, lang)
        for path in OFFICIAL_ORDER
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_overview_follows_the_official_header_order_with_the_contact(tmp_path, handbook, lang):
    document = _document(tmp_path, handbook, lang)
    (facts,) = [b for b in _section(document, "overview").blocks if isinstance(b, Facts)]
    labels = [label for label, _ in facts.rows]
    expected = _official_labels(handbook, lang)
    assert labels[: len(expected)] == expected
    assert expected[0] == ("Federführende Organisation" if lang == "de" else "Lead organisation")
    values = dict(facts.rows)
    contact = handbook.fields.short("responsibility.contact", lang)
    assert labels.index(contact) == 7  # after both levels of fields of action
    assert values[contact] == "Kim Kontakt (Bereichsleitung, CityLAB Berlin), kim@example.berlin"
    assert labels[8] == handbook.fields.short("measure.website", lang)
    assert values[labels[8]] == "https://example.berlin/kiezbox"


def test_overview_contact_without_contact_data_keeps_job_title_and_organisation(tmp_path, handbook):
    document = _document(tmp_path, handbook, "de", contacts=False)
    (facts,) = [b for b in _section(document, "overview").blocks if isinstance(b, Facts)]
    assert dict(facts.rows)["Ansprechperson"] == "Bereichsleitung, CityLAB Berlin"
    assert "Kim Kontakt" not in render_markdown(document)
    assert "kim@example.berlin" not in render_html(document)


def test_overview_contact_through_the_cli(gdb, tmp_path, handbook):
    path = _charter(tmp_path)
    result = gdb("export", path, "--as-of", "2026-12-20")
    assert result.code == 0
    lines = [line for line in result.out.splitlines() if line.startswith("- **")]
    order = [line.split(":**")[0][4:] for line in lines[:9]]
    assert order == _official_labels(handbook, "de")
    english = gdb("--lang", "en", "export", path, "--as-of", "2026-12-20", "-f", "html")
    assert "<dt>Contact</dt><dd>Kim Kontakt (Bereichsleitung, CityLAB Berlin)" in english.out


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._open = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._open = False

    def handle_data(self, data):
        if self._open:
            self.cells[-1] += data


def test_html_export_has_the_new_tables(gdb, tmp_path):
    result = gdb("export", _charter(tmp_path), "-f", "html", "--as-of", "2026-12-20")
    assert result.code == 0
    parser = _Cells()
    parser.feed(result.out)
    for cell in ("Förderbescheid", "Februar 2023", "Bescheid A | 7", "BVV Mitte <b>laut</b>"):
        assert cell in parser.cells
    assert "Zwölf Boxen im Probebetrieb." in parser.cells
    assert "14 Boxen" in parser.cells and "5 Boxen" in parser.cells


# --- gdb status ------------------------------------------------------------------------------


def test_status_json_has_each_indicators_latest_measurement(gdb, tmp_path):
    result = gdb("status", _charter(tmp_path), "--as-of", "2026-12-20", "-f", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["format_version"] == 1
    indicators = data["indicators"]
    assert [i["path"] for i in indicators] == [
        "goals[0].indicators[0]",
        "goals[0].indicators[1]",
        "goals[1].indicators[0]",
    ]
    first = indicators[0]
    assert first["goal"] == 1 and first["name"] == "Aufgestellte Boxen"
    assert first["target"] == [12, 20] and first["baseline"] == 0
    assert first["latest"] == {"date": "2024", "value": 14, "source": "Projektbericht | 2024"}
    assert first["measurements"] == 2
    assert indicators[1]["latest"] is None and indicators[1]["measurements"] == 0
    assert indicators[2]["latest"]["date"] == "2024-06"  # a month stays a month
    assert "labels" not in data and "text" not in first


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "de",
            [
                "Indikatoren",
                "  Aufgestellte Boxen – 2024: 14 Boxen (Ausgangswert 0, Zielwert 12–20)",
                "  Geschulte Personen – noch kein Messwert (Ausgangswert 0, Zielwert 40)",
                "  Offene Datensätze  – Juni 2024: 2 Datensätze (Zielwert 3)",
            ],
        ),
        (
            "en",
            [
                "Indicators",
                "  Aufgestellte Boxen – 2024: 14 Boxen (Baseline 0, Target 12–20)",
                "  Geschulte Personen – no measurement yet (Baseline 0, Target 40)",
                "  Offene Datensätze  – June 2024: 2 Datensätze (Target 3)",
            ],
        ),
    ],
)
def test_status_text_shows_the_latest_measurement(gdb, tmp_path, lang, lines):
    result = gdb("--lang", lang, "status", _charter(tmp_path), "--as-of", "2026-12-20")
    assert result.code in (0, 1), result.err
    out = result.out.splitlines()
    start = out.index(lines[0])
    assert out[start : start + len(lines)] == lines
    assert out[start + len(lines)] == ""


def test_status_text_cuts_a_long_name_or_puts_the_reading_on_its_own_line(
    gdb, tmp_path, monkeypatch
):
    text = CHARTER.replace('name = "Aufgestellte Boxen"', 'name = "' + "Boxen " * 12 + '"')
    path = _charter(tmp_path, text)
    reading = "2024: 14 Boxen (Ausgangswert 0, Zielwert 12–20)"
    monkeypatch.setenv("COLUMNS", "80")
    out = gdb("status", path, "--as-of", "2026-12-20").out.splitlines()
    line = out[out.index("Indikatoren") + 1]
    assert line.startswith("  Boxen Boxen") and line.endswith("… – " + reading)
    assert len(line) <= 80
    monkeypatch.setenv("COLUMNS", "60")
    out = gdb("status", path, "--as-of", "2026-12-20").out.splitlines()
    at = out.index("Indikatoren")
    assert out[at + 1].startswith("  Boxen Boxen") and out[at + 1].endswith("…")
    assert out[at + 2] == "    " + reading
    assert all(len(line) <= 60 for line in out)


def test_status_without_indicators_has_no_indicator_block(gdb, tmp_path):
    text = NO_MEASUREMENTS.split("  [[goals.indicators]]")[0]
    result = gdb("status", _charter(tmp_path, text), "--as-of", "2026-12-20")
    assert "Indikatoren" not in result.out.splitlines()
    data = json.loads(
        gdb("status", _charter(tmp_path, text), "--as-of", "2026-12-20", "-f", "json").out
    )
    assert data["indicators"] == []


# --- the rest of format 2: frame, partners, spatial level, co-financing, planned decision ----

MORE = (
    CHARTER.replace(
        'website = "https://example.berlin/kiezbox"',
        'website = "https://example.berlin/kiezbox"\nspatial_levels = ["kieze", "stadtraum"]',
    )
    .replace(
        '[mandate]\nstatus = "granted"',
        '[mandate]\nstatus = "pending"\nplanned_decision = "2027-03"',
    )
    .replace(
        "[[partners]]",
        """[frame]
ict_conditions = "Betrieb | im ITDZ"
permanence = "Der Bezirk übernimmt."
related_measures = ["Smart Water"]

[[resources.budget]]
item = "Boxen"
amount_eur = 50000
start = "2023-02"
end = "2024"
co_financing_share = 0.125

[[resources.budget]]
item = "Betrieb"
year = 2025

[[partners]]
organisation = "Freiwillige Feuerwehr"
role = "research"

[partners.contact]
name = "Pat Partner"
role = "Koordination"
email = "pat@example.berlin"

[[partners]]""",
        1,
    )
)


@pytest.mark.parametrize(
    ("lang", "title", "labels"),
    [
        ("de", "Rahmen der Maßnahme", ["IKT-Rahmenbedingungen", "Verstetigung"]),
        ("en", "Frame of the measure", ["ICT framework conditions", "Making results permanent"]),
    ],
)
def test_frame_section_after_the_problem(tmp_path, handbook, lang, title, labels):
    document = _document(tmp_path, handbook, lang, MORE)
    keys = [s.key for s in document.sections]
    assert keys.index("frame") == keys.index("overview") + 1  # no problem table in MORE
    section = _section(document, "frame")
    assert section.title == title
    assert [b.label for b in section.blocks] == [*labels, section.blocks[-1].label]
    assert section.blocks[0].text == "Betrieb | im ITDZ"
    assert isinstance(section.blocks[-1], Bullets) and section.blocks[-1].items == ["Smart Water"]


def test_frame_and_partners_can_be_omitted(gdb, tmp_path):
    path = _charter(tmp_path, MORE)
    full = gdb("export", path, "--as-of", "2026-12-20")
    assert "## Rahmen der Maßnahme" in full.out and "## Partnerorganisationen" in full.out
    less = gdb("export", path, "--as-of", "2026-12-20", "--omit", "frame,partners")
    assert less.code == 0
    assert "Rahmen der Maßnahme" not in less.out and "## Partnerorganisationen" not in less.out


@pytest.mark.parametrize(
    ("lang", "columns", "first"),
    [
        (
            "de",
            ["Organisation", "Rolle", "Ansprechperson"],
            [
                "Freiwillige Feuerwehr",
                "Forschung",
                "Pat Partner (Koordination), pat@example.berlin",
            ],
        ),
        (
            "en",
            ["Organisation", "Role", "Contact person"],
            ["Freiwillige Feuerwehr", "research", "Pat Partner (Koordination), pat@example.berlin"],
        ),
    ],
)
def test_partners_table(tmp_path, handbook, lang, columns, first):
    document = _document(tmp_path, handbook, lang, MORE)
    keys = [s.key for s in document.sections]
    assert keys.index("partners") == keys.index("responsibility") + 1
    (table,) = _tables(document, "partners")
    assert table.columns == columns
    assert table.rows[0] == first
    assert table.rows[1][:2] == ["Bezirksamt Mitte", "Betreiber" if lang == "de" else "operator"]


def test_partner_contacts_are_contact_data(gdb, tmp_path, handbook):
    document = _document(tmp_path, handbook, "de", MORE, contacts=False)
    (table,) = _tables(document, "partners")
    assert table.rows[0][2] == "Koordination"
    text = MORE.replace("[responsibility]", "[unused]").split("[unused]")[0]
    text += MORE[MORE.index("[frame]") :]
    path = _charter(tmp_path, text)  # names of people only in a partner's contact
    shown = gdb("export", path, "--as-of", "2026-12-20")
    assert "Pat Partner" in shown.out and "--no-contacts" in shown.err
    hidden = gdb("export", path, "--as-of", "2026-12-20", "--no-contacts")
    assert "Pat Partner" not in hidden.out and "pat@example.berlin" not in hidden.out
    assert hidden.err == ""


@pytest.mark.parametrize(
    ("lang", "period", "share", "levels"),
    [
        ("de", "Zeitraum", "12,5 %", "Lebenswerte, vielfältige Kieze, Zugänglicher Stadtraum"),
        ("en", "Time frame", "12.5%", "Liveable, diverse neighbourhoods, Accessible urban space"),
    ],
)
def test_budget_period_and_co_financing_share_and_spatial_level(
    tmp_path, handbook, lang, period, share, levels
):
    document = _document(tmp_path, handbook, lang, MORE)
    (budget,) = [t for t in _tables(document, "resources") if t.footer]
    assert budget.columns[1] == period
    share_label = handbook.fields.short("resources.budget.co_financing_share", lang)
    at = budget.columns.index(share_label)
    assert budget.columns == [
        "Position" if lang == "de" else "Item",
        period,
        share_label,
        budget.columns[-1],
    ]
    first = "Februar 2023 – 2024" if lang == "de" else "February 2023 – 2024"
    assert [budget.rows[0][1], budget.rows[0][at]] == [first, share]
    assert budget.rows[1][1] == "2025" and budget.rows[1][at] == ""  # empty columns left out
    (facts,) = [b for b in _section(document, "overview").blocks if isinstance(b, Facts)]
    assert dict(facts.rows)[handbook.fields.short("measure.spatial_levels", lang)] == levels


def test_budget_of_years_only_keeps_the_year_column(tmp_path, handbook):
    text = MORE.replace('start = "2023-02"\nend = "2024"', "year = 2024")
    (budget,) = [t for t in _tables(_document(tmp_path, handbook, "de", text), "resources")]
    assert budget.columns[1] == "Jahr"


@pytest.mark.parametrize(
    ("lang", "label", "when"),
    [("de", "Entscheidung geplant", "März 2027"), ("en", "Decision planned", "March 2027")],
)
def test_planned_decision_of_a_pending_mandate(tmp_path, handbook, lang, label, when):
    document = _document(tmp_path, handbook, lang, MORE)
    (facts,) = [b for b in _section(document, "mandate").blocks if isinstance(b, Facts)]
    assert dict(facts.rows)[label] == when


def test_current_value_with_its_date(tmp_path, handbook):
    text = CHARTER.replace(
        'name = "Geschulte Personen"',
        'name = "Geschulte Personen"\ncurrent = 12\nmeasured_on = "2024-10"',
    )
    document = _document(tmp_path, handbook, "de", text)
    table = _tables(document, "goals")[0]
    row = table.rows[1]
    assert row[table.columns.index("Aktueller Wert")] == "12"
    assert row[table.columns.index("Gemessen am")] == "Oktober 2024"


@pytest.mark.skipif(
    shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
    reason="needs chromium (Debian package chromium)",
)
def test_the_new_tables_in_a_real_browser(gdb, tmp_path):
    """Printed by headless Chromium: the caption stands above its table's header row on the same
    page, and user text with `|` and `<b>` is shown literally."""
    from test_steckbrief_print import _pdf

    html = tmp_path / "steckbrief.html"
    result = gdb("export", _charter(tmp_path, MORE), "-o", html, "--as-of", "2026-12-20")
    assert result.code == 0, result.err
    pages = _pdf(html, tmp_path / "steckbrief.pdf")
    for page in pages:
        if "Messwerte" in page:
            at = page.index("Messwerte")
            assert page[at + 1].startswith("Indikator Datum Wert Quelle")
            break
    else:
        raise AssertionError("no page shows the measurements' caption")
    text = "\n".join(line for page in pages for line in page)
    assert "<b>laut</b>" in text  # shown, not made bold (cells wrap in the PDF's text)
    assert "Bescheid A" in text and "| 7" in text
    assert "Zwölf Boxen im" in text


@pytest.mark.parametrize(("lang", "words"), [("de", "nicht angegeben"), ("en", "not given")])
def test_a_budget_line_without_amount_says_so(gdb, lang, words):
    example = Path(__file__).parents[1] / "examples" / "format2-budget-indicators.toml"
    result = gdb("--lang", lang, "export", example, "--format", "md")
    [row] = [line for line in result.out.splitlines() if line.startswith("| Verstetigung")]
    assert row.rstrip(" |").endswith(words)
    assert "0 €" not in row and "€0" not in row
