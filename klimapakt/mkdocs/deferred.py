"""Ready HTML that a macro puts on a page without sending it through Markdown.

A macro's result is part of the page's Markdown, so Python-Markdown parses it again: for the
directory at 5,000 partners that is 4.5 MB of finished HTML (md_in_html and MkDocs' raw-HTML
pass: about 1.7 s of the build, for output it leaves as it was). `hold` keeps the HTML and
returns a placeholder, an HTML comment that Markdown passes through as a block of its own;
`release` (hooks.on_page_content, after Markdown and before the search plugin reads the page)
puts the HTML in its place. The placeholder carries a token drawn once per process, so text
on a page cannot name held HTML.
"""

from __future__ import annotations

import itertools
import re
import secrets

_TOKEN = secrets.token_hex(8)
_PLACEHOLDER = re.compile(rf"<!-- kp-deferred-{_TOKEN}-(\d+) -->")
_held: dict[int, str] = {}
_numbers = itertools.count()


def hold(html: str) -> str:
    """A placeholder for `html`, on lines of its own so that Markdown keeps it as one raw block."""
    number = next(_numbers)
    _held[number] = html
    return f"\n\n<!-- kp-deferred-{_TOKEN}-{number} -->\n\n"


def release(page_html: str) -> str:
    """The page's HTML with each placeholder replaced by the HTML it holds (each is used once)."""
    if _PLACEHOLDER.search(page_html) is None:
        return page_html
    return _PLACEHOLDER.sub(lambda match: _held.pop(int(match.group(1))), page_html)
