"""`gdb init` without questions: --no-input with --answers/--set, safety rules, --update."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import tomllib

import pytest

from conftest import EXAMPLE, ROOT
from gdb_cli.charter.load import load_charter
from gdb_cli.pack.handbook import load_handbook
from helpers import MINIMAL_ANSWERS


def _load(path):
    loaded = load_charter(path, load_handbook().closed_ids())
    assert loaded.problems == [], loaded.problems
    assert loaded.charter is not None
    return loaded.charter


def test_answers_file_gives_a_charter_equal_in_meaning_to_the_example(gdb, tmp_path):
    out = tmp_path / "out.toml"
    result = gdb("init", "--no-input", "--answers", EXAMPLE, out)
    assert result.code == 0, result.err
    assert _load(out) == _load(EXAMPLE)
    assert "Geschrieben: " in result.err
    assert f"gdb check {out}" in result.err


def test_json_answers_are_accepted_and_dates_understood(gdb, tmp_path):
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    answers = tmp_path / "antworten.json"
    answers.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.toml"
    result = gdb("init", "--no-input", "--answers", answers, out)
    assert result.code == 0, result.err
    assert _load(out) == _load(EXAMPLE)


def test_set_alone_is_enough_and_only_identifiers_are_made_up(gdb, tmp_path):
    out = tmp_path / "charter.toml"
    result = gdb("init", "--no-input", *MINIMAL_ANSWERS, "--set", "measure.start=15.01.2026", out)
    assert result.code == 0, result.err
    charter = _load(out)
    assert charter.measure.id == "wasser-fuer-alle"  # proposed from the title
    assert charter.measure.phase is None  # not given: gdb check derives it from the evidence
    assert charter.measure.type == "dezentral"
    assert charter.goals[0].id == "z1"
    assert charter.mandate is None  # nobody said how the mandate stands
    assert str(charter.measure.start) == "2026-01-15"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#:schema ") and lines[1].startswith("# Projektcharta")


def test_set_overrides_the_answers_file(gdb, tmp_path):
    out = tmp_path / "out.toml"
    result = gdb(
        "init",
        "--no-input",
        "--answers",
        EXAMPLE,
        "--set",
        "measure.phase=4",
        "--set",
        "goals[1].indicators[0].target=250",
        "--set",
        "principles.software=nein",
        out,
    )
    assert result.code == 0, result.err
    charter = _load(out)
    assert charter.measure.phase == 4
    assert charter.goals[1].indicators[0].target == 250
    assert charter.principles is not None and charter.principles.software is False


def test_missing_required_answers_exit_2_naming_each_key_and_how(gdb, tmp_path):
    out = tmp_path / "out.toml"
    result = gdb("init", "--no-input", "--set", "measure.title=Nur ein Titel", out)
    assert result.code == 2
    for key in ("measure.fields_of_action", "goals[0].statement", "responsibility.lead.name"):
        assert key in result.err
        assert f"--set {key}=" in result.err
    assert "--answers" in result.err
    assert not out.exists()


def test_english_messages(gdb, tmp_path):
    result = gdb("--lang", "en", "init", "--no-input", tmp_path / "x.toml")
    assert result.code == 2
    assert "Answers are missing" in result.err
    assert "This answer is required" in result.err


def test_the_interview_checks_apply_to_scripted_answers(gdb, tmp_path):
    out = tmp_path / "out.toml"
    result = gdb(
        "init",
        "--no-input",
        *MINIMAL_ANSWERS,
        "--set",
        "measure.start=2026-06-01",
        "--set",
        "measure.end=2026-01-01",
        "--set",
        "responsibility.team[0].name=Sam",
        "--set",
        "responsibility.team[0].fte=1.5",
        "--set",
        "responsibility.lead.email=kein-at-zeichen",
        "--set",
        "measure.type=irgendwie",
        out,
    )
    assert result.code == 2
    assert "measure.end" in result.err and "muss nach" in result.err
    assert "responsibility.team[0].fte" in result.err and "zwischen 0 und 1" in result.err
    assert "responsibility.lead.email" in result.err
    assert "measure.type" in result.err and "dezentral" in result.err
    assert not out.exists()


@pytest.mark.parametrize(
    ("assignment", "fragment"),
    [
        ("measure.titel=X", "Meinten Sie „measure.title“"),
        ("measure.phase=zwei", "keine ganze Zahl"),
        ("measure.start=31.02.2026", "Den 31. Februar 2026 gibt es nicht"),
        ("goals[3].statement=X", "lückenlos"),
        ("measure=X", "Tabelle"),
        ("measure.title", "SCHLÜSSEL=WERT"),
        ("goals[x].statement=X", "ungültiger Schlüssel"),
    ],
)
def test_bad_set_values_are_explained(gdb, tmp_path, assignment, fragment):
    result = gdb("init", "--no-input", "--set", assignment, tmp_path / "x.toml")
    assert result.code == 2
    assert fragment in result.err


def test_no_overwrite_without_force(gdb, tmp_path):
    out = tmp_path / "charter.toml"
    out.write_text("# meine Datei\n", encoding="utf-8")
    result = gdb("init", "--no-input", "--answers", EXAMPLE, out)
    assert result.code == 2
    assert "--force" in result.err and "--update" in result.err
    assert out.read_text(encoding="utf-8") == "# meine Datei\n"
    assert not (tmp_path / "charter.toml.bak").exists()


def test_force_keeps_the_old_file_as_bak(gdb, tmp_path):
    out = tmp_path / "charter.toml"
    out.write_text("# meine Datei\n", encoding="utf-8")
    result = gdb("init", "--no-input", "--force", "--answers", EXAMPLE, out)
    assert result.code == 0, result.err
    assert (tmp_path / "charter.toml.bak").read_text(encoding="utf-8") == "# meine Datei\n"
    assert _load(out) == _load(EXAMPLE)
    assert "charter.toml.bak" in result.err


def test_invalid_answers_write_nothing(gdb, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text("schema_version = 1\n[measure]\ntitle = 3\n", encoding="utf-8")
    result = gdb("init", "--no-input", "--answers", answers, tmp_path / "out.toml")
    assert result.code == 2
    assert not (tmp_path / "out.toml").exists()


def test_unreadable_answers_file_is_reported_with_its_position(gdb, tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text("[measure\n", encoding="utf-8")
    result = gdb("init", "--no-input", "--answers", answers, tmp_path / "out.toml")
    assert result.code == 2
    assert "a.toml:1:" in result.err
    missing = gdb("init", "--no-input", "--answers", tmp_path / "nope.json", tmp_path / "o.toml")
    assert missing.code == 2 and "nicht gefunden" in missing.err


def test_unknown_ask_section(gdb, tmp_path):
    result = gdb("init", "--no-input", "--ask", "geld", tmp_path / "x.toml")
    assert result.code == 2
    assert "ressourcen" in result.err  # the names shown in the interview


def test_without_a_terminal_and_without_no_input_it_fails_fast():
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "gdb_cli", "init", "x.toml"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT / "tests",
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "GDB_LANG": "de"},
    )
    assert done.returncode == 2
    assert "--no-input" in done.stderr and "--answers" in done.stderr
    assert "Traceback" not in done.stderr
    assert time.monotonic() - started < 30
    assert not (ROOT / "tests" / "x.toml").exists()


# --- --update without questions ---------------------------------------------------------------

COMMENTED = EXAMPLE.read_text(encoding="utf-8").replace(
    "[mandate]\n", "# Mandat laut Protokoll – bitte nicht ohne Rücksprache ändern\n[mandate]\n", 1
)


def test_update_keeps_comments_unknown_keys_and_appends_changelog(gdb, tmp_path):
    target = tmp_path / "charta.toml"
    text = COMMENTED.replace("end = 2027-12-31\n", 'end = 2027-12-31\nnotiz_intern = "x"\n', 1)
    target.write_text(text, encoding="utf-8")
    result = gdb(
        "init",
        "--update",
        "--no-input",
        "--set",
        "mandate.valid_until=2028-12-31",
        "--set",
        "resources.budget[3].item=Barrierefreiheitsprüfung",
        "--set",
        "resources.budget[3].amount_eur=12.500",
        target,
    )
    assert result.code == 0, result.err
    new = target.read_text(encoding="utf-8")
    assert "# Mandat laut Protokoll" in new
    assert "# zentral | dezentral | netzwerk" in new
    assert 'notiz_intern = "x"' in new  # a key gdb does not know: kept (and reported)
    assert "notiz_intern" in result.err
    data = tomllib.loads(new)
    assert str(data["mandate"]["valid_until"]) == "2028-12-31"
    assert data["resources"]["budget"][3] == {  # no year or status nobody gave
        "item": "Barrierefreiheitsprüfung",
        "amount_eur": 12500,
    }
    assert [e["version"] for e in data["changelog"]] == ["1.2.0", "1.1.0", "1.0.0"]
    assert "Mandat" in data["changelog"][0]["changes"]
    assert (tmp_path / "charta.toml.bak").read_text(encoding="utf-8") == text
    # everything not touched is unchanged, line for line
    untouched = [line for line in text.splitlines() if "valid_until" not in line]
    new_lines = new.splitlines()
    assert all(line in new_lines for line in untouched)


def test_update_refuses_changes_that_break_the_charter(gdb, tmp_path):
    target = tmp_path / "charta.toml"
    target.write_text(COMMENTED, encoding="utf-8")
    result = gdb("init", "--update", "--no-input", "--set", "mandate.status=verloren", target)
    assert result.code == 2
    assert target.read_text(encoding="utf-8") == COMMENTED
    assert not (tmp_path / "charta.toml.bak").exists()


def test_update_needs_an_existing_file_and_not_force(gdb, tmp_path):
    missing = gdb("init", "--update", "--no-input", tmp_path / "nope.toml")
    assert missing.code == 2 and "gdb init" in missing.err
    target = tmp_path / "c.toml"
    target.write_text(COMMENTED, encoding="utf-8")
    both = gdb("init", "--update", "--force", "--no-input", target)
    assert both.code == 2 and "--update" in both.err


def test_whole_numbers_stay_whole_and_shares_may_be_per_cent(gdb, tmp_path):
    out = tmp_path / "charter.toml"
    result = gdb(
        "init",
        "--no-input",
        *MINIMAL_ANSWERS,
        "--set",
        "goals[0].indicators[0].name=Bezirke",
        "--set",
        "goals[0].indicators[0].baseline=40",
        "--set",
        "goals[0].indicators[0].target=40,5",
        "--set",
        "responsibility.team[0].name=Kim",
        "--set",
        "responsibility.team[0].fte=50 %",
        out,
    )
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "baseline = 40," in text and "40.0" not in text
    assert "target = 40.5" in text
    data = tomllib.loads(text)
    assert data["responsibility"]["team"][0]["fte"] == 0.5
    assert isinstance(data["goals"][0]["indicators"][0]["baseline"], int)


def test_pending_mandate_with_planned_decision_and_no_future_grant(gdb, tmp_path):
    out = tmp_path / "charter.toml"
    pending = (
        *("--set", "mandate.status=pending", "--set", "mandate.granted_by=senat"),
        *("--set", "mandate.planned_decision=1.3.2027"),
    )
    result = gdb("init", "--no-input", *MINIMAL_ANSWERS, *pending, out)
    assert result.code == 0, result.err
    mandate = tomllib.loads(out.read_text(encoding="utf-8"))["mandate"]
    assert mandate == {
        "status": "pending",
        "granted_by": "senat",
        "planned_decision": __import__("datetime").date(2027, 3, 1),
    }
    future = ("--set", "mandate.status=granted", "--set", "mandate.date=2999-01-01")
    result = gdb("init", "--no-input", "--force", *MINIMAL_ANSWERS, *future, out)
    assert result.code == 2
    assert "mandate.date" in result.err and "nicht in der Zukunft datiert" in result.err


def test_default_name_next_to_a_charta_toml_says_how_to_check_which(gdb, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "charter.toml").write_text("schema_version = 1\n", encoding="utf-8")
    result = gdb("init", "--no-input", *MINIMAL_ANSWERS)
    assert result.code == 0, result.err
    assert (tmp_path / "charta.toml").is_file()  # the default name: charta.toml, in every language
    assert "Hier liegt auch charter.toml" in result.err
    assert "gdb check charta.toml" in result.err
    assert "gdb init --update charter.toml" in result.err
    # and what it says about a plain "gdb check" is true: it asks which of the two is meant
    assert "fragt deshalb" in result.err
    asked = gdb("check")
    assert asked.code == 2 and "charta.toml, charter.toml" in asked.err
    steps = [line for line in result.err.splitlines() if "   # " in line]
    assert len({line.index("#") for line in steps}) == 1  # next steps: comments aligned


def test_new_charter_points_editors_to_a_schema_that_validates_it(gdb, tmp_path):
    import jsonschema

    from gdb_cli.charter.schema import toml_to_json

    target = tmp_path / "team" / "charta.toml"
    result = gdb("init", "--no-input", "--answers", EXAMPLE, target)
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "#:schema ./charter.schema.json"
    schema = json.loads((target.parent / "charter.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(toml_to_json(tomllib.loads(text)), schema)
    # an existing schema file is left alone; a URL is written as given; "none" omits the line
    (target.parent / "charter.schema.json").write_text("{}", encoding="utf-8")
    assert gdb("init", "--no-input", "--answers", EXAMPLE, target, "--force").code == 0
    assert (target.parent / "charter.schema.json").read_text(encoding="utf-8") == "{}"
    url = "https://example.berlin/charter.schema.json"
    other = tmp_path / "b.toml"
    assert gdb("init", "--no-input", "--answers", EXAMPLE, other, "--schema", url).code == 0
    assert other.read_text(encoding="utf-8").startswith(f"#:schema {url}\n")
    plain = tmp_path / "c.toml"
    assert gdb("init", "--no-input", "--answers", EXAMPLE, plain, "--schema", "none").code == 0
    assert "#:schema" not in plain.read_text(encoding="utf-8")


def _leaves(data: object, prefix: str = "") -> set[str]:
    """Every key path of a parsed charter or answer set, list items numbered."""
    if isinstance(data, dict):
        return {p for key, value in data.items() for p in _leaves(value, f"{prefix}{key}.")}
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        return {p for i, item in enumerate(data) for p in _leaves(item, f"{prefix[:-1]}[{i}].")}
    return {prefix[:-1]}


def test_no_input_writes_only_the_answers_the_identifiers_and_the_format(gdb, tmp_path):
    """Nothing invented: no type, phase, status, contact, year or yes/no nobody gave."""
    import tomllib

    out = tmp_path / "charta.toml"
    result = gdb("init", "--no-input", *MINIMAL_ANSWERS, out)
    assert result.code == 0, result.err
    written = _leaves(tomllib.loads(out.read_text(encoding="utf-8")))
    # a list of texts is one leaf: problem.key_questions[0]=… gives problem.key_questions
    given = {flag.partition("=")[0].removesuffix("[0]") for flag in MINIMAL_ANSWERS[1::2]}
    made = {"schema_version", "measure.id", "goals[0].id"}
    assert written - made == given, written ^ (given | made)


def test_no_input_requires_what_check_reports_as_an_error_at_that_phase(gdb, tmp_path):
    """Phase 2: indicators are still open (an error only from phase 3), the mandate's state is
    needed (MAN001 is an error from phase 2 on); the type is needed in every phase (MEA003)."""
    out = tmp_path / "charta.toml"
    phase2 = ("--set", "measure.phase=2")
    result = gdb("init", "--no-input", *MINIMAL_ANSWERS, *phase2, out)
    assert result.code == 2
    assert "mandate.status" in result.err and "indicators" not in result.err
    given = ("--set", "mandate.status=pending")
    result = gdb("init", "--no-input", *MINIMAL_ANSWERS, *phase2, *given, out)
    assert result.code == 0, result.err
    pairs = list(zip(MINIMAL_ANSWERS[::2], MINIMAL_ANSWERS[1::2], strict=True))
    untyped = [part for pair in pairs if pair[1] != "measure.type=dezentral" for part in pair]
    result = gdb("init", "--no-input", "--force", *untyped, out)
    assert result.code == 2 and "measure.type" in result.err and "mandate.status" not in result.err


def test_writing_a_charter_warns_about_nothing(gdb, tmp_path):
    """A whole-number target (`target = 6`) is written as it is, without a serializer warning."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gdb("init", "--no-input", "--answers", EXAMPLE, tmp_path / "x.toml")
    assert result.code == 0, result.err
    assert "target = 6\n" in (tmp_path / "x.toml").read_text(encoding="utf-8")


def test_a_share_may_be_given_in_percent_wherever_a_share_is_asked(gdb, tmp_path):
    """`35 %` for a co-financing share is 0.35, as `50 %` is 0.5 for a share of a post."""
    out = tmp_path / "charta.toml"
    line = (
        "--set",
        "resources.budget[0].item=Sensoren",
        "--set",
        "resources.budget[0].amount_eur=1000",
    )
    share = ("--set", "resources.budget[0].co_financing_share=35 %")
    result = gdb("init", "--no-input", *MINIMAL_ANSWERS, *line, *share, out)
    assert result.code == 0, result.err
    budget = tomllib.loads(out.read_text(encoding="utf-8"))["resources"]["budget"][0]
    assert budget["co_financing_share"] == 0.35
