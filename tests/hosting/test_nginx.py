"""Debian's nginx with exactly deploy/nginx/klimapakt.conf, serving a fresh demo build precompressed.

Checked: the security headers (the Content-Security-Policy as the build computed it), HSTS only
over TLS, every type the site publishes with its charset, the 404 page with status 404, gzip and
brotli copies sent to who accepts them, caching, redirects of old profile addresses, dot files.
"""

from __future__ import annotations

import gzip
import http.client
import re
import shutil
import ssl
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from conftest import build_site
from klimapakt.hosting import csp, redirects
from quality.servers import nginx_serving

pytestmark = pytest.mark.long

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
}
MIME_TYPES = {  # path in the site -> Content-Type
    "index.html": "text/html; charset=utf-8",
    "klimapartner/": "text/html; charset=utf-8",
    "assets/css/klimapakt.css": "text/css; charset=utf-8",
    "assets/js/directory.js": "application/javascript; charset=utf-8",
    "veranstaltungen.ics": "text/calendar; charset=utf-8",
    "kontakt/geschaeftsstelle-klimapakt.vcf": "text/vcard; charset=utf-8",
    "aktuelles/feed.xml": "application/rss+xml; charset=utf-8",
    "aktuelles/feed.json": "application/feed+json; charset=utf-8",
    "daten/partners.csv": "text/csv; charset=utf-8",
    "daten/partners.json": "application/json; charset=utf-8",
    "sitemap.xml": "application/xml; charset=utf-8",
    "assets/logo.svg": "image/svg+xml; charset=utf-8",
    "site.webmanifest": "application/manifest+json; charset=utf-8",
    "daten/partners.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
REDIRECT = ("partner/alter-name-gmbh/", "partner/muster-0001/")  # a demo profile's former address


@pytest.fixture(scope="module")
def served_site(demo_registry, tmp_path_factory) -> Path:
    """A demo build with .gz/.br copies, one redirect of a former profile address and a web manifest."""
    site = tmp_path_factory.mktemp("nginx-site") / "site"
    result = build_site(demo_registry, site, KLIMAPAKT_PRECOMPRESS="true")
    assert result.returncode == 0, result.stderr
    profile = sorted(p.parent.name for p in (site / "partner").glob("*/index.html"))[0]
    redirects.write_nginx_redirects(site, [("partner/alter-name-gmbh/", f"partner/{profile}/")])
    (site / "site.webmanifest").write_text('{"name": "Test"}', encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def base_url(served_site, tmp_path_factory):
    with nginx_serving(served_site, tmp_path_factory.mktemp("nginx")) as (url, _):
        yield url


def fetch(url: str, path: str, **headers: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One raw request: status, headers and the body as sent (not decompressed)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=30,
                                                 context=ssl._create_unverified_context())  # noqa: S323 (self-signed test certificate)
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", "/" + path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def header_policy(site: Path) -> str:
    return re.search(r'Content-Security-Policy "([^"]+)"', (site / csp.HEADER_FILE).read_text(encoding="utf-8"))[1]


@pytest.mark.parametrize("path", ["", "klimapartner/", "assets/css/klimapakt.css", "veranstaltungen.ics", "gibt-es-nicht/"])
def test_every_answer_carries_the_security_headers_and_the_builds_policy(base_url, served_site, path):
    _, headers, _ = fetch(base_url, path)
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name
    policy = headers["content-security-policy"]
    assert policy == header_policy(served_site)
    assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy
    assert "strict-transport-security" not in headers  # not over plain HTTP
    assert "server" not in headers or headers["server"] == "nginx"  # no version


def test_the_header_policy_holds_every_pages_hashes(served_site):
    policy = header_policy(served_site)
    for page in served_site.rglob("*.html"):
        for source in csp.page_policy(page.read_text(encoding="utf-8")).scripts:
            assert source in policy, page


def test_over_tls_hsts_is_sent_too(served_site, tmp_path):
    with nginx_serving(served_site, tmp_path, tls=True) as (url, _):
        status, headers, _ = fetch(url, "")
    assert status == 200
    assert headers["strict-transport-security"] == "max-age=31536000"
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(("path", "content_type"), MIME_TYPES.items())
def test_every_published_type_is_sent_with_its_charset(base_url, path, content_type):
    status, headers, _ = fetch(base_url, path)
    assert (status, headers["content-type"]) == (200, content_type)


def test_a_missing_page_gets_the_sites_404_page_with_status_404(base_url, served_site):
    status, headers, body = fetch(base_url, "partner/gibt-es-nicht/")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body == (served_site / "404.html").read_bytes()
    assert "Seite nicht gefunden" in body.decode("utf-8")


@pytest.mark.parametrize("path", ["index.html", "search/search_index.json", "assets/css/klimapakt.css", "aktuelles/feed.xml"])
def test_precompressed_copies_go_to_who_accepts_them_and_unpack_to_the_file(base_url, served_site, path):
    original = (served_site / path).read_bytes()
    for accept, encoding, unpack in (("br, gzip", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)):
        status, headers, body = fetch(base_url, path, **{"Accept-Encoding": accept})
        assert (status, headers["content-encoding"]) == (200, encoding)
        assert unpack(body) == original and len(body) < len(original)
        assert headers["vary"] == "Accept-Encoding"
    status, headers, body = fetch(base_url, path)
    assert status == 200 and "content-encoding" not in headers and body == original


def test_fingerprinted_assets_are_cached_for_a_year_and_pages_revalidated(base_url, served_site):
    bundle = next((served_site / "assets/javascripts").glob("bundle.*.min.js")).relative_to(served_site)
    _, headers, _ = fetch(base_url, bundle.as_posix())
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("", "assets/css/klimapakt.css", "daten/partners.json"):
        status, headers, _ = fetch(base_url, path)
        assert headers["cache-control"] == "no-cache", path
    etag = headers["etag"]
    status, _, body = fetch(base_url, "daten/partners.json", **{"If-None-Match": etag})
    assert (status, body) == (304, b"")


def test_a_folder_without_slash_and_an_old_profile_address_redirect(base_url, served_site):
    status, headers, _ = fetch(base_url, "klimapakt")
    assert (status, headers["location"]) == (301, "/klimapakt/")
    status, headers, _ = fetch(base_url, "partner/alter-name-gmbh/")
    assert (status, headers["location"]) == (301, "/" + REDIRECT[1])


def test_the_builds_snippets_and_other_dot_files_are_not_served(base_url, served_site):
    assert (served_site / csp.HEADER_FILE).is_file()
    for path in (csp.HEADER_FILE, redirects.REDIRECTS_FILE, ".nginx/"):
        status, _, body = fetch(base_url, path)
        assert status == 404 and b"add_header" not in body and b"return 301" not in body


def test_the_shipped_file_is_the_one_served(tmp_path, served_site):
    """The test renders deploy/nginx/klimapakt.conf and nothing else into the server block."""
    copy = tmp_path / "site"
    shutil.copytree(served_site, copy)
    with nginx_serving(copy, tmp_path / "nginx") as (_, main):
        included = (tmp_path / "nginx" / "klimapakt.conf").read_text(encoding="utf-8")
    template = (Path(__file__).resolve().parents[2] / "deploy/nginx/klimapakt.conf").read_text(encoding="utf-8")
    assert included == template.replace("@ROOT@", str(copy)).replace("@SERVER_NAME@", "localhost").replace(
        "@LISTEN@", re.search(r"^    listen (.+);$", included, re.M)[1])
    assert f"include {tmp_path / 'nginx' / 'klimapakt.conf'};" in main.read_text(encoding="utf-8")
