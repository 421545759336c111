"""Terminal output helpers: where things go (data → stdout, messages → stderr), and making
user text safe to show.

rich is imported only when something is rendered through it. `clean` removes control characters
and escape sequences from charter text so a charter cannot rewrite the user's terminal; `escape`
additionally escapes rich markup so `[bold]` in a title is shown literally.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

# C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides that can
# disguise text (Trojan Source).
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def clean(text: object) -> str:
    """User text made harmless for a terminal: escape sequences and control characters removed."""
    value = str(text)
    if "\x1b" in value:
        value = _ANSI_RE.sub("", value)
    return _CONTROL_RE.sub("\ufffd", value)


def clean_line(text: object) -> str:
    """Like `clean`, and on one line (newlines and tabs become spaces)."""
    return " ".join(clean(text).split())


def escape(text: object) -> str:
    """`clean`, then escape rich markup so the text is shown literally."""
    from rich.markup import escape as rich_escape

    return rich_escape(clean(text))


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:
        return False


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR"))


def console(stderr: bool = False) -> Console:
    """A rich console on stdout or stderr (honours NO_COLOR and TERM=dumb via rich)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def message(text: str) -> None:
    """A message for the person (stderr), plain text."""
    sys.stderr.write(clean(text) + "\n")


def error(text: str) -> None:
    """An error message (stderr); red when stderr is a colour terminal."""
    prefix = "gdb: "
    if sys.stderr.isatty() and not no_color():
        sys.stderr.write(f"\x1b[31m{prefix}\x1b[0m{clean(text)}\n")
    else:
        sys.stderr.write(prefix + clean(text) + "\n")


def print_json(data: Any) -> None:
    """Data as JSON on stdout (UTF-8, stable key order as given)."""
    import json  # only for JSON output

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_document(data: dict[str, Any], format_version: int = 1) -> None:
    """A command's `--format json` document: `format_version` first, then `data`.

    Each document and its version are described in docs/json-output.md (`check`: in
    docs/check-output.md); the version goes up only when a key changes meaning or disappears.
    """
    print_json({"format_version": format_version, **data})
