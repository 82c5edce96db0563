"""The pull request's preview opens from the unzipped folder: built with mkdocs.preview.yml
(use_directory_urls: false), every internal link names a file that exists.

A browser opening `index.html` from disk shows a link to a folder as a folder listing and
resolves "/…" against the disk's root; so no link may end in "/", name a folder or start with "/".
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

from quality.links import link_problems, parse_html
from conftest import FIXED_DATE_FIGURES, FIXTURES, ROOT, TODAY
from klimapakt.load import loader
from klimapakt.mkdocs import preview

PREVIEW_CONFIG = ROOT / "mkdocs.preview.yml"
SITE_URL = "https://klimapakt.example.org/"
SERVER_ONLY = {"404.html"}  # shown by a web server for a missing address, never opened from disk


@pytest.fixture(scope="module")
def preview_site(demo_registry, tmp_path_factory) -> Path:
    """The preview with 60 fictional partners and events that name some of them (two still to come)."""
    folder = tmp_path_factory.mktemp("preview")
    ids = [p.id for p in loader.load_file(demo_registry).partners]
    events_text = (FIXTURES / "events-valid.yml").read_text(encoding="utf-8")
    events_text = events_text.replace("ihk-duesseldorf", ids[0]).replace("handwerkskammer-duesseldorf", ids[1])
    (folder / "events.yml").write_text(events_text, encoding="utf-8")
    env = {**os.environ, "KLIMAPAKT_REGISTRY": str(demo_registry), "KLIMAPAKT_EVENTS": str(folder / "events.yml"),
           "KLIMAPAKT_TODAY": TODAY.isoformat(), "KLIMAPAKT_FIGURES": str(FIXED_DATE_FIGURES), "SITE_URL": SITE_URL,
           "NO_MKDOCS_2_WARNING": "1"}
    site = folder / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(PREVIEW_CONFIG),
                             "--site-dir", str(site)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def internal_links(site: Path):
    """(page, href, line, path part) of every link that stays inside the site."""
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).as_posix() in SERVER_ONLY:
            continue
        for href, line in parse_html(page).links:
            parts = urllib.parse.urlsplit(href.strip())
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external, mailto:, tel:, data:, or an anchor on the same page
            yield page, href, line, urllib.parse.unquote(parts.path)


def test_the_preview_config_changes_only_the_directory_urls():
    config = yaml.safe_load(PREVIEW_CONFIG.read_text(encoding="utf-8"))
    assert config == {"INHERIT": "mkdocs.yml", "use_directory_urls": False}


def test_every_internal_link_names_an_existing_file(preview_site):
    problems = []
    for page, href, line, path in internal_links(preview_site):
        where = f"{page.relative_to(preview_site)}:{line}: {href}"
        if path.startswith("/"):
            problems.append(f"{where}: starts with / (the disk's root when opened from a folder)")
            continue
        target = (page.parent / path).resolve()
        if path.endswith("/") or target.is_dir():
            problems.append(f"{where}: a folder, not a file")
        elif not target.is_file():
            problems.append(f"{where}: no such file")
        elif not target.is_relative_to(preview_site.resolve()):
            problems.append(f"{where}: outside the site")
    assert not problems, f"{len(problems)} links that do not open from disk:\n" + "\n".join(problems[:40])


def test_links_and_anchors_resolve_as_the_link_checker_sees_them(preview_site):
    problems = link_problems(preview_site, SITE_URL)
    assert not problems, f"{len(problems)} dead internal links:\n" + "\n".join(problems[:40])


def test_every_profile_is_a_file_the_directory_links_to(preview_site, demo_registry):
    ids = [p.id for p in loader.load_file(demo_registry).partners]
    assert all((preview_site / "partner" / i / "index.html").is_file() for i in ids)
    directory = preview_site / "klimapartner.html"
    hrefs = {href for href, _ in parse_html(directory).links}
    assert {f"partner/{i}/index.html" for i in ids} <= hrefs
    # and back: a profile links to the directory's file, the events page to its ics files
    profile_links = {href for href, _ in parse_html(preview_site / "partner" / ids[0] / "index.html").links}
    assert "../../klimapartner.html" in profile_links
    events_links = {href for href, _ in parse_html(preview_site / "veranstaltungen.html").links}
    assert f"partner/{ids[0]}/index.html" in events_links and "veranstaltungen/test-beratungstage.ics" in events_links


@pytest.mark.parametrize(("href", "page", "expected"), [
    ("klimapartner/", "index.html", "klimapartner.html"),
    ("../klimapartner/#filter", "aktuelles/index.html", "../klimapartner.html#filter"),
    ("../../partner/acme/", "partner/beta/index.html", "../acme/index.html"),
    ("./", "index.html", "index.html"),
    ("../", "aktuelles/index.html", "../index.html"),
    ("..", "partner/acme/index.html", ".."),  # partner/ holds no page: left as it is
    ("daten/partners.json", "index.html", "daten/partners.json"),  # a file
    ("unbekannt/", "index.html", "unbekannt/"),  # no page there: left for the link check to report
    ("https://example.org/a/", "index.html", "https://example.org/a/"),
    ("/klimapartner/", "404.html", "/klimapartner.html"),  # the 404 page, served for any address
    ("/", "404.html", "/index.html"),
    ("/seite/unter/", "404.html", "/seite/unter/"),
    ("../../../x/", "partner/acme/index.html", "../../../x/"),  # outside the site
])
def test_file_href(href, page, expected):
    pages = frozenset({"index.html", "klimapartner.html", "aktuelles/index.html", "partner/acme/index.html",
                       "partner/beta/index.html", "x.html"})
    assert preview.file_href(href, page, pages) == expected


def test_only_links_in_markup_are_rewritten():
    html = ('<a class="x" title="a > b" href="klimapartner/">A</a> <code>&lt;a href="klimapartner/"&gt;</code> '
            '<link rel="canonical" href="klimapartner/">')
    assert preview.file_links(html, "index.html", frozenset({"klimapartner.html"})) == (
        '<a class="x" title="a > b" href="klimapartner.html">A</a> <code>&lt;a href="klimapartner/"&gt;</code> '
        '<link rel="canonical" href="klimapartner/">')
