"""The measure profile as Markdown: CommonMark plus GFM tables (pipe tables).

Every text from the charter is escaped, so a title like `# <b>x</b> | *y*` is shown literally:
Markdown punctuation gets a backslash, line breaks become spaces (a cell or list item stays on
one line) and a line never starts with something that would open a heading, list or quote.
Control characters and terminal escape sequences are removed (`output.clean`): the profile is
often printed to a terminal.
"""

from __future__ import annotations

import re

from gdb_cli.output import clean
from gdb_cli.views.steckbrief import Block, Bullets, Document, Facts, Paragraph, SubHeading, Table

# ASCII punctuation that can start or end Markdown/HTML syntax inside a line. CommonMark lets
# any ASCII punctuation be escaped with a backslash, so over-escaping is harmless.
_INLINE_RE = re.compile(r"([\\`*_\[\]<>#|!~&{}])")
# At the start of a line: list markers, thematic breaks, setext underlines, block quotes.
_LINE_START_RE = re.compile(r"^([-+=>]|\d+(?=[.)]))")


def escape(text: object, line_start: bool = False) -> str:
    """Plain text → Markdown that shows exactly that text, on one line.

    `line_start`: the text begins a line (or a list item), so a leading `-`, `+`, `=`, `>` or
    `1.` is escaped too.
    """
    value = " ".join(clean(text).split())
    value = _INLINE_RE.sub(r"\\\1", value)
    match = _LINE_START_RE.match(value) if line_start else None
    if match:
        if match.group(1).isdigit():  # "2026. …" would start an ordered list
            digits = match.group(1)
            value = digits + "\\" + value[len(digits) :]
        else:
            value = "\\" + value
    return value


def _table(block: Table) -> list[str]:
    def row(cells: list[str], escaped: bool = False) -> str:
        shown = (cell if escaped else escape(cell) for cell in cells)
        return "| " + " | ".join(cell or " " for cell in shown) + " |"

    align = ["---:" if i in block.numeric else "---" for i in range(len(block.columns))]
    lines = [f"**{escape(block.caption)}:**", ""] if block.caption else []
    lines += [row(block.columns), "| " + " | ".join(align) + " |"]
    lines += [row(cells) for cells in block.rows]
    if block.footer:
        lines.append(row([f"**{escape(c)}**" if c else "" for c in block.footer], escaped=True))
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, SubHeading):
        return [f"### {escape(block.text)}"]
    if isinstance(block, Paragraph):
        prefix = f"**{escape(block.label)}:** " if block.label else ""
        return [prefix + escape(block.text, line_start=not prefix)]
    if isinstance(block, Facts):
        return [f"- **{escape(label)}:** {escape(value)}" for label, value in block.rows]
    if isinstance(block, Bullets):
        lines = [f"**{escape(block.label)}:**", ""] if block.label else []
        return lines + [f"- {escape(item, line_start=True)}" for item in block.items]
    return _table(block)


def render_markdown(document: Document) -> str:
    """The whole profile as one Markdown text (ends with a newline)."""
    parts: list[list[str]] = [[f"# {escape(document.title)}"]]
    badges = " · ".join(f"**{escape(k)}:** {escape(v)}" for k, v in document.badges)
    parts.append([f"*{escape(document.kind)}* · {badges}"])
    if document.summary:
        parts.append([escape(document.summary, line_start=True)])
    for section in document.sections:
        parts.append([f"## {escape(section.title)}"])
        parts.extend(_block(block) for block in section.blocks)
    parts.append(["---"])
    parts.append([f"*{escape(document.footer)}*"])
    return "\n\n".join("\n".join(lines) for lines in parts) + "\n"
