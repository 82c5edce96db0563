"""Inline SVG charts, generated at build time: no JavaScript, nothing from elsewhere.

Each chart has a <title> and <desc> and direct value labels, so it reads without
colour; the page puts a data table beside it as the full text alternative.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

TEXT_COLOUR = "#1a1a1a"


# Bar charts for the progress page and the profiles. The label sits above its bar, so the
# bar gets the full width. The SVG scales with its viewBox: 360 units wide, it fills the
# 358 px a 390 px phone leaves for content, and every text is 16 units, so it renders at
# 15.9 px there and at 12.8 px in the 288 px of a 320 px screen (WCAG 1.4.10: 12 px or more).
# `max-width` keeps it from growing too large on a desktop: `.kp-chart--bars` in partners.css (a class,
# not a style attribute, which the Content Security Policy refuses).
# SVG text cannot wrap by itself, so lines are wrapped here with room to spare: with the text-spacing
# override of WCAG 1.4.12 (letter spacing 0.12 em, word spacing 0.16 em) a line still fits the width.
NARROW_WIDTH, VALUE_SPACE, BAR_HEIGHT = 360, 104, 20
TEXT_SIZE, LINE = 16, 21
LABEL_CHARS = 29  # what fits into 360 units of bold text at size 16, with the text-spacing override
DETAIL_CHARS = 33  # the same for regular text
MAX_WIDTH = "24rem"  # the value of .kp-chart--bars { max-width } in docs/assets/css/partners.css


@dataclass(frozen=True)
class Fill:
    """How one series is painted: a colour plus a pattern, so it differs without colour too."""

    name: str  # shown in the legend
    colour: str  # 3:1 or more against white, for the lines and dots as well
    pattern: str  # "solid", "hatch" or "dots"
    note: str = ""  # what the name means, in words, after it in the legend ("direkte Emissionen")


# Three series at most on one chart; each differs in colour *and* texture, and every
# segment has a dark outline, so neighbouring segments stay apart in greyscale.
FILLS = (("solid", "#1f6b46"), ("hatch", "#1d4f91"), ("dots", "#8a3b12"))
OUTLINE = "#1a1a1a"


def fill_at(index: int, name: str, note: str = "") -> Fill:
    """The fill in place `index` of FILLS: a series keeps its look on every chart (Scope 2 is always hatched)."""
    pattern, colour = FILLS[index]
    return Fill(name, colour, pattern, note)


def fills(*names: str) -> tuple[Fill, ...]:
    """One Fill per series name, in the fixed order solid, hatched, dotted."""
    if len(names) > len(FILLS):
        raise ValueError(f"at most {len(FILLS)} series per chart, not {len(names)}")
    return tuple(fill_at(index, name) for index, name in enumerate(names))


@dataclass(frozen=True)
class Bar:
    """One row: a label above, a bar of one segment per series, the total at its end."""

    label: str
    values: tuple[float, ...]
    total_text: str  # printed right of the bar, e.g. "52" or "12.345 t"
    detail: str = ""  # optional line below the bar, e.g. "Klimapartner 40 · Letter of Intent 12"


def _pattern(pid: str, fill: Fill) -> str:
    if fill.pattern == "hatch":
        return (f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                f'<rect width="6" height="6" fill="#ffffff"></rect>'
                f'<rect width="3" height="6" fill="{fill.colour}"></rect></pattern>')
    if fill.pattern == "dots":
        return (f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
                f'<rect width="6" height="6" fill="#ffffff"></rect>'
                f'<circle cx="3" cy="3" r="2" fill="{fill.colour}"></circle></pattern>')
    return ""


def _pattern_defs(prefix: str, series: Sequence[Fill]) -> str:
    defs = "".join(_pattern(f"{prefix}{index}", fill) for index, fill in enumerate(series))
    return f"<defs>{defs}</defs>" if defs else ""


def _paint(prefix: str, index: int, fill: Fill) -> str:
    return fill.colour if fill.pattern == "solid" else f"url(#{prefix}{index})"


_MARKUP_CHARACTERS = re.compile("[&<>\"']")


def _escaped(text: str) -> str:
    """`html.escape(text)`; most texts of a chart (years, tonnes) hold nothing it would change."""
    return escape(text) if _MARKUP_CHARACTERS.search(text) else text


def _text(x: float, y: float, text: str, bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    return f'<text x="{x:g}" y="{y:g}" font-size="{TEXT_SIZE}" fill="{TEXT_COLOUR}"{weight}>{_escaped(text)}</text>'


# What textwrap turns into spaces before it splits at spaces: the only white space it breaks at (a no-break
# space it keeps inside a word). Words without these and without hyphens (where it may break too), one space
# apart, it packs greedily: as many words on a line as fit.
_BREAKING_SPACE = re.compile("[\t\n\x0b\x0c\r]")
_PLAIN_WORDS = re.compile("[^\t\n\x0b\x0c\r -]+(?: [^\t\n\x0b\x0c\r -]+)*")


def _wrapped(text: str, width: int) -> list[str]:
    """`textwrap.wrap(text, width)`, without its splitting where the result is plain: a short text without tabs
    or line breaks and without white space at its ends (a year, most labels) is its one line as it is; plain
    words that each fit (a bar's detail, its values joined by no-break spaces) fill the lines greedily."""
    if not text or text[0].isspace() or text[-1].isspace():
        return textwrap.wrap(text, width)
    if len(text) <= width and not _BREAKING_SPACE.search(text):
        return [text]
    words = text.split(" ") if _PLAIN_WORDS.fullmatch(text) else []
    if not words or any(len(word) > width or word.isspace() for word in words):
        return textwrap.wrap(text, width)
    lines, line = [], words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    return [*lines, line]


def bar_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar], series: Sequence[Fill]) -> str:
    """Horizontal (stacked) bars with the label above each bar and the total after it.

    With one series it is a plain bar chart; with two or three the segments are stacked
    left to right in series order (the legend beside it: `legend`, or `chart` for both).
    """
    cid = escape(chart_id)
    if any(len(bar.values) != len(series) for bar in bars):
        raise ValueError(f"{chart_id}: every bar needs one value per series ({len(series)})")
    top = max((sum(bar.values) for bar in bars), default=0) or 1
    bar_space = NARROW_WIDTH - VALUE_SPACE
    prefix = f"{cid}-fill"
    paints = [_paint(prefix, index, fill) for index, fill in enumerate(series)]
    body: list[str] = []
    y = 4.0
    for bar in bars:
        for line in _wrapped(bar.label, LABEL_CHARS) or [""]:
            y += LINE
            body.append(_text(0, y - 4, line, bold=True))
        x = 1.0
        for value, paint in zip(bar.values, paints):
            width = round(bar_space * value / top, 1)
            if width > 0:
                body.append(f'<rect x="{x:g}" y="{y + 2:g}" width="{width:g}" height="{BAR_HEIGHT}" '
                            f'fill="{paint}" stroke="{OUTLINE}" stroke-width="1"></rect>')
                x += width
        body.append(_text(x + 6, y + 2 + BAR_HEIGHT - 5, bar.total_text))
        y += BAR_HEIGHT + 4
        for line in _wrapped(bar.detail, DETAIL_CHARS):
            y += LINE
            body.append(_text(0, y - 4, line))
        y += 10
    height = round(y + 2)
    return (
        f'<svg class="kp-chart kp-chart--bars" id="{cid}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'viewBox="0 0 {NARROW_WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{cid}-title">{escape(title)}</title><desc id="{cid}-desc">{escape(desc)}</desc>'
        f'{_pattern_defs(prefix, series)}{"".join(body)}</svg>'
    )


def _swatch(prefix: str, fill: Fill) -> str:
    """A legend's sample of one fill: the chart's colour, pattern and outline; decorative, the words carry it."""
    return (f'<svg class="kp-legend__swatch" aria-hidden="true" viewBox="0 0 18 18" width="18" height="18" '
            f'xmlns="http://www.w3.org/2000/svg">{_pattern_defs(prefix, [fill])}'
            f'<rect x="0.5" y="0.5" width="17" height="17" fill="{_paint(prefix, 0, fill)}" stroke="{OUTLINE}"></rect></svg>')


def legend(chart_id: str, series: Sequence[Fill]) -> str:
    """The legend as HTML text, so it wraps and is read like the page: a sample, the name and its meaning."""
    items = []
    for index, fill in enumerate(series):
        words = f"<strong>{escape(fill.name)}</strong>" + (f": {escape(fill.note)}" if fill.note else "")
        items.append(f"<li>{_swatch(f'{escape(chart_id)}-key{index}-', fill)} <span>{words}</span></li>")
    return f'<ul class="kp-legend" id="{escape(chart_id)}-legende" aria-label="Legende">{"".join(items)}</ul>'


def chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar], series: Sequence[Fill]) -> str:
    """A bar chart with its legend above it, in one block; a single series without a note needs no legend."""
    key = legend(chart_id, series) if len(series) > 1 or any(fill.note for fill in series) else ""
    return f'<div class="kp-chart-block">{key}{bar_chart(chart_id, title, desc, bars, series)}</div>'
