"""`gdb methods`: listing, filters, search, show, formats, errors."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from conftest import json_document
from gdb_cli.methods.store import load_catalogue


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def _ids(out: str) -> list[str]:
    return [line.split("\t")[0] for line in out.splitlines() if line.strip()]


def _json(gdb, *args):
    result = gdb("methods", "--format", "json", *args)
    assert result.code == 0, result.err
    return json_document(result.out, "methods")


def test_list_is_one_plain_line_per_method_when_piped(gdb, catalogue):
    result = gdb("methods")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == len(catalogue.methods) >= 80
    first = lines[0].split("\t")
    assert len(first) == 4  # id, name, phases, duration
    assert all("\x1b" not in line for line in lines)
    assert "Kick-Off" in result.out and "1,5–3 Std." in result.out


def test_json_has_at_least_80_valid_methods_and_8_per_phase(gdb):
    data = _json(gdb)
    assert len(data) >= 80
    for record in data:
        assert set(record["name"]) == set(record["purpose"]) == {"de", "en"}
        assert record["duration_minutes"]["min"] <= record["duration_minutes"]["max"]
        assert record["phases"] and record["tags"] and record["sources"]
        assert record["attribution"]["de"] and record["licence"]
        assert 3 <= len(record["steps"]) <= 7
    for phase in range(1, 6):
        assert sum(phase in r["phases"] for r in data) >= 8, phase
    og = [r for r in data if r["source"] == "og"]
    assert og and all(r["licence"] == "CC BY-NC-SA 4.0" for r in og)


def test_filter_phase(gdb):
    data = _json(gdb, "--phase", "5")
    assert data and all(5 in r["phases"] for r in data)
    assert len(data) < len(_json(gdb))


def test_filter_tags_repeatable_all_must_match(gdb):
    one = _json(gdb, "--tag", "stakeholders")
    assert one and all("stakeholders" in r["tags"] for r in one)
    both = _json(gdb, "--tag", "participation", "--tag", "stakeholders")
    assert both and all({"participation", "stakeholders"} <= set(r["tags"]) for r in both)
    assert len(both) < len(one)
    by_label = _json(gdb, "--tag", "Beteiligung")
    assert {r["id"] for r in by_label} == {r["id"] for r in _json(gdb, "--tag", "participation")}


def test_filter_max_minutes(gdb):
    data = _json(gdb, "--max-minutes", "30")
    assert data and all(r["duration_minutes"]["min"] <= 30 for r in data)
    assert "measure-workshop" not in {r["id"] for r in data}


def test_filter_group_size(gdb):
    data = _json(gdb, "--group-size", "25")
    assert data
    assert all(r["group_size"]["min"] <= 25 <= r["group_size"]["max"] for r in data)


def test_filter_source(gdb):
    data = _json(gdb, "--source", "og")
    assert data and all(r["source"] == "og" for r in data)
    assert {r["source"] for r in _json(gdb, "--source", "GDB")} == {"gdb"}


def test_filters_combine_with_query(gdb):
    data = _json(gdb, "--phase", "1", "--source", "gdb", "runde")
    ids = [r["id"] for r in data]
    assert "decision-round" in ids and "steering-round" in ids
    assert all("score" in r for r in data)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--phase", "9"), "Phase 9"),
        (("--tag", "stakeholder"), "stakeholders"),  # did you mean
        (("--source", "wikipedia"), "og"),
        (("--max-minutes", "0"), "max-minutes"),
    ],
)
def test_bad_filter_values_exit_2(gdb, args, needle):
    result = gdb("methods", *args)
    assert result.code == 2
    assert needle in result.err
    assert "Traceback" not in result.err


def test_search_umlauts_and_languages_through_cli(gdb):
    top = set(_ids(gdb("methods", "massnahme").out)[:3])
    assert top == {"measure-description", "measure-team", "measure-workshop"}
    assert "decision-round" in _ids(gdb("methods", "Entscheidungsrunde").out)
    assert "decision-round" in _ids(gdb("methods", "decision", "round").out)


def test_no_hits_says_so_and_exits_0(gdb):
    result = gdb("methods", "xyzzyplugh")
    assert result.code == 0
    assert result.out == ""
    assert "Keine passende Methode" in result.err
    assert _json(gdb, "xyzzyplugh") == []


def test_show_prints_the_full_card(gdb):
    result = gdb("methods", "show", "kick-off")
    assert result.code == 0, result.err
    out = result.out
    for heading in (
        "Zweck:",
        "Wann sie passt:",
        "Dauer:",
        "Personen:",
        "Material:",
        "Schritte:",
        "Ergebnisse:",
        "Verwandte Methoden:",
        "Quelle:",
    ):
        assert heading in out
    assert "1 Vorprozess" in out
    assert "steering-round – Steuerungsrunde" in out
    assert "Senatskanzlei Berlin" in out
    assert "Lizenz der Quelle: nicht angegeben (Texte in eigenen Worten)" in out
    assert "Lizenz: nicht angegeben" not in out
    assert "https://gemeinsamdigital.berlin.de/de/handbuch/phase-1-vorprozess/kick-off" in out


def test_show_in_english_with_og_licence(gdb):
    result = gdb("--lang", "en", "methods", "show", "iceberg-root-causes")
    assert result.code == 0
    assert "Purpose:" in result.out and "Steps:" in result.out
    assert "Licence: CC BY-NC-SA 4.0 – also applies to this card" in result.out
    assert "creativecommons.org/licenses/by-nc-sa/4.0" in result.out


def test_licence_file_covers_the_adapted_method_records():
    from conftest import ROOT

    text = (ROOT / "content" / "LICENSE.md").read_text(encoding="utf-8")
    assert "EUPL-1.2" in text and "CC BY-NC-SA 4.0" in text and 'source = "og"' in text
    og = [
        p for p in (ROOT / "content" / "methods").glob("*.toml") if 'source = "og"' in p.read_text()
    ]
    assert f"({len(og)} records)" in text
    assert "content/LICENSE.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_show_by_name_and_as_json(gdb):
    assert gdb("methods", "show", "Entscheidungsrunde").out.startswith("Entscheidungsrunde")
    data = json_document(gdb("methods", "show", "decision-round", "--format", "json").out)
    assert data["id"] == "decision-round"
    assert data["name"] == {"de": "Entscheidungsrunde", "en": "Decision round"}


def test_unknown_id_exits_2_with_did_you_mean(gdb):
    result = gdb("methods", "show", "kickof")
    assert result.code == 2
    assert "Unbekannte Methode „kickof“" in result.err
    assert "Meinten Sie" in result.err and "kick-off" in result.err
    english = gdb("--lang", "en", "methods", "show", "desicion-round")
    assert english.code == 2 and "Did you mean" in english.err and "decision-round" in english.err


def test_show_needs_exactly_one_id(gdb):
    assert gdb("methods", "show").code == 2
    assert gdb("methods", "show", "a", "b").code == 2


def test_markdown_list_is_a_table(gdb):
    result = gdb("methods", "--format", "markdown", "--phase", "1")
    assert result.code == 0
    tokens = MarkdownIt().enable("table").parse(result.out)
    types = [t.type for t in tokens]
    assert "table_open" in types and types.count("tr_open") == 1 + len(_json(gdb, "--phase", "1"))
    assert tokens[0].type == "heading_open"


def test_markdown_card_has_sections_steps_and_links(gdb):
    result = gdb("methods", "show", "kick-off", "--format", "markdown")
    assert result.code == 0
    md = MarkdownIt()
    tokens = md.parse(result.out)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("Kick-Off (kick-off)")
    assert "Schritte" in headings and "Quelle" in headings
    assert any(t.type == "ordered_list_open" for t in tokens)
    html = md.render(result.out)
    assert (
        'href="https://gemeinsamdigital.berlin.de/de/handbuch/phase-1-vorprozess/kick-off"' in html
    )


def test_pick_without_terminal_exits_2(gdb):
    result = gdb("methods", "--pick")
    assert result.code == 2
    assert "Terminal" in result.err


def test_pick_cannot_combine_with_json(gdb):
    assert gdb("methods", "--pick", "--format", "json").code == 2


def test_help_lists_methods_in_both_languages(gdb):
    assert "methods" in gdb("--help").out
    result = gdb("--lang", "en", "methods", "--help")
    assert result.code == 0
    assert "--max-minutes" in result.out and "--for" in result.out


def test_json_is_ordered_by_id_whatever_the_language(gdb):
    german = [m["id"] for m in _json(gdb)]
    english = gdb("--lang", "en", "methods", "--format", "json")
    assert german == [m["id"] for m in json_document(english.out, "methods")]
    assert german == sorted(german)


def test_durations_in_hours_or_days_where_minutes_are_unreadable():
    from types import SimpleNamespace

    from gdb_cli.i18n import set_language
    from gdb_cli.render.methods import duration

    def method(low: int, high: int) -> SimpleNamespace:
        return SimpleNamespace(duration_minutes=SimpleNamespace(min=low, max=high))

    set_language("de")
    assert duration(method(45, 60)) == "45–60 min"  # type: ignore[arg-type]
    assert duration(method(240, 960)) == "4–16 Std."  # type: ignore[arg-type]
    assert duration(method(90, 150)) == "1,5–2,5 Std."  # type: ignore[arg-type]
    assert duration(method(1440, 4800)) == "3–10 Tage"  # type: ignore[arg-type]
    assert duration(method(240, 960), short=False) == "4–16 Stunden"  # type: ignore[arg-type]
    set_language("en")
    assert duration(method(240, 960)) == "4–16 h"  # type: ignore[arg-type]
    set_language("de")


def test_list_at_80_columns_shows_german_names_in_full(monkeypatch):
    """In a terminal of 80 columns the name gets the room (its id below it)."""
    import io

    from rich.console import Console

    from gdb_cli.methods.store import load_catalogue
    from gdb_cli.render import methods as render

    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=False, color_system=None)
    monkeypatch.setattr("gdb_cli.output.console", lambda stderr=False: console)
    monkeypatch.setattr("gdb_cli.output.stdout_is_terminal", lambda: True)
    found = sorted(load_catalogue().methods, key=lambda m: -len(m.title()))[:8]
    render.show_list(found, title="Methoden", caption="")
    out = buffer.getvalue()
    assert all(len(line) <= 80 for line in out.splitlines())
    for method in found:
        if len(method.title()) <= 40:
            assert method.title() in out, method.title()
        assert method.id in out
    assert "Std." in out or "min" in out
