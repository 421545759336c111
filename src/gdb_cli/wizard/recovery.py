"""Nothing lost on Ctrl-C: the answers so far, kept next to the charter until the next run.

`.charta.toml.gdb-recovery.toml` (for `charta.toml`) holds the answers in the charter format
plus a small `[gdb_recovery]` table: which sections were finished, which list items were still
being filled (`incomplete`, so the next run asks them to the end) and when it was saved. The next
`gdb init` for the same file offers to continue from it; after a charter has been written the
recovery file is removed. The name matches `.*.gdb-recovery.toml` in `.gitignore`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gdb_cli.toml.write import atomic_write, dump_data

META = "gdb_recovery"

_HEADER = (
    "# gdb init: answers saved when the interview was interrupted.\n"
    "# gdb init: beim Abbruch gesicherte Antworten. `gdb init` bietet an, hier weiterzumachen.\n\n"
)


@dataclass
class Recovery:
    data: dict[str, Any]
    completed: list[str]
    saved: str
    mode: str
    incomplete: list[str] = field(default_factory=list)


def recovery_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.gdb-recovery.toml")


def save(
    target: Path,
    data: dict[str, Any],
    completed: list[str],
    mode: str,
    incomplete: list[str] | None = None,
) -> Path:
    from gdb_cli.charter.keypaths import prune

    content: dict[str, Any] = {
        META: {
            "completed": list(completed),
            "saved": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
            "mode": mode,
            "incomplete": list(incomplete or []),
        }
    }
    content.update(prune(data))
    path = recovery_path(target)
    atomic_write(path, dump_data(content, _HEADER))
    return path


def load(target: Path) -> Recovery | None:
    """The saved answers for `target`, or None (also when the file is unreadable)."""
    path = recovery_path(target)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    meta = data.pop(META, {})
    if not isinstance(meta, dict):
        meta = {}
    completed = [str(s) for s in meta.get("completed", []) if isinstance(s, str)]
    incomplete = [str(s) for s in meta.get("incomplete", []) if isinstance(s, str)]
    return Recovery(
        data, completed, str(meta.get("saved", "")), str(meta.get("mode", "new")), incomplete
    )


def discard(target: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        recovery_path(target).unlink()
