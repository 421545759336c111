"""Every private Typer name gdb uses, in one place.

gdb translates the texts click writes (usage errors, the usage line) and drives Typer's shell
completion itself (`gdb --show-completion zsh`). Both need names Typer does not export: click
ships inside Typer since 0.26 (`typer._click`), and the parameter descriptions gdb reads
(`type_descriptor`) exist since 0.29. So `pyproject.toml` declares `typer>=0.29,<0.30` – the
range CI tests: `.ci/run` runs a smoke test with the lowest version (`.ci/lowest.txt`). When
Typer is upgraded, this module, `typer_texts` and that test are what to look at.
"""

from __future__ import annotations

from pathlib import Path

from typer._click import exceptions as click_exceptions
from typer._click import formatting
from typer._click.exceptions import NoArgsIsHelpError, UsageError

__all__ = [
    "NoArgsIsHelpError",
    "UsageError",
    "click_exceptions",
    "completion_script",
    "detected_shell",
    "formatting",
    "install_completion",
    "split_arg_string",
]


def split_arg_string(line: str) -> list[str]:
    """Split a command line like a shell does (quotes respected), as Typer's completion does."""
    from typer._click.shell_completion import split_arg_string as split

    return list(split(line))


def completion_script(shell: str, prog_name: str, complete_var: str) -> str:
    """Typer's completion script for `shell` (one of `completion.SHELLS`)."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=prog_name, complete_var=complete_var, shell=shell)


def install_completion(shell: str, prog_name: str, complete_var: str) -> Path:
    """Install Typer's completion script for `shell` in the user's shell set-up; its path."""
    from typer._completion_shared import install

    return install(shell=shell, prog_name=prog_name, complete_var=complete_var)[1]


def detected_shell() -> str | None:
    """The shell gdb was started from (lower case), or None when it cannot be told."""
    from typer._completion_shared import _get_shell_name

    return _get_shell_name()
