"""The user cache: validated content stored once, reused while the pack is unchanged.

Validating a pack with pydantic costs more than the rest of a typical run, so what was validated
is kept in the user's cache folder, as platformdirs finds it: `$XDG_CACHE_HOME/gdb/` or
`~/.cache/gdb/` on Linux, `~/Library/Caches/gdb/` on macOS, `%LOCALAPPDATA%\\gdb\\Cache` on
Windows. An entry is used only for the same pack folder, gdb version and entry format, and only
while the pack's **fingerprint** is unchanged: the name, size and modification time (ns) of every
file it was built from. Adding, removing, touching or editing any of them means full validation
again. Nothing is written while a file is younger than two seconds (an edit within the same
clock tick could otherwise go unnoticed). When the folder cannot be written, gdb simply works
without it; `GDB_NO_CACHE=1` turns the cache off.

A warm `gdb check` or `gdb methods` reads one pickle and nothing else; the pure-Python `pickle`
module (writing only) is imported where needed: a few ms of start-up.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gdb_cli import __version__

RACY_SECONDS = 2.0

Fingerprint = list[list[Any]]


def cache_dir() -> Path | None:
    """Where cache entries go (the platform's user cache folder); None when caching is off."""
    if os.environ.get("GDB_NO_CACHE"):
        return None
    import platformdirs  # about 2 ms, only when a pack is loaded

    folder = Path(platformdirs.user_cache_dir("gdb", appauthor=False))
    return folder if folder.is_absolute() else None  # no home directory: no cache


def fingerprint(root: Path, files: Iterable[str], folders: Iterable[str] = ()) -> Fingerprint:
    """Name, size and mtime (ns) of the named files and of every `*.toml` in the folders."""
    entries: Fingerprint = []
    for name in files:
        try:
            st = os.stat(root / name)
        except OSError:
            continue
        entries.append([name, st.st_size, st.st_mtime_ns])
    for folder in folders:
        try:
            with os.scandir(root / folder) as it:
                for entry in it:
                    if entry.name.endswith(".toml"):
                        st = entry.stat()
                        entries.append([f"{folder}/{entry.name}", st.st_size, st.st_mtime_ns])
        except OSError:
            pass
    entries.sort()
    return entries


def entry_path(kind: str, root: str, suffix: str) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"{kind}-{zlib.crc32(root.encode('utf-8')):08x}.{suffix}"


def _header(kind: str, entry_format: int, root: str, prints: Fingerprint) -> list[Any]:
    return [kind, entry_format, __version__, root, prints]


def is_racy(prints: Fingerprint) -> bool:
    now = time.time_ns()
    return any(now - mtime < RACY_SECONDS * 1e9 for _name, _size, mtime in prints)


def _write_atomically(path: Path, write: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError:
        pass  # no cache then; the next run validates again


def read_pickle(kind: str, entry_format: int, root: str, prints: Fingerprint) -> Any | None:
    """An object this gdb version pickled itself into the user's own cache folder.

    The header is a pickle of its own, read first: an entry of another format or version is
    dropped before its value is unpickled (the classes it names may be gone).
    """
    path = entry_path(kind, root, "pickle")
    if path is None:
        return None
    try:
        import _pickle as pickle  # the C unpickler alone: `pickle` itself takes ms to import
    except ImportError:  # not CPython
        import pickle  # type: ignore[no-redef]
    try:
        with open(path, "rb") as handle:
            if pickle.load(handle) != _header(kind, entry_format, root, prints):
                return None
            return pickle.load(handle)
    except Exception:  # a damaged or foreign entry is simply not used
        return None


def write_pickle(kind: str, entry_format: int, root: str, prints: Fingerprint, value: Any) -> None:
    path = entry_path(kind, root, "pickle")
    if path is None or is_racy(prints):
        return
    import pickle

    header = pickle.dumps(_header(kind, entry_format, root, prints), protocol=5)
    data = header + pickle.dumps(value, protocol=5)
    _write_atomically(path, lambda handle: handle.write(data))
