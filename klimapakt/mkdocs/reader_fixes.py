"""Repairs to Material's blog markup for screen readers (called from theme_fixes.fix_page).

* Each post excerpt ends in a link "Weiterlesen", each in a navigation landmark of its own without a
  name: six identical link names and six unnamed landmarks on Aktuelles. The link becomes a paragraph's
  link named "Weiterlesen: <Titel>" (the title visually hidden, so the visible label stays its start).
* A blog index of one page still gets an empty pagination landmark: it is left out.
Like the other theme repairs, each is exact and matches nothing once Material changes its markup.
"""

from __future__ import annotations

import re

_EXCERPT = re.compile(r'<article class="md-post md-post--excerpt">.*?</article>', re.S)
_TITLE = re.compile(r'<h2\b[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")
_ACTION = re.compile(r'<nav class="md-post__action">\s*<a href="(?P<href>[^"]*)">\s*(?P<text>[^<]*?)\s*</a>\s*</nav>')
_EMPTY_PAGINATION = re.compile(r'<nav class="md-pagination">\s*</nav>')


def fix_blog(html: str) -> str:
    html = _EXCERPT.sub(_name_action, html)
    return _EMPTY_PAGINATION.sub("", html)


def _name_action(excerpt: re.Match) -> str:
    text = excerpt.group(0)
    title = _TITLE.search(text)
    if title is None:
        return text
    name = " ".join(_TAG.sub("", title.group(1)).split())  # already escaped HTML text from the page
    return _ACTION.sub(lambda m: (f'<p class="md-post__action"><a href="{m["href"]}">{m["text"]}'
                                  f'<span class="kp-visually-hidden">: {name}</span></a></p>'), text, count=1)
