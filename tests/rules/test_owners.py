"""Every address of the built site has one owner: a page that another page or a generated file would
overwrite is refused by `check` and the build, naming the file and the address, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from klimapakt.report import ERROR, Problem
from klimapakt.rules import owners
from test_logos import build, check_output, repo  # noqa: F401  (repo is a fixture)


@pytest.mark.parametrize(("src", "path"), [
    ("index.md", "index.html"), ("impressum.md", "impressum/index.html"), ("impressum/index.md", "impressum/index.html"),
    ("impressum/README.md", "impressum/index.html"), ("a/b.markdown", "a/b/index.html"), ("sitemap.xml", "sitemap.xml"),
    ("assets/partners/x.svg", "assets/partners/x.svg"),
])
def test_site_path_is_where_mkdocs_writes_the_file(src, path):
    assert owners.site_path(src) == path


def write(docs: Path, *names: str) -> None:
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Seite\n", encoding="utf-8")


def messages(docs: Path) -> dict[str, str]:
    return {p.file: p.message for p in owners.owner_problems(docs)}


def test_a_page_in_a_folder_that_shadows_a_page_is_refused_naming_both(tmp_path):
    docs = tmp_path / "docs"
    write(docs, "impressum.md", "impressum/index.md", "kontakt.md", "kontakt/README.md")
    assert owners.owner_problems(docs) == [
        Problem(1, "Datei", "-", "Diese Datei ergibt dieselbe Adresse „/impressum/“ wie docs/impressum.md; eine der "
                "beiden würde die andere ersetzen. Bitte eine davon umbenennen oder löschen.", ERROR,
                "docs/impressum/index.md"),
        Problem(1, "Datei", "-", "Diese Datei ergibt dieselbe Adresse „/kontakt/“ wie docs/kontakt.md; eine der "
                "beiden würde die andere ersetzen. Bitte eine davon umbenennen oder löschen.", ERROR,
                "docs/kontakt/README.md")]


@pytest.mark.parametrize(("src", "owner"), [
    ("sitemap.xml", "die Sitemap für Suchmaschinen"),
    ("sitemap.xml.gz", "die Sitemap für Suchmaschinen"),
    ("404.md", None),  # 404/index.html is no conflict
    ("search/search_index.json", "die Suche (ihr Suchindex)"),
    ("aktuelles/feed.xml", "der RSS-Feed der Meldungen"),
    ("aktuelles/feed.json", "der JSON-Feed der Meldungen"),
    ("veranstaltungen.ics", "das Kalender-Abonnement"),
    ("veranstaltungen/herbst-workshop.ics", "die Kalenderdateien der Veranstaltungen"),
    ("daten/partners.csv", "die offenen Daten (CSV, JSON, Excel)"),
    ("daten/neu.md", "die offenen Daten (CSV, JSON, Excel)"),
    ("partner/muster-gmbh/index.md", "die Partnerprofile und ihre Siegel"),
    ("partner/muster-gmbh/badge.svg", "die Partnerprofile und ihre Siegel"),
    ("partner.md", "die Partnerprofile und ihre Siegel"),
    ("kontakt/geschaeftsstelle-klimapakt.vcf", "die Visitenkarte der Geschäftsstelle"),
    ("aktuelles/archive/2026.md", "das Archiv der Meldungen"),
])
def test_a_file_where_the_site_writes_its_own_is_refused(tmp_path, src, owner):
    docs = tmp_path / "docs"
    write(docs, src)
    found = messages(docs)
    if owner is None:
        assert found == {}
        return
    assert found == {f"docs/{src}": f"Diese Datei ergäbe „{owners.address(owners.site_path(src))}“; dort schreibt die "
                                    f"Website schon {owner}. Bitte die Datei umbenennen oder löschen."}


FOLDER_MESSAGE = "Diese Datei ergäbe „{}“, aber dort steht ein Ordner ({}). Bitte die Datei umbenennen."
SAME_MESSAGE = ("Diese Datei ergibt dieselbe Adresse „{}“ wie {}; eine der beiden würde die andere ersetzen. Bitte eine "
                "davon umbenennen oder löschen.")


@pytest.mark.parametrize(("names", "expected"), [
    (("impressum.md", "impressum", "kontakt"), {  # a file where a folder stands
        "docs/impressum": FOLDER_MESSAGE.format("/impressum", "andere Dateien aus docs/"),
        "docs/kontakt": FOLDER_MESSAGE.format("/kontakt", "die Visitenkarte der Geschäftsstelle")}),
    (("impressum.md", "Impressum.md", "Sitemap.xml"), {  # names that differ only in case collide, as on Windows
        "docs/impressum.md": SAME_MESSAGE.format("/impressum/", "docs/Impressum.md"),
        "docs/Sitemap.xml": "Diese Datei ergäbe „/Sitemap.xml“; dort schreibt die Website schon die Sitemap für "
                            "Suchmaschinen. Bitte die Datei umbenennen oder löschen."}),
])
def test_files_where_a_folder_or_another_file_stands_are_refused(tmp_path, names, expected):
    docs = tmp_path / "docs"
    write(docs, *names)
    assert messages(docs) == expected


def test_the_sites_own_pages_have_their_addresses_alone(tmp_path):
    docs = tmp_path / "docs"
    write(docs, "index.md", "daten.md", "veranstaltungen.md", "kontakt.md", "aktuelles/index.md",
          "aktuelles/posts/2026-10-01-auftakt.md", "assets/partners/muster.svg", "assets/js/header-controls.js", ".hidden.md")
    assert owners.owner_problems(docs) == []


def test_the_shipped_docs_folder_has_one_owner_per_address():
    assert owners.owner_problems(Path(__file__).resolve().parents[2] / "docs") == []


def test_generated_matches_the_generators_constants():
    from klimapakt import vocabulary
    from klimapakt.exports import EXPORT_DIR
    from klimapakt.mkdocs import site
    from klimapakt.model import Event
    from klimapakt.outputs import badges, feeds, ical, vcard

    event = Event(id="herbst-workshop", title="T", start=dt.date(2026, 9, 1), kind="workshop", line=1, lines={})
    for path in (feeds.RSS_PATH, feeds.JSON_PATH, ical.FEED_PATH, ical.event_file_path(event), vcard.VCARD_PATH,
                 f"{EXPORT_DIR}/partners.csv", site.SEARCH_INDEX, f"{vocabulary.PROFILE_DIR}/x/{badges.BADGE_FILE}",
                 f"{vocabulary.PROFILE_DIR}/x/index.html"):
        assert owners.generated_owner(path), path


# --- `check` and the build of a copy of the repository

@pytest.mark.parametrize(("name", "message"), [
    ("impressum/index.md", "Diese Datei ergibt dieselbe Adresse „/impressum/“ wie docs/impressum.md"),
    ("sitemap.xml", "Diese Datei ergäbe „/sitemap.xml“; dort schreibt die Website schon die Sitemap"),
    ("veranstaltungen.ics", "Diese Datei ergäbe „/veranstaltungen.ics“; dort schreibt die Website schon das Kalender"),
    ("daten/partners.csv", "Diese Datei ergäbe „/daten/partners.csv“; dort schreibt die Website schon die offenen"),
    ("search/search_index.json", "Diese Datei ergäbe „/search/search_index.json“; dort schreibt"),
    ("aktuelles/feed.xml", "Diese Datei ergäbe „/aktuelles/feed.xml“; dort schreibt die Website schon der RSS"),
])
def test_check_and_build_refuse_a_colliding_page_without_a_traceback(repo, capsys, name, message):  # noqa: F811
    (repo / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / "docs" / name).write_text("# Fremd\n", encoding="utf-8")
    code, out = check_output(repo, capsys)
    assert code == 1 and f"docs/{name}:1: Datei: {message}" in out
    result = build(repo)
    assert result.returncode == 1
    assert f"docs/{name}:1: Datei: {message}" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_page_where_a_news_post_is_written_is_refused(tmp_path):
    docs = tmp_path / "docs"
    write(docs, "aktuelles/index.md", "aktuelles/erstes-treffen.md")
    (docs / "aktuelles/posts").mkdir()
    (docs / "aktuelles/posts/2022-12-treffen.md").write_text(
        "---\ndate: 2022-12-01\nslug: erstes-treffen\n---\n\n# Erstes Treffen\n", encoding="utf-8")
    (docs / "aktuelles/posts/2023-01-ohne-slug.md").write_text("---\ndate: 2023-01-01\n---\n\n# X\n", encoding="utf-8")
    assert messages(docs) == {
        "docs/aktuelles/posts/2022-12-treffen.md": "Diese Datei ergibt dieselbe Adresse „/aktuelles/erstes-treffen/“ "
        "wie docs/aktuelles/erstes-treffen.md; eine der beiden würde die andere ersetzen. Bitte eine davon umbenennen "
        "oder löschen."}
    assert owners.site_path("aktuelles/posts/2023-01-ohne-slug.md", docs) == "aktuelles/2023-01-ohne-slug/index.html"


def test_the_posts_folder_is_the_projects():
    from klimapakt.mkdocs.project import POSTS_DIR

    assert owners.POSTS_DIR == POSTS_DIR


@pytest.mark.parametrize("src", ["404.md", "a/README.md", "README.md", "a/index.md", "x.markdown", "Index.md", "a/b.MD",
                                 "a/b.mdown", "bilder/logo.png", "a/index.html"])
def test_site_path_agrees_with_mkdocs(src):
    from mkdocs.structure.files import File

    assert owners.site_path(src) == File(src, "/docs", "/site", use_directory_urls=True).dest_uri
