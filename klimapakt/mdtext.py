"""Data as text inside Markdown, for the site's pages and for GitHub's job summary.

No Jinja or Babel here: the registry check (requirements/check.txt) imports it too.
"""

from __future__ import annotations

# Characters Markdown (with attr_list) reads as syntax inside a line: links, emphasis, code,
# raw HTML, entities, `{: onclick=…}` attribute lists, tables.
MARKDOWN_SYNTAX = frozenset("\\`*_[]()<>&\"'!|~{}#")


def markdown_text(value: str) -> str:
    """Text for a Markdown page (a macro's result inside a line): every character that HTML or
    Markdown reads as syntax becomes a character reference, so `[x](javascript:…)` stays text.
    White space becomes single spaces (as the browser shows it anyway): a line break could start
    a list or heading, trailing spaces a line break."""
    return "".join(f"&#{ord(c)};" if c in MARKDOWN_SYNTAX else c for c in " ".join(value.split()))
