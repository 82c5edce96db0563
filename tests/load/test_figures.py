"""kennzahlen.yml: the pact's figures, each with its date and source, read by the same loader."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from klimapakt.__main__ import main
from klimapakt.precision import Period
from klimapakt.load import loader
from klimapakt.load.registries import FIGURES
from klimapakt.render import html

TODAY = dt.date(2026, 11, 25)
ENTRY = """figures:
  - id: partnerunternehmen
    value: 100
    qualifier: more-than
    unit: Unternehmen
    label: sind Partner im Klimapakt
    as_of: {as_of}
    source_title: "Muster-Quelle: Ein Bericht"
    source_url: https://quelle.example/bericht
"""


def load(text: str):
    return loader.load_text(text, registry=FIGURES, today=TODAY)


def messages(text: str) -> list[str]:
    return [str(p) for p in load(text).problems]


@pytest.mark.data
def test_the_shipped_figures_load_without_a_problem_and_each_names_its_source():
    loaded = loader.load_file(ROOT / FIGURES.file, registry=FIGURES)
    assert loaded.problems == ()
    assert all(f.source_url.startswith("https://") and f.source_title for f in loaded.records)


@pytest.mark.parametrize("written, period, shown", [
    ("2025-07-03", Period(2025, 7, 3), "3. Juli 2025"),
    ("2025-07", Period(2025, 7), "Juli 2025"),
    ("2021", Period(2021), "2021"),
])
def test_a_date_is_kept_as_precise_as_written(written, period, shown):
    (figure,) = load(ENTRY.format(as_of=written)).records
    assert figure.as_of == period
    assert html.date_de(figure.as_of) == shown


@pytest.mark.parametrize("written, message", [
    ("2025-13", "kennzahlen.yml:7: partnerunternehmen: as_of: Das Datum 2025-13 gibt es nicht."),
    ("03.07.2025", "kennzahlen.yml:7: partnerunternehmen: as_of: „03.07.2025“ ist kein Datum in der Form JJJJ-MM-TT, "
                   "JJJJ-MM oder JJJJ. Bitte nur so genau, wie die Quelle es sagt, z. B. 2025-07 für „Juli 2025“."),
    ("2027-01", "kennzahlen.yml:7: partnerunternehmen: as_of: Das Datum 2027-01-01 liegt in der Zukunft."),
])
def test_a_wrong_date_gets_a_german_message_at_its_line(written, message):
    assert messages(ENTRY.format(as_of=written)) == [message]


def test_a_figure_without_its_source_is_refused():
    text = ENTRY.format(as_of="2025-07").replace('    source_url: https://quelle.example/bericht\n', "")
    assert messages(text) == ["kennzahlen.yml:2: partnerunternehmen: source_url: Das Pflichtfeld „source_url“ fehlt "
                              "(Webadresse der Quelle (https://…))."]


@pytest.mark.data
def test_check_without_a_file_checks_the_figures_too(tmp_path, monkeypatch, capsys):
    shutil.copy(ROOT / "partners.yml", tmp_path / "partners.yml")
    (tmp_path / "kennzahlen.yml").write_text(ENTRY.format(as_of="2025-13"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "\nkennzahlen.yml:\n" in out and "as_of: Das Datum 2025-13 gibt es nicht." in out


def test_the_start_page_shows_each_sourced_figure_with_its_date_and_source(real_site):
    page = BeautifulSoup((real_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    cards = page.select(".kp-pact-figures > li")
    figures = loader.load_file(ROOT / FIGURES.file, registry=FIGURES).records
    shown = {(figure.as_of.isoformat(), html.date_de(figure.as_of), figure.source_url, figure.source_title)
             for figure in figures}
    assert cards  # which figures the start page cites is the page's choice (docs/index.md), not pinned here
    for card in cards:
        time, link = card.select_one("time"), card.select_one(".kp-pact-figure__source a")
        assert (time["datetime"], time.get_text(), link["href"], link.get_text()) in shown
