"""Writing files safely, and turning a charter into TOML text.

`atomic_write` writes to a temporary file in the same folder and renames it over the target, so a
reader (or a Ctrl-C) never sees half a file – and never a missing one: the backup is a hard link.
`dump_charter` renders a charter with tomli-w in the model's key order, so the same charter
always gives the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdb_cli.charter.model import Charter


def atomic_write(path: Path, text: str, *, backup: bool = False) -> Path | None:
    """Write `text` to `path` atomically; with `backup`, keep an existing file as `PATH.bak`.

    Returns the backup path when one was made.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o777
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates 0600; a new charter gets the usual permissions (0666 minus umask).
        os.chmod(temp_name, mode if mode is not None else 0o666 & ~_umask())
        backup_path: Path | None = None
        if backup and path.exists():
            # A hard link, not a rename: the target must never be missing, even for a moment
            # (an interrupt between two renames would leave only PATH.bak).
            backup_path = path.with_name(path.name + ".bak")
            _link_backup(path, backup_path)
        os.replace(temp_name, path)
        return backup_path
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def _link_backup(path: Path, backup_path: Path) -> None:
    """Make `backup_path` the current `path` (atomically replacing an older backup)."""
    link_name = backup_path.with_name(f".{backup_path.name}.{os.getpid()}.tmp")
    try:
        os.link(path, link_name)
    except OSError:  # no hard links here (some network or FAT drives): copy instead
        import shutil

        shutil.copy2(path, link_name)
    try:
        os.replace(link_name, backup_path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(link_name)
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def emit(text: str, output: Path | None) -> None:
    """A command's document: to stdout, or atomically to `output` (with a note on stderr).

    A file that cannot be written is a `GdbError` (exit 2) naming it and the reason.
    """
    import sys

    from gdb_cli.errors import GdbError
    from gdb_cli.i18n import Catalog
    from gdb_cli.output import message
    from gdb_cli.settings import current

    _ = Catalog(
        {
            "written": {"de": "Geschrieben: {file}", "en": "Written: {file}"},
            "cannot_write": {
                "de": "Kann {file} nicht schreiben: {reason}",
                "en": "Cannot write {file}: {reason}",
            },
        }
    )
    if output is None:
        sys.stdout.write(text)
        return
    try:
        atomic_write(output, text)
    except OSError as exc:
        raise GdbError(_("cannot_write", file=output, reason=exc.strerror or exc)) from None
    if not current.quiet:
        message(_("written", file=output))


def charter_data(charter: Charter) -> dict[str, Any]:
    """The charter as plain TOML-ready data: empty lists and unset keys left out."""
    pruned: dict[str, Any] = _prune(charter.model_dump(mode="python", exclude_none=True))
    return pruned


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ([], {}, None)}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def dump_data(data: dict[str, Any], header: str = "") -> str:
    import tomli_w

    body = tomli_w.dumps(data, indent=2)
    return header + body


def dump_charter(charter: Charter, header: str = "") -> str:
    """TOML text for a charter, with an optional comment header (each line starting with #)."""
    return dump_data(charter_data(charter), header)
