"""Ready HTML that a macro puts on a page without sending it through Markdown.

A macro's result is part of the page's Markdown, so Python-Markdown parses it again: for the
directory at 5,000 partners that is 4.5 MB of finished HTML (md_in_html and MkDocs' raw-HTML
pass: about 1.7 s of the build, for output it leaves as it was). `hold` keeps the HTML and
returns a placeholder, an HTML comment that Markdown passes through as a block of its own;
`release` (hooks.on_page_content, after Markdown and before the search plugin reads the page)
puts the HTML in its place. HTML held `late` (the directory's card lists, which the search leaves
out anyway: `data-search-exclude`) is put in only after the search plugin has read the page
(`release_late`, hooks.on_page_context): Material's search parsed 3.5 MB of cards at 5,000 partners
(about 1 s) to skip them. The placeholder carries a token drawn once per process, so text on a page
cannot name held HTML.
"""

from __future__ import annotations

import itertools
import re
import secrets

from markupsafe import Markup

_TOKEN = secrets.token_hex(8)
_PLACEHOLDER = re.compile(rf"<!-- kp-deferred-{_TOKEN}-(\d+) -->")
_LATE = re.compile(rf"<!-- kp-late-{_TOKEN}-(\d+) -->")
_held: dict[int, str] = {}
_held_late: dict[int, str] = {}
_numbers = itertools.count()


def hold(html: str) -> str:
    """A placeholder for `html`, on lines of its own so that Markdown keeps it as one raw block."""
    number = next(_numbers)
    _held[number] = html
    return f"\n\n<!-- kp-deferred-{_TOKEN}-{number} -->\n\n"


def hold_late(html: str) -> Markup:
    """A placeholder inside ready HTML (no blank lines: it is never Markdown) for `release_late`."""
    number = next(_numbers)
    _held_late[number] = html
    return Markup(f"<!-- kp-late-{_TOKEN}-{number} -->")


def release(page_html: str) -> str:
    """The page's HTML with each placeholder replaced by the HTML it holds (each is used once)."""
    return _put_back(_PLACEHOLDER, _held, page_html)


def release_late(page_html: str) -> str:
    """The same for the HTML held late, once the search plugin has read the page."""
    return _put_back(_LATE, _held_late, page_html)


def _put_back(pattern: re.Pattern[str], held: dict[int, str], page_html: str) -> str:
    if pattern.search(page_html) is None:
        return page_html
    return pattern.sub(lambda match: held.pop(int(match.group(1))), page_html)
