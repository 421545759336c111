"""Asking questionary questions so that every way of stopping ends the interview the same way.

A person can stop gdb at a prompt with Ctrl-C (a key press: prompt_toolkit holds the terminal in
raw mode), with `kill -INT` or with `kill -TERM`. All three must end in `KeyboardInterrupt` in
the command's own code, which then saves the answers and exits with 130.

A signal handler that raises is not safe while prompts run: the exception lands wherever the
main thread happens to be – also in a weakref callback or a `__del__`, where Python prints
"Exception ignored" and carries on, and gdb would wait at the next prompt. So during an
interview (`session`) the SIGINT and SIGTERM handlers never raise: they note the stop and ask
the running prompt's event loop to end it. `ask` raises the noted stop before a prompt starts,
right after one ends, and the session raises it when it closes – always in ordinary code. A
prompt about to start ends at once (`pre_run_callables`) when a stop came while it was being set
up. Outside a session the command's SIGTERM handler raises as usual (see `cli.run`).

This module is imported at start-up by `cli`; questionary and prompt_toolkit are imported only
by the callers of `ask`, never here.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from typing import Any

_running: Any = None  # the prompt_toolkit Application of the prompt being asked, if any
_depth = 0  # how many sessions are open (nested: `ask` opens one inside the interview's)
_stop_requested = False


def in_session() -> bool:
    """True while an interview runs: a stop signal is noted, not raised."""
    return _depth > 0


@contextlib.contextmanager
def session() -> Iterator[None]:
    """An interview: stop signals end the running prompt instead of raising in the handler.

    Raises `KeyboardInterrupt` on leaving when a stop came in and nothing raised it yet.
    """
    global _depth, _stop_requested
    previous = _catch_sigint() if _depth == 0 else None
    _depth += 1
    pending = False
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            pending, _stop_requested = _stop_requested, False
            _restore_sigint(previous)
    if pending:
        raise KeyboardInterrupt


def note_stop() -> bool:
    """Called by a stop-signal handler: inside a session note the stop, end the running prompt
    and return True (the handler must not raise); outside return False."""
    global _stop_requested
    if not in_session():
        return False
    _stop_requested = True
    _end_running_prompt()
    return True


def ask(question: Any) -> Any:
    """Ask a questionary `Question`; Ctrl-C, SIGINT and SIGTERM raise `KeyboardInterrupt`."""
    global _running
    with session():
        _raise_if_stopped()
        app = question.application
        app.pre_run_callables.append(lambda: _end_if_stopped(app))
        _running = app
        try:
            # handle_sigint=False: SIGINT reaches our handler, not a `<sigint>` key that
            # questionary's selection prompts ignore.
            answer = app.run(handle_sigint=False)
        finally:
            _running = None
        _raise_if_stopped()
        return answer


def reset() -> None:
    """Forget an earlier stop (a new run of gdb in the same process, e.g. in tests)."""
    global _running, _stop_requested, _depth
    _running = None
    _stop_requested = False
    _depth = 0


def _raise_if_stopped() -> None:
    global _stop_requested
    if _stop_requested:
        _stop_requested = False
        raise KeyboardInterrupt


def _end_if_stopped(app: Any) -> None:
    """End `app` at once with `KeyboardInterrupt` if a stop is noted (runs on its loop)."""
    future = app.future
    if _stop_requested and future is not None and not future.done():
        app.exit(exception=KeyboardInterrupt(), style="class:aborting")


def _end_running_prompt() -> None:
    """Ask the running prompt's event loop to end it (safe inside a signal handler)."""
    app = _running
    loop = getattr(app, "loop", None)
    if app is None or loop is None:
        return  # none running, or not started yet: `pre_run_callables` or `ask` take the stop
    with contextlib.suppress(RuntimeError):  # the loop has just closed: `ask` raises the stop
        loop.call_soon_threadsafe(_end_if_stopped, app)


def _on_sigint(signum: int, frame: object) -> None:
    if not note_stop():
        raise KeyboardInterrupt


def _catch_sigint() -> Any:
    try:
        return signal.signal(signal.SIGINT, _on_sigint)
    except (ValueError, OSError):  # not the main thread
        return None


def _restore_sigint(previous: Any) -> None:
    if previous is not None:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signal.SIGINT, previous)
