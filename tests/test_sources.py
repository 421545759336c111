"""Whose requirement a rule is, and where gdb's content may point (issue: true to the handbook).

Every rule names a basis kind; only handbook, strategy, law and consistency may block; every
source URL of a rule, thesis, phase or closed list is on the pack's allow-list
(content/sources.toml);
draft sources are marked wherever `gdb rules` shows them; `--only-required` leaves recommendations
out; every output says when a finding is a recommendation.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE
from gdb_cli.engine.basis import KINDS, REQUIRED
from gdb_cli.engine.catalog import load_rules
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.pack.sources import source_policy

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def handbook():
    return load_handbook()


def test_every_rule_has_a_basis_kind_and_no_recommendation_blocks(gdb):
    data = json.loads(gdb("rules", "--format", "json").out)["rules"]
    assert len(data) > 90
    for rule in data:
        assert rule["basis_kind"] in KINDS, rule["code"]
        assert rule["basis_page"].startswith("https://"), rule["code"]
        if rule["severity"] == "error":
            assert rule["basis_kind"] in REQUIRED, rule["code"]
        assert rule["recommendation"] is (rule["basis_kind"] == "practice")
    kinds = {rule["basis_kind"] for rule in data}
    assert kinds == set(KINDS)  # the bundled pack uses every kind


def test_every_source_is_on_the_allow_list(handbook):
    policy = source_policy(handbook)
    assert policy.present
    urls: list[tuple[str, str]] = []
    for rule in load_rules(handbook).rules:
        urls += [(rule.code, url) for url in [*rule.sources, rule.basis.page]]
        assert rule.basis.page in rule.sources, rule.code
    urls += [(f"thesis {t.number}", url) for t in handbook.theses.theses for url in t.sources]
    urls += [(f"phase {p.number}", url) for p in handbook.phases for url in p.sources]
    for name, closed in handbook.vocabulary.items():
        urls += [(f"list {name}", url) for url in closed.sources or []]
    outside = [(where, url) for where, url in urls if not policy.allowed(url)]
    assert not outside
    for banned in ("freecram", "vdocuments", "projex", "nexusimprovement", "usaidprojectstarter"):
        assert not [url for _where, url in urls if banned in url]
    assert not [url for _where, url in urls if "gd-stage.liqd.net" in url]  # a staging site


def test_allow_list_rejects_other_sites(handbook):
    policy = source_policy(handbook)
    assert policy.allowed("https://gemeinsamdigital.berlin.de/de/handbuch/")
    assert policy.allowed("https://www.berlin.de/sen/finanzen/")
    assert policy.allowed("https://github.com/publiccodeyml/publiccode.yml")
    assert not policy.allowed("https://github.com/someone/else")
    assert not policy.allowed("https://www.freecram.net/question/x")
    assert not policy.allowed("https://evilberlin.de/")


def test_draft_sources_are_marked(gdb, handbook):
    policy = source_policy(handbook)
    drafts = [
        (rule.code, url)
        for rule in load_rules(handbook).rules
        for url in rule.sources
        if "mein.berlin.de/text/" in url
    ]
    assert drafts and all(policy.draft(url) for _code, url in drafts)
    code, url = drafts[0]
    shown = gdb("rules", code).out
    assert f"{url} (Entwurf 2022" in shown
    data = json.loads(gdb("rules", code, "--format", "json").out)
    assert url in data["draft_sources"]
    english = gdb("--lang", "en", "rules", code).out
    assert f"{url} (2022 draft" in english


def test_a_recommendation_cannot_be_an_error(tmp_path):
    from gdb_cli.errors import GdbError
    from gdb_cli.pack.handbook import load_handbook as load

    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "content", pack)
    rules = pack / "rules" / "values.toml"
    text = rules.read_text(encoding="utf-8")
    assert 'severity = "warning"' in text and 'kind = "practice"' in text
    rules.write_text(text.replace('severity = "warning"', 'severity = "error"', 1), "utf-8")
    with pytest.raises(GdbError) as caught:
        load_rules(load(pack))
    assert "practice" in caught.value.message and "rules/values.toml:4" in caught.value.message


def _practice_case(tmp_path: Path) -> Path:
    """The example charter with one goal's values removed: VAL001 (a recommendation) fires."""
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("values = ["))
    del lines[start]
    path = tmp_path / "charta.toml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_recommendations_are_named_in_every_output(gdb, tmp_path):
    path = _practice_case(tmp_path)
    args = ("check", path, "--as-of", "2026-11-30")
    text = gdb(*args)
    assert text.code == 0, text.out + text.err  # a recommendation never fails the check
    assert "VAL001 Warnung (Empfehlung)" in text.out
    english = gdb("--lang", "en", *args)
    assert "VAL001 warning (recommendation)" in english.out
    data = json.loads(gdb(*args, "--format", "json").out)
    val = [f for f in data["findings"] if f["code"] == "VAL001"]
    assert val and val[0]["basis_kind"] == "practice"
    sarif = json.loads(gdb(*args, "--format", "sarif").out)
    run = sarif["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "VAL001")
    assert rule["properties"]["basis_kind"] == "practice" and rule["properties"]["recommendation"]
    result = next(r for r in run["results"] if r["ruleId"] == "VAL001")
    assert result["properties"]["recommendation"] is True
    github = gdb(*args, "--format", "github").out
    assert "title=VAL001 (Empfehlung)" in github
    markdown = gdb(*args, "--format", "markdown").out
    assert "Warnung (Empfehlung)" in markdown
    listed = gdb("rules", "VAL").out
    assert "Empfehlung" in listed
    explained = gdb("rules", "VAL001").out
    assert "Empfehlung guter Praxis" in explained


def test_only_required_leaves_recommendations_out(gdb, tmp_path):
    path = _practice_case(tmp_path)
    data = json.loads(
        gdb("check", path, "--as-of", "2026-11-30", "--format", "json", "--only-required").out
    )
    kinds = {f["basis_kind"] for f in [*data["findings"], *data["open"]]}
    assert "practice" not in kinds
    full = json.loads(gdb("check", path, "--as-of", "2026-11-30", "--format", "json").out)
    assert "practice" in {f["basis_kind"] for f in [*full["findings"], *full["open"]]}


def test_the_steckbrief_marks_recommendations(gdb):
    out = gdb("export", EXAMPLE, "--format", "md", "--as-of", "2026-11-30").out
    assert "(Empfehlung):" in out
