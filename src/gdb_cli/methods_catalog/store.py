"""Loading the method catalogue fast: validate once, then reuse a JSON index.

A cold start validates every method file with pydantic (`models.validate_pack`) and writes the
result as a compact JSON index into the user's cache folder (`$XDG_CACHE_HOME/gdb/`, else
`~/.cache/gdb/`; on Windows `%LOCALAPPDATA%\\gdb\\cache`). A warm start reads that index with `json`
only – no pydantic models, no TOML parsing.

The index is used only when it was written for the same pack folder, by the same gdb version and
index format, and the pack's **fingerprint** is unchanged: the name, size and modification time
(ns) of `handbook.toml`, `phases.toml` and every `methods/*.toml`. Adding, removing, touching or
editing any of them means full validation again. An index is not written while a file is younger
than two seconds (an edit in the same clock tick could otherwise go unnoticed – "racy" files).
When the cache folder cannot be written, gdb simply works without it. `GDB_NO_CACHE=1` turns the
cache off.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

from gdb_cli import __version__
from gdb_cli.methods_catalog.records import Catalogue
from gdb_cli.resources import bundled_content

INDEX_FORMAT = 2
RACY_SECONDS = 2.0

Fingerprint = list[list[Any]]

# One run may ask several times (e.g. tests calling gdb in-process): keep what was loaded,
# but only together with the fingerprint it belongs to.
_memo: dict[str, tuple[Fingerprint, Catalogue]] = {}


def resolve_root(handbook: Path | None) -> Path:
    return bundled_content() if handbook is None else handbook


def cache_dir() -> Path | None:
    """Where indexes go; None when caching is switched off."""
    if os.environ.get("GDB_NO_CACHE"):
        return None
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "gdb" / "cache"
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "gdb"
    try:
        return Path.home() / ".cache" / "gdb"
    except RuntimeError:  # no home directory
        return None


def fingerprint(root: Path) -> Fingerprint:
    """Name, size and mtime (ns) of every file the catalogue is built from, sorted."""
    entries: Fingerprint = []
    for name in ("handbook.toml", "phases.toml"):
        try:
            st = os.stat(root / name)
        except OSError:
            continue
        entries.append([name, st.st_size, st.st_mtime_ns])
    try:
        with os.scandir(root / "methods") as it:
            for entry in it:
                if entry.name.endswith(".toml"):
                    st = entry.stat()
                    entries.append([f"methods/{entry.name}", st.st_size, st.st_mtime_ns])
    except OSError:
        pass
    entries.sort()
    return entries


def index_path(directory: Path, root: str) -> Path:
    return directory / f"methods-{zlib.crc32(root.encode('utf-8')):08x}.json"


def _read_index(path: Path, root: str, prints: Fingerprint) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    header = (data.get("format"), data.get("gdb"), data.get("root"), data.get("fingerprint"))
    if header != (INDEX_FORMAT, __version__, root, prints):
        return None
    index = data.get("index")
    return index if isinstance(index, dict) else None


def _write_index(path: Path, root: str, prints: Fingerprint, index: dict[str, Any]) -> None:
    now = time.time_ns()
    if any(now - mtime < RACY_SECONDS * 1e9 for _name, _size, mtime in prints):
        return
    payload = {
        "format": INDEX_FORMAT,
        "gdb": __version__,
        "root": root,
        "fingerprint": prints,
        "index": index,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".methods-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # no cache then; the next run validates again


def _folded(root: Path, index: dict[str, Any]) -> dict[str, list[str]]:
    from gdb_cli.methods_catalog.search import folded_index

    return folded_index(Catalogue.from_index(root, index, from_cache=False))


def load_catalogue(handbook: Path | None = None) -> Catalogue:
    """The method catalogue of a pack: from a fresh index if there is one, else validated."""
    root_path = resolve_root(handbook)
    with contextlib.suppress(OSError):
        root_path = root_path.resolve()
    root = str(root_path)
    prints = fingerprint(root_path)
    memo = _memo.get(root)
    if memo is not None and memo[0] == prints:
        return memo[1]
    directory = cache_dir()
    path = index_path(directory, root) if directory else None
    index = _read_index(path, root, prints) if path else None
    from_cache = index is not None
    if index is None:
        from gdb_cli.methods_catalog.models import validate_pack

        index = validate_pack(root_path)
        index["folded"] = _folded(root_path, index)
        if path:
            _write_index(path, root, prints, index)
    catalogue = Catalogue.from_index(root_path, index, from_cache)
    _memo[root] = (prints, catalogue)
    return catalogue
