"""Figures for the progress page ("Fortschritt"), computed from the registry at build time.

Every figure counts the *current* partners: Klimapartner and partners with a Letter of
Intent. Former partners are left out, because the registry does not say when they left;
the Initialpartner too, because they organise the pact rather than join it. A chart is drawn
only from data worth showing (see `worth_charting`); emissions are compared like with like
(klimapakt.render.emissions).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import clock, vocabulary
from ..model.partners import Emission, Partner
from . import charts, emissions
from .figures import KeyFigures, key_figures
from .html import date_de, number_de, render

CURRENT = vocabulary.STATUSES_CURRENT
MEASURE_STATUS_ORDER = ("done", "in-progress", "planned")


@dataclass(frozen=True)
class Count:
    key: Any  # the registry value, or None for "keine Angabe"
    label: str
    count: int


@dataclass(frozen=True)
class YearCount:
    """Partners at the end of one year: Klimapartner (agreement signed) and Letter of Intent."""

    year: int
    klimapartner: int
    letters_of_intent: int

    @property
    def total(self) -> int:
        return self.klimapartner + self.letters_of_intent


@dataclass(frozen=True)
class MeasureRow:
    field: str
    label: str
    by_status: Mapping[str, int]  # measure status -> count

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class Targets:
    klimapartner: int  # current Klimapartner (only they have an agreement)
    with_agreement: int  # the base of the shares: Klimapartner whose agreement is entered here
    with_target_year: int  # at least one target (every target has a year)
    climate_neutral: int  # at least one target marked climate_neutral
    neutral_years: tuple[Count, ...]  # year of the earliest climate-neutrality target -> partners


@dataclass(frozen=True)
class Progress:
    key: KeyFigures  # the counts the start page shows too, computed once (figures.key_figures)
    former: int
    founding: int  # Initialpartner without an agreement of their own: not counted
    undated: int  # current partners without joined or signed date: not in `over_time`
    over_time: tuple[YearCount, ...]
    by_sector: tuple[Count, ...]
    by_size: tuple[Count, ...]
    by_district: tuple[Count, ...]
    measures: tuple[MeasureRow, ...]
    measures_by_status: tuple[Count, ...]
    emissions: tuple[emissions.ScopeComparison, ...]  # one per scope that was reported
    reporting_partners: int  # partners with at least one reported value
    targets: Targets

    @property
    def klimapartner(self) -> int:
        return self.key.klimapartner

    @property
    def letters_of_intent(self) -> int:
        return self.key.letters_of_intent

    @property
    def partners(self) -> int:
        return self.klimapartner + self.letters_of_intent

    @property
    def measure_count(self) -> int:
        return sum(row.total for row in self.measures)


def current(partners: Iterable[Partner]) -> list[Partner]:
    return [p for p in partners if p.status in CURRENT]


def compute(partners: Sequence[Partner], today: dt.date | None = None) -> Progress:
    """All figures of the progress page; `today` ends the time series (default: the build date)."""
    today = today or clock.build_date()
    now = current(partners)
    return Progress(
        key=key_figures(partners),
        former=sum(p.status == vocabulary.STATUS_FORMER for p in partners),
        founding=sum(p.status == vocabulary.STATUS_FOUNDING for p in partners),
        undated=sum(p.year_joined is None for p in now),
        over_time=over_time(now, today.year),
        by_sector=counts(now, "sector", vocabulary.SECTOR_SHORT, by_frequency=True),
        by_size=counts(now, "size", vocabulary.SIZES),
        by_district=counts(now, "district", vocabulary.DISTRICTS),
        measures=measures_by_field(now),
        measures_by_status=measures_by_status(now),
        emissions=emissions.comparisons(now),
        reporting_partners=sum(any(has_value(e) for e in p.emissions) for p in now),
        targets=targets(now),
    )


def signed(partner: Partner) -> dt.date | None:
    return partner.agreement.signed if partner.agreement else None


def klimapartner_year(partner: Partner) -> int | None:
    """The year a current Klimapartner signed its agreement (the joining date when unsigned)."""
    if partner.status != vocabulary.STATUS_PARTNER:
        return None
    date = signed(partner) or partner.joined
    return date.year if date else None


def over_time(partners: Sequence[Partner], last_year: int) -> tuple[YearCount, ...]:
    """Cumulative counts at the end of each year, from the first joining year to `last_year`.

    A Klimapartner counts as Letter of Intent from the year it joined until the year it
    signed its agreement, and as Klimapartner from then on.
    """
    starts = [y for y in (p.year_joined for p in partners) if y is not None]
    if not starts:
        return ()
    first = min(starts)
    last = max([last_year, *starts])
    rows = []
    for year in range(first, last + 1):
        joined = [p for p in partners if (p.year_joined or year + 1) <= year]
        signed_by = sum(1 for p in joined if (klimapartner_year(p) or year + 1) <= year)
        rows.append(YearCount(year, signed_by, len(joined) - signed_by))
    return tuple(rows)


def counts(partners: Sequence[Partner], key: str, labels: Mapping[Any, str], by_frequency: bool = False) -> tuple[Count, ...]:
    """One Count per value that occurs (in the order of `labels`, or most frequent first), then "keine Angabe"."""
    tally = Counter(getattr(p, key) for p in partners)
    rows = [Count(value, labels[value], tally[value]) for value in labels if tally[value]]
    if by_frequency:
        rows.sort(key=lambda row: -row.count)  # stable: equal counts keep the order of `labels`
    if tally[None]:
        rows.append(Count(None, "keine Angabe", tally[None]))
    return tuple(rows)


def worth_charting(rows: Sequence[Count]) -> bool:
    """A share chart needs two known values to compare: "keine Angabe" as the only bar, or one value
    for everyone ("100 % Großunternehmen"), is said in one sentence instead."""
    return sum(row.key is not None for row in rows) >= 2


def measures_by_field(partners: Sequence[Partner]) -> tuple[MeasureRow, ...]:
    tally = Counter((m.field, m.status) for p in partners for m in p.measures)
    return tuple(
        MeasureRow(field, label, {status: tally[field, status] for status in MEASURE_STATUS_ORDER})
        for field, label in vocabulary.MEASURE_FIELDS.items()
        if any(tally[field, status] for status in MEASURE_STATUS_ORDER)
    )


def measures_by_status(partners: Sequence[Partner]) -> tuple[Count, ...]:
    tally = Counter(m.status for p in partners for m in p.measures)
    return tuple(Count(status, vocabulary.MEASURE_STATUSES[status], tally[status]) for status in MEASURE_STATUS_ORDER)


def has_value(emission: Emission) -> bool:
    return any(emissions.scope_value(emission, scope) is not None for scope in vocabulary.SCOPES)


def targets(partners: Sequence[Partner]) -> Targets:
    signed_up = [p for p in partners if p.status == vocabulary.STATUS_PARTNER]
    target_lists = [p.agreement.targets if p.agreement else () for p in signed_up]
    neutral = [min(t.year for t in ts if t.climate_neutral) for ts in target_lists if any(t.climate_neutral for t in ts)]
    years = Counter(neutral)
    return Targets(
        klimapartner=len(signed_up),
        with_agreement=sum(p.agreement is not None for p in signed_up),
        with_target_year=sum(bool(ts) for ts in target_lists),
        climate_neutral=len(neutral),
        neutral_years=tuple(Count(year, str(year), years[year]) for year in sorted(years)),
    )


# Charts: one per figure, each paired with a table in templates/progress.html.

def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def rounded_shares(parts: Sequence[int], whole: int) -> tuple[int, ...]:
    """Whole percentages of parts that make up `whole`, summing to exactly 100 by largest remainder (rounding
    each share alone gave 101 %). Equal parts always get equal shares: where that rules out exactly 100,
    each share is rounded alone and the table says "gerundet"."""
    alone = tuple(percent(part, whole) or 0 for part in parts)
    if not whole or sum(parts) != whole:
        return alone
    share = {part: 100 * part // whole for part in parts}
    need = 100 - sum(share[part] for part in parts)
    members = Counter(parts)
    for part in sorted(members, key=lambda p: (share[p] - 100 * p / whole, -p)):
        if 0 < members[part] <= need and 100 * part % whole:
            share[part] += 1
            need -= members[part]
    return tuple(share[part] for part in parts) if need == 0 else alone


def over_time_chart(progress: Progress) -> str:
    series = (charts.fill_at(0, "Klimapartner", "Klimaschutzvereinbarung unterschrieben"),
              charts.fill_at(1, "Letter of Intent", "Vereinbarung in Vorbereitung"))
    bars = [charts.Bar(str(row.year), (row.klimapartner, row.letters_of_intent), number_de(row.total),
                       f"Klimapartner {number_de(row.klimapartner)} · Letter of Intent {number_de(row.letters_of_intent)}")
            for row in progress.over_time]
    last = progress.over_time[-1] if progress.over_time else None
    desc = (f"Gestapelte Balken je Jahr, Stand jeweils Jahresende. Ende {last.year}: {number_de(last.klimapartner)} "
            f"Klimapartner und {number_de(last.letters_of_intent)} Unternehmen mit Letter of Intent. "
            "Die Tabelle darunter nennt alle Werte." if last else "Keine Daten.")
    return charts.chart("chart-zeitverlauf", "Partner im Zeitverlauf", desc, bars, series)


def count_chart(chart_id: str, title: str, rows: Sequence[Count]) -> str:
    series = charts.fills("Partner")
    bars = [charts.Bar(row.label, (row.count,), number_de(row.count)) for row in rows]
    top = max(rows, key=lambda row: row.count) if rows else None
    desc = (f"Balkendiagramm, ein Balken je Ausprägung. Am häufigsten: {top.label} mit {number_de(top.count)} Partnern. "
            "Die Tabelle darunter nennt alle Werte." if top else "Keine Daten.")
    return charts.chart(chart_id, title, desc, bars, series)


def measures_chart(progress: Progress) -> str:
    series = charts.fills(*(vocabulary.MEASURE_STATUSES[s] for s in MEASURE_STATUS_ORDER))
    bars = [charts.Bar(row.label, tuple(row.by_status[s] for s in MEASURE_STATUS_ORDER), number_de(row.total),
                       " · ".join(f"{vocabulary.MEASURE_STATUSES[s]} {number_de(row.by_status[s])}" for s in MEASURE_STATUS_ORDER))
            for row in progress.measures]
    desc = ("Gestapelte Balken je Handlungsfeld: umgesetzte, laufende und geplante Maßnahmen. "
            f"Zusammen {number_de(progress.measure_count)} Maßnahmen. Die Tabelle darunter nennt alle Werte.")
    return charts.chart("chart-massnahmen", "Maßnahmen nach Handlungsfeld und Stand", desc, bars, series)


# The Stadtteile under each Stadtbezirk in the district table, so readers find their own.
DISTRICT_NOTES = {number: ", ".join(quarters) for number, quarters in vocabulary.DISTRICT_QUARTERS.items()}
# The official WZ title under each short sector name, so the short name is never mistaken for the whole section.
SECTOR_NOTES = {key: f"WZ-Abschnitt {key}: {title}" for key, title in vocabulary.SECTORS.items()}

SECTIONS = ("stand", "zeitverlauf", "branche", "groesse", "bezirk", "massnahmen", "ziele", "emissionen")


def render_section(section: str, progress: Progress, *, root: str = "../", data_href: str = "../daten/",
                   built: dt.date | None = None) -> str:
    """The HTML of one section of the progress page: chart(s) and table(s), or the summary."""
    if section not in SECTIONS:
        raise ValueError(f"Unbekannter Abschnitt „{section}“; möglich: {', '.join(SECTIONS)}")
    svg = {
        "zeitverlauf": lambda: over_time_chart(progress),
        "branche": lambda: count_chart("chart-branche", "Partner nach Branche", progress.by_sector),
        "groesse": lambda: count_chart("chart-groesse", "Partner nach Unternehmensgröße", progress.by_size),
        "bezirk": lambda: count_chart("chart-bezirk", "Partner nach Stadtbezirk", progress.by_district),
        "massnahmen": lambda: measures_chart(progress),
        "emissionen": lambda: {c.scope: emissions.comparison_chart(c) for c in progress.emissions if c.years},
    }.get(section, lambda: "")()
    return render("progress.html", section=section, f=progress, svg=svg, root=root, data_href=data_href,
                  built=date_de(built or clock.build_date()), percent=percent, rounded_shares=rounded_shares, scopes=vocabulary.SCOPES,
                  status_order=MEASURE_STATUS_ORDER, rule_text=emissions.rule_text,
                  worth_charting=worth_charting, zip=zip, district_notes=DISTRICT_NOTES,
                  sector_notes=SECTOR_NOTES)
