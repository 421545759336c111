"""Writing files safely, and turning a charter into TOML text.

`atomic_write` writes to a temporary file in the same folder and renames it over the target, so a
reader (or a Ctrl-C) never sees half a file – and never a missing one: the backup is a hard link.
A symlink is written through: the file it points to gets the new text and keeps its permissions,
the link stays a link, and `PATH.bak` is a copy of the old text (not of the link).

Nothing another writer did is lost: with `expected` (the `fingerprint` taken when the file was
read, `None` for "did not exist"), the file is replaced only when it is still the same, else
`ChangedMeanwhile` is raised. `write_lock` serialises gdb processes writing the same file (a lock
file `.NAME.gdb-lock` next to it, held with `flock`, removed on every way out – and released by
the operating system even when a process is killed).
`dump_charter` renders a charter with tomli-w in the model's key order, so the same charter
always gives the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from gdb_cli.charter.model import Charter


class Anything:
    """`expected` not given: replace whatever is there."""


ANYTHING = Anything()


class ChangedMeanwhile(Exception):
    """The file is no longer what was read (another program or person changed it)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class LockTimeout(OSError):
    """Another gdb process kept the file's write lock for longer than the wait allowed."""


def fingerprint(path: Path) -> str | None:
    """The SHA-256 of the file's bytes (through symlinks); None when there is no file."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except FileNotFoundError:
        return None


def resolved(path: Path) -> Path:
    """The file a write must change: `path`, or where its symlinks finally point."""
    path = Path(path)
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def lock_path(path: Path) -> Path:
    real = resolved(path)
    return real.with_name(f".{real.name}.gdb-lock")


# Locks this process holds: lock file → (descriptor, depth), so a nested `write_lock` is free.
_held: dict[str, tuple[int, int]] = {}

# How long to wait for another gdb writing the same file, and when to say that we wait.
LOCK_WAIT = 120.0
LOCK_NOTE_AFTER = 1.0


@contextlib.contextmanager
def write_lock(
    path: Path,
    *,
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold the write lock of `path` (waiting at most `wait` seconds, `LockTimeout` after that;
    `on_wait` is called once when the wait is noticeable). Re-entrant within a process."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): the `expected` check still refuses lost updates
        yield
        return
    name = str(lock_path(path).absolute())
    if name in _held:
        fd, depth = _held[name]
        _held[name] = (fd, depth + 1)
        try:
            yield
        finally:
            _held[name] = (fd, depth)
        return
    fd = _acquire(name, fcntl, LOCK_WAIT if wait is None else wait, on_wait)
    _held[name] = (fd, 1)
    try:
        yield
    finally:
        del _held[name]
        with contextlib.suppress(OSError):
            os.unlink(name)  # still holding it: nobody can have locked this file meanwhile
        os.close(fd)


def _acquire(name: str, fcntl: Any, wait: float, on_wait: Callable[[], None] | None) -> int:
    start = time.monotonic()
    noted = False
    while True:
        fd = os.open(name, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            waited = time.monotonic() - start
            if waited > wait:
                raise LockTimeout(f"{name}: locked by another gdb process") from None
            if not noted and on_wait is not None and waited >= LOCK_NOTE_AFTER:
                noted = True
                on_wait()
            time.sleep(0.02)  # flock has no timeout; the holder needs well under a second
            continue
        except BaseException:
            os.close(fd)
            raise
        # The holder before us removes the lock file while still holding it; a lock on a file
        # that is no longer at `name` locks nothing – take the new one.
        try:
            same = os.fstat(fd).st_ino == os.stat(name).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def atomic_write(
    path: Path,
    text: str | bytes,
    *,
    backup: bool = False,
    expected: str | Anything | None = ANYTHING,
) -> Path | None:
    """Write `text` (or bytes) to `path` atomically; with `backup`, keep an existing file as
    `PATH.bak`.

    A symlink is followed: its target is replaced, the link stays. With `expected` (a
    `fingerprint`, None for "no file"), the file is only replaced while it still matches, under
    the file's write lock; else `ChangedMeanwhile`. Returns the backup path when one was made.
    """
    path = Path(path)
    real = resolved(path)
    folder = real.parent if str(real.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(expected, Anything):
        return _replace(path, real, folder, text, backup)
    with write_lock(real):
        if fingerprint(real) != expected:
            raise ChangedMeanwhile(path)
        return _replace(path, real, folder, text, backup)


def _replace(path: Path, real: Path, folder: Path, text: str | bytes, backup: bool) -> Path | None:
    mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        mode = real.stat().st_mode & 0o777
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{real.name}.", suffix=".tmp")
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates 0600; a new charter gets the usual permissions (0666 minus umask).
        os.chmod(temp_name, mode if mode is not None else 0o666 & ~_umask())
        backup_path: Path | None = None
        if backup and real.exists():
            # A hard link, not a rename: the target must never be missing, even for a moment
            # (an interrupt between two renames would leave only PATH.bak). Next to the name
            # the user gave, and of the file itself – never a second link to it.
            backup_path = path.with_name(path.name + ".bak")
            _link_backup(real, backup_path)
        os.replace(temp_name, real)
        return backup_path
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def _link_backup(path: Path, backup_path: Path) -> None:
    """Make `backup_path` the current `path` (atomically replacing an older backup)."""
    link_name = backup_path.with_name(f".{backup_path.name}.{os.getpid()}.tmp")
    try:
        os.link(path, link_name, follow_symlinks=False)
    except OSError:  # no hard links here (some network or FAT drives, another drive): copy
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


@contextlib.contextmanager
def atomic_stream(path: Path) -> Iterator[TextIO]:
    """Like `atomic_write`, for a document written piece by piece (UTF-8, newlines as given):
    the file appears whole when the block ends, or not at all (a temporary file is renamed)."""
    real = resolved(Path(path))
    folder = real.parent if str(real.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, real)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def emit(text: str | bytes, output: Path | None) -> None:
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
        if isinstance(text, bytes):  # a binary document (xlsx) to a pipe
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
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
