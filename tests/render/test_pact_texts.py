"""Texts for readers: pact figures quoted with their source, what joining costs, the phone only when known,
the WZ sections' short names."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from klimapakt import vocabulary
from klimapakt.kinds.dates import Period
from klimapakt.model.figures import Figure
from klimapakt.render import html, pact

FIGURES = (
    Figure(id="partner", value=100, qualifier="more-than", unit="Unternehmen", label="sind Partner im Klimapakt",
           as_of=Period(2025, 7, 3), source_title="Muster-Quelle: Bericht", source_url="https://quelle.example/a"),
    Figure(id="massnahmen", value=157, unit="Einzelmaßnahmen", label="haben die ersten 31 Partner geplant",
           as_of=Period(2025, 7), source_title="Magazin <Juli>", source_url="https://quelle.example/b"),
)


def text(markup: str) -> str:
    return " ".join(BeautifulSoup(markup, "html.parser").get_text().split())


def test_a_pact_fact_is_a_sentence_with_date_and_linked_source():
    markup = html.render_pact_fact(FIGURES, "partner")
    assert text(markup) == ("Über 100 Unternehmen sind Partner im Klimapakt (Stand: 3. Juli 2025; "
                            "Quelle: Muster-Quelle: Bericht).")
    assert BeautifulSoup(markup, "html.parser").a["href"] == "https://quelle.example/a"
    assert "Magazin &lt;Juli&gt;" in html.render_pact_fact(FIGURES, "massnahmen")  # escaped


def test_pact_figures_shows_the_chosen_ones_in_their_order_or_all():
    chosen = BeautifulSoup(html.render_pact_figures(FIGURES, ("massnahmen",)), "html.parser").select("li")
    assert [text(str(li)).split()[0] for li in chosen] == ["157"]
    assert len(BeautifulSoup(html.render_pact_figures(FIGURES), "html.parser").select("li")) == 2


def test_an_unknown_figure_id_stops_with_a_german_message():
    with pytest.raises(pact.UnknownFigure, match="kennzahlen.yml: Die Seite nennt die Kennzahl „partnr“, die es dort "
                                                 "nicht gibt. Vorhanden: partner, massnahmen."):
        html.render_pact_fact(FIGURES, "partnr")


def test_joining_costs_until_staff_fill_them_in_say_whom_to_ask():
    assert text(html.joining_costs("", "klimapakt@example.org")) == (
        "Was die Teilnahme kostet, steht noch nicht auf dieser Website. Bitte fragen Sie die Geschäftsstelle: "
        "klimapakt@example.org.")
    filled = html.joining_costs("Die Teilnahme ist <b>kostenlos</b>.", "klimapakt@example.org")
    assert "<b>" not in filled and text(filled).startswith("Die Teilnahme ist <b>kostenlos</b>. Fragen zu den Kosten")


def test_the_phone_is_left_out_while_unknown():
    assert html.phone_if_known("", "Sie können uns auch anrufen.") == ""
    shown = html.phone_if_known("+49 211 000", "Sie können uns auch anrufen.")
    assert shown.startswith("Sie können uns auch anrufen.\n\nTelefon: <a href=\"tel:")


def test_every_wz_section_has_a_short_name_beside_its_title():
    assert set(vocabulary.SECTOR_SHORT) == set(vocabulary.SECTORS)
    assert vocabulary.sector_with_title("G") == "Handel (WZ-Abschnitt G: Handel; Instandhaltung und Reparatur von Kraftfahrzeugen)"
    assert all(len(short) < 35 for short in vocabulary.SECTOR_SHORT.values())


def test_a_partners_chart_description_gives_its_numbers():
    from klimapakt import model
    from klimapakt.render import emissions

    partner = model.Partner(id="e", name="E", role="partner", status="partner",
                            emissions=(model.Emission(2022, scope1=10.0, scope2=5.5), model.Emission(2023, scope1=2.0, scope2=1.0)))
    desc = BeautifulSoup(emissions.partner_chart(partner), "html.parser").select_one("desc").get_text()
    assert "2022: 15,5 t, 2023: 3 t" in desc
