"""The rule engine against a fixture pack: every check kind, phases, exceptions, selection."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from gdb_cli.engine import evaluate, matches_selection
from gdb_cli.engine.catalog import load_rules, load_rules_from
from gdb_cli.engine.readiness import thesis6_readiness
from gdb_cli.errors import GdbError
from gdb_cli.pack.handbook import Handbook, load_handbook
from helpers import FIXTURE_RULES, load_data, make_pack

AS_OF = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Handbook:
    return load_handbook(make_pack(tmp_path_factory.mktemp("engine")))


def base(phase: int = 1) -> dict:
    return {
        "schema_version": 2,
        "measure": {
            "id": "m",
            "title": "M",
            "phase": phase,
            "start": dt.date(2026, 1, 1),
            "end": dt.date(2027, 1, 1),
        },
        "goals": [
            {
                "id": "z1",
                "statement": "s",
                "indicators": [{"unit": "u", "baseline": 0, "target": 1, "kind": "outcome"}],
            }
        ],
        "mandate": {"status": "granted"},
    }


def run(handbook: Handbook, data: dict, **options):
    options.setdefault("as_of", AS_OF)
    return evaluate(load_data(data, handbook), handbook, **options)


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def test_clean_charter_has_no_findings(handbook):
    report = run(handbook, base(3))
    assert report.findings == [] and report.open == [] and report.failing == []
    assert report.phase == 3


def test_required_reports_concrete_path_and_position(handbook):
    data = base()
    del data["mandate"]["status"]
    report = run(handbook, data)
    [finding] = [f for f in report.findings if f.code == "MAN001"]
    assert finding.path == "mandate.status"
    assert finding.line is not None and finding.file == "charter.toml"
    assert finding.applies_from == 1 and finding.extra["area"] == "mandate"


def test_min_items_with_wildcard_and_message_placeholders(handbook):
    data = base(3)
    data["goals"].append({"id": "z2", "statement": "t"})
    report = run(handbook, data)
    [finding] = [f for f in report.findings if f.code == "GOL002"]
    assert finding.path == "goals[1].indicators"
    data["goals"] = []
    report = run(handbook, data)
    [finding] = [f for f in report.findings if f.code == "GOL001"]
    assert finding.message == "Es sind 0 Ziele angegeben, nötig sind mindestens 1."


def test_items_have_one_finding_per_item_and_key(handbook):
    data = base(3)
    data["goals"][0]["indicators"] = [{"unit": "u", "kind": "outcome"}, {"kind": "output"}]
    report = run(handbook, data)
    paths = sorted(f.path for f in report.findings if f.code == "GOL003")
    assert paths == [
        "goals[0].indicators[0].baseline",
        "goals[0].indicators[0].target",
        "goals[0].indicators[1].baseline",
        "goals[0].indicators[1].target",
        "goals[0].indicators[1].unit",
    ]


def test_any_item_equals_and_when(handbook):
    data = base(3)
    data["goals"][0]["indicators"][0]["kind"] = "output"
    data["mandate"]["status"] = "pending"
    data["principles"] = {"software": True}
    report = run(handbook, data)
    assert {"GOL004", "MAN002", "CON003"} <= set(codes(report.findings))
    [man] = [f for f in report.findings if f.code == "MAN002"]
    assert "(Status: ausstehend)" in man.message  # the label, not the id
    data["principles"] = {"software": False}
    assert "CON003" not in codes(run(handbook, data).findings)


def test_date_order_sum_and_named_checks(handbook):
    data = base()
    data["measure"]["end"] = dt.date(2025, 1, 1)
    data["resources"] = {
        "budget_total_eur": 100,
        "budget": [{"amount_eur": 30}, {"amount_eur": 30}],
        "milestones": [{"name": "M1", "date": dt.date(2026, 2, 1)}],
    }
    data["goals"].append({"id": "z1", "statement": "twice"})
    report = run(handbook, data)
    by_code = {f.code: f for f in report.findings}
    assert by_code["CON001"].path == "measure.end"
    assert "01.01.2025" in by_code["CON001"].message  # a date as people read it
    assert by_code["CON002"].path == "resources.budget_total_eur"
    assert "60" in by_code["CON002"].message
    assert by_code["CON004"].path == "resources.milestones[0].date"
    assert by_code["GOL005"].path == "goals[1].id"


def test_as_of_decides_date_rules(handbook):
    data = base()
    data["mandate"]["valid_until"] = dt.date(2026, 6, 30)
    assert "MAN003" in codes(run(handbook, data, as_of=dt.date(2026, 7, 1)).findings)
    assert "MAN003" not in codes(run(handbook, data, as_of=dt.date(2026, 6, 30)).findings)


def test_phase_semantics_open_and_gate(handbook):
    data = base(2)
    del data["goals"][0]["indicators"]
    report = run(handbook, data)
    assert "GOL002" not in codes(report.findings)
    assert "GOL002" in codes(report.open)
    assert report.failing == []
    gated = run(handbook, data, gate=True)
    assert "GOL002" in codes(gated.failing)
    # phase 3: an error
    report = run(handbook, base(3) | {"goals": [{"id": "z", "statement": "s"}]})
    assert "GOL002" in codes(report.findings) and "GOL002" in codes(report.failing)
    # phase 1: rules from phase 3 are not shown at all
    data = base(1)
    del data["goals"][0]["indicators"]
    assert "GOL002" not in codes(run(handbook, data).open)


def test_strict_makes_warnings_fail(handbook):
    data = base()
    data["mandate"]["valid_until"] = dt.date(2020, 1, 1)
    assert run(handbook, data).failing == []
    assert codes(run(handbook, data, strict=True).failing) == ["MAN003"]


def test_exception_with_reason_is_accepted(handbook):
    data = base()
    data["measure"]["end"] = dt.date(2025, 1, 1)
    data["exceptions"] = [{"code": "CON001", "reason": "Verlängerung beantragt."}]
    report = run(handbook, data)
    assert "CON001" not in codes(report.findings)
    [accepted] = report.accepted
    assert accepted.code == "CON001" and accepted.extra["reason"] == "Verlängerung beantragt."
    assert report.failing == []


def test_exception_without_reason_is_a_finding_and_suppresses_nothing(handbook):
    data = base()
    data["measure"]["end"] = dt.date(2025, 1, 1)
    data["exceptions"] = [{"code": "CON001", "reason": "  "}]
    report = run(handbook, data)
    assert {"CON001", "EXC001"} <= set(codes(report.findings))
    assert report.accepted == []


def test_exception_for_unknown_code_is_a_finding(handbook):
    data = base()
    data["exceptions"] = [{"code": "XYZ999", "reason": "r"}]
    [finding] = [f for f in run(handbook, data).findings if f.code != "SCH010"]
    assert finding.code == "EXC001" and finding.path == "exceptions[0].code"


def test_exception_limited_by_path_and_until(handbook):
    data = base(3)
    data["goals"] += [{"id": "z2", "statement": "a"}, {"id": "z3", "statement": "b"}]
    data["exceptions"] = [
        {"code": "GOL002", "reason": "Pilot ohne Messung", "path": "goals[1]"},
    ]
    report = run(handbook, data)
    assert [f.path for f in report.findings if f.code == "GOL002"] == ["goals[2].indicators"]
    assert [f.path for f in report.accepted] == ["goals[1].indicators"]
    data["exceptions"][0]["until"] = dt.date(2026, 1, 1)
    report = run(handbook, data)
    assert report.accepted == []


def test_exceptions_also_cover_open_items(handbook):
    data = base(1)
    data["mandate"]["status"] = "pending"
    data["exceptions"] = [{"code": "MAN002", "reason": "Entscheidungsrunde am 1.12."}]
    report = run(handbook, data, gate=True)
    assert report.open == [] and codes(report.accepted) == ["MAN002"]
    assert report.failing == []


def test_select_and_ignore_codes_and_prefixes(handbook):
    data = base()
    data["measure"]["end"] = dt.date(2025, 1, 1)
    data["mandate"] = {}
    assert set(codes(run(handbook, data).findings)) == {"CON001", "MAN001"}
    assert codes(run(handbook, data, select=["man"]).findings) == ["MAN001"]
    assert codes(run(handbook, data, ignore=["CON001"]).findings) == ["MAN001"]
    assert matches_selection("SCH001", ["SCH"], []) and not matches_selection("A1", [], ["A"])


def test_schema_findings_are_findings(handbook):
    data = base()
    data["mandate"]["statuss"] = "granted"
    report = run(handbook, data)
    schema = [f for f in report.findings if f.code == "SCH001"]
    assert schema and schema[0].severity == "error" and schema[0].applies_from == 1
    assert schema[0] in report.failing and not report.input_error


def test_input_problems_make_an_input_error(handbook):
    data = base()
    data["schema_version"] = 99
    report = run(handbook, data)
    assert report.input_error and codes(report.findings) == ["SCH006"]
    assert report.failing == report.findings


def test_readiness_per_thesis6_area(handbook):
    data = base(1)
    data["mandate"] = {"status": "pending"}
    report = run(handbook, data)
    readiness = {r.area: r for r in thesis6_readiness(report, handbook)}
    assert set(readiness) == {"mandate"}  # goals are no thesis-6 area (they come from thesis 5)
    assert not readiness["mandate"].complete
    assert codes(readiness["mandate"].findings) == ["MAN002"]
    assert readiness["mandate"].label == {"de": "Mandat", "en": "Mandate"}


def test_catalog_is_cached_per_pack(handbook):
    assert load_rules(handbook) is load_rules(handbook)
    assert len(load_rules(handbook).rules) == 13


# --- a broken catalogue is a clear error -------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> str:
    folder = tmp_path / "rules"
    shutil.copytree(FIXTURE_RULES, folder)
    text = (folder / "rules.toml").read_text(encoding="utf-8")
    assert old in text
    (folder / "rules.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GdbError) as caught:
        load_rules_from(folder, tmp_path, 5)
    return caught.value.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('code = "GOL002"', 'code = "GOL001"', "GOL001"),
        ('code = "GOL002"', 'code = "MAN099"', "GOL"),
        ("applies_from = 3", "applies_from = 9", "applies_from = 9"),
        ('name = "unique_ids"', 'name = "nope"', "nope"),
        ('key = "id" }', 'key = "id", colour = "red" }', "colour"),
        ("{count} Ziele", "{counter} Ziele", "counter"),
        ('path = "mandate.status" }', 'path = "mandate..status" }', "mandate..status"),
        ('area = "consistency"', 'area = "nowhere"', "nowhere"),
        ('kind = "required"', 'kind = "mandatory"', "rules.toml"),
    ],
)
def test_broken_catalogue_names_file_and_problem(tmp_path, old, new, expected):
    message = _broken(tmp_path, old, new)
    assert expected in message
    assert "Regelkatalog" in message or "Handbuch-Paket" in message


def test_items_have_with_where_checks_only_the_matching_items():
    """`where` narrows `items_have` to the items that match it (RES021: the amount of secured
    and requested lines; a planned line may stand without one)."""
    from types import SimpleNamespace

    from gdb_cli.engine.checks import KINDS

    check = SimpleNamespace(
        kind="items_have",
        path="resources.budget",
        keys=["amount_eur"],
        where={"status": ["secured", "requested"]},
    )
    lines = [
        {"item": "a", "status": "secured"},
        {"item": "b", "status": "planned"},
        {"item": "c", "status": "requested", "amount_eur": 5},
        {"item": "d", "status": "requested"},
        {"item": "e"},
    ]
    context: Any = SimpleNamespace(data={"resources": {"budget": lines}})
    hits = KINDS["items_have"](check)(context)
    assert [hit.path for hit in hits] == [
        "resources.budget[0].amount_eur",
        "resources.budget[3].amount_eur",
    ]
    everything = KINDS["items_have"](SimpleNamespace(**{**vars(check), "where": None}))(context)
    assert len(everything) == 4
