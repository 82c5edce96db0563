"""Dates no more precise than their source: a day, only a month, or only a year.

A source that says "Oktober 2021" gives no day, so the site must not show one. Such a date is
written as the first day of its month (or of its year) with the precision beside it, because
tools that need a full date (Material's blog sorts and files posts by it, RSS needs an
RFC 822 date) still get one; everything people read shows only what the source gives.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DAY, MONTH, YEAR = "day", "month", "year"
PRECISIONS = {DAY: "Tag", MONTH: "Monat", YEAR: "Jahr"}  # value → German word for messages
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
# "31. Oktober", "31.10.2021", "31.10.21": a text that names a day of a month.
_DAY_IN_TEXT = re.compile(rf"\b\d{{1,2}}\.\s?(?:{_MONTHS})\b|\b\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}})\b")


def problem(value: dt.date, precision: object) -> str | None:
    """Why `value` with `precision` is not a valid date, in German; None when it is."""
    if precision not in PRECISIONS:
        allowed = ", ".join(f"{key} ({word})" for key, word in PRECISIONS.items())
        return f"„{precision}“ ist keine Genauigkeit. Erlaubt: {allowed}."
    first = first_day(value, precision)
    if value != first:
        unit = "des Monats" if precision == MONTH else "des Jahres"
        return (f"{value.isoformat()} passt nicht zur Genauigkeit „{precision}“ ({PRECISIONS[precision]}): "
                f"Schreiben Sie den ersten Tag {unit}, {first.isoformat()}. Angezeigt wird dann nur „{text_de(first, precision)}“.")
    return None


def day_named_in(text: str) -> str | None:
    """The first day-precise date written in `text` ("31. Oktober"), if any."""
    match = _DAY_IN_TEXT.search(text)
    return match.group(0) if match else None


def first_day(value: dt.date, precision: str) -> dt.date:
    """The date every tool gets for a month or a year: its first day."""
    if precision == MONTH:
        return value.replace(day=1)
    if precision == YEAR:
        return value.replace(month=1, day=1)
    return value


def text_de(value: dt.date, precision: str = DAY) -> str:
    """The date as people read it: "31. Oktober 2021", "Oktober 2021" or "2021" (Babel's German "long"
    format, written out here so that `python -m klimapakt check` needs no Babel)."""
    month = _MONTHS.split("|")[value.month - 1]
    return {DAY: f"{value.day}. {month} {value.year}", MONTH: f"{month} {value.year}", YEAR: f"{value.year}"}[precision]


def iso(value: dt.date, precision: str = DAY) -> str:
    """For `<time datetime>`, which allows a month ("2021-10") or a year ("2021") alone."""
    return {DAY: value.isoformat(), MONTH: f"{value.year:04d}-{value.month:02d}", YEAR: f"{value.year:04d}"}[precision]


@dataclass(frozen=True, order=True)
class Period:
    """A date as precise as its source says, as one value: a year, a month of a year, or a day
    (`kennzahlen.yml` writes it as 2025-07-03, 2025-07 or 2025)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, value: dt.date, precision: str) -> Period:
        return cls(value.year, None if precision == YEAR else value.month, value.day if precision == DAY else None)

    @property
    def precision(self) -> str:
        return DAY if self.day else MONTH if self.month else YEAR

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        return iso(self.first_day, self.precision)

    def text_de(self) -> str:
        return text_de(self.first_day, self.precision)

    def __str__(self) -> str:
        return self.isoformat()
