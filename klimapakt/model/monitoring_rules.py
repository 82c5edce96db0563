"""Monitoring rules: what is due for a partner on a given day, with the reason and the day it became due.

These rules depend on the day, not on what a pull request changed, so `check` does not run them:
`python -m klimapakt monitoring` does (klimapakt.office.monitoring), and the monthly workflow
keeps the result in one GitHub issue. Which rules apply is declared with the registries
(klimapakt.load.registries, `monitoring`). Former partners are not monitored.

„Older than 12 months“: a date becomes due on the day after its first anniversary (a Letter of
Intent of 2024-03-15 on 2025-03-16); the pact foresees targets and measures one year after joining.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import precision as precisions
from ..vocabulary import STATUS_FORMER, STATUS_FOUNDING, STATUS_LOI, STATUS_PARTNER

if TYPE_CHECKING:
    from .partners import Partner

DUE_AFTER_MONTHS = 12
PLANNED = "planned"  # a measure's status key (vocabulary.MEASURE_STATUSES)


@dataclass(frozen=True)
class Due:
    """One thing due for a partner."""

    since: dt.date | None  # the day it became due; None when the registry gives no date to count from
    task: str  # German, short: „Klimaschutzvereinbarung fällig“
    reason: str  # German, one sentence with the dates it counts from
    field: str  # the registry key it concerns, e.g. "last_reviewed" or "agreement.measures[2].status"


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day where it is shorter (29 Feb → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_after_a_year(day: dt.date) -> dt.date:
    """The first day on which `day` is older than 12 months."""
    return months_later(day, DUE_AFTER_MONTHS) + dt.timedelta(days=1)


def german(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def joined_phrase(partner: Partner, day: str, month: str) -> str:
    """The join date only as precise as its source: „am 03.07.2022“, „im Oktober 2022“, „im Jahr 2022“
    (`day` and `month` are the prepositions, e.g. „vom“ and „aus dem“)."""
    if partner.joined is None:
        return ""
    precision = partner.joined_precision or precisions.DAY
    if precision == precisions.DAY:
        return f"{day} {german(partner.joined)}"
    when = precisions.text_de(partner.joined, precision)
    return f"{month} {when}" if precision == precisions.MONTH else f"{month} Jahr {when}"


def due_agreement(partner: Partner, today: dt.date) -> list[Due]:
    """By status: a Letter of Intent older than 12 months without a climate agreement, or with a signed one
    (then the status is behind); a Klimapartner whose agreement is not entered, at once; Initialpartner sign
    none."""
    if partner.agreement is not None and partner.status == STATUS_LOI and partner.agreement.signed:
        return [Due(partner.agreement.signed, "Stand der Teilnahme prüfen",
                    f"Die Klimaschutzvereinbarung ist am {german(partner.agreement.signed)} unterzeichnet, der Stand "
                    "steht noch auf „Letter of Intent“. Ist das Unternehmen jetzt Klimapartner („status: partner“)?",
                    "status")]
    if partner.agreement is not None or partner.status == STATUS_FOUNDING:
        return []
    if partner.status == STATUS_PARTNER:
        joined = f" (beigetreten {joined_phrase(partner, 'am', 'im')})" if partner.joined else ""
        return [Due(partner.joined, "Klimaschutzvereinbarung eintragen",
                    f"Klimapartner{joined}, aber im Register steht keine Klimaschutzvereinbarung. Bitte Datum, Ziele "
                    "und Maßnahmen der Vereinbarung unter „agreement“ eintragen.", "agreement")]
    if partner.joined is None:
        return []
    since = due_after_a_year(partner.joined)
    if since > today:
        return []
    return [Due(since, "Klimaschutzvereinbarung fällig",
                f"Letter of Intent {joined_phrase(partner, 'vom', 'aus dem')}; nach 12 Monaten sollte die Klimaschutzvereinbarung "
                "mit Zielen und Maßnahmen vorliegen, im Register steht noch keine.", "agreement")]


def due_targets(partner: Partner, today: dt.date) -> list[Due]:
    """An agreement without targets: due from its signing (or one year after joining when no date is given)."""
    agreement = partner.agreement
    if agreement is None or agreement.targets:
        return []
    since = agreement.signed or (due_after_a_year(partner.joined) if partner.joined else None)
    if since is not None and since > today:
        return []
    signed = f"vom {german(agreement.signed)} " if agreement.signed else ""
    return [Due(since, "Klimaziele fehlen", f"Die Klimaschutzvereinbarung {signed}nennt noch keine Ziele "
                "(„targets“). Bitte die vereinbarten Ziele nachtragen.", "agreement.targets")]


def due_review(partner: Partner, today: dt.date) -> list[Due]:
    """`last_reviewed` older than 12 months, or missing (then due since joining, when that is known)."""
    if partner.last_reviewed is None:
        return [Due(partner.joined, "Angaben prüfen", "Die Angaben wurden noch nie geprüft („last_reviewed“ fehlt). "
                    "Bitte mit dem Unternehmen abgleichen und das Datum der Prüfung eintragen.", "last_reviewed")]
    since = due_after_a_year(partner.last_reviewed)
    if since > today:
        return []
    return [Due(since, "Angaben prüfen", f"Die Angaben wurden zuletzt am {german(partner.last_reviewed)} geprüft, "
                "vor mehr als 12 Monaten. Bitte mit dem Unternehmen abgleichen.", "last_reviewed")]


def due_emissions(partner: Partner, today: dt.date) -> list[Due]:
    """A partner that reports emissions, but none for the previous year: due since that year ended."""
    if not partner.emissions:
        return []
    previous, latest = today.year - 1, max(e.year for e in partner.emissions)
    if latest >= previous:
        return []
    return [Due(dt.date(today.year, 1, 1), f"Emissionen {previous} fehlen",
                f"Das Unternehmen berichtet Emissionen (zuletzt für {latest}), für {previous} steht noch nichts im "
                "Register.", "emissions")]


def due_planned_measures(partner: Partner, today: dt.date) -> list[Due]:
    """Each measure still „planned“ for a year that is over: due since that year ended."""
    found = []
    for index, measure in enumerate(partner.measures, start=1):
        if measure.status == PLANNED and measure.year is not None and measure.year < today.year:
            found.append(Due(dt.date(measure.year + 1, 1, 1), "Stand einer Maßnahme prüfen",
                             f"Die Maßnahme „{measure.title}“ war für {measure.year} geplant und steht noch auf "
                             "„Geplant“. Ist sie umgesetzt, in Umsetzung oder verschoben?",
                             f"agreement.measures[{index}].status"))
    return found


def monitored(rule):
    """A rule that skips former partners."""
    @functools.wraps(rule)
    def run(partner: Partner, today: dt.date) -> list[Due]:
        return [] if partner.status == STATUS_FORMER else rule(partner, today)
    return run


PARTNER_MONITORING = tuple(monitored(rule) for rule in (
    due_agreement, due_targets, due_review, due_emissions, due_planned_measures))
