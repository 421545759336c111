"""What `gdb init` does, step by step: check the situation, gather answers, confirm, write.

1. Refuse early what cannot work: no terminal without `--no-input`, an existing file without
   `--force` (or `--update`), unknown `--ask` sections, unreadable answer files, bad `--set`.
2. Gather answers: existing charter (`--update`) ← answers file ← `--set` ← the interview (or, with
   `--no-input`, the defaults). An interrupted interview is saved for the next run.
3. Check: the questionnaire's checks, then the charter model – nothing invalid is written.
4. Write atomically (`PATH.bak` with `--force` / `--update`), then show the readiness view.
   Only when the file is still what was read (else the answers go to the recovery file, exit 2);
   `--no-input` runs on one file take turns (the file's write lock, from reading to writing).
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gdb_cli import context, prompting
from gdb_cli.charter import keypaths
from gdb_cli.charter.files import DEFAULT_NAMES
from gdb_cli.errors import EXIT_INTERRUPTED, EXIT_USAGE, GdbError
from gdb_cli.i18n import Catalog
from gdb_cli.output import message, stdin_is_terminal
from gdb_cli.toml.write import ANYTHING, Anything, ChangedMeanwhile, fingerprint
from gdb_cli.wizard import plan, recovery
from gdb_cli.wizard.values import ValueProblem, apply_assignments, coerce_data

_ = Catalog(
    {
        "no_tty": {
            "de": "gdb init fragt Schritt für Schritt nach und braucht dafür ein Terminal – die "
            "Eingabe ist hier aber keines. Ohne Rückfragen geht es mit --no-input: "
            "gdb init --no-input --answers antworten.toml [--set schlüssel=wert …] {path}",
            "en": "gdb init asks step by step and needs a terminal for that – but the input "
            "is not one here. To run without questions use --no-input: "
            "gdb init --no-input --answers answers.toml [--set key=value …] {path}",
        },
        "exists": {
            "de": "{path} gibt es schon – nichts geändert. Bearbeiten: gdb init --update {path}; "
            "neu anlegen und die alte Datei als {path}.bak behalten: gdb init --force {path}",
            "en": "{path} already exists – nothing changed. To edit it: gdb init --update {path}; "
            "to start over and keep the old file as {path}.bak: gdb init --force {path}",
        },
        "update_missing": {
            "de": "{path} gibt es nicht – für eine neue Charta: gdb init {path}",
            "en": "{path} does not exist – for a new charter: gdb init {path}",
        },
        "update_force": {
            "de": "--update und --force passen nicht zusammen: --update bearbeitet die Datei "
            "(und behält die alte als .bak), --force legt sie neu an.",
            "en": "--update and --force do not go together: --update edits the file (keeping "
            "the old one as .bak), --force starts over.",
        },
        "bad_ask": {
            "de": "--ask: unbekannter Abschnitt „{name}“.{guess} Abschnitte: {sections}.",
            "en": "--ask: unknown section “{name}”.{guess} Sections: {sections}.",
        },
        "ask_guess": {"de": " Meinten Sie „{name}“?", "en": " Did you mean “{name}”?"},
        "unreadable": {"de": "{location}: {message}", "en": "{location}: {message}"},
        "answers_json": {
            "de": "{file}: kein gültiges JSON ({detail}).",
            "en": "{file}: not valid JSON ({detail}).",
        },
        "too_deep": {
            "de": "{file}: zu tief verschachtelt (mehr als {limit} Ebenen) – so sieht keine "
            "Charta aus.",
            "en": "{file}: nested too deeply (more than {limit} levels) – no charter looks like "
            "this.",
        },
        "bad_shape": {
            "de": "Die Angaben haben bei „{path}“ nicht die Form einer Charta (eine Liste, wo "
            "eine Tabelle hingehört, oder umgekehrt) – siehe examples/charter.example.toml.",
            "en": "The answers do not have the shape of a charter at “{path}” (a list where a "
            "table belongs, or the other way round) – see examples/charter.example.toml.",
        },
        "answers_table": {
            "de": "{file}: die Antworten müssen eine Tabelle sein (wie eine Charta).",
            "en": "{file}: the answers must be a table (like a charter).",
        },
        "problems_head": {
            "de": "Es fehlen Angaben oder passen nicht ({count}):",
            "en": "Answers are missing or do not fit ({count}):",
        },
        "problem_line": {
            "de": "  {path} ({label}): {message}",
            "en": "  {path} ({label}): {message}",
        },
        "advice_line": {
            "de": "Empfehlung zu {path} ({label}): {message}",
            "en": "Recommendation on {path} ({label}): {message}",
        },
        "problem_fix": {"de": "      → --set {path}=…", "en": "      → --set {path}=…"},
        "problems_tail": {
            "de": "Alle Angaben können auch in einer Antwortdatei stehen: --answers DATEI "
            "(Format wie examples/charter.example.toml).",
            "en": "All answers can also be given in a file: --answers FILE "
            "(format as in examples/charter.example.toml).",
        },
        "problems_exit": {
            "de": "Keine Charta geschrieben: {count} Angabe(n) fehlen oder passen nicht.",
            "en": "No charter written: {count} answer(s) missing or not fitting.",
        },
        "model_head": {
            "de": "Die Charta wäre so nicht gültig:",
            "en": "The charter would not be valid like this:",
        },
        "model_line": {"de": "  {path}: {message}", "en": "  {path}: {message}"},
        "model_exit": {
            "de": "Keine Charta geschrieben: {count} Problem(e).",
            "en": "No charter written: {count} problem(s).",
        },
        "resume": {
            "de": "Es gibt gesicherte Antworten vom {saved} (abgebrochene Eingabe). Dort "
            "weitermachen?",
            "en": "There are saved answers from {saved} (an interrupted session). Continue "
            "from there?",
        },
        "resume_ignored": {
            "de": "Hinweis: {file} enthält gesicherte Antworten einer abgebrochenen Eingabe; "
            "--no-input nutzt sie nicht (mit --answers {file} schon).",
            "en": "Note: {file} holds saved answers of an interrupted session; --no-input does "
            "not use them (--answers {file} does).",
        },
        "interrupted": {
            "de": "Abgebrochen – keine Charta geschrieben. Ihre Antworten sind gesichert in "
            "{file}; beim nächsten „gdb init{update} {path}“ können Sie dort weitermachen.",
            "en": "Interrupted – no charter written. Your answers are saved in {file}; the next "
            "“gdb init{update} {path}” offers to continue from there.",
        },
        "intro": {
            "de": "gdb init – Projektcharta für „{path}“ nach dem Handbuch „Gemeinsam Digital: "
            "Berlin“. Pflichtangaben sind markiert, alles andere kann leer bleiben und später "
            "ergänzt werden. Vorschläge übernehmen Sie mit Enter; Strg+U löscht eine Zeile. "
            "Abbrechen mit Strg+C – Ihre Antworten werden gesichert.",
            "en": "gdb init – project charter “{path}” following the “Gemeinsam Digital: "
            "Berlin” handbook. Required answers are marked; everything else may stay empty "
            "and be added later. Enter accepts a suggestion; Ctrl+U clears a line. "
            "Ctrl+C stops – your answers are kept.",
        },
        "change_default": {
            "de": "Aktualisiert mit gdb init: {sections}.",
            "en": "Updated with gdb init: {sections}.",
        },
        "written": {"de": "Geschrieben: {path}", "en": "Written: {path}"},
        "backup": {"de": "Vorherige Fassung: {path}", "en": "Previous version: {path}"},
        "schema_written": {
            "de": "JSON Schema für Editoren geschrieben: {path} (Taplo / „Even Better TOML“ "
            "prüfen die Charta damit schon beim Tippen).",
            "en": "JSON Schema for editors written: {path} (Taplo / “Even Better TOML” use it "
            "to check the charter while you type).",
        },
        "header": {
            "de": "# Projektcharta nach dem Handbuch „Gemeinsam Digital: Berlin“ (angelegt mit "
            "gdb init am {date}).\n# Prüfen: gdb check {path}\n\n",
            "en": "# Project charter following the “Gemeinsam Digital: Berlin” handbook (created "
            "with gdb init on {date}).\n# Check it: gdb check {path}\n\n",
        },
        "other_name": {
            "de": "Hinweis: Hier liegt auch {other}. Geschrieben wurde {path} (der Standardname); "
            "„gdb check“ ohne Dateinamen fragt deshalb, welche gemeint ist. Die neue Charta "
            "prüfen: gdb check {path} – die vorhandene bearbeiten: gdb init --update {other}",
            "en": "Note: {other} is here too. {path} was written (the default name); "
            "“gdb check” without a file name therefore asks which one is meant. To check the new "
            "charter: gdb check {path} – to edit the existing one: gdb init --update {other}",
        },
        "changed": {
            "de": "{path} wurde geändert, während gdb init lief (von einem anderen Programm oder "
            "einer anderen Person) – nichts überschrieben. Ihre Antworten sind gesichert in "
            "{file}. Weiter: {next}",
            "en": "{path} was changed while gdb init was running (by another program or person) "
            "– nothing overwritten. Your answers are saved in {file}. To go on: {next}",
        },
        "changed_next_interactive": {
            "de": "die neue Fassung von {path} ansehen, dann „gdb init{update} {path}“ – es bietet "
            "an, mit den gesicherten Antworten weiterzumachen (sie gelten dann auch dort, wo die "
            "neue Fassung anders ist).",
            "en": "look at the new version of {path}, then run “gdb init{update} {path}” – it "
            "offers to continue from the saved answers (they then apply also where the new "
            "version differs).",
        },
        "changed_next_scripted": {
            "de": "denselben Befehl noch einmal ausführen – er baut auf der neuen Fassung auf.",
            "en": "run the same command again – it builds on the new version.",
        },
        "lock_wait": {
            "de": "Warte auf ein anderes gdb, das gerade {path} schreibt …",
            "en": "Waiting for another gdb that is writing {path} …",
        },
        "lock_timeout": {
            "de": "{path}: ein anderes gdb schreibt die Datei seit über {seconds} Sekunden "
            "(Sperrdatei {lock}) – nichts geändert. Bitte später noch einmal versuchen.",
            "en": "{path}: another gdb has been writing the file for over {seconds} seconds "
            "(lock file {lock}) – nothing changed. Please try again later.",
        },
        "old_problem": {
            "de": "Hinweis: schon vorher in der Datei, unverändert gelassen – {path}: {message}",
            "en": "Note: already in the file before, left as it was – {path}: {message}",
        },
    }
)


@dataclass
class InitOptions:
    path: Path = Path("charta.toml")
    path_given: bool = True
    force: bool = False
    no_input: bool = False
    answers: Path | None = None
    assignments: list[str] = field(default_factory=list)
    update: bool = False
    ask: str | None = None
    schema: str = "charter.schema.json"  # the `#:schema` target; "none" writes no such line


def run_init(options: InitOptions) -> int:
    """`gdb init`; scripted runs on one file take turns (one reads after the other has written)."""
    if options.no_input and options.path.parent.is_dir():
        with _locked(options.path):
            return _run_init(options)
    return _run_init(options)


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    from gdb_cli.toml import write

    try:
        with write.write_lock(target, on_wait=lambda: message(_("lock_wait", path=target))):
            yield
    except write.LockTimeout:
        raise _lock_timeout(target) from None


def _fingerprint(target: Path) -> str | None:
    try:
        return fingerprint(target)
    except OSError as exc:  # a folder, no permission …
        raise GdbError(_("unreadable", location=target, message=exc.strerror or exc)) from None


def _lock_timeout(target: Path) -> GdbError:
    from gdb_cli.toml import write

    lock = write.lock_path(target)
    return GdbError(_("lock_timeout", path=target, seconds=int(write.LOCK_WAIT), lock=lock))


def _run_init(options: InitOptions) -> int:
    target = options.path
    shown = str(target)
    if not options.no_input and not stdin_is_terminal():
        raise GdbError(_("no_tty", path=shown), EXIT_USAGE)
    if options.update and options.force:
        raise GdbError(_("update_force"))
    if options.update and not target.is_file():
        raise GdbError(_("update_missing", path=shown))
    if not options.update and target.exists() and not options.force:
        raise GdbError(_("exists", path=shown))

    handbook = context.handbook()
    from gdb_cli.wizard.catalogue import load_questionnaire

    env = plan.Env(load_questionnaire(handbook), handbook)
    only = _parse_ask(options.ask, env)

    expected = _fingerprint(target)  # before reading: a change after this is never overwritten
    original_text = ""
    data: dict[str, Any] = {}
    if options.update:
        original_text, data = _read_charter(target)
    original = copy.deepcopy(data)
    if options.answers is not None:
        _merge(data, _read_answers(options.answers))
    try:
        apply_assignments(data, options.assignments)
    except ValueProblem as problem:
        raise GdbError(problem.message) from None
    from gdb_cli.charter.load import SCHEMA_VERSION

    data.setdefault("schema_version", SCHEMA_VERSION)

    changes = ""
    try:
        if options.no_input:
            saved = recovery.recovery_path(target)
            if saved.exists():
                message(_("resume_ignored", file=saved))
            plan.fill_defaults(data, env)
            _report_problems(plan.problems(data, env), plan.advice(data, env))
            changes = _("change_default", sections=_changed_sections(env, original, data))
        else:
            data, changes = _interview(env, data, target, only, options.update, original)
    except keypaths.PathError as exc:  # e.g. [[measure]] (a list) where a table belongs
        raise GdbError(_("bad_shape", path=str(exc))) from None

    final = keypaths.prune(data)
    try:
        text = _render(final, target, handbook, options.update, original_text, changes)
        if not options.update:
            text = _with_schema_line(text, target, options.schema, handbook)
        backup = _write(target, text, backup=options.force or options.update, expected=expected)
    except ChangedMeanwhile:
        raise _changed_meanwhile(target, data, env, options) from None
    except KeyboardInterrupt:
        if options.no_input:  # the answers are in the files and flags given
            raise
        # Interrupted after the interview, before the charter was in place: keep the answers.
        done = [s.id for s in env.sections]
        raise _saved_and_stopped(target, data, done, options.update) from None
    recovery.discard(target)
    _after(target, backup, handbook)
    if not options.path_given:
        for other in (Path(name) for name in DEFAULT_NAMES if Path(name) != target):
            if other.is_file():
                message(_("other_name", other=other, path=target))
                break
    return 0


# --- gathering -------------------------------------------------------------------------------


def section_name(title: str) -> str:
    """What `--ask` calls a section: the first word of its title, lower-case („mandat“)."""
    return title.split()[0].strip("(),").lower()


def _parse_ask(value: str | None, env: plan.Env) -> list[str] | None:
    """Section ids from `--ask`: the names shown in the interview in either language („mandat“,
    „Ressourcen“, „grundsaetze“), the full title or the id; a typo gets a suggestion."""
    if value is None:
        return None
    names: dict[str, str] = {}
    for section in env.sections:
        for text in (section.id, section.title.de, section.title.en):
            names[plan.slugify(text)] = section.id
            names[plan.slugify(section_name(text))] = section.id
    chosen: list[str] = []
    for name in (n.strip() for n in value.split(",") if n.strip()):
        section_id = names.get(plan.slugify(name))
        if section_id is None:
            from gdb_cli.charter.load import suggest

            shown = [section_name(s.title.get()) for s in env.sections]
            close = suggest(name.lower(), shown) or suggest(plan.slugify(name), list(names))
            guess = _("ask_guess", name=close if close in shown else _shown(close, env))
            raise GdbError(
                _("bad_ask", name=name, guess=guess if close else "", sections=", ".join(shown))
            )
        if section_id not in chosen:
            chosen.append(section_id)
    return chosen or None


def _shown(slug: str | None, env: plan.Env) -> str:
    """The shown name of the section a slug belongs to."""
    for section in env.sections:
        texts = (section.id, section.title.de, section.title.en)
        if slug in {plan.slugify(t) for t in texts} | {
            plan.slugify(section_name(t)) for t in texts
        }:
            return section_name(section.title.get())
    return slug or ""


def _read_charter(target: Path) -> tuple[str, dict[str, Any]]:
    from gdb_cli.toml.read import ReadError, read_document

    try:
        document = read_document(target)
    except ReadError as exc:
        raise GdbError(
            _("unreadable", location=exc.finding.location(), message=exc.finding.message)
        ) from None
    _check_depth(document.data, target)
    return document.text, copy.deepcopy(document.data)


# A charter nests four levels deep (goals[0].indicators[0].target); answers are copied, merged
# and pruned recursively, so anything much deeper is refused before that.
MAX_DEPTH = 24


def _check_depth(data: Any, file: Path) -> None:
    """Raise `GdbError` when `data` nests deeper than `MAX_DEPTH` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise GdbError(_("too_deep", file=file, limit=MAX_DEPTH))
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)


def _read_answers(path: Path) -> dict[str, Any]:
    if path.suffix.lower() == ".json":
        if not path.is_file():
            _read_charter(path)  # the usual "file not found" / "folder" message
        try:
            raw = json.loads(path.read_text(encoding="utf-8-sig"))
        except RecursionError:
            raise GdbError(_("too_deep", file=path, limit=MAX_DEPTH)) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GdbError(_("answers_json", file=path, detail=exc)) from None
        if not isinstance(raw, dict):
            raise GdbError(_("answers_table", file=path))
        _check_depth(raw, path)
        result: dict[str, Any] = coerce_data(raw)
        return result
    _text, data = _read_charter(path)
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)


def _changed_sections(env: plan.Env, before: dict[str, Any], after: dict[str, Any]) -> str:
    names = [
        s.title.get()
        for s in env.sections
        if any(keypaths.prune(before.get(k)) != keypaths.prune(after.get(k)) for k in s.top_keys())
    ]
    return ", ".join(names) or "–"


def _proposal(env: plan.Env, before: dict[str, Any], after: dict[str, Any]) -> str:
    """The changelog note gdb proposes: the sections that changed."""
    return _("change_default", sections=_changed_sections(env, before, after))


def _interview(
    env: plan.Env,
    data: dict[str, Any],
    target: Path,
    only: list[str] | None,
    update: bool,
    original: dict[str, Any],
) -> tuple[dict[str, Any], str]:
    from gdb_cli.output import console
    from gdb_cli.wizard import interactive
    from gdb_cli.wizard.summary import show_section, show_summary

    completed: list[str] = []
    incomplete: list[str] = []
    interview: interactive.Interview | None = None
    try:
        with prompting.session():  # stop signals end the interview cleanly
            interactive.say(_("intro", path=target), "bold")
            saved = recovery.load(target)
            mode = "update" if update else "new"
            if (
                saved is not None
                and saved.mode == mode
                and interactive.ask_bool(_("resume", saved=saved.saved), True)
            ):
                data = saved.data
                from gdb_cli.charter.load import SCHEMA_VERSION

                data.setdefault("schema_version", SCHEMA_VERSION)
                completed = saved.completed
                incomplete = saved.incomplete
            interview = interactive.Interview(
                env, data, only=only, completed=completed, incomplete=incomplete
            )
            interview.run()
            plan.fill_defaults(data, env)
            note: str | None = None  # the changelog note of an update, asked before "write"
            overview = True
            while True:
                problems = plan.problems(data, env)
                if overview:
                    show_summary(env, data, console(), original if update else None)
                    if problems:
                        _print_problems(problems, scripted=False)
                overview = True
                if update and note is None:
                    note = interactive.change_note(_proposal(env, original, data))
                choice = interactive.confirm(env, target, problems_left=bool(problems))
                if choice == "write":
                    break
                if choice == "cancel":
                    raise KeyboardInterrupt
                if choice.startswith("show:"):
                    show_section(env, choice.removeprefix("show:"), data, console())
                    overview = False
                    continue
                section = env.questionnaire.section(choice)
                if section is not None:
                    interview.section(section)
            changes = note or _proposal(env, original, data)
    except (KeyboardInterrupt, EOFError):
        done = interview.completed if interview is not None else completed
        unfinished = interview.incomplete() if interview is not None else incomplete
        raise _saved_and_stopped(target, data, done, update, unfinished) from None
    return data, changes


def _saved_and_stopped(
    target: Path,
    data: dict[str, Any],
    completed: list[str],
    update: bool,
    unfinished: list[str] | None = None,
) -> GdbError:
    """Save the answers for the next run; the error that ends this one (exit 130)."""
    mode = "update" if update else "new"
    saved_path = recovery.save(target, data, completed, mode, unfinished)
    return GdbError(
        _("interrupted", file=saved_path, path=target, update=" --update" if update else ""),
        EXIT_INTERRUPTED,
    )


def _changed_meanwhile(
    target: Path, data: dict[str, Any], env: plan.Env, options: InitOptions
) -> GdbError:
    """Someone changed the file since it was read: keep the answers, say how to go on (exit 2)."""
    mode = "update" if options.update else "new"
    saved_path = recovery.save(target, data, [s.id for s in env.sections], mode)
    update = " --update" if options.update else (" --force" if options.force else "")
    if options.no_input:
        next_step = _("changed_next_scripted")
    else:
        next_step = _("changed_next_interactive", path=target, update=update)
    return GdbError(_("changed", path=target, file=saved_path, next=next_step), EXIT_USAGE)


# --- checking and writing --------------------------------------------------------------------


def _print_problems(problems: list[plan.Problem], scripted: bool) -> None:
    message(_("problems_head", count=len(problems)))
    for problem in problems:
        message(_("problem_line", path=problem.path, label=problem.label, message=problem.message))
        if scripted:
            message(_("problem_fix", path=problem.path))
    if scripted:
        message(_("problems_tail"))


def _report_problems(problems: list[plan.Problem], notes: list[plan.Problem]) -> None:
    """Refuse missing or wrong answers; say what `gdb check` will recommend (`notes`)."""
    if problems:
        _print_problems(problems, scripted=True)
        raise GdbError(_("problems_exit", count=len(problems)))
    for note in notes:  # kept: a recommendation is no reason to refuse
        message(_("advice_line", path=note.path, label=note.label, message=note.message))


def _render(
    final: dict[str, Any],
    target: Path,
    handbook: Any,
    update: bool,
    original_text: str,
    changes: str,
) -> str:
    import datetime as dt

    from gdb_cli.charter.load import load_text, validate_data
    from gdb_cli.toml.write import charter_data, dump_data

    closed = handbook.closed_ids()
    if update:
        from gdb_cli.wizard.update import apply_update

        before = {(p.code, p.path) for p in load_text(original_text, str(target), closed).problems}
        text = apply_update(original_text, final, changes)
        problems = load_text(text, str(target), closed).problems
        new = [p for p in problems if (p.code, p.path) not in before]
        _refuse(new)
        for problem in problems:
            message(_("old_problem", path=problem.path or "-", message=problem.message))
        return text
    charter, findings = validate_data(final, closed)
    _refuse(findings)
    assert charter is not None
    header = _("header", date=dt.date.today().isoformat(), path=target.name)
    text = dump_data(_whole_numbers(charter_data(charter), final), header)
    _refuse(load_text(text, str(target), closed).problems)
    return text


def _with_schema_line(text: str, target: Path, schema: str, handbook: Any) -> str:
    """Put `#:schema …` first, so Taplo / “Even Better TOML” validate and complete the charter.

    A file path is written relative to the charter; the schema file is created there (from the
    active pack, in the active language) when it does not exist yet.
    """
    if schema.strip().lower() in ("", "none", "no", "keins"):
        return text
    from gdb_cli.charter.schema import schema_directive, schema_text
    from gdb_cli.i18n import get_language

    if "://" in schema:
        return schema_directive(schema) + "\n" + text
    schema_path = Path(schema)
    if not schema_path.is_absolute():
        schema_path = target.parent / schema_path
    if not schema_path.exists():
        _write(schema_path, schema_text(handbook, get_language()), backup=False)
        message(_("schema_written", path=schema_path))
    return schema_directive(schema_path, target) + "\n" + text


def _whole_numbers(written: Any, given: Any) -> Any:
    """The model turns a typed `40` into `40.0`; keep whole numbers as they were given."""
    if isinstance(written, dict) and isinstance(given, dict):
        return {k: _whole_numbers(v, given.get(k)) for k, v in written.items()}
    if isinstance(written, list) and isinstance(given, list) and len(written) == len(given):
        return [_whole_numbers(w, g) for w, g in zip(written, given, strict=True)]
    if (
        isinstance(written, float)
        and isinstance(given, int)
        and not isinstance(given, bool)
        and written == given
    ):
        return given
    return written


def _refuse(findings: list[Any]) -> None:
    if not findings:
        return
    message(_("model_head"))
    for finding in findings:
        message(_("model_line", path=finding.path or "-", message=finding.message))
    raise GdbError(_("model_exit", count=len(findings)))


def _write(
    target: Path, text: str, backup: bool, expected: str | Anything | None = ANYTHING
) -> Path | None:
    """Write `target`; with `expected` (a fingerprint), only while the file still matches."""
    from gdb_cli.toml.write import LockTimeout, atomic_write

    try:
        return atomic_write(target, text, backup=backup, expected=expected)
    except LockTimeout:
        raise _lock_timeout(target) from None
    except OSError as exc:
        raise GdbError(_("unreadable", location=target, message=exc.strerror or str(exc))) from None


def _after(target: Path, backup: Path | None, handbook: Any) -> None:
    from gdb_cli.output import console
    from gdb_cli.wizard.summary import show_next_steps, show_readiness

    message(_("written", path=target))
    if backup is not None:
        message(_("backup", path=backup))
    loaded = context.load(target)
    err = console(stderr=True)
    show_readiness(loaded, handbook, err)
    phase = loaded.charter.measure.phase if loaded.charter is not None else None
    show_next_steps(target, phase, err)
