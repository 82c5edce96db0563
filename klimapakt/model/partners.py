"""The partner registry's records, each field declared once with its specification.

The declarations are the single source for the loader's type checks, the JSON Schema, the staff
guide's field table and the exports (see klimapakt.model.fields).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import precision as precisions
from ..kinds.choice import CHOICE
from ..kinds.dates import DATE, PRECISION
from ..kinds.numbers import BOOL, INT, PERCENT, TONNES, YEAR
from ..kinds.text import EMAIL, ID, LOGO, LONGTEXT, NAME, PHONE, TEXT, URL
from ..vocabulary import (
    DISTRICTS,
    LOGO_DIR,
    MAX_PARTNERS,
    MEASURE_FIELDS,
    MEASURE_STATUSES,
    ROLE_FOUNDING,
    ROLES,
    SCOPES,
    SECTORS,
    SIZES,
    STATUS_PARTNER,
    STATUSES,
    YEAR_MAX,
    YEAR_MIN,
)
from .fields import declared

# A date field and the field that says how precise it is: exports that show dates to people (the
# spreadsheet) show it only that precisely; the CSV and JSON files hold both fields as they are.
PRECISION_OF = {"joined": "joined_precision"}


@dataclass(frozen=True)
class Contact:
    name: str | None = declared("Name der Ansprechperson", TEXT, max_length=120, title="Name")
    role: str | None = declared("Funktion, z. B. „Nachhaltigkeitsmanagerin“", TEXT, max_length=120, title="Funktion")
    email: str | None = declared("E-Mail-Adresse (wird veröffentlicht)", EMAIL, title="E-Mail")
    phone: str | None = declared("Telefonnummer, z. B. „+49 211 1234567“ (wird veröffentlicht)", PHONE,
                                  title="Telefon")
    line: int = field(default=0, compare=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)  # key -> source line


@dataclass(frozen=True)
class Target:
    year: int = declared("Zieljahr", YEAR, required=True, title="Zieljahr")
    reduction_percent: float | None = declared("Minderung der Emissionen in Prozent gegenüber dem Basisjahr", PERCENT,
                                               title="Minderung in Prozent")
    baseline_year: int | None = declared("Basisjahr der Minderung", YEAR, title="Basisjahr")
    scopes: tuple[int, ...] = declared("Erfasste Scopes (1, 2, 3)", INT, many=True, choices=SCOPES,
                                       max_items=len(SCOPES), title="Scopes")
    climate_neutral: bool = declared("true, wenn das Ziel Klimaneutralität ist", BOOL, default=False,
                                     title="Klimaneutral")
    line: int = field(default=0, compare=False)  # for warnings at the line of the field they name
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Measure:
    title: str = declared("Kurzer Titel der Maßnahme", TEXT, required=True, max_length=160, title="Titel")
    field: str = declared("Handlungsfeld", CHOICE, required=True, choices=MEASURE_FIELDS, title="Handlungsfeld")
    status: str = declared("Stand der Umsetzung", CHOICE, required=True, choices=MEASURE_STATUSES,
                           title="Stand der Umsetzung")
    year: int | None = declared("Jahr der Umsetzung oder Planung", YEAR, title="Jahr")
    description: str | None = declared("Beschreibung der Maßnahme (reiner Text)", LONGTEXT, max_length=1000,
                                        title="Beschreibung")
    line: int = dataclasses.field(default=0, compare=False)  # `field` is a key here: the module's name
    lines: Mapping[str, int] = dataclasses.field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Agreement:
    signed: dt.date | None = declared("Datum der Unterzeichnung der Klimaschutzvereinbarung (JJJJ-MM-TT)", DATE,
                                      title="Unterzeichnet am")
    targets: tuple[Target, ...] = declared("Klimaziele", record=Target, many=True, max_items=20, title="Ziele")
    measures: tuple[Measure, ...] = declared("Maßnahmen", record=Measure, many=True, max_items=100, title="Maßnahmen")
    line: int = field(default=0, compare=False)  # for warnings at the line of the field they name
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Emission:
    year: int = declared("Berichtsjahr", YEAR, required=True, title="Berichtsjahr")
    scope1: float | None = declared("Scope-1-Emissionen in t CO2e (null = nicht berichtet)", TONNES,
                                    title="Scope 1 (t CO2e)")
    scope2: float | None = declared("Scope-2-Emissionen in t CO2e (null = nicht berichtet)", TONNES,
                                    title="Scope 2 (t CO2e)")
    scope3: float | None = declared("Scope-3-Emissionen in t CO2e (null = nicht berichtet)", TONNES,
                                    title="Scope 3 (t CO2e)")
    line: int = field(default=0, compare=False)  # for warnings at the line of the field they name
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Partner:
    id: str = declared("Kennung: Kleinbuchstaben a–z, Ziffern und Bindestriche; wird zur Adresse /partner/<id>/",
                       ID, required=True, title="Kennung")
    name: str = declared("Name des Unternehmens oder der Organisation", NAME, required=True, max_length=120,
                          title="Name")
    role: str = declared("Rolle im Klimapakt", CHOICE, required=True, choices=ROLES, title="Rolle")
    status: str = declared("Stand der Teilnahme", CHOICE, required=True, choices=STATUSES, title="Stand der Teilnahme")
    joined: dt.date | None = declared("Datum des Letter of Intent oder der Vereinbarung (JJJJ-MM-TT); nennt die "
                                      "Quelle nur Monat oder Jahr: dessen erster Tag und „joined_precision“", DATE,
                                      title="Beitritt")
    joined_precision: str | None = declared("Wie genau „joined“ bekannt ist (leer: auf den Tag)", PRECISION,
                                            choices=precisions.PRECISIONS, title="Beitritt genau auf")
    sector: str | None = declared("Branche: Abschnitt der WZ 2008 (A–U)", CHOICE, choices=SECTORS, title="Branche")
    size: str | None = declared("Unternehmensgröße nach EU-Definition", CHOICE, choices=SIZES, title="Größe")
    district: int | None = declared("Düsseldorfer Stadtbezirk (1–10)", CHOICE, choices=DISTRICTS, title="Stadtbezirk")
    website: str | None = declared("Website, beginnend mit https://", URL, title="Website")
    logo: str | None = declared(f"Dateiname des Logos im Ordner {LOGO_DIR}/ (SVG, PNG, WebP oder JPEG)", LOGO,
                                 title="Logo-Datei")
    description: str | None = declared("Kurzbeschreibung (reiner Text, kein HTML)", LONGTEXT, max_length=1500,
                                        title="Beschreibung")
    contact: Contact | None = declared("Ansprechperson (wird veröffentlicht)", record=Contact, title="Ansprechperson")
    agreement: Agreement | None = declared("Die Klimaschutzvereinbarung", record=Agreement, title="Vereinbarung")
    emissions: tuple[Emission, ...] = declared("Berichtete Emissionen je Jahr in t CO2e", record=Emission, many=True,
                                               unique_by="year", max_items=YEAR_MAX - YEAR_MIN + 1,  # one row per year
                                               title="Emissionen")
    last_reviewed: dt.date | None = declared("Datum der letzten Prüfung der Angaben (JJJJ-MM-TT)", DATE,
                                             title="Zuletzt geprüft")
    former_ids: tuple[str, ...] = declared("Frühere Kennungen, z. B. [muster]: die alten Adressen des Profils und "
                                           "des Badges leiten dann hierher weiter", ID, many=True, max_items=20,
                                           title="Frühere Kennungen")
    line: int = field(default=0, compare=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)  # key -> source line

    @property
    def measures(self) -> tuple[Measure, ...]:
        return self.agreement.measures if self.agreement else ()

    @property
    def is_klimapartner(self) -> bool:
        return self.status == STATUS_PARTNER

    @property
    def is_founding(self) -> bool:
        return self.role == ROLE_FOUNDING

    @property
    def has_badge(self) -> bool:
        """A Klimapartner; a founding partner only with its own agreement (the record rule demands it too)."""
        return self.is_klimapartner and (not self.is_founding or self.agreement is not None)

    @property
    def joined_period(self) -> precisions.Period | None:
        """The join date as precise as its source: what every page shows („Oktober 2022“)."""
        if self.joined is None:
            return None
        return precisions.Period.of(self.joined, self.joined_precision or precisions.DAY)

    @property
    def year_joined(self) -> int | None:
        """The one definition of "year joined": the Letter of Intent, or the agreement if that came first."""
        days = [day for day in (self.joined, self.agreement.signed if self.agreement else None) if day]
        return min(days).year if days else None


@dataclass(frozen=True, kw_only=True)
class PartnerRegistry:
    """The file partners.yml as a whole."""

    demo: bool = declared("true nur bei erfundenen Demodaten: die Website zeigt dann auf jeder Seite einen Hinweis",
                          BOOL, default=False, title="Demodaten")
    partners: tuple[Partner, ...] = declared("Liste der Partner", record=Partner, many=True, required=True,
                                             max_items=MAX_PARTNERS, title="Partner")
