"""Inline SVG charts, generated at build time: no JavaScript, nothing from elsewhere.

Each chart has a <title> and <desc> and direct value labels, so it reads without
colour; the page puts a data table beside it as the full text alternative.
"""

from __future__ import annotations

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
