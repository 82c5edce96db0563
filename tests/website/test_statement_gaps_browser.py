"""The Erklärung zur Barrierefreiheit names each known gap while a browser still finds it.

A gap measured here and not named in the statement fails; one named that no longer exists fails too,
so the statement never claims more, or less, than the site does.
"""

from __future__ import annotations

import pytest

from quality.pages import page_types

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 740}
# The page's title, which Material shows in the header once the page is scrolled, cut off with "…".
TITLE_CUT_JS = """() => { const t = document.querySelector('.md-header__topic + .md-header__topic .md-ellipsis');
  return t ? t.scrollWidth > t.clientWidth + 1 : false; }"""
HEADER_GAP = "Lange Seitentitel in der Kopfzeile"


def statement(site) -> str:
    return " ".join((site / "barrierefreiheit/index.html").read_text(encoding="utf-8").split())


def test_a_page_title_cut_off_in_the_narrow_header_is_named_in_the_statement(browser, demo_site, demo_url):
    page = browser.new_page(viewport=NARROW)
    cut = []
    for name, path in page_types(demo_site).items():
        page.goto(demo_url + path)
        page.wait_for_load_state("load")
        if page.evaluate(TITLE_CUT_JS):
            cut.append(name)
    page.close()
    assert (HEADER_GAP in statement(demo_site)) == bool(cut), cut
