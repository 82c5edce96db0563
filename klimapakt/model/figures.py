"""Figures about the pact as a whole (`kennzahlen.yml`): what the office or a public source reports.

Each figure carries its date ("Stand"), no more precise than the source, and the source itself;
the site never shows one without the other. Figures counted from the directory are not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..kinds.choice import CHOICE
from ..kinds.dates import PERIOD
from ..kinds.numbers import AMOUNT
from ..kinds.text import ID, LONGTEXT, TEXT, URL
from ..precision import Period
from .fields import declared

QUALIFIERS = MappingProxyType({"more-than": "über", "about": "rund", "exactly": "genau"})


@dataclass(frozen=True, kw_only=True)
class Figure:
    id: str = declared("Kennung, z. B. „partnerunternehmen“", ID, required=True)
    value: float = declared("Der Wert als Zahl, ohne Einheit (Punkt als Dezimaltrenner)", AMOUNT, required=True,
                            title="Wert")
    qualifier: str = declared("Wie genau der Wert ist, wie die Quelle es sagt", CHOICE, choices=QUALIFIERS,
                              default="exactly", title="Genauigkeit")
    unit: str | None = declared("Einheit hinter der Zahl, z. B. „t CO2 pro Jahr“", TEXT, max_length=40, title="Einheit")
    label: str = declared("Was gezählt ist, z. B. „Partnerunternehmen im Klimapakt“", TEXT, required=True,
                          max_length=120, title="Beschriftung")
    note: str | None = declared("Einschränkung, z. B. „der ersten 31 Partner“", LONGTEXT, max_length=300,
                                title="Einschränkung")
    as_of: Period = declared("Stand: so genau, wie die Quelle es sagt (JJJJ-MM-TT, JJJJ-MM oder JJJJ)", PERIOD,
                             required=True, title="Stand")
    source_title: str = declared("Quelle: Herausgeber und Titel, z. B. „IHK Düsseldorf: …“", TEXT, required=True,
                                 max_length=200, title="Quelle")
    source_url: str = declared("Webadresse der Quelle (https://…)", URL, required=True, title="Adresse der Quelle")
    line: int = field(default=0, compare=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class FigureRegistry:
    """The file kennzahlen.yml as a whole."""

    figures: tuple[Figure, ...] = declared("Kennzahlen des Klimapakts", record=Figure, many=True, required=True,
                                           max_items=50)


def figure(figures: tuple[Figure, ...], figure_id: str) -> Figure | None:
    return next((f for f in figures if f.id == figure_id), None)
