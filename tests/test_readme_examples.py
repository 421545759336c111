"""Every `gdb …` command in the README's code blocks runs as the README says.

The commands come from the `sh` blocks (one command per line, `\\` continues a line, `> FILE`
writes standard output to FILE) and from the `run:` / `- ` lines of the CI snippets in `yaml`
blocks. Each runs in a temporary folder holding `examples/`, the example charter as `charta.toml`
(the name `gdb check` finds by default) and in a folder `chartas/`.

Expected exit code: 0, unless the line's comment ends with `(exit N)` – the code for the example
charter. A command that needs a
terminal (`gdb init` without `--no-input`, `gdb methods --pick`) must stop at once with exit
code 2 here, where there is none. The README's two main commands (quick start, tests) are run
verbatim by CI and not here.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from gdb_cli.cli import run

README = ROOT / "README.md"
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
_EXIT = re.compile(r"#.*\(exit (\d+)\)\s*$")
_YAML_COMMAND = re.compile(r"^\s*(?:- run:|-|run:)\s+(gdb\s.*)$")


@dataclass(frozen=True)
class Example:
    line: str
    args: list[str]
    stdout_to: str | None
    expected: int


def _lines(language: str, body: str) -> list[str]:
    if language == "sh":
        joined = re.sub(r"\\\n\s*", " ", body)
        return [line.strip() for line in joined.splitlines() if line.strip().startswith("gdb ")]
    if language == "yaml":
        return [m.group(1) for m in map(_YAML_COMMAND.match, body.splitlines()) if m]
    return []


def _needs_terminal(args: list[str]) -> bool:
    return (args[0] == "init" and "--no-input" not in args) or "--pick" in args


def readme_examples() -> list[Example]:
    examples = []
    for language, body in _BLOCK.findall(README.read_text(encoding="utf-8")):
        for line in _lines(language, body):
            words = shlex.split(line, comments=True)[1:]
            stdout_to = None
            if ">" in words:
                at = words.index(">")
                stdout_to, words = words[at + 1], words[:at]
            marked = _EXIT.search(line)
            expected = int(marked.group(1)) if marked else 0
            if _needs_terminal(words):
                expected = 2
            examples.append(Example(line, words, stdout_to, expected))
    return examples


EXAMPLES = readme_examples()


def test_the_readme_has_examples_of_every_command():
    commands = {e.args[0] for e in EXAMPLES if not e.args[0].startswith("-")}
    assert {"init", "check", "rules", "methods", "status", "export", "schema", "phases"} <= commands


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    example = ROOT / "examples" / "charter.example.toml"
    shutil.copy(example, tmp_path / "charta.toml")
    (tmp_path / "chartas").mkdir()
    shutil.copy(example, tmp_path / "chartas" / "regenwasser.charta.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # --install-completion writes there
    from gdb_cli import typer_internals

    monkeypatch.setattr(typer_internals, "detected_shell", lambda: "bash")
    return tmp_path


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.line for e in EXAMPLES])
def test_readme_command_runs(example: Example, folder: Path, capsys: pytest.CaptureFixture[str]):
    capsys.readouterr()
    code = run(example.args)
    out, err = capsys.readouterr()
    assert code == example.expected, f"{example.line}\nexit {code}\n{err[-2000:]}"
    assert "Traceback" not in err and "Interner Fehler" not in err
    if example.stdout_to:
        (folder / example.stdout_to).write_text(out, encoding="utf-8")


def _glob(pattern: str) -> re.Pattern[str]:
    """A Taplo `include` glob as a regular expression (`**/` any folders, `*` within a name)."""
    parts = re.split(r"(\*\*/|\*)", pattern)
    table = {"**/": "(?:.*/)?", "*": "[^/]*"}
    return re.compile("".join(table.get(part, re.escape(part)) for part in parts) + r"\Z")


def test_taplo_rule_matches_every_charter_name_gdb_and_the_hook_look_for():
    import tomllib

    from gdb_cli.charter.files import DEFAULT_NAMES

    readme = README.read_text(encoding="utf-8")
    taplo = next(b for lang, b in _BLOCK.findall(readme) if lang == "toml" and "[[rule]]" in b)
    globs = [_glob(p) for p in tomllib.loads(taplo)["rule"][0]["include"]]
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook = re.compile(re.search(r"^\s*files: '(.*)'$", hooks, re.M).group(1))  # type: ignore[union-attr]
    named = re.findall(r"`([\w.*-]+\.toml)`", readme)  # every charter file name the README shows
    names = {*DEFAULT_NAMES, *(n.replace("*", "x") for n in named if hook.search(n))}
    assert {"meine-charta.toml", "projektcharta.toml", "charter.example.toml"} <= names
    for name in names:
        for path in (name, f"massnahmen/2026/{name}"):
            assert hook.search(path), path
            assert any(g.match(path) for g in globs), f"{path} is not matched by .taplo.toml"
