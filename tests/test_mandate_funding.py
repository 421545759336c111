"""A mandate granted by a funding decision (`mandate.granted_by = "foerderbescheid"`, as format-1
charters may say) is no political mandate for change (thesis 6): MAN020 says so in format 1 and
after `gdb migrate` alike – migrate does not restructure the mandate itself (it cannot know
whether the team meant the grant as the mandate), the finding tells the team how to."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

MINIMAL = ROOT / "examples" / "minimal-phase1.toml"
GRANTED = 'status = "granted"\ngranted_by = "foerderbescheid"\ndate = 2023-02-14\n'


def _format1(tmp_path: Path) -> Path:
    """A format-1 charter in phase 2 whose mandate is a funding decision."""
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in (
        ("schema_version = 2", "schema_version = 1"),
        ("phase = 1 ", "phase = 2 "),
        ('status = "pending" ', GRANTED + "# "),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "charta.toml"
    path.write_text(text, "utf-8")
    return path


def _man020(gdb, path: Path, lang: str = "en") -> list[dict]:
    result = gdb("--lang", lang, "check", "--format", "json", "--as-of", "2026-11-29", path)
    return [f for f in json.loads(result.out)["findings"] if f["code"] == "MAN020"]


def test_a_funding_decision_as_the_mandate_is_named_in_both_formats(gdb, tmp_path):
    path = _format1(tmp_path)
    [finding] = _man020(gdb, path)
    assert finding["path"] == "mandate.granted_by" and finding["severity"] == "warning"
    assert finding["message"].endswith("no political mandate for change, only: Funding decision.")
    assert "nur: Förderbescheid." in _man020(gdb, path, "de")[0]["message"]
    assert gdb("migrate", path).code == 0
    assert "schema_version = 2" in path.read_text(encoding="utf-8")
    assert _man020(gdb, path) == [finding]  # format 2: the same finding, nothing restructured


def test_a_listed_mandate_for_change_or_another_body_clears_it(gdb, tmp_path):
    path = _format1(tmp_path)
    text = path.read_text(encoding="utf-8")
    listed = text + (
        '\n[[mandate.decisions]]\nkind = "change-mandate"\ngranted_by = "entscheidungsrunde"\n'
        "date = 2026-06-15\n"
    )
    path.write_text(listed.replace("schema_version = 1", "schema_version = 2", 1), "utf-8")
    assert _man020(gdb, path) == []
    path.write_text(
        text.replace('granted_by = "foerderbescheid"', 'granted_by = "cdo"', 1), "utf-8"
    )
    assert _man020(gdb, path) == []
    pending = text.replace('status = "granted"', 'status = "pending"', 1)
    assert pending != text
    path.write_text(pending, "utf-8")
    assert _man020(gdb, path) == []  # nothing granted yet: MAN001 speaks, not MAN020
