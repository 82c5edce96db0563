"""SVG logos generated for the bounds of klimapakt.rules.svg_bounds: the amplification corpus and
logos at the limits (tests/rules/test_svg_bounds.py, tests/website/test_logo_rendering.py)."""

from __future__ import annotations

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def svg(body: str, head: str = "") -> str:
    return f'{head}<svg {NS} viewBox="0 0 100 100">{body}</svg>'


def amplified(levels: int, fan: int = 10, href: str = "href") -> str:
    """`levels` nested groups of `fan` uses of the level below: fan ** levels drawn squares."""
    defs = '<path id="l0" d="M0 0h1v1z"/>'
    for level in range(1, levels + 1):
        defs += f'<g id="l{level}">' + f'<use {href}="#l{level - 1}"/>' * fan + "</g>"
    return svg(f'<defs>{defs}</defs><use {href}="#l{levels}"/>')


def flat(uses: int, paths: int) -> str:
    """`uses` uses of one group of `paths` paths: no nesting, but uses × paths drawn elements."""
    group = '<g id="g">' + '<path d="M0 0h1v1z"/>' * paths + "</g>"
    return svg(f"<defs>{group}</defs>" + '<use href="#g"/>' * uses)
