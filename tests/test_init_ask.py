"""`gdb init --update --ask SECTION` takes the section names the interview shows, in German too."""

from __future__ import annotations

import pytest

from gdb_cli.errors import GdbError
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import flow, plan
from gdb_cli.wizard.catalogue import load_questionnaire


@pytest.fixture(scope="module")
def env() -> plan.Env:
    handbook = load_handbook()
    return plan.Env(load_questionnaire(handbook), handbook)


@pytest.mark.parametrize(
    ("given", "ids"),
    [
        ("mandat", ["mandate"]),
        ("Ressourcen", ["resources"]),
        ("grundsätze,grundsaetze", ["principles"]),
        ("maßnahme, risiken", ["measure", "risks"]),
        ("beteiligte", ["stakeholders"]),
        ("Beteiligte und Beteiligung", ["stakeholders"]),
        ("mandate,resources", ["mandate", "resources"]),  # the ids stay valid
        ("wirkung", ["impact"]),
    ],
)
def test_section_names_in_either_language(env, given, ids):
    assert flow._parse_ask(given, env) == ids


def test_every_shown_name_is_accepted(env):
    for section in env.sections:
        for lang in ("de", "en"):
            assert flow._parse_ask(flow.section_name(section.title.get(lang)), env) == [section.id]


def test_a_typo_gets_a_suggestion_in_the_users_words(gdb, tmp_path, example_text):
    charter = tmp_path / "charta.toml"
    charter.write_text(example_text, encoding="utf-8")
    result = gdb("init", "--update", charter, "--ask", "mandta", "--no-input")
    assert result.code == 2
    assert "unbekannter Abschnitt „mandta“. Meinten Sie „mandat“?" in result.err
    assert "Abschnitte: maßnahme, ziele, verantwortung, ressourcen, mandat" in result.err
    english = gdb("init", "--update", charter, "--ask", "mandat3", "--no-input", "--lang", "en")
    assert "Did you mean “mandate”?" in english.err


def test_a_name_far_from_every_section_gets_the_list_only(env):
    with pytest.raises(GdbError) as caught:
        flow._parse_ask("xyz", env)
    assert "Meinten Sie" not in str(caught.value)
    assert "Abschnitte: maßnahme" in str(caught.value)
