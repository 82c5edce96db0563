"""Debian's nginx with exactly deploy/nginx/klimapakt.conf serving the form editor at /admin/.

The editor's files and its policy snippet (.nginx/admin-csp.conf) are written by the build's own step
(klimapakt.mkdocs.admin.write_admin) into a small site beside a page of the site's own: /admin/ gets the
editor's policy instead of the pages', `noindex`, and every other security header the pages get; the pages
keep theirs; a site without the editor sends a none-at-all policy for /admin/. That the editor starts in
Chromium under both policies: tests/website/test_editor_nginx_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from klimapakt.hosting import editor_csp
from quality.editor import small_site
from quality.servers import nginx_serving
from test_nginx import SECURITY_HEADERS, fetch, header_policy

API_ROOT = "https://api.github.com"
ROBOTS = "noindex, nofollow"
EDITOR_FILES = {  # path -> Content-Type, as the editor's page loads them
    "admin/": "text/html; charset=utf-8",
    "admin/config.yml": "application/yaml; charset=utf-8",
    "admin/sveltia-cms.js": "application/javascript; charset=utf-8",
    "admin/locales/de.json": "application/json; charset=utf-8",
    "admin/fonts/source-sans-3-latin-wght-normal.woff2": "font/woff2",
}


def admin_policy(site: Path) -> str:
    return re.search(r'Content-Security-Policy "([^"]+)"', (site / editor_csp.HEADER_FILE).read_text(encoding="utf-8"))[1]


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> tuple[str, Path]:
    site = small_site(tmp_path_factory.mktemp("admin-site") / "site", with_editor=True)
    with nginx_serving(site, tmp_path_factory.mktemp("nginx-admin")) as (url, _):
        yield url, site


@pytest.mark.npm
@pytest.mark.parametrize(("path", "content_type"), EDITOR_FILES.items())
def test_the_editor_gets_its_own_policy_noindex_and_every_security_header(editor_site, path, content_type):
    url, site = editor_site
    status, headers, _ = fetch(url, path)
    assert (status, headers["content-type"]) == (200, content_type)
    assert headers.get_all("content-security-policy") == [editor_csp.value(API_ROOT, header=True)]
    assert admin_policy(site) == editor_csp.value(API_ROOT, header=True)
    assert "connect-src 'self' data: blob: https://api.github.com" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-robots-tag"] == ROBOTS
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name
    assert headers["cache-control"] == "no-cache"
    assert "strict-transport-security" not in headers  # not over plain HTTP, as for the pages


@pytest.mark.npm
def test_the_pages_keep_their_policy_and_stay_indexable_beside_the_editor(editor_site):
    url, site = editor_site
    for path in ("", "gibt-es-nicht/", "admin/gibt-es-nicht.js"):
        _, headers, _ = fetch(url, path)
        assert headers.get_all("content-security-policy") == [header_policy(site)], path
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert "x-robots-tag" not in headers, path
        assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.npm
def test_dot_files_below_admin_are_not_served(editor_site):
    url, site = editor_site
    (site / "admin/.geheim").write_text("add_header", encoding="utf-8")
    status, _, body = fetch(url, "admin/.geheim")
    assert status == 404 and b"add_header" not in body


def test_without_the_editor_admin_is_missing_and_its_policy_allows_nothing(tmp_path):
    site = small_site(tmp_path / "site", with_editor=False)
    assert admin_policy(site) == editor_csp.NO_EDITOR
    with nginx_serving(site, tmp_path / "nginx") as (url, _):
        status, headers, _ = fetch(url, "admin/")
    assert status == 404
    assert headers.get_all("content-security-policy") == [header_policy(site)]  # the 404 page's, a site page
