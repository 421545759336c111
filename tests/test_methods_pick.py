"""`gdb methods --pick` in a real pseudo-terminal (pexpect): open, search, read a card, quit."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

UP, DOWN, ENTER = "\x1b[A", "\x1b[B", "\r"


def _spawn(tmp_path, *args):
    env = {
        **os.environ,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "GDB_LANG": "de",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "NO_COLOR": "1",
    }
    return pexpect.spawn(
        sys.executable,
        ["-m", "gdb_cli", "methods", "--pick", *args],
        env=env,
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 110),
    )


def test_open_filter_search_read_card_back_and_quit(tmp_path):
    child = _spawn(tmp_path)
    child.expect("Welche Phase")
    child.expect(r"\(↑↓ und Enter\)")  # the hint in German, not questionary's English one
    child.expect("Alle Phasen")
    assert "arrow keys" not in (child.before or "")
    child.send(DOWN + ENTER)  # phase 1
    child.expect("Suchbegriff")
    child.send("entscheidung" + ENTER)
    child.expect("welche ansehen")
    child.expect(r"Entscheidungsrunde \(decision-round\)")
    child.send(ENTER)  # the best hit: its card
    child.expect("Zweck")
    child.expect("Mandat erteilen")
    child.expect("Senatskanzlei Berlin")
    child.expect("Wie weiter")
    child.send(ENTER)  # back to the list
    child.expect("welche ansehen")
    child.send(UP + ENTER)  # the list wraps: last entry = quit
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_new_search_and_quit_from_phase_menu(tmp_path):
    child = _spawn(tmp_path)
    child.expect("Welche Phase")
    child.send(ENTER)  # all phases
    child.expect("Suchbegriff")
    child.send("uebersicht" + ENTER)
    child.expect("welche ansehen")
    child.expect(r"\(test-base\)")
    child.send(UP + UP + ENTER)  # "Neue Suche"
    child.expect("Welche Phase")
    child.send(UP + ENTER)  # "Beenden"
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_ends_with_130(tmp_path):
    child = _spawn(tmp_path)
    child.expect("Welche Phase")
    child.sendcontrol("c")
    child.expect("Abgebrochen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
