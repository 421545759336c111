"""Helpers for the method tests: charter variants and copied packs."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from conftest import EXAMPLE
from gdb_cli.pack.resources import bundled_content

OLD = 1_600_000_000  # a fixed, old modification time (2020) – never "racy"


def example_data() -> dict[str, Any]:
    return tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def write_charter(path: Path, data: dict[str, Any]) -> Path:
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    return path


def copy_pack(tmp_path: Path) -> Path:
    """A copy of the bundled pack with old, fixed mtimes (so an index may be written)."""
    target = tmp_path / "pack"
    shutil.copytree(bundled_content(), target)
    for path in target.rglob("*.toml"):
        os.utime(path, (OLD, OLD))
    return target
