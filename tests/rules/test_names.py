"""Names valid on every system: Windows device names refused as ids and logo names; event ids that
the events page already uses for its own elements refused."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest

from klimapakt.load import loader
from klimapakt.rules import logos, names, values

ROOT = Path(__file__).resolve().parents[2]
LOGOS = ROOT / "tests/fixtures/logos"
EVENT = """events:
  - id: {id}
    title: Erfundenes Treffen
    start: 2026-09-15
    kind: workshop
"""


@pytest.mark.parametrize("value", ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "com0"])
def test_windows_device_names_are_refused_as_ids(value):
    assert values.check_id(value) == [
        f"Die Kennung „{value}“ ist unter Windows ein reservierter Gerätename („{value}“): Dateien und Ordner mit "
        f"diesem Namen lassen sich dort weder anlegen noch entpacken. Bitte einen anderen Namen wählen, "
        f"z. B. „{value}-gmbh“."]


@pytest.mark.parametrize("value", ["con-gmbh", "console", "nulldrei", "com10", "lpt", "aux-it", "icon"])
def test_ids_that_only_contain_a_device_name_are_fine(value):
    assert values.check_id(value) == []


@pytest.mark.parametrize("name", ["con.svg", "NUL.png", "Aux.webp", "com1.jpg", "lpt9.jpeg"])
def test_windows_device_names_are_refused_as_logo_names(tmp_path, name):
    shutil.copy(LOGOS / "ok.svg", tmp_path / name)
    stem, suffix = name.split(".")
    assert logos.check_logo(name, tmp_path) == [
        f"Der Dateiname „{name}“ ist unter Windows ein reservierter Gerätename („{stem.lower()}“): Dateien und Ordner "
        f"mit diesem Namen lassen sich dort weder anlegen noch entpacken. Bitte einen anderen Namen wählen, "
        f"z. B. „{stem}-logo.{suffix}“."]


def test_a_logo_named_like_a_device_in_the_folder_is_reported_by_its_path(tmp_path):
    shutil.copy(LOGOS / "ok.svg", tmp_path / "con.svg")
    shutil.copy(LOGOS / "ok.svg", tmp_path / "console.svg")
    found = logos.folder_problems(tmp_path, [])
    assert [name for name, _ in found] == ["con.svg"]


def test_a_partner_id_con_is_an_error_at_its_line():
    text = "partners:\n  - id: con\n    name: Con GmbH\n    role: partner\n    status: partner\n    description: X.\n"
    problems = loader.load_text(text, logo_dir=LOGOS).problems
    assert [(p.line, p.field) for p in problems if "Gerätename" in p.message] == [(2, "id")]


@pytest.mark.parametrize(("value", "start"), [
    ("veranstaltungen", "Die Kennung „veranstaltungen“ hat auf der Seite „Veranstaltungen“ schon"),
    ("kommende-veranstaltungen", "Die Kennung „kommende-veranstaltungen“ hat"),
    ("kp-filter", "Die Kennung „kp-filter“ hat"),
    ("herbst-titel", "Kennungen von Veranstaltungen dürfen nicht auf „-titel“ enden"),
])
def test_event_ids_that_the_events_page_already_has_are_refused_at_their_line(value, start):
    events, problems = loader.load_events_text(EVENT.format(id=value), [])
    assert [(p.line, p.field) for p in problems] == [(2, "id")]
    assert problems[0].message.startswith(start)


@pytest.mark.parametrize("value", ["herbst-workshop", "titel", "titelseite", "veranstaltung-2026"])
def test_ordinary_event_ids_pass(value):
    events, problems = loader.load_events_text(EVENT.format(id=value), [])
    assert problems == () or list(problems) == []
    assert [e.id for e in events] == [value]


def test_the_reserved_ids_are_the_headings_of_the_events_page():
    """The page's own heading ids, as the toc extension makes them, are all reserved."""
    page = (ROOT / "docs/veranstaltungen.md").read_text(encoding="utf-8").split("---", 2)[2]
    html = markdown.markdown(re.sub(r"\{\{.*?\}\}", "", page), extensions=["toc", "attr_list"])
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert ids and ids <= names.EVENTS_PAGE_IDS


@pytest.mark.parametrize(("name", "start"), [
    ("a\nb.md", "Der Name „a\nb.md“ enthält einen Zeilenumbruch"),
    ("a:b.md", "Der Name „a:b.md“ enthält das Zeichen „:“"),
    ("frage?.md", "Der Name „frage?.md“ enthält das Zeichen „?“"),
    ("x\x1b[31m.md", "Der Name „x\x1b[31m.md“ enthält ein unsichtbares oder unlesbares Zeichen"),
    ("\udcff.md", "Der Name „\udcff.md“ enthält ein unsichtbares oder unlesbares Zeichen"),
    ("seite.", "Der Name „seite.“ endet mit einem Punkt"),
    ("con.md", "Der Name „con.md“ ist unter Windows ein reservierter Gerätename („con“)"),
    ("LPT1", "Der Name „LPT1“ ist unter Windows ein reservierter Gerätename („lpt1“)"),
])
def test_file_names_that_do_not_work_everywhere_are_refused(name, start):
    assert names.file_name_problem(name).startswith(start)


@pytest.mark.parametrize("name", ["impressum.md", "grüße-aus-bilk.md", "bericht 2026.md", "console.md", "a_b-c.1.png"])
def test_ordinary_file_names_pass(name):
    assert names.file_name_problem(name) is None


def test_a_page_with_a_line_break_in_its_name_is_refused_at_its_path(tmp_path):
    from klimapakt.rules import owners

    (tmp_path / "docs/aux").mkdir(parents=True)
    (tmp_path / "docs/aux/index.md").write_text("# X\n", encoding="utf-8")
    (tmp_path / "docs/a\n::stop-commands::b.md").write_text("# X\n", encoding="utf-8")
    (tmp_path / "docs/ok.md").write_text("# X\n", encoding="utf-8")
    found = {p.file: p.message for p in owners.owner_problems(tmp_path / "docs")}
    assert set(found) == {"docs/aux/index.md", "docs/a\n::stop-commands::b.md"}
    assert found["docs/aux/index.md"].startswith("Der Name „aux“ ist unter Windows ein reservierter Gerätename")
