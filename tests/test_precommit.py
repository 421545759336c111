"""The pre-commit hook definition: its file pattern and its entry run on sample charters."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT
from gdb_cli.cli import COMMAND_MODULES

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def parse_hooks(text: str) -> list[dict[str, object]]:
    """The tiny YAML subset of `.pre-commit-hooks.yaml`: a list of flat mappings whose values
    are plain or quoted scalars or flow lists (`[a, b]`). Anything else is an error."""
    hooks: list[dict[str, object]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("- "):
            hooks.append({})
            line = "  " + line[2:]
        match = re.fullmatch(r"  ([a-z_]+):\s+(.+)", line)
        if not match or not hooks:
            raise ValueError(f"line {number}: not in the supported YAML subset: {raw!r}")
        hooks[-1][match.group(1)] = _scalar(match.group(2))
    return hooks


def _scalar(value: str) -> object:
    if value.startswith("'") and value.endswith("'"):
        return value[1:-1].replace("''", "'")
    if value.startswith('"') and value.endswith('"'):
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if value.startswith("[") and value.endswith("]"):
        return [_scalar(part.strip()) for part in value[1:-1].split(",") if part.strip()]
    if value in ("true", "false"):
        return value == "true"
    return value.split(" #", 1)[0].strip()


def _hook() -> dict[str, object]:
    hooks = parse_hooks(HOOKS.read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == "gdb-check")


def test_hook_definition():
    hook = _hook()
    assert hook["entry"] == "gdb check"
    assert hook["language"] == "python"
    assert hook["types"] == ["toml"]
    assert {"id", "name", "entry", "language", "files"} <= set(hook)


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("charta.toml", True),
        ("charter.toml", True),
        ("projektcharta.toml", True),
        ("examples/charter.example.toml", True),
        ("massnahmen/regenwasser.charta.toml", True),
        ("massnahmen/regenwasser/charta-2026.toml", True),
        ("pyproject.toml", False),
        ("content/vocabulary.toml", False),
        ("charta.toml.bak", False),
        ("chartaxyz/data.toml", False),
    ],
)
def test_hook_files_pattern(path, matches):
    pattern = re.compile(str(_hook()["files"]))
    assert bool(pattern.search(path)) is matches


def test_parser_rejects_what_it_does_not_understand():
    with pytest.raises(ValueError, match="line 2"):
        parse_hooks("- id: x\n  args:\n    - a\n")


def _entry_command() -> list[str]:
    words = shlex.split(str(_hook()["entry"]))
    assert words[0] == "gdb"
    script = Path(sys.executable).with_name("gdb")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "gdb_cli"]
    return program + words[1:]


@pytest.mark.skipif(
    "gdb_cli.commands.check" not in COMMAND_MODULES,
    reason="`gdb check` (the rule engine of issue 4) is not part of this build yet",
)
def test_hook_entry_runs_on_sample_charters(tmp_path):
    good = tmp_path / "charta.toml"
    shutil.copy(EXAMPLE, good)
    broken = tmp_path / "kaputt.charta.toml"
    broken.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("[mandate]", "[mandat]"), encoding="utf-8"
    )

    def run(*files: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_entry_command(), *map(str, files)],  # pre-commit appends the staged files
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )

    ok = run(good)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    failed = run(good, broken)
    assert failed.returncode != 0
    assert "kaputt.charta.toml" in failed.stdout + failed.stderr
    assert "Traceback" not in failed.stderr


def test_the_repositorys_own_hooks_lint_and_check_the_examples(gdb, monkeypatch):
    """.pre-commit-config.yaml: ruff, ruff format, and gdb checking the examples – which pass."""
    text = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^\s*- id: (\S+)$", text, re.M)
    assert ids == ["ruff", "ruff-format", "gdb-check-examples"]
    gdb_hook = text.split("id: gdb-check-examples", 1)[1]
    entry = shlex.split(re.search(r"entry: (.+)", gdb_hook).group(1))  # type: ignore[union-attr]
    args = re.search(r"args: \[(.*)\]", gdb_hook).group(1).split(", ")  # type: ignore[union-attr]
    assert entry[0] == ".venv/bin/gdb" and entry[1:] == ["check"]
    monkeypatch.chdir(ROOT)
    result = gdb(*entry[1:], *args)
    assert result.code == 0, result.out + result.err
    assert "charter.example.toml" in result.out and "minimal-phase1.toml" in result.out
