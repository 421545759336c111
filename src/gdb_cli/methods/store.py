"""Loading the method catalogue fast: validate once, then reuse a JSON index.

A cold start validates every method file with pydantic (`models.validate_pack`) and stores the
result as a compact JSON index in the user cache (`gdb_cli.pack.cache`: same pack folder, gdb
version, index format and fingerprint of `handbook.toml`, `phases.toml` and every
`methods/*.toml`, or it is not used). A warm start reads that index with `json` only – no pydantic
models, no TOML.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from gdb_cli.methods.records import Catalogue
from gdb_cli.pack import cache
from gdb_cli.pack.cache import Fingerprint, cache_dir
from gdb_cli.pack.resources import bundled_content

__all__ = ["cache_dir", "fingerprint", "index_path", "load_catalogue"]

INDEX_FORMAT = 2
KIND = "methods"

# One run may ask several times (e.g. tests calling gdb in-process): keep what was loaded,
# but only together with the fingerprint it belongs to.
_memo: dict[str, tuple[Fingerprint, Catalogue]] = {}


def resolve_root(handbook: Path | None) -> Path:
    return bundled_content() if handbook is None else handbook


def fingerprint(root: Path) -> Fingerprint:
    """Name, size and mtime (ns) of every file the catalogue is built from, sorted."""
    return cache.fingerprint(root, ("handbook.toml", "phases.toml"), ("methods",))


def index_path(directory: Path, root: str) -> Path:
    path = cache.entry_path(KIND, root, "json")
    assert path is not None
    return directory / path.name


def _folded(root: Path, index: dict[str, Any]) -> dict[str, list[str]]:
    from gdb_cli.methods.search import folded_index

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
    index = cache.read_json(KIND, INDEX_FORMAT, root, prints)
    if not isinstance(index, dict):
        index = None
    from_cache = index is not None
    if index is None:
        from gdb_cli.methods.models import validate_pack

        index = validate_pack(root_path)
        index["folded"] = _folded(root_path, index)
        cache.write_json(KIND, INDEX_FORMAT, root, prints, index)
    catalogue = Catalogue.from_index(root_path, index, from_cache)
    _memo[root] = (prints, catalogue)
    return catalogue
