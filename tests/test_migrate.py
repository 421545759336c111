"""`gdb migrate`: format 1 → format 2 keeps every value, comment and finding; idempotent."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdb_cli.charter.load import load_text
from gdb_cli.charter.migrate import migrate_text
from gdb_cli.engine import evaluate
from gdb_cli.pack.handbook import load_handbook

FORMAT1 = Path("/work/shared/examples/charter.example.toml")
FORMAT1_TEXT = FORMAT1.read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 6)
AS_OF = dt.date(2026, 11, 29)
HANDBOOK = load_handbook()


def _findings(text: str) -> set[tuple[str, str, str]]:
    loaded = load_text(text, "c.toml", HANDBOOK.closed_ids())
    report = evaluate(loaded, HANDBOOK, as_of=AS_OF)
    return {
        (f.code, f.severity, f.path)
        for f in [*report.findings, *report.open]
        # removed on purpose: the "please migrate" note, and "no changelog" (migrating adds one)
        if f.code != "SCH008" and f.path != "changelog"
    }


def test_only_the_version_and_a_changelog_entry_change():
    migrated = migrate_text(FORMAT1_TEXT, TODAY).text
    assert migrated is not None
    before, after = tomllib.loads(FORMAT1_TEXT), tomllib.loads(migrated)
    assert after["schema_version"] == 2
    newest = after["changelog"][0]
    assert newest == {"version": "1.2.0", "date": TODAY, "changes": newest["changes"]}
    assert "gdb migrate" in newest["changes"]
    assert {**after, "schema_version": 1, "changelog": after["changelog"][1:]} == before
    # comments and every untouched line are kept byte for byte
    old_lines = [line for line in FORMAT1_TEXT.splitlines() if line != "schema_version = 1"]
    new_lines = migrated.splitlines()
    assert all(line in new_lines for line in old_lines)
    assert migrate_text(migrated, TODAY).text is None  # idempotent


def test_a_comment_on_the_version_line_is_kept():
    migrated = migrate_text("schema_version = 1  # Format\n[measure]\nid = 'a'\n", TODAY).text
    assert migrated is not None
    assert migrated.startswith("schema_version = 2  # Format\n[measure]\nid = 'a'\n")


_SECTIONS = [
    "problem",
    "goals",
    "responsibility",
    "resources",
    "mandate",
    "competencies",
    "stakeholders",
    "participation",
    "principles",
    "risks",
    "changelog",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dropped=st.sets(st.sampled_from(_SECTIONS)),
    phase=st.integers(1, 5),
    title=st.text(min_size=1, max_size=30).filter(lambda t: t.strip()),
    comment=st.text(alphabet="abc äöü#-", max_size=20),
)
def test_every_value_survives_and_check_finds_the_same(dropped, phase, title, comment):
    document = tomlkit.parse(FORMAT1_TEXT)
    for section in dropped:
        del document[section]
    document["measure"]["phase"] = phase
    document["measure"]["title"] = title
    document["measure"]["title"].comment(comment)
    text = tomlkit.dumps(document)
    migrated = migrate_text(text, TODAY).text
    assert migrated is not None
    before, after = tomllib.loads(text), tomllib.loads(migrated)
    after_log = after.pop("changelog")
    assert after_log[-1 if "changelog" not in before else 0]["date"] == TODAY
    after_log = [
        e
        for e in after_log
        if e.get("date") != TODAY or "changes" not in e or "gdb migrate" not in e["changes"]
    ]
    if "changelog" in before:
        assert after_log == before.pop("changelog")
    assert {**after, "schema_version": 1} == before
    assert _findings(migrated) == _findings(text)
    assert migrate_text(migrated, TODAY).text is None


def test_cli_check_diff_write_backup_and_second_run(gdb, tmp_path):
    path = tmp_path / "charta.toml"
    path.write_text(FORMAT1_TEXT, encoding="utf-8")
    pending = gdb("--lang", "en", "migrate", "--check", path)
    assert pending.code == 1 and "still format 1" in pending.err
    assert path.read_text(encoding="utf-8") == FORMAT1_TEXT
    shown = gdb("migrate", "--diff", path)
    assert shown.code == 0
    assert "-schema_version = 1\n+schema_version = 2\n" in shown.out
    assert path.read_text(encoding="utf-8") == FORMAT1_TEXT
    done = gdb("--lang", "en", "migrate", path)
    assert done.code == 0 and "migrated to format 2" in done.err
    assert (tmp_path / "charta.toml.bak").read_text(encoding="utf-8") == FORMAT1_TEXT
    once = path.read_text(encoding="utf-8")
    again = gdb("--lang", "en", "migrate", path)
    assert again.code == 0 and "already format 2" in again.err
    assert path.read_text(encoding="utf-8") == once
    assert gdb("migrate", "--check", path).code == 0
    checked = gdb("check", "--as-of", "2026-11-29", path)
    assert checked.code == 0 and "SCH008" not in checked.out


def test_cli_folder_skips_non_charters_and_reports_bad_toml(gdb, tmp_path):
    (tmp_path / "a.toml").write_text(FORMAT1_TEXT, encoding="utf-8")
    (tmp_path / "notes.toml").write_text("title = 'no charter'\n", encoding="utf-8")
    (tmp_path / "broken.toml").write_text("schema_version = 1\n[measure\n", encoding="utf-8")
    result = gdb("--lang", "en", "migrate", tmp_path)
    assert result.code == 2
    assert "broken.toml:2" in result.err and "skipped – not a charter" in result.err
    assert "schema_version = 2" in (tmp_path / "a.toml").read_text(encoding="utf-8")
    assert (tmp_path / "notes.toml").read_text(encoding="utf-8") == "title = 'no charter'\n"
