"""Every pact-level figure a page shows stands with its source: the checker behind test_figure_sources.

A pact figure is a value in kennzahlen.yml ("über 100", "157", "rund 100.000", also written "100 000").
Wherever the built HTML writes that number, the smallest block around it (paragraph, list item, table
row, figure, heading, term or description) must link the figure's source (`source_url`) and say when:
the year the figure was reported (`year`), not just any year ("bis 2035" is a goal, not a date), as
FACTS.md demands of every figure about the pact as a whole. Where no link can stand (a meta
description, a title or aria-label, the feeds' plain text) a pact figure must not stand either.
Numbers the site counts from its own directory are not pact figures: they sit in the elements of
`DIRECTORY_COUNTS`, and partner profiles are left out by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

BLOCKS = ("p", "li", "tr", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "caption", "summary")
# What the directory counts (render/templates: coverage, figures, progress, directory): not pact figures.
DIRECTORY_COUNTS = ("[data-figure]", ".kp-directory", ".kp-directory-count", ".kp-figures--directory", ".kp-table-wrap",
                    ".kp-progress-stand", ".kp-missing", "figure.kp-figure", ".kp-sector-list")
SKIPPED = ("script", "style", "time", "noscript", "svg", "code", "pre")
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_WHEN = re.compile(rf"\bStand\b|\b(?:{_MONTHS})\s+\d{{4}}\b|\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Figure:
    """What the checker needs of a kennzahlen.yml entry."""

    id: str
    number: str  # as the site writes it, e.g. "100.000"
    source_url: str
    year: int | None = None  # the year of `as_of`: the date the block must name


_THOUSANDS = "[.\u00a0\u202f ]?"  # "100.000", "100 000" (with a space, no-break or narrow no-break space), "100000"


def number_pattern(number: str) -> re.Pattern:
    """The number as a whole token, however its thousands are separated: not inside "K67", "2022",
    "100.000" or "30. Juni"."""
    digits = _THOUSANDS.join(re.escape(group) for group in number.split("."))
    return re.compile(rf"(?<![\w.,])(?<!\d[\u00a0\u202f ]){digits}(?![\w]|[.,]\d|\.\s?(?:{_MONTHS})|[\u00a0\u202f ]\d{{3}}(?!\d))")


def _dated(context: str, figure: Figure, match: re.Match) -> bool:
    """The block names a date: the figure's own year when known (the figure's number itself does not count)."""
    rest = context[:match.start()] + " " + context[match.end():]
    if figure.year is None:
        return bool(_WHEN.search(rest))
    return re.search(rf"(?<!\d){figure.year}(?!\d)", rest) is not None


def _excluded_roots(soup: BeautifulSoup, exclude: tuple[str, ...]) -> set[int]:
    """The elements whose text is not checked, found once per page (matching each selector against every
    ancestor of every text made the check quadratic: 49 s for one built site)."""
    roots = soup.find_all(SKIPPED) + (soup.select(", ".join(exclude)) if exclude else [])
    return {id(tag) for tag in roots}


def _excluded(node: Tag, roots: set[int]) -> bool:
    return any(id(parent) in roots for parent in [node, *node.parents])


def _block(node) -> Tag | None:
    return next((parent for parent in node.parents if isinstance(parent, Tag) and parent.name in BLOCKS), None)


def _links(block: Tag) -> set[str]:
    return {a.get("href", "").rstrip("/") for a in block.find_all("a")}


def unsourced(html: str, figures: list[Figure], exclude: tuple[str, ...] = DIRECTORY_COUNTS) -> list[str]:
    """One line per pact figure in `html` whose block lacks its source link or its date, or that stands where no
    link can (a meta description, a title, aria-label or alt attribute): „157 in <p>…“."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body
    if body is None:
        return []
    patterns = [(f, number_pattern(f.number)) for f in figures]
    roots = _excluded_roots(soup, exclude)
    return _in_attributes(soup, patterns, roots) + _in_text(body, patterns, roots)


def _in_text(body: Tag, patterns, roots: set[int]) -> list[str]:
    problems = []
    for text in body.find_all(string=True):
        if not isinstance(text, NavigableString) or not text.strip() or _excluded(text.parent, roots):
            continue
        for figure, pattern in patterns:
            if not pattern.search(text):
                continue
            block = _block(text)
            context = " ".join((block or text.parent).get_text(" ").split())
            match = pattern.search(context) or pattern.search(text)
            if block is None or figure.source_url.rstrip("/") not in _links(block) or not _dated(context, figure, match):
                problems.append(f"{figure.number} ({figure.id}) ohne Quelle oder Stand in „{context[:160]}“")
    return problems


ATTRIBUTES = ("title", "aria-label", "alt")
META = ('meta[name="description"]', 'meta[property^="og:"]', 'meta[name^="twitter:"]')


def _in_attributes(soup: BeautifulSoup, patterns, roots: set[int]) -> list[str]:
    """Text no link can stand beside: the page's descriptions for search engines and social media, and the
    attributes a screen reader or tooltip reads out."""
    found = [(meta.get("name") or meta.get("property"), meta.get("content", "")) for meta in soup.select(", ".join(META))]
    for tag in soup.body.find_all(True) if soup.body else ():
        if not _excluded(tag, roots):
            found += [(attribute, tag[attribute]) for attribute in ATTRIBUTES if isinstance(tag.get(attribute), str)]
    return [f"{figure.number} ({figure.id}) in {where}, wo keine Quelle stehen kann: „{value[:160]}“"
            for where, value in found for figure, pattern in patterns if pattern.search(value)]


def figures_in(text: str, figures: list[Figure]) -> list[str]:
    """The pact figures a plain text (a feed's item) names: there no source can be linked."""
    return [f"{figure.number} ({figure.id})" for figure in figures if number_pattern(figure.number).search(text)]
