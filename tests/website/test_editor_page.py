"""The built form editor at /admin/ in Chromium: German whatever the browser's language, nothing from other
hosts, outside the sitemap and the search index."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from conftest import TODAY, build_site, serve
from quality.privacy import RequestLog

REPOSITORY = "besitzer/klimapakt-test"


@pytest.fixture(scope="module")
def editor_site(demo_registry, tmp_path_factory):
    out = tmp_path_factory.mktemp("editor-site") / "site"
    result = build_site(demo_registry, out, KLIMAPAKT_EDITOR_REPOSITORY=REPOSITORY, KLIMAPAKT_TODAY=TODAY.isoformat())
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture(scope="module")
def editor_url(editor_site):
    server = serve(editor_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/admin/"
    server.shutdown()


@pytest.mark.npm  # the editor bundle comes from the pinned npm package @sveltia/cms
def test_the_editor_is_outside_the_sitemap_and_the_search_index(editor_site):
    assert (editor_site / "admin/index.html").is_file()
    assert "/admin/" not in (editor_site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((editor_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("admin")]


@pytest.mark.browser
@pytest.mark.npm
@pytest.mark.parametrize("locale", ["de-DE", "en-US"])
def test_the_sign_in_is_german_and_every_request_stays_on_127_0_0_1(browser, editor_url, locale):
    context = browser.new_context(locale=locale)
    log = RequestLog(context)
    page = context.new_page()
    page.goto(editor_url)
    expect(page.get_by_role("button", name="Mit Zugriffstoken anmelden")).to_be_visible(timeout=20_000)
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.wait_for_load_state("networkidle")
    cookies = context.cookies()
    context.close()
    assert any(url.endswith("/admin/locales/de.json") for url in log.urls), "the German strings did not load"
    assert any(url.endswith("material-symbols-outlined-latin-wght-normal.woff2") for url in log.urls)
    assert not log.foreign, "requests to other hosts:\n" + "\n".join(sorted(set(log.foreign)))
    assert cookies == []
