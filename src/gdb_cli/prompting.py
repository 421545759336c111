"""Asking a questionary question so that every way of stopping ends it the same way.

A person can stop gdb at a prompt with Ctrl-C (a key press: prompt_toolkit holds the terminal in
raw mode), with `kill -INT` (prompt_toolkit turns the signal into a `<sigint>` key, which
questionary's selection and checkbox prompts do not bind), or with `kill -TERM`. `ask` makes all
three end the prompt with `KeyboardInterrupt`, which the command turns into "answers saved,
exit 130".

SIGTERM needs care: a signal handler that raises can land anywhere in the main thread – also in a
weakref callback or `__del__`, where Python prints "Exception ignored" and carries on, and the
prompt would keep waiting. So while a prompt runs, `stop_running_prompt` does not raise: it asks
the prompt's event loop to end the prompt with `KeyboardInterrupt`. A stop that arrives just as
the prompt finishes is not lost either: `ask` raises it after the prompt returns.

This module is imported at start-up by `cli`; questionary and prompt_toolkit are imported only
by the callers of `ask`, never here at module level.
"""

from __future__ import annotations

from typing import Any

_running: Any = None  # the prompt_toolkit Application of the prompt being asked, if any
_stop_requested = False


def ask(question: Any) -> Any:
    """Ask a questionary `Question`; Ctrl-C, SIGINT and SIGTERM raise `KeyboardInterrupt`."""
    global _running
    app = question.application
    _bind_sigint(app)
    _running = app
    try:
        answer = question.unsafe_ask()
    finally:
        _running = None
    if _stop_requested:
        raise KeyboardInterrupt
    return answer


def stop_running_prompt() -> bool:
    """End the prompt being asked with `KeyboardInterrupt`; False when no prompt runs.

    Safe to call from a signal handler: it only schedules the stop on the prompt's event loop.
    """
    global _stop_requested
    app = _running
    if app is None:
        return False
    _stop_requested = True
    loop = getattr(app, "loop", None)
    if loop is None or not app.is_running:
        return False

    def end() -> None:
        future = app.future
        if future is not None and not future.done():
            app.exit(exception=KeyboardInterrupt(), style="class:aborting")

    try:
        loop.call_soon_threadsafe(end)
    except RuntimeError:  # the loop has just closed: the prompt is over
        return False
    return True


def reset() -> None:
    """Forget an earlier stop request (a new run of gdb in the same process, e.g. in tests)."""
    global _running, _stop_requested
    _running = None
    _stop_requested = False


def _bind_sigint(app: Any) -> None:
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("<sigint>")
    def _stop(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt(), style="class:aborting")

    app.key_bindings = (
        merge_key_bindings([app.key_bindings, bindings]) if app.key_bindings else bindings
    )
