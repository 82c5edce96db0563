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
