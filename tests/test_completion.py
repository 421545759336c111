"""Shell completion: method ids and rule codes, answered quickly without heavy imports."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from gdb_cli import completion

HEAVY = ("questionary", "gdb_cli.pack.handbook", "gdb_cli.charter.load", "tomlkit")

# Prints which heavy modules were imported when the process ends (completion calls sys.exit).
_WATCH = textwrap.dedent(
    """
    import atexit, sys
    HEAVY = {heavy!r}
    atexit.register(lambda: sys.stderr.write(
        "IMPORTED=" + ",".join(m for m in HEAVY if m in sys.modules) + "\\n"))
    """
).format(heavy=HEAVY)

_DEMO = textwrap.dedent(
    """
    from typing import Annotated
    import typer
    from gdb_cli.completion import complete_method_id, complete_rule_code
    app = typer.Typer()

    @app.command()
    def show(
        method: Annotated[str, typer.Argument(autocompletion=complete_method_id)],
        select: Annotated[
            list[str] | None, typer.Option("--select", autocompletion=complete_rule_code)
        ] = None,
    ) -> None:
        print(method)

    app(prog_name="demo")
    """
)


def _rules_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    (pack / "rules").mkdir(parents=True)
    (pack / "methods").mkdir()
    (pack / "rules" / "_areas.toml").write_text(
        '[[areas]]\nid = "mandate"\nprefix = "MAN"\nlabel = { de = "Mandat", en = "Mandate" }\n'
        '[[areas]]\nid = "resources"\nprefix = "RES"\n'
        'label = { de = "Ressourcen", en = "Resources" }\n',
        encoding="utf-8",
    )
    (pack / "rules" / "mandate.toml").write_text(
        '[[rules]]\ncode = "MAN001"\ntitle = { de = "Mandat erteilt", en = "Mandate granted" }\n'
        '[[rules]]\ncode = "MAN002"\ntitle = { de = "Mandat gültig", en = "Mandate valid" }\n',
        encoding="utf-8",
    )
    (pack / "rules" / "resources.toml").write_text(
        '[[rules]]\ncode = "RES001"\ntitle = { de = "Budget", en = "Budget" }\n', encoding="utf-8"
    )
    (pack / "rules" / "broken.toml").write_text("[[rules]\ncode = ", encoding="utf-8")
    (pack / "methods" / "kick-off.toml").write_text(
        'id = "kick-off"\nname = { de = "Kick-Off", en = "Kick-off" }\n', encoding="utf-8"
    )
    (pack / "methods" / "_catalogue.toml").write_text("", encoding="utf-8")
    return pack


def _complete(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-c", _WATCH + script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full,
        timeout=60,
        check=False,
    )


def _imported(result: subprocess.CompletedProcess[str]) -> list[str]:
    line = next(x for x in result.stderr.splitlines() if x.startswith("IMPORTED="))
    return [m for m in line.removeprefix("IMPORTED=").split(",") if m]


def test_method_ids_are_file_stems_with_names():
    ids = dict(completion.method_ids(ROOT / "content"))
    assert len(ids) > 50 and "kick-off" in ids
    assert not [i for i in ids if i.startswith("_")]
    assert dict(completion.method_ids(ROOT / "content", "k"))["kick-off"] == "Kick-Off"
    assert [i for i, _n in completion.method_ids(ROOT / "content", "kick")] == ["kick-off"]


def test_rule_codes_and_prefixes_from_a_pack(tmp_path):
    pack = _rules_pack(tmp_path)
    assert completion.rule_codes(pack) == [
        ("MAN001", "Mandat erteilt"),
        ("MAN002", "Mandat gültig"),
        ("RES001", "Budget"),
    ]  # the broken file is skipped, not reported
    assert [p for p, _l in completion.area_prefixes(pack)] == ["MAN", "RES"]
    assert completion.rule_codes(tmp_path / "nowhere") == []


def test_rule_code_completion_handles_comma_lists(tmp_path, monkeypatch):
    monkeypatch.setenv("GDB_HANDBOOK", str(_rules_pack(tmp_path)))
    values = [v for v, _h in completion.complete_rule_code(None, "man001,ma")]
    assert values == ["man001,MAN", "man001,MAN002"]
    codes = [v for v, _h in completion.complete_rule_code_argument(None, "r")]
    assert codes == ["RES001"]


@pytest.mark.parametrize(
    ("shell", "env", "expected"),
    [
        ("bash", {"COMP_WORDS": "demo kick", "COMP_CWORD": "1"}, "kick-off"),
        ("zsh", {"_TYPER_COMPLETE_ARGS": "demo kick"}, '"kick-off":"Kick-Off"'),
        (
            "fish",
            {"_TYPER_COMPLETE_ARGS": "demo kick", "_TYPER_COMPLETE_FISH_ACTION": "get-args"},
            "kick-off\tKick-Off",
        ),
    ],
)
def test_method_completion_in_each_shell(shell, env, expected):
    result = _complete(_DEMO, {"_DEMO_COMPLETE": f"complete_{shell}", **env})
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert _imported(result) == []


def test_rule_completion_through_typer(tmp_path):
    env = {
        "_DEMO_COMPLETE": "complete_bash",
        "COMP_WORDS": "demo x --select MAN001,R",
        "COMP_CWORD": "3",
        "GDB_HANDBOOK": str(_rules_pack(tmp_path)),
    }
    result = _complete(_DEMO, env)
    assert result.stdout.split() == ["MAN001,RES", "MAN001,RES001"]


def test_real_gdb_completion_is_light():
    script = "from gdb_cli.cli import main\nmain()\n"
    env = {"_GDB_COMPLETE": "complete_bash", "COMP_WORDS": "gdb exp", "COMP_CWORD": "1"}
    result = _complete(script, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["export"]
    assert _imported(result) == []  # no questionary, no content models


_GDB = "from gdb_cli.cli import main\nmain()\n"


def _gdb_request(shell: str, line: str, **extra: str) -> dict[str, str]:
    """The environment a shell's completion script sets for `line` (cursor on the last word)."""
    env = {"_GDB_COMPLETE": f"complete_{shell}", **extra}
    if shell == "bash":  # the script passes COMP_WORDS="${COMP_WORDS[*]}"
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(line.split()) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return env


def _values(shell: str, stdout: str) -> list[str]:
    if shell == "zsh":  # _arguments '*: :(("MAN001":"title" …))'
        return [m.split('":"')[0] for m in re.findall(r'"([^"]+)"(?::"[^"]*")?', stdout)]
    return [line.split("\t")[0] for line in stdout.splitlines() if line]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("gdb methods show kick", ["kick-off"]),
        ("gdb --lang en methods show kick", ["kick-off"]),
        ("gdb methods sh", ["show"]),
        ("gdb methods --tag stake", ["stakeholders"]),
        ("gdb rules MAN00", ["MAN001", "MAN002"]),
        ("gdb check --select MA", ["MAN", "MAN001", "MAN002"]),
        ("gdb check --ignore MAN001,RE", ["MAN001,RES", "MAN001,RES001"]),
    ],
)
def test_real_gdb_completes_method_ids_and_rule_codes(tmp_path, shell, line, expected):
    pack = _rules_pack(tmp_path)
    shutil.copy(ROOT / "content" / "methods" / "_catalogue.toml", pack / "methods")
    result = _complete(_GDB, _gdb_request(shell, line, GDB_HANDBOOK=str(pack)))
    assert result.returncode == 0, result.stderr
    assert _values(shell, result.stdout) == expected, result.stdout
    assert "questionary" not in _imported(result)


def test_real_gdb_completes_bundled_method_ids():
    result = _complete(_GDB, _gdb_request("bash", "gdb methods show decision"))
    assert result.stdout.split() == ["decision-round"]
    assert _imported(result) == []


def test_bash_words_may_also_come_newline_separated():
    env = {"_GDB_COMPLETE": "complete_bash", "COMP_WORDS": "gdb\nmethods\nshow\nkick"}
    result = _complete(_GDB, {**env, "COMP_CWORD": "3"})
    assert result.stdout.split() == ["kick-off"]


@pytest.mark.parametrize(
    ("line", "command"),
    [
        ("gdb methods show kick", "methods"),
        ("gdb --lang en rules MAN", "rules"),
        ("gdb --lang=en -q check --select MA", "check"),
        ('gdb --handbook "my pack" methods', "methods"),
        ("gdb\nstatus\n", "status"),
        ("gdb exp", None),
        ("gdb --lang", None),
    ],
)
def test_completion_request_selects_the_command(monkeypatch, line, command):
    from gdb_cli import cli

    monkeypatch.setenv("_GDB_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", line)
    assert cli.selected_command([]) == command


def test_completion_module_imports_no_pydantic():
    script = (
        "import sys, gdb_cli.completion\nprint('pydantic' in sys.modules, 'rich' in sys.modules)"
    )
    result = _complete(script, {})
    assert result.stdout.strip() == "False False"


def test_install_completion_is_offered(gdb):
    result = gdb("--help")
    assert "--install-completion" in result.out and "--show-completion" in result.out


def test_handbook_option_on_the_command_line_is_used(tmp_path):
    class Ctx:
        def __init__(self, params, parent=None):
            self.params, self.parent = params, parent

    pack = _rules_pack(tmp_path)
    child = Ctx({}, Ctx({"handbook": str(pack)}))
    assert completion.pack_root(child) == pack  # type: ignore[arg-type]
    assert [v for v, _h in completion.complete_rule_code(child, "RES")] == ["RES", "RES001"]  # type: ignore[arg-type]


# --- gdb --show-completion SHELL / --install-completion SHELL ----------------------------------

_SCRIPT_MARKS = {
    "bash": "complete -o default -F _gdb_completion gdb",
    "zsh": "#compdef gdb",
    "fish": "complete --command gdb",
    "powershell": "Register-ArgumentCompleter -Native -CommandName gdb",
}


@pytest.mark.parametrize("shell", sorted(_SCRIPT_MARKS))
def test_show_completion_uses_the_shell_named(gdb, shell):
    for args in (("--show-completion", shell), (f"--show-completion={shell}",)):
        result = gdb(*args)
        assert result.code == 0, result.err
        assert _SCRIPT_MARKS[shell] in result.out
        others = [mark for name, mark in _SCRIPT_MARKS.items() if name != shell]
        assert not any(mark in result.out for mark in others)


def test_show_completion_from_a_shell_typer_cannot_serve_uses_the_shell_named():
    # Started from dash/sh: Typer would detect "sh" and refuse; the named shell wins.
    command = f"'{sys.executable}' -m gdb_cli --show-completion bash"
    result = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert _SCRIPT_MARKS["bash"] in result.stdout


@pytest.mark.parametrize(
    ("lang", "words"), [("de", "wird nicht unterstützt"), ("en", "is not supported")]
)
def test_an_unsupported_shell_is_a_usage_error_in_the_users_language(gdb, lang, words):
    for option in ("--show-completion", "--install-completion"):
        result = gdb("--lang", lang, option, "tcsh")
        assert result.code == 2
        assert result.out == ""
        assert "tcsh" in result.err and words in result.err and "bash" in result.err


def test_without_a_shell_named_the_detected_one_is_used(gdb, monkeypatch):
    from gdb_cli import typer_internals

    monkeypatch.setattr(typer_internals, "detected_shell", lambda: "fish")
    assert _SCRIPT_MARKS["fish"] in gdb("--show-completion").out
    monkeypatch.setattr(typer_internals, "detected_shell", lambda: None)
    result = gdb("--show-completion")
    assert result.code == 2 and "nicht erkennen" in result.err and "SHELL" in result.err


@pytest.mark.parametrize(("lang", "words"), [("de", "eingerichtet"), ("en", "installed")])
def test_install_completion_installs_for_the_shell_named(gdb, monkeypatch, tmp_path, lang, words):
    monkeypatch.setenv("HOME", str(tmp_path))
    result = gdb("--lang", lang, "--install-completion", "zsh")
    assert result.code == 0, result.err
    script = tmp_path / ".zfunc" / "_gdb"
    assert _SCRIPT_MARKS["zsh"] in script.read_text(encoding="utf-8")
    assert words in result.err and str(script) in result.err
    assert not (tmp_path / ".bashrc").exists()
