"""Thresholds of the pack: a rule's check reads a number from `handbook.toml`
(`{ handbook = "thresholds.NAME" }`), `gdb rules` shows it, another pack changes it, and a pack
whose rule names a threshold it lacks is refused at load with a clear message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

MINIMAL = ROOT / "examples" / "minimal-phase1.toml"
KEY = "thresholds.phase_unchanged_months"
AS_OF = "2026-11-29"


def _pack(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the bundled pack (rules, core files) whose handbook.toml has `old` → `new`."""
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "content", pack, ignore=shutil.ignore_patterns("methods"))
    handbook = pack / "handbook.toml"
    text = handbook.read_text(encoding="utf-8")
    assert old in text
    handbook.write_text(text.replace(old, new, 1), encoding="utf-8")
    return pack


def _charter(tmp_path: Path, entered: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert "\nphase = 1" in text
    value = entered if len(entered) == 10 else f'"{entered}"'  # a day: a TOML date
    text = text.replace("\nphase = 1", f"\nentered_phase_on = {value}\nphase = 1", 1)
    path = tmp_path / f"c-{entered}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _mea021(gdb, path: Path, *pack: str) -> list[dict]:
    result = gdb(*pack, "--lang", "en", "check", "--format", "json", "--as-of", AS_OF, path)
    assert result.code in (0, 1), result.err
    return [f for f in json.loads(result.out)["findings"] if f["code"] == "MEA021"]


def test_the_bundled_threshold_is_gdbs_18_months_and_rules_shows_it(gdb):
    data = json.loads(gdb("rules", "MEA021", "--format", "json").out)
    assert data["check"]["months"] == {"handbook": KEY}
    [threshold] = data["thresholds"]
    assert threshold["key"] == KEY and threshold["parameter"] == "months"
    assert threshold["value"] == 18
    assert threshold["basis_kind"] == "practice"  # gdb's value, never "the handbook says"
    assert "not the handbook's" in threshold["note"]["en"]
    text = gdb("--lang", "en", "rules", "MEA021")
    assert text.code == 0
    assert "Threshold:" in text.out
    assert "Months in one phase after which gdb asks: 18 (recommendation)" in text.out
    assert f"handbook.toml › [{KEY}]" in text.out
    german = gdb("--lang", "de", "rules", "MEA021").out
    assert "Schwelle:" in german and ": 18 (Empfehlung)" in german


def test_the_threshold_is_a_boundary_in_months(gdb, tmp_path):
    # --as-of 2026-11-29: entered 2025-05 (last day 05-31) is 17 full months, 2025-04 is 18,
    # 2025-03 is 19 – only more than 18 months is reported
    assert _mea021(gdb, _charter(tmp_path, "2025-04")) == []
    [finding] = _mea021(gdb, _charter(tmp_path, "2025-03"))
    assert finding["message"].endswith("(19 months; gdb asks after 18 months).")
    assert _mea021(gdb, _charter(tmp_path, "2025-05-30")) == []
    assert _mea021(gdb, _charter(tmp_path, "2025-05-28")) == []
    assert len(_mea021(gdb, _charter(tmp_path, "2025-04-28"))) == 1  # 19 months and a day


def test_another_pack_sets_its_own_threshold(gdb, tmp_path):
    pack = _pack(tmp_path, "value = 18", "value = 6")
    charter = _charter(tmp_path, "2026-01")  # 9 full months before --as-of
    assert _mea021(gdb, charter) == []
    [finding] = _mea021(gdb, charter, "--handbook", str(pack))
    assert "(9 months; gdb asks after 6 months)" in finding["message"]
    shown = json.loads(gdb("--handbook", pack, "rules", "MEA021", "--format", "json").out)
    assert shown["thresholds"][0]["value"] == 6
    # the bundled pack is untouched by the other one (each pack is cached on its own)
    assert (
        json.loads(gdb("rules", "MEA021", "--format", "json").out)["thresholds"][0]["value"] == 18
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("[thresholds.phase_unchanged_months]", "[thresholds.phase_unchanged]", KEY),
        ("value = 18", "value = -1", "handbook.toml:"),
        ("value = 18", 'value = "18"', "handbook.toml:"),
    ],
)
def test_a_pack_without_the_threshold_is_broken_with_a_clear_message(
    gdb, tmp_path, old, new, expected
):
    pack = _pack(tmp_path, old, new)
    result = gdb("--handbook", pack, "--lang", "en", "check", MINIMAL)
    assert result.code == 2
    assert "Broken handbook pack" in result.err and expected in result.err
    assert "Traceback" not in result.err
    if expected == KEY:
        assert "rules/lifecycle.toml: MEA021" in result.err
        assert "phase_unchanged" in result.err  # the check and what the pack holds instead


def test_a_reference_of_the_wrong_kind_is_refused(tmp_path):
    from gdb_cli.engine.catalog import load_rules_from
    from gdb_cli.errors import GdbError

    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(ROOT / "content" / "rules" / "_areas.toml", folder)
    rule = (ROOT / "content" / "rules" / "lifecycle.toml").read_text(encoding="utf-8")
    start = rule.index('[[rules]]\ncode = "MEA021"')
    end = rule.index("[[rules]]", start + 1)
    (folder / "one.toml").write_text(rule[start:end], encoding="utf-8")
    catalog = load_rules_from(folder, tmp_path, 5, {KEY: 3})
    assert catalog.values == {KEY: 3}
    with pytest.raises(GdbError) as error:
        load_rules_from(folder, tmp_path, 5, {KEY: True})  # no number
    message = str(error.value)
    assert KEY in message and ("does not fit" in message or "nicht passt" in message)
    with pytest.raises(GdbError) as error:
        load_rules_from(folder, tmp_path, 5)
    assert KEY in str(error.value)


def test_a_named_check_reads_the_value_it_is_given():
    import datetime as dt

    from gdb_cli.engine import named
    from gdb_cli.engine.hits import CheckContext

    function, params = named.prepare("phase_unchanged", {"months": {"handbook": KEY}}, {KEY: 2})
    assert params == {"months": 2}
    data = {"measure": {"entered_phase_on": "2026-08"}}
    assert function(CheckContext(data, 1, dt.date(2026, 11, 30)), params) == []
    [hit] = function(CheckContext(data, 1, dt.date(2026, 12, 1)), params)
    assert hit.params["count"].number == 3 and hit.params["limit"].number == 2
    assert named.reference({"handbook": KEY}) == KEY
    assert named.reference({"handbook": KEY, "x": 1}) is None
    assert named.reference(KEY) is None
