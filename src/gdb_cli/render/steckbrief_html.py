"""The measure profile as one self-contained HTML file.

No scripts, no external requests (inline CSS; a Content-Security-Policy forbids everything else),
semantic headings (`h1` title, `h2` sections, `h3` sub-sections), the document language in `lang`,
tables with `th scope`, a print style sheet. Every text from the charter goes through
`output.clean` (no control characters or terminal escapes) and `html.escape`. The colours are
listed in `PALETTE`; `CONTRAST_PAIRS` names every text/background pair the style sheet uses, and
`contrast_ratio` computes the WCAG 2.1 ratio (tests require ≥ 4.5).
"""

from __future__ import annotations

from html import escape

from gdb_cli.output import clean
from gdb_cli.views.steckbrief import Block, Bullets, Document, Facts, Paragraph, SubHeading, Table

PALETTE: dict[str, str] = {
    "text": "#1b1b1b",
    "muted": "#4d4d4d",
    "page": "#ffffff",
    "accent": "#0b4f8a",
    "panel": "#f1f4f8",
    "head": "#e3e9f1",
    "badge_text": "#0b3d6b",
    "badge": "#e6eef7",
    "rule": "#767676",
}

# (foreground, background) of every text the style sheet draws.
CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "page"),
    ("muted", "page"),
    ("accent", "page"),
    ("text", "panel"),
    ("text", "head"),
    ("badge_text", "badge"),
    ("accent", "panel"),
    ("rule", "page"),  # table rules are non-text, but keep them readable too (≥ 4.5 anyway)
)


def _luminance(colour: str) -> float:
    """Relative luminance of `#rrggbb` (WCAG 2.1)."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two `#rrggbb` colours, 1.0 … 21.0."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def stylesheet() -> str:
    """The inline style sheet: the palette as custom properties, then `steckbrief.css`."""
    from importlib.resources import files

    palette = " ".join(f"--{name.replace('_', '-')}: {value};" for name, value in PALETTE.items())
    rules = files("gdb_cli.render").joinpath("steckbrief.css").read_text(encoding="utf-8")
    return f":root {{ color-scheme: light; {palette} }}\n{rules.strip()}"


def _e(text: object) -> str:
    return escape(clean(text), quote=True)


def _table(block: Table) -> str:
    def cell(tag: str, index: int, text: str, scope: str = "") -> str:
        css = ' class="num"' if index in block.numeric else ""
        return f"<{tag}{scope}{css}>{_e(text)}</{tag}>"

    head = "".join(cell("th", i, c, ' scope="col"') for i, c in enumerate(block.columns))
    rows = "\n".join(
        "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
        for row in block.rows
    )
    foot = ""
    if block.footer:
        foot = (
            "<tfoot><tr>"
            + "".join(cell("td", i, c) for i, c in enumerate(block.footer))
            + "</tr></tfoot>"
        )
    short = " short" if len(block.rows) <= SHORT_TABLE else ""
    caption = f'<caption class="label">{_e(block.caption)}</caption>\n' if block.caption else ""
    return (
        f'<div class="table{short}"><table>\n{caption}<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>{foot}\n</table></div>"
    )


def _block(block: Block) -> str:
    if isinstance(block, SubHeading):
        return f"<h3>{_e(block.text)}</h3>"
    if isinstance(block, Paragraph):
        label = f'<span class="label">{_e(block.label)}:</span> ' if block.label else ""
        return f"<p>{label}{_e(block.text)}</p>"
    if isinstance(block, Facts):
        rows = "\n".join(
            f"<div><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>" for label, value in block.rows
        )
        return f"<dl>\n{rows}\n</dl>"
    if isinstance(block, Bullets):
        label = f'<p class="label">{_e(block.label)}</p>\n' if block.label else ""
        items = "\n".join(f"<li>{_e(item)}</li>" for item in block.items)
        return f"{label}<ul>\n{items}\n</ul>"
    return _table(block)


SHORT_TABLE = 12  # rows: a table this short is never split across pages when printed


def _blocks(blocks: list[Block], heading: str = "") -> str:
    """The blocks of a section; a heading is kept with its first block (and a sub-heading with
    the block after it) in one `div.keep` that is not split across pages when printed."""
    parts: list[str] = []
    pending = heading
    for block in blocks:
        html = _block(block)
        if isinstance(block, SubHeading):
            if pending:
                parts.append(pending)
            pending = html
            continue
        long_table = isinstance(block, Table) and len(block.rows) > SHORT_TABLE
        if pending and not long_table:
            parts.append(f'<div class="keep">\n{pending}\n{html}\n</div>')
            pending = ""
        elif pending:  # a long table may split; its heading stays via break-after
            parts += [pending, html]
            pending = ""
        else:
            parts.append(html)
    if pending:
        parts.append(pending)
    return "\n".join(parts)


def render_html(document: Document) -> str:
    """The whole profile as one HTML5 document (ends with a newline)."""
    lang = _e(document.lang)
    badges = "\n".join(f"<li>{_e(k)}: {_e(v)}</li>" for k, v in document.badges)
    summary = f'<p class="summary">{_e(document.summary)}</p>\n' if document.summary else ""
    toc = "\n".join(f'<li><a href="#{_e(s.key)}">{_e(s.title)}</a></li>' for s in document.sections)
    sections = "\n".join(
        f'<section id="{_e(s.key)}" aria-labelledby="h-{_e(s.key)}">\n'
        + _blocks(s.blocks, f'<h2 id="h-{_e(s.key)}">{_e(s.title)}</h2>')
        + "\n</section>"
        for s in document.sections
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="gdb">
<title>{_e(document.kind)}: {_e(document.title)}</title>
<style>
{stylesheet()}
</style>
</head>
<body>
<main>
<header>
<p class="kind">{_e(document.kind)}</p>
<h1>{_e(document.title)}</h1>
{summary}<ul class="badges">
{badges}
</ul>
</header>
<nav aria-labelledby="toc"><h2 id="toc">{_e(document.contents)}</h2>
<ol>
{toc}
</ol>
</nav>
{sections}
<footer><p>{_e(document.footer)}</p></footer>
</main>
</body>
</html>
"""
