"""Open data: every partner and every value of partners.yml is in the JSON, and the CSV
files, read with the dialect they declare, give the same values as the JSON."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from klimapakt.exports import csv_tables as export_tables
from klimapakt.kinds.dates import DATE
from klimapakt.kinds.numbers import BOOL, INT, PERCENT, TONNES
from klimapakt.kinds.text import TEXT
from klimapakt import exports, model
from klimapakt.load import loader


@pytest.fixture(scope="module")
def data_dir(demo_site) -> Path:
    return demo_site / exports.EXPORT_DIR


@pytest.fixture(scope="module")
def document(data_dir) -> dict:
    return json.loads((data_dir / "partners.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def csvw(data_dir) -> dict:
    return json.loads((data_dir / "csv-metadata.json").read_text(encoding="utf-8"))


def plain(value):
    """A value as yaml.safe_load gives it, in JSON's terms (dates become ISO strings)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def assert_contained(source, exported, path="partners"):
    """Every key and value of `source` (from the YAML) is in `exported` (from the JSON)."""
    if isinstance(source, dict):
        assert isinstance(exported, dict), path
        for key, value in source.items():
            assert key in exported, f"{path}.{key} missing"
            assert_contained(value, exported[key], f"{path}.{key}")
    elif isinstance(source, list):
        assert isinstance(exported, list) and len(exported) == len(source), path
        for index, (a, b) in enumerate(zip(source, exported)):
            assert_contained(a, b, f"{path}[{index}]")
    elif isinstance(source, float) or isinstance(exported, float):
        assert exported == pytest.approx(source), path
    else:
        assert exported == source, path


@pytest.mark.parametrize("site_fixture, registry_fixture", [("demo_site", "demo_registry"), ("real_site", None)])
def test_json_holds_every_partner_and_every_value_of_the_registry(request, site_fixture, registry_fixture):
    site = request.getfixturevalue(site_fixture)
    registry = request.getfixturevalue(registry_fixture) if registry_fixture else ROOT / "partners.yml"
    source = plain(yaml.safe_load(registry.read_text(encoding="utf-8")))["partners"]
    exported = json.loads((site / "daten/partners.json").read_text(encoding="utf-8"))
    assert exported["count"] == len(source) == len(exported["partners"])
    assert [p["id"] for p in exported["partners"]] == [p["id"] for p in source]
    for entry, record in zip(source, exported["partners"]):
        assert_contained(entry, record, entry["id"])


def test_json_has_every_field_of_the_model_for_every_partner(document):
    def keys(spec, record, path):
        assert list(record) == [f.key for f in spec], path
        for f in spec:
            value = record[f.key]
            if f.kind == "object" and value is not None:
                keys(f.spec, value, f"{path}.{f.key}")
            elif f.kind == "list" and f.spec:
                for item in value:
                    keys(f.spec, item, f"{path}.{f.key}[]")
    for record in document["partners"]:
        keys(model.fields_of(model.Partner), record, record["id"])


def test_json_states_licence_source_and_generation_time(document):
    assert document["license"]["name"] == "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    assert document["license"]["url"] == "https://www.govdata.de/dl-de/by-2-0"
    assert "Logos" in document["license"]["exceptions"]
    assert document["license"]["attribution"].startswith("Geschäftsstelle Klimapakt Düsseldorf")
    assert dt.datetime.fromisoformat(document["generated"].replace("Z", "+00:00")).tzinfo is not None
    assert document["source"].endswith("/daten/") and document["demo"] is True
    assert {f["name"] for f in document["fields"]} >= {"id", "contact.email", "agreement.measures[].title"}


def read_declared(path: Path, dialect: dict) -> list[dict[str, str]]:
    """Read a CSV file the way its csv-metadata.json says (UTF-8, BOM allowed, delimiter, quotes)."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for Excel"
    assert dialect["encoding"] == "utf-8"
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text and dialect["lineTerminators"] == ["\r\n"]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=dialect["delimiter"], quotechar=dialect["quoteChar"],
                            doublequote=dialect["doubleQuote"], skipinitialspace=dialect["skipInitialSpace"])
    return list(reader)


def cell_value(column: dict, cell: str):
    """A cell converted with the column's declared CSVW datatype (and the apostrophe rule)."""
    if cell == "":
        return [] if "separator" in column else None
    if "separator" in column:
        return [cell_value({k: v for k, v in column.items() if k != "separator"}, part)
                for part in cell.split(column["separator"])]
    datatype = column["datatype"]
    base = datatype["base"] if isinstance(datatype, dict) else datatype
    if base == "integer":
        return int(cell)
    if base == "number":
        return float(cell.replace(datatype["format"]["decimalChar"], "."))
    if base == "boolean":
        return dict(zip(datatype["format"].split("|"), (True, False)))[cell]
    if cell.startswith("'") and cell.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return cell[1:]  # declared in csv-metadata.json: rdfs:comment
    return cell


def json_at(record: dict, name: str):
    for key in name.split("."):
        record = None if record is None else record[key]
    return record


def test_every_csv_gives_the_same_values_as_the_json(data_dir, document, csvw):
    assert [t["url"] for t in csvw["tables"]] == [t.file for t in exports.tables()]
    assert "'" in csvw["rdfs:comment"] and "Byte Order Mark" in csvw["rdfs:comment"]
    partners = document["partners"]
    for table, spec in zip(csvw["tables"], exports.tables()):
        rows = read_declared(data_dir / table["url"], csvw["dialect"])
        columns = table["tableSchema"]["columns"]
        assert list(rows[0]) == [c["name"] for c in columns] if rows else True
        if not spec.path:
            expected = [(p, p) for p in partners]
        else:
            expected = [(p, item) for p in partners for item in (json_at(p, ".".join(spec.path)) or [])]
        assert len(rows) == len(expected), table["url"]
        for row, (owner, record) in zip(rows, expected):
            for column in columns:
                value = cell_value(column, row[column["name"]])
                wanted = owner["id"] if column["name"] == "partner_id" else json_at(record, column["name"])
                if isinstance(wanted, float) or isinstance(value, float):
                    assert value == pytest.approx(wanted), (table["url"], column["name"])
                else:
                    assert value == wanted, (table["url"], column["name"], owner["id"])


def test_partners_csv_has_one_row_per_partner_and_measures_csv_one_per_measure(data_dir, demo_registry, csvw):
    partners = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    rows = read_declared(data_dir / "partners.csv", csvw["dialect"])
    assert [r["id"] for r in rows] == [p.id for p in partners]
    measures = read_declared(data_dir / "measures.csv", csvw["dialect"])
    assert [(r["partner_id"], r["title"]) for r in measures] == [(p.id, m.title) for p in partners for m in p.measures]


def test_every_field_of_the_model_is_a_column_somewhere():
    def leaves(spec, prefix=()):
        for f in spec:
            if f.record:
                yield from leaves(f.spec, (*prefix, f.key))
            else:
                yield (*prefix, f.key)
    columns = {(*t.path, *c.path) for t in exports.tables() for c in t.columns if c.field is not exports.PARTNER_ID}
    assert columns == set(leaves(model.fields_of(model.Partner)))


def test_a_list_inside_a_list_fails_loudly_instead_of_being_dropped(monkeypatch):
    @dataclasses.dataclass(frozen=True)
    class Note:
        text: str = model.declared("x", TEXT)

    @dataclasses.dataclass(frozen=True)
    class Thing:
        name: str = model.declared("x", TEXT)
        notes: tuple = model.declared("x", record=Note, many=True)

    @dataclasses.dataclass(frozen=True)
    class WithThings(model.Partner):
        things: tuple = model.declared("x", record=Thing, many=True)

    monkeypatch.setattr(export_tables, "Partner", WithThings)
    with pytest.raises(NotImplementedError, match="things"):
        exports.tables()


@pytest.mark.parametrize("value, cell", [
    ("+49 211 1234567", "'+49 211 1234567"), ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-5 Grad", "'-5 Grad"), ("'=x", "''=x"), ("Rhein & Ruhr", "Rhein & Ruhr"), ("'s-Hertogenbosch", "'s-Hertogenbosch"),
])
def test_text_that_a_spreadsheet_would_run_as_a_formula_is_escaped_and_read_back(value, cell):
    field = model.Field("name", "x", kind=TEXT)
    assert exports.csv_cell(field, value) == cell
    assert exports.parse_csv_cell(field, cell) == value


@pytest.mark.parametrize("field, value, cell", [
    (model.Field("t", "x", kind=TONNES), 1234.5, "1234,5"),
    (model.Field("t", "x", kind=TONNES), 30.0, "30"),
    (model.Field("p", "x", kind=PERCENT), 40, "40"),
    (model.Field("b", "x", kind=BOOL), True, "true"),
    (model.Field("d", "x", kind=DATE), dt.date(2024, 3, 15), "2024-03-15"),
    (model.Field("s", "x", kind=INT, many=True), (1, 2), "1 2"),
    (model.Field("n", "x", kind=TEXT), None, ""),
])
def test_csv_cells_use_decimal_comma_iso_dates_and_true_false(field, value, cell):
    assert exports.csv_cell(field, value) == cell
    assert exports.parse_csv_cell(field, cell) == json.loads(json.dumps(value, default=exports.json_default))  # as in partners.json


def test_generation_time_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert exports.generated_now() == "2023-11-14T22:13:20Z"


def test_daten_page_links_every_file_and_states_the_licence(demo_site):
    page = BeautifulSoup((demo_site / "daten/index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in page.select("table#daten-dateien a")]
    names = sorted(p.name for p in (demo_site / "daten").iterdir() if p.name != "index.html")
    assert sorted(links) == sorted(f"../daten/{name}" for name in names)
    for href in links:
        assert (demo_site / "daten" / href).resolve().is_file()
    text = page.get_text(" ", strip=True)
    assert exports.LICENCE_NAME in text and "Ausgenommen sind die Logos" in text
    columns = [c.get_text() for c in page.select("details.kp-data-columns code")]
    assert "contact.phone" in columns and "partner_id" in columns


def test_a_table_row_holds_each_column_looked_up_in_its_record(demo_registry):
    partners = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    for table in exports.tables():
        expected = [tuple(partner.id if column.field is export_tables.PARTNER_ID else
                          export_tables.lookup(record, column.path) for column in table.columns)
                    for partner in partners
                    for record in ([partner] if not table.path else export_tables.lookup(partner, table.path) or ())]
        assert list(table.rows(partners)) == expected and expected, table.name
    nobody = model.Partner(id="x", name="X", role="partner", status="partner")  # no contact, no agreement
    row = dict(zip([c.name for c in exports.tables()[0].columns], next(exports.tables()[0].rows([nobody]))))
    assert row["contact.email"] is None and row["agreement.signed"] is None and row["id"] == "x"


@pytest.mark.parametrize("value", ["", "Text", "'Text", "'=1", "''+1", "=1", "-", "@a", "\tx", "\rx", " =1", None, 0, 7,
                                   -3, 2.5, 30.0, True, False, dt.date(2024, 3, 15)])
def test_a_column_is_written_as_its_cells_one_by_one(value):
    for kind in (TEXT, INT, TONNES, BOOL, DATE):
        field = model.Field("f", "x", kind=kind)
        assert exports.cells.csv_column(field, [value, value]) == [exports.csv_cell(field, value)] * 2
    listed = model.Field("s", "x", kind=INT, many=True)
    assert exports.cells.csv_column(listed, [(1, 2), (), None]) == ["1 2", "", ""]
