"""Editing an existing charter without losing the user's comments (`gdb init --update`).

tomli-w writes fresh files and forgets comments, so edits go through tomlkit: the file is parsed
into a style-preserving document, and only the values that differ from the new answers are
changed – keys nobody asked about, comments and formatting stay as they were. A `[[changelog]]`
entry is added for every update (at the top when the file lists the newest entry first).
An inline table whose values change is changed in place, on its line; one that gains or loses a
key becomes a normal `[table]` section.
tomlkit loses some spacing even in lines nobody changed (`date = 2026-01-01 }` becomes
`date = 2026-01-01}`), so at the end every line that still means what it meant is given back
its original bytes (`keep_unchanged_lines`): a git diff shows only real changes. tomlkit also
joins the parts of an array of tables that a file splits (`[[goals]]` … `[mandate]` … `[[goals]]`);
`restore_table_order` puts every table back where the file had it. Every new table header gets a
blank line before it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import MutableMapping
from typing import Any

import tomlkit
from tomlkit.items import AoT, InlineTable, Table

from gdb_cli.charter.keypaths import prune


def plain(value: Any) -> Any:
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value


def _same(old: Any, new: Any) -> bool:
    return bool(prune(plain(old)) == prune(new))


def _table_like(value: Any) -> bool:
    return isinstance(value, (Table, InlineTable, tomlkit.TOMLDocument))


def _as_item(value: Any) -> Any:
    """A new table (with a blank line after it) or value for tomlkit."""
    if isinstance(value, dict):
        table = tomlkit.table()
        for key, sub in value.items():
            table.add(key, _as_item(sub))
        return table
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        aot = tomlkit.aot()
        for entry in value:
            aot.append(_as_item(entry))
        return aot
    return value


def _replace(table: MutableMapping[str, Any], key: str, value: Any) -> None:
    """Set `table[key]`; an inline table stays inline (see `_sync_inline`)."""
    old = table.get(key)
    if isinstance(old, InlineTable) and isinstance(value, dict) and _same_keys(old, value):
        for name, sub in value.items():  # only values change: in place, on its line
            if not _same(old[name], sub):
                old[name] = sub
        return
    if isinstance(old, InlineTable) or (
        isinstance(value, (dict, list)) and _holds_inline(table.get(key))
    ):
        del table[key]
    table[key] = _as_item(value)


def _same_keys(old: InlineTable, new: dict[str, Any]) -> bool:
    """The same keys, each a plain value (no tables inside)."""
    return list(old.keys()) == list(new.keys()) and not any(
        isinstance(v, dict) or (isinstance(v, list) and any(isinstance(i, dict) for i in v))
        for v in new.values()
    )


def _holds_inline(value: Any) -> bool:
    return isinstance(value, InlineTable) or (
        isinstance(value, list) and any(isinstance(v, InlineTable) for v in value)
    )


def sync_table(table: MutableMapping[str, Any], new: dict[str, Any]) -> None:
    """Make `table` hold `new`, touching only what differs."""
    for key in list(table.keys()):
        if key not in new and prune(plain(table[key])) not in (None, "", [], {}):
            del table[key]
    for key, value in new.items():
        if key in table:
            old = table[key]
            if _same(old, value):
                continue
            if isinstance(value, dict) and _table_like(old) and not isinstance(old, InlineTable):
                sync_table(old, value)
                continue
            if (
                isinstance(value, list)
                and isinstance(old, AoT)
                and value
                and all(isinstance(v, dict) for v in value)
            ):
                sync_aot(old, value)
                continue
        _replace(table, key, value)


def sync_aot(aot: AoT, new: list[dict[str, Any]]) -> None:
    for index, entry in enumerate(new):
        if index < len(aot):
            if not _same(aot[index], entry):
                sync_table(aot[index], entry)
        else:
            aot.append(_as_item(entry))
    while len(aot) > len(new):
        del aot[len(aot) - 1]


def next_version(entries: list[Any]) -> str:
    """One minor version above the highest `X.Y.Z` in the changelog (1.1.0 when there is none)."""
    best = (1, 0, 0)
    for entry in entries:
        match = re.match(r"^(\d+)\.(\d+)(?:\.(\d+))?$", str(plain(entry).get("version", "")))
        if match:
            found = (int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))
            best = max(best, found)
    return f"{best[0]}.{best[1] + 1}.0"


def apply_update(text: str, new: dict[str, Any], changes: str, today: dt.date | None = None) -> str:
    """The file `text` edited to hold `new` (plain charter data), plus a changelog entry."""
    document = tomlkit.parse(text)
    current = plain(document)
    for key in list(new):
        if key == "changelog":
            continue
        if key not in current or not _same(current[key], new[key]):
            if (
                key in document
                and _table_like(document[key])
                and not isinstance(document[key], InlineTable)
                and isinstance(new[key], dict)
            ):
                sync_table(document[key], new[key])
            elif (
                key in document
                and isinstance(document[key], AoT)
                and isinstance(new[key], list)
                and new[key]
                and all(isinstance(v, dict) for v in new[key])
            ):
                sync_aot(document[key], new[key])
            else:
                _replace(document, key, new[key])
    for key in list(document.keys()):
        if key not in new and key != "changelog" and prune(plain(document[key])):
            del document[key]
    add_changelog(document, changes, today or dt.date.today())
    edited = restore_table_order(text, tomlkit.dumps(document))
    return keep_unchanged_lines(text, blank_line_before_tables(edited))


def _meaning(line: str) -> Any:
    """What a line says as TOML on its own (`key = value`, `[table]`), or the line itself."""
    import tomllib

    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return ("text", line)
    try:
        return ("toml", repr(tomllib.loads(stripped)))
    except tomllib.TOMLDecodeError:
        return ("text", line)


def keep_unchanged_lines(original: str, edited: str) -> str:
    """`edited` with every line that means the same as its counterpart in `original` (same key,
    same value, same place in the sequence of lines) given back its original bytes."""
    import difflib

    old_lines, new_lines = original.split("\n"), edited.split("\n")
    old_keys = [_meaning(line) for line in old_lines]
    new_keys = [_meaning(line) for line in new_lines]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            new_lines[j1:j2] = old_lines[i1 : i1 + (j2 - j1)]
    return "\n".join(new_lines)


_HEADER = re.compile(r"""^\s*\[\[?[^\[\],=]+\]\]?\s*(#.*)?$""")


def _header_lines(text: str) -> list[tuple[int, str, bool]]:
    """(line index, table name, is an array item) of every `[table]` / `[[array]]` header –
    only real ones, not text inside a multi-line string."""
    from gdb_cli.toml.positions import index_positions

    lines = text.split("\n")
    starts = {line - 1 for line, _column in index_positions(text).values()}
    out = []
    for index in sorted(starts):
        if index < len(lines) and _HEADER.match(lines[index]):
            header = lines[index].split("#", 1)[0].strip()
            out.append((index, header.strip("[]").strip(), header.startswith("[[")))
    return out


def _units(text: str) -> list[tuple[tuple[str, int], list[str]]]:
    """The text cut at its headers: ((name, occurrence), lines) per table or array item, the
    item's own sub-tables (`[[goals.indicators]]` after `[[goals]]`) kept with it; lines before
    the first header are the unit ("", 0). Comments above a header stay with the unit before."""
    lines = text.split("\n")
    units: list[tuple[tuple[str, int], list[str]]] = [(("", 0), [])]
    seen: dict[str, int] = {}
    headers = {index: (name, item) for index, name, item in _header_lines(text)}
    owner = ""  # the array item whose sub-tables follow
    for index, line in enumerate(lines):
        if index in headers:
            name, item = headers[index]
            if not (owner and name.startswith(owner + ".")):
                count = seen.get(name, 0)
                seen[name] = count + 1
                units.append(((name, count), []))
                owner = name if item else ""
        units[-1][1].append(line)
    return units


def _unit_meaning(lines: list[str]) -> Any:
    import tomllib

    try:
        return tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError:
        return object()  # equal to nothing


def restore_table_order(original: str, edited: str) -> str:
    """tomlkit joins the parts of an array of tables that a file splits (`[[goals]]` … `[mandate]`
    … `[[goals]]`); each table goes back to where the file had it, so a diff shows only real
    changes. A new table stays after the one it followed. `edited` is returned as it is when
    nothing moved, or when the result would not mean the same."""
    import tomllib

    try:
        before, after = _units(original), _units(edited)
    except Exception:  # a text the scanner cannot follow: leave it as it is
        return edited
    rank = {key: number for number, (key, _lines) in enumerate(before)}
    if [key for key, _ in after if key in rank] == [key for key, _ in before if key in dict(after)]:
        return edited
    final_newline = after[-1][1][-1:] == [""]
    for units in (before, after):
        if units[-1][1][-1:] == [""]:
            units[-1][1].pop()  # the text's last line break goes back at the end
    original_lines = dict(before)
    known = [number for number, (key, _lines) in enumerate(after) if key in rank]
    anchor = -1
    ordered = []
    for number, (key, lines) in enumerate(after):
        if key in rank:
            anchor = rank[key]
            if _unit_meaning(original_lines[key]) == _unit_meaning(lines):
                lines = original_lines[key]  # unchanged: its bytes as they were
            ordered.append(((anchor, 0, number), lines))
        else:  # new: after the table it follows; at the end when nothing known follows it
            place = anchor if known and number < known[-1] else len(before)
            ordered.append(((place, 1, number), lines))
    ordered.sort(key=lambda entry: entry[0])
    result = "\n".join(line for _key, lines in ordered for line in lines)
    if final_newline:
        result += "\n"
    try:
        same = tomllib.loads(result) == tomllib.loads(edited)
    except tomllib.TOMLDecodeError:
        same = False
    return result if same else edited


def blank_line_before_tables(text: str) -> str:
    """A blank line before each `[table]` / `[[table]]` header (above its comment lines)."""
    from gdb_cli.toml.positions import index_positions

    lines = text.split("\n")
    starts = {line - 1 for line, _column in index_positions(text).values()}
    headers = [i for i in sorted(starts) if i < len(lines) and _HEADER.match(lines[i])]
    for index in reversed(headers):
        above = index - 1
        while above >= 0 and lines[above].lstrip().startswith("#"):
            above -= 1
        if above >= 0 and lines[above].strip():
            lines.insert(above + 1, "")
    return "\n".join(lines)


def add_changelog(document: tomlkit.TOMLDocument, changes: str, today: dt.date) -> None:
    """A new `[[changelog]]` entry (next minor version, `today`, `changes`), newest first when
    the entries are ordered that way."""
    entry = tomlkit.table()
    existing = document.get("changelog")
    entries = list(existing) if isinstance(existing, AoT) else []
    entry.add("version", next_version(entries))
    entry.add("date", today)
    entry.add("changes", changes)
    if not isinstance(existing, AoT):
        aot = tomlkit.aot()
        aot.append(entry)
        document.add(tomlkit.nl())
        document["changelog"] = aot
        return
    dates = [plain(e).get("date") for e in entries]
    newest_first = (
        len(dates) >= 2
        and all(isinstance(d, dt.date) for d in dates)
        and all(a >= b for a, b in itertools.pairwise(dates))
    )
    if newest_first:
        entry.add(tomlkit.nl())
        existing.insert(0, entry)
    else:
        existing.append(entry)
