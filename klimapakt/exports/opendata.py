"""Open data: the registry as JSON and CSV files with their metadata (licence, source, time of generation)."""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import clock
from ..model.fields import Field, fields_of
from ..model.partners import Partner
from .cells import CSV_DECIMAL, CSV_DELIMITER, CSV_ENCODING, CSV_LINE_END, LIST_SEPARATOR, csv_text, datatype
from .csv_tables import PARTNER_ID, Column, tables
from .xlsx import XLSX_FILE, XLSX_MEDIA_TYPE, partners_xlsx

EXPORT_DIR = "daten"
LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_ID = "dl-de/by-2-0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
LICENCE_EXCEPTION = ("Ausgenommen sind die Logos der Partner (Feld logo und die Bilddateien): "
                     "Die Rechte daran liegen bei den Unternehmen.")


# JSON: the records as nested objects, every field present (null or [] when not given).

def record_encoder(spec: tuple[Field, ...]) -> Callable[[Any], dict[str, Any]]:
    """A function from a record to its JSON object, for `json.dumps(…, default=json_default)`.

    The fields are read at once (attrgetter, C code) and only the nested records converted in Python:
    lists stay tuples and dates stay dates, which the encoder writes as lists and (by `json_default`) ISO text.
    """
    keys = tuple(f.key for f in spec)
    values = operator.attrgetter(*keys) if len(keys) > 1 else (lambda record: (getattr(record, keys[0]),))
    nested = [(f.key, record_encoder(f.spec), f.many) for f in spec if f.spec]

    def encode(record: Any) -> dict[str, Any]:
        obj = dict(zip(keys, values(record)))
        for key, sub, many in nested:
            value = obj[key]
            if value is not None:
                obj[key] = [sub(item) for item in value] if many else sub(value)
        return obj
    return encode


def json_default(value: Any) -> str:
    """What `json.dumps` cannot write by itself: a date, as JJJJ-MM-TT."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no JSON form")


def field_list(spec: tuple[Field, ...], prefix: str = "") -> Iterator[dict[str, Any]]:
    """Every key of the JSON records with its German description, e.g. "agreement.measures[].title"."""
    for f in spec:
        name = prefix + f.key
        entry = {"name": name, "type": datatype(f), "description": f.help, "required": f.required}
        if f.choices:
            entry["values"] = {str(k): v for k, v in f.choices.items()}
        yield entry
        if f.spec:
            yield from field_list(f.spec, name + ("[]." if f.many else "."))


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
    if f.many:
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

    def rights(self) -> str:
        return f"{LICENCE_NAME} ({LICENCE_ID}). {LICENCE_EXCEPTION} Namensnennung: {self.licence()['attribution']}"

    @property
    def timestamp(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.generated.replace("Z", "+00:00"))


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
        "fields": list(field_list(fields_of(Partner))),
    }
    # One partner per line: readable and diffable, and json's fast C encoder (which
    # `indent` would switch off) writes 5,000 partners in a fraction of the time.
    head = json.dumps(document, ensure_ascii=False, indent=1)
    encode, write = record_encoder(fields_of(Partner)), json.JSONEncoder(ensure_ascii=False, default=json_default).encode
    rows = ",\n".join([write(encode(p)) for p in partners])
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
        "dc:rights": meta.rights(),
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
        ExportFile(XLSX_FILE, XLSX_MEDIA_TYPE,
                   "Alle Tabellen als Excel-Arbeitsmappe, ein Blatt je Tabelle, mit deutschen Spaltennamen, "
                   "echten Datums- und Zahlenwerten: öffnen ohne Importschritt.", len(partners)),
    )


def write_exports(partners: Sequence[Partner], out_dir: Path, meta: Metadata) -> list[Path]:
    """Write every export file into `out_dir` (site/daten/); returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = {t.name: tuple(t.rows(partners)) for t in tables()}  # for the CSV files and the workbook's sheets
    contents: dict[str, bytes] = {
        "partners.json": partners_json(partners, meta).encode("utf-8"),
        **{t.file: csv_text(t, partners, rows[t.name]).encode(CSV_ENCODING) for t in tables()},
        "csv-metadata.json": csv_metadata(partners, meta).encode("utf-8"),
        XLSX_FILE: partners_xlsx(partners, meta.timestamp, publisher=meta.publisher, rights=meta.rights(),
                                 demo=meta.demo, rows=rows),
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
    return f"Liste ({label}, durch Leerzeichen getrennt)" if column.field.many else label
