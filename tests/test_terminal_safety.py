"""A charter must not be able to rewrite the user's terminal (issue 7, robustness).

Terminal escape sequences (OSC title change, clear screen, colours), C1 controls and bidi
overrides in any text of a charter never reach stdout or stderr of the text outputs, and rich
markup in charter text is shown literally instead of being interpreted.

Two ways in: (1) one charter with the payload in *every* free-text field at once, through every
text output; (2) for *each* string value of the example on its own (closed-list values, ids and
e-mail addresses included, which then become invalid and show up inside error messages), through
`gdb check` and a command that refuses invalid charters.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from conftest import EXAMPLE
from gdb_cli.charter.keypaths import parse

PAYLOAD = (
    "[bold red]x[/] [/] \x1b]0;pwned\x07 \x1b[2J\x1b[38;5;199mrot\x1b[0m \u202eevil\u202c "
    "\u2066iso\u2069 \x9b31m \x07\x08 <script>alert(1)</script>"
)
# What must never be written: ESC, the other C0 controls but tab/newline, DEL, C1 controls, the
# bidi embedding/override/isolate characters.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

AS_OF = "2026-11-30"


def _string_paths(value: Any, prefix: str = "") -> list[str]:
    """Every path (engine path syntax) to a string in `value`."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _string_paths(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _string_paths(item, f"{prefix}[{index}]")
    elif isinstance(value, str):
        found.append(prefix)
    return found


EXAMPLE_DATA = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
STRING_PATHS = _string_paths(EXAMPLE_DATA)

# Values that must stay valid for the charter to load (closed lists, ids, e-mail addresses, web
# addresses and rule codes): in the all-at-once charter the payload goes everywhere else.
_STRUCTURED = re.compile(
    r"(^measure\.(id|type)$|fields_of_action|\.values\[|\.kind$|\.status$|granted_by|\.group$"
    r"|involvement|likelihood|impact$|\.dpia$|\.source$|email|repository$|website$|^exceptions\[\d+\]\.(code|path)$"
    r"|^goals\[\d+\]\.id$)"
)
FREE_TEXT = [p for p in STRING_PATHS if not _STRUCTURED.search(p)]


def _set(data: dict[str, Any], path: str, value: str) -> None:
    parts = parse(path)
    node: Any = data
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in parse(path):
        node = node[part]
    return node


def _write(tmp_path: Path, data: dict[str, Any], name: str = "charta.toml") -> Path:
    path = tmp_path / name
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


# gdb's own colours on a terminal (SGR sequences); the payload's colour is one gdb never uses.
_OWN_SGR = re.compile(r"\x1b\[[0-9;]*m")
_PAYLOAD_SGR = "\x1b[38;5;199m"


def _assert_safe(result: Any, what: str, terminal: bool = False) -> None:
    for stream_name in ("out", "err"):
        text = getattr(result, stream_name)
        if terminal:
            assert _PAYLOAD_SGR not in text, what
            text = _OWN_SGR.sub("", text)
        bad = FORBIDDEN.search(text)
        assert bad is None, (
            f"{what}: {bad.group()!r} reached {stream_name} at {bad.start()}: "
            f"{text[max(0, bad.start() - 80) : bad.start() + 40]!r}"
        )
    assert "pwned" not in result.out + result.err, what  # the OSC payload is dropped whole
    assert "Traceback" not in result.err, what
    assert result.code in (0, 1, 2), (what, result.code, result.err[-500:])


def test_the_corpus_covers_the_example() -> None:
    assert len(STRING_PATHS) > 50
    assert "measure.title" in FREE_TEXT and "measure.id" not in FREE_TEXT
    assert any(p.startswith("risks[") for p in FREE_TEXT)


@pytest.fixture(scope="module")
def hostile_everywhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    for path in FREE_TEXT:
        _set(data, path, f"{_get(data, path)} {PAYLOAD}")
    return _write(tmp_path_factory.mktemp("hostile"), data)


TEXT_COMMANDS = [
    ("check", "{file}", "--as-of", AS_OF),
    ("check", "-f", "github", "{file}", "--as-of", AS_OF),
    ("check", "-f", "markdown", "{file}", "--as-of", AS_OF),
    ("check", "--statistics", "-v", "{file}", "--as-of", AS_OF),
    ("status", "{file}", "--as-of", AS_OF),
    ("export", "{file}", "--as-of", AS_OF),
    ("export", "-f", "md", "{file}", "--as-of", AS_OF),
    ("methods", "--for", "{file}"),
    ("methods", "--for", "{file}", "-f", "markdown"),
    ("phases", "--charter", "{file}"),
]


@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=lambda a: " ".join(a[:3]))
@pytest.mark.parametrize("mode", ["de", "en", "terminal"])
def test_payload_in_every_text_field(gdb, hostile_everywhere, args, mode, monkeypatch) -> None:
    terminal = mode == "terminal"
    if terminal:  # stdout claims to be a terminal: rich tables, colours, the status colours
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    lang = "en" if mode == "en" else "de"
    result = gdb("--lang", lang, *(a.format(file=hostile_everywhere) for a in args))
    _assert_safe(result, " ".join(args), terminal)
    if args[0] in ("status", "export") or (terminal and args[0] == "phases"):
        assert result.code == 0, result.err
        # rich markup is not interpreted: the brackets are shown (Markdown escapes them).
        shown = _OWN_SGR.sub("", result.out).replace("\\[", "[").replace("\\]", "]")
        assert "[bold red]x" in shown


def test_rules_and_plain_listings_are_clean(gdb) -> None:
    for args in (("rules",), ("rules", "MAN001"), ("phases",), ("theses",), ("methods",)):
        result = gdb(*args)
        assert result.code == 0, args
        _assert_safe(result, " ".join(args))


@pytest.mark.parametrize("path", STRING_PATHS)
def test_payload_in_each_string_value(gdb, tmp_path, path) -> None:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    _set(data, path, PAYLOAD)
    file = _write(tmp_path, data)
    result = gdb("check", file, "--as-of", AS_OF)
    _assert_safe(result, f"check with the payload in {path}")
    result = gdb("phases", "--charter", file)  # prints the problems of an invalid charter
    _assert_safe(result, f"phases --charter with the payload in {path}")


@pytest.mark.parametrize("where", ["key", "table", "comment"])
def test_payload_in_keys_and_syntax_errors(gdb, tmp_path, where) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    escaped = PAYLOAD.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    if where == "key":  # an unknown key: its name appears in the message
        text = text.replace("[measure]\n", f'[measure]\n"{escaped}" = 1\n', 1)
    elif where == "table":
        text = text.replace("[measure]\n", f'[measure]\n["{escaped}"]\n', 1)
    else:  # raw bytes in a comment are a syntax error whose message quotes nothing harmful
        text = text.replace("[measure]\n", f"[measure]\n# {PAYLOAD}\n", 1)
    file = tmp_path / "charta.toml"
    file.write_text(text, encoding="utf-8")
    for args in (("check", file), ("check", "-f", "github", file), ("status", file)):
        result = gdb(*args)
        _assert_safe(result, f"{where}: {args[0]}")
        assert result.code in (1, 2)


def test_payload_in_the_file_name(gdb, tmp_path) -> None:
    file = tmp_path / "a\x1b]0;pwned\x07\x1b[2Jb.toml"
    file.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (
        ("check", file),
        ("check", tmp_path),
        ("status", file),
        ("check", "-f", "github", file),
    ):
        _assert_safe(gdb(*args, "--as-of", AS_OF), f"file name: {args[0]}")
