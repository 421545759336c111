"""Interrupted writes and interrupted `gdb init` (issue 7, robustness).

Afterwards the target is byte-identical to the old file or to the new one – never a mix, never
missing – no temporary file is left behind, and answers typed in an interview are never lost.
SIGTERM is handled like Ctrl-C (exit 130).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from gdb_cli import writing
from gdb_cli.writing import atomic_write

OLD = "schema_version = 1  # old\n"
NEW = "schema_version = 1  # new\n" * 100


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# The steps of atomic_write that an interrupt can fall between, in order.
STEPS = ["fsync", "chmod", "link", "replace"]


def _interrupt_at(monkeypatch: pytest.MonkeyPatch, step: str, nth: int) -> None:
    real = getattr(os, step)
    calls = {"n": 0}

    def interrupted(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(writing.os, step, interrupted)


@pytest.mark.parametrize(
    ("step", "nth"), [("fsync", 1), ("chmod", 1), ("link", 1), ("replace", 1), ("replace", 2)]
)
@pytest.mark.parametrize("backup", [False, True])
def test_atomic_write_interrupted_at_every_step(tmp_path, monkeypatch, step, nth, backup) -> None:
    target = tmp_path / "charta.toml"
    target.write_text(OLD, encoding="utf-8")
    (tmp_path / "charta.toml.bak").write_text("older backup", encoding="utf-8")
    _interrupt_at(monkeypatch, step, nth)
    with contextlib.suppress(KeyboardInterrupt):
        atomic_write(target, NEW, backup=backup)
    assert target.read_text(encoding="utf-8") in (OLD, NEW)
    assert _leftovers(tmp_path) == []
    backup_text = (tmp_path / "charta.toml.bak").read_text(encoding="utf-8")
    assert backup_text in ("older backup", OLD)
    if target.read_text(encoding="utf-8") == NEW and backup:
        assert backup_text == OLD  # the new file is only in place once the old one is kept


def test_backup_without_hard_links_is_a_copy(tmp_path, monkeypatch) -> None:
    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(writing.os, "link", no_links)
    target = tmp_path / "charta.toml"
    target.write_text(OLD, encoding="utf-8")
    assert atomic_write(target, NEW, backup=True) == tmp_path / "charta.toml.bak"
    assert target.read_text(encoding="utf-8") == NEW
    assert (tmp_path / "charta.toml.bak").read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []
