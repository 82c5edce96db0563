"""The change summary: `check --base REF` lists what a pull request adds, removes and changes.

Fixture pairs (base, new) for partners.yml and events.yml; the comparison itself is pure
(klimapakt.changes), the CLI reads the base from a file, a folder or a git revision.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import pytest

from conftest import ROOT, TODAY
from helpers.corpus import ACME
from klimapakt.load import loader
from klimapakt.review import changes
from klimapakt.__main__ import main
from klimapakt.report import WARNING

LOGOS = ROOT / "docs/assets/partners"

BASE = ACME + """\
    website: https://acme.example
    description: >-
      Acme stellt in Düsseldorf Werkzeuge her und spart seit Jahren Energie in allen Hallen,
      vom Dach bis zum Keller.
    contact:
      name: Erika Beispiel
      email: klima@acme.example

  - id: beta
    name: Beta AG
    role: partner
    status: letter-of-intent

  - id: gamma
    name: Gamma KG
    role: founding
    status: founding
"""


def partners(text: str):
    loaded = loader.load_text(text, today=TODAY, logo_dir=LOGOS)
    return loaded.partners, loaded.problems


def compare(old: str, new: str):
    return changes.compare(partners(old)[0], partners(new)[0], changes.PARTNERS)


def test_an_added_partner_is_listed_with_its_line_and_name():
    new = BASE + "\n  - id: delta\n    name: Delta e. K.\n    role: partner\n    status: letter-of-intent\n"
    summary, problems = compare(BASE, new)
    assert [(e.id, e.label, e.line) for e in summary.added] == [("delta", "Delta e. K.", 24)]
    assert summary.removed == summary.changed == ()
    assert problems == []  # adding is no accident


def test_a_removed_partner_is_a_warning_at_the_next_entry_worded_for_a_reviewer():
    new = BASE.replace("  - id: beta\n    name: Beta AG\n    role: partner\n    status: letter-of-intent\n\n", "")
    summary, problems = compare(BASE, new)
    assert [e.id for e in summary.removed] == ["beta"]
    gamma_line = next(p.line for p in partners(new)[0] if p.id == "gamma")
    assert [(p.line, p.entry, p.field, p.severity) for p in problems] == [(gamma_line, "beta", "-", WARNING)]
    assert problems[0].message.startswith("Eintrag „beta“ (Beta AG) ist nicht mehr da – gewollt?")
    assert "status: former" in problems[0].message


def test_the_last_partner_removed_is_reported_at_the_end_of_the_one_before():
    new = BASE[:BASE.index("\n  - id: gamma")] + "\n"
    _, problems = compare(BASE, new)
    assert [(p.entry, p.line) for p in problems] == [("gamma", 17)]  # beta's last line


def test_changed_fields_show_old_and_new_for_short_values_and_geaendert_for_long_text():
    new = (BASE.replace("https://acme.example", "https://www.acme.example")
           .replace("vom Dach bis zum Keller.", "vom Dach bis in den Keller.")
           .replace("status: letter-of-intent", "status: partner"))
    summary, problems = compare(BASE, new)
    described = {e.id: [(c.path, changes.describe(c, str)) for c in e.fields] for e in summary.changed}
    assert described == {
        "acme": [("website", "„https://acme.example“ → „https://www.acme.example“"), ("description", "geändert")],
        "beta": [("status", "„letter-of-intent“ → „partner“")],
    }
    assert problems == []


def test_a_field_that_had_a_value_and_is_gone_is_a_warning_at_the_nearest_line():
    new = BASE.replace("    website: https://acme.example\n", "").replace("      email: klima@acme.example\n", "")
    summary, problems = compare(BASE, new)
    assert [(c.path, changes.describe(c, str)) for c in summary.changed[0].fields] == [
        ("website", "entfernt (bisher „https://acme.example“)"),
        ("contact.email", "entfernt (bisher „klima@acme.example“)"),
    ]
    assert [(p.line, p.entry, p.field) for p in problems] == [(2, "acme", "website"), (9, "acme", "contact.email")]
    assert all(p.severity == WARNING and p.message.endswith("gewollt?") for p in problems)
    assert "bisher „https://acme.example“" in problems[0].message


def test_a_whole_section_removed_is_one_warning_and_a_list_shows_its_count():
    base = BASE + "    emissions:\n      - year: 2023\n        scope1: 10\n      - year: 2024\n        scope1: 9\n"
    new = BASE.replace("    contact:\n      name: Erika Beispiel\n      email: klima@acme.example\n", "") + \
        "    emissions:\n      - year: 2024\n        scope1: 9\n"
    summary, problems = compare(base, new)
    fields = {e.id: [(c.path, changes.describe(c, str)) for c in e.fields] for e in summary.changed}
    assert fields == {"acme": [("contact", "entfernt")], "gamma": [("emissions", "geändert (2 → 1 Einträge)")]}
    assert [(p.entry, p.field) for p in problems] == [("acme", "contact")]


def test_every_dataclass_field_is_compared_without_a_list_of_fields():
    @dataclasses.dataclass(frozen=True)
    class Record:  # a record type the comparison has never seen
        id: str
        colour: str | None = None
        line: int = dataclasses.field(default=0, compare=False)

    summary, problems = changes.compare([Record("x", "grün", 1)], [Record("x", None, 7)], changes.EVENTS)
    assert [(c.path, c.old, c.new) for c in summary.changed[0].fields] == [("colour", "grün", None)]
    assert [(p.line, p.field) for p in problems] == [(7, "colour")]  # `line` (compare=False) is no data


def test_an_entry_with_errors_now_is_not_reported_as_removed():
    new = BASE.replace("status: letter-of-intent", "status: unterschrieben")
    records, found = partners(new)
    assert "beta" not in {p.id for p in records}  # the loader leaves the broken entry out
    summary, problems = changes.compare(partners(BASE)[0], records, changes.PARTNERS,
                                        unreadable={p.entry for p in found if p.severity == "error"})
    assert summary.removed == () and summary.unreadable == ("beta",)
    assert problems == []


def test_markdown_escapes_data_and_marks_ids_and_fields_as_code():
    hostile = BASE.replace("name: Beta AG", 'name: "Beta |*AG*| [x](javascript:alert(1))"')
    summary, _ = compare(BASE, hostile)
    text = changes.render_markdown([summary], "origin/main")
    assert "](javascript" not in text and "|*AG" not in text
    assert "- `beta` – Beta &#124;&#42;AG&#42;&#124; &#91;x&#93;&#40;javascript:alert&#40;1&#41;&#41; (Zeile 14)" in text
    assert "  - `name`: „Beta AG“ → „Beta &#124;&#42;AG" in text
    assert text.startswith("### Was dieser Pull Request ändert\n\n#### partners.yml gegenüber `origin/main`: "
                           "0 neu, 0 entfernt, 1 geändert.")


EVENTS_BASE = """\
events:
  - id: treffen
    title: Netzwerktreffen
    start: 2026-12-01T18:00
    end: 2026-12-01T20:00
    kind: network-meeting
    partners: [acme]

  - id: workshop
    title: Workshop Energie
    start: 2026-12-10
    kind: workshop
"""


def test_events_changed_and_removed():
    new = EVENTS_BASE.replace("2026-12-01T18:00", "2026-12-01T17:30").replace("partners: [acme]", "partners: [acme, beta]")
    new = new[:new.index("\n  - id: workshop")] + "\n"
    ids = {"acme", "beta"}
    old_events = loader.load_events_text(EVENTS_BASE, ids, today=TODAY)[0]
    new_events = loader.load_events_text(new, ids, today=TODAY)[0]
    summary, problems = changes.compare(old_events, new_events, changes.EVENTS)
    assert [(c.path, changes.describe(c, str)) for c in summary.changed[0].fields] == [
        ("start", "„2026-12-01T18:00“ → „2026-12-01T17:30“"), ("partners", "geändert (1 → 2 Einträge)")]
    assert [(p.file, p.entry, p.line) for p in problems] == [("events.yml", "workshop", 7)]
    assert problems[0].message == "Eintrag „workshop“ (Workshop Energie) ist nicht mehr da – gewollt?"


# The command line ---------------------------------------------------------------------------------

def write(folder, name: str, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_check_base_file_prints_the_summary_and_warnings_but_stays_green(tmp_path, capsys):
    base = write(tmp_path / "base", "partners.yml", BASE)
    new = write(tmp_path / "new", "partners.yml", BASE.replace("  - id: gamma\n    name: Gamma KG\n", "  - id: gamma\n    name: Gamma KG & Co.\n")
                .replace("    website: https://acme.example\n", ""))
    assert main(["check", str(new), "--base", str(base), "--logo-dir", str(LOGOS)]) == 0
    out = capsys.readouterr().out
    assert "partners.yml:2: acme: website: Das Feld „website“ hatte einen Wert (bisher „https://acme.example“)" in out
    assert ("partners.yml gegenüber " + str(base) + ": 0 neu, 0 entfernt, 2 geändert.\n\nGeändert:\n"
            "- acme – Acme GmbH (Zeile 2)\n  - website: entfernt (bisher „https://acme.example“)\n"
            "- gamma – Gamma KG & Co. (Zeile 18)\n  - name: „Gamma KG“ → „Gamma KG & Co.“") in out


def test_check_base_folder_compares_both_files(tmp_path, capsys, monkeypatch):
    write(tmp_path / "base", "partners.yml", BASE)
    write(tmp_path / "base", "events.yml", EVENTS_BASE)
    write(tmp_path, "partners.yml", BASE)
    write(tmp_path, "events.yml", EVENTS_BASE.replace("title: Workshop Energie", "title: Workshop Wärme"))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--base", "base", "--logo-dir", str(LOGOS)]) == 0
    out = capsys.readouterr().out
    assert "partners.yml gegenüber base: keine Änderungen." in out
    assert "events.yml gegenüber base: 0 neu, 0 entfernt, 1 geändert." in out
    assert "  - title: „Workshop Energie“ → „Workshop Wärme“" in out


def test_check_base_git_revision(tmp_path, capsys, monkeypatch):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    write(tmp_path, "partners.yml", BASE)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for command in (["init", "-q"], ["add", "partners.yml"], ["commit", "-q", "-m", "base"]):
        subprocess.run([git, *command], cwd=tmp_path, env=env, check=True)
    write(tmp_path, "partners.yml", BASE.replace("  - id: beta\n    name: Beta AG\n    role: partner\n    status: letter-of-intent\n\n", ""))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "partners.yml", "--base", "HEAD", "--logo-dir", str(LOGOS)]) == 0
    out = capsys.readouterr().out
    assert "partners.yml:14: beta: Eintrag „beta“ (Beta AG) ist nicht mehr da – gewollt?" in out
    assert "Entfernt – bitte prüfen, ob das gewollt ist:\n- beta – Beta AG" in out


def test_an_unreadable_base_is_one_line_and_does_not_fail(tmp_path, capsys, monkeypatch):
    write(tmp_path, "partners.yml", BASE)
    monkeypatch.chdir(tmp_path)  # no git repository here
    assert main(["check", "partners.yml", "--base", "origin/main", "--logo-dir", str(LOGOS)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "origin/main" in line]
    assert len(lines) == 1 and lines[0].startswith("Kein Vergleich mit „origin/main“ möglich: partners.yml gibt es dort nicht")
    assert main(["check", "partners.yml", "--base=--output=x", "--logo-dir", str(LOGOS)]) == 0
    assert "weder eine Datei noch eine Git-Revision" in capsys.readouterr().out
    assert not (tmp_path / "x").exists()


def test_a_file_that_cannot_be_read_now_is_not_everything_removed(tmp_path, capsys):
    base = write(tmp_path / "base", "partners.yml", BASE)
    new = write(tmp_path / "new", "partners.yml", BASE.replace("    role: founding", "    role founding"))
    assert main(["check", str(new), "--base", str(base), "--logo-dir", str(LOGOS)]) == 1
    out = capsys.readouterr().out
    assert "nicht mehr da" not in out
    assert "die Änderungsübersicht folgt, sobald sie behoben sind" in out

