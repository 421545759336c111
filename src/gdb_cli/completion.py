"""Shell completion values: method ids and rule codes, read cheaply from the handbook pack.

Typer calls these while the shell waits for <TAB>, so this module imports only the standard
library, `typer` and small gdb modules – no pydantic, no rich, no questionary, and the content is
not validated. Method ids are the file stems in `methods/`; rule codes come from a fast `tomllib`
scan of `rules/*.toml` (files starting with `_` are metadata; `_areas.toml` gives the prefixes).
A broken file is skipped silently: completion must never print an error into the command line.

Use as `autocompletion=` on a Typer argument or option:

    method: Annotated[str, typer.Argument(autocompletion=complete_method_id)]
    select: Annotated[list[str] | None, typer.Option("--select", autocompletion=complete_rule_code)]
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from gdb_cli import settings
from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog, get_language, pick
from gdb_cli.pack.resources import resolve_root

_ = Catalog(
    {
        "installed": {
            "de": "Tab-Vervollständigung für {shell} eingerichtet: {path}\n"
            "Sie wirkt in jedem neu gestarteten Terminal.",
            "en": "Tab completion for {shell} installed: {path}\n"
            "It works in every terminal started from now on.",
        },
        "unsupported": {
            "de": "Die Shell „{shell}“ wird nicht unterstützt. Nennen Sie eine dieser: {shells} "
            "(z. B. gdb {option} bash).",
            "en": "The shell “{shell}” is not supported. Name one of these: {shells} "
            "(e.g. gdb {option} bash).",
        },
        "undetected": {
            "de": "Die Shell ließ sich nicht erkennen. Nennen Sie sie: gdb {option} SHELL "
            "({shells}).",
            "en": "The shell could not be detected. Name it: gdb {option} SHELL ({shells}).",
        },
    }
)

# The shells Typer writes completion scripts for.
SHELLS: tuple[str, ...] = ("bash", "zsh", "fish", "powershell", "pwsh")
SETUP_OPTIONS: tuple[str, ...] = ("--show-completion", "--install-completion")

# Reading a method's name needs its file; only done when few methods match the typed prefix.
_NAMES_UP_TO = 40
_NAME_RE = re.compile(r'^name\s*=\s*\{\s*de\s*=\s*"([^"]*)"\s*,\s*en\s*=\s*"([^"]*)"', re.M)


def pack_root(ctx: typer.Context | None = None) -> Path:
    """The pack folder: `--handbook` on the command line being completed, else settings/env."""
    current: Any = ctx  # a typer.Context, its parents are click contexts
    while current is not None:
        value = current.params.get("handbook")
        if value:
            return Path(value)
        current = current.parent
    chosen = settings.current.handbook or settings.handbook_from_env()
    return resolve_root(chosen)


def method_ids(root: Path, prefix: str = "") -> list[tuple[str, str]]:
    """(id, name in the active language) of every method whose id starts with `prefix`."""
    folder = root / "methods"
    try:
        stems = sorted(
            p.stem for p in folder.glob("*.toml") if not p.name.startswith("_") and p.is_file()
        )
    except OSError:
        return []
    matching = [stem for stem in stems if stem.startswith(prefix)]
    if len(matching) > _NAMES_UP_TO:
        return [(stem, "") for stem in matching]
    return [(stem, _method_name(folder / f"{stem}.toml")) for stem in matching]


def _method_name(path: Path) -> str:
    try:
        with path.open(encoding="utf-8") as stream:
            head = stream.read(2048)
    except (OSError, UnicodeDecodeError):
        return ""
    match = _NAME_RE.search(head)
    return pick({"de": match.group(1), "en": match.group(2)}) if match else ""


def rule_codes(root: Path) -> list[tuple[str, str]]:
    """(code, title in the active language) of every rule of the pack, sorted by code."""
    found: dict[str, str] = {}
    folder = root / "rules"
    try:
        files = sorted(p for p in folder.glob("*.toml") if not p.name.startswith("_"))
    except OSError:
        return []
    for path in files:
        for record in _records(path, "rules"):
            code = record.get("code")
            if isinstance(code, str) and code:
                found[code.upper()] = _text(record.get("title"))
    return sorted(found.items())


def area_prefixes(root: Path) -> list[tuple[str, str]]:
    """(prefix, area label) from `rules/_areas.toml`: `--select MAN` selects a whole area."""
    result = []
    for record in _records(root / "rules" / "_areas.toml", "areas"):
        prefix = record.get("prefix")
        if isinstance(prefix, str) and prefix:
            result.append((prefix.upper(), _text(record.get("label"))))
    return result


def _records(path: Path, key: str) -> list[dict[str, object]]:
    import tomllib  # only when completing: commands import this module for their callbacks

    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []
    records = data.get(key)
    return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []


def _text(value: object) -> str:
    if isinstance(value, dict):
        texts = {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
        return pick(texts, get_language()) if texts else ""
    return value if isinstance(value, str) else ""


# --- Typer `autocompletion=` callbacks ---------------------------------------------------------


def complete_method_id(ctx: typer.Context | None, incomplete: str) -> list[tuple[str, str]]:
    """Method ids for `gdb methods show <TAB>` (and any option that takes a method id)."""
    return method_ids(pack_root(ctx), incomplete)


def complete_rule_code(ctx: typer.Context | None, incomplete: str) -> list[tuple[str, str]]:
    """Rule codes (and area prefixes) for `gdb rules <TAB>`, `gdb check --select/--ignore <TAB>`.

    Comma-separated lists complete their last part: `MAN001,RE<TAB>` → `MAN001,RES001` ….
    """
    root = pack_root(ctx)
    done, _sep, last = incomplete.rpartition(",")
    lead = f"{done}," if _sep else ""
    wanted = last.upper()
    chosen = {part.strip().upper() for part in done.split(",")} if done else set()
    candidates = [*area_prefixes(root), *rule_codes(root)]
    return [
        (lead + code, help_text)
        for code, help_text in candidates
        if code.startswith(wanted) and code not in chosen
    ]


def tag_ids(root: Path) -> list[tuple[str, str]]:
    """(tag id, label in the active language) from `methods/_catalogue.toml`."""
    found = []
    for record in _records(root / "methods" / "_catalogue.toml", "tags"):
        tag = record.get("id")
        if isinstance(tag, str) and tag:
            found.append((tag, _text(record.get("label"))))
    return found


def complete_tag(ctx: typer.Context | None, incomplete: str) -> list[tuple[str, str]]:
    """Tag ids for `gdb methods --tag <TAB>`."""
    wanted = incomplete.lower()
    return [(tag, label) for tag, label in tag_ids(pack_root(ctx)) if tag.startswith(wanted)]


def complete_methods_query(ctx: typer.Context | None, incomplete: str) -> list[tuple[str, str]]:
    """`gdb methods <TAB>` offers `show`; `gdb methods show <TAB>` offers the method ids."""
    words = list(ctx.params.get("query") or []) if ctx is not None else []
    if words == ["show"]:
        return complete_method_id(ctx, incomplete)
    if not words and "show".startswith(incomplete):
        return [("show", "")]
    return []


def complete_rule_code_argument(
    ctx: typer.Context | None, incomplete: str
) -> list[tuple[str, str]]:
    """Rule codes only (no prefixes, no comma lists), for `gdb rules CODE`."""
    wanted = incomplete.upper()
    return [(code, text) for code, text in rule_codes(pack_root(ctx)) if code.startswith(wanted)]


# --- gdb --show-completion [SHELL] / --install-completion [SHELL] ------------------------------


def setup_request(args: list[str]) -> tuple[str, str | None] | None:
    """(option, shell named or None) when `args` ask for the completion script, else None.

    Only before the command (`gdb --show-completion zsh`), like Typer's own options; the word
    after the option, or its `=value`, names the shell. Typer itself would ignore that word and
    always use the shell it detects.
    """
    for index, arg in enumerate(args):
        option, eq, value = arg.partition("=")
        if option in SETUP_OPTIONS:
            if eq:
                return option, value
            following = args[index + 1] if index + 1 < len(args) else ""
            return option, (following if following and not following.startswith("-") else None)
        if not arg.startswith("-"):
            return None  # a command: its own options follow
    return None


def run_setup(option: str, shell: str | None, prog_name: str = "gdb") -> int:
    """Print (`--show-completion`) or install (`--install-completion`) the script for `shell`.

    Without a shell named, the shell gdb was started from; one Typer cannot serve (`sh`, `dash`,
    `tcsh` …) or none detected is a usage error that says how to name one.
    """
    import sys

    from gdb_cli import typer_internals

    shells = ", ".join(SHELLS)
    if shell is None:
        shell = typer_internals.detected_shell()
        if shell is None:
            raise GdbError(_("undetected", option=option, shells=shells))
    if shell.lower() not in SHELLS:
        raise GdbError(_("unsupported", shell=shell, shells=shells, option=option))
    shell = shell.lower()
    complete_var = "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())
    if option == "--show-completion":
        script = typer_internals.completion_script(shell, prog_name, complete_var)
        sys.stdout.write(script + "\n")
        return 0
    path = typer_internals.install_completion(shell, prog_name, complete_var)
    from gdb_cli.output import message

    message(_("installed", shell=shell, path=path))
    return 0
