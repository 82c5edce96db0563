"""axe-core on the form editor's main views (/admin/, Sveltia CMS), on a phone and a desktop width.

The editor is a vendored program: what axe finds in it we cannot fix in our templates. Nothing is hidden
from the report: every rule axe finds violated is named, with the views, in the Erklärung zur
Barrierefreiheit (docs/barrierefreiheit.md, section „Formular-Editor“, as „axe-Regel `rule-id`“), and the
statement names no rule that axe no longer finds. The editor's page policy forbids inline scripts: axe is
injected by evaluation (tests/quality/axe.py), which the policy does not govern.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, serve
from quality import github_double
from quality.axe import describe_violations, run_axe
from quality.editor import LOAD_BOUND, Session, editor_against_double, list_items

pytestmark = [pytest.mark.browser, pytest.mark.npm]

STATEMENT = ROOT / "docs/barrierefreiheit.md"
SECTION = "### Formular-Editor"
RULE_RE = re.compile(r"axe-Regel `([a-z0-9-]+)`")
WIDTHS = (390, 1280)  # a phone and a desktop


def listed_rules(text: str) -> set[str]:
    """The axe rules the statement's section on the editor names."""
    start = text.index(SECTION)
    end = min((i for i in (text.find("\n## ", start), text.find("\n### ", start + 1)) if i > 0), default=len(text))
    return set(RULE_RE.findall(text[start:end]))


def main_views(session: Session, width: int):
    """Each main view of the editor as staff reach it, by name, once it has settled."""
    page = session.page
    page.goto(session.url)
    start = page.get_by_role("button", name="Mit Zugriffstoken anmelden")
    expect(start).to_be_visible(timeout=LOAD_BOUND)
    page.wait_for_function("document.fonts.status === 'loaded'")
    yield "Anmeldung"
    start.click()
    expect(page.get_by_role("textbox")).to_be_visible()
    yield "Anmeldung mit Token"
    page.get_by_role("textbox").fill(github_double.TOKEN)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("radio", name="Inhalte")).to_be_checked(timeout=LOAD_BOUND)
    if width < 600:  # on a phone the list of collections comes first, a collection's files on their own view
        expect(page.get_by_role("treeitem", name="Partner")).to_be_visible(timeout=LOAD_BOUND)
        yield "Liste der Sammlungen"
        page.get_by_role("treeitem", name="Partner").click()
    expect(page.get_by_text("Partnerregister des Klimapakts")).to_be_visible(timeout=LOAD_BOUND)
    yield "Sammlung Partner"
    partners = session.open_partners()
    yield "Formular partners.yml"
    entry = list_items(partners).first
    entry.get_by_role("button", name="Aufklappen").first.click()
    expect(entry.get_by_role("textbox", name="Kennung")).to_be_visible()
    yield "Formular eines Partners"


def test_every_axe_violation_in_the_editor_is_named_in_the_accessibility_statement(browser, tmp_path):
    found: dict[str, set[str]] = {}  # rule -> views
    details: list[str] = []
    with editor_against_double(tmp_path, serve) as editor:
        for width in WIDTHS:
            session = Session(browser, editor.url, width=width)
            seen = []
            for view in main_views(session, width):
                seen.append(view)
                for violation in run_axe(session.page):
                    found.setdefault(violation["id"], set()).add(f"{view} ({width} px)")
                    details += [f"{view} ({width} px): {line}" for line in describe_violations([violation])]
            session.close()
            assert len(seen) == (6 if width < 600 else 5), seen  # every view was reached
    listed = listed_rules(STATEMENT.read_text(encoding="utf-8"))
    missing = sorted(set(found) - listed)
    assert not missing, ("axe finds violations in the editor that docs/barrierefreiheit.md does not name "
                         "(„axe-Regel `…`“ in the section „Formular-Editor“):\n" + "\n".join(details))
    assert listed <= set(found), f"the statement names rules axe no longer finds: {sorted(listed - set(found))}"


def test_the_statement_section_is_read_as_written():
    text = "## A\n### Formular-Editor\n- x (axe-Regel `aria-valid-attr-value`)\n### Next\n- (axe-Regel `other`)\n"
    assert listed_rules(text) == {"aria-valid-attr-value"}
