"""The built pages' tabs and sidebars (klimapakt.mkdocs.navigation): the current tab, on profiles too,
and no sidebar without something to show."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from klimapakt.vocabulary import PROFILE_DIR


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every HTML page of the build by its path (the search's and assets' folders hold none)."""
    return {path.relative_to(site).as_posix(): soup(path) for path in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def pages(demo_site) -> dict[str, BeautifulSoup]:
    return built_pages(demo_site)


def active_tabs(page: BeautifulSoup) -> list[tuple[str, str | None]]:
    return [(li.a.get_text(strip=True), li.a.get("aria-current")) for li in page.select("li.md-tabs__item--active")]


def sidebar(page: BeautifulSoup, kind: str):
    return page.select_one(f'div.md-sidebar[data-md-type="{kind}"]')


def subnavigation(page: BeautifulSoup) -> list[str]:
    """The entries Material's left sidebar shows at desktop width: those below the current tab."""
    current = page.select_one("nav.md-nav--primary > ul > li.md-nav__item--active")
    if current is None:
        return []
    return [a.get_text(strip=True) for a in current.select("a.md-nav__link")
            if a.find_parent("nav", class_="md-nav--secondary") is None]  # not the page's table of contents


def is_post(path: str) -> bool:
    """A blog post: Material hides the navigation there and shows the post's own sidebar instead."""
    return path.startswith("aktuelles/") and not path.startswith(("aktuelles/archive/", "aktuelles/category/",
                                                                   "aktuelles/page/", "aktuelles/index.html"))


def test_profiles_mark_the_directory_tab_as_their_section_not_as_the_page(pages):
    profiles = {path: page for path, page in pages.items() if path.startswith(PROFILE_DIR + "/")}
    assert len(profiles) >= 60
    for path, page in profiles.items():
        assert active_tabs(page) == [("Klimapartner", "true")], path
        # the drawer (phones) marks the directory's entry as the current one, too
        assert page.select_one("nav.md-nav--primary > ul > li.md-nav__item--active").a.get_text(strip=True) == "Klimapartner"


def test_every_tab_page_marks_its_own_tab_as_the_page(pages):
    assert active_tabs(pages["klimapartner/index.html"]) == [("Klimapartner", "page")]
    assert active_tabs(pages["fortschritt/index.html"]) == [("Fortschritt", "page")]
    assert active_tabs(pages["index.html"]) == [("Startseite", "page")]
    assert active_tabs(pages["aktuelles/index.html"]) == [("Aktuelles", "page")]
    archive = next(path for path in pages if path.startswith("aktuelles/archive/"))
    assert active_tabs(pages[archive]) == [("Aktuelles", "true")]


def test_no_page_outside_the_directory_marks_its_tab(pages):
    """MkDocs resets `active` only on the page it renders: a profile's mark must not stay on later pages."""
    for path, page in pages.items():
        if path.startswith(PROFILE_DIR + "/") or path == "klimapartner/index.html":
            continue
        assert ("Klimapartner", "true") not in active_tabs(page) and ("Klimapartner", "page") not in active_tabs(page), path
        assert len(active_tabs(page)) <= 1, path
    assert active_tabs(pages["impressum/index.html"]) == [] and active_tabs(pages["404.html"]) == []


def test_left_sidebar_is_hidden_wherever_it_would_show_no_subnavigation(pages):
    shown = []
    for path, page in pages.items():
        hidden = sidebar(page, "navigation").has_attr("hidden")
        if is_post(path):
            assert hidden, path  # Material's own choice for posts: their sidebar is md-sidebar--post
            continue
        assert hidden == (len(subnavigation(page)) < 2), (path, subnavigation(page))
        if not hidden:
            shown.append(path)
    assert "aktuelles/index.html" in shown  # the blog's section: index, archive and categories
    assert all(path.startswith("aktuelles/") for path in shown)
    for path in ("klimapakt/index.html", "fortschritt/index.html", "impressum/index.html", "404.html",
                 f"{PROFILE_DIR}/muster-0001/index.html"):
        assert sidebar(pages[path], "navigation").has_attr("hidden"), path


def test_right_sidebar_is_hidden_where_there_is_no_table_of_contents(pages):
    for path, page in pages.items():
        toc = page.select('div.md-sidebar[data-md-type="toc"] [data-md-component="toc"] > li')
        if path in ("index.html", "klimapartner/index.html"):  # hidden in the page's own front matter
            assert toc and sidebar(page, "toc").has_attr("hidden")
            continue
        assert sidebar(page, "toc").has_attr("hidden") == (not toc), path
    assert not sidebar(pages["klimapakt/index.html"], "toc").has_attr("hidden")  # it has sections: its toc stays
    assert sidebar(pages[f"{PROFILE_DIR}/muster-0001/index.html"], "toc").has_attr("hidden")  # full width


def test_the_drawer_keeps_the_navigation_where_the_sidebar_is_hidden(pages):
    """`hide: [navigation]` only applies at desktop width; on phones the same element is the menu drawer."""
    for path in ("klimapakt/index.html", f"{PROFILE_DIR}/muster-0001/index.html", "404.html"):
        links = [a.get_text(strip=True) for a in sidebar(pages[path], "navigation").select("nav.md-nav--primary > ul > li > a")]
        assert {"Startseite", "Klimapartner", "Kontakt"} <= set(links), path
