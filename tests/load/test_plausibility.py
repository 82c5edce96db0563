"""Plausibility warnings (issue 12, item 5): accepted values that are mostly slips. Yellow, never red:
each is a warning at the line of the field it names, and the partner is still published."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from klimapakt.load.loader import load_text
from klimapakt.model import monitoring_rules
from helpers.corpus import AGREEMENT, EMISSIONS, SECOND, registry

TODAY = dt.date(2026, 11, 25)  # the build date (ctx.today)
LOGOS = Path(__file__).resolve().parents[1] / "fixtures" / "logos"
E = "partners.yml"


def warnings(text: str) -> list[str]:
    loaded = load_text(text, today=TODAY, logo_dir=LOGOS)
    assert [p for p in loaded.problems if p.severity == "error"] == [] and loaded.partners
    return [str(p) for p in loaded.problems]


def test_plausible_agreements_and_emissions_give_no_warning():
    assert warnings(registry(AGREEMENT + EMISSIONS.replace("2023", "2026"))) == []


def test_two_partners_with_the_same_name_under_different_ids():
    assert warnings(registry(SECOND.replace("Beta AG", "Acme GmbH"))) == [
        f"{E}:9: beta: name: Den Namen „Acme GmbH“ hat schon der Partner „acme“ (Zeile 3). Ist es derselbe Partner unter "
        "zwei Kennungen? Dann bitte die beiden Einträge zusammenführen; sonst die Namen unterscheidbar machen, z. B. mit "
        "dem Standort."]


def test_a_baseline_year_in_the_future():
    assert warnings(registry(AGREEMENT.replace("baseline_year: 2019", "baseline_year: 2027"))) == [
        f"{E}:14: acme: agreement.targets[1].baseline_year: Das Basisjahr 2027 liegt in der Zukunft; mit seinen "
        "Emissionen lässt sich das Ziel noch nicht vergleichen. Bitte prüfen (ist das Zieljahr gemeint?)."]


def test_an_emissions_year_in_the_future():
    assert warnings(registry(EMISSIONS.replace("2023", "2027"))) == [
        f"{E}:9: acme: emissions[1].year: Emissionen für 2027 liegen in der Zukunft: berichtet werden können nur "
        "vergangene Jahre. Bitte das Berichtsjahr prüfen."]


def test_an_agreement_signed_before_the_partner_joined():
    assert warnings(registry(AGREEMENT.replace("joined: 2023-05-01", "joined: 2024-03-01"))) == [
        f"{E}:10: acme: agreement.signed: Die Vereinbarung ist am 2024-02-01 unterzeichnet, vor dem Beitritt am "
        "2024-03-01 („joined“). Der Beitritt ist der Letter of Intent oder die Vereinbarung, liegt also nicht nach der "
        "Unterzeichnung. Bitte beide Daten prüfen."]
    assert warnings(registry(AGREEMENT.replace("joined: 2023-05-01", "joined: 2024-02-01"))) == []  # the same day


def test_a_measure_planned_for_a_past_year_is_left_to_monitoring():
    """It becomes due as time passes, not by what a change wrote: `python -m klimapakt monitoring` lists it
    (monitoring_rules.due_planned_measures), `check` stays quiet."""
    text = registry(AGREEMENT.replace("status: done\n          year: 2024", "status: planned\n          year: 2025"))
    assert warnings(text) == []
    (partner,) = load_text(text, today=TODAY, logo_dir=LOGOS).partners
    assert [due.field for due in monitoring_rules.due_planned_measures(partner, TODAY)] == ["agreement.measures[1].status"]
