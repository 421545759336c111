"""Shared fixtures: run gdb in-process and capture its streams; paths to examples."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from gdb_cli import i18n, settings
from gdb_cli.cli import run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "charter.example.toml"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "GDB_LANG",
        "GDB_HANDBOOK",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "NO_COLOR",
        "GDB_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    i18n.set_language("de")
    settings.current = settings.Settings()


@pytest.fixture
def gdb(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run `gdb ARGS…` in this process; returns exit code, stdout and stderr."""

    def call(*args: str) -> Result:
        capsys.readouterr()
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def _method_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _isolated_cache(monkeypatch: pytest.MonkeyPatch, _method_cache_dir: Path) -> None:
    """Never write the method index into the real user cache during tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_method_cache_dir))
    monkeypatch.delenv("GDB_NO_CACHE", raising=False)
