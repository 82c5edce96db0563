"""Every figure about the pact as a whole stands with its date and source, on every page.

The checker (quality/figure_sources.py) on small fixtures first, a right and a wrong case each;
then the gate on the real and the demo build: every number in the built HTML that is a value of
kennzahlen.yml has that figure's source link and a date in its paragraph, list item or table row.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT
from klimapakt.load import loader
from klimapakt.load.registries import FIGURES
from klimapakt.render.html import number_de
from quality.figure_sources import Figure, figures_in, unsourced

SOURCE = "https://www.example.org/quelle"
FIGS = [Figure("partner", "100", SOURCE, 2025), Figure("potenzial", "100.000", SOURCE, 2025),
        Figure("treffen", "30", SOURCE, 2022)]


def page(body: str) -> str:
    head, _, rest = body.rpartition(">") if body.startswith("<meta") else ("", "", body)
    if head:
        head, rest = body[:body.index("><") + 1], body[body.index("><") + 1:]
    return f"<!doctype html><html><head>{head}</head><body>{rest}</body></html>"


@pytest.mark.parametrize("body", [
    f'<p>Über 100 Unternehmen sind dabei (Stand: 3. Juli 2025; Quelle: <a href="{SOURCE}">IHK</a>).</p>',
    f'<ul><li>rund 100.000 t CO2 <span>Stand: Juli 2025. Quelle: <a href="{SOURCE}/">IHK-Magazin</a></span></li></ul>',
    f'<table><tr><td>3. Juli 2025</td><td>mehr als 100 Partner (<a href="{SOURCE}">Quelle</a>)</td></tr></table>',
    "<p>Erstes Netzwerktreffen im TechHub.K67 am 30. Juni 2022, rund 2030 Gäste, 1.100 Stühle.</p>",
    f'<p>Rund 30 Unternehmen kamen (Dezember 2022, <a href="{SOURCE}">Bericht</a>).</p>',
    '<meta name="description" content="Der Klimapakt: gemeinsam zur Klimaneutralität 2035."><p>Text</p>',
    '<p><a href="../klimapartner/?branche=F" aria-label="Bau: 30 Partner" data-figure="bau">Bau</a></p>'.replace(
        "<p>", '<div class="kp-table-wrap"><p>').replace("</p>", "</p></div>"),  # a directory count
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
    # A year is not the figure's date: 2035 is a goal, 2023 not when the 100 were reported.
    (f'<p>Über 100 Unternehmen wollen bis 2035 klimaneutral sein (<a href="{SOURCE}">IHK</a>).</p>', "100 (partner)"),
    (f'<p>Rund 100.000 t CO2 (Stand: 2023, <a href="{SOURCE}">Quelle</a>).</p>', "100.000 (potenzial)"),
    # The same number with other thousands separators.
    (f'<p>Rund 100 000 t CO2 (<a href="{SOURCE}">Quelle</a>).</p>', "100.000 (potenzial)"),
    ("<p>Rund 100\u202f000 t CO2 sparen die Maßnahmen.</p>", "100.000 (potenzial)"),
    ("<p>Rund 100000 t CO2 sparen die Maßnahmen.</p>", "100.000 (potenzial)"),
    # Where no link can stand beside it.
    ('<meta name="description" content="Über 100 Partner sind dabei."><p>Text</p>', "100 (partner)"),
    ('<meta property="og:description" content="Rund 30 Firmen kamen."><p>Text</p>', "30 (treffen)"),
    (f'<p><abbr title="mehr als 100 Unternehmen">100+</abbr> (Juli 2025, <a href="{SOURCE}">IHK</a>)</p>', "100 (partner)"),
])
def test_a_figure_without_its_source_and_date_in_its_block_is_found(body, figure):
    problems = unsourced(page(body), FIGS)
    assert len(problems) == 1 and problems[0].startswith(figure), problems


def pact_figures() -> list[Figure]:
    records = loader.load_valid(ROOT / "kennzahlen.yml", registry=FIGURES).records
    return [Figure(f.id, number_de(f.value), f.source_url, f.as_of.year) for f in records]


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


def test_a_plain_text_names_the_pact_figures_in_it():
    assert figures_in("Über 100 Partner, rund 100 000 t CO2", FIGS) == ["100 (partner)", "100.000 (potenzial)"]
    assert figures_in("Am 30. Juni 2022 im TechHub.K67, 1 100 Stühle, 100 300 Gäste", FIGS) == []


def feed_texts(site: Path) -> list[str]:
    feed = json.loads((site / "aktuelles/feed.json").read_text(encoding="utf-8"))
    rss = ET.parse(site / "aktuelles/feed.xml").getroot()
    return ([item.get(key, "") for item in feed["items"] for key in ("title", "summary", "content_text", "content_html")]
            + [node.text or "" for node in rss.iter() if node.tag in ("title", "description")])


@pytest.mark.data
@pytest.mark.parametrize("which", ["real_site", "demo_site"])
def test_the_feeds_name_no_pact_figure_since_their_plain_text_cannot_link_its_source(request, which):
    texts = feed_texts(request.getfixturevalue(which))
    assert texts and [(text, figures_in(text, pact_figures())) for text in texts if figures_in(text, pact_figures())] == []
