"""The Content Security Policy in Chromium: every page type loads and works without one violation.

Through the shipped nginx configuration (header and meta policy) with the demo build, and with the
meta policy alone as on GitHub Pages (a plain server): no `securitypolicyviolation` event and no
console error while the start page, the directory with its filters and A–Z bar, a profile with its
chart, the progress page, the news list and a post, the events, the site search and a result,
the 404 page, Leichte Sprache and the drawer are used.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, build_site, serve
from klimapakt.load import loader
from quality.servers import nginx_serving

pytestmark = pytest.mark.browser

# Before any page script: every violation of the page (and its frames) lands in a list.
WATCH = """window.kpViolations = [];
document.addEventListener('securitypolicyviolation', e => window.kpViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));"""
MENU = ".kp-header-control--menu"


class Watched:
    """A page that records CSP violations and console errors; `problems()` waits for quiet, then reads them."""

    missing = "/gibt-es-nicht/"  # the path the 404 test requests

    def __init__(self, browser, base_url: str, width: int = 1280):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _console(self, message) -> None:
        """Errors, except the one Chromium logs for a document that is itself a 404 (the 404 page)."""
        url = message.location.get("url", "")
        if message.type == "error" and not (url == self.page.url and "status of 404" in message.text
                                             and url.endswith(self.missing)):
            self.errors.append(f"console {message.type}: {message.text} ({url})")

    def open(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def problems(self) -> list[str]:
        self.page.wait_for_load_state("networkidle")  # a blocked load reports after its request
        return [*self.page.evaluate("() => window.kpViolations"), *self.errors]

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def demo_partners(demo_registry):
    return loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners


@pytest.fixture(scope="module")
def nginx_url(demo_registry, tmp_path_factory):
    """The demo build, precompressed, behind deploy/nginx/klimapakt.conf."""
    site = tmp_path_factory.mktemp("csp-site") / "site"
    result = build_site(demo_registry, site, KLIMAPAKT_PRECOMPRESS="true")
    assert result.returncode == 0, result.stderr
    with nginx_serving(site, tmp_path_factory.mktemp("csp-nginx")) as (url, _):
        yield url


def test_the_policy_is_enforced_and_a_violation_would_be_seen(browser, nginx_url):
    """The check can fail: an inline script without a hash is refused and reported."""
    watched = Watched(browser, nginx_url)
    response = watched.open("")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    assert watched.page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    watched.page.evaluate("""() => { const s = document.createElement('script');
      s.textContent = 'window.kpInjected = true'; document.body.append(s); }""")
    watched.page.wait_for_function("""() => window.kpViolations.length === 2  // the header's and the meta's
      && window.kpViolations.every(v => v.startsWith('script-src-elem blocked inline'))
      && window.kpInjected === undefined""")
    watched.close()


def test_start_directory_filters_and_letters_without_violation(browser, nginx_url):
    watched = Watched(browser, nginx_url)
    watched.open("")
    expect(watched.page.locator("h1").first).to_be_visible()
    watched.open("klimapartner/")
    page = watched.page
    page.click("#kp-filter-toggle")  # the filters are folded at first
    page.select_option("#kp-status", "partner")
    page.wait_for_function("() => location.search.includes('status=partner')")
    letter = page.locator("#kp-letters a[href]").first
    target = letter.get_attribute("href")
    letter.click()
    page.wait_for_function("target => location.hash === target", arg=target)
    assert watched.problems() == []
    watched.close()


def test_profile_with_chart_progress_news_and_events_without_violation(browser, nginx_url, demo_partners):
    watched = Watched(browser, nginx_url)
    charted = next(p for p in demo_partners if p.emissions)
    watched.open(f"partner/{charted.id}/")
    expect(watched.page.locator("svg.kp-chart").first).to_be_visible()
    watched.open("fortschritt/")
    expect(watched.page.locator("svg.kp-chart--bars").first).to_be_visible()
    watched.open("aktuelles/")
    post = watched.page.locator(".md-post h2 a").first
    post.click()
    watched.page.wait_for_load_state("networkidle")
    expect(watched.page.locator("article h1, .md-content h1").first).to_be_visible()
    watched.open("veranstaltungen/")
    watched.open("leichte-sprache/")
    assert watched.problems() == []
    watched.close()


def test_search_opened_and_a_result_followed_without_violation(browser, nginx_url, demo_partners):
    watched = Watched(browser, nginx_url)
    page = watched.page
    watched.open("")
    partner = demo_partners[0]
    page.locator("input.md-search__input").fill(partner.name)
    result = page.locator(".md-search-result__item a", has_text=partner.name).first
    expect(result).to_be_visible()
    result.click()
    page.wait_for_url(f"**/partner/{partner.id}/**")
    expect(page.locator("h1").first).to_contain_text(partner.name)
    assert watched.problems() == []
    watched.close()


def test_404_page_and_the_drawer_on_a_phone_without_violation(browser, nginx_url):
    watched = Watched(browser, nginx_url, width=390)
    response = watched.open("gibt-es-nicht/")
    assert response.status == 404
    expect(watched.page.locator("h1").first).to_have_text("Seite nicht gefunden")
    watched.open("klimapakt/")
    watched.page.locator(MENU).click()
    expect(watched.page.locator(".md-sidebar--primary")).to_be_visible()
    watched.page.wait_for_function("() => document.getElementById('__drawer').checked")
    assert watched.problems() == []
    watched.close()


@pytest.fixture(scope="module")
def pages_url(real_site):
    """The real build with its meta policy alone, as GitHub Pages serves it (no headers)."""
    server = serve(real_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_with_the_meta_policy_alone_every_page_of_the_real_build_loads_without_violation(browser, pages_url, real_site):
    watched = Watched(browser, pages_url)
    found = {}
    for page in sorted(Path(real_site).rglob("index.html")):
        path = page.parent.relative_to(real_site).as_posix()
        watched.open("" if path == "." else path + "/")
        if problems := watched.problems():
            found[path] = problems
        watched.errors.clear()
    assert found == {}
    watched.close()
