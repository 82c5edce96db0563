"""The form editor end to end in Chromium, against the GitHub test double on 127.0.0.1 (tests/quality/github_double.py).

A staff member signs in with a token, creates a partner through the form (name, status, sector, Stadtbezirk,
website, a target, a measure and an uploaded logo) and saves; then edits an existing partner's website and
saves again; deletes nothing. The double writes the editor's branch to disk; after `normalize-editor` (the
workflow's step) that partners.yml passes `check` with the logo the branch holds in docs/assets/partners/,
differs from the original in exactly those two entries, and keeps its header comments. A logo the form lets
through but the logo rules refuse (an SVG with a script) fails `check` with the German message naming it.
No CSP violation, no request to another host, no API call the double does not know.
"""

from __future__ import annotations

import difflib
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, serve
from helpers.waits import until
from quality.editor import FIXTURES, LOAD_BOUND, SEED, Session, editor_against_double, list_items, name, section

pytestmark = pytest.mark.browser

NEW = {"id": "gruenwerk-testdorf", "name": "Grünwerk Testdorf GmbH", "role": "partner", "status": "partner",
       "sector": "J", "district": 7, "website": "https://gruenwerk-testdorf.example", "logo": "gruenwerk-testdorf.png",
       "agreement": {"targets": [{"year": 2030, "reduction_percent": 50, "baseline_year": 2020}],
                     "measures": [{"title": "Photovoltaik auf dem Hallendach", "field": "renewables",
                                   "status": "planned"}]}}
EDITED_WEBSITE = "https://musterbuero-kaiserpfalz.example/klima"
LOGO_UPLOAD = "Grünwerk Testdorf.png"  # as a staff member's file may be named; saved as NEW["logo"]
SCRIPT_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80"><script>alert(1)</script>'
              b'<rect width="240" height="80" fill="#0f6b5e"/></svg>')


def png(width: int, height: int) -> bytes:
    """A small, complete PNG (one green colour): the logo rules decode every pixel."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + b"\x0f\x6b\x5e" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def upload_logo(page, entry, file: Path, saved_as: str) -> None:
    """The logo field's „Durchsuchen“: the dialog uploads the file into the field's folder, „Einfügen“ sets it."""
    logo = section(entry, "Logo-Datei")
    logo.get_by_role("button", name="Durchsuchen").click()
    dialog = page.get_by_role("dialog", name="Bild auswählen")
    dialog.locator("input[type=file]").first.set_input_files(str(file))
    expect(dialog.get_by_role("option", name=saved_as)).to_be_visible()
    dialog.get_by_role("button", name="Einfügen").click()
    expect(dialog).to_have_count(0)
    expect(logo.get_by_role("textbox", name="Logo-Datei")).to_have_text(saved_as)


def choose(page, field, option: str) -> None:
    field.get_by_role("combobox").click()
    page.get_by_role("option", name=option).click()
    expect(field.get_by_role("combobox")).to_contain_text(option.split(" – ")[0])


def create_partner(page, partners, logo: Path) -> None:
    partners.get_by_role("button", name=name("Partner", "hinzufügen")).click()
    new = list_items(partners).nth(2)
    new.get_by_role("textbox", name="Kennung").fill(NEW["id"])
    new.get_by_role("textbox", name="Name").fill(NEW["name"])
    new.get_by_role("radiogroup", name="Rolle").get_by_role("radio", name="partner – Partner").check()
    new.get_by_role("radiogroup", name="Stand der Teilnahme").get_by_role("radio", name="partner – Klimapartner").check()
    choose(page, section(new, "Branche"), "J – Information und Kommunikation")
    district = section(new, "Stadtbezirk")
    district.get_by_role("combobox").click()
    page.get_by_role("option", name=re.compile(r"^Stadtbezirk 7 ")).click()
    expect(district.get_by_role("combobox")).to_contain_text("Stadtbezirk 7")
    section(new, "Website").get_by_role("textbox", name="Website").fill(NEW["website"])
    upload_logo(page, new, logo, NEW["logo"])
    agreement = section(new, "Vereinbarung")
    agreement.get_by_role("checkbox", name=name("Vereinbarung", "hinzufügen")).check()
    agreement.get_by_role("button", name="Aufklappen").click()
    targets = section(agreement, "Ziele")
    targets.get_by_role("button", name=name("Ziele", "hinzufügen")).click()
    section(targets, "Zieljahr").get_by_role("spinbutton").fill("2030")
    section(targets, "Minderung in Prozent").get_by_role("spinbutton").fill("50")
    section(targets, "Basisjahr").get_by_role("spinbutton").fill("2020")
    measures = section(agreement, "Maßnahmen")
    measures.get_by_role("button", name=name("Maßnahmen", "hinzufügen")).click()
    section(measures, "Titel").get_by_role("textbox").fill(NEW["agreement"]["measures"][0]["title"])
    choose(page, section(measures, "Handlungsfeld"), "renewables – Erneuerbare Energien")
    section(measures, "Stand der Umsetzung").get_by_role("radio", name="planned – Geplant").check()


def save(page) -> None:
    """Saved as a draft pull request: the button gives way to the status „Entwurf“ until the next change."""
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("button", name="Speichern")).to_have_count(0, timeout=LOAD_BOUND)
    expect(page.get_by_role("button", name=name("Status:", "Entwurf"))).to_be_visible()
    question = page.get_by_role("alertdialog")  # „Zur Prüfung einreichen?“: the draft stays a draft
    question.get_by_role("button", name="Später").click()
    expect(question).to_have_count(0)


def normalized(branch: Path, tmp_path):
    """`normalize-editor --base` as the workflow runs it on the branch's files (partners.yml and the logos
    in docs/): the base is the original fixture folder."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "partners.yml").write_bytes((branch / "partners.yml").read_bytes())
    if (branch / "docs").is_dir():
        shutil.copytree(branch / "docs", work / "docs")
    subprocess.run([sys.executable, "-m", "klimapakt", "normalize-editor", "--base", str(FIXTURES), "partners.yml"],
                   cwd=work, check=True, capture_output=True, text=True, timeout=120)
    return work / "partners.yml"


def entries(text: str) -> dict[str, dict]:
    return {p["id"]: p for p in yaml.safe_load(text)["partners"]}


def assert_clean(session: Session) -> None:
    assert (session.violations(), session.errors, session.requests.foreign) == ([], [], [])


def edit_website(page, index: int, website: str) -> None:
    """Reopen the saved draft, expand the entry at `index` and type a new website.

    The editor keeps a backup of a form in the browser while staff type; when that backup outlives the save
    (it is written in the background), reopening asks „Entwurf wiederherstellen?“, at an unknown moment:
    Playwright's locator handler answers it whenever it shows, with „Verwerfen“ (the saved draft is newer)."""
    page.add_locator_handler(page.get_by_role("alertdialog", name="Entwurf wiederherstellen"),
                             lambda dialog: dialog.get_by_role("button", name="Verwerfen").click())
    page.get_by_text("Partnerregister des Klimapakts").click()
    partners = page.get_by_role("group", name=name("Feld „", "Partner", "“"))
    expect(partners.get_by_text(re.compile(r"^\W*3\W* Partner$"))).to_be_visible(timeout=LOAD_BOUND)
    entry = list_items(partners).nth(index)
    entry.get_by_role("button", name="Aufklappen").first.click()
    box = section(entry, "Website").get_by_role("textbox", name="Website")
    box.fill(website)
    expect(box).to_have_value(website)


def expected_text(original: str, new_entry: str) -> str:
    """The fixture with exactly one line changed (the edited website) and the new entry appended."""
    old_line = "    website: https://musterbuero-kaiserpfalz.example\n"
    assert original.count(old_line) == 1
    return original.replace(old_line, f"    website: {EDITED_WEBSITE}\n") + new_entry


def check(saved: Path) -> subprocess.CompletedProcess:
    """`check` as the pull request runs it: partners.yml with docs/assets/partners/ beside it."""
    return subprocess.run([sys.executable, "-m", "klimapakt", "check", str(saved)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_a_partner_created_and_one_edited_in_the_form_arrive_as_a_checked_registry_change(browser, tmp_path):
    upload = tmp_path / LOGO_UPLOAD
    upload.write_bytes(png(240, 80))
    with editor_against_double(tmp_path, serve) as editor:
        session = Session(browser, editor.url)
        session.sign_in()
        page = session.page
        partners = session.open_partners()
        create_partner(page, partners, upload)
        save(page)  # back in the list of files
        edit_website(page, 1, EDITED_WEBSITE)  # the second partner, in the same draft
        save(page)
        until(lambda: assert_clean(session))  # CSP violations, console errors, foreign requests: none
        session.close()
        branches = {b: [c.message for c in commits] for b, commits in editor.repo.branches.items()}
        unknown, pulls = editor.repo.unknown, editor.repo.pulls
        (branch,) = [b for b in branches if b != "main"]
        saved = normalized(editor.repo.root / branch, tmp_path)
        committed = editor.repo.head(branch).files
    assert unknown == []
    assert len(branches[branch]) == 3, branches  # the base, the new partner, the edited website
    assert branch.startswith("cms/") and len(pulls) == 1 and pulls[0]["base"]["ref"] == "main"
    original = (FIXTURES / "partners.yml").read_text(encoding="utf-8")
    text = saved.read_text(encoding="utf-8")
    before, after = entries(original), entries(text)
    assert list(after) == [*before, NEW["id"]]  # nothing deleted, nothing reordered
    assert after[NEW["id"]] == NEW
    assert after["musterbuero-kaiserpfalz"] == {**before["musterbuero-kaiserpfalz"], "website": EDITED_WEBSITE}
    new_entry = text[text.index(f"  - id: {NEW['id']}\n"):]
    # the header, the comments and the untouched entry byte for byte; in the edited entry only its website line
    assert text == expected_text(original, new_entry), "".join(difflib.unified_diff(
        original.splitlines(True), text.splitlines(True), "fixture", "saved"))
    assert committed[f"docs/assets/partners/{NEW['logo']}"] == upload.read_bytes()  # the upload, byte for byte
    assert sorted(committed) == sorted([*SEED, f"docs/assets/partners/{NEW['logo']}"])
    checked = check(saved)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_logo_the_form_lets_through_is_refused_by_the_check_naming_the_file(browser, tmp_path):
    upload = tmp_path / "kaiserpfalz-logo.svg"
    upload.write_bytes(SCRIPT_SVG)
    with editor_against_double(tmp_path, serve) as editor:
        session = Session(browser, editor.url)
        session.sign_in()
        page = session.page
        partners = session.open_partners()
        entry = list_items(partners).nth(1)
        entry.get_by_role("button", name="Aufklappen").first.click()
        upload_logo(page, entry, upload, upload.name)
        save(page)
        until(lambda: assert_clean(session))
        session.close()
        (branch,) = [b for b in editor.repo.branches if b != "main"]
        saved = normalized(editor.repo.root / branch, tmp_path)
    assert (saved.parent / "docs/assets/partners" / upload.name).read_bytes() == SCRIPT_SVG  # not cleaned on the way
    assert entries(saved.read_text(encoding="utf-8"))["musterbuero-kaiserpfalz"]["logo"] == upload.name
    checked = check(saved)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert (f"docs/assets/partners/{upload.name}:1: Datei: Das SVG enthält das Element <script>; das ist aus "
            "Sicherheitsgründen nicht erlaubt.") in checked.stdout.splitlines()[1], checked.stdout
