"""`gdb check --jobs`: several processes, the very same output in the same order."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from generate import generate

from gdb_cli.checking import PARALLEL_THRESHOLD, effective_jobs


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("portfolio")
    generate(folder, 60, seed=7)
    (folder / "team-000" / "notes.toml").write_text('title = "kein Charta"\n', encoding="utf-8")
    (folder / "team-000" / "broken.toml").write_text("[measure\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "markdown"])
def test_parallel_output_equals_serial_output(gdb, portfolio, output_format):
    args = ["check", portfolio, "--format", output_format, "--as-of", "2026-11-29"]
    serial = gdb(*args, "--jobs", "1")
    parallel = gdb(*args, "--jobs", "2")
    assert serial.code == parallel.code == 2  # one broken file
    assert parallel.out == serial.out
    assert parallel.err == serial.err
    if output_format == "json":
        data = json.loads(parallel.out)
        assert data["summary"]["files"] == 61


def test_automatic_jobs_only_for_many_files():
    assert effective_jobs(0, PARALLEL_THRESHOLD - 1) == 1
    assert effective_jobs(0, PARALLEL_THRESHOLD) >= 1
    assert effective_jobs(4, 2) == 2
    assert effective_jobs(1, 10_000) == 1


def test_negative_jobs_is_a_usage_error(gdb, portfolio):
    assert gdb("check", portfolio, "--jobs", "-1").code == 2
