"""Which charter a command works on when none is named, and the `--as-of` date option.

Commands that take an optional `[charter.toml]` look in the current folder for one of
`DEFAULT_NAMES` (`default_charter`, shared by check, status and export); with none (or several)
present they stop with a message naming the choices. `parse_date` reads every date option
(`--as-of`): ISO `2026-06-30` or German `30.06.2026`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog

DEFAULT_NAMES: tuple[str, ...] = ("charta.toml", "charter.toml", "projektcharta.toml")

_ = Catalog(
    {
        "none": {
            "de": "Keine Charta angegeben, und im aktuellen Ordner gibt es keine der Dateien "
            "{names}. Bitte die Datei angeben, z. B.: gdb {command} meine-charta.toml – "
            "eine neue Charta legt „gdb init“ an.",
            "en": "No charter given, and the current folder holds none of the files {names}. "
            "Please name the file, e.g.: gdb {command} my-charter.toml – “gdb init” creates "
            "a new charter.",
        },
        "several": {
            "de": "Mehrere Chartas im aktuellen Ordner ({found}) – bitte eine angeben.",
            "en": "Several charters in the current folder ({found}) – please name one.",
        },
        "bad_date": {
            "de": "Ungültiges Datum für {option}: „{value}“ (Form: JJJJ-MM-TT oder TT.MM.JJJJ, "
            "z. B. 2026-06-30 oder 30.06.2026).",
            "en": "Invalid date for {option}: “{value}” (form: YYYY-MM-DD or DD.MM.YYYY, "
            "e.g. 2026-06-30 or 30.06.2026).",
        },
    }
)


_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def resolve_charter(path: Path | None, command: str, folder: Path | None = None) -> Path:
    """The charter to use: `path` if given, else the one default-named file in `folder`."""
    if path is not None:
        return path
    return default_charter(command, folder)


def default_charter(command: str, folder: Path | None = None) -> Path:
    """The one default-named charter (`DEFAULT_NAMES`) in `folder` (default: the current one)."""
    base = folder if folder is not None else Path()  # relative: shown as "charta.toml"
    found = [base / name for name in DEFAULT_NAMES if (base / name).is_file()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise GdbError(_("none", names=", ".join(DEFAULT_NAMES), command=command))
    raise GdbError(_("several", found=", ".join(p.name for p in found)))


def parse_date(value: str, option: str = "--as-of") -> dt.date:
    """A date option's value: `2026-06-30` or `30.06.2026`; else a usage error naming `option`."""
    text = value.strip()
    try:
        german = _GERMAN_DATE.match(text)
        if german:
            day, month, year = (int(part) for part in german.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise GdbError(_("bad_date", option=option, value=value)) from None


def parse_as_of(value: str | None) -> dt.date:
    """`--as-of` (ISO or DD.MM.YYYY); today when not given."""
    if value is None:
        return dt.date.today()
    return parse_date(value, "--as-of")
