"""`check --release`: the legally required pages are the project's own, alone at their address,
rendered with their macros and showing every required value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from klimapakt import legal_pages, release
from klimapakt.__main__ import main

FILLED = FIXTURES / "mkdocs-release-filled.yml"


@pytest.fixture
def docs(tmp_path) -> Path:
    copy = tmp_path / "docs"
    copy.mkdir()
    for page in legal_pages.PAGES:
        shutil.copy(ROOT / "docs" / page.file, copy / page.file)
    return copy


def messages(docs: Path) -> list[tuple[str, str]]:
    return [(p.file, p.message) for p in legal_pages.page_problems(docs)]


def test_the_shipped_pages_pass(docs):
    assert messages(docs) == []
    assert legal_pages.page_problems(ROOT / "docs") == []


def test_every_required_value_is_shown_by_a_required_page():
    shown = {key for page in legal_pages.PAGES for key in page.settings}
    assert {r.key for r in release.REQUIRED} <= shown


def test_an_impressum_in_a_folder_that_would_replace_the_shipped_one_is_refused(docs):
    (docs / "impressum").mkdir()
    (docs / "impressum/index.md").write_text("# Impressum\n\nNichts.\n", encoding="utf-8")
    assert messages(docs) == [("docs/impressum.md", "Die Seite „Impressum“ ist Pflicht (§ 5 DDG, § 18 Abs. 2 MStV), "
                               "aber auch docs/impressum/index.md ergibt ihre Adresse „/impressum/“ und würde sie "
                               "ersetzen. Bitte docs/impressum/index.md löschen.")]


def test_a_missing_page_is_refused(docs):
    (docs / "barrierefreiheit.md").unlink()
    assert messages(docs) == [("docs/barrierefreiheit.md", "Die Seite „Erklärung zur Barrierefreiheit“ ist Pflicht "
                               "(§ 10b BGG NRW); docs/barrierefreiheit.md fehlt. Bitte die Datei aus dem Projekt "
                               "wiederherstellen.")]


def test_a_page_that_no_longer_shows_a_required_value_is_refused(docs):
    text = (docs / "impressum.md").read_text(encoding="utf-8")
    (docs / "impressum.md").write_text(text.replace('setting("impressum.telefon")', '"0211 0"'), encoding="utf-8")
    assert messages(docs) == [("docs/impressum.md", "Die Seite „Impressum“ ist Pflicht (§ 5 DDG, § 18 Abs. 2 MStV); "
                               "docs/impressum.md zeigt „impressum.telefon“ nicht mehr an. Bitte den Baustein "
                               "{{ setting(\"…\") }} dafür wieder einfügen (siehe die Fassung im Projekt).")]


def test_a_page_without_macros_is_refused(docs):
    text = (docs / "datenschutz.md").read_text(encoding="utf-8")
    (docs / "datenschutz.md").write_text(text.replace("---\n", "---\nrender_macros: false\n", 1), encoding="utf-8")
    assert [m for _, m in messages(docs)] == [
        "Die Seite „Datenschutzerklärung“ ist Pflicht (Art. 13 DSGVO); mit „render_macros: false“ zeigt "
        "docs/datenschutz.md die eingetragenen Angaben nicht an. Bitte die Zeile entfernen."]


def test_a_symlinked_page_is_refused(docs, tmp_path):
    target = tmp_path / "fremd.md"
    target.write_text("# Leichte Sprache\n", encoding="utf-8")
    (docs / "leichte-sprache.md").unlink()
    (docs / "leichte-sprache.md").symlink_to(target)
    [(file, message)] = messages(docs)
    assert file == "docs/leichte-sprache.md" and "Verknüpfung (Symlink)" in message


def test_check_release_fails_with_a_shadowed_impressum_though_every_value_is_filled(tmp_path, monkeypatch, capsys):
    for name in ("partners.yml", "events.yml", "kennzahlen.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--release", "--config", str(FILLED)]) == 0
    capsys.readouterr()
    (tmp_path / "docs/impressum").mkdir()
    (tmp_path / "docs/impressum/index.md").write_text("# Impressum\n", encoding="utf-8")
    assert main(["check", "--release", "--config", str(FILLED)]) == 1
    out = capsys.readouterr().out
    assert "Die Pflichtseiten unter docs/ sind nicht die, die das Projekt mitbringt:" in out
    assert "docs/impressum.md:1: Datei: Die Seite „Impressum“ ist Pflicht" in out


def test_a_page_differing_only_in_case_is_refused_too(docs):
    (docs / "Impressum.md").write_text("# Impressum\n", encoding="utf-8")
    assert [file for file, _ in messages(docs)] == ["docs/impressum.md"]
