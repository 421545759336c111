"""Hostile inputs (issue 7, robustness): each case with the exit code and a message fragment.

Every case is built in code (no binary files in git). Each one goes through `gdb check` (text and
JSON), and through the commands that read one charter – `export --format md|html`, `status`,
`phases --charter` – and as answers to `gdb init --no-input`. The rule everywhere: the documented
exit code (0 ok, 1 findings, 2 input problem), a clear message, never a traceback or an internal
error (exit 3), and nothing hangs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import EXAMPLE

AS_OF = "2026-11-30"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


def _sub(pattern: str, replacement: str, count: int = 0) -> bytes:
    text, n = re.subn(pattern, replacement, EXAMPLE_TEXT, count=count, flags=re.M)
    assert n, pattern
    return text.encode("utf-8")


@dataclass(frozen=True)
class Case:
    """`check`: exit code and a fragment of its text output (stdout + stderr).

    `single`: the exit code of the commands that need a valid charter (export, status, phases
    --charter): 0 when the charter is valid, 2 when it cannot be used; `fragment` must then be in
    their stderr (or stdout when they succeed). `init`: exit code of `gdb init --no-input
    --answers FILE` (None: not applicable).
    """

    data: Callable[[], bytes]
    check: int
    fragment: str
    single: int = 2
    init: int | None = 2


CASES: dict[str, Case] = {
    "huge amount 1e308": Case(
        lambda: _sub(r"^  amount_eur = \d+", "  amount_eur = 1e308", 1),
        1,
        "darf höchstens 1000000000000 sein",
    ),
    "huge amount 10**30": Case(
        lambda: _sub(r"^budget_total_eur = \d+", f"budget_total_eur = {10**30}"),
        1,
        "Der Wert darf höchstens 1000000000000 sein",
    ),
    "negative amount": Case(
        lambda: _sub(r"^  amount_eur = \d+", "  amount_eur = -5", 1),
        1,
        "Der Wert muss mindestens 0 sein",
    ),
    "huge fte": Case(
        lambda: _sub(r"^  fte = [\d.]+", "  fte = 1e300", 1), 1, "darf höchstens 1000000 sein"
    ),
}


def _write(tmp_path: Path, case: Case, name: str = "charta.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(case.data())
    return path


def _assert_clean_exit(result, expected: int, what: str) -> None:
    assert "Traceback" not in result.err, what
    assert "Interner Fehler" not in result.err, (what, result.err[-800:])
    assert result.code == expected, (what, result.code, result.err[-800:], result.out[-800:])


@pytest.mark.parametrize("name", list(CASES))
def test_check(gdb, tmp_path, name) -> None:
    case = CASES[name]
    file = _write(tmp_path, case)
    result = gdb("check", file, "--as-of", AS_OF)
    _assert_clean_exit(result, case.check, f"check {name}")
    assert case.fragment in result.out + result.err
    result = gdb("check", "-f", "json", file, "--as-of", AS_OF)
    _assert_clean_exit(result, case.check, f"check --format json {name}")
    json.loads(result.out)


SINGLE = [
    ("export", "--format", "md"),
    ("export", "--format", "html"),
    ("status",),
    ("status", "--format", "json"),
    ("phases", "--charter"),
]


@pytest.mark.parametrize("name", list(CASES))
def test_single_charter_commands(gdb, tmp_path, name) -> None:
    case = CASES[name]
    file = _write(tmp_path, case)
    for command in SINGLE:
        extra = () if command[0] == "phases" else ("--as-of", AS_OF)
        result = gdb(*command, file, *extra)
        _assert_clean_exit(result, case.single, f"{' '.join(command)} {name}")
        if case.single == 2:
            assert case.fragment in result.err, (command, result.err)
            assert result.out == "", command  # nothing half-written to stdout


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.init is not None])
def test_init_answers(gdb, tmp_path, name) -> None:
    case = CASES[name]
    answers = _write(tmp_path, case, "answers.toml")
    target = tmp_path / "new.toml"
    result = gdb("init", "--no-input", "--answers", answers, target)
    _assert_clean_exit(result, case.init, f"init {name}")
    if case.init == 2:
        assert not target.exists()
    assert not list(tmp_path.glob(".*.tmp")), "temp file left behind"
