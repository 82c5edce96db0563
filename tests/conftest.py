"""Shared fixtures: site builds from fixture registries, a local HTTP server, Chromium."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from helpers.worker_share import built_once

# Property tests draw the same examples on every run (derandomize, no example database): a test that
# passes once passes on every machine, and a counterexample found is pinned with @example.
hypothesis_settings.register_profile("deterministic", derandomize=True, database=None)
hypothesis_settings.load_profile("deterministic")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Fixed, so demo data and fixture builds do not drift. Never for the repository's own registries:
# `real_site` and every data test build on the real date (or KLIMAPAKT_TODAY as CI sets it), so a
# partner who joined today passes (tests/test_staff_path.py proves it).
TODAY = dt.date(2026, 11, 25)


def _fixed_date_figures() -> Path:
    """kennzahlen.yml for builds on a fixed date: every id the repository declares (the pages may cite any of
    them), each a copy of the fixture's first, fictional figure dated before TODAY, so a later "Stand" in
    the real file cannot fail a fixture build, and no test pins the real figures."""
    import re
    import tempfile

    fixture = (FIXTURES / "kennzahlen-valid.yml").read_text(encoding="utf-8")
    first = re.search(r"^  - id: (\S+)\n(?:    .*\n)+", fixture, re.M)
    assert first, "tests/fixtures/kennzahlen-valid.yml: no figure found"
    try:
        real = (ROOT / "kennzahlen.yml").read_text(encoding="utf-8")
    except OSError:
        real = ""
    known = set(re.findall(r"^  - id: (\S+)$", fixture, re.M))
    copies = [first.group(0).replace(f"id: {first.group(1)}", f"id: {figure_id}", 1)
              for figure_id in re.findall(r"^  - id: ([a-z0-9-]+)$", real, re.M) if figure_id not in known]
    target = Path(tempfile.mkdtemp(prefix="klimapakt-figures-")) / "kennzahlen.yml"
    target.write_text(fixture.rstrip("\n") + "\n" + "".join("\n" + copy for copy in copies), encoding="utf-8")
    return target


FIXED_DATE_FIGURES = _fixed_date_figures()  # what builds on a fixed date read instead of kennzahlen.yml
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def build_site(registry: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` with the given registry into `out`."""
    environ = {**os.environ, "KLIMAPAKT_REGISTRY": str(registry), "NO_MKDOCS_2_WARNING": "1", **env}
    if "KLIMAPAKT_TODAY" in env:  # a fixed date: the repository's kennzahlen.yml may hold a later "Stand"
        environ.setdefault("KLIMAPAKT_FIGURES", str(FIXED_DATE_FIGURES))
    if registry.resolve() != (ROOT / "partners.yml").resolve() and "KLIMAPAKT_EVENTS" not in env:
        # events.yml may name any of the repository's partners, whom a fixture registry does not hold
        from helpers.demo_events import write_demo_events
        events = Path(tempfile.mkdtemp(prefix="klimapakt-events-")) / "events.yml"
        environ["KLIMAPAKT_EVENTS"] = str(write_demo_events(registry, events))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=environ, capture_output=True, text=True, timeout=600,
    )
    return result


def _build_or_fail(registry: Path, out: Path) -> Path:
    result = build_site(registry, out)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def demo_registry(tmp_path_factory) -> Path:
    from klimapakt.demo import write_demo_registry
    return write_demo_registry(tmp_path_factory.mktemp("demo") / "partners.yml", 60, seed=2035, today=TODAY)


@pytest.fixture(scope="session")
def demo_site(demo_registry, request) -> Path:
    """The site built with 60 fictional partners: every page type has content (one build for all workers)."""
    return built_once(request, "demo-site", lambda folder: _build_or_fail(demo_registry, folder / "site"))


@pytest.fixture(scope="session")
def real_site(request) -> Path:
    """The site built with the shipped partners.yml on the real build date; tests may check only that it
    passes the site's gates, never what the registries hold."""
    return built_once(request, "real-site", lambda folder: _build_or_fail(ROOT / "partners.yml", folder / "site"))


# The staff path (a pull request that changes only partners.yml, events.yml, kennzahlen.yml, logos or
# docs/) runs `pytest -m "data and not browser"`: the tests that read the repository's own data.
# A test that builds the real site is marked here; one that reads a data file itself says so with
# `@pytest.mark.data` (or `pytestmark`).
DATA_FIXTURES = {"real_site"}


def pytest_runtest_setup(item):
    from quality.tools import skip_without_marked_tools
    skip_without_marked_tools(item)  # markers `npm`, `java`: skip (or fail in CI) with the install command


def pytest_collection_modifyitems(items):
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if DATA_FIXTURES & (set(item.fixturenames) | {v for v in params.values() if isinstance(v, str)}):
            item.add_marker(pytest.mark.data)
    # The long tests first (a stable sort: the same order on every xdist worker): started last, one of
    # them would keep a core busy alone while the other has finished.
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing path gets the site's own 404.html with status 404, as on GitHub Pages."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def demo_url(demo_site):
    """Base URL (with trailing slash) of the demo site served on 127.0.0.1."""
    server = serve(demo_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


EXPECT_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # Every expect(...) waits as long as helpers.waits.until: on a loaded CI machine Material's search
    # builds its index (loaded only when the visitor searches) in more than Playwright's default 5 s.
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield StillBrowser(browser)
        browser.close()


# Every test page starts without CSS transitions and animations and asks for reduced motion:
# a measurement then always sees the end state, never a colour half-way through Material's
# 0.25 s fades (the search field's background was caught mid-transition on busy machines).
NO_MOTION_CSS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
# A constructed stylesheet, not a <style> element: the site's Content Security Policy refuses
# inline styles it has no hash for. `window.kpTestNoMotion.disabled = true` turns it off.
NO_MOTION_SCRIPT = """(() => { const sheet = new CSSStyleSheet(); sheet.replaceSync(%r);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; window.kpTestNoMotion = sheet; })();""" % NO_MOTION_CSS


class StillBrowser:
    """The Playwright browser, whose new contexts and pages have motion switched off."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("reduced_motion", "reduce")
        context = self._browser.new_context(**options)
        context.add_init_script(NO_MOTION_SCRIPT)
        return context

    def new_page(self, **options):
        page = self.new_context(**options).new_page()
        page.on("close", lambda _: page.context.close())
        return page

    def __getattr__(self, name):
        return getattr(self._browser, name)
