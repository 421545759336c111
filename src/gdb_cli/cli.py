"""The `gdb` command: global options, the list of sub-commands, and the outer error handling.

The language must be known before the help texts are built, so `main` reads the global options
(`--lang`, `--handbook`, `-q`, `-v`) from anywhere on the command line first, then builds the
Typer app in that language. Each sub-command lives in its own module under `gdb_cli.commands`
and only imports what it needs when it runs. Every exception ends here as a message and an exit
code – never a traceback (set `GDB_DEBUG=1` to see one).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main

from gdb_cli import __version__, i18n, prompting, settings, typer_texts
from gdb_cli.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, GdbError
from gdb_cli.i18n import Catalog
from gdb_cli.typer_internals import NoArgsIsHelpError, UsageError

# One module per sub-command, in the order `gdb --help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "gdb_cli.commands.init",
    "gdb_cli.commands.phases",
    "gdb_cli.commands.theses",
    "gdb_cli.commands.check",
    "gdb_cli.commands.rules",
    "gdb_cli.commands.methods",
    "gdb_cli.commands.status",
    "gdb_cli.commands.export",
    "gdb_cli.commands.report",
    "gdb_cli.commands.schema",
    "gdb_cli.commands.migrate",
)

_ = Catalog(
    {
        "app_help": {
            "de": "gdb – eine Maßnahme nach dem Handbuch „Gemeinsam Digital: Berlin“ planen und "
            "prüfen: Projektcharta anlegen (init), prüfen (check), Methoden finden (methods).",
            "en": "gdb – plan and check a measure the way the “Gemeinsam Digital: Berlin” handbook "
            "asks: write a project charter (init), check it (check), find methods (methods).",
        },
        "version_help": {"de": "Version anzeigen und beenden.", "en": "Show the version and exit."},
        "lang_help": {
            "de": "Sprache: de oder en (sonst GDB_LANG, dann die Locale; Standard: de).",
            "en": "Language: de or en (else GDB_LANG, then the locale; default: de).",
        },
        "handbook_help": {
            "de": "Anderes Handbuch-Paket (Ordner) laden; auch über GDB_HANDBOOK.",
            "en": "Load another handbook pack (folder); also via GDB_HANDBOOK.",
        },
        "quiet_help": {"de": "Weniger ausgeben.", "en": "Print less."},
        "verbose_help": {"de": "Mehr ausgeben.", "en": "Print more."},
        "bad_lang": {
            "de": "Unbekannte Sprache „{value}“ – erlaubt sind: de, en.",
            "en": "Unknown language “{value}” – allowed: de, en.",
        },
        "missing_value": {
            "de": "Option {option} braucht einen Wert.",
            "en": "Option {option} needs a value.",
        },
        "interrupted": {"de": "Abgebrochen.", "en": "Interrupted."},
        "io_failed": {
            "de": "Schreiben oder Lesen fehlgeschlagen: {detail}",
            "en": "Writing or reading failed: {detail}",
        },
        "internal": {
            "de": "Interner Fehler ({kind}: {detail}). Das ist ein Fehler in gdb – bitte melden; "
            "mit GDB_DEBUG=1 erscheinen die Details.",
            "en": "Internal error ({kind}: {detail}). This is a bug in gdb – please report it; "
            "GDB_DEBUG=1 shows the details.",
        },
    }
)

_GLOBAL_VALUE_OPTIONS = ("--lang", "--handbook")
_GLOBAL_FLAGS = {"-q": -1, "--quiet": -1, "-v": 1, "--verbose": 1}


def split_global_options(argv: Sequence[str]) -> tuple[list[str], dict[str, Any]]:
    """Take `--lang X`, `--handbook DIR`, `-q`, `-v` from anywhere before `--`.

    Returns the remaining arguments and the options found. Raises `GdbError` on a value missing.
    """
    rest: list[str] = []
    found: dict[str, Any] = {"verbosity": 0}
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name, eq, value = arg.partition("=")
        if name in _GLOBAL_VALUE_OPTIONS:
            if not eq:
                if i + 1 >= len(args):
                    raise GdbError(_("missing_value", option=name))
                value = args[i + 1]
                i += 1
            found[name.lstrip("-")] = value
        elif arg in _GLOBAL_FLAGS:
            found["verbosity"] += _GLOBAL_FLAGS[arg]
        else:
            rest.append(arg)
        i += 1
    return rest, found


def show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"gdb {__version__}\n")
        raise typer.Exit()


def command_name(module_name: str) -> str:
    return module_name.rsplit(".", 1)[1]


def selected_command(args: Sequence[str]) -> str | None:
    """The sub-command these arguments run (None for `gdb --help`, `gdb --version` …).

    For a shell-completion request the words come from the completion environment.
    """
    words: Sequence[str] = args
    for variable in ("COMP_WORDS", "_TYPER_COMPLETE_ARGS"):
        if os.environ.get("_GDB_COMPLETE") and os.environ.get(variable):
            words = completion_words(os.environ[variable])
            break
    names = {command_name(m) for m in COMMAND_MODULES}
    for word in words:
        if not word.startswith("-"):
            return word if word in names else None
    return None


def completion_words(line: str) -> list[str]:
    """The words of a completion request after the program name, global options removed.

    Bash passes `COMP_WORDS="${COMP_WORDS[*]}"` (words joined by spaces), zsh and fish pass the
    command line in `_TYPER_COMPLETE_ARGS`; Typer splits both like a shell (quotes respected),
    so the same splitter is used here.
    """
    from gdb_cli.typer_internals import split_arg_string

    words = split_arg_string(line)[1:]
    try:
        return split_global_options(words)[0]
    except GdbError:  # `gdb --lang<TAB>`: no command yet
        return []


def build_app(selected: str | None = None) -> typer.Typer:
    """The Typer app in the active language.

    Typer prepares every parameter of every registered command when the app starts, and that
    cost grows with the number of options. So only the command that runs is registered in full;
    the others are listed by name and help text (enough for `gdb --help`). `selected=None`
    registers every command in full, `""` none (only the listing).
    """
    # A command runs (not a completion request): the root's own help is never shown.
    running = bool(selected) and not os.environ.get("_GDB_COMPLETE")
    app = typer.Typer(
        name="gdb",
        help=_("app_help"),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=not running,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    if running:
        # Global options were taken from the command line already; declaring them again would
        # only cost Typer time (it prepares every parameter at each start).
        @app.callback()
        def root_running() -> None:
            """Global options are read by `run` before Typer starts."""

    else:

        @app.callback()
        def root(
            version: Annotated[
                bool,
                typer.Option(
                    "--version", callback=show_version, is_eager=True, help=_("version_help")
                ),
            ] = False,
            lang: Annotated[str | None, typer.Option("--lang", help=_("lang_help"))] = None,
            handbook: Annotated[
                Path | None, typer.Option("--handbook", help=_("handbook_help"), metavar="FOLDER")
            ] = None,
            quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_("quiet_help"))] = False,
            verbose: Annotated[
                bool, typer.Option("--verbose", "-v", help=_("verbose_help"))
            ] = False,
        ) -> None:
            """Global options are read by `run` before Typer starts; listed here for --help."""

    for module_name in COMMAND_MODULES:
        name = command_name(module_name)
        if selected is None or name == selected:
            importlib.import_module(module_name).register(app)
        elif running:
            _register_listing(app, name, "")  # never shown while a command runs: not imported
        else:
            _register_listing(app, name, importlib.import_module(module_name)._("help"))
    return app


def _register_listing(app: typer.Typer, name: str, help_text: str) -> None:
    """A command that is only listed in `gdb --help` in this run (never invoked)."""

    @app.command(name, help=help_text)
    def listed() -> None:  # pragma: no cover - replaced by the real command when it runs
        raise GdbError(name)


def run(argv: Sequence[str] | None = None) -> int:
    """Run gdb with `argv` (without the program name); returns the exit code.

    SIGTERM is handled like Ctrl-C while gdb runs: the same clean stop (answers saved, no half
    file, no temporary file left) and the same exit code 130.
    """
    prompting.reset()
    previous = _catch_sigterm()
    try:
        return _run(argv)
    finally:
        _restore_sigterm(previous)


def _on_sigterm(signum: int, frame: object) -> None:
    # A second SIGTERM while stopping ends gdb at once (the default action).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if prompting.note_stop():
        return  # an interview runs: it stops at once, in its own code (see prompting)
    raise KeyboardInterrupt


def _catch_sigterm() -> Any:
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM
        return None


def _restore_sigterm(previous: Any) -> None:
    if previous is not None:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signal.SIGTERM, previous)


def _run(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        rest, options = split_global_options(args)
        lang_value = options.get("lang")
        if lang_value is not None and i18n.normalise(lang_value) is None:
            raise GdbError(_("bad_lang", value=lang_value))
        lang = i18n.resolve(lang_value)
        i18n.set_language(lang)
        handbook = options.get("handbook")
        settings.current = settings.Settings(
            lang=lang,
            handbook=Path(handbook) if handbook else settings.handbook_from_env(),
            verbosity=max(-1, min(1, options["verbosity"])),
        )
        completing = bool(os.environ.get("_GDB_COMPLETE"))
        if not completing:
            from gdb_cli import completion

            setup = completion.setup_request(rest)
            if setup is not None:
                return completion.run_setup(*setup)
        if not completing and (not rest or any(a in ("-h", "--help") for a in rest)):
            typer_texts.localise_panels(lang)  # imports rich: only when help is shown
        app = build_app(selected_command(rest) or _only_listing(rest))
        command = typer.main.get_command(app)
        typer_texts.localise(command, lang)
        try:
            result = command.main(args=rest, prog_name="gdb", standalone_mode=False)
        except typer.Exit as done:
            return int(done.exit_code or 0)
        except typer.Abort:
            raise KeyboardInterrupt from None
        except NoArgsIsHelpError as exc:
            # `gdb` alone: the help (written already) and, as in Click and Typer, exit code 2.
            return int(exc.exit_code)
        except UsageError as exc:
            return typer_texts.show_usage_error(exc, lang)
        except typer.TyperException as exc:
            show = getattr(exc, "show", None)
            if callable(show):
                show()
            else:
                sys.stderr.write(exc.format_message() + "\n")
            return int(exc.exit_code)
        if result == EXIT_INTERRUPTED:
            # Typer turns a KeyboardInterrupt inside a command into a silent 130 (no command
            # returns 130 itself: they raise GdbError) – say so, like any other interruption.
            raise KeyboardInterrupt
        return result if isinstance(result, int) else 0
    except GdbError as exc:
        from gdb_cli.output import error

        error(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        from gdb_cli.output import error

        error(_("interrupted"))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `gdb methods | head`): not an error for us.
        _silence_stdout()
        return 0
    except OSError as exc:  # e.g. output to a full disk (`> /dev/full`): the system's words
        from gdb_cli.output import error

        _silence_stdout()  # the final flush at exit would fail again
        error(_("io_failed", detail=exc.strerror or str(exc)))
        return EXIT_USAGE
    except Exception as exc:  # the last line of defence: never a traceback
        return _handle_unexpected(exc)


def _only_listing(args: Sequence[str]) -> str | None:
    """No command named: list the commands cheaply, unless a completion request needs them all."""
    if os.environ.get("_GDB_COMPLETE"):
        return None
    return "" if all(a.startswith("-") for a in args) else None


def _handle_unexpected(exc: Exception) -> int:
    if os.environ.get("GDB_DEBUG"):
        raise exc
    from gdb_cli.output import error

    error(_("internal", kind=type(exc).__name__, detail=str(exc)[:200]))
    return EXIT_INTERNAL


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Console-script entry point."""
    try:
        code = run()
    except KeyboardInterrupt:  # a second Ctrl-C while gdb was already stopping
        code = EXIT_INTERRUPTED
    sys.exit(code)
