"""Pages and posts in `check`: the same file:line messages in the log, the annotations and the job summary."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from klimapakt.__main__ import main


def test_an_impossible_post_date_is_an_annotation_and_a_summary_row_not_a_traceback(tmp_path, monkeypatch, capsys):
    shutil.copy(ROOT / "partners.yml", tmp_path / "partners.yml")
    posts = tmp_path / "docs/aktuelles/posts"
    posts.mkdir(parents=True)
    (posts / "neu.md").write_text("---\ndate: 2026-12-32\ndescription: Neues Treffen\n---\n\n# Neu\n", encoding="utf-8")
    (tmp_path / "docs/seite.md").write_text("# Seite\n\n[Neu](aktuelles/posts/neu.md) [Alt](aktuelles/posts/alt.md)\n",
                                            encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.chdir(tmp_path)
    for name in ("KLIMAPAKT_REGISTRY", "KLIMAPAKT_EVENTS", "KLIMAPAKT_FIGURES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", "--github"]) == 1
    out = capsys.readouterr().out
    assert "  docs/aktuelles/posts/neu.md:2: Meldung: date: „2026-12-32“: den 32. Dezember 2026 gibt es nicht." in out
    assert ("::error file=docs/aktuelles/posts/neu.md,line=2,title=Meldung%3A date::„2026-12-32“: den 32. Dezember "
            "2026 gibt es nicht. Bitte den Tag prüfen.") in out
    assert ("::error file=docs/seite.md,line=3,title=Seite::Die Seite „aktuelles/posts/alt.md“ gibt es nicht. "
            "Meinten Sie „aktuelles/posts/neu.md“?") in out
    assert ("| docs/aktuelles/posts/neu.md | 2 | Fehler | Meldung | date | „2026-12-32“: den 32. Dezember 2026 gibt es "
            "nicht. Bitte den Tag prüfen. |") in summary.read_text(encoding="utf-8")
    assert "Traceback" not in out


@pytest.mark.data
def test_the_repository_s_pages_and_posts_pass(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    for name in ("KLIMAPAKT_REGISTRY", "KLIMAPAKT_EVENTS", "KLIMAPAKT_FIGURES"):
        monkeypatch.delenv(name, raising=False)
    main(["check"])
    assert "docs/" not in capsys.readouterr().out


def test_one_page_is_checked_with_the_links_of_the_whole_site(tmp_path, capsys):
    shutil.copy(ROOT / "partners.yml", tmp_path / "partners.yml")
    posts = tmp_path / "docs/aktuelles/posts"
    posts.mkdir(parents=True)
    (tmp_path / "docs/mitmachen.md").write_text("# Mitmachen\n", encoding="utf-8")
    (posts / "neu.md").write_text("---\ndate: 2026-11-25\ndescription: Neu\n---\n\n# Neu\n\n[M](../../mitmachen.md) "
                                  "[X](../../mitmache.md)\n", encoding="utf-8")
    (tmp_path / "docs/kaputt.md").write_text("<script>x</script>\n", encoding="utf-8")
    assert main(["check", str(posts / "neu.md")]) == 1
    assert capsys.readouterr().out == (
        "Fehler:\n  docs/aktuelles/posts/neu.md:8: Meldung: Die Seite „mitmache.md“ gibt es nicht. Meinten Sie "
        "„mitmachen.md“?\n1 Fehler, 0 Hinweise. Bitte korrigieren.\n")
    assert main(["check", "nirgends.md"]) == 1
    assert "„nirgends.md“ ist keine Seite im Ordner docs/." in capsys.readouterr().out
