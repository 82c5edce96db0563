"""Repairs to Material for MkDocs' page markup, applied to every built page (hooks.on_post_page).

Material 9.x writes a few things that the Nu Html Checker reports as errors, and leaves
some pages without a skip link. Each repair is small, exact and harmless when Material
one day fixes the markup itself (then the pattern simply no longer matches):

* `autocomplete="off"` on its two hidden checkbox toggles (only allowed on text-like inputs);
* `tabindex=""` on section labels in the navigation (the empty string is no integer);
* the table of contents' `<label for="__toc">` on pages outside the navigation, where
  no control with that id exists;
* no skip link on pages whose table of contents is empty (partner profiles, the 404
  page): the link to the content is added and points at the page's first heading;
* its inline SVG icons are decorative (every one sits next to a text or inside a control
  that has one) but not hidden from screen readers: they get `aria-hidden="true"`;
* the search overlay has role="dialog" but no name: it gets `aria-label="Suche"`;
* the current tab is marked only by its look: its link gets `aria-current`, "page" on the tab's own
  page, "true" on the other pages of its section (navigation.current_tab).
"""

from __future__ import annotations

import re

from .reader_fixes import fix_blog

SKIP_TEXT = "Zum Inhalt"  # Material's own German wording
SKIP_TARGET = "inhalt"

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')
_EMPTY_SKIP = re.compile(r'(<div data-md-component="skip">)\s*(</div>)')
_FIRST_H1 = re.compile(r'<h1(?P<attrs>[^>]*)>')
_ID = re.compile(r'\bid="([^"]+)"')
_ARTICLE = '<article class="md-content__inner md-typeset">'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
_SIDEBAR = re.compile(r'(<div class="md-sidebar md-sidebar--(?:primary|secondary)" data-md-component="sidebar" data-md-type="(?:navigation|toc)")\s*>')
_ACTIVE_TAB = re.compile(r'(<li class="md-tabs__item md-tabs__item--active">\s*<a href="[^"]*" class="md-tabs__link")>')


def fix_page(html: str, current_tab: str | None = None) -> str:
    """The page's HTML with Material's markup errors repaired and a skip link on every page;
    `current_tab`: the aria-current value for the link of the page's tab, if it has one."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if 'tabindex=""' in html:  # the pattern starts with \s+, so re tries it at every character: 1 ms a page
        html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    html = html.replace(_ICON, _ICON[:-1] + ' aria-hidden="true">')
    html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Suche">')
    if current_tab:
        html = _ACTIVE_TAB.sub(rf'\1 aria-current="{current_tab}">', html, count=1)
    return _add_skip_link(fix_blog(html))


def hide_sidebars(html: str) -> str:
    """Both sidebars hidden, as front matter `hide: [navigation, toc]` does on a page: for the 404 page, a
    theme template without front matter or sidebar content (the drawer keeps its navigation on phones)."""
    return _SIDEBAR.sub(r"\1 hidden>", html)


def _add_skip_link(html: str) -> str:
    skip = _EMPTY_SKIP.search(html)
    start = html.find(_ARTICLE)
    if skip is None or start < 0:
        return html
    heading = _FIRST_H1.search(html, start)
    if heading is None:
        return html
    existing = _ID.search(heading.group("attrs"))
    if existing:
        target = existing.group(1)
    else:
        target = SKIP_TARGET
        new_heading = f'<h1 id="{target}"{heading.group("attrs")}>'
        html = html[: heading.start()] + new_heading + html[heading.end():]
    link = f'<a href="#{target}" class="md-skip">{SKIP_TEXT}</a>'
    return html[: skip.end(1)] + link + html[skip.start(2):]
