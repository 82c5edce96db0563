"""Where a page stands in Material's navigation: its current tab, and which sidebars have something to show.

With `navigation.tabs`, Material's left sidebar lists only what lies below the current tab. A tab that
is a single page, and every page outside the navigation (profiles, the legal pages), would get a
sidebar whose only entry is the page itself, or nothing: those pages hide it (front matter `hide`,
set here for every page instead of by hand), and the right sidebar where there is no table of contents.
Material still shows the navigation in the drawer at narrower widths, where `hide` does not apply.

Profiles are outside the navigation but belong to the directory: its tab is marked as their current
section.
"""

from __future__ import annotations

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..vocabulary import PROFILE_DIR

DIRECTORY_PAGE = "klimapartner.md"  # the profiles' section; a top-level page of the navigation


def is_profile(page: Page) -> bool:
    return page.file.src_uri.startswith(PROFILE_DIR + "/")


def hide_empty_sidebars(page: Page) -> None:
    """Add 'navigation' and 'toc' to the page's `hide` where that sidebar would have nothing to show."""
    hidden = list(page.meta.get("hide") or [])
    for sidebar, empty in (("navigation", not has_subnavigation(page)), ("toc", not toc_entries(page))):
        if empty and sidebar not in hidden:
            hidden.append(sidebar)
    if hidden:
        page.meta["hide"] = hidden


def has_subnavigation(page: Page) -> bool:
    """Whether the page's tab is a section of more than one entry (the sidebar then lists them)."""
    ancestors = list(page.ancestors)
    return bool(ancestors) and isinstance(ancestors[-1], Section) and len(ancestors[-1].children) > 1


def toc_entries(page: Page) -> list:
    """The entries Material's table of contents shows: below the page title, if the page has one."""
    toc = list(page.toc)
    if len(toc) == 1 and toc[0].level == 1:
        return list(toc[0].children)
    return toc


def mark_profile_section(page: Page, nav: Navigation) -> None:
    """While a profile is rendered, the directory counts as active, so Material marks its tab (and its
    entry in the drawer) as current. MkDocs resets `active` only on the page it renders, so this sets
    it for every page: the directory is a top-level page, whose `active` concerns no other page."""
    directory = next((p for p in nav.pages if p.file.src_uri == DIRECTORY_PAGE), None)
    if directory is not None and directory is not page:
        directory.active = is_profile(page)


def current_tab(page: Page) -> str:
    """The value of aria-current on the page's tab: "page" when the tab leads to this very page, "true"
    when the page lies elsewhere in the tab's section (a profile, a blog post)."""
    if is_profile(page):
        return "true"
    ancestors = list(page.ancestors)
    if not ancestors:  # a top-level page: its own tab, if it has one
        return "page"
    return "page" if _first_page(ancestors[-1]) is page else "true"


def _first_page(item: StructureItem) -> StructureItem:
    """The page a tab leads to: Material's tabs link a section to its first page, depth first."""
    while isinstance(item, Section) and item.children:
        item = item.children[0]
    return item
