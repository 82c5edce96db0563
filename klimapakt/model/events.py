"""Events (Veranstaltungen): the records of `events.yml`, each field declared once.

Date-times are written as local Düsseldorf time (`2024-02-27T18:00`, Europe/Berlin) or as a
plain date (`2024-02-27`) for all-day events, whose time is not known. Which events count as
upcoming depends on the build date (`klimapakt.clock.build_date`), so the site is rebuilt daily.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..kinds.choice import CHOICE
from ..kinds.dates import DATETIME
from ..kinds.reference import reference
from ..kinds.text import ID, LONGTEXT, REGISTRATION, TEXT
from ..urls import mailto_url
from .fields import declared

EVENT_KINDS = MappingProxyType({
    "network-meeting": "Netzwerktreffen",
    "workshop": "Workshop",
    "consultation": "Beratung",
    "other": "Veranstaltung",
})
PARTNER_REF = reference("partners", "partners.yml", "eine Partner-Kennung", "Partner-Kennungen")


@dataclass(frozen=True)
class Location:
    name: str = declared("Name des Ortes, z. B. „TechHub.K67“", TEXT, required=True, max_length=160)
    address: str | None = declared("Anschrift, z. B. „Musterstraße 1, 40210 Düsseldorf“", TEXT, max_length=200)

    def __str__(self) -> str:
        return f"{self.name}, {self.address}" if self.address else self.name


@dataclass(frozen=True, kw_only=True)  # keywords only: fields in the file's order, required or not
class Event:
    id: str = declared("Kennung: Kleinbuchstaben a–z, Ziffern und Bindestriche; wird zum Sprungziel "
                       "/veranstaltungen/#<id>", ID, required=True)
    title: str = declared("Titel der Veranstaltung", TEXT, required=True, max_length=160)
    # a date: all-day event; a datetime: aware, Europe/Berlin
    start: dt.date | dt.datetime = declared("Beginn: JJJJ-MM-TTTHH:MM (Düsseldorfer Ortszeit) oder nur JJJJ-MM-TT, "
                                            "wenn die Uhrzeit nicht bekannt ist (ganztägig)", DATETIME, required=True)
    # for all-day events the last day (inclusive)
    end: dt.date | dt.datetime | None = declared("Ende in derselben Form wie der Beginn; bei ganztägigen Terminen "
                                                 "optional (letzter Tag)", DATETIME)
    location: Location | None = declared("Veranstaltungsort", record=Location)
    description: str | None = declared("Beschreibung (reiner Text, kein HTML)", LONGTEXT, max_length=2000)
    registration: str | None = declared("Anmeldung: Webadresse (https://…) oder E-Mail-Adresse", REGISTRATION)
    kind: str = declared("Art der Veranstaltung", CHOICE, required=True, choices=EVENT_KINDS)
    partners: tuple[str, ...] = declared("Kennungen der Partner aus partners.yml, die ausrichten oder vortragen",
                                         PARTNER_REF, many=True, max_items=100)
    line: int = field(default=0, compare=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def first_day(self) -> dt.date:
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def last_day(self) -> dt.date:
        end = self.end or self.start
        return end.date() if isinstance(end, dt.datetime) else end

    @property
    def kind_label(self) -> str:
        return EVENT_KINDS[self.kind]

    @property
    def registration_url(self) -> str | None:
        if not self.registration:
            return None
        return self.registration if "://" in self.registration else mailto_url(self.registration)

    def sort_key(self) -> tuple[dt.date, dt.time, str]:
        time = self.start.time() if isinstance(self.start, dt.datetime) else dt.time.min
        return (self.first_day, time, self.id)

    def is_upcoming(self, today: dt.date) -> bool:
        """Still to come or running on `today` (an event today counts as upcoming)."""
        return self.last_day >= today


@dataclass(frozen=True)
class EventRegistry:
    """The file events.yml as a whole."""

    events: tuple[Event, ...] = declared("Liste der Veranstaltungen", record=Event, many=True, required=True,
                                         max_items=2000)


def upcoming(events: Iterable[Event], today: dt.date) -> list[Event]:
    """Events still to come (or running today), soonest first."""
    return sorted((e for e in events if e.is_upcoming(today)), key=Event.sort_key)


def past(events: Iterable[Event], today: dt.date) -> list[Event]:
    """Events that are over, most recent first."""
    return sorted((e for e in events if not e.is_upcoming(today)), key=Event.sort_key, reverse=True)


def next_event(events: Iterable[Event], today: dt.date) -> Event | None:
    coming = upcoming(events, today)
    return coming[0] if coming else None
