"""Date kinds: a day (`2024-03-15`), for events a day with a local time (`2024-02-27T18:00`), a period
(`2025-07`) and the precision of a day (`month`: the source gives only the month, klimapakt.precision)."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from .. import precision as precisions
from ..clock import TZ
from ..precision import Period
from ..rules import values
from ..source.context import Context, fail, shorten
from .base import Kind, Spec, constant

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GERMAN_DATE_RE = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$")
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def read_date(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> dt.date:
    raw = node.value.strip()
    if not DATE_RE.match(raw):
        fail(ctx, node, path, f"„{shorten(raw)}“ ist kein Datum in der Form JJJJ-MM-TT.{german_date_hint(raw)}")
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        fail(ctx, node, path, f"Das Datum {raw} gibt es nicht.")
    messages = values.check_year(value.year) or values.check_date_not_future(value, ctx.today)
    for message in messages:
        fail(ctx, node, path, message)
    return value


MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember")


def german_date_hint(raw: str) -> str:
    """„Meinten Sie 2024-03-15?“ for 15.03.2024, only when that day exists; else why it does not."""
    german = GERMAN_DATE_RE.match(raw)
    if not german:
        return " Beispiel: 2024-03-15."
    day, month, year = map(int, german.groups())
    try:
        meant = dt.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            return f" Außerdem gibt es keinen {month}. Monat. Bitte das Datum prüfen, z. B. 2024-03-15 für den 15. März 2024."
        return (f" Außerdem gibt es den {day}. {MONTHS[month - 1]} {year} nicht. Bitte das Datum prüfen und als "
                "JJJJ-MM-TT schreiben, z. B. 2024-03-15 für den 15. März 2024.")
    return f" Meinten Sie {meant.isoformat()}?"


def read_datetime(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> dt.date | dt.datetime:
    """`2024-02-27T18:00` (local time, Europe/Berlin) or `2024-02-27` (all-day)."""
    raw = node.value.strip()
    match = DATETIME_RE.match(raw)
    if not match and not DATE_RE.match(raw):
        fail(ctx, node, path, f"„{raw}“ ist weder Datum noch Datum mit Uhrzeit. Bitte JJJJ-MM-TTTHH:MM "
                    "(z. B. 2024-02-27T18:00, Düsseldorfer Ortszeit) oder für ganztägige Termine JJJJ-MM-TT schreiben.")
    day_text = match.group(1) if match else raw
    try:
        day = dt.date.fromisoformat(day_text)
    except ValueError:
        fail(ctx, node, path, f"Das Datum {day_text} gibt es nicht.")
    for message in values.check_year(day.year):
        fail(ctx, node, path, message)
    if not match:
        return day
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        fail(ctx, node, path, f"Die Uhrzeit {match.group(2)}:{match.group(3)} gibt es nicht.")
    value = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)
    if value.astimezone(dt.UTC).astimezone(TZ).replace(tzinfo=None) != value.replace(tzinfo=None):
        fail(ctx, node, path, f"Die Uhrzeit {hour}:{minute:02d} Uhr gibt es am {day.isoformat()} wegen "
                    "der Umstellung auf Sommerzeit in Düsseldorf nicht.")
    return value


def read_period(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> Period:
    """`2025-07-03`, `2025-07` or `2025`: as precise as the source says, never more."""
    raw = node.value.strip()
    match = PERIOD_RE.match(raw)
    if not match:
        fail(ctx, node, path, f"„{shorten(raw)}“ ist kein Datum in der Form JJJJ-MM-TT, JJJJ-MM oder JJJJ. "
             "Bitte nur so genau, wie die Quelle es sagt, z. B. 2025-07 für „Juli 2025“.")
    year, month, day = (int(part) if part else None for part in match.groups())
    period = Period(year, month, day)
    try:
        _ = period.first_day  # a day that does not exist (2025-02-30) raises here
    except ValueError:
        fail(ctx, node, path, f"Das Datum {raw} gibt es nicht.")
    for message in values.check_year(year) or values.check_date_not_future(period.first_day, ctx.today):
        fail(ctx, node, path, message)
    return period


def read_precision(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> str:
    """`day`, `month` or `year`; anything else with precision.problem()'s German message."""
    raw = node.value.strip()
    message = precisions.problem(dt.date(2000, 1, 1), shorten(raw))  # the first of a year fits every precision
    if message:
        fail(ctx, node, path, message)
    return raw


DATE = Kind("date", "ein Datum (JJJJ-MM-TT)", read_date,
            constant({"type": "string", "format": "date", "pattern": DATE_PATTERN}), constant("Datum `JJJJ-MM-TT`"),
            datatype=constant("date"), pure=True)
DATETIME = Kind("datetime", "ein Datum (JJJJ-MM-TT) oder Datum mit Uhrzeit (JJJJ-MM-TTTHH:MM)", read_datetime,
                constant({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?$"}),
                constant("Datum `JJJJ-MM-TT` oder Datum mit Uhrzeit `JJJJ-MM-TTTHH:MM` (Düsseldorfer Ortszeit)"), pure=True)
PERIOD = Kind("period", "ein Datum (JJJJ-MM-TT, JJJJ-MM oder JJJJ)", read_period,
              constant({"type": ["string", "integer"], "pattern": r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"}),
              constant("Datum `JJJJ-MM-TT`, Monat `JJJJ-MM` oder Jahr `JJJJ`, so genau wie die Quelle"), pure=True)
PRECISION = Kind("precision", "eine Genauigkeit (day, month oder year)", read_precision,
                 constant({"enum": list(precisions.PRECISIONS),
                           "enumDescriptions": list(precisions.PRECISIONS.values())}),
                 constant("`day`, `month` oder `year`"), pure=True)
