"""Every internal link and anchor in the built site resolves, and the sitemap lists every page."""

from __future__ import annotations

import re

from quality.links import link_problems, parse_html, sitemap_problems


def site_url(site) -> str:
    """The site_url the build used, from the start page's canonical link."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    assert match, "the start page has no canonical link"
    return match.group(1)


def test_every_internal_link_and_anchor_resolves_in_the_demo_site(demo_site):
    problems = link_problems(demo_site, site_url(demo_site))
    assert not problems, f"{len(problems)} dead internal links:\n" + "\n".join(problems[:40])


def test_every_internal_link_and_anchor_resolves_in_the_real_site(real_site):
    problems = link_problems(real_site, site_url(real_site))
    assert not problems, f"{len(problems)} dead internal links:\n" + "\n".join(problems[:40])


def test_sitemap_lists_every_page(demo_site, real_site):
    for site in (demo_site, real_site):
        problems = sitemap_problems(site, site_url(site))
        assert not problems, "\n".join(problems[:40])


def test_the_link_checker_saw_the_profiles_and_their_anchors(demo_site):
    links = parse_html(demo_site / "klimapartner" / "index.html").links
    assert sum("partner/" in href for href, _ in links) >= 60
