"""`gdb schema`: the JSON Schema of a charter validates the example and rejects broken copies."""

from __future__ import annotations

import copy
import json
import re
import tomllib

import jsonschema
import pytest

from conftest import EXAMPLE, ROOT
from gdb_cli.charter.schema import (
    charter_schema,
    key_paths,
    load_texts,
    schema_directive,
    toml_to_json,
)
from gdb_cli.errors import GdbError
from gdb_cli.pack.handbook import load_handbook


def _validator(schema: dict) -> jsonschema.Draft7Validator:
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def _example() -> dict:
    return toml_to_json(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def schema() -> dict:
    return charter_schema(load_handbook(), "de")


def test_example_charter_is_valid(schema):
    errors = list(_validator(schema).iter_errors(_example()))
    assert errors == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["measure"].update(type="zentrall"), "zentrall"),
        (lambda d: d["measure"].update(start="15.01.2026"), "15.01.2026"),
        (lambda d: d["measure"].update(start="2026-13"), "2026-13"),
        (lambda d: d["measure"].update(mandat="x"), "mandat"),
        (lambda d: d["measure"].pop("title"), "title"),
        (lambda d: d["goals"][0].update(values=["schnell"]), "schnell"),
        (lambda d: d["resources"]["budget"][0].update(amount_eur=-5), "-5"),
        (lambda d: d["measure"].update(id="Regenwasser Dashboard"), "Regenwasser"),
        (lambda d: d["measure"].update(phase=7), "7"),
        (lambda d: d["responsibility"]["lead"].update(email="kein-at-zeichen"), "kein"),
        (lambda d: d["stakeholders"][0].update(involved="ja"), "ja"),
    ],
)
def test_broken_copy_fails(schema, change, expected):
    data = copy.deepcopy(_example())
    change(data)
    messages = [error.message for error in _validator(schema).iter_errors(data)]
    assert messages, "the broken copy should not validate"
    assert any(expected in message for message in messages), messages


def test_closed_lists_become_enums_from_the_pack(schema):
    handbook = load_handbook()
    text = json.dumps(schema)
    for name, closed in handbook.vocabulary.items():
        assert json.dumps(closed.ids()) in text, name
    measure = schema["definitions"]["Measure"]["properties"]
    assert measure["type"]["enum"] == ["zentral", "dezentral", "netzwerk"]
    assert measure["phase"]["enum"] == [1, 2, 3, 4, 5]
    assert measure["entered_phase_on"] == {
        "anyOf": [
            {"format": "date", "type": "string"},
            {"pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$", "type": "string"},
        ],
        "description": measure["entered_phase_on"]["description"],
    }


def test_every_key_has_descriptions_in_both_languages():
    _title, _description, texts = load_texts(load_handbook())
    assert sorted(texts) == sorted(key_paths())
    for lang in ("de", "en"):
        schema = charter_schema(load_handbook(), lang)
        assert schema["properties"]["measure"]["description"]
        assert "$ref" not in schema["properties"]["measure"]  # wrapped in allOf for draft-07
    english = charter_schema(load_handbook(), "en")
    assert english["definitions"]["Measure"]["properties"]["title"]["description"].startswith(
        "Title of the measure"
    )


def test_schema_has_no_null_and_no_pydantic_leftovers(schema):
    text = json.dumps(schema)
    assert '"null"' not in text
    assert "$defs" not in text
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_unknown_key_path_in_pack_texts_is_a_pack_error(tmp_path):
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "content", pack)
    path = pack / "fields.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '[fields."measure.titel"]\nlabel = { de = "x", en = "x" }\n'
        + 'description = { de = "x", en = "x" }\n',
        encoding="utf-8",
    )
    with pytest.raises(GdbError, match=r"fields\.toml.*measure\.titel"):
        load_handbook(pack)


def test_cli_prints_schema_in_chosen_language(gdb):
    german = gdb("schema")
    english = gdb("schema", "--lang", "en")
    assert german.code == english.code == 0
    assert json.loads(german.out)["title"].startswith("Projektcharta")
    assert json.loads(english.out)["title"].startswith("Project charter")


def test_cli_writes_file_atomically(gdb, tmp_path):
    target = tmp_path / "charter.schema.json"
    result = gdb("schema", "-o", target)
    assert result.code == 0, result.err
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "object"
    assert [p.name for p in tmp_path.iterdir()] == ["charter.schema.json"]  # no temp file left


def test_cli_unwritable_target_is_a_clean_error(gdb, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = gdb("schema", "-o", blocker / "schema.json")
    assert result.code == 2
    assert "Traceback" not in result.err


def test_schema_directive(tmp_path):
    charter = tmp_path / "projekt" / "charta.toml"
    schema_file = tmp_path / "schemas" / "charter.schema.json"
    assert schema_directive(schema_file, charter) == "#:schema ../schemas/charter.schema.json"
    assert schema_directive(tmp_path / "projekt" / "s.json", charter) == "#:schema ./s.json"
    url = "https://example.berlin/gdb/charter.schema.json"
    assert schema_directive(url, charter) == f"#:schema {url}"
    assert schema_directive("x.json") == "#:schema x.json"


def test_directive_line_keeps_charter_valid_toml(tmp_path):
    text = schema_directive("./charter.schema.json") + "\n" + EXAMPLE.read_text(encoding="utf-8")
    assert tomllib.loads(text)["measure"]["phase"] == 3


# English words that never occur in a German text (no German word is spelled like these);
# "date" is missing on purpose: `format: date` is JSON Schema's own term.
_ENGLISH = {
    "the", "and", "of", "what", "who", "how", "which", "when", "with", "for", "is", "are",
    "its", "their", "this", "that", "to", "or", "be", "being", "keeps", "showed", "runs",
    "travel", "others", "knowledge", "solution", "effect", "result", "measure", "evaluated",
    "impact", "operation", "transfer", "required", "missing",
}  # fmt: skip


def _texts(node: object, path: str = "") -> list[tuple[str, str]]:
    """(path, text) of every title and description in a schema."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "description") and isinstance(value, str):
                found.append((f"{path}/{key}", value))
            else:
                found += _texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _texts(value, f"{path}/{index}")
    return found


def test_german_schema_has_no_english_descriptions(gdb):
    german = json.loads(gdb("schema").out)
    english = dict(_texts(json.loads(gdb("--lang", "en", "schema").out)))
    for path, text in _texts(german):
        prose = text.split("Zulässig:")[0]  # after it: the values' ids, which are not translated
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", prose)}
        assert not words & _ENGLISH, f"{path}: {text}"
        assert text != english.get(path), f"{path} is the same in German and English: {text}"
