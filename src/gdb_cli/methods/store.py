"""Loading the method catalogue fast: validate once, then reuse the cached records.

A cold start validates every method file with pydantic (`models.validate_pack`) and pickles the
resulting `Catalogue` of records into the user cache (`gdb_cli.pack.cache`: same pack folder, gdb
version, index format and fingerprint of `handbook.toml`, `phases.toml`, every
`methods/*.toml` and the code that defines the records, or it is not used). A warm start
unpickles it – no pydantic models, no TOML.
"""

from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path

from gdb_cli.methods.records import Catalogue
from gdb_cli.pack import cache
from gdb_cli.pack.cache import Fingerprint, cache_dir
from gdb_cli.pack.resources import resolve_root

__all__ = ["cache_dir", "fingerprint", "index_path", "load_catalogue"]

# 3: records (pickled) instead of a JSON index
INDEX_FORMAT = 3
KIND = "methods"
# The code that defines the pickled records: a changed copy must not read old pickles.
_CODE_FILES = ("pack/records.py", "methods/records.py")

# One run may ask several times (e.g. tests calling gdb in-process): keep what was loaded,
# but only together with the fingerprint it belongs to.
_memo: dict[str, tuple[Fingerprint, Catalogue]] = {}


def fingerprint(root: Path) -> Fingerprint:
    """Name, size and mtime (ns) of every file the catalogue is built from, sorted."""
    prints = cache.fingerprint(root, ("handbook.toml", "phases.toml"), ("methods",))
    return prints + cache.fingerprint(Path(__file__).resolve().parents[1], _CODE_FILES)


def index_path(directory: Path, root: str) -> Path:
    path = cache.entry_path(KIND, root, "pickle")
    assert path is not None
    return directory / path.name


def load_catalogue(handbook: Path | None = None) -> Catalogue:
    """The method catalogue of a pack: from a fresh cache entry if there is one, else validated."""
    root_path = resolve_root(handbook)
    with contextlib.suppress(OSError):
        root_path = root_path.resolve()
    root = str(root_path)
    prints = fingerprint(root_path)
    memo = _memo.get(root)
    if memo is not None and memo[0] == prints:
        return memo[1]
    catalogue = cache.read_pickle(KIND, INDEX_FORMAT, root, prints)
    if isinstance(catalogue, Catalogue):
        catalogue = dataclasses.replace(catalogue, root=root_path, from_cache=True)
    else:
        from gdb_cli.methods.models import validate_pack

        catalogue = validate_pack(root_path)
        cache.write_pickle(KIND, INDEX_FORMAT, root, prints, catalogue)
    _memo[root] = (prints, catalogue)
    return catalogue
