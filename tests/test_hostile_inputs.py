"""Hostile inputs (issue 7, robustness): each case with the exit code and a message fragment.

Every case is built in code (no binary files in git). Each one goes through `gdb check` (text and
JSON), and through the commands that read one charter – `export --format md|html`, `status`,
`phases --charter` – and as answers to `gdb init --no-input`. The rule everywhere: the documented
exit code (0 ok, 1 findings, 2 input problem), a clear message, never a traceback or an internal
error (exit 3), and nothing hangs.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
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
    --answers FILE` (None: not applicable). `check_fragment`: what `check` says instead, when it
    differs (a file without any charter section is skipped with a note).
    """

    data: Callable[[], bytes]
    check: int
    fragment: str
    single: int = 2
    init: int | None = 2
    check_fragment: str | None = None


def _with_title(title: str) -> bytes:
    return EXAMPLE_TEXT.replace(
        'title = "Regenwasser-Dashboard für Bezirke"', f"title = {title}", 1
    ).encode("utf-8")


CASES: dict[str, Case] = {
    "empty file": Case(
        lambda: b"", 0, "„schema_version“ fehlt", check_fragment="übersprungen – keine Charta"
    ),
    "only comments": Case(
        lambda: b"# nur\n# Kommentare\n",
        0,
        "„schema_version“ fehlt",
        check_fragment="übersprungen – keine Charta",
    ),
    "10 MB comment": Case(
        lambda: EXAMPLE_TEXT.encode() + b"#" + b"x" * 10_000_000 + b"\n",
        0,
        "bestanden",
        single=0,
        init=0,
    ),
    "20000 keys": Case(
        lambda: (
            EXAMPLE_TEXT.encode() + b"[x]\n" + b"".join(b"k%d = 1\n" % i for i in range(20_000))
        ),
        1,
        "Unbekannter Schlüssel „x“",
    ),
    "NUL byte": Case(
        lambda: EXAMPLE_TEXT.replace("phase = 3", "phase = 3\x00", 1).encode(),
        2,
        "enthält NUL-Bytes",
    ),
    "Latin-1": Case(
        lambda: EXAMPLE_TEXT.encode("latin-1", "replace"), 2, "nicht in UTF-8 gespeichert"
    ),
    "UTF-16 LE with BOM": Case(lambda: EXAMPLE_TEXT.encode("utf-16"), 2, "in UTF-16 gespeichert"),
    "UTF-16 BE with BOM": Case(
        lambda: b"\xfe\xff" + EXAMPLE_TEXT.encode("utf-16-be"), 2, "in UTF-16 gespeichert"
    ),
    "UTF-8 BOM": Case(
        lambda: b"\xef\xbb\xbf" + EXAMPLE_TEXT.encode(), 0, "bestanden", single=0, init=0
    ),
    "CRLF line ends": Case(
        lambda: EXAMPLE_TEXT.replace("\n", "\r\n").encode(), 0, "bestanden", single=0, init=0
    ),
    "CRLF with an error": Case(
        lambda: EXAMPLE_TEXT.replace("phase = 3", 'phase = "drei"').replace("\n", "\r\n").encode(),
        1,
        "charta.toml:13:1: SCH003",
    ),
    "duplicate key": Case(
        lambda: EXAMPLE_TEXT.replace("phase = 3", "phase = 3\nphase = 4", 1).encode(),
        2,
        "charta.toml:14:10: TOML001",
    ),
    "duplicate table": Case(
        lambda: (EXAMPLE_TEXT + "\n[measure]\nid = 'x'\n").encode(),
        2,
        "diese Tabelle ist schon deklariert",
    ),
    "date 2026-02-30": Case(
        lambda: _sub(r"^start = 2026-01-15", "start = 2026-02-30"), 2, "ungültiges Datum"
    ),
    "date as a string": Case(
        lambda: _sub(r"^start = 2026-01-15", 'start = "2026-01-15"'), 1, "ohne Anführungszeichen"
    ),
    "nan amount": Case(
        lambda: _sub(r"^  amount_eur = \d+", "  amount_eur = nan", 1), 1, "endliche Zahl"
    ),
    "inf target": Case(lambda: _sub(r"^  target = \d+", "  target = inf", 1), 1, "endliche Zahl"),
    "-inf baseline": Case(
        lambda: _sub(r"^  baseline = \d+", "  baseline = -inf", 1), 1, "endliche Zahl"
    ),
    "huge indicator 1e308": Case(
        lambda: _sub(r"^  target = \d+", "  target = 1e308", 1), 0, "bestanden", single=0, init=0
    ),
    "huge integer phase": Case(
        lambda: _sub(r"^phase = 3", f"phase = {10**30}"), 1, "ist kein zulässiger Wert"
    ),
    "1 MB title": Case(
        lambda: _with_title('"' + "x" * 1_000_000 + '"'), 0, "bestanden", single=0, init=0
    ),
    "rich markup in the title": Case(
        lambda: _with_title('"[bold red]x[/] [/] [link=http://x]y[/link]"'),
        0,
        "bestanden",
        single=0,
        init=0,
    ),
    "escape sequences in the title": Case(
        lambda: _with_title('"\\u001b]0;pwned\\u0007\\u001b[2J\\u202e<script>"'),
        0,
        "bestanden",
        single=0,
        init=0,
    ),
    "title is a table": Case(
        lambda: _with_title("{ de = 'x' }"), 1, "erwartet Text, gefunden Tabelle"
    ),
    "top level array of tables": Case(
        lambda: b"[[measure]]\nid = 'x'\n", 2, "„schema_version“ fehlt"
    ),
    "huge amount 1e308": Case(
        lambda: _sub(r"^  amount_eur = \d+", "  amount_eur = 1e308", 1),
        1,
        "darf höchstens 1.000.000.000.000 sein",
    ),
    "huge amount 10**30": Case(
        lambda: _sub(r"^budget_total_eur = \d+", f"budget_total_eur = {10**30}"),
        1,
        "Der Wert darf höchstens 1.000.000.000.000 sein",
    ),
    "negative amount": Case(
        lambda: _sub(r"^  amount_eur = \d+", "  amount_eur = -5", 1),
        1,
        "Der Wert muss mindestens 0 sein",
    ),
    "huge fte": Case(
        lambda: _sub(r"^  fte = [\d.]+", "  fte = 1e300", 1), 1, "darf höchstens 1.000.000 sein"
    ),
    # Deep nesting: the parser's recursion is caught (TOML001); what parses but is far deeper
    # than any charter is refused by init before its recursive merging and copying.
    "nested arrays 5000 deep": Case(
        lambda: EXAMPLE_TEXT.replace(
            "[measure]\n", "x = " + "[" * 5000 + "]" * 5000 + "\n[measure]\n", 1
        ).encode(),
        2,
        "zu tief verschachtelt",
    ),
    "nested inline tables 3000 deep": Case(
        lambda: EXAMPLE_TEXT.replace(
            "[measure]\n", "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n[measure]\n", 1
        ).encode(),
        2,
        "zu tief verschachtelt",
    ),
    "nested table header 3000 deep": Case(
        lambda: (EXAMPLE_TEXT + "[x." + ".".join(["k"] * 3000) + "]\n").encode(),
        2,
        "zu tief verschachtelt",
    ),
    "nested tables 600 deep (parses)": Case(
        lambda: (EXAMPLE_TEXT + "[x." + ".".join(["k"] * 600) + "]\n").encode(),
        1,
        "Unbekannter Schlüssel „x“",
        init=2,
    ),
    "nested arrays 300 deep (parses)": Case(
        lambda: EXAMPLE_TEXT.replace(
            "[measure]\n", "[measure]\nx = " + "[" * 300 + "]" * 300 + "\n", 1
        ).encode(),
        1,
        "Unbekannter Schlüssel „x“",
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
    result = gdb("check", file, "--as-of", AS_OF, "--format", "concise")
    _assert_clean_exit(result, case.check, f"check {name}")
    assert (case.check_fragment or case.fragment) in result.out + result.err
    # The grouped text for people reads the same input without a traceback.
    grouped = gdb("check", file, "--as-of", AS_OF)
    _assert_clean_exit(grouped, case.check, f"check {name} (grouped)")
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
    assert case.init is not None
    _assert_clean_exit(result, case.init, f"init {name}")
    if case.init == 2:
        assert not target.exists()
    assert not list(tmp_path.glob(".*.tmp")), "temp file left behind"


# --- files that are not files ----------------------------------------------------------------


@contextlib.contextmanager
def _deadline(seconds: int = 20) -> Iterator[None]:
    """Fail instead of hanging (a FIFO read would block forever)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@needs_fifo
def test_fifo_in_a_folder_is_skipped_with_a_note(gdb, tmp_path) -> None:
    (tmp_path / "charta.toml").write_text(EXAMPLE_TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.toml")
    with _deadline():
        result = gdb("check", tmp_path, "--as-of", AS_OF)
    _assert_clean_exit(result, 0, "check folder with a FIFO")
    assert "pipe.toml: übersprungen – keine normale Datei (FIFO, Socket oder Gerät)" in result.err
    assert "1 Datei geprüft" in result.out


@needs_fifo
@pytest.mark.parametrize(
    "command", [("check",), ("status",), ("export",), ("phases", "--charter")], ids=str
)
def test_fifo_named_explicitly_does_not_hang(gdb, tmp_path, command) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with _deadline():
        result = gdb(*command, fifo)
    _assert_clean_exit(result, 2, f"{command} FIFO")
    assert (
        "Keine normale Datei (FIFO, Socket oder Gerät) – nichts zu lesen" in result.out + result.err
    )


@needs_fifo
def test_fifo_with_a_writer_is_read(gdb, tmp_path) -> None:
    """`gdb check <(git show HEAD:charta.toml)` keeps working."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as stream:  # blocks until gdb opens it
            stream.write(EXAMPLE_TEXT)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    time.sleep(0.2)  # let the writer wait in open() first
    with _deadline():
        result = gdb("check", fifo, "--as-of", AS_OF)
    writer.join(5)
    _assert_clean_exit(result, 0, "check FIFO with a writer")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_device_is_refused(gdb) -> None:
    with _deadline():
        result = gdb("check", "/dev/zero")
    _assert_clean_exit(result, 2, "check /dev/zero")
    assert "größer als 64 MiB" in result.out


def test_oversized_file_is_refused_without_reading_it(gdb, tmp_path, monkeypatch) -> None:
    from gdb_cli.toml import read as reading

    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    file = tmp_path / "charta.toml"
    file.write_text(EXAMPLE_TEXT, encoding="utf-8")
    result = gdb("status", file)
    _assert_clean_exit(result, 2, "status of an oversized file")
    assert "größer als 0 MiB" in result.err


def test_deeply_nested_json_answers(gdb, tmp_path) -> None:
    target = tmp_path / "new.toml"
    for depth in (50, 100_000):
        answers = tmp_path / f"deep{depth}.json"
        answers.write_text('{"a": ' * depth + "1" + "}" * depth, encoding="utf-8")
        result = gdb("init", "--no-input", "--answers", answers, target)
        _assert_clean_exit(result, 2, f"init with JSON {depth} deep")
        assert "zu tief verschachtelt (mehr als 24 Ebenen)" in result.err
        assert not target.exists()


@pytest.mark.parametrize(
    ("answers", "where"),
    [
        ("[[measure]]\nid = 'x'\n", "measure.title"),
        ("schema_version = 1\nmeasure = 5\n", "measure"),
    ],
)
def test_answers_of_the_wrong_shape(gdb, tmp_path, answers, where) -> None:
    file = tmp_path / "answers.toml"
    file.write_text(answers, encoding="utf-8")
    result = gdb("init", "--no-input", "--answers", file, tmp_path / "new.toml")
    _assert_clean_exit(result, 2, "init with answers of the wrong shape")
    if where == "measure.title":
        assert "bei „measure.title“ nicht die Form einer Charta" in result.err
    assert not (tmp_path / "new.toml").exists()


# --- the file system -------------------------------------------------------------------------


def test_unreadable_file(gdb, tmp_path, monkeypatch) -> None:
    """Permission denied – simulated, so that it also holds when the tests run as root."""
    from gdb_cli.toml import read as reading

    file = tmp_path / "charta.toml"
    file.write_text(EXAMPLE_TEXT, encoding="utf-8")

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(reading, "read_bytes", denied)
    for command in (
        ("check",),
        ("status",),
        ("export", "--format", "html"),
        ("phases", "--charter"),
    ):
        result = gdb(*command, file)
        _assert_clean_exit(result, 2, f"{command} unreadable")
        assert "Datei kann nicht gelesen werden: Permission denied" in result.out + result.err
    result = gdb("init", "--no-input", "--answers", file, tmp_path / "new.toml")
    _assert_clean_exit(result, 2, "init --answers unreadable")
    assert "Permission denied" in result.err


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root can read a file with mode 000; test_unreadable_file simulates it instead",
)
def test_unreadable_file_chmod_000(gdb, tmp_path) -> None:
    file = tmp_path / "charta.toml"
    file.write_text(EXAMPLE_TEXT, encoding="utf-8")
    file.chmod(0)
    try:
        result = gdb("check", tmp_path)
    finally:
        file.chmod(0o644)
    _assert_clean_exit(result, 2, "check chmod 000")
    assert "Datei kann nicht gelesen werden" in result.out


def test_folder_named_like_a_charter(gdb, tmp_path) -> None:
    folder = tmp_path / "charta.toml"
    folder.mkdir()
    for command in (("status",), ("export",), ("phases", "--charter")):
        result = gdb(*command, folder)
        _assert_clean_exit(result, 2, f"{command} on a folder")
        assert "Das ist ein Ordner, keine Datei" in result.err
    result = gdb("init", "--no-input", "--answers", folder, tmp_path / "new.toml")
    _assert_clean_exit(result, 2, "init --answers folder")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_folder_with_symlink_loops(gdb, tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "charta.toml").write_text(EXAMPLE_TEXT, encoding="utf-8")
    (tmp_path / "sub" / "up").symlink_to("..")  # a loop through the parent
    (tmp_path / "sub" / "self").symlink_to("self")  # a link to itself
    (tmp_path / "self.toml").symlink_to("self.toml")
    (tmp_path / "same.toml").symlink_to("sub/charta.toml")  # the same charter twice
    with _deadline():
        result = gdb("check", tmp_path, "--as-of", AS_OF)
    _assert_clean_exit(result, 2, "check a folder with symlink loops")
    assert "self.toml: IO001 Fehler Datei kann nicht gelesen werden" in result.out
    assert "2 Dateien geprüft" in result.out  # self.toml and the charter once
    with _deadline():
        result = gdb("status", tmp_path / "self.toml")
    _assert_clean_exit(result, 2, "status on a self-link")


def test_file_deleted_between_listing_and_reading(gdb, tmp_path, monkeypatch) -> None:
    from gdb_cli.engine import run as checking

    for name in ("a.toml", "b.toml", "c.toml"):
        (tmp_path / name).write_text(EXAMPLE_TEXT, encoding="utf-8")
    real_collect = checking.collect

    def collect_then_delete(paths, *args):
        targets = real_collect(paths, *args)
        (tmp_path / "b.toml").unlink()  # gone after the listing, before the check
        return targets

    monkeypatch.setattr(checking, "collect", collect_then_delete)
    result = gdb("check", tmp_path, "--as-of", AS_OF)
    _assert_clean_exit(result, 2, "file deleted during the run")
    assert "b.toml: IO001 Fehler Datei nicht gefunden" in result.out
    assert "2 Dateien geprüft, 1 nicht gefunden" in result.out  # the other two are checked
    assert result.out.count("(Phase 3 – Erprobung") == 2
