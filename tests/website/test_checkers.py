"""The quality checkers themselves: on tests/fixtures/broken/ each must find the one fault its
page was built with (and the control page ok.html must pass them all). A checker that
cannot fail would make the site's quality tests worthless."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import FIXTURES, serve
from helpers.waits import until
from quality.axe import page_problems, reflow_problems, run_axe
from quality.contrast import contrast, parse_color
from quality.keyboard import focus_problems, tab_through
from quality.links import link_problems, sitemap_problems
from quality.privacy import RequestLog, is_local, storage_problems
from quality.vnu import describe_vnu, run_vnu
from quality.weight import BUDGET_BYTES, page_weight

BROKEN = FIXTURES / "broken"
FIXTURE_SITE_URL = "https://fixture.example/"


@pytest.fixture(scope="module")
def broken_url():
    server = serve(BROKEN)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def open_fixture(browser, broken_url):
    contexts = []

    def _open(name, **context_args):
        context = browser.new_context(**context_args)
        contexts.append(context)
        log = RequestLog(context)
        page = context.new_page()
        page.goto(broken_url + name, wait_until="networkidle")
        return context, page, log

    yield _open
    for context in contexts:
        context.close()


# ------------------------------------------------------------------ the control page passes

@pytest.mark.browser
@pytest.mark.npm
def test_control_page_passes_every_browser_checker(open_fixture):
    context, page, log = open_fixture("ok.html", viewport={"width": 390, "height": 800})

    def passes():
        assert run_axe(page) == []
        assert page_problems(page) == []
        assert reflow_problems(page) == []
        assert storage_problems(context, page) == []
    until(passes)
    assert focus_problems(tab_through(page)) == []
    assert log.foreign == []


@pytest.mark.npm
@pytest.mark.java
def test_control_page_passes_vnu_and_the_link_checker():
    assert run_vnu(BROKEN / "ok.html") == []
    assert not [p for p in link_problems(BROKEN, FIXTURE_SITE_URL) if p.startswith("ok.html")]


# ------------------------------------------------------------------ each broken page fails

@pytest.mark.browser
@pytest.mark.npm
def test_axe_fails_on_an_image_without_alt(open_fixture):
    _, page, _ = open_fixture("image-without-alt.html")

    def found():
        assert "image-alt" in {v["id"] for v in run_axe(page)}
        assert any("img without alt" in p for p in page_problems(page))
    until(found)


@pytest.mark.npm
@pytest.mark.java
def test_vnu_fails_on_an_image_without_alt():
    errors = run_vnu(BROKEN / "image-without-alt.html")
    assert errors and any("alt" in e["message"] for e in errors)
    assert "image-without-alt.html" in describe_vnu(errors, BROKEN)[0]


@pytest.mark.browser
def test_request_log_fails_on_an_external_script(open_fixture):
    _, _, log = open_fixture("external-script.html")
    assert log.foreign == ["https://cdn.example.com/tracker.js"]
    assert not is_local("https://cdn.example.com/tracker.js") and is_local("http://127.0.0.1:8000/x.js")


def test_link_checker_fails_on_a_dead_internal_link_and_anchor():
    problems = [p for p in link_problems(BROKEN, FIXTURE_SITE_URL) if p.startswith("dead-link.html")]
    assert any("gibt-es-nicht.html: no such file" in p for p in problems)
    assert any("ok.html#fehlt: no element with id 'fehlt'" in p for p in problems)
    assert not any("#bild" in p for p in problems)  # an anchor that exists is fine
    assert len(problems) == 2


def test_sitemap_checker_fails_on_missing_and_unlisted_pages():
    problems = sitemap_problems(BROKEN, FIXTURE_SITE_URL)
    assert any("gibt-es-auch-nicht.html, which is not in the build" in p for p in problems)
    assert "dead-link.html is not in sitemap.xml" in problems
    assert not any(p.startswith("ok.html") for p in problems)


@pytest.mark.browser
@pytest.mark.npm
def test_axe_fails_on_a_low_contrast_colour(open_fixture):
    _, page, _ = open_fixture("low-contrast.html")
    violations = run_axe(page, rules=["color-contrast"])
    assert [v["id"] for v in violations] == ["color-contrast"]
    assert "blass" in violations[0]["nodes"][0]["html"]


def test_contrast_formula():
    white, black = parse_color("#ffffff"), parse_color("rgb(0, 0, 0)")
    assert contrast(black, white) == pytest.approx(21)
    assert contrast(parse_color("#aaaaaa"), white) == pytest.approx(2.32, abs=0.01)
    assert contrast(parse_color("#0f6b5e"), white) == pytest.approx(6.39, abs=0.01)
    # translucent: 90 % white on the header green is 5.5:1
    assert contrast(parse_color("rgba(255, 255, 255, 0.9)"), parse_color("#0f6b5e")) == pytest.approx(5.5, abs=0.05)


@pytest.mark.browser
def test_focus_checker_fails_without_a_visible_focus_indicator(open_fixture):
    _, page, _ = open_fixture("no-focus-ring.html")
    problems = focus_problems(tab_through(page))
    assert any("a" in p and "no visible change when focused" in p for p in problems), problems


@pytest.mark.browser
def test_reflow_checker_fails_on_a_fixed_width_box(open_fixture):
    _, page, _ = open_fixture("too-wide.html", viewport={"width": 320, "height": 640})

    def found():
        problems = reflow_problems(page)
        assert problems and "scrolls sideways" in problems[0]
    until(found)


@pytest.mark.browser
def test_storage_checker_fails_on_cookies_and_local_storage(open_fixture):
    context, page, _ = open_fixture("storage.html")
    problems = storage_problems(context, page)
    assert "localStorage: zuletzt" in problems
    assert any(p.startswith("cookie besuch") for p in problems)


@pytest.mark.browser
@pytest.mark.npm
def test_structure_checker_fails_on_lang_heading_order_and_missing_skip_link(open_fixture):
    _, page, _ = open_fixture("bad-structure.html")

    def found():
        problems = page_problems(page)
        assert any("lang" in p for p in problems)
        assert any("heading level skipped: h1 then h3" in p for p in problems)
        assert "no skip link" in problems
        assert {"html-has-lang"} <= {v["id"] for v in run_axe(page)}
    until(found)


def test_weight_budget_fails_on_a_heavy_page(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(BROKEN, site)
    (site / "heavy.js").write_bytes(os.urandom(300_000))  # random bytes do not compress
    (site / "heavy.html").write_text((BROKEN / "ok.html").read_text(encoding="utf-8").replace(
        "</body>", '<script src="heavy.js"></script>\n</body>'), encoding="utf-8")
    light, heavy = page_weight(site, "/ok.html"), page_weight(site, "/heavy.html")
    assert light["total"] < BUDGET_BYTES < heavy["total"]
    assert heavy["JS"] > 290_000 and heavy["images"] == light["images"] > 0
