"""Repairs to Material for MkDocs' page markup, applied to every built page (hooks.on_post_page).

Material 9.x writes a few things that the Nu Html Checker reports as errors, and leaves
some pages without a skip link. Each repair is small, exact and harmless when Material
one day fixes the markup itself:

* `autocomplete="off"` on its two hidden checkbox toggles (only allowed on text-like inputs);
* `tabindex=""` on section labels in the navigation (the empty string is no integer);
* the table of contents' `<label for="__toc">` on pages outside the navigation, where
  no control with that id exists;
* no skip link on pages whose table of contents is empty (partner profiles, the 404
  page): the link to the content is added and points at the page's first heading;
* its inline SVG icons are decorative (every one sits next to a text or inside a control
  that has one) but not hidden from screen readers: they get `aria-hidden="true"`;
* the search overlay has role="dialog" but no name: it gets `aria-label="Suche"`;
* the drawer's checkbox is the menu's tab stop when JavaScript is off (docs/assets/css/keyboard.css):
  it gets the menu button's name, `aria-label="Menü"`;
* the current tab is marked only by its look: its link gets `aria-current`, "page" on the tab's own
  page, "true" on the other pages of its section (navigation.current_tab).

Each repair counts its matches: a page where one matches other than Material's markup promises (the
search dialog exactly once, the two checkbox toggles exactly twice) stops the build naming the repair,
and so does a build in which a repair never matched (`check_applied`, after the last page): then
Material changed, and the repair must be looked at again.
"""

from __future__ import annotations

import re
from collections import Counter

from mkdocs.exceptions import Abort

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
_DRAWER_TOGGLE = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
MENU_NAME = "Menü"  # as header-controls.js names its button
_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
_SIDEBAR = re.compile(r'(<div class="md-sidebar md-sidebar--(?:primary|secondary)" data-md-component="sidebar" data-md-type="(?:navigation|toc)")\s*>')
_ACTIVE_TAB = re.compile(r'(<li class="md-tabs__item md-tabs__item--active">\s*<a href="[^"]*" class="md-tabs__link")>')


# Each repair's name, and how often it matches on one page of Material's markup (min, max; None: any).
REPAIRS = {
    "checkbox-autocomplete": (2, 2),  # the drawer's and the search's hidden toggles
    "empty-tabindex": (0, None),
    "toc-label": (0, 1),
    "icon-hidden": (1, None),
    "search-dialog-name": (1, 1),
    "drawer-name": (1, 1),
    "current-tab": (0, 1),
    "skip-link": (0, 1),
    "hidden-sidebars": (2, 2),  # the 404 page's two sidebars
}
applied: Counter[str] = Counter()  # matches per repair in this build (reset by `start_build`)


def start_build() -> None:
    applied.clear()


def check_applied() -> dict[str, int]:
    """After the last page: every repair matched somewhere, else Material's markup changed."""
    missing = [name for name in REPAIRS if not applied[name]]
    if missing:
        raise Abort("Theme-Reparatur ohne Treffer im ganzen Build (Material hat sein Markup geändert; "
                    f"klimapakt/mkdocs/theme_fixes.py prüfen): {', '.join(missing)}")
    return dict(applied)


def _count(name: str, matches: int) -> None:
    low, high = REPAIRS[name]
    if matches < low or (high is not None and matches > high):
        expected = str(low) if high == low else f"{low} bis {high if high is not None else 'beliebig viele'}"
        raise Abort(f"Theme-Reparatur „{name}“ traf {matches}-mal statt {expected}-mal: Material hat sein "
                    "Markup geändert; klimapakt/mkdocs/theme_fixes.py prüfen.")
    applied[name] += matches


def _sub(name: str, pattern: re.Pattern[str], replacement: str, html: str, count: int = 0) -> str:
    html, matches = pattern.subn(replacement, html, count=count)
    _count(name, matches)
    return html


def _replace(name: str, old: str, new: str, html: str) -> str:
    _count(name, html.count(old))
    return html.replace(old, new)


def fix_page(html: str, current_tab: str | None = None) -> str:
    """The page's HTML with Material's markup errors repaired and a skip link on every page;
    `current_tab`: the aria-current value for the link of the page's tab, if it has one."""
    html = _sub("checkbox-autocomplete", _CHECKBOX_AUTOCOMPLETE, r"\1", html)
    if 'tabindex=""' in html:  # the pattern starts with \s+, so re tries it at every character: 1 ms a page
        html = _sub("empty-tabindex", _EMPTY_TABINDEX, "", html)
    if 'id="__toc"' not in html:
        html = _sub("toc-label", _TOC_LABEL, r"\1", html)
    html = _replace("icon-hidden", _ICON, _ICON[:-1] + ' aria-hidden="true">', html)
    html = _replace("search-dialog-name", _SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Suche">', html)
    html = _replace("drawer-name", _DRAWER_TOGGLE, _DRAWER_TOGGLE[:-1] + f' aria-label="{MENU_NAME}">', html)
    if current_tab:
        html = _sub("current-tab", _ACTIVE_TAB, rf'\1 aria-current="{current_tab}">', html, count=1)
    return _add_skip_link(fix_blog(html))


def hide_sidebars(html: str) -> str:
    """Both sidebars hidden, as front matter `hide: [navigation, toc]` does on a page: for the 404 page, a
    theme template without front matter or sidebar content (the drawer keeps its navigation on phones)."""
    return _sub("hidden-sidebars", _SIDEBAR, r"\1 hidden>", html)


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
    _count("skip-link", 1)
    return html[: skip.end(1)] + link + html[skip.start(2):]
