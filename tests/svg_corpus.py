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


def drawn_per_reference(kind: str, references: int, paths: int, via_style: bool = False) -> str:
    """A pattern, mask or clip path of `paths` paths, used by `references` rects (through their
    attribute, or through a style sheet): the browser draws its content once per rect."""
    content = "".join(f'<path d="M{n % 30} {n // 30}h1v1z" fill="white"/>' for n in range(paths))
    definition = {"pattern": f'<pattern id="x" width="1" height="1">{content}</pattern>',
                  "mask": f'<mask id="x">{content}</mask>', "clipPath": f'<clipPath id="x">{content}</clipPath>'}[kind]
    attribute = {"pattern": "fill", "mask": "mask", "clipPath": "clip-path"}[kind]
    style = f"<style>rect {{ {attribute}: url(#x); }}</style>" if via_style else ""
    rect = '<rect width="30" height="30"/>' if via_style else f'<rect width="30" height="30" {attribute}="url(#x)"/>'
    return svg(f"{style}<defs>{definition}</defs>" + rect * references)
