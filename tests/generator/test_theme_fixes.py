"""klimapakt.mkdocs.theme_fixes: the repairs to Material's markup, on small snippets and on a real build."""

import re

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, build_site
from klimapakt.mkdocs import theme_fixes

# What Material writes on every page: the two toggles, the search dialog, an icon.
FRAME = """<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<div class="md-search" data-md-component="search" role="dialog">
<span class="md-icon"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0"/></svg></span>
"""
PAGE = """<body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<input type="text" class="md-search__input" autocomplete="off">
<div data-md-component="skip">
      
    </div>
<div class="md-search" data-md-component="search" role="dialog">
<label class="md-nav__link" for="__nav_7" id="__nav_7_label" tabindex="">
<label class="md-nav__title" for="__toc">
<span class="md-icon"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0"/></svg></span>
<article class="md-content__inner md-typeset">
<h1>Muster GmbH</h1>
</article>
</body>"""


def test_material_markup_is_repaired():
    html = theme_fixes.fix_page(PAGE)
    assert 'id="__drawer" aria-label="Menü">' in html  # no autocomplete; named, the menu's tab stop without JavaScript
    assert 'class="md-search__input" autocomplete="off"' in html  # allowed on text inputs: kept
    assert 'tabindex=""' not in html
    assert '<label class="md-nav__title">' in html  # no control with id __toc on this page
    assert 'viewBox="0 0 24 24" aria-hidden="true">' in html
    assert 'role="dialog" aria-label="Suche">' in html


def test_a_page_without_table_of_contents_gets_a_skip_link_to_its_heading():
    html = theme_fixes.fix_page(PAGE)
    assert '<div data-md-component="skip"><a href="#inhalt" class="md-skip">Zum Inhalt</a></div>' in html
    assert '<h1 id="inhalt">Muster GmbH</h1>' in html


def test_an_existing_skip_link_and_heading_id_are_kept():
    page = PAGE.replace("<h1>", '<h1 id="muster">')
    assert 'href="#muster" class="md-skip"' in theme_fixes.fix_page(page)
    with_skip = PAGE.replace('<div data-md-component="skip">', '<div data-md-component="skip"><a href="#x" class="md-skip">Zum Inhalt</a>')
    fixed = theme_fixes.fix_page(with_skip)
    assert fixed.count("md-skip") == 1 and '<h1 id="inhalt">' not in fixed


def test_toc_label_is_kept_where_the_toc_toggle_exists():
    page = PAGE.replace("<body>", '<body><input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">')
    assert '<label class="md-nav__title" for="__toc">' in theme_fixes.fix_page(page)


TABS = FRAME + """<ul class="md-tabs__list">
<li class="md-tabs__item">
  <a href="../.." class="md-tabs__link">Startseite</a>
</li>
<li class="md-tabs__item md-tabs__item--active">
  <a href="../../klimapartner/" class="md-tabs__link">Klimapartner</a>
</li>
</ul>"""


def test_the_current_tab_gets_aria_current_with_the_value_given():
    assert theme_fixes.fix_page(TABS, "true").count('aria-current="true"') == 1
    assert '<a href="../../klimapartner/" class="md-tabs__link" aria-current="page">' in theme_fixes.fix_page(TABS, "page")
    assert "aria-current" not in theme_fixes.fix_page(TABS)  # the 404 page: no tab is current
    assert "aria-current" not in theme_fixes.fix_page(TABS.replace(" md-tabs__item--active", ""), "page")


SIDEBARS = ('<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation" >'
            '<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" data-md-type="toc" >')


def test_hide_sidebars_hides_both_as_material_does_for_front_matter_hide():
    assert theme_fixes.hide_sidebars(SIDEBARS).count('" hidden>') == 2


def test_a_repair_that_matches_other_than_material_promises_stops_the_build_naming_it():
    with pytest.raises(Abort, match="„search-dialog-name“ traf 0-mal statt 1-mal"):
        theme_fixes.fix_page(PAGE.replace('role="dialog"', 'role="search"'))
    with pytest.raises(Abort, match="„checkbox-autocomplete“ traf 1-mal statt 2-mal"):
        theme_fixes.fix_page(PAGE.replace('id="__search" autocomplete="off"', 'id="__search"'))


def test_a_build_in_which_a_repair_never_matched_stops_naming_it():
    theme_fixes.start_build()
    theme_fixes.fix_page(PAGE)
    with pytest.raises(Abort, match="ohne Treffer.*: current-tab, hidden-sidebars"):
        theme_fixes.check_applied()
    theme_fixes.fix_page(TABS, "page")
    theme_fixes.hide_sidebars(theme_fixes.fix_page(PAGE.replace("<body>", "<body>" + SIDEBARS)))
    assert set(theme_fixes.check_applied()) == set(theme_fixes.REPAIRS)


def test_every_repair_applies_on_a_real_build_of_the_site(tmp_path):
    """On Material's real markup (the installed version), not on the snippets above."""
    result = build_site(ROOT / "partners.yml", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    line = re.search(r"Theme repairs: (.*)", result.stdout + result.stderr).group(1)
    counts = dict(item.rsplit(" ", 1) for item in line.split(", "))
    assert set(counts) == set(theme_fixes.REPAIRS) and all(int(n) > 0 for n in counts.values())
