"""Every pact-level figure a page shows stands with its source: the checker behind test_figure_sources.

A pact figure is a value in kennzahlen.yml ("über 100", "157", "rund 100.000"). Wherever the built
HTML writes that number, the smallest block around it (paragraph, list item, table row, figure,
heading, term or description) must link the figure's source (`source_url`) and say when
("Stand" or a month/year), as FACTS.md demands of every figure about the pact as a whole.
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


def number_pattern(number: str) -> re.Pattern:
    """The number as a whole token: not inside "K67", "2022", "100.000" or "30. Juni"."""
    return re.compile(rf"(?<![\w.,]){re.escape(number)}(?![\w]|[.,]\d|\.\s?(?:{_MONTHS}))")


def _excluded(node: Tag, exclude: tuple[str, ...]) -> bool:
    for parent in [node, *node.parents]:
        if not isinstance(parent, Tag):
            continue
        if parent.name in SKIPPED or any(parent.css.match(selector) for selector in exclude):
            return True
    return False


def _block(node) -> Tag | None:
    return next((parent for parent in node.parents if isinstance(parent, Tag) and parent.name in BLOCKS), None)


def _links(block: Tag) -> set[str]:
    return {a.get("href", "").rstrip("/") for a in block.find_all("a")}


def unsourced(html: str, figures: list[Figure], exclude: tuple[str, ...] = DIRECTORY_COUNTS) -> list[str]:
    """One line per pact figure in `html` whose block lacks its source link or a date: „157 in <p>…“."""
    body = BeautifulSoup(html, "html.parser").body
    if body is None:
        return []
    problems = []
    patterns = [(f, number_pattern(f.number)) for f in figures]
    for text in body.find_all(string=True):
        if not isinstance(text, NavigableString) or not text.strip() or _excluded(text.parent, exclude):
            continue
        for figure, pattern in patterns:
            if not pattern.search(text):
                continue
            block = _block(text)
            context = " ".join((block or text.parent).get_text(" ").split())
            if block is None or figure.source_url.rstrip("/") not in _links(block) or not _WHEN.search(context):
                problems.append(f"{figure.number} ({figure.id}) ohne Quelle oder Stand in „{context[:160]}“")
    return problems
