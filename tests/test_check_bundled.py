"""`gdb check` with the bundled catalogue: indicators are open in phase 2 and an error from 3."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import MINIMAL


def _minimal_in_phase(tmp_path: Path, phase: int) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^phase = \d+", f"phase = {phase}", text)
    path = tmp_path / f"phase{phase}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_indicators_open_in_phase_2_error_in_phase_3(gdb, tmp_path):
    data = json.loads(gdb("check", "-f", "json", _minimal_in_phase(tmp_path, 2)).out)
    assert any(f["path"] == "goals[0].indicators" for f in data["open"])
    assert not any(f["path"] == "goals[0].indicators" for f in data["findings"])
    result = gdb("check", "-f", "json", _minimal_in_phase(tmp_path, 3))
    data = json.loads(result.out)
    assert any(
        f["path"] == "goals[0].indicators" and f["severity"] == "error" for f in data["findings"]
    )
    assert result.code == 1


def test_thesis6_readiness_of_the_examples():
    import datetime as dt

    from conftest import EXAMPLE
    from gdb_cli.charter.load import load_charter
    from gdb_cli.engine import evaluate
    from gdb_cli.engine.readiness import thesis6_readiness
    from gdb_cli.pack.handbook import load_handbook

    handbook = load_handbook()

    def readiness(path: Path) -> dict[str, bool]:
        loaded = load_charter(path, handbook.closed_ids())
        report = evaluate(loaded, handbook, as_of=dt.date(2026, 11, 29))
        return {area.area: area.complete for area in thesis6_readiness(report, handbook)}

    areas = {"responsibility", "resources", "mandate", "competencies"}
    assert readiness(EXAMPLE) == dict.fromkeys(areas, True)
    minimal = readiness(MINIMAL)
    assert set(minimal) == areas and minimal["mandate"] is False
    assert minimal["responsibility"] is False  # the mandate is part of responsibility


def test_open_items_show_their_later_severity(gdb):
    result = gdb("check", "-q", "--gate", MINIMAL)
    assert result.code == 1
    assert re.search(r"MAN001 offen \(Fehler\) ", result.out)
