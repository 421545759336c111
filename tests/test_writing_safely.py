"""Nothing lost when writing: symlinks written through, changes by others never overwritten, and
gdb processes writing one file take turns – tested with real processes where it matters."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest

from conftest import EXAMPLE
from gdb_cli.toml import write
from gdb_cli.toml.write import ChangedMeanwhile, atomic_write, fingerprint, write_lock
from helpers import MINIMAL_ANSWERS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks, flock and FIFOs")


def _gdb(*args: str, cwd: Path, **kwargs: object) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_COLOR": "1", "GDB_LANG": "de"}
    env.pop("GDB_HANDBOOK", None)
    return subprocess.Popen(
        [sys.executable, "-m", "gdb_cli", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def _finish(process: subprocess.Popen[str], timeout: float = 180) -> tuple[int, str]:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"gdb did not end: {out}{err}") from None
    return process.returncode, out + err


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """`work/charta.toml` → `store/real.toml` (mode 0640), the example charter."""
    store = tmp_path / "store"
    store.mkdir()
    real = store / "real.toml"
    shutil.copy(EXAMPLE, real)
    real.chmod(0o640)
    work = tmp_path / "work"
    work.mkdir()
    link = work / "charta.toml"
    link.symlink_to(os.path.relpath(real, work))
    return link, real


# --- symlinks ----------------------------------------------------------------------------------


def test_atomic_write_goes_through_a_symlink(linked):
    link, real = linked
    old = real.read_text(encoding="utf-8")
    backup = atomic_write(link, "neu\n", backup=True)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == "neu\n"
    assert real.stat().st_mode & 0o777 == 0o640
    assert backup is not None and backup == link.with_name("charta.toml.bak")
    assert not backup.is_symlink()
    assert backup.read_text(encoding="utf-8") == old
    leftovers = [p.name for p in (*link.parent.iterdir(), *real.parent.iterdir())]
    assert not [name for name in leftovers if name.endswith((".tmp", ".gdb-lock"))]


def test_a_chain_of_symlinks_is_followed_to_the_file(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text("alt\n", encoding="utf-8")
    real.chmod(0o600)
    (tmp_path / "middle.toml").symlink_to("real.toml")
    first = tmp_path / "first.toml"
    first.symlink_to("middle.toml")
    atomic_write(first, "neu\n", expected=fingerprint(first))
    assert first.is_symlink() and (tmp_path / "middle.toml").is_symlink()
    assert real.read_text(encoding="utf-8") == "neu\n"
    assert real.stat().st_mode & 0o777 == 0o600


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "charta.toml"
    link.symlink_to("sub/real.toml")
    atomic_write(link, "neu\n")
    assert link.is_symlink()
    assert (tmp_path / "sub" / "real.toml").read_text(encoding="utf-8") == "neu\n"


def test_an_old_backup_that_is_a_link_is_replaced_by_a_copy(linked):
    link, real = linked
    old_backup = link.with_name("charta.toml.bak")
    old_backup.symlink_to(real)  # what earlier versions left behind
    before = real.read_text(encoding="utf-8")
    atomic_write(link, "neu\n", backup=True)
    assert not old_backup.is_symlink()
    assert old_backup.read_text(encoding="utf-8") == before


def test_init_update_through_a_symlink(linked):
    link, real = linked
    before = real.read_text(encoding="utf-8")
    code, output = _finish(
        _gdb(
            "init",
            "--update",
            "--no-input",
            link.name,
            "--set",
            "measure.title=Neu",
            cwd=link.parent,
        )
    )
    assert code == 0, output
    assert link.is_symlink()
    data = tomllib.loads(real.read_text(encoding="utf-8"))
    assert data["measure"]["title"] == "Neu"
    assert real.stat().st_mode & 0o777 == 0o640
    backup = link.with_name("charta.toml.bak")
    assert not backup.is_symlink() and backup.read_text(encoding="utf-8") == before


def test_init_force_through_a_symlink(linked, gdb, monkeypatch):
    link, real = linked
    monkeypatch.chdir(link.parent)
    result = gdb("init", "--force", "--no-input", "--schema", "none", link.name, *MINIMAL_ANSWERS)
    assert result.code == 0, result.err
    assert link.is_symlink()
    assert tomllib.loads(real.read_text(encoding="utf-8"))["measure"]["title"] == "Wasser für alle"
    assert real.stat().st_mode & 0o777 == 0o640
    backup = link.with_name("charta.toml.bak")
    assert not backup.is_symlink()
    assert backup.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


def test_a_recovery_file_that_is_a_symlink_is_written_through(tmp_path):
    from gdb_cli.wizard import recovery

    target = tmp_path / "charta.toml"
    elsewhere = tmp_path / "keep" / "answers.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text("# alt\n", encoding="utf-8")
    recovery.recovery_path(target).symlink_to(elsewhere)
    recovery.save(target, {"measure": {"title": "Wasser"}}, ["measure"], "new")
    assert recovery.recovery_path(target).is_symlink()
    assert tomllib.loads(elsewhere.read_text(encoding="utf-8"))["measure"]["title"] == "Wasser"
    loaded = recovery.load(target)
    assert loaded is not None and loaded.completed == ["measure"]


def test_export_to_a_symlink_writes_the_target(linked, gdb, tmp_path):
    _link, real = linked
    out_link = tmp_path / "work" / "steckbrief.md"
    out_real = tmp_path / "store" / "steckbrief.md"
    out_real.write_text("alt\n", encoding="utf-8")
    out_link.symlink_to(out_real)
    result = gdb("export", real, "--format", "md", "-o", out_link, "--as-of", "2026-11-29")
    assert result.code == 0, result.err
    assert out_link.is_symlink()
    assert "Regenwasser" in out_real.read_text(encoding="utf-8")


# --- changed meanwhile -------------------------------------------------------------------------


def test_a_file_changed_since_it_was_read_is_not_replaced(tmp_path):
    target = tmp_path / "charta.toml"
    target.write_text("gelesen\n", encoding="utf-8")
    seen = fingerprint(target)
    target.write_text("von jemand anderem\n", encoding="utf-8")
    with pytest.raises(ChangedMeanwhile):
        atomic_write(target, "meins\n", backup=True, expected=seen)
    assert target.read_text(encoding="utf-8") == "von jemand anderem\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["charta.toml"]


def test_a_file_created_meanwhile_is_not_replaced(tmp_path):
    target = tmp_path / "charta.toml"
    seen = fingerprint(target)
    assert seen is None
    target.write_text("von jemand anderem\n", encoding="utf-8")
    with pytest.raises(ChangedMeanwhile):
        atomic_write(target, "meins\n", expected=seen)
    assert target.read_text(encoding="utf-8") == "von jemand anderem\n"


def test_an_unchanged_file_is_replaced(tmp_path):
    target = tmp_path / "charta.toml"
    target.write_text("gelesen\n", encoding="utf-8")
    atomic_write(target, "meins\n", expected=fingerprint(target))
    assert target.read_text(encoding="utf-8") == "meins\n"
    atomic_write(tmp_path / "neu.toml", "neu\n", expected=None)
    assert (tmp_path / "neu.toml").read_text(encoding="utf-8") == "neu\n"


class _Fifo:
    """A FIFO given to gdb as `--answers`: gdb opening it is the event that says it has read the
    charter (and, with --no-input, holds the charter's write lock); it then waits for the
    answers until `send`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self._fd: list[int] = []
        self._opened = threading.Thread(target=self._open, daemon=True)
        self._opened.start()

    def _open(self) -> None:
        self._fd.append(os.open(self.path, os.O_WRONLY))

    def wait_opened(self, process: subprocess.Popen[str]) -> None:
        self._opened.join(timeout=120)
        if not self._fd:
            process.kill()
            _code, output = _finish(process)
            os.close(os.open(self.path, os.O_RDONLY | os.O_NONBLOCK))  # free the thread
            raise AssertionError(f"gdb did not open the answers file: {output}")

    def send(self, text: str) -> None:
        fd = self._fd.pop()
        os.write(fd, text.encode("utf-8"))
        os.close(fd)

    def close(self) -> None:
        for fd in self._fd:
            os.close(fd)


@pytest.mark.parametrize("mode", ["--update", "--force"])
def test_a_charter_changed_during_init_is_kept_and_the_answers_saved(tmp_path, mode):
    target = tmp_path / "charta.toml"
    shutil.copy(EXAMPLE, target)
    answers = _Fifo(tmp_path / "antworten.toml")
    process = _gdb(
        "init", mode, "--no-input", "--answers", answers.path.name, "charta.toml", cwd=tmp_path
    )
    try:
        answers.wait_opened(process)
        colleague = target.read_text(encoding="utf-8").replace(
            "Regenwasser-Dashboard für Bezirke", "Geändert von nebenan"
        )
        target.write_text(colleague, encoding="utf-8")  # an editor saves meanwhile
        answers.send(
            EXAMPLE.read_text(encoding="utf-8").replace(
                "Regenwasser-Dashboard für Bezirke", "Meine Antwort"
            )
        )
    finally:
        answers.close()
    code, output = _finish(process)
    assert code == 2, output
    assert target.read_text(encoding="utf-8") == colleague  # nothing overwritten
    assert not (tmp_path / "charta.toml.bak").exists()
    saved = tmp_path / ".charta.toml.gdb-recovery.toml"
    assert tomllib.loads(saved.read_text(encoding="utf-8"))["measure"]["title"] == "Meine Antwort"
    assert "charta.toml wurde geändert, während gdb init lief" in output
    assert "nichts überschrieben" in output and str(saved.name) in output
    assert "denselben Befehl noch einmal ausführen" in output
    assert "Traceback" not in output
    assert not list(tmp_path.glob(".*.gdb-lock"))


def test_the_interactive_message_says_how_to_go_on(tmp_path, monkeypatch, capsys):
    """The interview path (prompts stubbed, the write real): the change is noticed at writing."""
    from gdb_cli.errors import GdbError
    from gdb_cli.wizard import flow

    target = tmp_path / "charta.toml"
    shutil.copy(EXAMPLE, target)

    def interview(env, data, target_, only, update, original):
        target.write_text(target.read_text(encoding="utf-8") + "# von nebenan\n", encoding="utf-8")
        data["measure"]["title"] = "Meine Antwort"
        return data, "Titel geändert."

    monkeypatch.setattr(flow, "_interview", interview)
    monkeypatch.setattr(flow, "stdin_is_terminal", lambda: True)
    with pytest.raises(GdbError) as caught:
        flow.run_init(flow.InitOptions(path=target, update=True))
    assert caught.value.exit_code == 2
    text = str(caught.value)
    assert "gdb init --update" in text and "gesicherten Antworten weiterzumachen" in text
    assert target.read_text(encoding="utf-8").endswith("# von nebenan\n")
    saved = tmp_path / ".charta.toml.gdb-recovery.toml"
    assert tomllib.loads(saved.read_text(encoding="utf-8"))["measure"]["title"] == "Meine Antwort"


# --- concurrent writers ------------------------------------------------------------------------


def test_six_concurrent_updates_keep_all_six_changelog_entries(tmp_path):
    target = tmp_path / "charta.toml"
    shutil.copy(EXAMPLE, target)
    before = len(tomllib.loads(target.read_text(encoding="utf-8"))["changelog"])
    processes = [
        _gdb(
            "init",
            "--update",
            "--no-input",
            "charta.toml",
            "--set",
            f"measure.summary=Lauf {n}.",
            cwd=tmp_path,
        )
        for n in range(6)
    ]
    results = [_finish(p) for p in processes]
    assert [code for code, _output in results] == [0] * 6, results
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    entries = data["changelog"]
    assert len(entries) == before + 6
    versions = [entry["version"] for entry in entries]
    assert len(set(versions)) == len(versions)  # each update built on the one before
    assert data["measure"]["summary"] in {f"Lauf {n}." for n in range(6)}
    assert not list(tmp_path.glob(".*.gdb-lock"))


def test_a_second_writer_waits_for_the_first(tmp_path):
    target = tmp_path / "charta.toml"
    shutil.copy(EXAMPLE, target)
    answers = _Fifo(tmp_path / "antworten.toml")
    first = _gdb(
        "init",
        "--update",
        "--no-input",
        "--answers",
        answers.path.name,
        "charta.toml",
        cwd=tmp_path,
    )
    try:
        answers.wait_opened(first)  # the first holds the lock from here on
        second = _gdb(
            "init",
            "--update",
            "--no-input",
            "charta.toml",
            "--set",
            "measure.summary=Zweiter.",
            cwd=tmp_path,
        )
        assert second.stderr is not None
        line = second.stderr.readline()  # the event: the second says it waits
        assert "Warte auf ein anderes gdb, das gerade charta.toml schreibt" in line
        answers.send('[measure]\ntitle = "Erster"\n')
    finally:
        answers.close()
    assert _finish(first)[0] == 0
    code, output = _finish(second)
    assert code == 0, output
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["measure"]["title"] == "Erster"  # the second built on the first's result
    assert data["measure"]["summary"] == "Zweiter."


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM", "SIGKILL"])
def test_the_lock_is_released_on_every_way_out(tmp_path, how):
    target = tmp_path / "charta.toml"
    shutil.copy(EXAMPLE, target)
    before = target.read_bytes()
    answers = _Fifo(tmp_path / "antworten.toml")
    holder = _gdb(
        "init",
        "--update",
        "--no-input",
        "--answers",
        answers.path.name,
        "charta.toml",
        cwd=tmp_path,
    )
    try:
        answers.wait_opened(holder)
        holder.send_signal(getattr(signal, how))
        code, output = _finish(holder)
    finally:
        answers.close()
    assert code == (-9 if how == "SIGKILL" else 130), output
    assert "Traceback" not in output
    assert target.read_bytes() == before
    if how != "SIGKILL":
        assert not list(tmp_path.glob(".*.gdb-lock"))
    with write_lock(target, wait=0):  # free at once (a killed holder's lock goes with it)
        pass
    assert not list(tmp_path.glob(".*.gdb-lock"))


def test_the_lock_is_reentrant_and_times_out_for_others(tmp_path):
    target = tmp_path / "charta.toml"
    target.write_text("x\n", encoding="utf-8")
    with write_lock(target):
        with write_lock(target):
            atomic_write(target, "y\n", expected=fingerprint(target))
        assert write.lock_path(target).exists()
        other = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; from gdb_cli.toml.write import *\n"
                "try:\n"
                "    with write_lock(Path(sys.argv[1]), wait=0): pass\n"
                "except LockTimeout: sys.exit(7)\n",
                str(target),
            ],
            check=False,
            timeout=120,
        )
        assert other.returncode == 7
    assert not write.lock_path(target).exists()


def test_init_says_when_another_gdb_keeps_the_file_locked(tmp_path, gdb, monkeypatch):
    target = tmp_path / "charta.toml"
    shutil.copy(EXAMPLE, target)
    before = target.read_bytes()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from gdb_cli.toml.write import write_lock\n"
            "with write_lock(Path(sys.argv[1])):\n"
            "    print('locked', flush=True); sys.stdin.read()\n",
            str(target),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        monkeypatch.setattr(write, "LOCK_WAIT", 0.0)
        result = gdb("init", "--update", "--no-input", target, "--set", "measure.title=Neu")
    finally:
        holder.communicate("", timeout=60)
    assert result.code == 2
    assert "ein anderes gdb schreibt die Datei" in result.err
    assert ".charta.toml.gdb-lock" in result.err
    assert target.read_bytes() == before


def test_init_force_on_a_folder_names_it(tmp_path, gdb):
    (tmp_path / "ordner").mkdir()
    result = gdb("init", "--force", "--no-input", "--answers", EXAMPLE, tmp_path / "ordner")
    assert result.code == 2
    assert "ordner" in result.err and "Traceback" not in result.err
