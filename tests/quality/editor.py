"""The form editor (/admin/) in Chromium against the GitHub test double: set up, sign in, open the form.

The editor's files are written by the build's own step (klimapakt.mkdocs.admin.write_admin) with the API
address of the double (tests/quality/github_double.py, 127.0.0.1), and served by a plain server on
another port of 127.0.0.1, as GitHub Pages would serve them (the meta policy alone).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from playwright.sync_api import expect

from klimapakt.hosting import csp, redirects
from klimapakt.mkdocs import admin

from . import github_double
from .privacy import RequestLog

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests/fixtures/editor"
REPOSITORY = ("besitzer", "klimapakt-test")
SEED = {"partners.yml": FIXTURES / "partners.yml", "events.yml": ROOT / "tests/fixtures/events-valid.yml"}
# Before any page script: every CSP violation of the page lands in a list.
WATCH = """window.kpViolations = [];
document.addEventListener('securitypolicyviolation', e => window.kpViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));"""
LOAD_BOUND = 30_000  # ms: a bound against hangs for the editor's first load, not a timing


def name(*words: str) -> re.Pattern:
    """An accessible name of the editor's: it wraps inserted words in Unicode isolates (U+2068/U+2069)."""
    return re.compile(r"^\W*" + r"\W*".join(re.escape(w) for w in words) + r"\W*$")


def list_items(field):
    """The entries of a list field, in order (the editor's own markup: one .item per entry)."""
    return field.locator(".item-list").first.locator(":scope > .item-wrapper > .item")


# The editor renders a long form's fields as they scroll into view: scroll on until the field is there.
_SCROLL_TO_FIELD = """([root, label]) => {
  const named = g => (g.getAttribute('aria-label') || '').replace(/[\u2068\u2069]/g, '') === `Feld „${label}“`;
  const groups = [...root.querySelectorAll('[role=group]')];
  const found = groups.find(named);
  (found || groups[groups.length - 1] || root).scrollIntoView({block: found ? 'center' : 'start'});
  return !!found;
}"""


def section(parent, label: str):
    parent.page.wait_for_function(_SCROLL_TO_FIELD, arg=[parent.element_handle(), label], timeout=LOAD_BOUND)
    return parent.get_by_role("group", name=name("Feld „", label, "“"))


@dataclass
class Editor:
    url: str  # the editor's page, /admin/
    repo: github_double.Repository


def write_editor(site: Path, api_root: str) -> Path:
    settings = {"editor": {"repository": "/".join(REPOSITORY), "api_root": api_root}}
    return admin.write_admin(site, ROOT, settings)


def seeded_repository(root: Path) -> github_double.Repository:
    """The double's repository with the fictional registries of tests/fixtures on main."""
    repo = github_double.Repository(*REPOSITORY, root=root)
    repo.seed({path: source.read_bytes() for path, source in SEED.items()})
    return repo


def api_root(server) -> str:
    """The editor's `api_root` for a running double (where a GitHub Enterprise Server has its API)."""
    return f"http://127.0.0.1:{server.server_address[1]}/api/v3"


@contextlib.contextmanager
def editor_against_double(tmp: Path, serve) -> Iterator[Editor]:
    """A fresh repository in the double, the editor's files written for it, both servers running."""
    repo = seeded_repository(tmp / "branches")
    api = github_double.serve(repo)
    write_editor(tmp / "site", api_root(api))
    web = serve(tmp / "site")
    try:
        yield Editor(f"http://127.0.0.1:{web.server_address[1]}/admin/", repo)
    finally:
        web.shutdown()
        api.shutdown()


class Session:
    """One browser context on the editor: requests logged, CSP violations and console errors collected."""

    def __init__(self, browser, url: str, width: int = 1280):
        self.context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
        self.context.add_init_script(WATCH)
        self.requests = RequestLog(self.context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.url = url

    def sign_in(self) -> None:
        page = self.page
        page.goto(self.url)
        page.get_by_role("button", name="Mit Zugriffstoken anmelden").click()
        page.get_by_role("textbox").fill(github_double.TOKEN)
        page.get_by_role("button", name="Anmelden", exact=True).click()
        expect(page.get_by_role("radio", name="Inhalte")).to_be_checked(timeout=LOAD_BOUND)

    def open_partners(self):
        """The form of partners.yml; returns the list field „Partner“."""
        page = self.page
        page.get_by_text("Partnerregister des Klimapakts").click()
        partners = page.get_by_role("group", name=name("Feld „", "Partner", "“"))
        expect(partners.get_by_text(re.compile(r"^\W*\d+\W* Partner$"))).to_be_visible(timeout=LOAD_BOUND)
        return partners

    def violations(self) -> list[str]:
        self.page.wait_for_load_state("networkidle")  # a blocked load reports after its request
        return self.page.evaluate("() => window.kpViolations")

    def close(self) -> None:
        self.context.close()


def small_site(site: Path, *, with_editor: bool, api_root: str = "https://api.github.com") -> Path:
    """A page and the 404 page with the build's own policy snippet, redirects (none) and the editor step."""
    site.mkdir(parents=True)
    for name in ("index.html", "404.html"):
        (site / name).write_text(f'<!doctype html><html lang="de"><meta charset="utf-8"><title>{name}</title>'
                                 "<script>document.title += '!'</script></html>", encoding="utf-8")
    csp.secure_site(site)
    redirects.write_nginx_redirects(site, [])
    if with_editor:
        write_editor(site, api_root)
    else:
        assert admin.write_admin(site, ROOT, {}) is None  # the policy file only
    return site
