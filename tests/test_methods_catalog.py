"""The catalogue: validity of the bundled methods, broken packs, and the index cache."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys

import pytest

from conftest import ROOT
from gdb_cli.errors import GdbError
from gdb_cli.methods import store
from gdb_cli.methods.models import validate_pack
from gdb_cli.pack.resources import bundled_content
from methods_helpers import OLD, copy_pack


@pytest.fixture(autouse=True)
def _fresh_memo():
    store._memo.clear()
    yield
    store._memo.clear()


def test_bundled_catalogue_is_valid_and_complete():
    catalogue = validate_pack(bundled_content())
    methods = catalogue.methods
    assert len(methods) >= 80
    ids = [m.id for m in methods]
    assert len(ids) == len(set(ids))
    assert sorted(p.stem for p in (bundled_content() / "methods").glob("[!_]*.toml")) == sorted(ids)
    assert set(catalogue.folded) == set(ids)
    for phase in range(1, 6):
        assert sum(phase in m.phases for m in methods) >= 8, phase
    for method in methods:
        assert set(method.tags) <= set(catalogue.tags)
        assert set(method.related) <= set(ids)
        assert 3 <= len(method.steps) <= 7


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "needles"),
    [
        (
            "kick-off.toml",
            "phases = [1]",
            "phases = []",
            ["methods/kick-off.toml:6", "phases"],
        ),
        (
            "kick-off.toml",
            "duration_minutes = { min = 90, max = 180 }",
            "duration_minutes = { min = 190, max = 180 }",
            ["methods/kick-off.toml:7", "duration_minutes", "min (190)"],
        ),
        (
            "kick-off.toml",
            'tags = ["governance", "planning", "participation"]',
            'tags = ["governance", "planing"]',
            ["methods/kick-off.toml", "tags[1]", "planing"],
        ),
        (
            "kick-off.toml",
            'related = ["steering-round"',
            'related = ["steering-rounds"',
            ["methods/kick-off.toml", "related[0]", "steering-rounds"],
        ),
        (
            "kick-off.toml",
            'id = "kick-off"',
            'id = "kickoff"',
            ["methods/kick-off.toml:1", "id", "kickoff"],
        ),
        (
            "kick-off.toml",
            'source = "gdb"',
            'source = "wiki"',
            ["methods/kick-off.toml", "source", "wiki"],
        ),
        (
            "kick-off.toml",
            'effort = "medium"',
            'effort = "medium',
            ["methods/kick-off.toml:9", "TOML"],
        ),
        (
            "_catalogue.toml",
            'id = "participation"',
            'id = "participation"\nextra = 1',
            ["methods/_catalogue.toml", "extra"],
        ),
    ],
)
def test_broken_method_file_exits_2_naming_file_and_key(gdb, tmp_path, file, old, new, needles):
    pack = copy_pack(tmp_path)
    _replace(pack / "methods" / file, old, new)
    result = gdb("--handbook", str(pack), "methods")
    assert result.code == 2
    for needle in needles:
        assert needle in result.err, result.err
    assert "Traceback" not in result.err


def test_too_few_steps_names_file_and_key(gdb, tmp_path):
    pack = copy_pack(tmp_path)
    path = pack / "methods" / "decision-round.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    drop = [i for i, line in enumerate(lines) if line.startswith("  { de = ") and "Prüfen" in line]
    del lines[drop[0]]
    del lines[drop[0]]  # two of four steps gone -> 2 steps
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = gdb("--handbook", str(pack), "methods")
    assert result.code == 2
    assert "methods/decision-round.toml" in result.err and "steps" in result.err


def test_phase_without_methods_is_rejected(gdb, tmp_path):
    pack = copy_pack(tmp_path)
    for path in (pack / "methods").glob("*.toml"):
        if path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        for variant in ("phases = [5]", ", 5]"):
            text = text.replace(variant, "]" if variant == ", 5]" else "phases = [4]")
        path.write_text(text, encoding="utf-8")
    result = gdb("--handbook", str(pack), "methods")
    assert result.code == 2
    assert "Phase 5" in result.err


def test_index_is_written_then_used(tmp_path):
    pack = copy_pack(tmp_path)
    cold = store.load_catalogue(pack)
    assert not cold.from_cache
    store._memo.clear()
    warm = store.load_catalogue(pack)
    assert warm.from_cache
    assert warm.methods == cold.methods
    assert warm.sources == cold.sources and warm.tags == cold.tags and warm.phases == cold.phases


def test_touched_file_invalidates_the_index(tmp_path):
    pack = copy_pack(tmp_path)
    store.load_catalogue(pack)
    store._memo.clear()
    os.utime(pack / "methods" / "kick-off.toml", (OLD + 60, OLD + 60))  # same content, new mtime
    assert not store.load_catalogue(pack).from_cache
    store._memo.clear()
    assert store.load_catalogue(pack).from_cache  # re-written after validation


def test_edited_file_is_revalidated_not_served_stale(tmp_path):
    pack = copy_pack(tmp_path)
    store.load_catalogue(pack)
    path = pack / "methods" / "kick-off.toml"
    _replace(path, 'name = { de = "Kick-Off"', 'name = { de = "Auftakt"')
    os.utime(path, (OLD, OLD))  # even with the old mtime, the size differs
    catalogue = store.load_catalogue(pack)  # memo must not hide the change either
    assert not catalogue.from_cache
    edited = catalogue.get("kick-off")
    assert edited is not None and edited.name.de == "Auftakt"


def test_edited_file_with_same_size_and_new_mtime_is_revalidated(tmp_path):
    pack = copy_pack(tmp_path)
    store.load_catalogue(pack)
    path = pack / "methods" / "kick-off.toml"
    _replace(path, 'name = { de = "Kick-Off"', 'name = { de = "Kick-Up"')  # same length
    os.utime(path, (OLD + 1, OLD + 1))
    edited = store.load_catalogue(pack).get("kick-off")
    assert edited is not None and edited.name.de == "Kick-Up"


def test_broken_edit_after_caching_is_reported(tmp_path):
    pack = copy_pack(tmp_path)
    store.load_catalogue(pack)
    _replace(pack / "methods" / "kick-off.toml", "phases = [1]", "phases = [9]")
    with pytest.raises(GdbError, match="phases"):
        store.load_catalogue(pack)


def test_new_and_removed_files_invalidate(tmp_path):
    pack = copy_pack(tmp_path)
    store.load_catalogue(pack)
    store._memo.clear()
    (pack / "methods" / "lean-coffee.toml").unlink()
    with pytest.raises(GdbError, match="lean-coffee"):  # another method relates to it
        store.load_catalogue(pack)


def test_racy_files_are_not_indexed(tmp_path, _method_cache_dir):
    pack = copy_pack(tmp_path)
    os.utime(pack / "methods" / "kick-off.toml")  # modified "now"
    store.load_catalogue(pack)
    store._memo.clear()
    assert not store.load_catalogue(pack).from_cache


def test_corrupt_or_foreign_index_is_ignored(tmp_path):
    pack = copy_pack(tmp_path)
    store.load_catalogue(pack)
    directory = store.cache_dir()
    assert directory is not None
    path = store.index_path(directory, str(pack.resolve()))
    good = path.read_bytes()
    path.write_bytes(b"not a pickle")
    store._memo.clear()
    assert not store.load_catalogue(pack).from_cache
    stream = io.BytesIO(good)
    header = pickle.load(stream)  # the header comes first; the records follow
    header[2] = "0.0.0-other"  # written by another gdb version
    path.write_bytes(pickle.dumps(header) + good[stream.tell() :])
    store._memo.clear()
    assert not store.load_catalogue(pack).from_cache


def test_unwritable_cache_falls_back_to_validation(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    pack = copy_pack(tmp_path)
    assert len(store.load_catalogue(pack).methods) >= 80
    store._memo.clear()
    assert not store.load_catalogue(pack).from_cache


def test_no_cache_switch(tmp_path, monkeypatch):
    monkeypatch.setenv("GDB_NO_CACHE", "1")
    assert store.cache_dir() is None
    pack = copy_pack(tmp_path)
    store.load_catalogue(pack)
    store._memo.clear()
    assert not store.load_catalogue(pack).from_cache


def test_warm_start_imports_neither_pydantic_models_nor_toml(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "GDB_LANG": "de"}
    env.pop("GDB_NO_CACHE", None)
    pack = copy_pack(tmp_path)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from gdb_cli.methods.store import load_catalogue\n"
        f"c = load_catalogue(Path({str(pack)!r}))\n"
        "print(c.from_cache, len(c.methods))\n"
        "print(sorted(m for m in sys.modules if m in ('pydantic', 'tomllib',"
        " 'gdb_cli.pack.handbook', 'gdb_cli.methods.models')))\n"
    )
    first = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0].startswith("False")
    second = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    lines = second.stdout.splitlines()
    assert lines[0].startswith("True")
    assert lines[1] == "[]"
