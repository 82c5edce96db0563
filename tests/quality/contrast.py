"""Colour contrast (WCAG 2.1) and the colour palettes a page offers."""

from __future__ import annotations

import re


def parse_color(text: str) -> tuple[float, float, float, float]:
    text = text.strip()
    if text.startswith("#"):
        h = text[1:]
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        channels = [int(h[i:i + 2], 16) for i in range(0, len(h), 2)]
        alpha = channels[3] / 255 if len(channels) == 4 else 1.0
        return (*channels[:3], alpha)
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def _luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg) -> float:
    """WCAG 2.1 contrast ratio; a translucent foreground is blended onto the background first."""
    alpha = fg[3] if len(fg) > 3 else 1.0
    blended = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3]))
    hi, lo = sorted((_luminance(blended), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def palettes(page) -> list[dict[str, str]]:
    """The colour palettes the page offers: the one on <body> and every palette toggle option."""
    return page.evaluate(r"""() => {
      const attrs = el => ({scheme: el.getAttribute('data-md-color-scheme'),
                            primary: el.getAttribute('data-md-color-primary'),
                            accent: el.getAttribute('data-md-color-accent')});
      const all = [attrs(document.body)];
      for (const input of document.querySelectorAll('[data-md-component="palette"] input')) all.push(attrs(input));
      return all.filter((p, i) => all.findIndex(q => JSON.stringify(q) === JSON.stringify(p)) === i);
    }""")


def apply_palette(page, palette: dict[str, str]) -> None:
    page.evaluate("""p => { for (const [k, v] of Object.entries(p))
        if (v) document.body.setAttribute('data-md-color-' + k, v); }""", palette)
