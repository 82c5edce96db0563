"""A page that cites a figure kennzahlen.yml does not have: a German message at the page's line in `check`
and in the build (klimapakt.pages.figure_calls), never mkdocs-macros' "Macro Rendering Error"."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TODAY
from klimapakt.__main__ import main
from klimapakt.pages.check import page_problems

S = "docs/seite.md"
FIGURES = FIXTURES / "kennzahlen-valid.yml"  # fictional: partnerunternehmen, testzahl
KNOWN = "Vorhanden sind: partnerunternehmen, testzahl."
ASK = "Bitte eine dieser Kennungen schreiben oder die Kennzahl in kennzahlen.yml ergänzen."


def page(body: str) -> str:
    return f"---\nrender_macros: true\n---\n\n# Seite\n\n{body}\n"


def problems(tmp_path: Path, body: str, figure_ids=("partnerunternehmen", "testzahl")) -> list[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "seite.md").write_text(page(body), encoding="utf-8")
    return [p.text() for p in page_problems(docs, (), dt.date(2026, 11, 25), figure_ids)]


def test_figures_that_exist_may_be_cited_in_running_text_and_as_a_list(tmp_path):
    assert problems(tmp_path, 'Seit 2021: {{ pact_fact("testzahl") }}\n\n'
                              '{{ pact_figures("partnerunternehmen", "testzahl") }}\n\n{{ pact_figures() }}') == []


@pytest.mark.parametrize("body, expected", [
    ('{{ pact_fact("nicht-da") }}',
     f'{S}:7: Seite: „{{{{ pact_fact("nicht-da") }}}}“: Die Kennzahl „nicht-da“ gibt es in kennzahlen.yml nicht. '
     f"{KNOWN} {ASK}"),
    ('Text\n\nMehr: {{ pact_fact("testzahlen") }}',
     f'{S}:9: Seite: „{{{{ pact_fact("testzahlen") }}}}“: Die Kennzahl „testzahlen“ gibt es in kennzahlen.yml nicht. '
     f"Meinten Sie „testzahl“? {KNOWN} {ASK}"),
    ('{{ pact_figures("testzahl", "partner-unternehmen") }}',
     f'{S}:7: Seite: „{{{{ pact_figures("testzahl", "partner-unternehmen") }}}}“: Die Kennzahl „partner-unternehmen“ '
     f"gibt es in kennzahlen.yml nicht. Meinten Sie „partnerunternehmen“? {KNOWN} {ASK}"),
])
def test_an_id_kennzahlen_yml_lacks_is_an_error_at_its_line(tmp_path, body, expected):
    assert problems(tmp_path, body) == [expected]


def test_without_a_readable_kennzahlen_yml_the_ids_are_not_judged(tmp_path):
    """Its own check reports why it cannot be read; the pages do not add one message per citation."""
    assert problems(tmp_path, '{{ pact_fact("nicht-da") }}', figure_ids=None) == []


def check_folder(tmp_path: Path, body: str, figures: str) -> Path:
    shutil.copy(ROOT / "partners.yml", tmp_path / "partners.yml")
    (tmp_path / "kennzahlen.yml").write_text(figures, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/seite.md").write_text(page(body), encoding="utf-8")
    return tmp_path


def without_figure(text: str, figure_id: str) -> str:
    """kennzahlen.yml with one figure deleted, as staff would delete its block."""
    return re.sub(rf"^  - id: {figure_id}\n(?:    .*\n)+\n?", "", text, flags=re.M)


@pytest.mark.parametrize("via", ["all", "page"])
def test_check_names_the_page_after_staff_deleted_a_figure_it_cites(tmp_path, monkeypatch, capsys, via):
    fixture = FIGURES.read_text(encoding="utf-8")
    folder = check_folder(tmp_path, 'Wir sind {{ pact_fact("testzahl") }}', fixture)
    monkeypatch.chdir(folder)
    for name in ("KLIMAPAKT_REGISTRY", "KLIMAPAKT_EVENTS", "KLIMAPAKT_FIGURES"):
        monkeypatch.delenv(name, raising=False)
    args = ["check"] + (["docs/seite.md"] if via == "page" else [])
    assert main(args) == 0, capsys.readouterr().out  # doing it right: the figure is there
    assert "docs/seite.md" not in capsys.readouterr().out
    (folder / "kennzahlen.yml").write_text(without_figure(fixture, "testzahl"), encoding="utf-8")
    assert main(args) == 1
    out = capsys.readouterr().out
    assert (f'docs/seite.md:7: Seite: „{{{{ pact_fact("testzahl") }}}}“: Die Kennzahl „testzahl“ gibt es in '
            "kennzahlen.yml nicht. Vorhanden sind: partnerunternehmen. " + ASK) in out
    assert "Traceback" not in out


# The build ---------------------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path) -> Path:
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in ("mkdocs.yml", "hooks.py", "macros.py", "events.yml"):
        shutil.copy(ROOT / name, copy / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, copy / name)
    return copy


def build(repo: Path, registry: Path, figures: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the copy on the tests' date, with these figures (every id the pages cite,
    fictional: conftest.FIXED_DATE_FIGURES) and the demo partners."""
    (repo / "kennzahlen.yml").write_text(figures, encoding="utf-8")
    env = {**os.environ, "KLIMAPAKT_REGISTRY": str(registry), "KLIMAPAKT_TODAY": TODAY.isoformat(),
           "KLIMAPAKT_FIGURES": str(repo / "kennzahlen.yml"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml"),
                           "--site-dir", str(repo / "site")], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=600)


# A figure of staff's own, added to the fictional figures, and the page that cites it.
OWN_FIGURE = """
  - id: muster-kennzahl
    value: 12
    unit: Unternehmen
    label: haben an der erfundenen Umfrage teilgenommen
    as_of: 2025-07
    source_title: "Testquelle: Umfragebericht"
    source_url: https://testquelle.example/umfrage
"""


def write_citing_page(repo: Path, figure_id: str) -> str:
    (repo / "docs/umfrage.md").write_text(page(f'Ergebnis: {{{{ pact_fact("{figure_id}") }}}}'), encoding="utf-8")
    return f'docs/umfrage.md:7: Seite: „{{{{ pact_fact("{figure_id}") }}}}“: Die Kennzahl „{figure_id}“ gibt es in kennzahlen.yml nicht.'


def assert_fails_with(result: subprocess.CompletedProcess, message: str) -> None:
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert message in log, log
    assert "Macro Rendering Error" not in log and "Traceback" not in log, log


def test_the_build_stops_with_the_check_message_for_an_id_that_does_not_exist(repo, demo_registry):
    from conftest import FIXED_DATE_FIGURES
    message = write_citing_page(repo, "nicht-da")
    assert_fails_with(build(repo, demo_registry, FIXED_DATE_FIGURES.read_text(encoding="utf-8")), message)


def test_a_figure_staff_add_builds_and_deleting_it_while_cited_stops_the_build(repo, demo_registry):
    from conftest import FIXED_DATE_FIGURES
    with_own = FIXED_DATE_FIGURES.read_text(encoding="utf-8").rstrip("\n") + "\n" + OWN_FIGURE
    message = write_citing_page(repo, "muster-kennzahl")
    done = build(repo, demo_registry, with_own)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (repo / "site/umfrage/index.html").read_text(encoding="utf-8")
    assert "haben an der erfundenen Umfrage teilgenommen" in html and "https://testquelle.example/umfrage" in html
    assert_fails_with(build(repo, demo_registry, without_figure(with_own, "muster-kennzahl")), message)
