"""`gdb report --format html`: the portfolio as one self-contained, accessible HTML page.

Like the measure profile (`steckbrief_html`): no scripts, no external requests (inline CSS and a
Content-Security-Policy that forbids everything else), the document language in `lang`, tables
with `th scope`, a print style sheet for A4. Where people would rather look than read – phases,
thesis-6 readiness, money – a chart is drawn as inline SVG: a handful of rectangles and texts,
written here rather than taken from a chart library, because the libraries at hand either need
a script in the page (tooltips, interaction) or a large dependency for a few bars. Every chart is
an `<svg role="img">` with a title and description, `aria-describedby` names the table right
below it that gives the same numbers as text (the chart's alternative). Colours are never the
only carrier: every bar carries its number, every series is named in a legend and in the table.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from gdb_cli import __version__
from gdb_cli.charter.dates import format_when
from gdb_cli.numbers import format_amount, format_number
from gdb_cli.output import clean
from gdb_cli.render.steckbrief_html import stylesheet
from gdb_cli.views.report import COMPLETE, STATES, Count, Money, Portfolio, overview_counts, text

# Chart colours (fills on the white page; each ≥ 3:1 against it, WCAG 2.1 non-text contrast).
CHART_COLOURS: dict[str, str] = {
    "bar": "#0b4f8a",
    "complete": "#1a7f37",
    "missing": "#b42318",
    "not_yet_due": "#8a5a00",
    "secured": "#0b4f8a",
    "requested": "#6b3fa0",
    "planned": "#8a5a00",
    "other": "#4d4d4d",
}


_BAR_HEIGHT = 22
_GAP = 8
_LABEL_WIDTH = 230
_WIDTH = 720
_VALUE_ROOM = 110


def _report_css() -> str:
    from importlib.resources import files

    return files("gdb_cli.render").joinpath("report.css").read_text(encoding="utf-8").strip()


def _e(value: object) -> str:
    return escape(clean(value), quote=True)


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _bars(
    key: str,
    title: str,
    description: str,
    rows: list[tuple[str, list[tuple[str, float]], str]],
    series: list[tuple[str, str]],
) -> str:
    """A horizontal (stacked) bar chart: per row a label, segments (series, value) and the text
    shown after the bar; `series` = (id, label) for the legend. Returns a `<figure>` whose
    alternative is the table with id `t-{key}` (placed right after it by the caller)."""
    largest = max((sum(v for _s, v in segments) for _l, segments, _t in rows), default=0.0)
    scale = (_WIDTH - _LABEL_WIDTH - _VALUE_ROOM) / largest if largest > 0 else 0.0
    height = len(rows) * (_BAR_HEIGHT + _GAP) + _GAP
    shapes: list[str] = []
    for index, (label, segments, shown) in enumerate(rows):
        y = _GAP + index * (_BAR_HEIGHT + _GAP)
        shapes.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + _BAR_HEIGHT / 2}" text-anchor="end" '
            f'dominant-baseline="middle">{_e(_short(label))}</text>'
        )
        x = float(_LABEL_WIDTH)
        for series_id, value in segments:
            width = value * scale
            if width <= 0:
                continue
            shapes.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{_BAR_HEIGHT}" '
                f'fill="{CHART_COLOURS.get(series_id, CHART_COLOURS["bar"])}" '
                'stroke="#ffffff" stroke-width="1"/>'
            )
            x += width
        shapes.append(
            f'<text x="{x + 6:.1f}" y="{y + _BAR_HEIGHT / 2}" dominant-baseline="middle">'
            f"{_e(shown)}</text>"
        )
    legend = ""
    if len(series) > 1:
        legend = (
            '<ul class="legend" aria-hidden="true">'
            + "".join(
                f'<li><span class="swatch" style="background:{CHART_COLOURS[s]}"></span>'
                f"{_e(label)}</li>"
                for s, label in series
            )
            + "</ul>"
        )
    return (
        f'<figure class="chart" aria-labelledby="c-{key}">\n'
        f'<figcaption id="c-{key}">{_e(title)}</figcaption>\n{legend}'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}" aria-labelledby="s-{key} d-{key}" '
        f'aria-describedby="t-{key}" font-family="system-ui, sans-serif" font-size="13" '
        f'fill="#1b1b1b">\n<title id="s-{key}">{_e(title)}</title>\n'
        f'<desc id="d-{key}">{_e(description)}</desc>\n' + "\n".join(shapes) + "\n</svg>\n</figure>"
    )


def _table(
    columns: list[str],
    rows: list[list[str]],
    *,
    numeric: set[int] | None = None,
    table_id: str = "",
    raw: bool = False,
    caption: str = "",
) -> str:
    """A table; the first cell of each row is its header. `raw` cells are already HTML."""
    numeric = numeric or set()

    def css(index: int) -> str:
        return ' class="num"' if index in numeric else ""

    head = "".join(f'<th scope="col"{css(i)}>{_e(c)}</th>' for i, c in enumerate(columns))
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            content = value if raw else _e(value)
            tag = 'th scope="row"' if i == 0 else "td"
            cells.append(f"<{tag}{css(i)}>{content}</{tag.split()[0]}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    ident = f' id="{table_id}"' if table_id else ""
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return (
        f'<div class="table"><table{ident}>{cap}\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(body)
        + "\n</tbody>\n</table></div>"
    )


def _amount(value: float | None) -> str:
    return format_amount(value) if value is not None else text("unknown_amount")


def _count_table(key: str, column: str, counts: list[Count]) -> str:
    return _table(
        [text(column), text("col_count")],
        [[c.label, str(c.count)] for c in counts],
        numeric={1},
        table_id=f"t-{key}",
    )


def _money_row(label: str, money: Money, states: list[str]) -> list[str]:
    return [
        label,
        *(_amount(money.sums.get(s)) for s in states),
        _amount(money.other),
        _amount(money.known),
        format_number(money.without_amount),
    ]


def render(portfolio: Portfolio, links: dict[str, str] | None = None) -> str:
    """The whole report as one HTML5 document; `links` maps a charter file to the page of its
    profile (the `site` format)."""
    p = portfolio
    lang = p.lang
    links = links or {}

    def day(value: dt.date | str | None) -> str:
        return format_when(value, lang)

    def measure(file: str, name: str) -> str:
        href = links.get(file)
        return f'<a href="{_e(href)}">{_e(name)}</a>' if href else _e(name)

    sections: list[tuple[str, str, str]] = []  # (id, heading, body)

    # overview
    parts: list[str] = []
    phase_rows = [(c.label, [("bar", float(c.count))], str(c.count)) for c in p.by_phase]
    parts.append(
        _bars(
            "phase",
            text("by_phase"),
            "; ".join(f"{c.label}: {c.count}" for c in p.by_phase),
            phase_rows,
            [("bar", text("col_count"))],
        )
    )
    parts.append(_count_table("phase", "col_phase", p.by_phase))
    others = [
        f"<div><h3>{_e(text(key))}</h3>\n{_count_table(key, column, counts)}</div>"
        for key, column, counts in overview_counts(p)[1:]
        if counts
    ]
    parts.append('<div class="cols">\n' + "\n".join(others) + "\n</div>")
    sections.append(("overview", text("overview"), "\n".join(parts)))

    # thesis 6
    parts = []
    readiness_rows = [
        (
            area.label,
            [(s, float(p.readiness_totals[area.id][s])) for s in STATES],
            " · ".join(str(p.readiness_totals[area.id][s]) for s in STATES),
        )
        for area in p.areas
    ]
    parts.append(
        _bars(
            "readiness",
            text("readiness_totals"),
            "; ".join(
                f"{area.label}: "
                + ", ".join(f"{text(s)} {p.readiness_totals[area.id][s]}" for s in STATES)
                for area in p.areas
            ),
            readiness_rows,
            [(s, text(s)) for s in STATES],
        )
    )
    parts.append(
        _table(
            [text("col_area"), *(text(s) for s in STATES)],
            [[a.label, *(str(p.readiness_totals[a.id][s]) for s in STATES)] for a in p.areas],
            numeric={1, 2, 3},
            table_id="t-readiness",
        )
    )
    if p.rows:
        matrix = []
        for row in p.rows:
            cells = {c.area: c for c in row.cells}
            line = [measure(row.facts.file, row.name), _e(row.phase)]
            for area in p.areas:
                cell = cells.get(area.id)
                if cell is None:
                    line.append("")
                    continue
                content = f'<span class="state-{cell.state}">{_e(text(cell.state))}</span>'
                if cell.state != COMPLETE:
                    content += f'<span class="finding">{_e(cell.code)} {_e(cell.in_words)}</span>'
                line.append(content)
            matrix.append(line)
        parts.append(f"<h3>{_e(text('readiness_matrix'))}</h3>")
        parts.append(
            _table(
                [text("col_measure"), text("col_phase"), *(a.label for a in p.areas)],
                matrix,
                raw=True,
            )
        )
    sections.append(("readiness", text("readiness"), "\n".join(parts)))

    # needs attention
    parts = [
        f'<p class="lead">{_e(text("attention_note", days=p.mandate_days, stale=p.stale_days))}</p>'
    ]
    if p.attention:
        parts.append(
            _table(
                [text("col_kind"), text("col_measure"), text("col_date"), text("col_detail")],
                [
                    [_e(a.label), measure(a.file, a.measure), _e(day(a.date)), _e(a.detail)]
                    for a in p.attention
                ],
                raw=True,
            )
        )
    else:
        parts.append(f"<p>{_e(text('attention_none'))}</p>")
    sections.append(("attention", text("attention"), "\n".join(parts)))

    # money
    states = [s for s, _label in p.money_states]
    parts = [f'<p class="lead">{_e(text("money_note"))}</p>']
    series = [*p.money_states, ("other", text("col_other"))]
    money_rows = [
        (
            str(m.year) if m.year is not None else text("year_unknown"),
            [(s, m.sums.get(s) or 0.0) for s in states] + [("other", m.other or 0.0)],
            _amount(m.known),
        )
        for m in p.money_years
    ]
    parts.append(
        _bars(
            "money",
            text("money"),
            "; ".join(
                f"{label}: "
                + ", ".join(f"{name} {_amount(m.sums.get(s))}" for s, name in p.money_states)
                for label, m in (
                    (str(m.year) if m.year is not None else text("year_unknown"), m)
                    for m in p.money_years
                )
            ),
            money_rows,
            series,
        )
    )
    columns = [
        text("col_year"),
        *(label for _s, label in p.money_states),
        text("col_other"),
        text("col_known"),
        text("col_without"),
    ]
    rows = [
        _money_row(str(m.year) if m.year is not None else text("year_unknown"), m, states)
        for m in p.money_years
    ]
    rows.append(_money_row(text("total"), p.money_total, states))
    parts.append(_table(columns, rows, numeric=set(range(1, len(columns))), table_id="t-money"))
    parts.append(
        "<p>"
        + _e(
            text(
                "no_budget",
                count=p.measures_without_budget,
                without=p.measures_without_total,
                sum=_amount(p.stated_totals),
            )
        )
        + "</p>"
    )
    sections.append(("money", text("money"), "\n".join(parts)))

    # rules
    if p.rules:
        body = _table(
            [
                text("col_code"),
                text("col_rule"),
                text("col_findings"),
                text("col_open"),
                text("col_count"),
            ],
            [[r.code, r.title, str(r.findings), str(r.open), str(r.measures)] for r in p.rules],
            numeric={2, 3, 4},
        )
    else:
        body = f"<p>{_e(text('rules_none'))}</p>"
    sections.append(("rules", text("rules"), body))

    # changes
    if p.changes is not None and p.since is not None:
        if p.changes:
            body = _table(
                [text("col_measure"), text("col_date"), text("col_kind"), text("col_what")],
                [
                    [measure(c.file, c.measure), _e(day(c.date)), _e(c.label), _e(c.detail)]
                    for c in p.changes
                ],
                raw=True,
            )
        else:
            body = f"<p>{_e(text('changes_none'))}</p>"
        sections.append(("changes", text("changes", date=day(p.since)), body))

    toc = "\n".join(f'<li><a href="#{key}">{_e(title)}</a></li>' for key, title, _b in sections)
    content = "\n".join(
        f'<section id="{key}" aria-labelledby="h-{key}">\n<h2 id="h-{key}">{_e(title)}</h2>\n'
        f"{body}\n</section>"
        for key, title, body in sections
    )
    stand = text(
        "stand",
        date=day(p.as_of),
        files=p.files,
        measures=len(p.rows),
        unreadable=len(p.unreadable),
    )
    return f"""<!DOCTYPE html>
<html lang="{_e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="gdb">
<title>{_e(text("title"))} – {_e(day(p.as_of))}</title>
<style>
{stylesheet()}
{_report_css()}
</style>
</head>
<body>
<main>
<header>
<p class="kind">gdb report</p>
<h1>{_e(text("title"))}</h1>
<p class="summary">{_e(stand)}</p>
</header>
<nav aria-labelledby="toc"><h2 id="toc">{_e(text("contents"))}</h2>
<ol>
{toc}
</ol>
</nav>
{content}
<footer><p>{_e(text("generated", version=__version__))}</p></footer>
</main>
</body>
</html>
"""
