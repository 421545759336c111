"""Run-wide settings chosen once from the command line and environment.

Kept in one small object so that commands stay plain functions: the language, which handbook
pack to load, how chatty to be.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Settings:
    lang: str = "de"
    handbook: Path | None = None  # None: the bundled pack
    verbosity: int = 0  # -1 quiet, 0 normal, 1 verbose

    @property
    def quiet(self) -> bool:
        return self.verbosity < 0


current = Settings()


def handbook_from_env() -> Path | None:
    value = os.environ.get("GDB_HANDBOOK")
    return Path(value) if value else None
