"""One spreadsheet cell → the value of its field, as staff write it in German Excel.

Dates as date cells, `TT.MM.JJJJ` or `JJJJ-MM-TT`; numbers as number cells or with a decimal comma
(`12,5`, `1.234,5`); true/false as `ja`/`nein`, `wahr`/`falsch` or `true`/`false`; a choice as its key or
its German label (`Verarbeitendes Gewerbe` for `C`); a list of values separated by spaces or commas;
a district also as its Stadtteil (`Bilk`, `40225 Bilk`: Stadtbezirk 3), as office lists give „PLZ/Stadtteil“.
What the kind checks beyond the form (a URL's host, an id's letters, a date in the future) the
loader checks after the import, with the same messages as `check`.
Which conversion applies follows the kind's declared datatype, as in the exports.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..kinds.dates import DATE_RE, GERMAN_DATE_RE
from ..model.fields import Field
from ..rules.values import allowed_values
from ..source.context import shorten
from ..vocabulary import DISTRICT_QUARTERS, DISTRICTS

GERMAN_NUMBER_RE = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.234,5
COMMA_NUMBER_RE = re.compile(r"^[-+]?\d+(?:,\d+)?$")  # 12,5
POINT_NUMBER_RE = re.compile(r"^[-+]?\d+\.\d+$")  # 12.5
AMBIGUOUS_RE = re.compile(r"^[-+]?\d{1,3}\.\d{3}$")  # 1.234: a thousand or one point two?
LIST_SPLIT_RE = re.compile(r"[\s,;]+")
TRUE, FALSE = ("ja", "wahr", "true", "x", "1"), ("nein", "falsch", "false", "0")
DATE_EXAMPLE = "Bitte TT.MM.JJJJ schreiben, z. B. 15.03.2024."


class CellError(Exception):
    """A cell whose value does not fit its field; the message is German."""


def convert(f: Field, cell: Any) -> Any:
    """The value for field `f` from a non-empty cell, or CellError."""
    if f.many:
        parts = [part for part in LIST_SPLIT_RE.split(str(cell).strip()) if part] if isinstance(cell, str) else [cell]
        return tuple(convert_one(f, part) for part in parts)
    return convert_one(f, cell)


def convert_one(f: Field, cell: Any) -> Any:
    if f.choices:
        return to_choice(f, cell)
    datatype = f.kind.datatype(f)
    if datatype == "date":
        return to_date(cell)
    if datatype == "integer":
        return to_int(cell)
    if datatype == "number":
        return to_number(cell)
    if datatype == "boolean":
        return to_bool(cell)
    return to_text(cell)


def to_text(cell: Any) -> str:
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).strip()  # the CSV export's apostrophe before „=“, „+“ … is taken off when reading CSV (sheet)


def to_date(cell: Any) -> dt.date:
    if isinstance(cell, dt.date):
        return cell
    text = str(cell).strip()
    german = GERMAN_DATE_RE.match(text)
    try:
        if german:
            return dt.date(int(german.group(3)), int(german.group(2)), int(german.group(1)))
        if DATE_RE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        raise CellError(f"Das Datum {text} gibt es nicht.") from None
    raise CellError(f"„{shorten(text)}“ ist kein Datum. {DATE_EXAMPLE}")


def to_int(cell: Any) -> int:
    if isinstance(cell, bool):
        raise CellError(f"Hier wird eine ganze Zahl erwartet, nicht „{to_text(cell)}“.")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    text = str(cell).strip()
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    raise CellError(f"„{shorten(text)}“ ist keine ganze Zahl.")


def to_number(cell: Any) -> int | float:
    if isinstance(cell, bool):
        raise CellError(f"Hier wird eine Zahl erwartet, nicht „{to_text(cell)}“.")
    if isinstance(cell, (int, float)):
        return cell
    text = str(cell).strip().replace("\u00a0", "").replace(" ", "")
    if AMBIGUOUS_RE.match(text):
        plain = text.replace(".", "")
        raise CellError(f"„{text}“ ist mehrdeutig: Bitte {plain} (ohne Tausenderpunkt) oder {text.replace('.', ',')} "
                        "(mit Dezimalkomma) schreiben.")
    if GERMAN_NUMBER_RE.match(text):
        text = text.replace(".", "")
    if COMMA_NUMBER_RE.match(text):
        return float(text.replace(",", ".")) if "," in text else int(text)
    if POINT_NUMBER_RE.match(text):
        return float(text)
    unit = " Bitte nur die Zahl ohne Einheit schreiben." if re.match(r"^[-+]?\d", text) else ""
    raise CellError(f"„{shorten(str(cell).strip())}“ ist keine Zahl.{unit} Beispiel: 12,5.")


def to_bool(cell: Any) -> bool:
    if isinstance(cell, bool):
        return cell
    text = to_text(cell).casefold()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise CellError(f"Hier bitte „ja“ oder „nein“ eintragen, nicht „{shorten(text)}“.")


def to_choice(f: Field, cell: Any) -> Any:
    """The key of a choice from its key or its German label, in any case."""
    numeric = all(isinstance(key, int) for key in f.choices)
    if numeric and isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell).is_integer():
        if int(cell) in f.choices:
            return int(cell)
    text = to_text(cell).casefold()
    for key, label in f.choices.items():
        if text in (str(key).casefold(), label.casefold()):
            return key
    district = district_of(to_text(cell)) if f.choices == DISTRICTS else None
    if district is not None:
        return district
    raise CellError(f"„{shorten(to_text(cell))}“ ist nicht erlaubt. Erlaubt sind: {allowed_values(f.choices)}"
                    f"{choice_labels(f)}.")


def choice_labels(f: Field) -> str:
    """For long lists, whose message names only the keys: that the German names are fine too."""
    label = next(iter(f.choices.values()))
    return "" if len(f.choices) <= 10 else f" oder die Bezeichnungen aus der Auswahlliste, z. B. „{label}“"


def district_of(text: str) -> int | None:
    """The Stadtbezirk of a Stadtteil named in the text (the longest name found: „Oberbilk“ before „Bilk“)."""
    words = re.findall(r"[\w-]+", text.casefold())
    found = [(len(quarter), number) for number, quarters in DISTRICT_QUARTERS.items() for quarter in quarters
             if quarter.casefold() in words]
    if found:
        return max(found)[1]
    if re.fullmatch(r"\s*\d{5}\s*", text):
        raise CellError(f"Die Postleitzahl {text.strip()} sagt nicht sicher, in welchem Stadtbezirk das Unternehmen "
                        "liegt. Bitte den Stadtteil (z. B. „Bilk“) oder die Nummer des Stadtbezirks (1 bis 10) "
                        "eintragen.")
    return None
