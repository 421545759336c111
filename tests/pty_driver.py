"""Drive the real `gdb init` in a pseudo-terminal (pexpect): expect a prompt, send keys.

Robust on CI without a terminal: pexpect makes its own pty; prompt_toolkit's cursor-position
requests are switched off (PROMPT_TOOLKIT_NO_CPR), the size is fixed, colours are off, and
every wait has a generous timeout. On failure the transcript so far is in the assertion message.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pexpect

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
CTRL_C = "\x03"
CTRL_U = "\x15"  # clear the line
SPACE = " "
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\r")
# A prompt's first frame: prompt_toolkit switches bracketed paste on when a prompt starts (once per
# prompt, never while it redraws) and draws each frame between "autowrap off" and "autowrap on".
_FRAME = re.compile(r"\x1b\[\?2004h(?P<frame>.*?)\x1b\[\?7h", re.S)
# In a frame: the question mark, then the question up to the next escape sequence.
_QUESTION = re.compile(r"\?(?:\x1b\[[0-9;]*m)* (?P<message>[^\x1b\r\n]*)")


def plain(text: str) -> str:
    return _ANSI.sub("", text)


@dataclass
class Prompt:
    """A prompt waiting for an answer: its question, its first frame (plain text, one line per
    row: the question first, then the choices of a select or checkbox) and what was printed since
    the previous prompt (section and item headings, help texts)."""

    message: str
    rows: list[str]
    before: str

    @property
    def pointer(self) -> int | None:
        """The row (0 = first choice) the pointer of a select or checkbox is on."""
        return next((n for n, row in enumerate(self.rows[1:]) if row.startswith(" » ")), None)


class Session:
    def __init__(
        self, cwd: Path, *args: str, lang: str = "de", timeout: float = 30, columns: int = 120
    ) -> None:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("GDB_LANG", "GDB_HANDBOOK", "LC_ALL", "LC_MESSAGES", "LANG", "GDB_DEBUG")
        }
        env.update(
            PROMPT_TOOLKIT_NO_CPR="1",
            TERM="xterm-256color",
            COLUMNS=str(columns),
            LINES="50",
            NO_COLOR="1",
            GDB_LANG=lang,
            PYTHONIOENCODING="utf-8",
        )
        self.transcript: list[str] = []
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "gdb_cli", "init", *args],
            cwd=str(cwd),
            env=env,
            encoding="utf-8",
            timeout=timeout,
            dimensions=(50, columns),
        )

    def _seen(self) -> str:
        before = self.child.before if isinstance(self.child.before, str) else ""
        return plain("".join(self.transcript) + before)[-3000:]

    def expect(self, pattern: str) -> str:
        try:
            self.child.expect(pattern)
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            raise AssertionError(
                f"waiting for {pattern!r} ({type(exc).__name__}); output so far:\n{self._seen()}"
            ) from None
        self.transcript.append(str(self.child.before) + str(self.child.after))
        return str(self.child.before)

    def answer(self, pattern: str, keys: str) -> None:
        """Wait for a prompt matching `pattern`, then send `keys`."""
        self.expect(pattern)
        self.child.send(keys)

    def text(self, pattern: str, value: str) -> None:
        self.answer(pattern, value + ENTER)

    def prompt(self) -> Prompt:
        """Wait for the next prompt, whichever it is (its first frame, drawn in full)."""
        try:
            self.child.expect(_FRAME)
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            raise AssertionError(
                f"waiting for a prompt ({type(exc).__name__}); output so far:\n{self._seen()}"
            ) from None
        before, frame = str(self.child.before), self.child.match.group("frame")
        self.transcript.append(before + str(self.child.after))
        question = _QUESTION.search(frame)
        message = question.group("message").rstrip() if question else ""
        rows = plain(frame.replace("\x1b[J", "")).split("\n")
        return Prompt(message, rows, plain(before))

    def finish(self) -> int:
        try:
            self.child.expect(pexpect.EOF)
        except pexpect.TIMEOUT:
            raise AssertionError(f"did not end; output so far:\n{self._seen()}") from None
        self.transcript.append(str(self.child.before))
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)

    def output(self) -> str:
        return plain("".join(self.transcript))
