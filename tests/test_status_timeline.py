"""`gdb status --as-of …`: the milestone axis runs from the measure's start to its end and every
milestone; a measure still running past its end stretches it to the `--as-of` day, one that is
closed or paused, or has not reached its end yet, keeps it (JSON `timeline` and the text axis)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT

MINIMAL = ROOT / "examples" / "minimal-phase1.toml"


def _charter(
    tmp_path: Path,
    start: str = '"2024-01"',
    end: str = '"2024-06"',
    milestone: str = '"2024-03"',
    status: str | None = None,
) -> Path:
    """The minimal example with its own dates (TOML values: a partial date is a string) and
    one milestone; `status` the measure's state, if any."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("start = 2026-10-01 ", f"start = {start} ", 1)
    text = text.replace("end = 2027-09-30", f"end = {end}", 1)
    if status is not None:
        closed = '\nclosed_on = "2024-06"' if status in ("completed", "stopped") else ""
        text = text.replace("\nphase = 1", f'\nphase = 1\nstatus = "{status}"{closed}', 1)
    text += f'\n[[resources.milestones]]\nname = "Pilot im Amt"\ndate = {milestone}\n'
    path = tmp_path / "charta.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _status(gdb, path: Path, as_of: str, *options: str) -> dict:
    result = gdb("status", path, "--format", "json", "--as-of", as_of, *options)
    assert result.code == 0, result.err
    data: dict = json.loads(result.out)
    return data


def _axis(gdb, path: Path, as_of: str, lang: str = "de") -> tuple[str, str]:
    """The head line of the milestone axis and the axis itself (text output)."""
    result = gdb("--lang", lang, "status", path, "--as-of", as_of)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    head = "Meilensteine" if lang == "de" else "Milestones"
    [index] = [i for i, line in enumerate(lines) if line.startswith(head)]
    return lines[index], lines[index + 1]


def test_a_measure_running_past_its_month_reaches_the_as_of_day(gdb, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    path = _charter(tmp_path)  # ends "2024-06": its last day is 30 June
    data = _status(gdb, path, "2024-11-20")
    assert data["timeline"] == {"start": "2024-01-01", "end": "2024-11-20"}
    head, axis = _axis(gdb, path, "2024-11-20")
    assert axis.strip().startswith("01.01.2024 ├") and axis.endswith("┤ 20.11.2024")
    assert "▼" in head and "▶" not in head  # today lies on the axis, at its end
    head, axis = _axis(gdb, path, "2024-11-20", "en")
    assert axis.endswith(" 2024-11-20") and "▼" in head


@pytest.mark.parametrize(
    ("as_of", "end"),
    [
        ("2024-06-15", "2024-06-30"),  # inside the end month: not past its end
        ("2024-06-30", "2024-06-30"),  # its last day
        ("2024-07-01", "2024-07-01"),  # the day after: stretched by exactly one day
    ],
)
def test_a_month_ends_on_its_last_day(gdb, tmp_path, as_of, end):
    data = _status(gdb, _charter(tmp_path), as_of)
    assert data["timeline"] == {"start": "2024-01-01", "end": end}


def test_a_year_only_end_runs_to_new_year(gdb, tmp_path):
    path = _charter(tmp_path, end='"2024"', milestone='"2024-03"')
    assert _status(gdb, path, "2024-12-31")["timeline"]["end"] == "2024-12-31"
    assert _status(gdb, path, "2025-02-03")["timeline"]["end"] == "2025-02-03"


def test_a_measure_ending_after_as_of_keeps_its_end(gdb, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    path = _charter(tmp_path, start="2024-01-15", end='"2025-03"')
    data = _status(gdb, path, "2024-11-20")
    assert data["timeline"] == {"start": "2024-01-15", "end": "2025-03-31"}
    head, axis = _axis(gdb, path, "2024-11-20")
    assert axis.endswith("┤ 31.03.2025") and "▼" in head


def test_a_milestone_after_the_end_still_bounds_the_axis(gdb, tmp_path):
    # the measure ran out in June, its milestone is in December: the axis reaches the later of
    # the milestone and the as-of day
    path = _charter(tmp_path, milestone='"2024-12"')
    assert _status(gdb, path, "2024-09-10")["timeline"]["end"] == "2024-12-31"
    assert _status(gdb, path, "2025-01-10")["timeline"]["end"] == "2025-01-10"


@pytest.mark.parametrize("status", ["completed", "stopped", "paused"])
def test_a_closed_or_paused_measure_keeps_its_end(gdb, tmp_path, monkeypatch, status):
    monkeypatch.setenv("COLUMNS", "80")
    path = _charter(tmp_path, status=status)
    data = _status(gdb, path, "2024-11-20")
    assert data["timeline"] == {"start": "2024-01-01", "end": "2024-06-30"}
    head, axis = _axis(gdb, path, "2024-11-20")
    assert axis.endswith("┤ 30.06.2024")
    assert head.endswith("(heute 20.11.2024 ▶)")  # today lies beyond the axis


def test_an_active_measure_is_stretched_like_one_without_status(gdb, tmp_path):
    path = _charter(tmp_path, status="active")
    assert _status(gdb, path, "2024-11-20")["timeline"]["end"] == "2024-11-20"


def test_no_end_no_stretching(gdb, tmp_path):
    text = _charter(tmp_path).read_text(encoding="utf-8").replace('end = "2024-06"\n', "", 1)
    path = tmp_path / "ohne-ende.toml"
    path.write_text(text, encoding="utf-8")
    data = _status(gdb, path, "2024-11-20")
    assert data["timeline"] == {"start": "2024-01-01", "end": "2024-03-31"}
