"""iCalendar (RFC 5545) for the events: one feed with every event, and one file per event.

Timed events keep their local Düsseldorf time (`DTSTART;TZID=Europe/Berlin:…`) with a
VTIMEZONE, so a calendar shows 18:00 on both sides of a daylight-saving change. All-day
events are `VALUE=DATE` with the exclusive end date RFC 5545 asks for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar

from ..clock import TZ, build_timestamp
from ..model.events import Event
from .contentline import escape_text

PRODID = "-//Klimapakt Düsseldorf//Veranstaltungen//DE"
CALENDAR_NAME = "Klimapakt Düsseldorf – Veranstaltungen"
FEED_PATH = "veranstaltungen.ics"
EVENTS_PAGE = "veranstaltungen/"


class Text(icalendar.vText):
    """A TEXT value escaped exactly as RFC 5545 (3.3.11) says, for every text from events.yml.

    icalendar's own vText first turns a written backslash-N into a line break, so a title such
    as "C:\\Nutzer" would change; and it writes NAME and X-WR-CALNAME without any escaping
    unless they are given as vText.
    """

    def to_ical(self) -> bytes:
        return escape_text(str(self)).encode(self.encoding)  # type: ignore[attr-defined]  # icalendar sets it


def event_file_path(event: Event) -> str:
    """Path of the single-event download below the site root."""
    return f"{EVENTS_PAGE}{event.id}.ics"


def event_uid(event: Event, site_url: str) -> str:
    """Stable across builds: the event id at the site's host name."""
    return f"{event.id}@{urlsplit(site_url).hostname or 'klimapakt.invalid'}"


def event_url(event: Event, site_url: str) -> str:
    return f"{site_url.rstrip('/')}/{EVENTS_PAGE}#{event.id}"


def vevent(event: Event, site_url: str, stamp: dt.datetime) -> icalendar.Event:
    if event.all_day:
        end = (event.end or event.start) + dt.timedelta(days=1)  # DTEND of a date is exclusive
    else:
        end = event.end
    description = [event.description or ""]
    if event.registration:
        description.append(f"Anmeldung: {event.registration}")
    description.append(f"Mehr: {event_url(event, site_url)}")
    component = icalendar.Event.new(
        uid=event_uid(event, site_url),
        stamp=stamp,
        start=event.start,
        end=end,
        summary=Text(event.title),
        description=Text("\n\n".join(part for part in description if part)),
        location=Text(str(event.location)) if event.location else None,
        categories=[event.kind_label],
        url=event_url(event, site_url),
    )
    return component


def calendar(events: Iterable[Event], site_url: str, *, stamp: dt.datetime | None = None,
             name: str = CALENDAR_NAME) -> icalendar.Calendar:
    events = sorted(events, key=Event.sort_key)
    stamp = (stamp or build_timestamp()).astimezone(dt.UTC).replace(microsecond=0)
    cal = icalendar.Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        calscale="GREGORIAN",
        name=Text(name),
        uid=f"veranstaltungen@{urlsplit(site_url).hostname or 'klimapakt.invalid'}",
        url=f"{site_url.rstrip('/')}/{EVENTS_PAGE}",
        subcomponents=[vevent(e, site_url, stamp) for e in events],
    )
    cal.add("X-WR-TIMEZONE", TZ.key)
    timed = [e for e in events if not e.all_day]
    if timed:
        # Rules only for the years the events need, which keeps the feed small.
        first = min(e.first_day for e in timed).replace(month=1, day=1)
        last = max(e.last_day for e in timed).replace(month=1, day=1)
        cal.add_missing_timezones(first_date=first, last_date=last.replace(year=last.year + 1))
    return cal


def calendar_bytes(events: Iterable[Event], site_url: str, **kwargs) -> bytes:
    return calendar(events, site_url, **kwargs).to_ical()


def event_bytes(event: Event, site_url: str, **kwargs) -> bytes:
    return calendar([event], site_url, name=event.title, **kwargs).to_ical()
