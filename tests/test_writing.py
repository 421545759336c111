"""Writing charters: atomic, stable bytes, and a round trip that keeps the meaning."""

from __future__ import annotations

import datetime as dt
import os
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from gdb_cli.charter.load import load_charter, load_text
from gdb_cli.charter.model import Charter
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.toml.write import atomic_write, charter_data, dump_charter


@pytest.fixture(scope="module")
def closed():
    return load_handbook().closed_ids()


def test_round_trip_of_the_example(closed):
    original = load_charter(EXAMPLE, closed).charter
    assert original is not None
    text = dump_charter(original)
    again = load_text(text, "again.toml", closed)
    assert again.problems == []
    assert again.charter == original
    assert dump_charter(again.charter) == text


def test_atomic_write_replaces_and_keeps_backup(tmp_path):
    target = tmp_path / "c.toml"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    backup = atomic_write(target, "new", backup=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert backup is not None and backup.read_text(encoding="utf-8") == "old"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_atomic_write_leaves_nothing_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "c.toml"
    target.write_text("old", encoding="utf-8")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.toml"]


text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=30)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
amounts = st.one_of(st.integers(0, 10**9), st.floats(0, 1e9, allow_nan=False))


@st.composite
def charters(draw):
    data = {
        "schema_version": 1,
        "measure": {
            "id": draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
            "title": draw(text),
            "phase": draw(st.integers(1, 5)),
            "type": draw(st.sampled_from(["zentral", "dezentral", "netzwerk"])),
            "start": draw(dates),
            "fields_of_action": draw(
                st.lists(
                    st.sampled_from(["regeneratives-wirtschaften", "ermoeglichende-verwaltung"]),
                    max_size=2,
                )
            ),
        },
        "goals": [
            {
                "statement": draw(text),
                "indicators": [
                    {"name": draw(text), "target": draw(amounts), "target_date": draw(dates)}
                ],
            }
            for _ in range(draw(st.integers(0, 3)))
        ],
        "resources": {
            "budget_total_eur": draw(amounts),
            "budget": [{"item": draw(text), "amount_eur": draw(amounts), "status": "planned"}],
        },
        "mandate": {
            "status": draw(st.sampled_from(["pending", "granted"])),
            "scope": draw(st.lists(text, max_size=3)),
        },
    }
    return Charter.model_validate(data)


@settings(max_examples=150, deadline=None)
@given(charters())
def test_round_trip_keeps_meaning_and_bytes(charter):
    closed = load_handbook().closed_ids()
    first = dump_charter(charter)
    loaded = load_text(first, "gen.toml", closed)
    assert loaded.problems == [] and loaded.charter is not None
    assert charter_data(loaded.charter) == charter_data(charter)
    assert dump_charter(loaded.charter) == first
    assert tomllib.loads(first)["schema_version"] == 1


def test_new_files_get_the_usual_permissions_not_0600(tmp_path):
    import os
    import stat

    target = tmp_path / "neu.toml"
    old_umask = os.umask(0o022)
    try:
        atomic_write(target, "x = 1\n")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
