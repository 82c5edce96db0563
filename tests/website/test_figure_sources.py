"""Every figure about the pact as a whole stands with its date and source, on every page.

The checker (quality/figure_sources.py) on small fixtures first, a right and a wrong case each;
then the gate on the real and the demo build: every number in the built HTML that is a value of
kennzahlen.yml has that figure's source link and a date in its paragraph, list item or table row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from klimapakt.load import loader
from klimapakt.load.registries import FIGURES
from klimapakt.render.html import number_de
from quality.figure_sources import Figure, unsourced

SOURCE = "https://www.example.org/quelle"
FIGS = [Figure("partner", "100", SOURCE), Figure("potenzial", "100.000", SOURCE), Figure("treffen", "30", SOURCE)]


def page(body: str) -> str:
    return f"<!doctype html><html><body>{body}</body></html>"


@pytest.mark.parametrize("body", [
    f'<p>Über 100 Unternehmen sind dabei (Stand: 3. Juli 2025; Quelle: <a href="{SOURCE}">IHK</a>).</p>',
    f'<ul><li>rund 100.000 t CO2 <span>Stand: Juli 2025. Quelle: <a href="{SOURCE}/">IHK-Magazin</a></span></li></ul>',
    f'<table><tr><td>3. Juli 2025</td><td>mehr als 100 Partner (<a href="{SOURCE}">Quelle</a>)</td></tr></table>',
    "<p>Erstes Netzwerktreffen im TechHub.K67 am 30. Juni 2022, rund 2030 Gäste, 1.100 Stühle.</p>",
    '<p>Im Verzeichnis: <strong data-figure="listed">30</strong> Partner.</p>',
])
def test_a_sourced_figure_or_another_number_passes(body):
    assert unsourced(page(body), FIGS) == []


@pytest.mark.parametrize("body, figure", [
    ("<p>Der Klimapakt hat mehr als 100 Partner.</p>", "100 (partner)"),
    ('<p>Rund 30 Unternehmen kamen (<a href="https://other.example/">Bericht</a>, Dezember 2022).</p>', "30 (treffen)"),
    (f'<p>Rund 100.000 t CO2 (<a href="{SOURCE}">Quelle</a>).</p>', "100.000 (potenzial)"),  # no date
    (f'<table><tr><td>mehr als 100 Partner</td></tr><tr><td>Juli 2025, <a href="{SOURCE}">Quelle</a></td></tr></table>',
     "100 (partner)"),  # the source is in another row
    ("<h2>Mehr als 100 Partner</h2>", "100 (partner)"),
])
def test_a_figure_without_its_source_and_date_in_its_block_is_found(body, figure):
    problems = unsourced(page(body), FIGS)
    assert len(problems) == 1 and problems[0].startswith(figure), problems


def pact_figures() -> list[Figure]:
    records = loader.load_valid(ROOT / "kennzahlen.yml", registry=FIGURES).records
    return [Figure(f.id, number_de(f.value), f.source_url) for f in records]


def unsourced_in(site: Path) -> list[str]:
    figures, problems = pact_figures(), []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] == "partner":  # a partner's own figures, not the pact's
            continue
        problems += [f"{relative}: {p}" for p in unsourced(path.read_text(encoding="utf-8"), figures)]
    return problems


@pytest.mark.data
@pytest.mark.parametrize("which", ["real_site", "demo_site"])
def test_every_pact_figure_on_the_site_has_its_date_and_source(request, which):
    site = request.getfixturevalue(which)
    assert (site / "klimapakt/index.html").is_file()
    assert unsourced_in(site) == []
