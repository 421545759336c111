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
