"""Issue 22: a partner's join date no more precise than its source. `joined_precision: month` (or
`year`) dates the join on the first day of the month (or year); the profile, the directory, the
monitoring and the spreadsheet show only the month (or year), the CSV and JSON files say how precise
the date is in their own column. A fictional fixture registry only: never the repository's partners.yml."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup

from conftest import TODAY, build_site
from helpers.corpus import ACME
from klimapakt.load.loader import load_text
from klimapakt.model import monitoring_rules
from klimapakt.render import progress

E = "partners.yml"
MONTH_ONLY = ACME + """\
    description: Acme stellt Werkzeuge her.
    joined: 2022-10-01
    joined_precision: month
"""
FIXTURE = f"""\
partners:
  - id: muster-messe
    name: Muster Messe GmbH (erfunden)
    role: partner
    status: partner
    description: Die Muster Messe ist ein erfundenes Unternehmen für Tests.
    joined: 2022-10-01
    joined_precision: month
    agreement:
      signed: 2023-03-15
  - id: beispiel-bau
    name: Beispiel Bau AG (erfunden)
    role: partner
    status: letter-of-intent
    description: Die Beispiel Bau AG ist ein erfundenes Unternehmen für Tests.
    joined: 2021-01-01
    joined_precision: year
  - id: probe-kg
    name: Probe KG (erfunden)
    role: partner
    status: letter-of-intent
    description: Die Probe KG ist ein erfundenes Unternehmen für Tests.
    joined: 2023-05-17
"""
# Every way an output could name the invented day of the month-only join (or of the year-only one).
INVENTED_DAYS = ("1. Oktober", "01.10.2022", "1.10.2022", 'datetime="2022-10-01', "1. Januar 2021", "01.01.2021")


def load(text: str):
    return load_text(text, today=TODAY)


def errors(text: str) -> list[str]:
    return [str(p) for p in load(text).problems if p.severity == "error"]


def test_month_only_join_loads_and_reads_as_the_month():
    loaded = load(MONTH_ONLY)
    assert errors(MONTH_ONLY) == []
    partner = loaded.partners[0]
    assert (partner.joined, partner.joined_precision, partner.year_joined) == (dt.date(2022, 10, 1), "month", 2022)
    assert partner.joined_period.text_de() == "Oktober 2022"


def test_without_joined_precision_the_join_is_a_day():
    partner = load(MONTH_ONLY.replace("2022-10-01", "2022-10-15").replace("    joined_precision: month\n", "")).partners[0]
    assert (partner.joined_precision, partner.joined_period.text_de()) == (None, "15. Oktober 2022")


def test_month_precision_with_a_day_other_than_the_first_is_refused():
    assert errors(MONTH_ONLY.replace("2022-10-01", "2022-10-15")) == [
        f"{E}:7: acme: joined: 2022-10-15 passt nicht zur Genauigkeit „month“ (Monat): Schreiben Sie den ersten "
        "Tag des Monats, 2022-10-01. Angezeigt wird dann nur „Oktober 2022“."]


def test_year_precision_with_a_day_other_than_new_year_is_refused():
    assert errors(MONTH_ONLY.replace("month", "year")) == [
        f"{E}:7: acme: joined: 2022-10-01 passt nicht zur Genauigkeit „year“ (Jahr): Schreiben Sie den ersten "
        "Tag des Jahres, 2022-01-01. Angezeigt wird dann nur „2022“."]


def test_an_unknown_precision_word_is_refused():
    assert errors(MONTH_ONLY.replace("joined_precision: month", "joined_precision: monatlich")) == [
        f"{E}:8: acme: joined_precision: „monatlich“ ist keine Genauigkeit. Erlaubt: day (Tag), month (Monat), "
        "year (Jahr)."]


def test_a_precision_without_a_join_date_is_refused():
    assert errors(MONTH_ONLY.replace("    joined: 2022-10-01\n", "")) == [
        f"{E}:7: acme: joined_precision: „joined_precision“ sagt, wie genau „joined“ bekannt ist; ohne „joined“ "
        "bitte weglassen oder das Beitrittsdatum ergänzen."]


def test_monitoring_names_only_the_month():
    partner = load(MONTH_ONLY.replace("status: partner", "status: letter-of-intent")).partners[0]
    reasons = [due.reason for due in monitoring_rules.due_agreement(partner, TODAY)]
    assert reasons and "Letter of Intent aus dem Oktober 2022;" in reasons[0], reasons
    klimapartner = load(MONTH_ONLY).partners[0]
    assert "(beigetreten im Oktober 2022)" in monitoring_rules.due_agreement(klimapartner, TODAY)[0].reason


def test_joined_by_year_counts_the_month_only_join_in_its_year():
    partners = load(FIXTURE).partners
    counts = {row.year: row for row in progress.over_time(partners, 2023)}
    assert sorted(counts) == [2021, 2022, 2023]
    assert (counts[2021].letters_of_intent, counts[2022].letters_of_intent, counts[2023].klimapartner) == (1, 2, 1)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    registry_file = tmp_path_factory.mktemp("joined") / "partners.yml"
    registry_file.write_text(FIXTURE, encoding="utf-8")
    out = tmp_path_factory.mktemp("joined-site") / "site"
    result = build_site(registry_file, out, KLIMAPAKT_TODAY=TODAY.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def shown(page: Path, selector: str) -> dict[str, str]:
    """Each partner's „Dabei seit“ on a page, by the text of the element `selector` picks around it."""
    found = {}
    for box in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(selector):
        term = next((dt_ for dt_ in box.select("dt") if dt_.get_text(strip=True) == "Dabei seit"), None)
        if term is not None:
            found[box.get("id") or page.parent.name] = term.find_next_sibling("dd").get_text(strip=True)
    return found


def test_profiles_show_the_join_as_precise_as_its_source(site):
    assert shown(site / "partner/muster-messe/index.html", "dl div") == {"muster-messe": "Oktober 2022"}
    assert shown(site / "partner/beispiel-bau/index.html", "dl div") == {"beispiel-bau": "2021"}
    assert shown(site / "partner/probe-kg/index.html", "dl div") == {"probe-kg": "17. Mai 2023"}


def test_directory_cards_show_the_month_only(site):
    cards = [shown(page, ".kp-card") for page in site.rglob("index.html") if "kp-card" in page.read_text("utf-8")]
    values = sorted({value for found in cards for value in found.values()})
    assert values == ["17. Mai 2023", "2021", "Oktober 2022"], values


def test_no_output_names_a_day_the_source_does_not_give(site):
    outputs = [p for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".csv", ".xml", ".vcf",
                                                                          ".ics", ".txt", ".js"}]
    assert any(p.suffix == ".csv" for p in outputs) and any(p.name == "partners.json" for p in outputs)
    for path in outputs:
        text = path.read_text(encoding="utf-8", errors="replace")
        found = [day for day in INVENTED_DAYS if day in text]
        assert not found, f"{path.relative_to(site)} names {found}"


def exported(site: Path, name: str) -> Path:
    return next(site.rglob(name))


def test_csv_and_json_give_the_first_day_with_its_precision(site):
    rows = {row["id"]: row for row in csv.DictReader(
        io.StringIO(exported(site, "partners.csv").read_text(encoding="utf-8-sig")), delimiter=";")}
    assert [(rows[i]["joined"], rows[i]["joined_precision"]) for i in ("muster-messe", "beispiel-bau", "probe-kg")] \
        == [("2022-10-01", "month"), ("2021-01-01", "year"), ("2023-05-17", "")]
    data = json.loads(exported(site, "partners.json").read_text(encoding="utf-8"))
    partners = {p["id"]: p for p in data["partners"]}
    assert (partners["muster-messe"]["joined"], partners["muster-messe"]["joined_precision"]) == ("2022-10-01", "month")


def test_spreadsheet_shows_the_month_or_the_year_only(site):
    sheet = openpyxl.load_workbook(exported(site, "partners.xlsx")).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("Beitritt")
    cells = {row[0].value: row[column] for row in sheet.iter_rows(min_row=2)}
    assert (cells["muster-messe"].value.date(), cells["muster-messe"].number_format) == (dt.date(2022, 10, 1), "MM.YYYY")
    assert cells["beispiel-bau"].value == 2021
    assert (cells["probe-kg"].value.date(), cells["probe-kg"].number_format) == (dt.date(2023, 5, 17), "DD.MM.YYYY")
