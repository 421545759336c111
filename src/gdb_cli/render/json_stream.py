"""Write a large JSON document piece by piece, byte for byte as `json.dumps(…, indent=2)`.

`gdb check --format json|sarif` on thousands of charters used to build the whole document –
every finding as a dict, then one string of it – before writing a byte (≈ 290 MB and ≈ 680 MB
for 10,000 charters). `write_document` takes the document with its long lists left out
(`Streamed(name)` in their place) and a function per list that yields the items: the skeleton is
dumped once, and each list is written item by item where its placeholder stood, with the
indentation `json.dumps` would have used. Only one item is ever held as a dict or a string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any, TextIO

_PLACEHOLDER = re.compile(r'"\\u0000gdb-stream:(\w+)\\u0000"')


def streamed(name: str) -> str:
    """The placeholder for the list `name` inside the skeleton."""
    return f"\x00gdb-stream:{name}\x00"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def _write_list(stream: TextIO, items: Iterable[Any], level: int) -> None:
    pad = " " * (level + 2)
    first = True
    for item in items:
        stream.write("[\n" if first else ",\n")
        stream.write(pad + _dumps(item).replace("\n", "\n" + pad))
        first = False
    stream.write("[]" if first else "\n" + " " * level + "]")


def write_document(
    stream: TextIO, skeleton: dict[str, Any], lists: dict[str, Callable[[], Iterable[Any]]]
) -> None:
    """Write `skeleton` with every `streamed(name)` replaced by the items of `lists[name]()`,
    followed by a newline."""
    text = _dumps(skeleton)
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        stream.write(text[position : match.start()])
        line_start = text.rfind("\n", 0, match.start()) + 1
        level = len(text[line_start:]) - len(text[line_start:].lstrip(" "))
        _write_list(stream, lists[match.group(1)](), level)
        position = match.end()
    stream.write(text[position:] + "\n")
