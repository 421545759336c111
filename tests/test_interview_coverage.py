"""Whatever `gdb check` can demand, `gdb init` can ask: derived from the rules and the interview.

For every rule of the catalogue, the keys it demands (by its check kind) must each be filled by a
question of `content/wizard.toml`, and that question (with its section and loops) must be asked in
every situation in which the rule applies: from the phase before its `applies_from` (where it is
an open item) on, and for every value of the closed lists or booleans that satisfies the rule's
condition. A new rule without a matching question fails here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest

from gdb_cli.charter import keypaths
from gdb_cli.engine.catalog import load_rules
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan
from gdb_cli.wizard.catalogue import Question, load_questionnaire

# Named Python checks: the keys each one demands (keys it only reads when present need no entry)
# and the situations in which it demands them (as data).
NAMED: dict[str, tuple[list[str], list[dict[str, Any]]]] = {
    "fte_per_person": ([], [{}]),
    "milestones_within_timeframe": ([], [{}]),
    "milestones_not_overdue": (["resources.milestones[*].done"], [{}]),
    "mandate_not_expired": ([], [{}]),
    "mandate_covers_end": ([], [{}]),
    "unique_ids": (["goals[*].id"], [{}]),
    # exceptions are written by hand with a reason; the interview never writes one
    "exception_reasons": ([], [{}]),
    "indicator_dates_in_frame": ([], [{}]),
    "competency_gaps_closed": (
        ["competencies[*].mitigation"],
        [{"competencies": [{"available": False}]}],
    ),
    "budget_secured_share": (["resources.budget[*].status"], [{}]),
    "budget_lines_dated": (["resources.budget[*].year"], [{}]),
    "goals_name_values": (["goals[*].values"], [{}]),
    # reads the names where given; the interview warns on its own (`validators.advice`)
    "person_names": ([], [{}]),
    # format 2: a running measure past its end is closed (its state) or extended (its end)
    "active_past_end": (["measure.status", "measure.end"], [{}]),
    # a phase unchanged for long: the phase and since when (or the state: paused)
    "phase_unchanged": (["measure.entered_phase_on", "measure.status"], [{}]),
    # a decision's kind says whether it is the political mandate for change
    "decisions_include_mandate": (["mandate.decisions[*].kind"], [{}]),
    # a follow-up line: another budget line with a year or a period
    "funding_covers_end": (
        ["resources.budget[*].year", "resources.budget[*].start", "resources.budget[*].end"],
        [{}],
    ),
}
# Written by gdb init itself, not asked.
WRITTEN_BY_INIT = {"changelog", "schema_version"}


@pytest.fixture(scope="module")
def setting():
    handbook = load_handbook()
    return handbook, load_rules(handbook), plan.Env(load_questionnaire(handbook), handbook)


def _values_for(path: str, handbook: Any) -> list[Any]:
    """Every value a key can take in the interview: a closed list, yes/no, a phase, or a sample."""
    from gdb_cli.wizard.values import model_kind

    questionnaire_key = path
    env = plan.Env(load_questionnaire(handbook), handbook)
    question = env.questionnaire.by_pattern.get(questionnaire_key)
    if question is not None and question.choices:
        return [value for value, _title in env.choices(question.choices)]
    kind = model_kind(questionnaire_key)
    if kind == "bool":
        return [True, False]
    return ["x"]


def _states(condition: Any, handbook: Any) -> Iterator[dict[str, Any]]:
    """Partial answers (key path → value) for which `condition` holds, one per alternative."""
    from gdb_cli.engine.values import same

    if condition is None:
        yield {}
        return
    if condition.all_of:
        for parts in itertools.product(*(list(_states(c, handbook)) for c in condition.all_of)):
            merged: dict[str, Any] = {}
            for part in parts:
                merged.update(part)
            yield merged
        return
    if condition.any_of:
        for part in condition.any_of:
            yield from _states(part, handbook)
        return
    if condition.phase_at_least is not None:
        for phase in range(condition.phase_at_least, len(handbook.phases) + 1):
            yield {"measure.phase": phase}
        return
    if condition.present is not None:
        yield {} if condition.present is False else {condition.path: "x"}
        return
    for value in _values_for(condition.path, handbook):
        wanted = condition.equals if condition.equals is not None else condition.not_equals
        options = wanted if isinstance(wanted, list) else [wanted]
        hit = any(same(value, option) for option in options)
        if hit == (condition.equals is not None):
            yield {condition.path: value}


def _demands(check: Any) -> tuple[list[str], Any]:
    """(demanded key paths, condition or None) of a rule's check."""
    kind = check.kind
    if kind == "when":
        keys, inner = _demands(check.then)
        return keys, check.if_ if inner is None else inner
    if kind in ("required", "min_items", "equals"):
        return [check.path], None
    if kind == "items_have":
        return [f"{check.path}[*].{key}" for key in check.keys], None
    if kind == "any_item":
        return [f"{check.path}[*].{key}" for key in check.where], None
    if kind == "date_order":
        return [p for p in (check.first, check.second) if not p.startswith("$")], None
    if kind == "sum_equals":
        return [check.items, check.total], None
    assert kind == "python", kind
    assert check.name in NAMED, f"say in NAMED which keys the check {check.name} demands"
    return NAMED[check.name][0], None


def _questions(env: plan.Env) -> dict[str, list[tuple[Any, list[Question]]]]:
    """Question key → (its section, its chain of loops and itself) for every question."""
    out: dict[str, list[tuple[Any, list[Question]]]] = {}

    def walk(section: Any, questions: list[Question], chain: list[Question]) -> None:
        for question in questions:
            out.setdefault(question.key, []).append((section, [*chain, question]))
            walk(section, question.items, [*chain, question])

    for section in env.sections:
        walk(section, section.questions, [])
    return out


def _asked(section: Any, chain: list[Question], state: dict[str, Any], env: plan.Env) -> bool:
    data: dict[str, Any] = {}
    for path, value in state.items():
        keypaths.put(data, keypaths.parse_concrete(path.replace("[*]", "[0]")), value)
    if not plan.section_applies(section, data, env):
        return False
    for question in chain:  # the loops around the question and the question itself
        ctx = env.context(data, (0,) * question.key.count("[*]"))
        if not plan.applies(question, ctx):
            return False
    return True


def _cases() -> list[Any]:
    handbook = load_handbook()
    return [pytest.param(rule.code, id=rule.code) for rule in load_rules(handbook).rules]


@pytest.mark.parametrize("code", _cases())
def test_every_rule_has_a_question_asked_when_the_rule_applies(setting, code):
    handbook, catalogue, env = setting
    rule = catalogue.get(code)
    keys, condition = _demands(rule.check)
    extra_states = NAMED[rule.check.name][1] if rule.check.kind == "python" else [{}]
    first_phase = max(1, rule.applies_from - 1)  # an open item one phase before
    phases = range(first_phase, len(handbook.phases) + 1)
    questions = _questions(env)
    for key in keys:
        pattern = key
        if pattern.split(".")[0].split("[")[0] in WRITTEN_BY_INIT:
            continue
        assert pattern in questions, f"{code}: no question fills {key}"
        for state, extra, phase in itertools.product(
            list(_states(condition, handbook)), extra_states, phases
        ):
            situation = {"measure.phase": phase, **_flatten(extra), **state}
            assert any(
                _asked(section, chain, situation, env) for section, chain in questions[pattern]
            ), f"{code}: {key} is not asked when {situation}"


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, list):
            for index, item in enumerate(value):
                out.update(_flatten(item, f"{path}[{index}]"))
        elif isinstance(value, dict):
            out.update(_flatten(value, path))
        else:
            out[path] = value
    return out


def test_the_coverage_test_can_fail(setting):
    """A rule demanding a key no question fills is caught (the test is not vacuous)."""
    _handbook, _catalogue, env = setting
    assert "principles.gender" in _questions(env)
    assert "responsibility.lead.phone" not in _questions(env)


# Keys of the charter model the interview does not ask, each with its reason. A new key in the
# model needs a question in content/wizard.toml or an entry here (the test below fails).
NOT_ASKED = {
    "schema_version": "written by gdb init",
    "changelog": "written by gdb init; the change note is asked before writing an update",
    "exceptions": "a rule is switched off by hand, with a reason, never by the interview",
    "responsibility.lead.role": "the published contact is responsibility.contact (job title asked)",
    "responsibility.lead.phone": "phone numbers are not asked: e-mail reaches a person",
    "responsibility.contact.phone": "phone numbers are not asked: e-mail reaches a person",
    "responsibility.sponsor.email": "the sponsor is named with position and organisation",
    "responsibility.sponsor.phone": "the sponsor is named with position and organisation",
    "responsibility.team.email": "team members are named with role and share of a post",
    "responsibility.team.organisation": "team members are named with role and share of a post",
    "partners.contact.organisation": "it is the partner organisation itself",
    "partners.contact.phone": "phone numbers are not asked: e-mail reaches a person",
    "stakeholders.needs": "needs are asked once for the measure (problem.needs)",
}


def test_every_key_of_the_model_is_asked_or_named_with_a_reason(setting):
    from gdb_cli.charter.fields import model_paths, plain

    _handbook, _catalogue, env = setting
    asked = {plain(key) for key in _questions(env)}
    keys, _lists = model_paths()
    unasked = {
        key
        for key in keys
        if key not in asked
        and not any(a.startswith(key + ".") for a in asked)
        and not any(key == n or key.startswith(n + ".") for n in NOT_ASKED)
    }
    assert unasked == set(), f"ask these in content/wizard.toml or say why not: {unasked}"
    stale = {n for n in NOT_ASKED if n in asked}
    assert stale == set(), f"asked now – remove from NOT_ASKED: {stale}"


# --- complete interviews, phase by phase --------------------------------------------------------

# What a team would answer for the later phases, on top of the reference charter (phases 1–3).
LATER = {
    "impact": {
        "evidence": "Vier von sechs Bezirken nutzen das Dashboard wöchentlich.",
        "method": "Nutzungstest und Befragung der Tiefbauämter",
        "date": "2027-03-31",
        "report": "Auswertungsbericht im Intranet",
    },
    "operation": {
        "operator": "ITDZ Berlin",
        "model": "Betrieb als Fachverfahren",
        "start": "2027-06-01",
        "evaluation": "Quartalsbericht an die Steuerungsrunde",
        "funding": "Kapitel 0730, ab 2028 im Regelhaushalt",
    },
    "transfer": {
        "documentation": "https://gitlab.example.berlin/regenwasser-dashboard/docs",
        "lessons": "Früh mit den Bezirken testen.",
        "reuse": ["Bezirksamt Pankow"],
        "published": True,
    },
}
AS_OF = "2026-10-01"


def _offered(pattern: str, keys: set[str]) -> bool:
    """Whether the interview offers the key (or a list/loop question holding it)."""
    parts = pattern.split(".")
    return any(".".join(parts[:n]) in keys for n in range(len(parts), 0, -1))


def _only_offered(value: Any, keys: set[str], prefix: str = "") -> Any:
    """The answers without what no question of the interview fills."""
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            if any(
                k == path or k.startswith(path + ".") or k.startswith(path + "[*]") for k in keys
            ):
                kept[key] = _only_offered(item, keys, path)
        return kept
    if isinstance(value, list) and any(k.startswith(prefix + "[*].") for k in keys):
        return [_only_offered(item, keys, prefix + "[*]") for item in value]
    return value


def complete_answers(phase: int) -> dict[str, Any]:
    """What a team in `phase` would answer: the reference charter, completed for the phase
    (plain JSON types; dates as ISO text). Used by the scripted and the pty complete interview."""
    import json
    import tomllib

    from conftest import EXAMPLE

    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["measure"]["phase"] = phase
    for milestone in data["resources"]["milestones"]:
        milestone["done"] = milestone["date"].isoformat() < AS_OF
    if phase >= 3:
        data.update(json.loads(json.dumps(LATER)))
        for goal in data["goals"]:
            for indicator in goal["indicators"]:
                indicator["current"] = indicator["baseline"] + 1
                indicator["measured_on"] = "2026-09-30"
    answers: dict[str, Any] = json.loads(json.dumps(data, default=str))
    return answers


@pytest.mark.parametrize("phase", [1, 2, 3, 4, 5])
def test_a_complete_interview_leaves_nothing_check_would_demand(gdb, tmp_path, setting, phase):
    import json

    _handbook, _catalogue, env = setting
    keys = set(_questions(env))
    answers = _only_offered(complete_answers(phase), keys)
    answers["schema_version"] = 1
    answers_file = tmp_path / "antworten.json"
    answers_file.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    charter = tmp_path / "charta.toml"
    written = gdb("init", "--no-input", "--answers", answers_file, charter)
    assert written.code == 0, written.err
    result = gdb("check", charter, "--as-of", AS_OF, "--format", "json")
    findings = json.loads(result.out)["findings"]
    serious = [f for f in findings if f["severity"] in ("error", "warning")]
    for finding in serious:
        pattern = re.sub(r"\[\d+\]", "[*]", finding["path"] or "")
        assert _offered(pattern, keys), f"phase {phase}: {finding['code']} about {pattern}"
    # complete answers: nothing left for the person to fix
    assert serious == [], serious
