"""Events (Veranstaltungen): the `events.yml` registry, read with the partner loader's machinery.

Date-times are written as local Düsseldorf time (`2024-02-27T18:00`, Europe/Berlin) or as a
plain date (`2024-02-27`) for all-day events, whose time is not known. Which events count as
upcoming depends on the build date (`build_date()`), so the site is rebuilt daily.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

import yaml

from . import loader, model, rules
from .clock import TODAY_ENV, TZ, build_date  # noqa: F401 (the build date's old home; callers import it from here)
from .model import Field
from .urls import mailto_url
from .report import Problem, RegistryError, errors

FILE = "events.yml"

EVENT_KINDS = MappingProxyType({
    "network-meeting": "Netzwerktreffen",
    "workshop": "Workshop",
    "consultation": "Beratung",
    "other": "Veranstaltung",
})
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$")

LOCATION_SPEC = (
    Field("name", "text", "Name des Ortes, z. B. „TechHub.K67“", required=True, max_length=160),
    Field("address", "text", "Anschrift, z. B. „Musterstraße 1, 40210 Düsseldorf“", max_length=200),
)
EVENT_SPEC = (
    Field("id", "id", "Kennung: Kleinbuchstaben a–z, Ziffern und Bindestriche; wird zum Sprungziel /veranstaltungen/#<id>", required=True),
    Field("title", "text", "Titel der Veranstaltung", required=True, max_length=160),
    Field("start", "datetime", "Beginn: JJJJ-MM-TTTHH:MM (Düsseldorfer Ortszeit) oder nur JJJJ-MM-TT, wenn die Uhrzeit nicht bekannt ist (ganztägig)", required=True),
    Field("end", "datetime", "Ende in derselben Form wie der Beginn; bei ganztägigen Terminen optional (letzter Tag)"),
    Field("location", "object", "Veranstaltungsort", spec=LOCATION_SPEC),
    Field("description", "longtext", "Beschreibung (reiner Text, kein HTML)", max_length=2000),
    Field("registration", "registration", "Anmeldung: Webadresse (https://…) oder E-Mail-Adresse"),
    Field("kind", "choice", "Art der Veranstaltung", required=True, choices=EVENT_KINDS),
    Field("partners", "list", "Kennungen der Partner aus partners.yml, die ausrichten oder vortragen", item_kind="id",
          max_items=100),
)
EVENTS_FILE_SPEC = (
    Field("events", "list", "Liste der Veranstaltungen", required=True, spec=EVENT_SPEC, max_items=2000),
)
# „Meinten Sie …?“ compares an unknown id with every partner id (0.2 s against 10,000 of them):
# computed for this many distinct unknown ids per file, so a file full of them cannot stall the check.
MAX_SUGGESTIONS = 20


@dataclass(frozen=True)
class Location:
    name: str
    address: str | None = None

    def __str__(self) -> str:
        return f"{self.name}, {self.address}" if self.address else self.name


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    start: dt.date | dt.datetime  # a date: all-day event; a datetime: aware, Europe/Berlin
    kind: str
    end: dt.date | dt.datetime | None = None  # for all-day events the last day (inclusive)
    location: Location | None = None
    description: str | None = None
    registration: str | None = None  # https URL or e-mail address
    partners: tuple[str, ...] = ()
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


model.RECORD_TYPES[EVENT_SPEC] = Event
model.RECORD_TYPES[LOCATION_SPEC] = Location


# Scalar readers for the loader ----------------------------------------------------------------

def read_datetime(f: Field, node: yaml.ScalarNode, path: str, ctx: loader.Context) -> dt.date | dt.datetime:
    """`2024-02-27T18:00` (local time, Europe/Berlin) or `2024-02-27` (all-day)."""
    raw = node.value.strip()
    match = DATETIME_RE.match(raw)
    if not match and not loader.DATE_RE.match(raw):
        loader.fail(ctx, node, path, f"„{raw}“ ist weder Datum noch Datum mit Uhrzeit. Bitte JJJJ-MM-TTTHH:MM "
                    "(z. B. 2024-02-27T18:00, Düsseldorfer Ortszeit) oder für ganztägige Termine JJJJ-MM-TT schreiben.")
    day_text = match.group(1) if match else raw
    try:
        day = dt.date.fromisoformat(day_text)
    except ValueError:
        loader.fail(ctx, node, path, f"Das Datum {day_text} gibt es nicht.")
    for message in rules.check_year(day.year):
        loader.fail(ctx, node, path, message)
    if not match:
        return day
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        loader.fail(ctx, node, path, f"Die Uhrzeit {match.group(2)}:{match.group(3)} gibt es nicht.")
    value = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)
    if value.astimezone(dt.timezone.utc).astimezone(TZ).replace(tzinfo=None) != value.replace(tzinfo=None):
        loader.fail(ctx, node, path, f"Die Uhrzeit {hour}:{minute:02d} Uhr gibt es am {day.isoformat()} wegen "
                    "der Umstellung auf Sommerzeit in Düsseldorf nicht.")
    return value


def read_registration(f: Field, node: yaml.ScalarNode, path: str, ctx: loader.Context) -> str:
    value = loader.read_text(f, node, path, ctx)
    is_email = "@" in value and "://" not in value
    for message in rules.check_email(value) if is_email else rules.check_url(value):
        loader.fail(ctx, node, path, message)
    return value


loader.SCALAR_READERS.setdefault("datetime", read_datetime)
loader.SCALAR_READERS.setdefault("registration", read_registration)
loader.KIND_NAMES.setdefault("datetime", "ein Datum (JJJJ-MM-TT) oder Datum mit Uhrzeit (JJJJ-MM-TTTHH:MM)")
loader.KIND_NAMES.setdefault("registration", "ein Text")


# Loading --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LoadedEvents:
    events: tuple[Event, ...]
    problems: tuple[Problem, ...]


def load_events(path: str | Path, partner_ids: Iterable[str], *, today: dt.date | None = None,
                file: str | None = None) -> tuple[tuple[Event, ...], tuple[Problem, ...]]:
    """Every event that could be read and every problem, messages as `events.yml:LINE: id: field: …`."""
    path = Path(path)
    file = file or path.name
    text, problem = loader.read_source(path, file)
    if problem:
        return (), (problem,)
    return load_events_text(text, partner_ids, today=today, file=file)


def load_events_text(text: str, partner_ids: Iterable[str], *, today: dt.date | None = None,
                     file: str = FILE) -> tuple[tuple[Event, ...], tuple[Problem, ...]]:
    ctx = loader.Context(file=file, today=today or build_date(), logo_dir=Path(model.LOGO_DIR))
    try:
        root = loader.compose(text, ctx)
        if root is None:
            ctx.problems[:] = [dataclasses.replace(p, message="Die Datei ist leer. Sie muss mit „events:“ beginnen.")
                               if p.message.startswith("Die Datei ist leer") else p for p in ctx.problems]
            return (), tuple(ctx.problems)
        events = read_events(root, frozenset(partner_ids), ctx)
    except loader.TooManyErrors:
        return (), tuple(ctx.problems)
    return tuple(events), tuple(ctx.problems)


def read_events(root: yaml.Node, partner_ids: frozenset[str], ctx: loader.Context) -> list[Event]:
    fields = loader.read_mapping(root, EVENTS_FILE_SPEC, "", ctx)
    if fields is None or "events" not in fields:
        return []
    events_node = fields["events"][1]
    if loader.is_null(events_node):
        return []  # `events:` with nothing below: no events yet
    if not isinstance(events_node, yaml.SequenceNode):
        ctx.report(loader.line_of(events_node), "events", "„events“ muss eine Liste sein (jeder Eintrag beginnt mit „- id: …“).")
        return []
    if loader.report_too_many(fields["events"][0], events_node, "events", ctx):
        return []
    suggest = Suggestions(partner_ids)
    events: list[Event] = []
    for index, item in enumerate(events_node.value, start=1):
        ctx.entry = loader.entry_label(item, index)
        event = read_event(item, partner_ids, ctx, suggest)
        if event is not None:
            events.append(event)
    ctx.entry = "Datei"
    loader.check_unique_ids(events_node, ctx)
    return events


def read_event(node: yaml.Node, partner_ids: frozenset[str], ctx: loader.Context, suggest: "Suggestions") -> Event | None:
    # The loader reads lists of numbers only; the partner ids are read here, with their lines.
    partners_pairs: list[tuple[yaml.Node, yaml.Node]] = []
    if isinstance(node, yaml.MappingNode):
        is_partners = [isinstance(k, yaml.ScalarNode) and k.value == "partners" for k, _ in node.value]
        partners_pairs = [pair for pair, hit in zip(node.value, is_partners) if hit]
        node = yaml.MappingNode(node.tag, [pair for pair, hit in zip(node.value, is_partners) if not hit],
                                node.start_mark, node.end_mark, node.flow_style)
    try:
        event = loader.read_record(node, EVENT_SPEC, "", ctx)
    except loader._Invalid:  # the problems are recorded
        event = None
    partners = read_partner_ids(partners_pairs, partner_ids, ctx, suggest)
    if event is None or partners is None:
        return None
    lines = {k.value: loader.line_of(k) for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    lines.update({k.value: loader.line_of(k) for k, _ in partners_pairs[:1]})
    event = dataclasses.replace(event, partners=partners, line=loader.line_of(node), lines=lines)
    messages = [(key, message) for rule in EVENT_RULES for key, message in rule(event)]
    for key, message in messages:
        ctx.report(lines.get(key, event.line), key, message)
    return None if messages else event


def read_partner_ids(pairs: list[tuple[yaml.Node, yaml.Node]], partner_ids: frozenset[str],
                     ctx: loader.Context, suggest: "Suggestions") -> tuple[str, ...] | None:
    """The `partners` list: ids that exist in partners.yml; None after reporting a problem."""
    if not pairs:
        return ()
    for key_node, _ in pairs[1:]:
        ctx.report(loader.line_of(key_node), "partners", f"Das Feld „partners“ steht doppelt (Zeilen "
                   f"{loader.line_of(pairs[0][0])} und {loader.line_of(key_node)}). Bitte einen der beiden Einträge löschen.")
    node = pairs[0][1]
    if loader.is_null(node):
        return () if len(pairs) == 1 else None
    if not isinstance(node, yaml.SequenceNode):
        ctx.report(loader.line_of(node), "partners", "Hier wird eine Liste von Partner-Kennungen erwartet "
                   f"(jeder Eintrag beginnt mit „- “), nicht {loader.describe(node)}.")
        return None
    if loader.report_too_many(EVENT_PARTNERS_FIELD, node, "partners", ctx):
        return None
    ids: list[str] = []
    failed = len(pairs) > 1
    for index, item in enumerate(node.value, start=1):
        path = f"partners[{index}]"
        if not isinstance(item, yaml.ScalarNode) or loader.is_null(item):
            ctx.report(loader.line_of(item), path, f"Hier wird eine Partner-Kennung erwartet, nicht {loader.describe(item)}.")
            failed = True
            continue
        value = item.value.strip()
        message = unknown_partner_message(value, suggest(value)) if value not in partner_ids else None
        if message:
            ctx.report(loader.line_of(item), path, message)
            failed = True
        elif value in ids:
            ctx.report(loader.line_of(item), path, f"Der Partner „{value}“ steht doppelt in der Liste.")
            failed = True
        else:
            ids.append(value)
    return None if failed else tuple(ids)


def unknown_partner_message(value: str, close: str | None) -> str:
    hint = f" Meinten Sie „{close}“?" if close else ""
    return f"„{value}“ ist keine Kennung aus partners.yml.{hint}"


class Suggestions:
    """The partner id closest to an unknown one, for MAX_SUGGESTIONS distinct ids of one file."""

    def __init__(self, partner_ids: frozenset[str]):
        self.ids = sorted(partner_ids)
        self.found: dict[str, str | None] = {}

    def __call__(self, value: str) -> str | None:
        if value not in self.found:
            if len(self.found) >= MAX_SUGGESTIONS or len(value) > rules.ID_MAX:
                return None
            close = difflib.get_close_matches(value, self.ids, n=1, cutoff=0.6)
            self.found[value] = close[0] if close else None
        return self.found[value]


EVENT_PARTNERS_FIELD = next(f for f in EVENT_SPEC if f.key == "partners")


# Rules over a whole event: (field, message) pairs ---------------------------------------------

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


EVENT_RULES = (check_end_form, check_timed_has_end, check_end_after_start)


# For the build ---------------------------------------------------------------------------------

_cache: dict[tuple, tuple[Event, ...]] = {}


def load_valid_events(path: str | Path, partner_ids: Iterable[str], *, today: dt.date | None = None) -> tuple[Event, ...]:
    """Events for the build; any error stops it with the same messages `check` prints."""
    path = Path(path).absolute()  # not resolve(): a symlinked events.yml must stay visible to the loader
    ids = frozenset(partner_ids)
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0, ids)
    if key not in _cache:
        events, problems = load_events(path, ids, today=today)
        if errors(problems):
            raise RegistryError(list(problems))
        _cache.clear()
        _cache[key] = events
    return _cache[key]


def upcoming(events: Iterable[Event], today: dt.date) -> list[Event]:
    """Events still to come (or running today), soonest first."""
    return sorted((e for e in events if e.is_upcoming(today)), key=Event.sort_key)


def past(events: Iterable[Event], today: dt.date) -> list[Event]:
    """Events that are over, most recent first."""
    return sorted((e for e in events if not e.is_upcoming(today)), key=Event.sort_key, reverse=True)


def next_event(events: Iterable[Event], today: dt.date) -> Event | None:
    coming = upcoming(events, today)
    return coming[0] if coming else None


# German wording ----------------------------------------------------------------------------------

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
    if end is None:
        return f"{day_de(start.date())}, {time_de(start)}"
    if end.date() == start.date():
        return f"{day_de(start.date())}, {start.hour}:{start.minute:02d} bis {time_de(end)}"
    return f"{day_de(start.date())}, {time_de(start)}, bis {day_de(end.date())}, {time_de(end)}"


def iso(value: dt.date | dt.datetime) -> str:
    """For `<time datetime>`: 2024-02-27 or 2024-02-27T18:00+01:00."""
    return value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()
