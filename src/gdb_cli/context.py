"""What commands need from the run: the handbook pack in use and charters loaded from it.

Importing this module is cheap; pydantic and the content are loaded on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gdb_cli import settings
from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog

if TYPE_CHECKING:
    from gdb_cli.charter.load import LoadedCharter
    from gdb_cli.pack.handbook import Handbook

_ = Catalog(
    {
        "charter_problems_1": {
            "de": "{file}: 1 Problem – die Charta kann so nicht gelesen werden.",
            "en": "{file}: 1 problem – the charter cannot be read like this.",
        },
        "charter_problems_n": {
            "de": "{file}: {count} Probleme – die Charta kann so nicht gelesen werden.",
            "en": "{file}: {count} problems – the charter cannot be read like this.",
        },
    }
)


def handbook() -> Handbook:
    """The pack chosen with --handbook / GDB_HANDBOOK, else the bundled one (validated)."""
    from gdb_cli.pack.handbook import load_handbook

    return load_handbook(settings.current.handbook)


def load(path: Path) -> LoadedCharter:
    """Load a charter against the active pack; never raises for bad input."""
    from gdb_cli.charter.load import load_charter

    return load_charter(path, handbook().closed_ids())


def load_valid(path: Path) -> LoadedCharter:
    """Load a charter that must be valid: otherwise print its problems and exit with 2."""
    from gdb_cli.output import message

    loaded = load(path)
    if loaded.charter is None or loaded.problems:
        for problem in loaded.problems:
            # a whole-file problem (IO001 "Datei nicht gefunden") has no key path to name
            where = f"{problem.path}: " if problem.path else ""
            message(f"{problem.location()}: {problem.code} {where}{problem.message}")
        count = len(loaded.problems)
        key = "charter_problems_1" if count == 1 else "charter_problems_n"
        raise GdbError(_(key, file=loaded.file, count=count))
    if loaded.charter.measure.phase is None:  # no phase stated: the one the evidence shows
        import datetime as dt

        from gdb_cli.engine import derive_phase
        from gdb_cli.engine.catalog import load_rules

        pack = handbook()
        loaded.charter.measure.phase = derive_phase(
            loaded.data, load_rules(pack), len(pack.phases), dt.date.today()
        )
    return loaded
