"""The validated pack (handbook + rule catalogue) is reused from the user cache only while fresh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from gdb_cli import cache
from gdb_cli.engine.catalog import load_rules
from gdb_cli.handbook import PACK_CACHE_FORMAT, load_handbook
from gdb_cli.resources import bundled_content


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


def test_warm_check_does_not_validate_the_pack(tmp_path):
    """On a warm start the pack's pydantic validators are never built."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    probe = (
        "import sys\n"
        "from gdb_cli.cli import run\n"
        "code = run(['check', sys.argv[1]])\n"
        "from gdb_cli.handbook import PhasesFile\n"
        "from gdb_cli.engine.catalog import RulesFile\n"
        "print(code, PhasesFile.__pydantic_complete__, RulesFile.__pydantic_complete__)\n"
    )
    example = Path(__file__).resolve().parents[1] / "examples" / "charter.example.toml"
    cold = subprocess.run(
        [sys.executable, "-c", probe, str(example)], env=env, capture_output=True, text=True
    )
    warm = subprocess.run(
        [sys.executable, "-c", probe, str(example)], env=env, capture_output=True, text=True
    )
    assert cold.stdout.split()[-3:] == ["0", "True", "True"], cold.stderr
    assert warm.stdout.split()[-3:] == ["0", "False", "False"], warm.stderr
