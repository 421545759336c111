"""Test helpers for the rule engine: a fixture pack, patching charter data, loading from data."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import tomli_w

from gdb_cli.charter.keypaths import parse
from gdb_cli.charter.load import LoadedCharter, load_text
from gdb_cli.pack.handbook import Handbook, load_handbook

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_RULES = ROOT / "tests" / "fixtures" / "rules"
MINIMAL = ROOT / "examples" / "minimal-phase1.toml"

# `gdb init --no-input` flags for the least a new charter needs (scripted and interruption tests).
MINIMAL_ANSWERS = (
    "--set",
    "measure.title=Wasser für alle",
    "--set",
    "measure.fields_of_action=regeneratives-wirtschaften,ermoeglichende-verwaltung",
    "--set",
    "goals[0].statement=Bezirke planen gemeinsam.",
    "--set",
    "responsibility.lead.name=Kim Muster",
    "--set",
    "measure.summary=Ein offenes Dashboard.",
    "--set",
    "measure.lead_organisation=SenMVKU II C",
    "--set",
    "measure.start=2026-01-01",
    "--set",
    "measure.end=2027-12-31",
    "--set",
    "problem.challenge=Starkregen.",
    "--set",
    "problem.key_questions[0]=Was brauchen Tiefbauämter?",
)


def make_pack(folder: Path, rules: Path | None = FIXTURE_RULES) -> Path:
    """A copy of the bundled pack in `folder`, its rules replaced by those in `rules`."""
    pack = folder / "pack"
    shutil.copytree(ROOT / "content", pack)
    shutil.rmtree(pack / "rules")
    (pack / "rules").mkdir()
    if rules is not None:
        for file in rules.glob("*.toml"):
            shutil.copy(file, pack / "rules" / file.name)
    return pack


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a dotted path with [i] indices, creating missing tables and list items."""
    parts = parse(path)
    node: Any = data
    for part, following in zip(parts, [*parts[1:], None], strict=True):
        container: Any = [] if isinstance(following, int) else {}
        last = following is None
        if isinstance(part, int):
            assert isinstance(node, list), path
            while len(node) <= part:
                node.append({})
            if last:
                node[part] = value
            else:
                if not isinstance(node[part], (dict, list)):
                    node[part] = container
                node = node[part]
        else:
            assert isinstance(node, dict), path
            if last:
                node[part] = value
            else:
                if not isinstance(node.get(part), (dict, list)):
                    node[part] = container
                node = node[part]


def delete_path(data: dict[str, Any], path: str) -> None:
    parts = parse(path)
    node: Any = data
    for part in parts[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return
    last = parts[-1]
    if isinstance(last, int) and isinstance(node, list) and last < len(node):
        del node[last]
    elif isinstance(node, dict) and isinstance(last, str):
        node.pop(last, None)


def patched(data: dict[str, Any], patch: dict[str, Any] | None) -> dict[str, Any]:
    result = copy.deepcopy(data)
    for path in (patch or {}).get("delete", []):
        delete_path(result, path)
    for path, value in (patch or {}).get("set", {}).items():
        set_path(result, path, value)
    return result


def load_data(data: dict[str, Any], handbook: Handbook | None = None) -> LoadedCharter:
    """Dump data to TOML and load it like a file (so positions exist)."""
    handbook = handbook or load_handbook()
    return load_text(tomli_w.dumps(data), "charter.toml", handbook.closed_ids())
