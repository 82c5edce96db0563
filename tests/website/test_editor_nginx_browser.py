"""The form editor served by Debian's nginx with exactly deploy/nginx/klimapakt.conf, in Chromium.

nginx sends the editor's policy as a header (tests/hosting/test_nginx_admin.py) and the page carries it as a
meta tag too: a browser applies both, and the editor must start under them without a violation.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from helpers.waits import until
from playwright.sync_api import expect

from quality.editor import LOAD_BOUND, WATCH, small_site
from quality.privacy import RequestLog
from quality.servers import nginx_serving


@pytest.mark.browser
@pytest.mark.npm
def test_the_editor_starts_under_the_header_policy_without_a_violation(browser, tmp_path):
    """The header and the page's meta policy both apply: together they still let the editor start."""
    site = small_site(tmp_path / "site", with_editor=True)
    with nginx_serving(site, tmp_path / "nginx") as (url, _):
        context = browser.new_context(locale="de-DE")
        context.add_init_script(WATCH)
        log = RequestLog(context)
        page = context.new_page()
        page.goto(url + "admin/")
        expect(page.get_by_role("button", name="Mit Zugriffstoken anmelden")).to_be_visible(timeout=LOAD_BOUND)
        page.wait_for_function("document.fonts.status === 'loaded'")
        page.wait_for_load_state("networkidle")
        until(lambda: no_violations(page))
        context.close()
    assert not log.foreign, log.foreign
    assert any(urlsplit(u).path == "/admin/config.yml" for u in log.urls)  # read under the header policy


def no_violations(page) -> None:
    assert page.evaluate("() => window.kpViolations") == []
