"""The built form editor at /admin/ in Chromium: German whatever the browser's language, a German form with
every declared partner field, nothing from other hosts, outside the sitemap and the search index.

The site is built by `mkdocs build` with the editor configured (KLIMAPAKT_EDITOR_REPOSITORY) and its API
address pointed at the GitHub test double on 127.0.0.1 (KLIMAPAKT_EDITOR_API_ROOT,
tests/quality/github_double.py), which holds the fictional registries of tests/fixtures."""

from __future__ import annotations

import json

import pytest
from helpers.waits import until
from playwright.sync_api import expect

from conftest import ROOT, TODAY, build_site, serve
from klimapakt.model.fields import fields_of
from klimapakt.model.partners import Partner, PartnerRegistry
from quality import editor, github_double
from quality.pages import page_types
from quality.privacy import RequestLog, storage_problems


@pytest.fixture(scope="module")
def double(tmp_path_factory):
    repo = editor.seeded_repository(tmp_path_factory.mktemp("double"))
    server = github_double.serve(repo)
    yield repo, editor.api_root(server)
    server.shutdown()


@pytest.fixture(scope="module")
def editor_site(demo_registry, double, tmp_path_factory):
    out = tmp_path_factory.mktemp("editor-site") / "site"
    result = build_site(demo_registry, out, KLIMAPAKT_EDITOR_REPOSITORY="/".join(editor.REPOSITORY),
                        KLIMAPAKT_EDITOR_API_ROOT=double[1], KLIMAPAKT_TODAY=TODAY.isoformat())
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


def label(f) -> str:
    return f.title or f.help  # what the generated configuration shows (klimapakt.office.editor_config)


@pytest.mark.browser
@pytest.mark.npm
def test_the_built_editor_shows_a_german_form_with_every_declared_partner_field(browser, editor_url, double):
    """Signed in with a token, the form of partners.yml: the file's fields, and in an opened entry every
    declared partner field with its German title and its help text as written in the declaration."""
    session = editor.Session(browser, editor_url)
    session.sign_in()
    partners = session.open_partners()
    form = session.page.locator("body")
    for f in fields_of(PartnerRegistry):
        expect(editor.section(form, label(f))).to_be_visible()
    entry = editor.list_items(partners).first
    entry.get_by_role("button", name="Aufklappen").first.click()
    expect(entry.get_by_role("textbox", name="Kennung")).to_be_visible()
    shown = []
    for f in fields_of(Partner):
        group = editor.section(entry, label(f))
        expect(group).to_be_visible()
        if f.help != label(f):
            expect(group).to_contain_text(f.help)  # `<id>` in a help text stays text
        shown.append(label(f))
    expect(partners.get_by_role("button", name=editor.name("Partner", "hinzufügen"))).to_be_visible()
    foreign, errors = session.requests.foreign, session.errors
    session.close()
    assert shown == [label(f) for f in fields_of(Partner)] and len(shown) >= 16
    assert foreign == [], "requests to other hosts:\n" + "\n".join(sorted(set(foreign)))
    assert errors == [] and double[0].unknown == []


STORED_BY_EDITOR = {"sveltia-cms.prefs", "sveltia-cms.locale", "sveltia-cms.user"}  # named in docs/datenschutz.md


def stored(page) -> dict:
    return page.evaluate("""async () => ({local: Object.fromEntries(Object.keys(localStorage).map(
        k => [k, localStorage.getItem(k)])), idb: (await indexedDB.databases()).map(d => d.name),
        session: Object.keys(sessionStorage), cookie: document.cookie})""")


@pytest.mark.browser
@pytest.mark.npm
def test_what_the_editor_stores_is_what_the_privacy_notice_names_and_sign_out_drops_the_token(browser, editor_url):
    notice = (ROOT / "docs/datenschutz.md").read_text(encoding="utf-8")
    session = editor.Session(browser, editor_url)
    session.sign_in()
    signed_in = stored(session.page)
    session.page.get_by_role("button", name="Kontomenü anzeigen").click()
    session.page.get_by_role("menuitem", name="Abmelden").click()
    expect(session.page.get_by_role("button", name="Mit Zugriffstoken anmelden")).to_be_visible()
    until(lambda: token_gone(session.page))
    cookies = session.context.cookies()
    session.close()
    assert set(signed_in["local"]) == STORED_BY_EDITOR and github_double.TOKEN in signed_in["local"]["sveltia-cms.user"]
    assert signed_in["idb"] == ["github:" + "/".join(editor.REPOSITORY)]
    assert (signed_in["session"], signed_in["cookie"], cookies) == ([], "", [])
    assert all(f"`{key}`" in notice for key in STORED_BY_EDITOR) and "`github:`" in notice


@pytest.mark.browser
@pytest.mark.npm
def test_the_public_pages_of_a_site_with_the_editor_store_nothing(browser, editor_site, editor_url):
    pages = page_types(editor_site)
    assert "admin" not in pages and not any(path.startswith("admin") for path in pages.values())
    context = browser.new_context()
    page = context.new_page()
    base = editor_url.removesuffix("admin/")
    problems = {}
    for name, path in pages.items():
        page.goto(base + path, wait_until="networkidle")
        if found := storage_problems(context, page):
            problems[name] = found
    context.close()
    assert len(pages) >= 12 and problems == {}


def token_gone(page) -> None:
    """Signed out: the token is no longer in the browser's storage."""
    assert github_double.TOKEN not in "".join(stored(page)["local"].values())
