"""Fictional demo registries: obviously invented companies with varied agreements.

Every name starts with "Muster" and the file declares `demo: true`, so the built site
shows its "Demodaten" notice on every page. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from . import clock, vocabulary as model

FIRST = ["Rhein", "Kö", "Hafen", "Linden", "Sonnen", "Wald", "Brücken", "Garten", "Mühlen", "Stern",
         "Park", "Markt", "Turm", "Wiesen", "Kastanien", "Quellen", "Uferweg", "Altstadt", "Nord", "Süd"]
SECOND = ["Bäckerei", "Holzbau", "Logistik", "Druckerei", "Elektrotechnik", "Kanzlei", "Software", "Catering",
          "Gebäudetechnik", "Werbeagentur", "Kfz-Werkstatt", "Hotel", "Reinigung", "Architektur", "Labor",
          "Möbelhandel", "Brauerei", "Dachdeckerei", "Beratung", "Sanitärtechnik"]
LEGAL = ["GmbH", "GmbH & Co. KG", "KG", "e. K.", "AG", "OHG"]
MEASURES = [
    ("LED-Beleuchtung in allen Räumen", "energy-efficiency"), ("Photovoltaik auf dem Dach", "renewables"),
    ("Ökostrom-Vertrag", "renewables"), ("Wärmepumpe statt Gasheizung", "buildings"),
    ("Dämmung der Fassade", "buildings"), ("E-Lastenräder für Kurierfahrten", "mobility"),
    ("Jobticket für alle Beschäftigten", "mobility"), ("Regionale Lieferanten bevorzugen", "procurement"),
    ("Mehrwegverpackungen", "circular-economy"), ("Reparieren statt neu kaufen", "circular-economy"),
    ("Energiesparschulung für das Team", "awareness"), ("Klimabilanz jedes Jahr", "other"),
]
DEMO_LOGOS = ("demo-logo-1.svg", "demo-logo-2.svg", "demo-logo-3.svg")


def demo_partner(index: int, rng: random.Random, today: dt.date) -> dict:
    name = f"Muster-{rng.choice(SECOND)} {rng.choice(FIRST)} {rng.choice(LEGAL)}"
    joined = today - dt.timedelta(days=rng.randint(60, 1500))
    status = rng.choices(["partner", "letter-of-intent", "former"], weights=[6, 3, 1])[0]
    entry: dict = {
        "id": f"muster-{index:04d}",
        "name": f"{name} (Demo {index})",
        "role": "partner",
        "status": status,
        "joined": joined,
        "sector": rng.choice(list(model.SECTORS)[:19]),
        "size": rng.choice(list(model.SIZES)),
        "district": rng.randint(1, 10),
        "website": f"https://muster-{index:04d}.example.org",
        "description": f"{name} ist ein erfundenes Unternehmen für die Demo-Ansicht der Website. "
                       "Es zeigt, wie ein Partnerprofil mit Zielen und Maßnahmen aussieht.",
        "last_reviewed": today - dt.timedelta(days=rng.randint(0, 500)),
    }
    if rng.random() < 0.7:
        entry["logo"] = rng.choice(DEMO_LOGOS)
    if rng.random() < 0.5:
        entry["contact"] = {"name": "Erika Mustermann", "role": "Klimaschutzbeauftragte",
                            "email": f"klima@muster-{index:04d}.example.org", "phone": "+49 211 000000"}
    if status in ("partner", "former"):
        entry["agreement"] = demo_agreement(rng, joined, today)
        if rng.random() < 0.6:
            entry["emissions"] = demo_emissions(rng, joined.year, today.year)
    return entry


def demo_agreement(rng: random.Random, joined: dt.date, today: dt.date) -> dict:
    signed = min(today, joined + dt.timedelta(days=rng.randint(30, 360)))
    measures = []
    for title, field in rng.sample(MEASURES, rng.randint(1, 6)):
        measure = {"title": title, "field": field, "status": rng.choice(list(model.MEASURE_STATUSES))}
        if rng.random() < 0.8:
            measure["year"] = rng.randint(signed.year, 2030)
        measures.append(measure)
    targets = [{"year": 2035, "climate_neutral": True}]
    if rng.random() < 0.7:
        targets.insert(0, {"year": 2030, "reduction_percent": rng.choice([30, 40, 50, 65]),
                           "baseline_year": 2019, "scopes": [1, 2]})
    return {"signed": signed, "targets": targets, "measures": measures}


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
