"""Inline SVG charts, generated at build time: no JavaScript, nothing from elsewhere.

Each chart has a <title> and <desc> and direct value labels, so it reads without
colour; the page puts a data table beside it as the full text alternative.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape
from typing import Callable, Sequence

BAR_COLOUR = "#1f6b46"  # 6.6:1 on white: passes the 3:1 needed for graphics
TEXT_COLOUR = "#1a1a1a"
WIDTH, ROW_HEIGHT, LABEL_WIDTH, VALUE_WIDTH = 640, 34, 200, 110


def hbar_chart(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, float]],
               value_label: Callable[[float], str] = lambda v: f"{v:g}") -> str:
    """A horizontal bar chart: one labelled row per (label, value); reads well on phones."""
    top = max((value for _, value in rows), default=0) or 1
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW_HEIGHT * len(rows) + 8
    parts = [
        f'<svg class="kp-chart" id="{escape(chart_id)}" role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        bar = round(bar_space * value / top, 1)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 21}" text-anchor="end" fill="{TEXT_COLOUR}" font-size="15">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{bar}" height="{ROW_HEIGHT - 10}" fill="{BAR_COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + 21}" fill="{TEXT_COLOUR}" font-size="15">{escape(value_label(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# Stacked bar charts for the progress page. The label sits above its bar, so the bar
# gets the full width and a 360-unit-wide chart keeps 14-unit text near 13 px on a
# phone; the `max-width` keeps it from growing too large on a desktop.
NARROW_WIDTH, VALUE_SPACE, BAR_HEIGHT = 360, 96, 20
LABEL_SIZE, DETAIL_SIZE, LINE = 14, 13, 18
LABEL_CHARS = 44  # about what fits into 360 units at font size 14
MAX_WIDTH = "24rem"


@dataclass(frozen=True)
class Fill:
    """How one series is painted: a colour plus a pattern, so it differs without colour too."""

    name: str  # shown in the legend
    colour: str  # 3:1 or more against white, for the lines and dots as well
    pattern: str  # "solid", "hatch" or "dots"


# Three series at most on one chart; each differs in colour *and* texture, and every
# segment has a dark outline, so neighbouring segments stay apart in greyscale.
FILLS = (("solid", "#1f6b46"), ("hatch", "#1d4f91"), ("dots", "#8a3b12"))
OUTLINE = "#1a1a1a"


def fills(*names: str) -> tuple[Fill, ...]:
    """One Fill per series name, in the fixed order solid, hatched, dotted."""
    if len(names) > len(FILLS):
        raise ValueError(f"at most {len(FILLS)} series per chart, not {len(names)}")
    return tuple(Fill(name, colour, pattern) for name, (pattern, colour) in zip(names, FILLS))


@dataclass(frozen=True)
class Bar:
    """One row: a label above, a bar of one segment per series, the total at its end."""

    label: str
    values: tuple[float, ...]
    total_text: str  # printed right of the bar, e.g. "52" or "12.345 t"
    detail: str = ""  # optional line below the bar, e.g. "Klimapartner 40 · Letter of Intent 12"


def _pattern_defs(chart_id: str, series: Sequence[Fill]) -> str:
    defs = []
    for index, fill in enumerate(series):
        pid = f"{chart_id}-fill{index}"
        if fill.pattern == "hatch":
            defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                        f'<rect width="6" height="6" fill="#ffffff"></rect>'
                        f'<rect width="3" height="6" fill="{fill.colour}"></rect></pattern>')
        elif fill.pattern == "dots":
            defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
                        f'<rect width="6" height="6" fill="#ffffff"></rect>'
                        f'<circle cx="3" cy="3" r="2" fill="{fill.colour}"></circle></pattern>')
    return f"<defs>{''.join(defs)}</defs>" if defs else ""


def _paint(chart_id: str, index: int, fill: Fill) -> str:
    return fill.colour if fill.pattern == "solid" else f"url(#{chart_id}-fill{index})"


def _text(x: float, y: float, text: str, size: int = LABEL_SIZE, bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    return f'<text x="{x:g}" y="{y:g}" font-size="{size}" fill="{TEXT_COLOUR}"{weight}>{escape(text)}</text>'


def bar_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar], series: Sequence[Fill]) -> str:
    """Horizontal (stacked) bars with the label above each bar and the total after it.

    With one series it is a plain bar chart; with two or three the segments are
    stacked left to right in series order and a legend with swatches comes first.
    """
    cid = escape(chart_id)
    if any(len(bar.values) != len(series) for bar in bars):
        raise ValueError(f"{chart_id}: every bar needs one value per series ({len(series)})")
    top = max((sum(bar.values) for bar in bars), default=0) or 1
    bar_space = NARROW_WIDTH - VALUE_SPACE
    body: list[str] = []
    y = 4.0
    if len(series) > 1:  # legend: one swatch per line, so it never runs off a phone screen
        for index, fill in enumerate(series):
            body.append(f'<rect x="1" y="{y:g}" width="16" height="16" fill="{_paint(cid, index, fill)}" '
                        f'stroke="{OUTLINE}" stroke-width="1"></rect>')
            body.append(_text(24, y + 13, fill.name))
            y += 22
        y += 6
    for bar in bars:
        for line in textwrap.wrap(bar.label, LABEL_CHARS) or [""]:
            y += LINE
            body.append(_text(0, y - 4, line, bold=True))
        x = 1.0
        for index, (value, fill) in enumerate(zip(bar.values, series)):
            width = round(bar_space * value / top, 1)
            if width > 0:
                body.append(f'<rect x="{x:g}" y="{y + 2:g}" width="{width:g}" height="{BAR_HEIGHT}" '
                            f'fill="{_paint(cid, index, fill)}" stroke="{OUTLINE}" stroke-width="1"></rect>')
                x += width
        body.append(_text(x + 6, y + 2 + BAR_HEIGHT - 5, bar.total_text))
        y += BAR_HEIGHT + 4
        if bar.detail:
            y += LINE
            body.append(_text(0, y - 4, bar.detail, size=DETAIL_SIZE))
        y += 10
    height = round(y + 2)
    return (
        f'<svg class="kp-chart kp-chart--bars" id="{cid}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'viewBox="0 0 {NARROW_WIDTH} {height}" width="100%" style="max-width:{MAX_WIDTH}" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{cid}-title">{escape(title)}</title><desc id="{cid}-desc">{escape(desc)}</desc>'
        f'{_pattern_defs(cid, series)}{"".join(body)}</svg>'
    )
