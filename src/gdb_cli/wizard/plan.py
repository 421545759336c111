"""Walking the questionnaire over the answers: conditions, defaults, required answers.

Both drivers use this module. The scripted path (`--no-input`) fills defaults and then asks
`problems` what is missing or wrong; the interview asks the same functions for the default of each
prompt and whether a question applies. Answers are plain charter data (a nested dict), so a partial
charter, a recovery file and the final file are all the same kind of thing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gdb_cli.charter import keypaths
from gdb_cli.engine.catalog import Condition
from gdb_cli.i18n import Catalog
from gdb_cli.wizard import validators
from gdb_cli.wizard.catalogue import Question, Questionnaire, Section

if TYPE_CHECKING:
    from gdb_cli.pack.handbook import Handbook

_ = Catalog(
    {
        "phase_choice": {
            "de": "{number} · {name} – {tagline}",
            "en": "{number} · {name} – {tagline}",
        },
    }
)


@dataclass
class Problem:
    """A missing or wrong answer at a concrete key path."""

    path: str
    label: str
    message: str
    missing: bool = False


class Env:
    """The questionnaire with the pack it belongs to: closed lists, labels, choices."""

    def __init__(self, questionnaire: Questionnaire, handbook: Handbook) -> None:
        self.questionnaire = questionnaire
        self.handbook = handbook
        self.closed: dict[str, list[str]] = {
            name: lst.ids() for name, lst in handbook.vocabulary.items()
        }
        self.closed["phases"] = [str(p.number) for p in handbook.phases]

    @property
    def sections(self) -> list[Section]:
        return self.questionnaire.sections

    def labels(self) -> dict[str, str]:
        return {key: q.name.get() for key, q in self.questionnaire.by_pattern.items()}

    def context(self, data: dict[str, Any], indices: tuple[int, ...] = ()) -> validators.Context:
        return validators.Context(data, indices, self.closed, self.labels(), self.advice)

    @functools.cached_property
    def advice(self) -> dict[str, list[validators.Note]]:
        """Key pattern → the rules whose check tests each value there on its own (a named check
        that `finds` single values, e.g. RSP008 on names): the interview warns in their words."""
        from gdb_cli.engine import named, rule_message
        from gdb_cli.engine.catalog import PythonCheck, load_rules
        from gdb_cli.engine.hits import Hit

        out: dict[str, list[validators.Note]] = {}
        for rule in load_rules(self.handbook).rules:
            check = rule.check
            if not isinstance(check, PythonCheck):
                continue
            spec = named.REGISTRY.get(check.name)
            if spec is None or spec.finds is None:
                continue

            def note(
                value: Any, path: str, rule: Any = rule, finds: Any = spec.finds
            ) -> str | None:
                return rule_message(rule, Hit(path, value)) if finds(value) else None

            for pattern in check.params.get("paths") or []:
                out.setdefault(pattern, []).append(note)
        return out

    def choices(self, list_name: str) -> list[tuple[Any, str]]:
        """(value, one-line title) for each item of a closed list, or each phase."""
        if list_name == "phases":
            out: list[tuple[Any, str]] = []
            for phase in self.handbook.phases:
                tagline = phase.tagline.get() if phase.tagline else phase.purpose.get()[:60]
                title = _(
                    "phase_choice", number=phase.number, name=phase.name.get(), tagline=tagline
                )
                out.append((phase.number, title))
            return out
        closed = self.handbook.closed(list_name)
        return [
            (
                item.id,
                f"{item.label.get()} – {item.description.get()}"
                if item.description
                else item.label.get(),
            )
            for item in closed.items
        ]

    def choice_label(self, list_name: str, value: Any) -> str:
        if list_name == "phases":
            phase = self.handbook.phase(value) if isinstance(value, int) else None
            return f"{value} · {phase.name.get()}" if phase else str(value)
        if list_name in self.handbook.vocabulary:
            return self.handbook.closed(list_name).label(str(value))
        return str(value)


# --- conditions and defaults ---------------------------------------------------------------


def holds(condition: Condition | None, ctx: validators.Context) -> bool:
    """Whether a condition (the rules' dialect) holds for the answers so far; `[*]` in its
    paths stands for the item being asked about. Evaluated by the rule engine itself."""
    from gdb_cli.engine.checks import compile_condition
    from gdb_cli.engine.hits import CheckContext

    if condition is None:
        return True
    measure = ctx.data.get("measure")
    phase = measure.get("phase") if isinstance(measure, dict) else None
    if not isinstance(phase, int) or isinstance(phase, bool):
        phase = 0
    test = compile_condition(_here(condition, ctx.indices))
    return test(CheckContext(ctx.data, phase, dt.date.today()))


def _here(condition: Condition, indices: tuple[int, ...]) -> Any:
    """The condition with each `[*]` replaced by the index of the current item (duck-typed)."""
    import types

    path = condition.path
    for index in indices:
        if path is None or "[*]" not in path:
            break
        path = path.replace("[*]", f"[{index}]", 1)
    return types.SimpleNamespace(
        **{
            **vars(condition),
            "path": path,
            "all_of": [_here(c, indices) for c in condition.all_of] if condition.all_of else None,
            "any_of": [_here(c, indices) for c in condition.any_of] if condition.any_of else None,
        }
    )


def section_applies(section: Section, data: dict[str, Any], env: Env) -> bool:
    """Whether a section is asked: its `if` holds for the answers so far (e.g. the phase)."""
    return holds(section.if_, env.context(data))


def applies(question: Question, ctx: validators.Context) -> bool:
    return holds(question.if_, ctx)


def relaxed(question: Question, ctx: validators.Context) -> bool:
    return question.relax_if is not None and holds(question.relax_if, ctx)


def slugify(text: str) -> str:
    """A charter id from a title: „Wasser für Bezirke“ → wasser-fuer-bezirke."""
    value = text.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        value = value.replace(umlaut, plain)
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^a-z0-9]+", "-", value).strip("-")
    if len(value) > 50:
        value = value[:50].rsplit("-", 1)[0]
    return value


def known_numbers(data: Any, pattern: str) -> tuple[list[int | float], int]:
    """The numbers at `pattern` and how many of its items have none (an amount not known yet)."""
    numbers: list[int | float] = []
    missing = 0
    for _path, value in keypaths.resolve(data, pattern):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            numbers.append(value)
        else:
            missing += 1
    return numbers, missing


def default_for(question: Question, ctx: validators.Context) -> Any:
    """The pre-filled answer when there is none yet: fixed, or derived from other answers."""
    spec = question.default_from
    if spec:
        name, _sep, arg = spec.partition(":")
        if name == "slug":
            title = ctx.lookup(arg)
            return slugify(title) or None if isinstance(title, str) else None
        if name == "copy":
            return ctx.lookup(arg)
        if name == "year":
            value = ctx.lookup(arg)
            return value.year if isinstance(value, dt.date) else dt.date.today().year
        if name == "sum":  # no proposal while an item has no amount: it would be too low
            numbers, missing = known_numbers(ctx.data, arg)
            return sum(numbers) if numbers and not missing else None
        if name == "counter":
            return f"{arg}{(ctx.indices[-1] if ctx.indices else 0) + 1}"
        if name == "today":
            return dt.date.today()
    return question.default


def _section_present(section: Section, data: dict[str, Any]) -> bool:
    return any(key in data for key in section.top_keys())


# --- the scripted path ---------------------------------------------------------------------


def _names_something(question: Question) -> bool:
    """Whether the default is an identifier made from the answers (`slug:`, `counter:`)."""
    return (question.default_from or "").partition(":")[0] in ("slug", "counter")


def fill_defaults(data: dict[str, Any], env: Env) -> None:
    """Give each applicable question's identifier (`measure.id`, `goals[*].id` …) where none
    was given. Nothing else is filled in: without a terminal, what nobody said stays absent –
    no type, status, year or yes/no is assumed (in the interview a default is a proposal the
    person accepts or changes).

    Optional (gated) sections get identifiers only when some of their answers were given.
    """
    for section in env.sections:
        if section.gate and not _section_present(section, data):
            continue
        if not section_applies(section, data, env):
            continue
        _fill(section.questions, data, (), env)


def _fill(
    questions: list[Question], data: dict[str, Any], indices: tuple[int, ...], env: Env
) -> None:
    for question in questions:
        ctx = env.context(data, indices)
        if not applies(question, ctx):
            continue
        if question.kind == "loop":
            items = ctx.lookup(question.key)
            for index in range(len(items) if isinstance(items, list) else 0):
                _fill(question.items, data, (*indices, index), env)
            continue
        path = keypaths.concrete(question.key, indices)
        keypaths.check_shape(data, path)  # e.g. [[measure]] (a list) where a table belongs
        if not _names_something(question):
            continue  # nothing invented: a default is only a proposal in the interview
        if keypaths.get(data, path, None) is None:
            value = default_for(question, ctx)
            if value is not None:
                keypaths.put(data, path, value)


def problems(data: dict[str, Any], env: Env) -> list[Problem]:
    """Every missing required answer and every answer that fails its checks."""
    out: list[Problem] = []
    for section in env.sections:
        if section.gate and not _section_present(section, data):
            continue
        if not section_applies(section, data, env):
            continue
        _problems(section.questions, data, (), env, out)
    return out


def advice(data: dict[str, Any], env: Env) -> list[Problem]:
    """The answers a recommendation of `gdb check` would report (`validators.advice`); kept."""
    out: list[Problem] = []
    for section in env.sections:
        if section_applies(section, data, env):
            _problems(section.questions, data, (), env, [], out)
    return out


def _problems(
    questions: list[Question],
    data: dict[str, Any],
    indices: tuple[int, ...],
    env: Env,
    out: list[Problem],
    notes: list[Problem] | None = None,
) -> None:
    for question in questions:
        ctx = env.context(data, indices)
        if not applies(question, ctx):
            continue
        label = question.name.get()
        if question.kind == "loop":
            items = ctx.lookup(question.key)
            count = len(items) if isinstance(items, list) else 0
            for index in range(count):
                _problems(question.items, data, (*indices, index), env, out, notes)
            needed = question.min_items(relaxed(question, ctx))
            for index in range(count, needed):
                item_indices = (*indices, index)
                required = [q for q in question.items if q.required and q.ask]
                for item in required or question.items[:1]:
                    out.append(
                        Problem(
                            keypaths.format_path(keypaths.concrete(item.key, item_indices)),
                            f"{label}: {item.name.get()}",
                            validators.required_message(),
                            missing=True,
                        )
                    )
            continue
        path = keypaths.format_path(keypaths.concrete(question.key, indices))
        value = ctx.lookup(question.key)
        if value is None or value == "" or value == []:
            needed = (
                question.min_items(relaxed(question, ctx))
                if question.kind in ("multi", "list")
                else 0
            )
            if validators.is_required(question, ctx) or needed:
                out.append(Problem(path, label, validators.required_message(), missing=True))
            continue
        message = validators.check(question, value, ctx)
        if message:
            out.append(Problem(path, label, message))
        elif notes is not None and (note := validators.advice(question, value, ctx)):
            notes.append(Problem(path, label, note))
