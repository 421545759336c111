"""The questionnaire as data: the models of `wizard.toml` and its loader.

The questionnaire lives in the handbook pack (`content/wizard.toml`) so that another city can
change the wording and the "why" of each section without touching code; a pack without its own
file uses the bundled one. Every question names the charter key it fills (a pattern such as
`goals[*].indicators[*].target`), its kind, its texts in German and English, an optional default,
condition (`if`, in the rules' dialect) and named validators. The models are plain records
(`gdb_cli.pack.records`), like every other part of the pack. Closed lists for choices come from
the pack's vocabulary (or the phases). The loader checks that every key exists in the charter
model, every choice list in the pack and every validator in `validators`, so a typo in the file is
caught when it is loaded.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from gdb_cli.charter.fields import Fields
from gdb_cli.engine.catalog import Condition
from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog
from gdb_cli.pack.handbook import Handbook, L10n, load_model_file
from gdb_cli.pack.record_models import adapter
from gdb_cli.pack.records import NonEmpty, Record, Spec
from gdb_cli.pack.resources import bundled_content

RecordT = TypeVar("RecordT", bound=Record)

_ = Catalog(
    {
        "bad_key": {
            "de": "Fragebogen {file}: Frage „{key}“ – diesen Schlüssel kennt die Charta nicht.",
            "en": "Questionnaire {file}: question “{key}” – the charter has no such key.",
        },
        "bad_list": {
            "de": "Fragebogen {file}: Frage „{key}“ – Auswahlliste „{name}“ fehlt im "
            "Handbuch-Paket.",
            "en": "Questionnaire {file}: question “{key}” – closed list “{name}” is not in the "
            "handbook pack.",
        },
        "bad_validator": {
            "de": "Fragebogen {file}: Frage „{key}“ – unbekannte Prüfung „{name}“.",
            "en": "Questionnaire {file}: question “{key}” – unknown check “{name}”.",
        },
    }
)

Scalar = str | int | float | bool
Kind = Literal[
    "text", "choice", "multi", "date", "number", "integer", "bool", "email", "list", "loop"
]

WIZARD_FILE = "wizard.toml"


class Question(Record):
    """One question; `if` is a condition in the rules' dialect (`content/rules/_FORMAT.md`),
    where `[*]` stands for the item being asked about."""

    key: NonEmpty
    kind: Kind
    label: L10n | None = None  # default: the field's label (content/fields.toml), set at load
    prompt: L10n | None = None
    help: L10n | None = None
    choices: str | None = None
    default: Scalar | None = None
    default_from: str | None = None
    required: bool = False
    ask: bool = True
    min: Annotated[int, Spec(ge=0)] = 0
    relax_if: Condition | None = None
    relax_note: L10n | None = None
    validate_with: Annotated[list[NonEmpty], Spec(alias="validate")] = []  # noqa: RUF012
    if_: Annotated[Condition | None, Spec(alias="if")] = None
    items: list[Question] = []  # noqa: RUF012 – a default: copied for every record
    add: L10n | None = None
    another: L10n | None = None
    item_title: str | None = None
    item_label: L10n | None = None

    def verify(self) -> None:
        if self.kind in ("choice", "multi") and not self.choices:
            raise ValueError(f"{self.key}: choice questions need `choices`")
        if self.kind == "loop" and (not self.items or not self.add or not self.another):
            raise ValueError(f"{self.key}: loops need `items`, `add` and `another`")
        if self.kind != "loop" and self.items:
            raise ValueError(f"{self.key}: only loops have `items`")

    @property
    def name(self) -> L10n:
        """The question's label: its own, else the field's (filled in by the loader)."""
        if self.label is None:
            raise LookupError(f"{self.key}: no label")  # the loader fills every label
        return self.label

    def text(self) -> str:
        return (self.prompt or self.name).get()

    def item_name(self) -> str:
        """What one item of a loop is called („Ziel“ for the list „Ziele“)."""
        return (self.item_label or self.name).get()

    def min_items(self, relaxed: bool) -> int:
        return 0 if relaxed else self.min


class Section(Record):
    id: NonEmpty
    title: L10n
    why: L10n
    gate: L10n | None = None
    gate_default_if: Condition | None = None  # "yes" is suggested for the gate when it holds
    if_: Annotated[Condition | None, Spec(alias="if")] = None  # asked only when it holds
    sources: list[NonEmpty] = []  # noqa: RUF012 – a default: copied for every record
    questions: Annotated[list[Question], Spec(min_length=1)]

    def top_keys(self) -> set[str]:
        """The top-level charter keys this section fills (`measure`, `goals` …)."""
        return {q.key.split(".")[0].split("[")[0] for q in self.questions}


class WizardFile(Record):
    format: Annotated[int, Spec(ge=1, le=1)]
    sections: Annotated[list[Section], Spec(min_length=1)]


def _replace(record: RecordT, **changes: Any) -> RecordT:
    """A copy of a validated record with some fields replaced by values of the right type."""
    copy = object.__new__(type(record))
    object.__setattr__(copy, "__dict__", {**vars(record), **changes})
    return copy


def walk_questions(questions: list[Question]) -> list[Question]:
    """Every question, loops' items included (depth first)."""
    out: list[Question] = []
    for question in questions:
        out.append(question)
        out.extend(walk_questions(question.items))
    return out


class Questionnaire:
    """The loaded questionnaire, checked against the charter model and the pack."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.by_pattern: dict[str, Question] = {}
        for section in sections:
            for question in walk_questions(section.questions):
                self.by_pattern[question.key] = question

    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


def _labelled(questions: list[Question], fields: Fields) -> list[Question]:
    """The questions with the field's label (and item label) where the file gives none."""
    out: list[Question] = []
    for question in questions:
        update: dict[str, Any] = {"items": _labelled(question.items, fields)}
        entry = fields.text(question.key)
        if question.label is None:
            short = {lang: fields.short(question.key, lang) for lang in ("de", "en")}
            update["label"] = adapter(L10n).validate_python(short)
        if question.item_label is None and entry is not None and entry.item is not None:
            update["item_label"] = entry.item
        out.append(_replace(question, **update))
    return out


def _check(sections: list[Section], handbook: Handbook, shown: str) -> None:
    from gdb_cli.wizard import validators
    from gdb_cli.wizard.values import model_kind

    known_lists = set(handbook.vocabulary) | {"phases"}
    for section in sections:
        for question in walk_questions(section.questions):
            if model_kind(question.key) is None:
                raise GdbError(_("bad_key", file=shown, key=question.key))
            if question.choices and question.choices not in known_lists:
                raise GdbError(_("bad_list", file=shown, key=question.key, name=question.choices))
            for name in question.validate_with:
                if not validators.known(name):
                    raise GdbError(_("bad_validator", file=shown, key=question.key, name=name))


@functools.lru_cache(maxsize=4)
def _load(path: Path, root: Path) -> list[Section]:
    return load_model_file(path, WizardFile, root).sections


def load_questionnaire(handbook: Handbook) -> Questionnaire:
    """The pack's `wizard.toml`, else the bundled one; checked against model and pack."""
    root = handbook.root
    path = root / WIZARD_FILE
    if not path.is_file():
        root = bundled_content()
        path = root / WIZARD_FILE
    sections = [
        _replace(section, questions=_labelled(section.questions, handbook.fields))
        for section in _load(path, root)
    ]
    _check(sections, handbook, WIZARD_FILE)
    return Questionnaire(sections)
