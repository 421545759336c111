"""One set of checks for every answer, typed in the interview or given by file or `--set`.

A check is a plain function `(value, context, parameter) -> message | None`; the message is in the
active language and says how to fix the answer. `check` runs the checks that follow from a
question's kind (a date is a date, a choice is in its closed list …) and then the named checks of
the question (`fte_person`, `after:measure.start` …). Whether the value itself is valid (an id, an
e-mail address, a URL, a number within its limits) the charter model decides (`model_problem`):
`gdb init` accepts exactly what `gdb check` accepts and says the same words. The interactive
driver wraps the same function as questionary's `validate=` (`text_validator`), so a wrong answer
is caught while typing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gdb_cli.charter import dates, keypaths
from gdb_cli.charter.dates import PartialDate
from gdb_cli.i18n import Catalog
from gdb_cli.wizard.catalogue import Question
from gdb_cli.wizard.values import (
    ValueProblem,
    is_range,
    is_share,
    model_problem,
    parse_bool,
    parse_date,
    parse_number,
    parse_range,
)

_ = Catalog(
    {
        "required": {
            "de": "Diese Angabe ist Pflicht – bitte ausfüllen.",
            "en": "This answer is required – please fill it in.",
        },
        "not_text": {"de": "Bitte einen Text angeben.", "en": "Please give a text."},
        "not_date": {
            "de": "Bitte ein Datum angeben, z. B. 2026-06-30.",
            "en": "Please give a date, e.g. 2026-06-30.",
        },
        "not_number": {
            "de": "Bitte eine Zahl angeben, z. B. 180000 oder 0,5.",
            "en": "Please give a number, e.g. 180000 or 0.5.",
        },
        "not_integer": {
            "de": "Bitte eine ganze Zahl angeben, z. B. 2026.",
            "en": "Please give a whole number, e.g. 2026.",
        },
        "not_bool": {
            "de": "Bitte ja oder nein angeben (true/false).",
            "en": "Please answer yes or no (true/false).",
        },
        "not_list": {
            "de": 'Bitte eine Liste angeben, z. B. ["a", "b"].',
            "en": 'Please give a list, e.g. ["a", "b"].',
        },
        "not_in_list": {
            "de": "„{value}“ ist hier nicht zulässig. Zulässig: {allowed}.",
            "en": "“{value}” is not allowed here. Allowed: {allowed}.",
        },
        "too_few": {
            "de": "Bitte mindestens {count} auswählen.",
            "en": "Please choose at least {count}.",
        },
        "fte_person": {
            "de": "Bitte als Anteil zwischen 0 und 1 angeben: 0,5 für eine halbe Stelle, 1 für "
            "eine volle.",
            "en": "Give it as a share between 0 and 1: 0.5 for half a post, 1 for a full one.",
        },
        "share": {
            "de": "Bitte als Anteil angeben: 10 % oder 0,1 (höchstens 100 %).",
            "en": "Give it as a share: 10 % or 0.1 (at most 100 %).",
        },
        "money_percent": {
            "de": "„{value}“ ist kein Betrag. Bitte in Euro angeben, z. B. 180000 oder 1,4 Mio.",
            "en": "“{value}” is not an amount. Please give it in euros, e.g. 180000 or "
            "1.4 million.",
        },
        "fte_not_number": {
            "de": "„{value}“ ist keine Zahl. ",
            "en": "“{value}” is not a number. ",
        },
        "after": {
            "de": "Dieses Datum muss nach „{other}“ ({date}) liegen.",
            "en": "This date must be after “{other}” ({date}).",
        },
        "not_before": {
            "de": "Dieses Datum liegt vor „{other}“ ({date}) – bitte ein Datum ab dann angeben.",
            "en": "This date is before “{other}” ({date}) – please give a date from then on.",
        },
        "not_after": {
            "de": "Dieses Datum liegt nach „{other}“ ({date}) – bitte ein Datum bis dahin angeben.",
            "en": "This date is after “{other}” ({date}) – please give a date up to then.",
        },
        "not_future": {
            "de": "Ein erteiltes Mandat kann nicht in der Zukunft datiert sein – Datum der "
            "Entscheidung eingeben, oder Status ‚ausstehend‘ wählen.",
            "en": "A granted mandate cannot be dated in the future – enter the date of the "
            "decision, or choose the status ‘pending’.",
        },
    }
)


# (value, its concrete key path) → the message of a rule that would report the value, or None
Note = Callable[[Any, str], str | None]


@dataclass
class Context:
    """What a check may look at besides the value: the answers so far and the closed lists."""

    data: dict[str, Any]
    indices: tuple[int, ...] = ()
    closed: Mapping[str, Sequence[str]] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    # key pattern → what recommendations of `gdb check` say about an answer there (`advice`)
    advice: Mapping[str, Sequence[Note]] = field(default_factory=dict)

    def lookup(self, pattern: str) -> Any:
        depth = keypaths.parse(pattern).count(keypaths.STAR)
        try:
            return keypaths.get(self.data, keypaths.concrete(pattern, self.indices[:depth]), None)
        except keypaths.PathError:
            return None

    def label(self, pattern: str) -> str:
        return self.labels.get(pattern, pattern)


Check = Callable[[Any, Context, str | None], str | None]


def _fte_person(value: Any, ctx: Context, param: str | None) -> str | None:
    return None if _is_number(value) and 0 <= value <= 1 else _("fte_person")


def _share(value: Any, ctx: Context, param: str | None) -> str | None:
    return None if _is_number(value) and 0 <= value <= 1 else _("share")


# Date order: a month or a year covers all its days („2023-02“ is 1 to 28 February), so an
# answer is refused only when it is certainly on the wrong side of the other date.
def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _after(value: Any, ctx: Context, param: str | None) -> str | None:
    other = ctx.lookup(param or "")
    last, first = dates.latest(value), dates.earliest(other)
    if last is not None and first is not None and last <= first:
        return _("after", other=ctx.label(param or ""), date=_shown(other))
    return None


def _not_before(value: Any, ctx: Context, param: str | None) -> str | None:
    other = ctx.lookup(param or "")
    last, first = dates.latest(value), dates.earliest(other)
    if last is not None and first is not None and last < first:
        return _("not_before", other=ctx.label(param or ""), date=_shown(other))
    return None


def _not_after(value: Any, ctx: Context, param: str | None) -> str | None:
    other = ctx.lookup(param or "")
    first, last = dates.earliest(value), dates.latest(other)
    if first is not None and last is not None and first > last:
        return _("not_after", other=ctx.label(param or ""), date=_shown(other))
    return None


def _not_future(value: Any, ctx: Context, param: str | None) -> str | None:
    if isinstance(value, dt.date) and value > dt.date.today():
        return _("not_future")
    return None


# Checks beyond the model's own (ids, e-mail addresses, URLs, limits – see `model_problem`):
# what a rule would demand of the answer, asked while typing.
CHECKS: dict[str, Check] = {
    "fte_person": _fte_person,
    "share": _share,
    "after": _after,
    "not_before": _not_before,
    "not_after": _not_after,
    "not_future": _not_future,
}


def known(name: str) -> bool:
    return name.partition(":")[0] in CHECKS


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _closed_ids(question: Question, ctx: Context) -> list[str] | None:
    if not question.choices:
        return None
    allowed = ctx.closed.get(question.choices)
    return list(allowed) if allowed is not None else None


def is_required(question: Question, ctx: Context) -> bool:
    """Whether an answer is needed: always (`required`) or when `required_if` holds."""
    if question.required:
        return True
    if question.required_if is None:
        return False
    from gdb_cli.wizard import plan  # plan imports this module

    return plan.holds(question.required_if, ctx)


def _date_problem(value: Any) -> str | None:
    if isinstance(value, PartialDate):  # "06/2026": the model says where it may stand
        return None
    if isinstance(value, str) and dates.parse_partial(value) is not None:  # "2026-06" in a file
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    return _("not_date")


def _kind_problem(question: Question, value: Any, ctx: Context) -> str | None:
    kind = question.kind
    if kind in ("text", "email"):
        if not isinstance(value, str):
            return _("not_text")
        if is_required(question, ctx) and not value.strip():
            return _("required")
        return None
    if kind == "date":
        return _date_problem(value)
    if kind == "number":
        if is_range(question.key) and isinstance(value, list):  # a range: the model checks it
            return None if len(value) == 2 and all(map(_is_number, value)) else _("not_number")
        return None if _is_number(value) else _("not_number")
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else _("not_integer")
    if kind == "bool":
        return None if isinstance(value, bool) else _("not_bool")
    if kind == "choice":
        allowed = _closed_ids(question, ctx)
        if allowed is not None and str(value) not in allowed:
            return _("not_in_list", value=value, allowed=", ".join(allowed))
        return None
    if kind in ("multi", "list"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _("not_list")
        allowed = _closed_ids(question, ctx)
        if allowed is not None:
            for item in value:
                if item not in allowed:
                    return _("not_in_list", value=item, allowed=", ".join(allowed))
        if len(value) < question.min:
            return _("too_few", count=question.min)
        return None
    return None


def check(question: Question, value: Any, ctx: Context) -> str | None:
    """The first problem with `value` as an answer to `question`, or None."""
    problem = _kind_problem(question, value, ctx) or model_problem(question.key, value, ctx.closed)
    if problem:
        return problem
    for spec in question.validate_with:
        name, _sep, param = spec.partition(":")
        problem = CHECKS[name](value, ctx, param or None)
        if problem:
            return problem
    return None


def advice(question: Question, value: Any, ctx: Context) -> str | None:
    """What a recommendation of `gdb check` would say about `value` as the answer to
    `question` (a name of digits only …): the rule's own message, shown as a warning – the
    answer is kept, as `gdb check` only recommends."""
    notes = ctx.advice.get(question.key, ())
    if not notes:
        return None
    depth = question.key.count("[*]")
    path = keypaths.format_path(keypaths.concrete(question.key, ctx.indices[:depth]))
    return next((text for note in notes if (text := note(value, path))), None)


def parse_answer(question: Question, text: str) -> Any:
    """Typed text → value for `question` (None when left empty). Raises `ValueProblem`."""
    value = text.strip()
    if not value:
        return None
    kind = question.kind
    if kind == "date":
        return parse_date(value)
    if kind == "number":
        if question.key.endswith("_eur") and "%" in value:  # an amount is never a percentage
            raise ValueProblem(_("money_percent", value=value))
        if is_range(question.key):
            return parse_range(value)
        try:
            number = parse_number(value, percent=is_share(question.key))
        except ValueProblem:
            if "fte_person" not in question.validate_with:
                raise
            raise ValueProblem(_("fte_not_number", value=value) + _("fte_person")) from None
        if "share" in question.validate_with and number > 1:  # „10“ meant as 10 %? Say how.
            raise ValueProblem(_("share"))
        return number
    if kind == "integer":
        return parse_number(value, integer=True)
    if kind == "bool":
        return parse_bool(value)
    return value


def text_problem(question: Question, text: str, ctx: Context) -> str | None:
    """What is wrong with typed `text` (parse, required, checks), or None."""
    try:
        value = parse_answer(question, text)
    except ValueProblem as problem:
        return problem.message
    if value is None:
        return _("required") if is_required(question, ctx) else None
    return check(question, value, ctx)


def text_validator(question: Question, ctx: Context) -> Callable[[str], bool | str]:
    """questionary's `validate=`: True, or the message to show under the prompt."""

    def validate(text: str) -> bool | str:
        return text_problem(question, text, ctx) or True

    return validate


def required_message() -> str:
    return _("required")


def too_few_message(count: int) -> str:
    return _("too_few", count=count)
