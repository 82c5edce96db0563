"""Figures computed from the registry (start page, progress page)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model.partners import Partner
from ..vocabulary import STATUS_FORMER, STATUS_LOI, STATUS_PARTNER


@dataclass(frozen=True)
class KeyFigures:
    klimapartner: int  # status "partner": signed the Klimaschutzvereinbarung
    letters_of_intent: int  # status "letter-of-intent": signed the LoI, agreement pending
    measures: int  # measures in the agreements of current (not former) partners


def key_figures(partners: Iterable[Partner]) -> KeyFigures:
    partners = list(partners)
    return KeyFigures(
        klimapartner=sum(p.status == STATUS_PARTNER for p in partners),
        letters_of_intent=sum(p.status == STATUS_LOI for p in partners),
        measures=sum(len(p.measures) for p in partners if p.status != STATUS_FORMER),
    )
