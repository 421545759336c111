"""The interview: asks the questionnaire with questionary, one section after the other.

Only this module imports questionary (and only when a person is actually asked). Every prompt
goes through `prompting.ask`, so Ctrl-C, SIGINT and SIGTERM raise `KeyboardInterrupt` and the
command – not questionary – decides what happens (save the answers so far, exit 130). Answers go
straight into the answers dict, so whatever was typed before an interrupt can be saved. Choices
come from the pack's closed lists; every typed answer is checked while typing by the same
functions the scripted path uses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import questionary
from questionary import Choice, Style

from gdb_cli import prompting
from gdb_cli.charter import keypaths
from gdb_cli.i18n import Catalog
from gdb_cli.output import clean_line
from gdb_cli.wizard import plan, validators
from gdb_cli.wizard.catalogue import Question, Section
from gdb_cli.wizard.values import as_text, format_number, range_text

_ = Catalog(
    {
        "required_mark": {"de": " (Pflicht)", "en": " (required)"},
        "select_hint": {"de": "(↑↓ und Enter)", "en": "(↑↓ and Enter)"},
        "checkbox_hint": {
            "de": "(↑↓, Leertaste wählt, Enter weiter)",
            "en": "(↑↓, space selects, Enter continues)",
        },
        "yes": {"de": "Ja", "en": "Yes"},
        "no": {"de": "Nein", "en": "No"},
        "no_answer": {"de": "– keine Angabe –", "en": "– no answer –"},
        "section": {"de": "{number}/{total}  {title}", "en": "{number}/{total}  {title}"},
        "item": {"de": "{label} {number}", "en": "{label} {number}"},
        "keep": {"de": "behalten", "en": "keep"},
        "edit": {"de": "bearbeiten", "en": "edit"},
        "drop": {"de": "entfernen", "en": "remove"},
        "existing_item": {"de": "{label} {number}: {title}", "en": "{label} {number}: {title}"},
        "list_item": {"de": "{prompt} {number}", "en": "{prompt} {number}"},
        "at_least": {
            "de": "Mindestens {count} nötig – bitte ausfüllen.",
            "en": "At least {count} needed – please fill in.",
        },
        "running_total": {"de": "Summe bisher: {total} €", "en": "Total so far: €{total}"},
        "running_total_open": {
            "de": "Summe bisher: mindestens {total} € ({count} ohne Betrag)",
            "en": "Total so far: at least €{total} ({count} without an amount)",
        },
        "list_done": {
            "de": "Leer lassen und Enter, um weiterzugehen.",
            "en": "Leave empty and press Enter to move on.",
        },
        "list_done_after": {
            "de": "Mindestens {count}; danach leer lassen und Enter, um weiterzugehen.",
            "en": "At least {count}; then leave empty and press Enter to move on.",
        },
        "drop_hint": {
            "de": "Leer lassen und Enter, um diesen Eintrag zu verwerfen.",
            "en": "Leave empty and press Enter to discard this entry.",
        },
        "confirm": {"de": "Wie weiter?", "en": "What next?"},
        "confirm_write": {"de": "Charta schreiben: {path}", "en": "Write the charter: {path}"},
        "confirm_show": {
            "de": "Einen Abschnitt ausführlich ansehen",
            "en": "Show a section in full",
        },
        "confirm_edit": {"de": "Einen Abschnitt ändern", "en": "Change a section"},
        "confirm_cancel": {
            "de": "Abbrechen (Antworten für später sichern)",
            "en": "Cancel (keep the answers for later)",
        },
        "which_section": {"de": "Welchen Abschnitt?", "en": "Which section?"},
        "change_note": {
            "de": "Was hat sich geändert? (für den Änderungsverlauf)",
            "en": "What changed? (for the changelog)",
        },
        "change_hint": {
            "de": "Leer lassen und Enter übernimmt: {proposal}",
            "en": "Leave empty and press Enter to use: {proposal}",
        },
        "none_selected": {"de": "keine ausgewählt", "en": "none selected"},
        "advice": {
            "de": "Empfehlung: {message} Ändern können Sie es in der Zusammenfassung.",
            "en": "Recommendation: {message} You can change it in the summary.",
        },
    }
)

# The value of the „no answer“ choice (nothing is written for it)
NO_ANSWER = "\x00no-answer"

# Where a choice's text starts: after the pointer (" » ") and, in a checkbox, the "○ " mark.
SELECT_INDENT = 3
CHECKBOX_INDENT = 5

STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("answer", "fg:ansicyan"),
        ("instruction", "italic"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
        ("selected", "fg:ansicyan"),
    ]
)


def width() -> int:
    """The terminal's width (COLUMNS first; 80 when unknown)."""
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 20)


def wrap(text: str, indent: int = 0) -> str:
    """`text` broken at word boundaries to fit the terminal after `indent` columns; continuation
    lines start with `indent` spaces (the first line's indent is the caller's)."""
    import textwrap

    lines = textwrap.wrap(
        text,
        width=max(width() - 1 - indent, 20),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return ("\n" + " " * indent).join(lines)


def fit(message: str, hint: str = "") -> str:
    """A prompt's question broken at word boundaries so that it, and the `hint` questionary
    puts after it, fit the terminal (prompt_toolkit itself would break inside words)."""
    placeholder = "\x01" * len(hint)
    text = wrap(f"? {message} {placeholder}".rstrip(), 2).removeprefix("? ")
    if not placeholder:
        return text
    text = text.removesuffix(placeholder)
    return text if text.endswith("\n  ") else text.rstrip(" ")


def say(text: str, style: str = "") -> None:
    """Print a line, wrapped at word boundaries; leading spaces indent every line."""
    line = clean_line(text)
    indent = len(line) - len(line.lstrip(" "))
    questionary.print(" " * indent + wrap(line.strip(), indent), style=style)


def _never_draw_answered(prompt: Any) -> None:
    """Keep questionary from drawing its English answered line ("done (2 selections)") for the
    moment before the prompt is erased: its list control keeps showing the choices instead."""
    app = prompt.application

    controls = [
        w.content for w in app.layout.find_all_windows() if hasattr(w.content, "is_answered")
    ]

    def before_render(_app: Any) -> None:
        for control in controls:
            control.is_answered = False

    app.before_render += before_render


def answered(message: str, answer: str) -> None:
    """The answered line of a choice prompt, as questionary shows it, in our words."""
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText

    print_formatted_text(
        FormattedText(
            [("class:qmark", "?"), ("class:question", f" {message} "), ("class:answer", answer)]
        ),
        style=STYLE,
    )


def ask_bool(message: str, default: bool) -> bool:
    choices = [Choice(_("yes"), True), Choice(_("no"), False)]
    answer = prompting.ask(
        questionary.select(
            fit(message, _("select_hint")),
            choices=choices,
            default=choices[0] if default else choices[1],
            instruction=_("select_hint"),
            style=STYLE,
        )
    )
    return bool(answer)


def confirm(env: plan.Env, target: Path, problems_left: bool) -> str:
    """After the summary: "write", "cancel", "show:" + a section's id (to see it in full) or the
    id of a section to change."""
    options = []
    if not problems_left:
        options.append(Choice(_("confirm_write", path=target), "write"))
    options += [
        Choice(_("confirm_show"), "show"),
        Choice(_("confirm_edit"), "edit"),
        Choice(_("confirm_cancel"), "cancel"),
    ]
    choice = prompting.ask(
        questionary.select(_("confirm"), choices=options, instruction=_("select_hint"), style=STYLE)
    )
    if choice not in ("edit", "show"):
        return str(choice)
    sections = [Choice(s.title.get(), s.id) for s in env.sections]
    section = prompting.ask(
        questionary.select(
            _("which_section"), choices=sections, instruction=_("select_hint"), style=STYLE
        )
    )
    return f"show:{section}" if choice == "show" else str(section)


def change_note(proposal: str) -> str:
    """The changelog note of an update, asked before the choice to write: an empty field with
    the proposal as a grey hint, so nothing can be typed onto it by accident. Returns what was
    typed ("" means: use the proposal, made anew when the charter is written)."""
    from prompt_toolkit.formatted_text import FormattedText

    say(_("change_hint", proposal=proposal), "italic")
    answer = prompting.ask(
        questionary.text(
            _("change_note"),
            default="",
            style=STYLE,
            placeholder=FormattedText([("class:instruction", proposal)]),
        )
    )
    return str(answer).strip()


class Interview:
    """One run of the questionnaire over `data` (changed in place)."""

    def __init__(
        self,
        env: plan.Env,
        data: dict[str, Any],
        *,
        only: list[str] | None = None,
        completed: list[str] | None = None,
        incomplete: list[str] | None = None,
    ) -> None:
        self.env = env
        self.data = data
        self.only = only
        self.completed: list[str] = list(completed or [])
        # list items left half-filled by an interrupted run (by identity: indices may shift)
        self.unfinished = {id(item) for item in _items_at(data, incomplete or [])}
        self.open_items: list[tuple[str | int, ...]] = []  # items being filled right now
        self.droppable: Question | None = None  # may stay empty: the new item is dropped

    def incomplete(self) -> list[str]:
        """Paths of the list items being filled right now (saved when interrupted)."""
        return [keypaths.format_path(path) for path in self.open_items]

    # -- the whole interview -----------------------------------------------------------------
    def run(self) -> None:
        while True:
            sections = self.sections()  # again after each section: the phase may have changed
            section = next((s for s in sections if s.id not in self.completed), None)
            if section is None:
                return
            self.section(section, sections.index(section) + 1, len(sections))
            self.completed.append(section.id)

    def sections(self) -> list[Section]:
        """The sections to ask: those named by --ask, else those whose `if` holds."""
        if self.only is not None:
            return [s for s in self.env.sections if s.id in self.only]
        return [s for s in self.env.sections if plan.section_applies(s, self.data, self.env)]

    def section(self, section: Section, number: int = 1, total: int = 1) -> None:
        say("")
        say(_("section", number=number, total=total, title=section.title.get()), "bold underline")
        say(section.why.get(), "italic")
        if section.gate:
            present = any(key in self.data for key in section.top_keys())
            suggested = section.gate_default_if is not None and plan.holds(
                section.gate_default_if, self.env.context(self.data)
            )
            if not ask_bool(section.gate.get(), default=present or suggested):
                return
        self.ask_all(section.questions, ())

    def ask_all(self, questions: list[Question], indices: tuple[int, ...]) -> None:
        for question in questions:
            self.ask(question, indices)

    # -- one question --------------------------------------------------------------------------
    def ask(self, question: Question, indices: tuple[int, ...]) -> None:
        ctx = self.env.context(self.data, indices)
        if not plan.applies(question, ctx):
            return
        if question.kind == "loop":
            self.loop(question, indices)
            return
        path = keypaths.concrete(question.key, indices)
        current = keypaths.get(self.data, path, None)
        if not question.ask:
            if current is None:
                value = plan.default_for(question, ctx)
                if value is not None:
                    keypaths.put(self.data, path, value)
            return
        default = current if current is not None else plan.default_for(question, ctx)
        hint = " ".join(
            text
            for text in (question.help.get() if question.help else "", list_hint(question))
            if text
        )
        if hint:
            say("  " + hint, "italic")
        required = validators.is_required(question, ctx)
        message = question.text() + (_("required_mark") if required else "")
        asker: Callable[[Question, str, Any, validators.Context], Any] = {
            "choice": self.choice,
            "multi": self.multi,
            "bool": self.boolean,
            "list": self.listing,
        }.get(question.kind, self.text)
        value = asker(question, message, default, ctx)
        if value is None or value == "" or value == []:
            keypaths.remove(self.data, path)
        else:
            keypaths.put(self.data, path, value)
            note = validators.advice(question, value, ctx)
            if note:  # what `gdb check` would recommend: said at once, the answer is kept
                say("  " + _("advice", message=note), "bold")

    def text(self, question: Question, message: str, default: Any, ctx: validators.Context) -> Any:
        shown = (
            format_number(default, money=question.key.endswith("_eur"))
            if question.kind == "number" and isinstance(default, (int, float))
            else range_text(default) or as_text(default)
        )
        check = validators.text_validator(question, ctx)
        if question is self.droppable:
            required = check

            def check(text: str) -> bool | str:
                return True if not text.strip() else required(text)

        answer = prompting.ask(
            questionary.text(
                fit(message),
                default=shown,
                validate=check,
                style=STYLE,
            )
        )
        return validators.parse_answer(question, str(answer))

    def choice(
        self, question: Question, message: str, default: Any, ctx: validators.Context
    ) -> Any:
        options = [
            Choice(wrap(clean_line(title), SELECT_INDENT), value)
            for value, title in self.env.choices(question.choices or "")
        ]
        required = validators.is_required(question, ctx)
        if not required:  # questionary takes a None value for the title: a marker instead
            options.append(Choice(_("no_answer"), NO_ANSWER))
        chosen = next((c for c in options if c.value == default and default is not None), None)
        if chosen is None and not required:
            chosen = options[-1]
        value = prompting.ask(
            questionary.select(
                fit(message, _("select_hint")),
                choices=options,
                default=chosen,
                instruction=_("select_hint"),
                style=STYLE,
                erase_when_done=True,  # the answered line is ours: the label, not the long text
            )
        )
        if value == NO_ANSWER:
            value = None
        label = (
            self.env.choice_label(question.choices or "", value)
            if value is not None
            else _("no_answer")
        )
        answered(fit(message), clean_line(label))
        return value

    def multi(self, question: Question, message: str, default: Any, ctx: validators.Context) -> Any:
        selected = set(default) if isinstance(default, list) else set()
        options = [
            Choice(wrap(clean_line(title), CHECKBOX_INDENT), value, checked=value in selected)
            for value, title in self.env.choices(question.choices or "")
        ]
        needed = question.min_items(plan.relaxed(question, ctx))

        def validate(values: list[str]) -> bool | str:
            return True if len(values) >= needed else validators.too_few_message(needed)

        prompt = questionary.checkbox(
            fit(message, _("checkbox_hint")),
            choices=options,
            validate=validate,
            instruction=_("checkbox_hint"),
            style=STYLE,
            erase_when_done=True,  # questionary would say "done (2 selections)"; we say it
        )
        _never_draw_answered(prompt)
        answer = prompting.ask(prompt)
        values = list(answer or [])
        names = [self.env.choice_label(question.choices or "", value) for value in values]
        answered(fit(message), clean_line(", ".join(names)) if names else _("none_selected"))
        return values

    def boolean(
        self, question: Question, message: str, default: Any, ctx: validators.Context
    ) -> Any:
        return ask_bool(message, default=bool(default))

    def listing(
        self, question: Question, message: str, default: Any, ctx: validators.Context
    ) -> Any:
        existing = [str(v) for v in default] if isinstance(default, list) else []
        values: list[str] = []
        while True:
            number = len(values) + 1
            prefill = existing[len(values)] if len(values) < len(existing) else ""
            answer = prompting.ask(
                questionary.text(
                    fit(
                        _("list_item", prompt=question.text(), number=number)
                        + (_("required_mark") if number <= question.min else "")
                    ),
                    default=prefill,
                    style=STYLE,
                )
            )
            entry = str(answer).strip()
            if not entry:
                if len(values) < question.min:
                    say(_("at_least", count=question.min), "bold")
                    continue
                return values
            values.append(entry)

    # -- lists of tables ---------------------------------------------------------------------
    def loop(self, question: Question, indices: tuple[int, ...]) -> None:
        ctx = self.env.context(self.data, indices)
        path = keypaths.concrete(question.key, indices)
        existing = keypaths.get(self.data, path, None)
        old: list[Any] = list(existing) if isinstance(existing, list) else []
        items: list[Any] = []
        keypaths.put(self.data, path, items)
        is_relaxed = plan.relaxed(question, ctx)
        needed = question.min_items(is_relaxed)
        label = question.item_name()
        if is_relaxed and question.relax_note:
            say("  " + question.relax_note.get(), "italic")
        for number, item in enumerate(old, start=1):
            if id(item) in self.unfinished:  # interrupted while filled in: ask it to the end
                items.append(item)
                self.item(question, (*indices, len(items) - 1), len(items))
                continue
            title = self.item_title(question, item) or "…"
            action = prompting.ask(
                questionary.select(
                    _("existing_item", label=label, number=number, title=title),
                    choices=[
                        Choice(_("keep"), "keep"),
                        Choice(_("edit"), "edit"),
                        Choice(_("drop"), "drop"),
                    ],
                    instruction=_("select_hint"),
                    style=STYLE,
                )
            )
            if action == "drop":
                continue
            items.append(item)
            if action == "edit":
                self.item(question, (*indices, len(items) - 1), len(items))
        while True:
            if len(items) >= needed:
                prompt = question.another if items else question.add
                assert prompt is not None
                if not ask_bool(prompt.get(), default=not items and not is_relaxed):
                    break
            items.append({})
            if not self.item(question, (*indices, len(items) - 1), len(items), new=needed):
                items.pop()  # left empty: discarded
                if len(items) >= needed:
                    break

    def item(
        self, question: Question, indices: tuple[int, ...], number: int, new: int | None = None
    ) -> bool:
        """Ask one item of a list. A `new` item beyond the `new` needed ones may be discarded by
        leaving its first question empty (after an accidental „Ja“); returns False then."""
        say(_("item", label=question.item_name(), number=number), "bold")
        path = (*keypaths.concrete(question.key, indices[:-1]), indices[-1])
        first = next((q for q in question.items if q.ask and q.kind in TYPED_KINDS), None)
        if new is None or number <= new:
            first = None
        if first is not None:
            say("  " + _("drop_hint"), "italic")
        self.open_items.append(path)
        answered = False  # anything given so far (a choice may come before the first typed answer)
        for sub in question.items:
            self.droppable = first if sub is first else None
            self.ask(sub, indices)
            self.droppable = None
            given = keypaths.get(self.data, keypaths.concrete(sub.key, indices), None)
            answered = answered or (sub.ask and given not in (None, "", []))
            if sub is first and not answered:
                self.open_items.pop()
                return False
        self.open_items.pop()
        total_key = _total_key(question)
        if total_key:
            numbers, missing = plan.known_numbers(self.data, f"{question.key}[*].{total_key}")
            total = format_number(sum(numbers), money=True)
            if missing:
                say("  " + _("running_total_open", total=total, count=missing), "bold")
            else:
                say("  " + _("running_total", total=total), "bold")
        return True

    @staticmethod
    def item_title(question: Question, item: Any) -> str:
        if not isinstance(item, dict) or not question.item_title:
            return ""
        value = item.get(question.item_title)
        return clean_line(value)[:70] if value is not None else ""


# The kinds typed into a text field: the first of them in a new list item may be left empty to
# discard the item (after an accidental „Ja“) – when nothing else of the item was given before it.
TYPED_KINDS = ("text", "email", "date", "number", "integer")


def list_hint(question: Question) -> str:
    """How to end a list of typed entries, said once before its first entry: a required list
    names its minimum first (it never invites leaving a needed entry empty)."""
    if question.kind != "list":
        return ""
    if question.min:
        return _("list_done_after", count=question.min)
    return _("list_done")


def _items_at(data: dict[str, Any], where: list[str]) -> list[Any]:
    found = []
    for text in where:
        try:
            item = keypaths.get(data, keypaths.parse_concrete(text), None)
        except keypaths.PathError:
            continue
        if isinstance(item, dict):
            found.append(item)
    return found


def _total_key(question: Question) -> str | None:
    """The item key summed up while a list is filled (amounts in euros)."""
    for item in question.items:
        if item.key.endswith("amount_eur"):
            return item.key.rsplit(".", 1)[-1]
    return None
