"""HTML held back from Markdown (klimapakt.mkdocs.deferred) comes back in its place, exactly once."""

import markdown
import pytest

from klimapakt.mkdocs import deferred

CARDS = '<ul class="kp-cards">\n<li class="kp-card" data-name="a &amp; b">A &amp; B *nicht kursiv*</li>\n</ul>'


def test_held_html_passes_markdown_unchanged_and_comes_back_in_its_place():
    page = "# Klimapartner\n\nVorher.\n" + deferred.hold(CARDS) + "Nachher.\n"
    html = markdown.markdown(page, extensions=["md_in_html", "attr_list"])
    released = deferred.release(html)
    assert CARDS in released
    assert released.index("Vorher.") < released.index(CARDS) < released.index("Nachher.")
    assert "kp-deferred" not in released


def test_each_held_html_is_released_once_and_two_do_not_mix():
    first, second = deferred.hold("<p>eins</p>"), deferred.hold("<p>zwei</p>")
    assert deferred.release(second + first) == "\n\n<p>zwei</p>\n\n\n\n<p>eins</p>\n\n"
    with pytest.raises(KeyError):  # a placeholder seen twice is a programming error, not silently empty
        deferred.release(first)


def test_page_text_cannot_name_held_html():
    deferred.hold("<p>geheim</p>")
    guessed = "<!-- kp-deferred-0000000000000000-0 -->"
    assert deferred.release(guessed) == guessed


def test_a_page_without_placeholder_is_returned_as_it_is():
    assert deferred.release("<p>Text</p>") == "<p>Text</p>"


def test_html_held_late_stays_out_until_the_search_has_read_the_page():
    """The directory's card lists: the search plugin reads the page between `release` and `release_late`."""
    page = deferred.hold(f'<ul class="kp-cards" data-search-exclude>{deferred.hold_late(CARDS)}</ul>')
    for_search = deferred.release(page)
    assert "kp-card\"" not in for_search and "kp-late-" in for_search
    shown = deferred.release_late(for_search)
    assert shown == f'\n\n<ul class="kp-cards" data-search-exclude>{CARDS}</ul>\n\n'
    assert deferred.release_late(shown) == shown


def test_the_search_index_of_a_built_directory_holds_no_card_and_the_page_every_card(demo_site, demo_registry):
    import json

    from conftest import ROOT
    from klimapakt.load import loader

    partners = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    page = (demo_site / "klimapartner/index.html").read_text(encoding="utf-8")
    assert "kp-late-" not in page and "kp-deferred-" not in page
    assert all(f'id="partner-{p.id}"' in page for p in partners)
    docs = json.loads((demo_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    directory = [d for d in docs if d["location"].startswith("klimapartner/")]
    assert directory and not any("kp-late-" in d["text"] or "kp-card" in d["text"] for d in directory)
