"""The build's date and time, read in one place so tests, previews and reproducible builds can fix them.

- `build_date()`: the day the site is built for, in Düsseldorf. It decides which events are
  upcoming, which dates lie in the future and the "Stand" of the progress page.
  `KLIMAPAKT_TODAY=JJJJ-MM-TT` sets it (tests, previews of a future day).
- `build_timestamp()`: the moment stamped into generated files (export metadata, calendar
  DTSTAMP). `SOURCE_DATE_EPOCH` (seconds since 1970 in UTC, see reproducible-builds.org) sets
  it, as MkDocs does for the sitemap; two builds of one commit with both variables set are
  byte-identical.

The two are independent on purpose: the site is rebuilt daily so the events stay current, and
a fixed SOURCE_DATE_EPOCH (e.g. the commit's time) must not freeze the build date.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

from .neutral import neutral

TZ = ZoneInfo("Europe/Berlin")
TODAY_ENV = "KLIMAPAKT_TODAY"
EPOCH_ENV = "SOURCE_DATE_EPOCH"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


MAX_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC: the last second Python's datetime (and MkDocs) can show


class ClockError(ValueError):
    """A malformed KLIMAPAKT_TODAY or SOURCE_DATE_EPOCH; the German message says what form is expected.
    `check` and the build print it and stop with exit code 1, never with a traceback."""


def build_date() -> dt.date:
    """Today in Düsseldorf, or the date in KLIMAPAKT_TODAY (JJJJ-MM-TT) for tests and previews."""
    raw = os.environ.get(TODAY_ENV, "").strip()
    if not raw:
        return dt.datetime.now(TZ).date()
    try:
        return dt.date.fromisoformat(raw) if _DATE_RE.match(raw) else _bad_today(raw)
    except ValueError:
        return _bad_today(raw)


def build_timestamp() -> dt.datetime:
    """Now in UTC (whole seconds), or SOURCE_DATE_EPOCH when set."""
    raw = os.environ.get(EPOCH_ENV, "").strip()
    if not raw:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_EPOCH:
        raise ClockError(f"{EPOCH_ENV} muss eine ganze Zahl von 0 bis {MAX_EPOCH} sein (Sekunden seit dem 1. Januar "
                         f"1970, UTC, z. B. 1700000000), nicht „{_shown(raw)}“.")
    return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)


def wall_clock() -> dt.datetime:
    """The real time now in UTC, for names that must differ between runs (a deploy's release folder); never
    SOURCE_DATE_EPOCH, which pins what a build writes, not when a deploy happens."""
    return dt.datetime.now(dt.timezone.utc)


def check_environment() -> None:
    """Both variables readable (raises ClockError): called before the build, whose generator reads
    SOURCE_DATE_EPOCH itself and would stop with a traceback."""
    build_date()
    build_timestamp()


def _bad_today(raw: str) -> dt.date:
    raise ClockError(f"{TODAY_ENV} muss ein Datum in der Form JJJJ-MM-TT sein (z. B. 2026-10-01), "
                     f"nicht „{_shown(raw)}“.")


def _shown(raw: str) -> str:
    return neutral(raw[:40]) + ("…" if len(raw) > 40 else "")
