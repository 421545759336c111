"""The charter's fields declared once (content/fields.toml): complete, used everywhere, labelled."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from gdb_cli.charter.fields import FIELDS_FILE, label, model_paths, plain
from gdb_cli.errors import GdbError
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.pack.resources import bundled_content

ROOT = Path(__file__).resolve().parents[1]


def test_every_model_field_has_a_content_entry():
    canonical, _lists = model_paths()
    entries = tomllib.loads((bundled_content() / FIELDS_FILE).read_text("utf-8"))["fields"]
    missing = sorted(set(canonical.values()) - set(entries))
    assert not missing, f"add these keys to content/{FIELDS_FILE}: {missing}"
    assert set(entries) <= set(canonical.values())


def test_every_list_of_tables_names_its_item():
    fields = load_handbook().fields
    from gdb_cli.charter.model import Charter, inner_model

    for path in fields.lists:
        kind = Charter
        for name in path.split("."):
            kind = inner_model(kind.model_fields[name].annotation)
        if kind is not None:  # a list of tables
            text = fields.text(path)
            assert text is not None and text.item is not None, path


@pytest.mark.parametrize(
    ("path", "lang", "expected"),
    [
        ("goals[1].indicators[0].baseline", "de", "Ziel 2 › Indikator 1 › Ausgangswert"),
        ("goals[1].indicators[0].baseline", "en", "Goal 2 › Indicator 1 › Baseline"),
        ("goals[*].indicators[*].baseline", "de", "Ziel › Indikator › Ausgangswert"),
        ("goals[*].indicators[*].baseline", "de", "Ziel › Indikator › Ausgangswert"),
        ("mandate.scope", "de", "Mandat › Umfang"),
        ("problem.key_questions[2]", "de", "Problem › Leitfrage 3"),
        ("goals", "de", "Ziele"),
        ("responsibility.contact.email", "en", "Responsibility › Contact › E-mail"),
        ("measure.nonsense", "de", "Maßnahme › nonsense"),
    ],
)
def test_human_label_of_a_key_path(path, lang, expected):
    assert label(path, lang) == expected


def test_short_label_is_what_the_interview_shows():
    fields = load_handbook().fields
    assert fields.short("responsibility.lead.name", "de") == "Leitung der Maßnahme › Name"
    assert fields.short("goals[*].indicators[*].target", "de") == "Zielwert"
    assert fields.short("goals.indicators.target", "de") == "Zielwert"  # lists known from the model
    assert fields.short("measure.title", "en") == "Title"


def test_shared_table_is_described_once_and_found_from_every_place():
    fields = load_handbook().fields
    assert fields.text("responsibility.contact.name") is fields.text("responsibility.lead.name")
    assert plain("goals[3].indicators[*].unit") == "goals.indicators.unit"


def test_interview_labels_come_from_the_field_texts():
    from gdb_cli.wizard.catalogue import load_questionnaire, walk_questions

    handbook = load_handbook()
    fields = handbook.fields
    questionnaire = load_questionnaire(handbook)
    own = tomllib.loads((bundled_content() / "wizard.toml").read_text("utf-8"))
    overrides = 0
    for section in questionnaire.sections:
        for question in walk_questions(section.questions):
            if question.name.de != fields.short(question.key, "de"):
                overrides += 1
    # wizard.toml names a label only where the interview calls a field differently
    assert overrides == sum(
        1
        for section in own["sections"]
        for question in section["questions"]
        for item in [question, *question.get("items", [])]
        if "label" in item
    )
    goals = questionnaire.by_pattern["goals"]
    assert goals.item_name() == "Ziel"


def test_steckbrief_labels_are_field_labels():
    from gdb_cli.views.steckbrief import _FIELDS

    fields = load_handbook().fields
    for key, path in _FIELDS.items():
        assert fields.text(path) is not None, (key, path)


def test_a_pack_without_field_texts_uses_the_bundled_ones(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "content", pack)
    (pack / FIELDS_FILE).unlink()
    assert load_handbook(pack).fields.label("mandate.scope", "de") == "Mandat › Umfang"


def test_a_broken_field_entry_is_a_pack_error(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "content", pack)
    path = pack / FIELDS_FILE
    text = path.read_text("utf-8").replace(
        'label = { de = "Titel", en = "Title" }', 'label = { de = "", en = "Title" }'
    )
    path.write_text(text, "utf-8")
    line = text.splitlines().index('label = { de = "", en = "Title" }') + 1
    with pytest.raises(
        GdbError, match=rf'fields\.toml:{line}: fields\."measure\.title"\.label\.de'
    ):
        load_handbook(pack)
