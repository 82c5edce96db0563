"""Charts on a phone: text that stays legible when the SVG scales down, legends in words, scopes alike everywhere."""

from __future__ import annotations

import datetime as dt
import textwrap

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT

from klimapakt import model
from klimapakt.render import charts, emissions, progress

PHONE_CONTENT = 358  # CSS px a 390 px wide page leaves for content (Material's 0.8rem margins at 20 px)
MIN_PX = 12


def partner(pid: str, **fields) -> model.Partner:
    return model.Partner(id=pid, name=pid.title(), role="partner", status="partner", **fields)


def emitting(pid: str = "a") -> model.Partner:
    return partner(pid, emissions=(model.Emission(2022, scope1=10.0, scope2=5.5, scope3=100.0),
                                   model.Emission(2023, scope1=8.0, scope2=4.0, scope3=90.0)))


def rendered_sizes(html: str, width: float = PHONE_CONTENT) -> list[float]:
    """Each <text>'s size in CSS px when the SVG is drawn `width` px wide (never wider than its max-width)."""
    sizes = []
    for svg in BeautifulSoup(html, "html.parser").select("svg.kp-chart"):
        view_width = float(svg["viewbox"].split()[2])
        bars = "kp-chart--bars" in svg.get("class", [])  # max-width in partners.css, no style attribute (CSP)
        drawn = min(width, float(charts.MAX_WIDTH.removesuffix("rem")) * 20) if bars else width
        sizes += [float(text["font-size"]) * drawn / view_width for text in svg.select("text")]
    return sizes


def test_every_chart_text_is_12px_or_more_on_a_390px_phone():
    partners = [emitting("a"), emitting("b"),
                partner("c", sector="M", size="small", district=3,
                        agreement=model.Agreement(signed=dt.date(2023, 1, 1), measures=(
                            model.Measure(title="x", field="mobility", status="done"),
                            model.Measure(title="y", field="buildings", status="planned"))),
                        joined=dt.date(2022, 1, 1))]
    figures = progress.compute(partners, today=dt.date(2025, 1, 1))
    html = "".join([progress.over_time_chart(figures), progress.measures_chart(figures),
                    progress.count_chart("c", "T", figures.by_sector),
                    *(emissions.comparison_chart(c) for c in figures.emissions if c.years),
                    emissions.partner_chart(emitting())])
    sizes = rendered_sizes(html)
    assert len(sizes) > 20
    assert min(sizes) >= MIN_PX, min(sizes)


def test_bar_charts_get_their_max_width_from_the_stylesheet_not_a_style_attribute():
    svg = charts.bar_chart("w", "T", "D", [charts.Bar("x", (1,), "1")], charts.fills("A"))
    assert "style=" not in svg
    css = (ROOT / "docs/assets/css/partners.css").read_text(encoding="utf-8")
    assert f".md-typeset .kp-chart--bars {{ max-width: min(100%, {charts.MAX_WIDTH}); }}" in css


def test_the_size_check_would_catch_a_chart_laid_out_for_a_desktop():
    wide = charts.bar_chart("w", "T", "D", [charts.Bar("x", (1,), "1")], charts.fills("A")).replace(
        f'viewBox="0 0 {charts.NARROW_WIDTH} ', 'viewBox="0 0 640 ')
    assert min(rendered_sizes(wide)) < MIN_PX


def test_legend_names_each_series_with_its_meaning_and_hides_only_the_swatch():
    series = (charts.fill_at(0, "Scope 1", "direkte Emissionen"), charts.fill_at(2, "Scope 3", "übrige <Emissionen>"))
    block = BeautifulSoup(charts.chart("c", "T", "D", [charts.Bar("2023", (1, 2), "3")], series), "html.parser")
    legend = block.select_one("div.kp-chart-block > ul.kp-legend")
    assert legend is block.div.contents[0]  # before the chart: read first
    assert [li.get_text(strip=True) for li in legend.select("li")] == ["Scope 1: direkte Emissionen",
                                                                       "Scope 3: übrige <Emissionen>"]
    swatches = legend.select("svg.kp-legend__swatch")
    assert [s["aria-hidden"] for s in swatches] == ["true", "true"]
    # The swatch is painted as the chart paints the series: solid colour, or its own copy of the pattern.
    assert swatches[0].find_all("rect")[-1]["fill"] == charts.FILLS[0][1]
    assert swatches[1].find_all("rect")[-1]["fill"] == f"url(#{swatches[1].pattern['id']})"
    assert swatches[1].pattern.circle is not None
    assert block.select_one("svg.kp-chart").select_one('pattern circle') is not None


def test_one_series_without_a_note_gets_no_legend():
    html = charts.chart("c", "T", "D", [charts.Bar("x", (1,), "1")], charts.fills("Partner"))
    assert "kp-legend" not in html and html.startswith('<div class="kp-chart-block"><svg')


def test_a_partners_chart_stacks_its_scopes_and_explains_each_in_the_legend():
    soup = BeautifulSoup(emissions.partner_chart(emitting()), "html.parser")
    assert [li.get_text(strip=True) for li in soup.select(".kp-legend li")] == [
        "Scope 1: direkte Emissionen", "Scope 2: eingekaufte Energie", "Scope 3: übrige Emissionen in der Lieferkette"]
    svg = soup.select_one("svg.kp-chart")
    segments = svg.select("rect[stroke]")
    assert [r["fill"] for r in segments[:3]] == ["#1f6b46", "url(#emissionen-a-fill1)", "url(#emissionen-a-fill2)"]
    texts = [t.get_text() for t in svg.select("text")]
    assert "115,5 t" in texts  # 10 + 5.5 + 100 in 2022
    # The values in words too, each kept on one line by no-break spaces (the line breaks only between them).
    words = "Scope 1 10 t · Scope 2 5,5 t · Scope 3 100 t".replace(" ", "\u00a0").replace("\u00a0·\u00a0", " · ")
    assert " ".join(texts[texts.index("115,5 t") + 1:texts.index("115,5 t") + 3]) == words
    assert all(t.endswith(("t", "·")) for t in texts[texts.index("115,5 t") + 1:texts.index("115,5 t") + 3])


def test_a_scope_looks_the_same_on_the_progress_page_as_on_a_profile():
    only_scope2 = [partner(p, emissions=(model.Emission(2022, scope2=1.0), model.Emission(2023, scope2=2.0)))
                   for p in ("a", "b")]
    (comparison,) = emissions.comparisons(only_scope2)
    soup = BeautifulSoup(emissions.comparison_chart(comparison), "html.parser")
    assert soup.select_one(".kp-legend li").get_text(strip=True) == "Scope 2: eingekaufte Energie"
    assert soup.select_one("svg.kp-chart pattern")["patterntransform"] == "rotate(45)"  # hatched, as on profiles
    assert emissions.scope_fill(2) == charts.Fill("Scope 2", charts.FILLS[1][1], "hatch", "eingekaufte Energie")


@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\u00a0\u2003\u2028ab1-·é", max_size=45), st.sampled_from([1, 5, charts.LABEL_CHARS, charts.DETAIL_CHARS]))
def test_chart_lines_break_as_textwrap_breaks_them(text, width):
    assert charts._wrapped(text, width) == textwrap.wrap(text, width)
