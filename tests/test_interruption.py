"""Interrupted writes and interrupted `gdb init` (issue 7, robustness).

Afterwards the target is byte-identical to the old file or to the new one – never a mix, never
missing – no temporary file is left behind, and answers typed in an interview are never lost.
SIGTERM is handled like Ctrl-C (exit 130).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE
from gdb_cli.toml import write as writing
from gdb_cli.toml.write import atomic_write
from helpers import MINIMAL_ANSWERS

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")

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

    monkeypatch.setattr(os, step, interrupted)  # the os module atomic_write uses


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

    monkeypatch.setattr(os, "link", no_links)  # the os module atomic_write uses
    target = tmp_path / "charta.toml"
    target.write_text(OLD, encoding="utf-8")
    assert atomic_write(target, NEW, backup=True) == tmp_path / "charta.toml.bak"
    assert target.read_text(encoding="utf-8") == NEW
    assert (tmp_path / "charta.toml.bak").read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


# --- gdb init, scripted (in this process) ------------------------------------------------------

INIT_MODES = {
    "new": ("--no-input", *MINIMAL_ANSWERS),
    "force": ("--no-input", "--force", *MINIMAL_ANSWERS),
    "update": ("--no-input", "--update", "--set", "mandate.reference=Beschluss 7/2026"),
}


def _signal_at(monkeypatch: pytest.MonkeyPatch, step: str, nth: int, how: str) -> None:
    """While gdb writes the charter: at the nth call of os.<step> raise KeyboardInterrupt
    (`sigint`) or send this process SIGTERM (`sigterm`; gdb's handler raises the interrupt)."""
    import signal

    real_write = writing.atomic_write

    def atomic_write(path, text, **kwargs):
        if Path(path).name.startswith(".") or not str(path).endswith("charta.toml"):
            return real_write(path, text, **kwargs)  # the recovery file, the pack cache …
        real = getattr(os, step)
        calls = {"n": 0}

        def interrupted(*args, **kw):
            calls["n"] += 1
            if calls["n"] == nth:
                if how == "sigterm":
                    os.kill(os.getpid(), signal.SIGTERM)
                    time.sleep(1)  # the handler raises KeyboardInterrupt here
                    raise AssertionError("SIGTERM did not interrupt")
                raise KeyboardInterrupt
            return real(*args, **kw)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, step, interrupted)
            return real_write(path, text, **kwargs)

    monkeypatch.setattr(writing, "atomic_write", atomic_write)


@pytest.mark.parametrize("how", ["sigint", "sigterm"])
@pytest.mark.parametrize(
    ("mode", "step", "nth"),
    [
        (mode, step, 1)
        for mode in INIT_MODES
        for step in ("fsync", "link", "replace")
        if not (mode == "new" and step == "link")  # nothing to back up
    ],
)
def test_scripted_init_interrupted_while_writing(
    gdb, tmp_path, monkeypatch, mode, step, nth, how
) -> None:
    target = tmp_path / "charta.toml"
    old = EXAMPLE_TEXT if mode != "new" else None
    if old is not None:
        target.write_text(old, encoding="utf-8")
    _signal_at(monkeypatch, step, nth, how)
    result = gdb("init", *INIT_MODES[mode], target)
    assert result.code == 130, result.err
    assert "Abgebrochen" in result.err and "Traceback" not in result.err
    if old is None:
        assert not target.exists()
    else:
        assert target.read_text(encoding="utf-8") == old  # the link/replace never happened
    assert _leftovers(tmp_path) == []


def test_sigterm_is_restored_after_a_run(gdb) -> None:
    import signal

    before = signal.getsignal(signal.SIGTERM)
    assert gdb("phases").code == 0
    assert signal.getsignal(signal.SIGTERM) is before


def test_interview_answers_survive_an_interrupt_while_writing(gdb, tmp_path, monkeypatch) -> None:
    """Interrupted after the last answer, before the charter is in place: answers are saved."""
    from gdb_cli.wizard import flow, recovery

    target = tmp_path / "charta.toml"
    answers: dict = {}

    def interview(env, data, *args, **kwargs):
        # what the interview would have gathered: the example's answers
        import tomllib

        data.clear()
        data.update(tomllib.loads(EXAMPLE_TEXT))
        answers.update(data)
        return data, "Neu angelegt."

    monkeypatch.setattr(flow, "_interview", interview)
    monkeypatch.setattr(flow, "stdin_is_terminal", lambda: True)
    _signal_at(monkeypatch, "replace", 1, "sigterm")  # only the charter's write is stopped
    result = gdb("init", target)
    assert result.code == 130, result.err
    assert "Ihre Antworten sind gesichert" in result.err
    assert not target.exists()
    assert _leftovers(tmp_path) == []
    saved = recovery.load(target)
    assert saved is not None
    assert saved.data["measure"]["title"] == answers["measure"]["title"]
    assert "measure" in saved.completed and "principles" in saved.completed


# --- gdb init, interactive (a real process in a pseudo-terminal) ---------------------------------

needs_pty = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def _stopped(session, how: str) -> int:
    """Stop gdb: SIGTERM, SIGINT, or Ctrl-C typed at the prompt."""
    import signal

    from pty_driver import CTRL_C

    if how == "ctrl-c":
        session.child.send(CTRL_C)
    else:
        session.child.kill(signal.SIGTERM if how == "sigterm" else signal.SIGINT)
    return session.finish()


@needs_pty
@pytest.mark.parametrize("how", ["sigint", "sigterm"])
def test_interview_stopped_before_any_answer(tmp_path, how) -> None:
    from pty_driver import Session

    s = Session(tmp_path, "charta.toml")
    s.expect("Wie heißt die Maßnahme")
    assert _stopped(s, how) == 130
    assert "Abgebrochen – keine Charta geschrieben" in s.output()
    assert not (tmp_path / "charta.toml").exists()
    assert (tmp_path / ".charta.toml.gdb-recovery.toml").exists()
    assert _leftovers(tmp_path) == []


@needs_pty
@pytest.mark.parametrize("how", ["sigint", "sigterm"])
def test_interview_stopped_mid_way_keeps_the_answers_and_resumes(tmp_path, how) -> None:
    import tomllib

    from pty_driver import ENTER, Session

    s = Session(tmp_path, "charta.toml")
    s.text("Wie heißt die Maßnahme", "Halb fertig")
    s.text("in einem Satz", "Ein Satz.")
    s.expect("Kurze Kennung")
    assert _stopped(s, how) == 130
    recovery = tmp_path / ".charta.toml.gdb-recovery.toml"
    saved = tomllib.loads(recovery.read_text(encoding="utf-8"))
    assert saved["measure"]["title"] == "Halb fertig"
    assert saved["measure"]["summary"] == "Ein Satz."
    assert not (tmp_path / "charta.toml").exists()
    assert _leftovers(tmp_path) == []

    again = Session(tmp_path, "charta.toml")
    again.answer("gesicherte Antworten", ENTER)  # continue
    again.expect("Halb fertig")  # the saved title is the default of the first question
    assert _stopped(again, "sigterm") == 130
    assert "Halb fertig" in recovery.read_text(encoding="utf-8")


@needs_pty
@pytest.mark.parametrize("how", ["sigint", "sigterm", "ctrl-c"])
@pytest.mark.parametrize("prompt", ["select", "checkbox"])
def test_interview_stopped_at_a_selection_prompt(tmp_path, how, prompt) -> None:
    """A signal at a selection or checkbox prompt ends it like Ctrl-C (prompt_toolkit would
    ignore a SIGINT signal there; SIGTERM must not get lost in the event loop)."""
    import tomllib

    from pty_driver import ENTER, Session

    s = Session(tmp_path, "charta.toml")
    s.text("Wie heißt die Maßnahme", "Auswahl gestoppt")
    s.text("in einem Satz", "Ein Satz.")
    s.answer("Kurze Kennung", ENTER)
    if prompt == "checkbox":
        s.answer("Wer trägt die Maßnahme", ENTER)
        s.answer("In welcher Phase", ENTER)
        s.answer("Seit wann ist sie in dieser Phase", ENTER)
        s.expect("Handlungsfeldern")
    else:
        s.expect("Wer trägt die Maßnahme")
    assert _stopped(s, how) == 130
    assert "Traceback" not in s.output()
    recovery = tmp_path / ".charta.toml.gdb-recovery.toml"
    saved = tomllib.loads(recovery.read_text(encoding="utf-8"))
    assert saved["measure"]["title"] == "Auswahl gestoppt"
    assert ("phase" in saved["measure"]) == (prompt == "checkbox")
    assert not (tmp_path / "charta.toml").exists()
    assert _leftovers(tmp_path) == []


UPDATE_MANDATE = [
    ("Wie steht es um das Mandat", "\r"),
    ("Wer hat das Mandat erteilt", "\r"),
    ("Genaue Bezeichnung des Gremiums", "\r"),
    ("Wann wurde es erteilt", "\r"),
    ("Fundstelle", "\x15Beschluss 8/2026\r"),
    ("ein Punkt je Eingabe\\) 1", "\r"),
    ("ein Punkt je Eingabe\\) 2", "\r"),
    ("ein Punkt je Eingabe\\) 3", "\r"),
    ("Was darf \\(oder soll\\) die Maßnahme verändern", "\r"),
    ("Gültig bis", "\r"),
    ("Einen Beschluss hinter der Maßnahme", "\x1b[B\r"),  # no
]


@needs_pty
@pytest.mark.parametrize(
    ("how", "stage"),
    [
        ("sigterm", "confirm"),
        ("sigint", "confirm"),
        ("ctrl-c", "confirm"),
        ("sigterm", "changelog"),
        ("sigint", "changelog"),
    ],
)
def test_update_stopped_at_the_confirm_leaves_the_old_file(tmp_path, how, stage) -> None:
    from pty_driver import ENTER, Session

    target = tmp_path / "charta.toml"
    target.write_text(EXAMPLE_TEXT, encoding="utf-8")
    s = Session(tmp_path, "--update", "charta.toml", "--ask", "mandate")
    for prompt, keys in UPDATE_MANDATE:
        s.answer(prompt, keys)
    s.expect("Was hat sich geändert")  # the changelog note comes before the choice to write
    if stage == "confirm":
        s.child.send(ENTER)  # the proposed note …
        s.expect("Wie weiter")  # … and stop at the choice to write
    assert _stopped(s, how) == 130
    assert target.read_bytes() == EXAMPLE_TEXT.encode("utf-8")
    assert not (tmp_path / "charta.toml.bak").exists()
    recovery = tmp_path / ".charta.toml.gdb-recovery.toml"
    assert "Beschluss 8/2026" in recovery.read_text(encoding="utf-8")
    assert _leftovers(tmp_path) == []


def test_a_stop_between_or_at_the_end_of_prompts_is_not_lost() -> None:
    """Inside an interview a stop signal is noted, never raised in the handler; the next prompt,
    the end of the running one, or the end of the session raises it in ordinary code."""
    from types import SimpleNamespace

    from gdb_cli import prompting

    class Question:
        def __init__(self, stop_while_running: bool) -> None:
            self.application = SimpleNamespace(
                pre_run_callables=[], loop=None, future=None, run=self.run
            )
            self.stop_while_running = stop_while_running

        def run(self, handle_sigint: bool = True) -> str:
            assert handle_sigint is False  # SIGINT must reach gdb's handler
            if self.stop_while_running:  # the handler runs while the prompt is finishing
                assert prompting.note_stop() is True
            return "answered"

    prompting.reset()
    try:
        assert prompting.note_stop() is False  # no interview: the handler raises as usual
        with prompting.session():
            assert prompting.ask(Question(False)) == "answered"
            with pytest.raises(KeyboardInterrupt):
                prompting.ask(Question(True))  # raised right after the prompt
            assert prompting.note_stop() is True  # between two prompts …
            with pytest.raises(KeyboardInterrupt):
                prompting.ask(Question(False))  # … the next one does not even start
        with pytest.raises(KeyboardInterrupt), prompting.session():
            prompting.note_stop()  # after the last prompt: the session raises it
        with prompting.session():  # nothing left over from the stops before
            assert prompting.ask(Question(False)) == "answered"
    finally:
        prompting.reset()


@needs_pty
@pytest.mark.parametrize("how", ["sigint", "sigterm"])
@pytest.mark.parametrize("delay", [0.0, 0.005, 0.01, 0.02])
def test_a_stop_right_after_an_answer_ends_the_interview(tmp_path, how, delay) -> None:
    """The signal arrives while one prompt closes and the next is being set up (a race that
    once left gdb waiting at the next prompt)."""
    import signal
    import time

    from pty_driver import ENTER, Session

    s = Session(tmp_path, "charta.toml")
    s.text("Wie heißt die Maßnahme", "Rennen")
    s.text("in einem Satz", "Ein Satz.")
    s.expect("Kurze Kennung")
    s.child.send(ENTER)
    time.sleep(delay)
    s.child.kill(signal.SIGTERM if how == "sigterm" else signal.SIGINT)
    assert s.finish() == 130
    assert "Traceback" not in s.output()
    assert "Exception ignored" not in s.output()
    recovery = tmp_path / ".charta.toml.gdb-recovery.toml"
    assert "Rennen" in recovery.read_text(encoding="utf-8")
    assert not (tmp_path / "charta.toml").exists()
