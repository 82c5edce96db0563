"""Demo data that hangs together: for many seeds, counts and build dates, every demo partner's
name fits its sector and size, and its dates keep the order a real pact's would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY
from klimapakt import demo, model
from klimapakt.load import loader

build_dates = st.dates(min_value=dt.date(2021, 10, 1), max_value=dt.date(2036, 12, 31))


def order_problems(entry: dict, today: dt.date) -> list[str]:
    """Every broken date order of one demo partner, in words (empty when it hangs together)."""
    agreement = entry.get("agreement") or {}
    signed = agreement.get("signed")
    chain = [("joined", entry["joined"]), ("signed", signed), ("last_reviewed", entry["last_reviewed"]), ("today", today)]
    dated = [(name, value) for name, value in chain if value is not None]
    problems = [f"{a} {x} after {b} {y}" for (a, x), (b, y) in zip(dated, dated[1:]) if x > y]
    if entry["joined"] < demo.PACT_FOUNDED <= today:
        problems.append(f"joined {entry['joined']} before the pact was founded")
    if entry["status"] == "former" and signed is not None and signed >= today:
        problems.append(f"former partner's agreement signed {signed}, not before today")
    if entry["status"] in ("partner", "former") and signed is None:
        problems.append("a Klimapartner without a signed agreement")
    if entry["status"] == "letter-of-intent" and agreement:
        problems.append("a letter of intent with an agreement")
    for measure in agreement.get("measures", []):
        year = measure.get("year")
        if year is None:
            continue
        if measure["status"] == "done" and not signed.year <= year <= today.year:
            problems.append(f"done measure {measure['title']!r} in {year}, not between signing and today")
        if measure["status"] == "planned" and year < today.year:
            problems.append(f"planned measure {measure['title']!r} in the past year {year}")
    return problems


def fits_its_sector_and_size(entry: dict) -> bool:
    name = entry["name"].split(" (Demo ")[0]  # "Holzbau Muster-Quellen OHG"
    trade, _, rest = name.partition(" Muster-")
    return (rest != "" and trade in demo.TRADES[entry["sector"]]
            and any(name.endswith(" " + legal) for legal in demo.LEGAL_BY_SIZE[entry["size"]]))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), count=st.integers(min_value=1, max_value=80), today=build_dates)
def test_every_demo_partner_keeps_every_date_order(seed, count, today):
    for entry in demo.demo_registry(count, seed=seed, today=today)["partners"]:
        assert order_problems(entry, today) == [], entry


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), today=build_dates)
def test_every_demo_name_fits_its_sector_and_size(seed, today):
    for entry in demo.demo_registry(40, seed=seed, today=today)["partners"]:
        assert fits_its_sector_and_size(entry), entry
        assert entry["sector"] in model.SECTORS and entry["sector"] not in ("O", "T", "U")


def test_a_trade_belongs_to_one_sector_only():
    trades = [trade for names in demo.TRADES.values() for trade in names]
    assert len(trades) == len(set(trades))
    assert "Bäckerei" in demo.TRADES["C"] and "Bäckerei" not in demo.TRADES["B"]
    assert set(demo.TRADES) <= set(model.SECTORS) and set(demo.LEGAL_BY_SIZE) == set(model.SIZES)
    assert "e. K." not in demo.LEGAL_BY_SIZE["large"] and "AG" not in demo.LEGAL_BY_SIZE["micro"]


def test_the_order_check_notices_broken_orders():
    """The checks above can fail: a partner whose steps are out of order is caught."""
    entry = {"name": "Bäckerei Muster-Nord AG (Demo 1)", "sector": "B", "size": "micro", "status": "former",
             "joined": dt.date(2024, 5, 1), "last_reviewed": dt.date(2024, 1, 1),
             "agreement": {"signed": TODAY, "measures": [{"title": "X", "status": "done", "year": 2030},
                                                         {"title": "Y", "status": "planned", "year": 2020}]}}
    assert order_problems(entry, TODAY) == [
        f"signed {TODAY} after last_reviewed 2024-01-01",
        f"former partner's agreement signed {TODAY}, not before today",
        "done measure 'X' in 2030, not between signing and today",
        "planned measure 'Y' in the past year 2020",
    ]
    assert not fits_its_sector_and_size(entry)


@pytest.mark.parametrize("count, seed", [(60, 2035), (200, 7), (500, 1)])
def test_written_demo_registry_loads_without_errors_or_date_warnings(tmp_path: Path, count, seed):
    path = demo.write_demo_registry(tmp_path / "partners.yml", count, seed, today=TODAY)
    loaded = loader.load_file(path, logo_dir=ROOT / "docs/assets/partners", today=TODAY)
    assert len(loaded.partners) == count and loaded.demo is True
    assert [p for p in loaded.problems if p.severity == "error"] == []
    # Reviewed within the year, letters of intent not overdue: only missing logos are hinted at.
    assert {p.field for p in loaded.problems} <= {"-"}, sorted({p.message for p in loaded.problems})
    statuses = {p.status for p in loaded.partners}
    # every kind of profile appears; the demo invents no Initialpartner (the real ones are named in FACTS.md)
    assert statuses == set(model.STATUSES) - {model.STATUS_FOUNDING}
