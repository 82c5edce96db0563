"""Open data: the registry as JSON and CSV, derived from the model's field specifications.

Columns and keys come from `model.PARTNER_SPEC`, never from a hand-written list, so a
field added to the model appears in every export (and a list of records inside a list
of records, which CSV cannot hold flat, fails loudly here instead of being dropped).

CSV dialect, chosen so that German Excel and data tools both read the files unchanged:
- UTF-8 with byte order mark: Excel on Windows reads a CSV without BOM as Windows-1252
  (ü becomes Ã¼); pandas and R strip the BOM, Python's csv module does with "utf-8-sig".
- Semicolon as separator and comma as decimal mark: what German Excel expects when a
  file is opened by double-click; "1234.5" would turn into a date or a text there.
  Data tools take both as a parameter: pandas.read_csv(path, sep=";", decimal=",").
- Quotes only where needed (double quote, doubled inside), CRLF line ends (RFC 4180).
- Text cells beginning with = + - @ (phone numbers begin with +) get a leading
  apostrophe, so spreadsheets show them as text instead of running them as a formula.
- Dates as ISO 8601 (JJJJ-MM-TT), booleans as true/false, empty cell = no value,
  lists of values (a target's scopes) separated by a space.
The dialect is also declared in csv-metadata.json (W3C CSV on the Web).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from . import clock, model
from .model import Field, Partner

EXPORT_DIR = "daten"
LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_ID = "dl-de/by-2-0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
LICENCE_EXCEPTION = ("Ausgenommen sind die Logos der Partner (Feld logo und die Bilddateien): "
                     "Die Rechte daran liegen bei den Unternehmen.")

CSV_ENCODING = "utf-8-sig"  # UTF-8 with BOM: see the module docstring
CSV_DELIMITER = ";"
CSV_DECIMAL = ","
CSV_LINE_END = "\r\n"
LIST_SEPARATOR = " "
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")  # what spreadsheets would read as a formula
FORMULA_ESCAPE = "'"

# The column that ties a row of a list table (e.g. measures.csv) to its partner.
PARTNER_ID = Field("partner_id", "id", "Kennung des Partners (Spalte id in partners.csv)", required=True)


@dataclass(frozen=True)
class Column:
    name: str  # header, e.g. "contact.name": the JSON path joined with dots
    path: tuple[str, ...]  # attribute path from the row's record
    field: Field


@dataclass(frozen=True)
class Table:
    """One CSV file: all partners, or the items of one list of records with their partner's id."""

    name: str  # file stem, e.g. "measures"
    path: tuple[str, ...]  # attribute path from a partner to the list; () for the partner table
    columns: tuple[Column, ...]
    description: str

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def rows(self, partners: Sequence[Partner]) -> Iterator[tuple[Any, ...]]:
        for partner in partners:
            records = [partner] if not self.path else (lookup(partner, self.path) or ())
            for record in records:
                yield tuple(partner.id if column.field is PARTNER_ID else lookup(record, column.path)
                            for column in self.columns)

    def count(self, partners: Sequence[Partner]) -> int:
        return len(partners) if not self.path else sum(len(lookup(p, self.path) or ()) for p in partners)


def lookup(record: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if record is None:
            return None
        record = getattr(record, key)
    return record


def scalar_columns(spec: tuple[Field, ...], prefix: tuple[str, ...] = ()) -> Iterator[Column]:
    """Every scalar field, objects flattened into dotted names; lists of records are skipped."""
    for f in spec:
        path = (*prefix, f.key)
        if f.kind == "object":
            yield from scalar_columns(f.spec, path)
        elif not (f.kind == "list" and f.spec):
            yield Column(".".join(path), path, f)


def record_lists(spec: tuple[Field, ...], prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Field]]:
    """(path, field) of every list of records below `spec`, looking through objects."""
    for f in spec:
        path = (*prefix, f.key)
        if f.kind == "object":
            yield from record_lists(f.spec, path)
        elif f.kind == "list" and f.spec:
            yield path, f


def tables() -> tuple[Table, ...]:
    """partners.csv, then one table per list of records (measures, targets, emissions)."""
    result = [Table("partners", (), tuple(scalar_columns(model.PARTNER_SPEC)),
                    "Eine Zeile je Partner mit allen einzelnen Angaben, auch zur Ansprechperson.")]
    for path, f in record_lists(model.PARTNER_SPEC):
        if any(True for _ in record_lists(f.spec)):
            raise NotImplementedError(f"{'.'.join(path)}: a list of records inside a list item has no flat CSV form")
        columns = (Column(PARTNER_ID.key, (), PARTNER_ID), *scalar_columns(f.spec))
        result.append(Table(f.key, path, columns, f"{f.help}: eine Zeile je Eintrag, mit der Kennung des Partners "
                                                  "in der Spalte partner_id."))
    names = [t.name for t in result]
    if len(set(names)) != len(names):
        raise ValueError(f"two lists share a file name: {names}")
    return tuple(result)


# JSON: the records as nested objects, every field present (null or [] when not given).

def to_json(spec: tuple[Field, ...], record: Any) -> dict[str, Any]:
    return {f.key: json_value(f, getattr(record, f.key)) for f in spec}


def json_value(f: Field, value: Any) -> Any:
    if value is None:
        return None
    if f.kind == "object":
        return to_json(f.spec, value)
    if f.kind == "list":
        return [to_json(f.spec, item) if f.spec else item for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def field_list(spec: tuple[Field, ...], prefix: str = "") -> Iterator[dict[str, Any]]:
    """Every key of the JSON records with its German description, e.g. "agreement.measures[].title"."""
    for f in spec:
        name = prefix + f.key
        entry = {"name": name, "type": datatype(f), "description": f.help, "required": f.required}
        if f.choices:
            entry["values"] = {str(k): v for k, v in f.choices.items()}
        yield entry
        if f.spec:
            yield from field_list(f.spec, name + ("[]." if f.kind == "list" else "."))


# CSV cells.

def csv_cell(f: Field, value: Any) -> str:
    if value is None:
        return ""
    if f.kind == "list":  # a list of scalars, e.g. scopes
        return LIST_SEPARATOR.join(csv_scalar(v) for v in value)
    return csv_scalar(value)


def csv_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
        if "e" in text:  # the loader allows at most 12 digits and 3 decimals, so this is a safeguard
            text = f"{value:.3f}".rstrip("0").rstrip(".")
        return text.replace(".", CSV_DECIMAL)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return FORMULA_ESCAPE + text if FORMULA_START.match(text) else text


def csv_text(table: Table, partners: Sequence[Partner]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, quotechar='"', doublequote=True,
                        quoting=csv.QUOTE_MINIMAL, lineterminator=CSV_LINE_END)
    writer.writerow([column.name for column in table.columns])
    fields = [column.field for column in table.columns]
    for row in table.rows(partners):
        writer.writerow([csv_cell(f, value) for f, value in zip(fields, row)])
    return out.getvalue()


def parse_csv_cell(f: Field, cell: str) -> Any:
    """A cell read with the declared dialect, as the value partners.json holds (dates stay ISO text)."""
    if cell == "":
        return [] if f.kind == "list" else None
    if f.kind == "list":
        return [parse_scalar(f.item_kind or "text", part) for part in cell.split(LIST_SEPARATOR)]
    return parse_scalar(f.kind, cell, f.choices)


def parse_scalar(kind: str, cell: str, choices: Any = None) -> Any:
    if kind in ("year", "int") or (kind == "choice" and choices and all(isinstance(k, int) for k in choices)):
        return int(cell)
    if kind in ("percent", "tonnes"):
        number = float(cell.replace(CSV_DECIMAL, "."))
        return int(number) if number.is_integer() and "," not in cell else number
    if kind == "bool":
        return {"true": True, "false": False}[cell]
    if re.match(r"^'+[=+\-@\t\r]", cell):
        return cell[len(FORMULA_ESCAPE):]
    return cell


# Types, for the JSON field list and the CSV on the Web metadata.

def datatype(f: Field) -> str:
    kind = f.item_kind if f.kind == "list" and not f.spec else f.kind
    if f.kind == "list" and f.spec:
        return "array"
    if f.kind == "object":
        return "object"
    if kind == "choice" and f.choices and all(isinstance(k, int) for k in f.choices):
        return "integer"
    return {"year": "integer", "int": "integer", "percent": "number", "tonnes": "number", "bool": "boolean",
            "date": "date", "url": "anyURI"}.get(kind, "string")


def csvw_column(column: Column) -> dict[str, Any]:
    f = column.field
    entry: dict[str, Any] = {"name": column.name, "titles": column.name, "dc:description": f.help}
    kind = datatype(f)
    if kind == "number":
        entry["datatype"] = {"base": "number", "format": {"decimalChar": CSV_DECIMAL}}
    elif kind == "boolean":
        entry["datatype"] = {"base": "boolean", "format": "true|false"}
    else:
        entry["datatype"] = kind
    if f.kind == "list":
        entry["separator"] = LIST_SEPARATOR
    if f.required:
        entry["required"] = True
    return entry


@dataclass(frozen=True)
class Metadata:
    """What every file says about itself: source, publisher, licence, time of generation."""

    site_url: str
    publisher: str
    generated: str  # ISO 8601 in UTC
    demo: bool = False

    @property
    def page_url(self) -> str:
        return f"{self.site_url.rstrip('/')}/{EXPORT_DIR}/"

    def licence(self) -> dict[str, str]:
        return {"name": LICENCE_NAME, "id": LICENCE_ID, "url": LICENCE_URL,
                "attribution": f"{self.publisher}, {self.page_url}", "exceptions": LICENCE_EXCEPTION}


def generated_now() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible builds): see klimapakt.clock."""
    return clock.build_timestamp().isoformat().replace("+00:00", "Z")


def partners_json(partners: Sequence[Partner], meta: Metadata) -> str:
    document = {
        "title": "Partner im Klimapakt Düsseldorf",
        "description": "Alle Unternehmen und Organisationen im Klimapakt Düsseldorf mit allen veröffentlichten Angaben.",
        "publisher": meta.publisher,
        "source": meta.page_url,
        "generated": meta.generated,
        "license": meta.licence(),
        "demo": meta.demo,
        "count": len(partners),
        "fields": list(field_list(model.PARTNER_SPEC)),
    }
    # One partner per line: readable and diffable, and json's fast C encoder (which
    # `indent` would switch off) writes 5,000 partners in a fraction of the time.
    head = json.dumps(document, ensure_ascii=False, indent=1)
    rows = ",\n".join(json.dumps(to_json(model.PARTNER_SPEC, p), ensure_ascii=False) for p in partners)
    return head.removesuffix("\n}") + ',\n "partners": [\n' + rows + "\n ]\n}\n"


def csv_metadata(partners: Sequence[Partner], meta: Metadata) -> str:
    """CSV on the Web (W3C) metadata: dialect, columns, keys and licence of every CSV file."""
    csv_tables = []
    for table in tables():
        schema: dict[str, Any] = {"columns": [csvw_column(c) for c in table.columns]}
        if table.path:
            schema["foreignKeys"] = [{"columnReference": PARTNER_ID.key,
                                      "reference": {"resource": "partners.csv", "columnReference": "id"}}]
        else:
            schema["primaryKey"] = "id"
        csv_tables.append({"url": table.file, "dc:description": table.description,
                           "rdfs:comment": f"{table.count(partners)} Zeilen", "tableSchema": schema})
    document = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "de"}],
        "dc:title": "Partner im Klimapakt Düsseldorf (CSV)",
        "dc:publisher": meta.publisher,
        "dc:source": meta.page_url,
        "dc:created": meta.generated,
        "dc:license": {"@id": LICENCE_URL},
        "dc:rights": f"{LICENCE_NAME} ({LICENCE_ID}). {LICENCE_EXCEPTION} Namensnennung: {meta.licence()['attribution']}",
        "rdfs:comment": ("UTF-8 mit Byte Order Mark (BOM); Trennzeichen Semikolon; Dezimalkomma. Textzellen, die mit "
                         "=, +, - oder @ beginnen, sind mit einem vorangestellten Apostroph (') gegen die Ausführung als "
                         "Formel geschützt: Zum Weiterverarbeiten dieses erste Zeichen entfernen."
                         + (" Demodaten: erfundene Unternehmen." if meta.demo else "")),
        "dialect": {"encoding": "utf-8", "delimiter": CSV_DELIMITER, "quoteChar": '"', "doubleQuote": True,
                    "header": True, "lineTerminators": [CSV_LINE_END], "skipInitialSpace": False},
        "tables": csv_tables,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


@dataclass(frozen=True)
class ExportFile:
    name: str
    media_type: str
    description: str
    rows: int | None = None


def export_files(partners: Sequence[Partner]) -> tuple[ExportFile, ...]:
    """The files in site/daten/, for the Daten page: the same list `write_exports` writes."""
    return (
        ExportFile("partners.json", "application/json",
                   "Alle Partner mit allen Feldern, verschachtelt wie in partners.yml, dazu Lizenz, Zeitpunkt "
                   "der Erstellung und eine Beschreibung jedes Feldes.", len(partners)),
        *(ExportFile(t.file, "text/csv", t.description, t.count(partners)) for t in tables()),
        ExportFile("csv-metadata.json", "application/csvm+json",
                   "Beschreibung der CSV-Dateien nach dem Standard „CSV on the Web“ (W3C): Spalten, Datentypen, "
                   "Trennzeichen, Lizenz."),
    )


def write_exports(partners: Sequence[Partner], out_dir: Path, meta: Metadata) -> list[Path]:
    """Write every export file into `out_dir` (site/daten/); returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    contents: dict[str, bytes] = {
        "partners.json": partners_json(partners, meta).encode("utf-8"),
        **{t.file: csv_text(t, partners).encode(CSV_ENCODING) for t in tables()},
        "csv-metadata.json": csv_metadata(partners, meta).encode("utf-8"),
    }
    if set(contents) != {f.name for f in export_files(partners)}:
        raise RuntimeError("export_files() and write_exports() list different files")
    written = []
    for name, data in contents.items():
        path = out_dir / name
        path.write_bytes(data)
        written.append(path)
    return written


TYPE_LABELS = {"string": "Text", "integer": "ganze Zahl", "number": "Zahl mit Dezimalkomma", "boolean": "true oder false",
               "date": "Datum (JJJJ-MM-TT)", "anyURI": "Webadresse"}


def type_label(column: Column) -> str:
    """The column's type in German, for the Daten page."""
    label = TYPE_LABELS[datatype(column.field)]
    return f"Liste ({label}, durch Leerzeichen getrennt)" if column.field.kind == "list" else label
