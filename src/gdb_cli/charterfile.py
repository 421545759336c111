"""Which charter a command works on when none is named, and the `--as-of` date option.

Commands that take an optional `[charter.toml]` look in the current folder for one of
`DEFAULT_NAMES`; with none (or several) present they stop with a message naming the choices.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog

DEFAULT_NAMES: tuple[str, ...] = ("charta.toml", "charter.toml", "projektcharta.toml")

_ = Catalog(
    {
        "none": {
            "de": "Keine Charta angegeben und keine {names} im aktuellen Ordner gefunden. "
            "Bitte die Datei angeben, z. B.: gdb {command} charta.toml",
            "en": "No charter given and no {names} found in the current folder. "
            "Please name the file, e.g.: gdb {command} charter.toml",
        },
        "several": {
            "de": "Mehrere Chartas im aktuellen Ordner ({found}) – bitte eine angeben.",
            "en": "Several charters in the current folder ({found}) – please name one.",
        },
        "bad_date": {
            "de": "Ungültiges Datum für --as-of: „{value}“ (Form: JJJJ-MM-TT, z. B. 2026-06-30).",
            "en": "Invalid date for --as-of: “{value}” (form: YYYY-MM-DD, e.g. 2026-06-30).",
        },
    }
)


def resolve_charter(path: Path | None, command: str, folder: Path | None = None) -> Path:
    """The charter to use: `path` if given, else the one default-named file in `folder`."""
    if path is not None:
        return path
    base = folder or Path.cwd()
    found = [base / name for name in DEFAULT_NAMES if (base / name).is_file()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise GdbError(_("none", names=" / ".join(DEFAULT_NAMES), command=command))
    raise GdbError(_("several", found=", ".join(p.name for p in found)))


def parse_as_of(value: str | None) -> dt.date:
    """`--as-of YYYY-MM-DD` (today when not given)."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise GdbError(_("bad_date", value=value)) from None
