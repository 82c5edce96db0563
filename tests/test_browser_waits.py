"""The browser tests wait for what they assert (issue 26): a static check over tests/website/.

A bare `assert` on a value read from the page after a key press, a click or a navigation is a
race the browser sometimes wins and a loaded CI machine sometimes loses. helpers/browser_waits.py
finds them; here it runs over the real tests, and on small samples that show what it refuses
and what it accepts.
"""

from __future__ import annotations

import textwrap

import pytest

from conftest import ROOT
from helpers.browser_waits import findings, findings_in
from helpers.waits import until

BROWSER_TESTS = [ROOT / "tests" / "website", ROOT / "tests" / "quality"]


def test_no_browser_test_asserts_page_state_it_did_not_wait_for():
    found = findings_in(BROWSER_TESTS, ROOT)
    assert not found, "\n".join(map(str, found))


def test_the_guard_reads_every_browser_test_module():
    files = [p for folder in BROWSER_TESTS for p in folder.glob("*.py")]
    assert any(p.name == "test_keyboard_browser.py" for p in files) and len(files) >= 15


def check(source: str, helpers: str = "") -> list[str]:
    """The findings in one sample module, as `line: after`."""
    sources = {"sample.py": textwrap.dedent(source)}
    return [f"{f.line}: {f.after}" for f in findings(sources, {"helpers.py": textwrap.dedent(helpers)})]


# The test that failed on a loaded machine (issue 26), and its repair.
RACE = """
    def checked(page, toggle):
        return page.evaluate("id => document.getElementById(id).checked", toggle)

    def test_shortcut(page):
        page.keyboard.press("/")
        expect(page.locator(".md-search__input")).to_be_focused()
        assert checked(page, "__search")
"""
REPAIRED = """
    def test_shortcut(page):
        page.keyboard.press("/")
        expect(page.locator(".md-search__input")).to_be_focused()
        expect(page.locator("#__search")).to_be_checked()
"""


def test_refuses_the_assert_that_raced_and_accepts_its_repair():
    assert check(RACE) == ["8: press() at line 6"]
    assert check(REPAIRED) == []


def test_a_finding_names_file_line_and_the_interaction():
    found = findings({"tests/website/test_x.py": textwrap.dedent(RACE)})
    assert [str(f) for f in found] == [
        "tests/website/test_x.py:8: bare assert on page state read after press() at line 6; "
        "wait for it: expect(...), page.wait_for_function(...) or helpers.waits.until(...)"]


@pytest.mark.parametrize(("body", "line"), [
    # a read on a locator after a click
    ('page.click("#go")\nassert page.locator("#n").inner_text() == "2"', 2),
    # the address after a navigation
    ('page.goto(url)\npage.fill("#q", "x")\nassert "q=x" in page.url', 3),
    # a value read after the interaction and asserted later
    ('page.select_option("#s", "a")\nvalue = page.locator("#s").input_value()\nprint(value)\nassert value', 4),
    # a locator count (no argument) after typing
    ('page.keyboard.type("abc")\nassert page.locator("li").count() == 3', 2),
    # a script run for its effect changes the page too
    ('page.evaluate("() => document.body.remove()")\nassert page.evaluate("() => document.body") is None', 2),
    # inside a loop or a branch
    ('for key in keys:\n    page.keyboard.press(key)\n    if key:\n        assert page.evaluate("() => 1")', 4),
])
def test_refuses_a_bare_assert_on_a_page_read_after_an_interaction(body, line):
    source = "def test_it(page, url, keys):\n" + textwrap.indent(body, "    ") + "\n"
    assert [int(f.split(":")[0]) for f in check(source)] == [line + 1]


@pytest.mark.parametrize("body", [
    # reads before any interaction are the page as loaded by a fixture
    'assert page.locator("h1").inner_text() == "Hallo"\npage.click("#go")',
    # Playwright's waiting assertions and wait_for_function
    'page.click("#go")\nexpect(page.locator("#n")).to_have_text("2")\npage.wait_for_function("() => done")',
    # list.count(x) is no page read; values computed in Python are no page state
    'page.keyboard.press("Tab")\norder = ["a", "b"]\nassert order.count("a") == 1',
    # a block of assertions retried by until(...) is the waiting form
    'page.fill("#q", "x")\n\ndef shown():\n    assert page.locator("li").count() == 1\nuntil(shown)',
])
def test_accepts_waiting_assertions_and_reads_that_are_no_race(body):
    source = "def test_it(page):\n" + textwrap.indent(body, "    ") + "\n"
    assert check(source) == []


def test_helpers_in_other_modules_count_as_reads_and_interactions():
    helpers = """
        def active(page):
            return page.evaluate("() => document.activeElement.id")

        def tab_to(page, selector):
            page.keyboard.press("Tab")
    """
    source = """
        def test_it(page):
            tab_to(page, "#menu")
            assert active(page) == "menu"
    """
    assert check(source, helpers) == ["4: tab_to() at line 3"]


def test_a_fixture_that_opens_a_page_is_a_navigation():
    source = """
        @pytest.fixture
        def page_at(browser):
            def open_page(width):
                page = browser.new_page()
                page.goto("/")
                return page
            return open_page

        def test_it(page_at):
            page = page_at(390)
            assert page.locator("h1").is_visible()
    """
    assert check(source) == ["12: page_at() at line 11"]


# ------------------------------------------------------------------ until: the waiting form for a block of assertions

def test_until_retries_until_the_assertions_hold_and_returns_the_result():
    tries = []

    def third_time():
        tries.append(1)
        assert len(tries) >= 3, "not yet"
        return len(tries)
    assert until(third_time, timeout=5) == 3


def test_until_raises_the_last_assertion_once_the_time_is_up():
    def never():
        assert False, "the count never reached 2"
    with pytest.raises(AssertionError, match="the count never reached 2"):
        until(never, timeout=0.3)


def test_until_does_not_hide_other_errors():
    def broken():
        raise KeyError("no such element")
    with pytest.raises(KeyError):
        until(broken, timeout=5)
