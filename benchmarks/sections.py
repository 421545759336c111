"""Write one benchmark's section into a Markdown file and keep the rest of it.

Each benchmark script owns the part of `docs/benchmarks.md` between its two marker comments;
`--write` replaces only that part, so the prose and the other benchmark's figures stay.
"""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, text: str, start: str, end: str, *, first: bool = False) -> None:
    """Put `text` (which begins with `start` and ends with `end`) where the file has those
    markers; a file without them gets it at its beginning (`first`) or its end; a missing file
    is created."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    text = text.rstrip("\n")
    if start in old and end in old:
        head, rest = old.split(start, 1)
        new = head + text + rest.split(end, 1)[1]
    elif not old:
        new = text + "\n"
    elif first:
        new = text + "\n\n" + old.lstrip("\n")
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(new, encoding="utf-8")
