"""Page weight budget: what a first visit to the start page and the directory loads (HTML,
CSS, JS, fonts, images), gzip-compressed, at most 250 kB. Computed over the built files;
a browser run checks that the list of files is complete."""

from __future__ import annotations

import urllib.parse

import pytest

from quality.links import file_of
from quality.pages import HEIGHT, WIDTHS
from quality.privacy import RequestLog, is_local
from quality.weight import BUDGET_BYTES, GZIP_LEVEL, first_visit_files, page_weight

BUDGET_PAGES = {"start": "", "directory": "klimapartner/"}


@pytest.fixture(scope="module")
def weights(demo_site):
    return {name: page_weight(demo_site, path) for name, path in BUDGET_PAGES.items()}


def test_first_visit_weight_is_within_the_budget(weights, capsys):
    kinds = ["HTML", "CSS", "JS", "fonts", "images", "other", "total"]
    with capsys.disabled():
        print(f"\nFirst visit, gzip-compressed (level {GZIP_LEVEL}), in kB; budget {BUDGET_BYTES / 1000:.0f} kB")
        print("| page | " + " | ".join(kinds) + " |")
        print("|---|" + "---:|" * len(kinds))
        for name, w in weights.items():
            print(f"| {name} | " + " | ".join(f"{w[k] / 1000:.1f}" for k in kinds) + " |")
    for name, w in weights.items():
        assert w["total"] <= BUDGET_BYTES, f"{name}: {w['total'] / 1000:.1f} kB > {BUDGET_BYTES / 1000:.0f} kB"
        assert w["HTML"] > 0 and w["CSS"] > 0 and w["JS"] > 0


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_the_budget_counts_everything_the_browser_loads(browser, demo_url, demo_site, width):
    for name, path in BUDGET_PAGES.items():
        counted = {f.relative_to(demo_site).as_posix() for f in first_visit_files(demo_site, path)}
        context = browser.new_context(viewport={"width": width, "height": HEIGHT})
        log = RequestLog(context)
        page = context.new_page()
        page.goto(demo_url + path, wait_until="networkidle")
        page.evaluate("async () => { for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {"
                      " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 20)); } }")
        page.wait_for_load_state("networkidle")
        context.close()
        loaded = set()
        for url in filter(is_local, log.urls):
            rel = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
            target = file_of(demo_site, "/" + rel)
            if target is not None:
                loaded.add(target.relative_to(demo_site).as_posix())
        missing = loaded - counted
        assert not missing, f"{name} at {width} px loads files the budget does not count: {sorted(missing)}"
