"""Events in German words: "Dienstag, 27. Februar 2024, 18:00 bis 20:00 Uhr"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.events import Event


def day_de(value: dt.date) -> str:
    """"Dienstag, 27. Februar 2024"."""
    from babel.dates import format_date  # here, so `python -m klimapakt check` needs no Babel

    return format_date(value, format="EEEE, d. MMMM y", locale="de_DE")


def time_de(value: dt.datetime) -> str:
    """"18:00 Uhr"."""
    return f"{value.hour}:{value.minute:02d} Uhr"


def when_de(event: Event) -> str:
    """When the event takes place, in German, e.g. "Dienstag, 27. Februar 2024, 18:00 bis 20:00 Uhr"."""
    start, end = event.start, event.end
    if event.all_day:
        if end is None or end == start:
            return day_de(start)
        return f"{day_de(start)}, bis {day_de(end)}"
    assert isinstance(start, dt.datetime) and (end is None or isinstance(end, dt.datetime))  # not all day: times
    if end is None:
        return f"{day_de(start.date())}, {time_de(start)}"
    if end.date() == start.date():
        return f"{day_de(start.date())}, {start.hour}:{start.minute:02d} bis {time_de(end)}"
    return f"{day_de(start.date())}, {time_de(start)}, bis {day_de(end.date())}, {time_de(end)}"


def iso(value: dt.date | dt.datetime) -> str:
    """For `<time datetime>`: 2024-02-27 or 2024-02-27T18:00+01:00."""
    return value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()
