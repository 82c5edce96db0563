"""Rules over a whole event: (field, message) pairs, German."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..rules import names

if TYPE_CHECKING:
    from .events import Event


def written(value: dt.date | dt.datetime) -> str:
    """A date or date-time as the editor writes it in events.yml."""
    return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, dt.datetime) else value.isoformat()


def check_end_form(event: Event) -> list[tuple[str, str]]:
    if event.end is not None and isinstance(event.end, dt.datetime) != isinstance(event.start, dt.datetime):
        return [("end", "Beginn und Ende müssen gleich geschrieben sein: beide mit Uhrzeit (JJJJ-MM-TTTHH:MM) "
                 "oder beide nur als Datum (JJJJ-MM-TT, ganztägig).")]
    return []


def check_timed_has_end(event: Event) -> list[tuple[str, str]]:
    if event.end is None and not event.all_day:
        return [("end", f"Das Ende fehlt. Bei einem Beginn mit Uhrzeit bitte auch das Ende angeben, "
                 f"z. B. end: {event.first_day.isoformat()}T{(event.start + dt.timedelta(hours=2)).strftime('%H:%M')}.")]
    return []


def check_end_after_start(event: Event) -> list[tuple[str, str]]:
    if event.end is None or isinstance(event.end, dt.datetime) != isinstance(event.start, dt.datetime):
        return []
    if event.end < event.start or (not event.all_day and event.end == event.start):
        return [("end", f"Das Ende ({written(event.end)}) liegt nicht nach dem Beginn ({written(event.start)}).")]
    return []


def check_id_free_on_page(event: Event) -> list[tuple[str, str]]:
    return [("id", message) for message in names.check_event_page_id(event.id)]


EVENT_RULES = (check_end_form, check_timed_has_end, check_end_after_start, check_id_free_on_page)
