"""`gdb phases` and `gdb theses`: content shown in both languages, JSON shape, charter marking."""

from __future__ import annotations

from conftest import EXAMPLE, json_document


def test_phases_json_lists_five_phases_with_both_languages(gdb):
    result = gdb("phases", "--format", "json")
    assert result.code == 0
    phases = json_document(result.out, "phases")
    assert len(phases) == 5
    for phase in phases:
        assert set(phase["name"]) == {"de", "en"}
        assert phase["result"]["de"] and phase["result"]["en"]
        assert phase["sources"]
    assert phases[0]["name"]["de"] == "Vorprozess"


def test_phases_text_switches_language(gdb):
    german = gdb("phases")
    english = gdb("phases", "--lang", "en")
    assert "Vorprozess" in german.out
    assert "Pre-process" in english.out and "Pre-process" not in german.out


def test_phases_plain_output_is_one_line_per_phase(gdb):
    result = gdb("phases")
    lines = result.out.strip().splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("1\t")


def test_phases_marks_current_phase_of_charter(gdb):
    result = gdb("phases", "--charter", EXAMPLE)
    assert result.code == 0
    marked = [line for line in result.out.splitlines() if line.startswith("*")]
    assert len(marked) == 1 and marked[0].split("\t")[1] == "3"
    data = json_document(gdb("phases", "--charter", EXAMPLE, "--format", "json").out, "phases")
    assert [p["number"] for p in data if p["current"]] == [3]


def test_phases_charter_with_problem_exits_2(gdb, tmp_path, example_text):
    broken = tmp_path / "broken.toml"
    broken.write_text(
        example_text.replace('type = "dezentral"', 'type = "dezentrall"'), encoding="utf-8"
    )
    result = gdb("phases", "--charter", broken)
    assert result.code == 2
    assert "measure.type" in result.err and "dezentral" in result.err
    assert "broken.toml:12:" in result.err
    assert "Traceback" not in result.err


def test_theses_highlight_thesis_six(gdb):
    result = gdb("theses", "--format", "json")
    theses = json_document(result.out, "theses")
    assert len(theses) == 8
    assert [t["number"] for t in theses if t["key"]] == [6]
    plain = gdb("theses").out.splitlines()
    assert [line.split("\t")[1] for line in plain if line.startswith("*")] == ["6"]


def test_phase_notes_are_footnotes_and_results_stay_clean(gdb, monkeypatch):
    phases = json_document(gdb("phases", "--format", "json").out, "phases")
    last = phases[-1]
    assert not last["result"]["de"].startswith("Abgeleitet")
    assert not last["result"]["en"].startswith("Derived")
    assert "abgeleitet" in last["note"]["de"]  # the editorial remark lives in the note
    monkeypatch.setattr("gdb_cli.output.stdout_is_terminal", lambda: True)
    import gdb_cli.render.table

    monkeypatch.setattr(gdb_cli.render.table, "stdout_is_terminal", lambda: True)
    shown = gdb("phases").out
    assert "Skalierung³" in shown and "³ Die Quellen nennen für Phase 5" in shown


def test_phase_footnote_marks_only_in_a_terminal(gdb):
    assert "³" not in gdb("phases").out


def test_theses_speak_to_users_not_to_a_project_brief():
    from gdb_cli import context

    theses = context.handbook().theses
    for text in (theses.title.de, theses.title.en):
        assert "2.0" not in text
    assert theses.title.de == "Thesen zum digitalen Umbau Berlins"
    assert theses.note is not None
    everything = [theses.note.de, theses.note.en]
    for thesis in theses.theses:
        everything += [thesis.text.de, thesis.text.en]
        if thesis.provenance is not None:
            everything += [thesis.provenance.de, thesis.provenance.en]
    for banned in ("Projektauftrag", "project brief"):
        assert not [t for t in everything if banned in t]
    assert "GD:B-Team" in theses.note.de and "2.0" in theses.note.de and "V1.0" in theses.note.de
    six = next(t for t in theses.theses if t.number == 6)
    assert any("phase-1-vorprozess" in url for url in six.sources)


def _thesis(number: int) -> tuple[str, str]:
    from gdb_cli import context

    thesis = next(t for t in context.handbook().theses.theses if t.number == number)
    return thesis.text.de.lower(), thesis.text.en.lower()


def test_thesis_3_keeps_every_element_of_version_2():
    de, en = _thesis(3)
    for word in ("nachhaltig", "ökologisch", "wirtschaftlich", "sozial", "resilient", "kooperativ"):
        assert word in de
    assert "gemeinwohl" in de
    for word in ("sustainable", "ecolog", "econom", "social", "resilient", "cooperative"):
        assert word in en
    assert "common good" in en
    assert "inklusiv" not in de and "exclude" not in en  # not part of thesis 3 in version 2.0


def test_thesis_6_names_three_things_with_the_mandate_inside_responsibility():
    de, en = _thesis(6)
    assert "drei" in de and "three" in en
    for words in (
        ("ressourcen", "verantwortung", "kompetenzen"),
        ("resources", "responsibility", "competencies"),
    ):
        for word in words:
            assert word in (de if words[0] == "ressourcen" else en)
    # the mandate is named inside the responsibility part, not as a fourth item
    assert de.index("verantwortung") < de.index("mandat") < de.index("kompetenzen")
    assert en.index("responsibility") < en.index("mandate") < en.index("competencies")
    assert "einschließlich des politischen mandats" in de
    assert "including the political mandate for change" in en
    assert "entscheidungsrunde" not in de and "decision round" not in en
    assert "ziel" not in de and "goal" not in en


def test_thesis_8_is_about_courage():
    de, en = _thesis(8)
    assert "mutig" in de and "fehler" in de and "tugend" in de
    assert "courageous" in en and "mistakes" in en and "virtue" in en


def test_thesis_5_orders_problem_before_goals():
    de, en = _thesis(5)
    assert de.index("probleme") < de.index("ziele")
    assert en.index("problems") < en.index("goals")


def test_theses_show_version_2_elements(gdb):
    shown = gdb("--lang", "en", "theses", "--format", "json").out
    data = {t["number"]: t for t in json_document(shown, "theses")}
    assert "resilient" in data[3]["text"]["en"] and "courageous" in data[8]["text"]["en"]
