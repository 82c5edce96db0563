"""The Fortschritt page: every figure equals a count made here, independently, from the data."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from klimapakt import model
from klimapakt.load import loader
from klimapakt.render import charts
from klimapakt.render import emissions
from klimapakt.render import progress

D = dt.date


def partner(pid: str, status: str = "partner", **fields) -> model.Partner:
    return model.Partner(id=pid, name=pid.title(), role="partner", status=status, **fields)


def agreement(signed: D | None = None, measures=(), targets=()) -> model.Agreement:
    return model.Agreement(signed=signed, measures=tuple(measures), targets=tuple(targets))


def measure(field: str, status: str) -> model.Measure:
    return model.Measure(title=f"{field} {status}", field=field, status=status)


# Computation, on small hand-made registries.

def test_a_klimapartner_counts_as_letter_of_intent_until_the_year_it_signs():
    rows = progress.over_time([partner("a", joined=D(2022, 5, 1), agreement=agreement(signed=D(2024, 2, 1)))], 2025)
    assert [(r.year, r.letters_of_intent, r.klimapartner) for r in rows] == [
        (2022, 1, 0), (2023, 1, 0), (2024, 0, 1), (2025, 0, 1)]


def test_time_series_is_cumulative_and_runs_to_the_build_year():
    partners = [partner("a", joined=D(2021, 10, 1), agreement=agreement(signed=D(2021, 10, 1))),
                partner("b", "letter-of-intent", joined=D(2023, 1, 1)),
                partner("c", joined=D(2023, 6, 1))]  # no signing date: Klimapartner from joining
    rows = progress.over_time(partners, 2024)
    assert [(r.year, r.klimapartner, r.letters_of_intent, r.total) for r in rows] == [
        (2021, 1, 0, 1), (2022, 1, 0, 1), (2023, 2, 1, 3), (2024, 2, 1, 3)]


def test_former_partners_are_left_out_and_undated_ones_are_counted_apart():
    figures = progress.compute([partner("a", joined=D(2023, 1, 1)), partner("b", "former", joined=D(2022, 1, 1)),
                                partner("c", "letter-of-intent")], today=D(2024, 6, 1))
    assert (figures.klimapartner, figures.letters_of_intent, figures.former, figures.undated) == (1, 1, 1, 1)
    assert [(r.year, r.total) for r in figures.over_time] == [(2023, 1), (2024, 1)]


def test_counts_follow_the_label_order_and_end_with_keine_angabe():
    partners = [partner("a", size="large"), partner("b", size="micro"), partner("c"), partner("d", size="large")]
    assert progress.counts(partners, "size", model.SIZES) == (
        progress.Count("micro", "Kleinstunternehmen", 1), progress.Count("large", "Großunternehmen", 2),
        progress.Count(None, "keine Angabe", 1))


def test_sectors_are_sorted_by_frequency():
    partners = [partner("a", sector="C"), partner("b", sector="J"), partner("c", sector="J")]
    assert [c.key for c in progress.counts(partners, "sector", model.SECTORS, by_frequency=True)] == ["J", "C"]


@pytest.mark.parametrize("parts", [(5, 4, 3, 3, 2, 1), (2, 1), (56,), (0, 7), (3, 3, 1), (7, 5, 5, 2, 1)])
def test_rounded_shares_sum_to_100_and_stay_within_one_point_of_the_exact_share(parts):
    whole = sum(parts)
    shares = progress.rounded_shares(parts, whole)
    assert sum(shares) == 100
    assert all(abs(share - 100 * part / whole) < 1 for share, part in zip(shares, parts))
    assert len(set(zip(parts, shares))) == len(set(parts))  # equal parts, equal shares


@pytest.mark.parametrize("parts", [(5, 5, 5, 4, 4, 4, 4, 4, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1), (3, 1, 1, 1), (1, 1, 1)])
def test_where_equal_shares_rule_out_100_each_share_is_rounded_alone(parts):
    # The demo's sectors (56 partners) and the real site's (3 of 6 in industry): 101, 101 and 99 %; the table says "gerundet".
    assert progress.rounded_shares(parts, sum(parts)) == tuple(progress.percent(part, sum(parts)) for part in parts)
    assert sum(progress.rounded_shares(parts, sum(parts))) != 100


def test_rounded_shares_of_nothing_or_of_parts_that_do_not_make_the_whole():
    assert progress.rounded_shares((5, 4, 3, 3, 2, 1), 18) == (28, 22, 17, 17, 11, 5)
    assert progress.rounded_shares((0, 0), 0) == (0, 0)
    assert progress.rounded_shares((1, 1), 3) == (33, 33)


def test_measures_by_field_and_status():
    p = partner("a", agreement=agreement(measures=[measure("mobility", "done"), measure("mobility", "planned"),
                                                    measure("buildings", "done")]))
    figures = progress.compute([p], today=D(2025, 1, 1))
    assert [(r.field, dict(r.by_status)) for r in figures.measures] == [
        ("buildings", {"done": 1, "in-progress": 0, "planned": 0}),
        ("mobility", {"done": 1, "in-progress": 0, "planned": 1})]
    assert [(c.key, c.count) for c in figures.measures_by_status] == [("done", 2), ("in-progress", 0), ("planned", 1)]


def test_emission_sums_compare_the_same_partners_in_every_year():
    """Summed over whoever reported, 2023 would jump from 109 t to 598 t only because "c" began to report."""
    partners = [
        partner("a", emissions=(model.Emission(2021, scope1=10.0), model.Emission(2022, scope1=9.0),
                                model.Emission(2023, scope1=8.0, scope2=1.0))),
        partner("b", emissions=(model.Emission(2022, scope1=100.0), model.Emission(2023, scope1=90.0))),
        partner("c", emissions=(model.Emission(2023, scope1=500.0),)),
    ]
    (scope1, scope2) = emissions.comparisons(partners)
    # 2022–2023 with a and b (4 values) beats 2021–2023 with a alone (3 values).
    assert (scope1.years, scope1.partners, scope1.tonnes, scope1.left_out) == ((2022, 2023), 2, (109.0, 98.0), 1)
    assert "die 2 Partner, die Scope 1 in jedem Jahr von 2022 bis 2023 berichtet haben" in emissions.rule_text(scope1)
    assert "1 weiterer Partner hat Scope 1 nicht in jedem dieser Jahre berichtet" in emissions.rule_text(scope1)
    assert (scope2.years, scope2.reporting) == ((), 1)  # one year only: nothing to compare
    assert emissions.rule_text(scope2).startswith("Kein Partner hat Scope 2 in zwei aufeinanderfolgenden Jahren berichtet.")


def test_former_partners_emissions_are_left_out_of_the_comparison():
    partners = [partner("a", emissions=(model.Emission(2022, scope1=1.0), model.Emission(2023, scope1=2.0))),
                partner("b", "former", emissions=(model.Emission(2022, scope1=50.0), model.Emission(2023, scope1=60.0)))]
    (scope1,) = progress.compute(partners, today=D(2024, 1, 1)).emissions
    assert (scope1.partners, scope1.tonnes) == (1, (1.0, 2.0))


def test_a_partners_chart_adds_only_the_scopes_reported_in_every_year():
    p = partner("a", emissions=(model.Emission(2022, scope1=10.0, scope2=5.0, scope3=100.0),
                                model.Emission(2023, scope1=8.0, scope2=4.0)))
    assert emissions.common_scopes(p) == (1, 2)
    assert "15 t" in emissions.partner_chart(p) and "115" not in emissions.partner_chart(p)
    assert emissions.partner_note(p) == ("Das Diagramm zeigt je Jahr die Summe von Scope 1 und Scope 2, die in jedem Jahr "
                                         "berichtet sind. Scope 3 steht nur in der Tabelle.")
    apart = partner("b", emissions=(model.Emission(2022, scope1=1.0), model.Emission(2023, scope2=1.0)))
    assert emissions.partner_chart(apart) == "" and emissions.partner_note(apart).startswith("Kein Scope ist in jedem Jahr")


def test_target_shares_count_klimapartner_only():
    neutral = model.Target(year=2035, climate_neutral=True)
    partners = [partner("a", agreement=agreement(targets=[model.Target(year=2030), neutral])),
                partner("b", agreement=agreement(targets=[model.Target(year=2030)])),
                partner("c"), partner("d", "letter-of-intent")]
    t = progress.targets(partners)
    assert (t.klimapartner, t.with_agreement, t.with_target_year, t.climate_neutral) == (3, 2, 2, 1)
    assert t.neutral_years == (progress.Count(2035, "2035", 1),)


def test_an_empty_registry_renders_every_section_without_a_chart():
    figures = progress.compute([], today=D(2025, 1, 1))
    for section in progress.SECTIONS[1:]:  # "stand" is the summary sentence
        html = progress.render_section(section, figures)
        assert "<svg" not in html and 'class="kp-missing"' in html, section
    with pytest.raises(ValueError, match="Unbekannter Abschnitt"):
        progress.render_section("nichts", figures)


def test_shares_are_charted_only_with_two_known_values():
    unknown = progress.compute([partner("a", sector="C"), partner("b", sector="J")], today=D(2025, 1, 1))
    html = progress.render_section("bezirk", unknown)  # "keine Angabe" would be the only bar
    assert "<svg" not in html and "<table" not in html
    assert "Im Verzeichnis ist bisher bei keinem Partner ein Stadtbezirk eingetragen" in html
    assert "<svg" in progress.render_section("branche", unknown)
    alike = progress.compute([partner("a", size="large"), partner("b", size="large"), partner("c")], today=D(2025, 1, 1))
    html = progress.render_section("groesse", alike)
    assert "<svg" not in html and ("Bei 2 von 3 Partnern im Verzeichnis ist eine Unternehmensgröße eingetragen, "
                                   "bei allen dieselbe Angabe: Großunternehmen.") in html


def test_no_measures_no_targets_no_dates_are_said_not_shown_as_0():
    figures = progress.compute([partner("a"), partner("b")], today=D(2025, 1, 1))
    assert "<svg" not in progress.render_section("zeitverlauf", figures)
    assert "Für den Zeitverlauf fehlt das Datum" in progress.render_section("zeitverlauf", figures)
    measures = progress.render_section("massnahmen", figures)
    assert "noch keine Maßnahmen eingetragen" in measures and "data-figure" not in measures
    targets = progress.render_section("ziele", figures)
    assert "Für die 2 Klimapartner im Verzeichnis sind noch keine Ziele eingetragen." in targets
    assert not re.search(r"(?<![\d.,])0 %", targets) and "data-figure" not in targets


def test_the_initialpartner_are_not_counted_and_the_summary_says_so():
    founding = model.Partner(id="kammer", name="Kammer", role="founding", status="founding")
    figures = progress.compute([partner("a"), founding], today=D(2025, 1, 1))
    assert (figures.partners, figures.founding) == (1, 1)
    assert "Die 1 Initialpartner sind nicht mitgezählt" in progress.render_section("stand", figures)


# Charts.

def test_bar_chart_has_title_desc_patterns_and_escapes_labels():
    svg = charts.bar_chart("c", "T <1>", "D & d", [charts.Bar("<b>", (1, 2), "3", "x")], charts.fills("A", "B"))
    assert svg.startswith('<svg class="kp-chart kp-chart--bars" id="c" role="img" aria-labelledby="c-title c-desc"')
    assert '<title id="c-title">T &lt;1&gt;</title><desc id="c-desc">D &amp; d</desc>' in svg
    assert '<pattern id="c-fill1"' in svg and 'fill="url(#c-fill1)"' in svg
    assert "&lt;b&gt;" in svg and "<b>" not in svg


def test_bar_chart_wraps_long_labels_for_phones():
    label = model.SECTORS["M"]  # the longest WZ section name
    svg = charts.bar_chart("c", "T", "D", [charts.Bar(label, (1,), "1")], charts.fills("A"))
    lines = [t.get_text() for t in BeautifulSoup(svg, "html.parser").select("text")][:-1]  # the last: the total
    assert label not in svg and " ".join(lines) == label
    assert len(lines) > 1 and all(len(line) <= charts.LABEL_CHARS for line in lines)


def test_series_differ_in_pattern_and_colours_reach_3_to_1_on_white():
    fills = charts.fills("a", "b", "c")
    assert len({f.pattern for f in fills}) == 3
    for f in fills:
        assert contrast(f.colour, "#ffffff") >= 3, f
    assert contrast(charts.TEXT_COLOUR, "#ffffff") >= 4.5
    with pytest.raises(ValueError):
        charts.fills("a", "b", "c", "d")


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in channels]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# The built page, read as a visitor gets it.

@pytest.fixture(scope="module")
def page(demo_site) -> BeautifulSoup:
    return BeautifulSoup((demo_site / "fortschritt/index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def partners(demo_registry) -> list[model.Partner]:
    everyone = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    return [p for p in everyone if p.status in ("partner", "letter-of-intent")]


def table(page: BeautifulSoup, table_id: str) -> dict[str, list[str]]:
    """Row header -> the data-value of each cell."""
    rows = page.select_one(f"table#{table_id}").select("tbody tr")
    return {next(row.th.stripped_strings): [td["data-value"] for td in row.select("td[data-value]")] for row in rows}


@pytest.mark.parametrize("table_id, key, labels", [
    ("tabelle-branche", "sector", model.SECTOR_SHORT),
    ("tabelle-groesse", "size", model.SIZES),
    ("tabelle-bezirk", "district", model.DISTRICTS),
])
def test_partner_counts_by_sector_size_and_district_equal_the_data(page, partners, table_id, key, labels):
    expected = Counter(labels[getattr(p, key)] if getattr(p, key) is not None else "keine Angabe" for p in partners)
    assert {label: int(values[0]) for label, values in table(page, table_id).items()} == dict(expected)
    assert page.select_one(f"table#{table_id} tfoot td").get_text(strip=True) == str(len(partners))


@pytest.mark.parametrize("table_id", ["tabelle-branche", "tabelle-groesse", "tabelle-bezirk"])
def test_the_shares_of_a_table_add_up_to_100_percent_or_say_they_are_rounded(page, table_id):
    rows = page.select_one(f"table#{table_id}").select("tbody tr")
    counts = [int(row.select_one("td[data-value]")["data-value"]) for row in rows]
    shares = [int(row.select("td")[-1].get_text(strip=True).removesuffix(" %")) for row in rows]
    rounded = page.select_one(f"table#{table_id} thead th:last-child").get_text(strip=True) == "Anteil (gerundet)"
    assert sum(shares) == 100 or rounded, shares
    assert all(a == b for (ca, a), (cb, b) in zip(zip(counts, shares), zip(counts[1:], shares[1:])) if ca == cb)


def test_sectors_show_the_short_name_with_the_official_wz_title_beneath(page):
    for row in page.select_one("table#tabelle-branche").select("tbody tr"):
        link = row.th.select_one("a")
        if link is None:
            continue
        key = link["data-key"]
        assert link.get_text(strip=True) == model.SECTOR_SHORT[key]
        assert row.th.select_one(".kp-table__note").get_text(strip=True) == f"WZ-Abschnitt {key}: {model.SECTORS[key]}"
    assert "Kraftfahrzeugen" not in page.select_one("#chart-branche").get_text(" ")


@pytest.mark.parametrize("table_id, key, param", [
    ("tabelle-branche", "sector", "branche"),
    ("tabelle-groesse", "size", "groesse"),
    ("tabelle-bezirk", "district", "bezirk"),
])
def test_each_category_links_to_the_directory_filtered_by_it(demo_site, page, partners, table_id, key, param):
    """Every value in the data is one link, named with its count, to ../klimapartner/?<param>=<value>&status=aktuell
    (the partners taking part now, as the row counts them);
    "keine Angabe" cannot be filtered for and is no link."""
    counts = Counter(getattr(p, key) for p in partners)
    labels = {"sector": model.SECTOR_SHORT, "size": model.SIZES, "district": model.DISTRICTS}[key]
    links = page.select(f"table#{table_id} tbody th a")
    assert {a["href"] for a in links} == {f"../klimapartner/?{param}={value}&status=aktuell"
                                          for value in counts if value is not None}
    for a in links:
        value = next(v for v in counts if v is not None and a["href"].startswith(f"../klimapartner/?{param}={v}&"))
        assert a.get_text() == labels[value]
        assert a["aria-label"] == f"{labels[value]}: {counts[value]} Partner – im Verzeichnis anzeigen"
    plain = [row.th for row in page.select(f"table#{table_id} tbody tr") if not row.th.a]
    assert [th.get_text(strip=True) for th in plain] == (["keine Angabe"] if counts[None] else [])
    directory = BeautifulSoup((demo_site / "klimapartner/index.html").read_text(encoding="utf-8"), "html.parser")
    options = {o["value"] for o in directory.select(f"select#kp-{param} option")}
    assert {str(v) for v in counts if v is not None} <= options  # the directory offers each linked value


def test_time_series_equals_the_data(page, partners):
    rows = table(page, "tabelle-zeitverlauf")
    assert rows, "no years"
    for year_text, (klimapartner, letters, total) in rows.items():
        year = int(year_text)
        joined = [p for p in partners if min(d.year for d in (p.joined, p.agreement and p.agreement.signed) if d) <= year]
        signed = [p for p in joined if p.status == "partner"
                  and ((p.agreement and p.agreement.signed) or p.joined).year <= year]
        assert (int(klimapartner), int(letters), int(total)) == (len(signed), len(joined) - len(signed), len(joined)), year
    assert int(total) == len(partners)  # the last year: everyone with a date (demo partners all have one)


def test_measures_by_field_and_status_equal_the_data(page, partners):
    tally = Counter((m.field, m.status) for p in partners for m in p.measures)
    for label, values in table(page, "tabelle-massnahmen").items():
        field = next(k for k, v in model.MEASURE_FIELDS.items() if v == label)
        assert [int(v) for v in values] == [tally[field, "done"], tally[field, "in-progress"], tally[field, "planned"],
                                            sum(tally[field, s] for s in model.MEASURE_STATUSES)]
    assert page.select_one('[data-figure="measures"]').get_text() == str(sum(tally.values()))


def test_emission_charts_sum_the_same_partners_in_every_year_and_state_the_rule(page, partners):
    tables = page.select('table[id^="tabelle-emissionen-scope"]')
    assert tables
    for table in tables:
        scope, count = int(table["data-scope"]), int(table["data-partners"])
        rows = {int(row.th.get_text()): float(row.td["data-value"]) for row in table.select("tbody tr")}
        years = sorted(rows)
        assert len(years) >= 2 and years == list(range(years[0], years[-1] + 1))
        reported = [{e.year: getattr(e, f"scope{scope}") for e in p.emissions if getattr(e, f"scope{scope}") is not None}
                    for p in partners]
        members = [r for r in reported if all(year in r for year in years)]
        assert len(members) == count > 0  # every partner that reported each of these years, and only they
        for year, tonnes in rows.items():
            assert tonnes == pytest.approx(sum(r[year] for r in members)), (scope, year)
        chart = page.select_one(f"svg#chart-emissionen-scope{scope}")
        rule = page.select_one(f'p.kp-chart-rule[data-rule="scope{scope}"]').get_text(" ", strip=True)
        assert chart.find_next("p") is page.select_one(f'p.kp-chart-rule[data-rule="scope{scope}"]')  # under the chart
        assert f"Scope {scope} in jedem Jahr von {years[0]} bis {years[-1]} berichtet" in rule
        assert f"die {count} Partner" in rule or count == 1


def test_target_shares_equal_the_data(page, partners):
    klimapartner = [p for p in partners if p.status == "partner"]
    neutral = sum(any(t.climate_neutral for t in p.agreement.targets) for p in klimapartner if p.agreement)
    with_year = sum(bool(p.agreement and p.agreement.targets) for p in klimapartner)
    assert page.select_one('[data-figure="climate-neutral"]').get_text() == f"{round(100 * neutral / len(klimapartner))} %"
    assert page.select_one('[data-figure="target-year"]').get_text() == f"{round(100 * with_year / len(klimapartner))} %"


def test_every_chart_is_an_image_with_title_desc_and_a_table_after_it(page):
    svgs = page.select("article svg.kp-chart")
    assert len(svgs) >= 6
    for svg in svgs:
        assert svg["role"] == "img"
        title, desc = svg.select_one("title"), svg.select_one("desc")
        assert title.get_text() and desc.get_text()
        assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
        assert svg.find_next("table") is not None
        assert not svg.select("script, foreignObject, image")


def test_start_page_figures_link_to_what_they_count(demo_site, page):
    start = BeautifulSoup((demo_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    figures = start.select("a.kp-figure")
    assert [a["href"] for a in figures] == ["klimapartner/?status=partner", "klimapartner/?status=letter-of-intent",
                                            "fortschritt/#massnahmen"]
    assert (demo_site / "fortschritt/index.html").read_text(encoding="utf-8").count('id="massnahmen"') == 1
    assert figures[0].select_one(".kp-figure__value").get_text() == page.select_one('[data-figure="klimapartner"]').get_text()


def test_progress_and_data_pages_are_in_the_navigation(demo_site):
    nav = BeautifulSoup((demo_site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
    titles = [a.get_text(strip=True) for a in nav.select("a.md-nav__link")]
    assert titles.index("Fortschritt") == titles.index("Klimapartner") + 1
    assert titles.index("Daten") == titles.index("Kontakt") - 1


@pytest.mark.data
def test_every_chart_of_the_real_progress_page_is_an_image_with_title_and_desc(real_site):
    """Whatever the registry holds (sparse and full registries are fixtures above)."""
    page = BeautifulSoup((real_site / "fortschritt/index.html").read_text(encoding="utf-8"), "html.parser")
    for svg in page.select("article svg.kp-chart"):
        assert svg["role"] == "img" and svg.select_one("title") and svg.select_one("desc"), svg.get("id")


@pytest.mark.data
def test_progress_page_counts_the_real_registry_too(real_site):
    page = BeautifulSoup((real_site / "fortschritt/index.html").read_text(encoding="utf-8"), "html.parser")
    real = loader.load_valid(ROOT / "partners.yml", logo_dir=ROOT / "docs/assets/partners").partners
    assert page.select_one('[data-figure="klimapartner"]').get_text() == str(sum(p.status == "partner" for p in real))
    assert Path(real_site / "daten/partners.json").exists()
