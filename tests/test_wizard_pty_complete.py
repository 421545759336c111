"""A complete German interview in a pseudo-terminal, then `gdb check` on the charter it wrote.

The real `gdb init` (GDB_LANG=de) is driven by its prompts: each prompt is recognised when it is
drawn (an event, no sleeps) and looked up in the questionnaire (`content/wizard.toml`) – question,
list entry, loop ("Noch ein Ziel hinzufügen?") or section gate. The answer comes from a table by the
question's key: the reference charter completed for the phase, the same answers as the scripted
complete interview (`test_interview_coverage.complete_answers`). A prompt the table has no answer
for gets Enter (its proposal, or nothing), so new optional questions do not break the test.
Afterwards `gdb check` may report no error or warning about a key the interview did not ask.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE
from gdb_cli.charter import keypaths
from gdb_cli.i18n import set_language
from gdb_cli.pack.handbook import load_handbook
from gdb_cli.wizard import plan
from gdb_cli.wizard.catalogue import Question, Section, load_questionnaire
from pty_driver import DOWN, ENTER, SPACE, Prompt, Session
from test_interview_coverage import AS_OF, _offered, complete_answers

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

CTRL_U = "\x15"
_HEADING = re.compile(r"^\d+/\d+\s+(?P<title>.+)$")


def _walk(questions: list[Question], loops: tuple[Question, ...] = ()) -> Iterator[Any]:
    for question in questions:
        yield question, loops
        yield from _walk(question.items, (*loops, question))


@dataclass
class Interviewer:
    """Answers the prompts of one interview from `answers` (charter data) and keeps track of
    where the interview is: the section (its heading) and the item of each loop (its heading,
    „Ziel 2“)."""

    env: plan.Env
    answers: dict[str, Any]
    section: Section | None = None
    items: dict[str, int] = field(default_factory=dict)  # loop key → index of its current item
    asked: set[str] = field(default_factory=set)  # the keys the interview asked for
    skipped: list[str] = field(default_factory=list)  # prompts without an answer in the table

    def __post_init__(self) -> None:
        from gdb_cli.wizard import interactive

        self.required = interactive._("required_mark")
        self.confirm = interactive._("confirm")
        self.yes_no = [True, False]

    # -- where the interview is --------------------------------------------------------------
    def follow(self, printed: str) -> None:
        for line in (line.strip() for line in printed.split("\n")):
            heading = _HEADING.match(line)
            if heading:
                title = heading.group("title")
                found = next((s for s in self.env.sections if s.title.get() == title), None)
                if found is not None:
                    self.section, self.items = found, {}
                    continue
            for question, _loops in self._questions():
                if question.kind == "loop" and re.fullmatch(
                    re.escape(question.item_name()) + r" (\d+)", line
                ):
                    self.items[question.key] = int(line.rsplit(" ", 1)[1]) - 1
                    for key in list(self.items):  # the items of the loops inside start anew
                        if key.startswith(question.key + "[*]"):
                            del self.items[key]

    def _questions(self) -> Iterator[tuple[Question, tuple[Question, ...]]]:
        if self.section is not None:
            yield from _walk(self.section.questions)

    def _path(self, pattern: str) -> tuple[str | int, ...]:
        prefixes = [pattern[: m.start()] for m in re.finditer(r"\[\*\]", pattern)]
        return keypaths.concrete(pattern, tuple(self.items.get(p, 0) for p in prefixes))

    def _value(self, pattern: str) -> Any:
        try:
            return keypaths.get(self.answers, self._path(pattern), None)
        except keypaths.PathError:
            return None

    # -- answering -------------------------------------------------------------------------
    def keys(self, prompt: Prompt) -> str:
        """The keys that answer `prompt`."""
        message = prompt.message.removesuffix(self.required)
        section = self.section
        gate = section.gate if section is not None else None
        if section is not None and gate is not None and message == gate.get():
            wanted = any(key in self.answers for key in section.top_keys())
            return self._select(prompt, self.yes_no, wanted)
        for question, _loops in self._questions():
            texts = [text.get() for text in (question.add, question.another) if text is not None]
            if question.kind == "loop" and message in texts:
                self.asked.add(question.key)
                items = self._value(question.key)
                count = self.items.get(question.key, -1) + 1
                wanted = isinstance(items, list) and len(items) > count
                return self._select(prompt, self.yes_no, wanted)
            if question.kind == "list":
                entry = re.fullmatch(re.escape(question.text()) + r" (\d+)", message)
                if entry:
                    self.asked.add(question.key)
                    values = self._value(question.key) or []
                    number = int(entry.group(1))
                    return self._typed(values[number - 1] if number <= len(values) else "")
            elif question.kind != "loop" and message == question.text():
                self.asked.add(question.key)
                return self._answer(question, prompt)
        self.skipped.append(prompt.message)
        return ENTER

    def _answer(self, question: Question, prompt: Prompt) -> str:
        value = self._value(question.key)
        if value is None:
            self.skipped.append(prompt.message)
            return ENTER
        if question.kind == "bool":
            return self._select(prompt, self.yes_no, value)
        if question.kind == "choice":
            options = [v for v, _title in self.env.choices(question.choices or "")]
            return self._select(prompt, [*options, None], value)
        if question.kind == "multi":
            options = [v for v, _title in self.env.choices(question.choices or "")]
            assert prompt.pointer == 0, prompt.rows
            keys = [(SPACE if option in value else "") + DOWN for option in options]
            return "".join(keys) + ENTER
        return self._typed(value)

    @staticmethod
    def _select(prompt: Prompt, options: list[Any], wanted: Any) -> str:
        """Move the pointer of a select from where it is to `wanted`, then Enter."""
        start = prompt.pointer
        assert start is not None, prompt.rows
        steps = (options.index(wanted) - start) % len(prompt.rows[1:])
        return DOWN * steps + ENTER

    @staticmethod
    def _typed(value: Any) -> str:
        """A value typed the way a German user would: 15.01.2026, 0,5."""
        text = str(value)
        if isinstance(value, float):
            text = text.replace(".", ",")
        elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            year, month, day = value.split("-")
            text = f"{day}.{month}.{year}"
        return CTRL_U + text + ENTER


def _interview(directory: Path, answers: dict[str, Any], *args: str) -> tuple[Interviewer, str]:
    """Drive `gdb init [ARGS] charta.toml` to the end, answering from `answers`; the
    interviewer and what the interview showed."""
    set_language("de")
    handbook = load_handbook()
    interviewer = Interviewer(plan.Env(load_questionnaire(handbook), handbook), answers)
    session = Session(directory, *args, "charta.toml", columns=250)
    session.child.delaybeforesend = None  # each answer waits for its prompt: no pause needed
    while True:
        prompt = session.prompt()
        interviewer.follow(prompt.before)
        if prompt.message == interviewer.confirm:  # after the summary: write
            assert "Charta schreiben" in "\n".join(prompt.rows), session.output()[-3000:]
            session.child.send(ENTER)
            break
        session.child.send(interviewer.keys(prompt))
    session.expect("Geschrieben: charta.toml")
    assert session.finish() == 0
    return interviewer, session.output()


# phases 3 and 5 here (5 asks every section); all five scripted in test_interview_coverage
@pytest.mark.parametrize("phase", [3, 5])
def test_a_complete_german_interview_leaves_check_nothing_it_did_not_ask(gdb, tmp_path, phase):
    interviewer, _shown = _interview(tmp_path, complete_answers(phase))
    result = gdb("check", tmp_path / "charta.toml", "--as-of", AS_OF, "--format", "json")
    findings = json.loads(result.out)["findings"]
    serious = [f for f in findings if f["severity"] in ("error", "warning")]
    for finding in serious:
        pattern = re.sub(r"\[\d+\]", "[*]", finding["path"] or "")
        assert _offered(pattern, interviewer.asked), (
            f"phase {phase}: {finding['code']} about {pattern}, which the interview never asked"
        )
    assert serious == [], serious  # complete answers: nothing left to fix
    # the answers reached the charter (the driver answered, not only pressed Enter)
    assert {"measure.title", "goals[*].indicators[*].target", "mandate.scope"} <= interviewer.asked


def test_a_name_of_digits_is_kept_with_the_words_check_uses(gdb, tmp_path):
    """RSP008 in the interview: the answer „4711“ for a name is kept, and the interview says at
    once what `gdb check` will say about it."""
    (tmp_path / "charta.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    answers = complete_answers(3)
    answers["responsibility"]["lead"]["name"] = "4711"
    interviewer, shown = _interview(tmp_path, answers, "--update", "--ask", "verantwortung")
    assert "responsibility.lead.name" in interviewer.asked
    result = gdb("check", tmp_path / "charta.toml", "--as-of", AS_OF, "--format", "json")
    [finding] = [f for f in json.loads(result.out)["findings"] if f["code"] == "RSP008"]
    assert finding["path"] == "responsibility.lead.name"
    assert f"Empfehlung: {finding['message']} Ändern können Sie es" in " ".join(shown.split())
