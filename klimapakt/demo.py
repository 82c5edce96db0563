"""Fictional demo registries: obviously invented companies with varied agreements.

Every name holds "Muster-" and "(Demo N)" and the file declares `demo: true`, so the built site
shows its "Demodaten" notice on every page. Deterministic for a given seed and build date.
The data hangs together like a real pact's: names fit their sector and size, and dates keep
their order (joined ≤ signed ≤ last_reviewed ≤ today; done measures not in the future,
planned ones not in a past year; a former partner's agreement signed well before today).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from . import clock, vocabulary

FIRST = ["Rhein", "Kö", "Hafen", "Linden", "Sonnen", "Wald", "Brücken", "Garten", "Mühlen", "Stern",
         "Park", "Markt", "Turm", "Wiesen", "Kastanien", "Quellen", "Uferweg", "Altstadt", "Nord", "Süd"]
# Trades by sector (WZ 2008 section), so a name fits its sector: a bakery makes things (C), it
# does not mine. O (public administration), T and U (households, extraterritorial bodies) hold
# no companies of a business pact and are not drawn.
TRADES = {
    "A": ["Gärtnerei", "Baumschule", "Forstbetrieb", "Obsthof"],
    "B": ["Kieswerk", "Sandgrube", "Steinbruch", "Natursteinwerk"],
    "C": ["Bäckerei", "Brauerei", "Druckerei", "Metallbau", "Maschinenbau", "Feinmechanik"],
    "D": ["Energie", "Stadtwärme", "Solarstrom", "Windkraft"],
    "E": ["Recycling", "Entsorgung", "Wertstoffhof", "Abwassertechnik"],
    "F": ["Holzbau", "Dachdeckerei", "Sanitärtechnik", "Elektroinstallation", "Malerbetrieb", "Hochbau"],
    "G": ["Kfz-Werkstatt", "Möbelhandel", "Fahrradhandel", "Autohaus", "Baustoffhandel", "Feinkost"],
    "H": ["Logistik", "Spedition", "Kurierdienst", "Lagerhaus"],
    "I": ["Hotel", "Catering", "Gasthaus", "Café"],
    "J": ["Software", "IT-Service", "Verlag", "Medienhaus"],
    "K": ["Versicherungsmakler", "Finanzberatung", "Leasing"],
    "L": ["Hausverwaltung", "Immobilien", "Wohnbau"],
    "M": ["Kanzlei", "Architektur", "Ingenieurbüro", "Labor", "Steuerberatung", "Werbeagentur"],
    "N": ["Reinigung", "Gebäudeservice", "Sicherheitsdienst", "Personalservice"],
    "P": ["Sprachschule", "Fahrschule", "Bildungswerk"],
    "Q": ["Pflegedienst", "Physiotherapie", "Zahnarztpraxis", "Tagesklinik"],
    "R": ["Kletterhalle", "Fitnessstudio", "Theater", "Kino"],
    "S": ["Friseursalon", "Wäscherei", "Schneiderei", "Schuhmacherei"],
}
# Legal forms that fit a size: no one-person "e. K." among large firms, no AG among micro firms.
LEGAL_BY_SIZE = {
    "micro": ["e. K.", "GmbH", "OHG"],
    "small": ["e. K.", "GmbH", "KG", "OHG"],
    "medium": ["GmbH", "GmbH & Co. KG", "KG"],
    "large": ["AG", "GmbH", "GmbH & Co. KG"],
}
MEASURES = [
    ("LED-Beleuchtung in allen Räumen", "energy-efficiency"), ("Photovoltaik auf dem Dach", "renewables"),
    ("Ökostrom-Vertrag", "renewables"), ("Wärmepumpe statt Gasheizung", "buildings"),
    ("Dämmung der Fassade", "buildings"), ("E-Lastenräder für Kurierfahrten", "mobility"),
    ("Jobticket für alle Beschäftigten", "mobility"), ("Regionale Lieferanten bevorzugen", "procurement"),
    ("Mehrwegverpackungen", "circular-economy"), ("Reparieren statt neu kaufen", "circular-economy"),
    ("Energiesparschulung für das Team", "awareness"), ("Klimabilanz jedes Jahr", "other"),
]
DEMO_LOGOS = ("demo-logo-1.svg", "demo-logo-2.svg", "demo-logo-3.svg")
PACT_FOUNDED = dt.date(2021, 10, 1)  # nobody joined before the pact existed (FACTS.md: October 2021)
LAST_MEASURE_YEAR = 2035  # the city's goal: measures are planned up to climate neutrality
# Days before the build date: the latest joining, so each step after it has room.
MIN_AGE_DAYS = 60
LOI_MAX_AGE_DAYS = 700  # a letter of intent older than 24 months without agreement is overdue (rules)
REVIEW_MAX_AGE_DAYS = 330  # reviewed within the year, as the office does (rules warn after 12 months)
FORMER_MIN_AGE_DAYS = 90  # a former partner left some time ago; its agreement is older still


def demo_partner(index: int, rng: random.Random, today: dt.date) -> dict:
    status = rng.choices(["partner", "letter-of-intent", "former"], weights=[6, 3, 1])[0]
    if status == "former" and age_of_pact(today) < FORMER_MIN_AGE_DAYS + 30:
        status = "partner"  # too soon after the founding for anyone to have left
    sector = rng.choice(list(TRADES))
    size = rng.choice(list(vocabulary.SIZES))
    # The trade first, so the demo directory spreads over the alphabet like a real one (its A–Z bar).
    name = f"{rng.choice(TRADES[sector])} Muster-{rng.choice(FIRST)} {rng.choice(LEGAL_BY_SIZE[size])}"
    joined = demo_joined(rng, today, status)
    entry: dict = {
        "id": f"muster-{index:04d}",
        "name": f"{name} (Demo {index})",
        "role": "partner",
        "status": status,
        "joined": joined,
        "sector": sector,
        "size": size,
        "district": rng.randint(1, 10),
        "website": f"https://muster-{index:04d}.example.org",
        "description": demo_description(name, status),
    }
    if rng.random() < 0.7:
        entry["logo"] = rng.choice(DEMO_LOGOS)
    if rng.random() < 0.5:
        entry["contact"] = {"name": "Erika Beispiel", "role": "Klimaschutzbeauftragte",
                            "email": f"klima@muster-{index:04d}.example.org", "phone": "+49 211 000000"}
    latest = joined
    if status in ("partner", "former"):
        entry["agreement"] = demo_agreement(rng, joined, today, former=status == "former")
        latest = entry["agreement"]["signed"]
        if rng.random() < 0.6:
            entry["emissions"] = demo_emissions(rng, joined.year, today.year)
    entry["last_reviewed"] = demo_reviewed(rng, latest, today)
    return entry


def days_between(rng: random.Random, low: int, high: int) -> int:
    """A whole number of days in [low, high]; `low` when the range is empty (a build date near the founding)."""
    return rng.randint(low, high) if high > low else low


def age_of_pact(today: dt.date) -> int:
    """Days since the founding; 0 for a build date before it (then everyone joins on the build date)."""
    return max(0, (today - PACT_FOUNDED).days)


def demo_joined(rng: random.Random, today: dt.date, status: str) -> dt.date:
    oldest = min(age_of_pact(today), LOI_MAX_AGE_DAYS if status == "letter-of-intent" else 1500)
    youngest = min(oldest, FORMER_MIN_AGE_DAYS + 30 if status == "former" else MIN_AGE_DAYS)
    return today - dt.timedelta(days=days_between(rng, youngest, oldest))


def demo_description(name: str, status: str) -> str:
    """What the profile shows, and nothing it does not (a letter of intent has no targets yet)."""
    shows = ("wie ein Partnerprofil mit Zielen und Maßnahmen aussieht" if status != "letter-of-intent"
             else "wie ein Profil vor der Klimaschutzvereinbarung aussieht")
    return f"{name} ist ein erfundenes Unternehmen für die Demo-Ansicht der Website. Es zeigt, {shows}."


def demo_agreement(rng: random.Random, joined: dt.date, today: dt.date, *, former: bool = False) -> dict:
    # Signed 30 to 360 days after joining, and not today: a former partner's agreement is older than its leaving.
    latest = today - dt.timedelta(days=FORMER_MIN_AGE_DAYS if former else 1)
    room = max(0, (latest - joined).days)
    signed = joined + dt.timedelta(days=days_between(rng, min(30, room), min(360, room)))
    measures = []
    for title, field in rng.sample(MEASURES, rng.randint(1, 6)):
        status = rng.choice(list(vocabulary.MEASURE_STATUSES))
        measure: dict[str, Any] = {"title": title, "field": field, "status": status}
        if rng.random() < 0.8:
            measure["year"] = demo_measure_year(rng, status, signed.year, today.year)
        measures.append(measure)
    targets: list[dict[str, Any]] = [{"year": 2035, "climate_neutral": True}]
    if rng.random() < 0.7:
        targets.insert(0, {"year": 2030, "reduction_percent": rng.choice([30, 40, 50, 65]),
                           "baseline_year": 2019, "scopes": [1, 2]})
    return {"signed": signed, "targets": targets, "measures": measures}


def demo_measure_year(rng: random.Random, status: str, signed_year: int, this_year: int) -> int:
    """Done: between signing and now. Planned: this year or later. In progress: begun, not yet done."""
    if status == "done":
        return rng.randint(signed_year, this_year)
    first = max(signed_year, this_year)
    return rng.randint(first, max(first, LAST_MEASURE_YEAR))


def demo_reviewed(rng: random.Random, latest: dt.date, today: dt.date) -> dt.date:
    """Reviewed after the last dated step (joining or signing), within the last year."""
    return today - dt.timedelta(days=rng.randint(0, min(REVIEW_MAX_AGE_DAYS, (today - latest).days)))


def demo_emissions(rng: random.Random, first_year: int, this_year: int) -> list[dict]:
    base = rng.uniform(20, 5000)
    rows = []
    for year in range(max(2019, first_year - 2), this_year):
        base *= rng.uniform(0.85, 1.0)
        rows.append({"year": year, "scope1": round(base * 0.4, 1), "scope2": round(base * 0.6, 1),
                     "scope3": round(base * 3, 1) if rng.random() < 0.3 else None})
    return rows


def demo_registry(count: int, seed: int = 2035, today: dt.date | None = None) -> dict:
    rng = random.Random(seed)
    today = today or clock.build_date()
    return {"demo": True, "partners": [demo_partner(i, rng, today) for i in range(1, count + 1)]}


class _NoAliasDumper(yaml.SafeDumper):
    """Staff-style YAML: no anchors or aliases (the loader refuses them)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def write_demo_registry(path: Path, count: int, seed: int = 2035, today: dt.date | None = None) -> Path:
    header = ("# Demodaten: erfundene Unternehmen zum Ausprobieren der Website. Nicht veröffentlichen.\n"
              "# Generated by `python -m klimapakt demo`.\n")
    text = yaml.dump(demo_registry(count, seed, today), Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + text, encoding="utf-8")
    return path
