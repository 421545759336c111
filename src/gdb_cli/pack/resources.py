"""Where the handbook pack lives: `--handbook`, else the bundled one (wheel or checkout)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def bundled_content() -> Path:
    """The `content/` folder shipped inside the package (the repository's one in a checkout)."""
    packaged = Path(str(files("gdb_cli").joinpath("content")))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "content"
    return checkout


def resolve_root(handbook: Path | None) -> Path:
    """The pack folder: `handbook` (from `--handbook` / `GDB_HANDBOOK`), else the bundled one."""
    return bundled_content() if handbook is None else handbook
