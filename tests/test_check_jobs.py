"""`gdb check --jobs`: several processes, the very same output in the same order."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from generate import generate

from gdb_cli.engine.run import PARALLEL_THRESHOLD, effective_jobs


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


def test_quiet_parallel_output_equals_serial_output(gdb, portfolio):
    args = ["-q", "check", portfolio, "--as-of", "2026-11-29", "--statistics"]
    serial = gdb(*args, "--jobs", "1")
    assert gdb(*args, "--jobs", "2").out == serial.out
    assert serial.out


def test_findings_survive_pickling_as_they_were():
    """Worker processes send findings back pickled (`Finding.__reduce__`)."""
    import pickle

    from gdb_cli.findings import Finding

    finding = Finding(
        "MAN001",
        "error",
        "Das Mandat fehlt.",
        path="mandate.status",
        line=3,
        column=1,
        file="a.toml",
        applies_from=2,
        hint="mandate",
        extra={"area": "mandate", "reason": "weil"},
    )
    copy = pickle.loads(pickle.dumps(finding))
    assert copy == finding
    assert copy.extra == finding.extra
    assert [getattr(copy, name) for name in Finding.__slots__] == [
        getattr(finding, name) for name in Finding.__slots__
    ]


def test_text_written_file_by_file_equals_the_rendered_text(portfolio, capsys):
    import datetime as dt

    from gdb_cli import context
    from gdb_cli.engine.run import run_check
    from gdb_cli.render import check_text

    run = run_check([portfolio], context.handbook(), as_of=dt.date(2026, 11, 29), statistics=True)
    for quiet in (False, True):
        check_text.show(run, quiet=quiet)
        assert capsys.readouterr().out == check_text.render(run, quiet=quiet)


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_stopping_a_parallel_check_ends_every_process(tmp_path, how):
    """A stop sent to the whole process group (as a terminal or a CI runner does) ends gdb
    with 130 and leaves no worker behind: workers die on SIGTERM and ignore SIGINT, the
    parent stops the pool.

    No guessing how long start-up takes: the first file is a FIFO, and a worker opening it to
    read is the event that says the pool is running (the worker then waits in `read` for
    data that only comes after the stop)."""
    import os
    import signal
    import subprocess
    import threading

    folder = tmp_path / "many"
    generate(folder, 1500, seed=11)
    fifo = tmp_path / "first.charta.toml"
    os.mkfifo(fifo)
    env = {**os.environ, "NO_COLOR": "1", "GDB_LANG": "de"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gdb_cli", "check", "-q", "--jobs", "2", str(fifo), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    writer: list[int] = []
    opened = threading.Thread(target=lambda: writer.append(os.open(fifo, os.O_WRONLY)))
    opened.daemon = True
    opened.start()  # blocks until a reader opens the FIFO: a worker is at work
    try:
        opened.join(timeout=120)
        if not writer:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            with contextlib.suppress(OSError):  # let the opening thread end
                os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
            raise AssertionError("no worker of gdb check --jobs 2 opened the first file")
        os.killpg(process.pid, getattr(signal, how))
        try:
            _out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise AssertionError("gdb check --jobs 2 did not end after the stop") from None
    finally:
        for fd in writer:
            os.close(fd)
    assert process.returncode == 130, err
    assert b"Traceback" not in err
    # The parent reaps its workers before it exits, so none is left – not even a zombie.
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)
