"""The validated pack (handbook + rule catalogue) is reused from the user cache only while fresh."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

from gdb_cli import __version__
from gdb_cli.engine.catalog import load_rules
from gdb_cli.pack import cache
from gdb_cli.pack.handbook import PACK_CACHE_FORMAT, load_handbook
from gdb_cli.pack.resources import bundled_content


def _pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(bundled_content(), target)  # copy2 keeps mtimes: not "racy"
    return target


def _entry(pack: Path) -> Path:
    path = cache.entry_path("pack", str(pack.resolve()), "pickle")
    assert path is not None
    return path


def test_second_load_comes_from_the_cache_and_is_equal(tmp_path):
    pack = _pack(tmp_path)
    load_handbook.cache_clear()
    first = load_handbook(pack)
    assert _entry(pack).is_file()
    load_handbook.cache_clear()
    second = load_handbook(pack)
    assert second is not first
    assert second.phases == first.phases and second.vocabulary == first.vocabulary
    assert load_rules(second).codes() == load_rules(first).codes()
    assert [r.model_dump() for r in load_rules(second).rules] == [
        r.model_dump() for r in load_rules(first).rules
    ]


def test_a_changed_rule_file_is_validated_again(tmp_path):
    pack = _pack(tmp_path)
    load_handbook.cache_clear()
    load_handbook(pack)
    rules = pack / "rules" / "mandate.toml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace('code = "MAN001"', 'code = "MAN999"', 1), encoding="utf-8")
    stat = rules.stat()
    os.utime(rules, ns=(stat.st_atime_ns, stat.st_mtime_ns - 5_000_000_000))  # not "racy"
    load_handbook.cache_clear()
    assert "MAN999" in load_rules(load_handbook(pack)).codes()


def test_a_damaged_entry_is_ignored(tmp_path):
    pack = _pack(tmp_path)
    load_handbook.cache_clear()
    load_handbook(pack)
    _entry(pack).write_bytes(b"not a pickle")
    load_handbook.cache_clear()
    assert len(load_rules(load_handbook(pack)).rules) >= 40


def test_an_entry_of_another_format_is_ignored(tmp_path):
    pack = _pack(tmp_path)
    key = str(pack.resolve())
    prints = cache.fingerprint(pack, ("handbook.toml",), ("rules",))
    cache.write_pickle("pack", PACK_CACHE_FORMAT + 1, key, prints, ("x", "y"))
    assert cache.read_pickle("pack", PACK_CACHE_FORMAT, key, prints) is None


def test_no_cache_switch(tmp_path, monkeypatch):
    monkeypatch.setenv("GDB_NO_CACHE", "1")
    pack = _pack(tmp_path)
    load_handbook.cache_clear()
    load_handbook(pack)
    monkeypatch.delenv("GDB_NO_CACHE")
    assert not _entry(pack).exists()


_PROBE = """
import sys
from gdb_cli.cli import run
code = run(['check', sys.argv[1]])
import pydantic
from gdb_cli.pack import handbook
from gdb_cli.engine import catalog
models = [
    name
    for module in (handbook, catalog)
    for name, value in vars(module).items()
    if isinstance(value, type) and issubclass(value, pydantic.BaseModel)
]
print(code, 'gdb_cli.pack.record_models' in sys.modules, len(models))
"""


def test_a_warm_check_creates_no_pydantic_model_for_pack_or_rules(tmp_path):
    """Warm (pack from the user cache): records only, the validating models are never derived."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("GDB_NO_CACHE", None)
    example = Path(__file__).resolve().parents[1] / "examples" / "charter.example.toml"
    runs = [
        subprocess.run(
            [sys.executable, "-c", _PROBE, str(example)], env=env, capture_output=True, text=True
        )
        for _ in ("cold", "warm")
    ]
    cold, warm = (run.stdout.split()[-3:] for run in runs)
    assert cold == ["0", "True", "0"], runs[0].stderr
    assert warm == ["0", "False", "0"], runs[1].stderr


def test_the_cached_pack_equals_a_fresh_validation(tmp_path, monkeypatch):
    pack = _pack(tmp_path)
    load_handbook.cache_clear()
    load_handbook(pack)  # fills the cache
    load_handbook.cache_clear()
    cached = load_handbook(pack)
    monkeypatch.setenv("GDB_NO_CACHE", "1")
    load_handbook.cache_clear()
    fresh = load_handbook(pack)
    assert cached is not fresh
    for part in ("pack", "phases", "theses", "vocabulary"):
        assert getattr(cached, part) == getattr(fresh, part), part
    cached_rules, fresh_rules = load_rules(cached), load_rules(fresh)
    assert cached_rules.rules == fresh_rules.rules
    assert cached_rules.areas == fresh_rules.areas
    assert cached_rules.files == fresh_rules.files


def test_an_entry_in_the_old_single_pickle_layout_is_ignored(tmp_path):
    pack = _pack(tmp_path)
    key = str(pack.resolve())
    prints = cache.fingerprint(pack, ("handbook.toml",), ("rules",))
    header = ["pack", PACK_CACHE_FORMAT, __version__, key, prints]
    _entry(pack).parent.mkdir(parents=True, exist_ok=True)
    _entry(pack).write_bytes(pickle.dumps((header, ("x", "y")), protocol=5))
    assert cache.read_pickle("pack", PACK_CACHE_FORMAT, key, prints) is None


def test_cache_folder_is_the_platforms_user_cache_folder(tmp_path, monkeypatch):
    import sys

    import platformdirs

    from gdb_cli.pack import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("gdb", appauthor=False))
    if sys.platform.startswith("linux"):
        assert cache.cache_dir() == tmp_path / "xdg" / "gdb"
        monkeypatch.delenv("XDG_CACHE_HOME")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert cache.cache_dir() == tmp_path / "home" / ".cache" / "gdb"
    monkeypatch.setenv("GDB_NO_CACHE", "1")
    assert cache.cache_dir() is None
