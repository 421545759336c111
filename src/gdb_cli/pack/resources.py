"""Where the bundled handbook pack lives, in an installed wheel or in a source checkout."""

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
