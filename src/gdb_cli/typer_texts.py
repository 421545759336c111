"""Typer's own texts in the active language, and value placeholders a non-programmer can read.

Typer vendors click (`typer._click`, see `typer_internals`) and writes its English texts
straight into the code – the few `gettext` calls cover only some of them, and there is no
catalogue to install. So gdb sets the texts on the built command tree before it runs
(`localise`): the help option, the completion options, the usage line („Aufruf: gdb check
[OPTIONEN] [PFAD]…“) and the placeholder shown for each option's value (none for switches,
`DATEI`, `PFAD…`, `TEXT`, `ZAHL`, `[text|json|…]`).
Usage errors are written by `show_usage_error` in the same language.
"""

from __future__ import annotations

import sys
import typing
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

import typer
from typer import core as typer_core

from gdb_cli.i18n import Catalog, did_you_mean
from gdb_cli.typer_internals import click_exceptions, formatting

_ = Catalog(
    {
        "help_option": {
            "de": "Diese Hilfe anzeigen und beenden.",
            "en": "Show this help and exit.",
        },
        "install_completion": {
            "de": "Tab-Vervollständigung einrichten: für die genannte Shell (bash, zsh, fish, "
            "powershell) oder die aktuelle.",
            "en": "Install tab completion: for the shell named (bash, zsh, fish, powershell) "
            "or the current one.",
        },
        "show_completion": {
            "de": "Das Vervollständigungs-Skript für die genannte oder die aktuelle Shell "
            "anzeigen (zum Kopieren oder Anpassen).",
            "en": "Show the completion script for the shell named or the current one (to copy "
            "or adapt it).",
        },
        "usage_prefix": {"de": "Aufruf: ", "en": "Usage: "},
        "options": {"de": "[OPTIONEN]", "en": "[OPTIONS]"},
        "command_args": {"de": "BEFEHL [ARGUMENTE]…", "en": "COMMAND [ARGS]…"},
        "file": {"de": "DATEI", "en": "FILE"},
        "folder": {"de": "ORDNER", "en": "FOLDER"},
        "paths": {"de": "PFAD…", "en": "PATH…"},
        "text": {"de": "TEXT", "en": "TEXT"},
        "texts": {"de": "TEXT…", "en": "TEXT…"},
        "number": {"de": "ZAHL", "en": "NUMBER"},
        "date": {"de": "DATUM", "en": "DATE"},
        "hint": {
            "de": "Hilfe: {command} {option}",
            "en": "Help: {command} {option}",
        },
        "error": {"de": "Fehler: {message}", "en": "Error: {message}"},
        "no_such_option": {
            "de": "Unbekannte Option: {option}",
            "en": "No such option: {option}",
        },
        "needs_value": {
            "de": "Option {option} braucht einen Wert.",
            "en": "Option {option} needs a value.",
        },
        "takes_no_value": {
            "de": "Option {option} nimmt keinen Wert.",
            "en": "Option {option} does not take a value.",
        },
        "extra_args": {
            "de": "Zu viele Angaben: {args}",
            "en": "Unexpected extra arguments: {args}",
        },
        "no_command": {
            "de": "Unbekannter Befehl „{name}“.",
            "en": "No such command “{name}”.",
        },
        "missing": {
            "de": "{what} fehlt.",
            "en": "{what} is missing.",
        },
        "invalid": {
            "de": "Ungültiger Wert für {param}: {reason}",
            "en": "Invalid value for {param}: {reason}",
        },
        "not_a_choice": {
            "de": "„{value}“ ist nicht erlaubt; erlaubt: {choices}.",
            "en": "“{value}” is not allowed; allowed: {choices}.",
        },
        "not_an_int": {
            "de": "„{value}“ ist keine ganze Zahl.",
            "en": "“{value}” is not a whole number.",
        },
        "too_small": {
            "de": "„{value}“ ist zu klein (mindestens {limit}).",
            "en": "“{value}” is too small (at least {limit}).",
        },
        "too_large": {
            "de": "„{value}“ ist zu groß (höchstens {limit}).",
            "en": "“{value}” is too large (at most {limit}).",
        },
        "panel_options": {"de": "Optionen", "en": "Options"},
        "panel_arguments": {"de": "Argumente", "en": "Arguments"},
        "panel_commands": {"de": "Befehle", "en": "Commands"},
        "panel_error": {"de": "Fehler", "en": "Error"},
        "try_help": {
            "de": "Hilfe: [blue]'{command_path} {help_option}'[/]",
            "en": "Try [blue]'{command_path} {help_option}'[/] for help.",
        },
        "required": {"de": "[Pflicht]", "en": "[required]"},
        "default": {"de": "[Standard: {}]", "en": "[default: {}]"},
    }
)

# Explicit placeholders of the command modules, in German.
_GERMAN_METAVARS = {
    "DATE": "DATUM",
    "FILE": "DATEI",
    "PATH": "PFAD",
    "FOLDER": "ORDNER",
    "CODES": "CODES",
    "CODE": "CODE",
    "N": "ZAHL",
    "KEY=VALUE": "SCHLÜSSEL=WERT",
    "SECTIONS": "ABSCHNITTE",
    "FILE|URL": "DATEI|URL",
    "SEVERITY": "SCHWEREGRAD",
    "NAME": "NAME",
}
_CHOICES_UP_TO = 22  # longer choice lists are shortened (the help text names them all)


class _Argument(typer_core.TyperArgument):
    """An argument whose placeholder is its name column only (no `<list[Path]>` next to it)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        return f"{{{name}}}" if self.required else f"[{name}]"


def localise_panels(lang: str) -> None:
    """Typer's help panel titles and markers (module constants of its rich renderer).

    Imports rich, so it is called only when help is really shown.
    """
    from typer import rich_utils

    rich_utils.OPTIONS_PANEL_TITLE = _("panel_options", lang=lang)
    rich_utils.ARGUMENTS_PANEL_TITLE = _("panel_arguments", lang=lang)
    rich_utils.COMMANDS_PANEL_TITLE = _("panel_commands", lang=lang)
    rich_utils.ERRORS_PANEL_TITLE = _("panel_error", lang=lang)
    rich_utils.RICH_HELP = _("try_help", lang=lang)
    rich_utils.REQUIRED_LONG_STRING = _("required", lang=lang)
    rich_utils.DEFAULT_STRING = _("default", lang=lang)


def localise(command: Any, lang: str) -> None:
    """Set Typer's texts and the value placeholders on `command` and its sub-commands."""
    # click's usage line has no text to translate, only this default ("", "Usage: ").
    formatting.HelpFormatter.write_usage.__defaults__ = ("", _("usage_prefix", lang=lang))
    help_names = _HelpNames(getattr(command, "context_settings", {}).get("help_option_names"))
    for cmd in _walk(command):
        if getattr(cmd, "options_metavar", None):
            cmd.options_metavar = _("options", lang=lang)
        if getattr(cmd, "subcommand_metavar", None):
            cmd.subcommand_metavar = _("command_args", lang=lang)
        help_option = cmd.get_help_option(help_names)
        if help_option is not None:
            help_option.help = _("help_option", lang=lang)
            help_option.metavar = ""
        for param in cmd.params:
            if param.name in ("install_completion", "show_completion"):
                param.help = _(param.name, lang=lang)
            param.metavar = placeholder(param, lang)
            if isinstance(param, typer_core.TyperArgument):
                param.__class__ = _Argument


class _HelpNames:
    """Just enough of a click context for `Command.get_help_option`."""

    def __init__(self, names: list[str] | None) -> None:
        self.help_option_names = names or ["--help"]


def _walk(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _walk(sub)


def placeholder(param: Any, lang: str) -> str | None:
    """What stands for the value in help: nothing for switches, DATEI, PFAD…, TEXT, ZAHL, [a|b]."""
    if param.metavar is not None:
        if lang == "de":
            return _GERMAN_METAVARS.get(str(param.metavar), str(param.metavar))
        return str(param.metavar)
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    desc = param.type_descriptor
    many = param.nargs != 1 or desc.is_list
    annotation = desc.annotation
    if desc.is_list:
        annotation = next(iter(typing.get_args(annotation)), str)
    if desc.is_choice:
        return _choices([str(getattr(c, "value", c)) for c in desc.choices or ()])
    if isinstance(annotation, type) and issubclass(annotation, PurePath):
        if many:
            return _("paths", lang=lang)
        return _("folder" if desc.path_type == "directory" else "file", lang=lang)
    if annotation is int or desc.is_ranged:
        return _("number", lang=lang)
    return _("texts" if many else "text", lang=lang)


def _choices(values: list[str]) -> str:
    """`[text|json|markdown]`; a long list keeps its first values: `[text|json|sarif|…]`."""
    full = "[" + "|".join(values) + "]"
    if len(full) <= _CHOICES_UP_TO:
        return full
    shown: list[str] = []
    for value in values:
        if len("|".join([*shown, value])) + 4 > _CHOICES_UP_TO:
            break
        shown.append(value)
    return "[" + "|".join([*shown, "…"]) + "]"


# --- usage errors ------------------------------------------------------------------------------


def show_usage_error(exc: Exception, lang: str) -> int:
    """Write a click usage error in `lang` (usage line, help hint, message); returns its code."""
    ctx = getattr(exc, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                _("hint", lang=lang, command=ctx.command_path, option=ctx.help_option_names[0])
            )
        lines.append("")
    lines.append(_("error", lang=lang, message=usage_message(exc, lang)))
    sys.stderr.write("\n".join(lines) + "\n")
    return int(getattr(exc, "exit_code", 2))


def usage_message(exc: Exception, lang: str) -> str:
    """The message of a click usage error in `lang` (click's own text only as a last resort)."""
    if isinstance(exc, click_exceptions.NoSuchOption):
        text = _("no_such_option", lang=lang, option=exc.option_name)
        if exc.possibilities:
            text += "." + did_you_mean(sorted(exc.possibilities), lang)
        return text
    if isinstance(exc, click_exceptions.BadOptionUsage):
        if exc.message.endswith("does not take a value."):
            return _("takes_no_value", lang=lang, option=exc.option_name)
        return _("needs_value", lang=lang, option=exc.option_name)
    if isinstance(exc, click_exceptions.MissingParameter):
        return _("missing", lang=lang, what=_param_hint(exc))
    if isinstance(exc, click_exceptions.BadParameter):
        return _("invalid", lang=lang, param=_param_hint(exc), reason=_reason(exc, lang))
    message = exc.message if isinstance(exc, typer.TyperException) else str(exc)
    if message.startswith("Got unexpected extra argument"):
        extra = message.rpartition("(")[2].rstrip(")")
        return _("extra_args", lang=lang, args=extra)
    if message.startswith("No such command"):
        return _no_command(message, lang)
    return str(message)


def _no_command(message: str, lang: str) -> str:
    """Typer's "No such command 'chek'. Did you mean 'check', 'schema'?" in the user's language."""
    import re

    head, _sep, alternatives = message.partition(" Did you mean ")
    name = head.removeprefix("No such command").strip(" .'\"")
    text = _("no_command", lang=lang, name=name)
    return text + did_you_mean(re.findall(r"'([^']*)'", alternatives), lang)


def _param_hint(exc: Any) -> str:
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        opts = list(getattr(exc.param, "opts", []))
        if isinstance(exc.param, typer_core.TyperArgument) or not opts:
            return str(exc.param.metavar or exc.param.name).upper()
        return " / ".join(opts)
    if isinstance(hint, str):
        return hint
    return " / ".join(hint or ())


def _reason(exc: Any, lang: str) -> str:
    """Why a value was refused, from the validation error Typer raised it from."""
    cause = exc.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    if not errors:
        return str(exc.message)
    first = errors[0]
    value = first.get("input")
    kind = first.get("type", "")
    limit = first.get("ctx") or {}
    desc = getattr(exc.param, "type_descriptor", None)
    if desc is not None and desc.is_choice:
        choices = ", ".join(str(getattr(c, "value", c)) for c in desc.choices or ())
        return _("not_a_choice", lang=lang, value=value, choices=choices)
    if kind == "int_parsing":
        return _("not_an_int", lang=lang, value=value)
    if kind in ("greater_than_equal", "greater_than"):
        return _("too_small", lang=lang, value=value, limit=limit.get("ge", limit.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return _("too_large", lang=lang, value=value, limit=limit.get("le", limit.get("lt")))
    return str(exc.message)
