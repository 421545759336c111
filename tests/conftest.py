"""Shared fixtures: run gdb in-process and capture its streams; paths to examples."""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from gdb_cli import i18n, settings
from gdb_cli.cli import run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "charter.example.toml"
SARIF_SCHEMA = ROOT / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"


@functools.cache
def _sarif_validator() -> Any:
    from jsonschema import Draft4Validator, FormatChecker

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    # FormatChecker(): every format jsonschema knows, `uri-reference` too (draft-04 has only `uri`)
    return Draft4Validator(schema, format_checker=FormatChecker())


def assert_valid_sarif(text: str) -> dict[str, Any]:
    """`text` is a SARIF 2.1.0 log by the official OASIS schema (formats checked); its data."""
    data: dict[str, Any] = json.loads(text)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _sarif_validator().iter_errors(data)
    ]
    assert not errors, "invalid SARIF:\n" + "\n".join(errors[:10])
    return data


def json_document(text: str, key: str | None = None) -> Any:
    """A command's `--format json` document (format_version 1); its `key` list when given."""
    data = json.loads(text)
    assert isinstance(data, dict) and data.get("format_version") == 1, str(data)[:200]
    return data[key] if key else data


def _asks_for_sarif(args: Sequence[str]) -> bool:
    return any(
        arg == "--format=sarif" or (arg in ("-f", "--format") and following == "sarif")
        for arg, following in itertools.pairwise([*args, ""])
    )


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
        if _asks_for_sarif([str(a) for a in args]) and captured.out.strip():
            assert_valid_sarif(captured.out)  # every SARIF the tests write
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


# The engine's in-memory caches: module → names (functools caches and dictionaries); the
# compiled plans live on the rule catalogue, which `engine.catalog._cache` holds.
_ENGINE_CACHES = {
    "gdb_cli.engine": ("_labels_cache",),
    "gdb_cli.engine.catalog": ("_cache",),
}


@pytest.fixture(scope="session", autouse=True)
def _fresh_engine_under_mutation() -> None:
    """Under mutation testing (`mutmut run`, see pyproject.toml) each mutant's tests run in a fork
    of a process that already ran them: drop what the engine compiled and cached there, so the
    mutated code runs instead of a result computed before. Does nothing in a normal run."""
    import importlib
    import os

    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        return
    for module_name, names in _ENGINE_CACHES.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:  # moved: nothing cached there any more
            continue
        for name in names:
            cache = getattr(module, name, None)
            if cache is None:
                continue
            if hasattr(cache, "cache_clear"):
                cache.cache_clear()
            elif hasattr(cache, "clear"):
                cache.clear()
