"""The bundled handbook pack is valid; a broken pack is rejected naming file and key."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from gdb_cli.errors import GdbError
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.pack.resources import bundled_content

CORE_FILES = ("handbook.toml", "phases.toml", "theses.toml", "vocabulary.toml")


def test_bundled_pack_loads():
    handbook = load_handbook()
    assert [p.number for p in handbook.phases] == [1, 2, 3, 4, 5]
    assert len(handbook.theses.theses) == 8
    assert handbook.pack.key_thesis == 6
    for name in (
        "values",
        "fields_of_action",
        "measure_types",
        "mandate_bodies",
        "stakeholder_groups",
        "involvement_levels",
    ):
        assert handbook.closed(name).ids()


def test_value_compass_and_fields_of_action_are_complete():
    handbook = load_handbook()
    assert set(handbook.closed("values").ids()) == {
        "nachhaltig",
        "gemeinwohlorientiert",
        "resilient",
        "kooperativ",
    }
    assert len(handbook.closed("fields_of_action").ids()) == 4


def test_every_record_has_sources_and_both_languages():
    root = bundled_content()
    for name in CORE_FILES:
        data = tomllib.loads((root / name).read_text(encoding="utf-8"))
        _assert_bilingual(data, name)
    handbook = load_handbook()
    assert all(p.sources for p in handbook.phases)
    assert all(t.sources for t in handbook.theses.theses)
    assert all(lst.sources for lst in handbook.vocabulary.values())


def _assert_bilingual(value, where):
    if isinstance(value, dict):
        if set(value) & {"de", "en"}:
            assert set(value) == {"de", "en"}, where
            if isinstance(value["de"], list):
                assert len(value["de"]) == len(value["en"]), where
            else:
                assert value["de"].strip() and value["en"].strip(), where
        for key, sub in value.items():
            _assert_bilingual(sub, f"{where}.{key}")
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            _assert_bilingual(sub, f"{where}[{index}]")


def _copy_pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(bundled_content(), target)
    return target


def test_broken_pack_names_file_key_and_line(tmp_path):
    pack = _copy_pack(tmp_path)
    phases = pack / "phases.toml"
    text = phases.read_text(encoding="utf-8")
    phases.write_text(text.replace('key = "exploration"', "key = 2"), encoding="utf-8")
    load_handbook.cache_clear()
    with pytest.raises(GdbError) as caught:
        load_handbook(pack)
    message = caught.value.message
    assert "phases.toml" in message and "phases[1].key" in message
    line = next(i for i, row in enumerate(phases.read_text().splitlines(), 1) if "key = 2" in row)
    assert f":{line}:" in message


def test_pack_with_syntax_error(tmp_path):
    pack = _copy_pack(tmp_path)
    (pack / "vocabulary.toml").write_text("[lists\n", encoding="utf-8")
    load_handbook.cache_clear()
    with pytest.raises(GdbError) as caught:
        load_handbook(pack)
    assert "vocabulary.toml:1" in caught.value.message


def test_folder_without_pack(tmp_path, gdb):
    result = gdb("--handbook", tmp_path, "phases")
    assert result.code == 2
    assert "handbook.toml" in result.err


def test_another_city_pack_changes_closed_lists(tmp_path, gdb, example_text):
    pack = _copy_pack(tmp_path)
    vocabulary = pack / "vocabulary.toml"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8").replace('id = "dezentral"', 'id = "bezirklich"'),
        encoding="utf-8",
    )
    charter = tmp_path / "c.toml"
    charter.write_text(example_text, encoding="utf-8")
    load_handbook.cache_clear()
    assert gdb("phases", "--charter", charter).code == 0
    result = gdb("--handbook", pack, "phases", "--charter", charter)
    assert result.code == 2
    assert "bezirklich" in result.err


def test_handbook_from_environment(tmp_path, gdb, monkeypatch):
    pack = _copy_pack(tmp_path)
    phases = pack / "phases.toml"
    phases.write_text(
        phases.read_text(encoding="utf-8").replace('de = "Vorprozess"', 'de = "Vorphase"', 1),
        encoding="utf-8",
    )
    monkeypatch.setenv("GDB_HANDBOOK", str(pack))
    result = gdb("phases")
    assert result.code == 0 and "Vorphase" in result.out
