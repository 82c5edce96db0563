"""The page types every quality gate checks, found in the built site, and the viewports."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

# Viewports of the browser checks: a phone and a desktop width, one height.
WIDTHS = (390, 1280)
HEIGHT = 900


@contextmanager
def opened_pages(browser, base_url: str):
    """`open_page(width, path, **context options)`: a page of the site at that width, closed at the end."""
    pages = []

    def open_page(width: int, path: str = "", **options):
        page = browser.new_page(viewport={"width": width, "height": HEIGHT}, **options)
        pages.append(page)
        page.goto(base_url + path)
        return page
    try:
        yield open_page
    finally:
        for page in pages:
            page.close()


# Page types the issue names, with their URL path in the built site (None: discovered).
REQUIRED_PAGES = {
    "start": "",
    "pact": "klimapakt/",
    "directory": "klimapartner/",
    "profile": None,
    "news-list": "aktuelles/",
    "news-post": None,
    "contact": "kontakt/",
    "imprint": "impressum/",
    "privacy": "datenschutz/",
    "accessibility": "barrierefreiheit/",
    "leichte-sprache": "leichte-sprache/",
    "404": "diese-seite-gibt-es-nicht/",
}
_NOT_PAGES = {"assets", "search", "partner", "aktuelles", "admin"}  # admin: the staff editor, tests of its own


def full_profile(site: Path) -> str:
    """URL path of a partner profile with everything: logo, contact, targets, measures, emissions."""
    needles = ('class="kp-profile__logo"', 'id="kontakt"', 'id="ziele"', 'id="massnahmen"', 'id="emissionen"')
    for page in sorted((site / "partner").glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        if all(n in text for n in needles):
            return f"partner/{page.parent.name}/"
    raise AssertionError("no partner profile with logo, contact, targets, measures and emissions in the build")


def news_post(site: Path) -> str:
    for page in sorted((site / "aktuelles").glob("*/index.html")):
        if page.parent.name not in {"archive", "category", "page"}:
            return f"aktuelles/{page.parent.name}/"
    raise AssertionError("no news post in the build")


@lru_cache(maxsize=None)
def page_types(site: Path) -> dict[str, str]:
    """Every page type to check: the required ones, then every other top-level page and
    one blog archive and category page, as far as the build has them (pages come and go)."""
    pages: dict[str, str] = {}
    for name, path in REQUIRED_PAGES.items():
        if name == "profile":
            path = full_profile(site)
        elif name == "news-post":
            path = news_post(site)
        elif name != "404":
            assert (site / path / "index.html").is_file(), f"page type {name!r} missing: /{path}"
        pages[name] = path
    known = set(pages.values())
    for index in sorted(site.glob("*/index.html")):
        name = index.parent.name
        if name not in _NOT_PAGES and f"{name}/" not in known:
            pages[name] = f"{name}/"
    for kind in ("archive", "category"):
        first = sorted((site / "aktuelles" / kind).glob("*/index.html"))
        if first:
            pages[f"news-{kind}"] = first[0].parent.relative_to(site).as_posix() + "/"
    return pages
