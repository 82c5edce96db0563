"""How much of the pact the directory holds: its partner companies against the sourced count."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from klimapakt import model
from klimapakt.kinds.dates import Period
from klimapakt.model.figures import Figure
from klimapakt.render import coverage, html


def figure(value: float, qualifier: str = "more-than") -> Figure:
    return Figure(id=coverage.PARTNER_COUNT_FIGURE, value=value, qualifier=qualifier, unit="Unternehmen",
                  label="sind Partner im Klimapakt", as_of=Period(2025, 7, 3), source_title="Muster-Quelle: Bericht",
                  source_url="https://quelle.example/bericht")


def partners(count: int) -> list[model.Partner]:
    companies = [model.Partner(id=f"p{i}", name=f"P{i}", role="partner", status="partner") for i in range(count)]
    others = [model.Partner(id="k", name="Kammer", role="founding", status="founding"),
              model.Partner(id="f", name="Fort", role="partner", status="former")]
    return companies + others


def text(c: coverage.Coverage) -> str:
    return " ".join(BeautifulSoup(html.render_coverage(c), "html.parser").get_text().split())


def test_the_initialpartner_and_former_partners_are_not_counted():
    assert coverage.coverage(partners(5), (figure(100),)).listed == 5


@pytest.mark.parametrize("listed, total, qualifier, incomplete", [
    (100, 100, "more-than", True), (101, 100, "more-than", False),
    (99, 100, "about", True), (100, 100, "about", False), (100, 100, "exactly", False),
])
def test_incomplete_while_fewer_than_the_sourced_count(listed, total, qualifier, incomplete):
    assert coverage.Coverage(listed, figure(total, qualifier)).incomplete is incomplete


def test_the_sentence_names_n_of_the_sourced_count_with_date_and_source():
    shown = text(coverage.coverage(partners(8), (figure(100),)))
    assert shown.startswith("Das Verzeichnis wird laufend ergänzt: Bisher sind 8 von über 100 Partnerunternehmen eingetragen.")
    assert "Gesamtzahl: Stand 3. Juli 2025, Quelle: Muster-Quelle: Bericht" in shown
    assert text(coverage.Coverage(1, figure(100))).startswith("Das Verzeichnis wird laufend ergänzt: Bisher ist 1 von")


def test_without_a_sourced_count_the_sentence_claims_no_total():
    assert text(coverage.coverage(partners(3), ())) == ("Das Verzeichnis wird laufend ergänzt: Bisher sind 3 Partnerunternehmen "
                                                        "eingetragen. Dazu kommt 1 ehemaliger Partner, den das Verzeichnis ebenfalls zeigt.")


def test_former_partners_are_named_so_the_directory_count_adds_up():
    # The list says "N von N Einträgen", former ones included: the sentence says so.
    two_former = partners(4) + [model.Partner(id="g", name="Gone", role="partner", status="former")]
    assert coverage.coverage(two_former, ()).former == 2
    assert "Dazu kommen 2 ehemalige Partner, die das Verzeichnis ebenfalls zeigt." in text(coverage.coverage(two_former, ()))
    assert "ehemalig" not in text(coverage.coverage(partners(4)[:4], ()))


def test_a_complete_directory_says_what_it_holds_and_the_last_published_count():
    assert text(coverage.Coverage(120, figure(100))).startswith(
        "Im Verzeichnis sind 120 Partnerunternehmen eingetragen; zuletzt veröffentlicht wurden über 100.")
