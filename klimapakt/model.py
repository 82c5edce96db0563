"""The registry's data model: allowed values, field specifications and frozen records.

The field specifications (`PARTNER_SPEC` and friends) are the single source for the
loader's type checks, the JSON Schema, the staff guide's field table and the exports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

# Allowed values, each mapped to the German label the site shows.
ROLES = MappingProxyType({"founding": "Initialpartner", "partner": "Partner"})
STATUSES = MappingProxyType({
    "letter-of-intent": "Letter of Intent",
    "partner": "Klimapartner",
    "former": "Ehemaliger Partner",
})
# WZ 2008 sections (Klassifikation der Wirtschaftszweige, Destatis).
SECTORS = MappingProxyType({
    "A": "Land- und Forstwirtschaft, Fischerei",
    "B": "Bergbau und Gewinnung von Steinen und Erden",
    "C": "Verarbeitendes Gewerbe",
    "D": "Energieversorgung",
    "E": "Wasserversorgung, Abwasser, Abfall",
    "F": "Baugewerbe",
    "G": "Handel, Instandhaltung und Reparatur von Kfz",
    "H": "Verkehr und Lagerei",
    "I": "Gastgewerbe",
    "J": "Information und Kommunikation",
    "K": "Finanz- und Versicherungsdienstleistungen",
    "L": "Grundstücks- und Wohnungswesen",
    "M": "Freiberufliche, wissenschaftliche und technische Dienstleistungen",
    "N": "Sonstige wirtschaftliche Dienstleistungen",
    "O": "Öffentliche Verwaltung, Verteidigung, Sozialversicherung",
    "P": "Erziehung und Unterricht",
    "Q": "Gesundheits- und Sozialwesen",
    "R": "Kunst, Unterhaltung und Erholung",
    "S": "Sonstige Dienstleistungen",
    "T": "Private Haushalte mit Hauspersonal",
    "U": "Exterritoriale Organisationen und Körperschaften",
})
# EU SME classes (Recommendation 2003/361/EC).
SIZES = MappingProxyType({
    "micro": "Kleinstunternehmen",
    "small": "Kleines Unternehmen",
    "medium": "Mittleres Unternehmen",
    "large": "Großunternehmen",
})
# Düsseldorf has ten Stadtbezirke, numbered 1–10.
DISTRICTS = MappingProxyType({n: f"Stadtbezirk {n}" for n in range(1, 11)})
MEASURE_FIELDS = MappingProxyType({
    "energy-efficiency": "Energieeffizienz",
    "renewables": "Erneuerbare Energien",
    "buildings": "Gebäude",
    "mobility": "Mobilität",
    "procurement": "Beschaffung",
    "circular-economy": "Kreislaufwirtschaft",
    "awareness": "Sensibilisierung",
    "other": "Sonstiges",
})
MEASURE_STATUSES = MappingProxyType({
    "planned": "Geplant",
    "in-progress": "In Umsetzung",
    "done": "Umgesetzt",
})
SCOPES = MappingProxyType({1: "Scope 1", 2: "Scope 2", 3: "Scope 3"})

YEAR_MIN, YEAR_MAX = 1990, 2050
LOGO_DIR = "docs/assets/partners"
LOGO_SUFFIXES = (".svg", ".png", ".webp", ".jpg", ".jpeg")
LOGO_MAX_BYTES = 200 * 1024
LOGO_MIN_WIDTH = 200
# Limits that keep the check and the build fast whatever a file contains: size and line length are
# checked before YAML reads the text; list lengths before their entries are read.
MAX_FILE_BYTES = 5 * 1024 * 1024  # 5,000 demo partners (scripts/bench.py) take 4.8 MB
MAX_LINE_CHARS = 2000  # the longest field allows 1,500 characters
MAX_PARTNERS = 10_000
MAX_ERRORS = 1000  # then the check stops: no one fixes more at once, and a file of mistakes stays fast


@dataclass(frozen=True, eq=False)  # identity hash: specs key RECORD_TYPES
class Field:
    """One key of a registry mapping: its kind drives parsing, checks and the schema."""

    key: str
    kind: str  # text, longtext, id, name, date, year, int, percent, tonnes, bool, url, email, phone, logo, choice, object, list
    help: str  # German, shown in the schema and the staff guide
    required: bool = False
    choices: Mapping[Any, str] | None = None
    spec: tuple["Field", ...] | None = None  # for object, and for list items that are objects
    item_kind: str | None = None  # for lists of scalars
    max_length: int | None = None
    unique_by: str | None = None  # for lists of records: this key may not repeat (e.g. one row per year)
    max_items: int | None = None  # for lists: at most this many entries


CONTACT_SPEC = (
    Field("name", "text", "Name der Ansprechperson", max_length=120),
    Field("role", "text", "Funktion, z. B. „Nachhaltigkeitsmanagerin“", max_length=120),
    Field("email", "email", "E-Mail-Adresse (wird veröffentlicht)"),
    Field("phone", "phone", "Telefonnummer, z. B. „+49 211 1234567“ (wird veröffentlicht)"),
)
TARGET_SPEC = (
    Field("year", "year", "Zieljahr", required=True),
    Field("reduction_percent", "percent", "Minderung der Emissionen in Prozent gegenüber dem Basisjahr"),
    Field("baseline_year", "year", "Basisjahr der Minderung"),
    Field("scopes", "list", "Erfasste Scopes (1, 2, 3)", item_kind="int", choices=SCOPES, max_items=len(SCOPES)),
    Field("climate_neutral", "bool", "true, wenn das Ziel Klimaneutralität ist"),
)
MEASURE_SPEC = (
    Field("title", "text", "Kurzer Titel der Maßnahme", required=True, max_length=160),
    Field("field", "choice", "Handlungsfeld", required=True, choices=MEASURE_FIELDS),
    Field("status", "choice", "Stand der Umsetzung", required=True, choices=MEASURE_STATUSES),
    Field("year", "year", "Jahr der Umsetzung oder Planung"),
    Field("description", "longtext", "Beschreibung der Maßnahme (reiner Text)", max_length=1000),
)
AGREEMENT_SPEC = (
    Field("signed", "date", "Datum der Unterzeichnung der Klimaschutzvereinbarung (JJJJ-MM-TT)"),
    Field("targets", "list", "Klimaziele", spec=TARGET_SPEC, max_items=20),
    Field("measures", "list", "Maßnahmen", spec=MEASURE_SPEC, max_items=100),
)
EMISSION_SPEC = (
    Field("year", "year", "Berichtsjahr", required=True),
    Field("scope1", "tonnes", "Scope-1-Emissionen in t CO2e (null = nicht berichtet)"),
    Field("scope2", "tonnes", "Scope-2-Emissionen in t CO2e (null = nicht berichtet)"),
    Field("scope3", "tonnes", "Scope-3-Emissionen in t CO2e (null = nicht berichtet)"),
)
PARTNER_SPEC = (
    Field("id", "id", "Kennung: Kleinbuchstaben a–z, Ziffern und Bindestriche; wird zur Adresse /partner/<id>/", required=True),
    Field("name", "name", "Name des Unternehmens oder der Organisation", required=True, max_length=120),
    Field("role", "choice", "Rolle im Klimapakt", required=True, choices=ROLES),
    Field("status", "choice", "Stand der Teilnahme", required=True, choices=STATUSES),
    Field("joined", "date", "Datum des Letter of Intent oder der Vereinbarung (JJJJ-MM-TT)"),
    Field("sector", "choice", "Branche: Abschnitt der WZ 2008 (A–U)", choices=SECTORS),
    Field("size", "choice", "Unternehmensgröße nach EU-Definition", choices=SIZES),
    Field("district", "choice", "Düsseldorfer Stadtbezirk (1–10)", choices=DISTRICTS),
    Field("website", "url", "Website, beginnend mit https://"),
    Field("logo", "logo", f"Dateiname des Logos im Ordner {LOGO_DIR}/ (SVG, PNG, WebP oder JPEG)"),
    Field("description", "longtext", "Kurzbeschreibung (reiner Text, kein HTML)", max_length=1500),
    Field("contact", "object", "Ansprechperson (wird veröffentlicht)", spec=CONTACT_SPEC),
    Field("agreement", "object", "Die Klimaschutzvereinbarung", spec=AGREEMENT_SPEC),
    Field("emissions", "list", "Berichtete Emissionen je Jahr in t CO2e", spec=EMISSION_SPEC, unique_by="year",
          max_items=YEAR_MAX - YEAR_MIN + 1),  # one row per year
    Field("last_reviewed", "date", "Datum der letzten Prüfung der Angaben (JJJJ-MM-TT)"),
)
REGISTRY_SPEC = (
    Field("demo", "bool", "true nur bei erfundenen Demodaten: die Website zeigt dann auf jeder Seite einen Hinweis"),
    Field("partners", "list", "Liste der Partner", required=True, spec=PARTNER_SPEC, max_items=MAX_PARTNERS),
)


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Target:
    year: int
    reduction_percent: float | None = None
    baseline_year: int | None = None
    scopes: tuple[int, ...] = ()
    climate_neutral: bool = False


@dataclass(frozen=True)
class Measure:
    title: str
    field: str
    status: str
    year: int | None = None
    description: str | None = None


@dataclass(frozen=True)
class Agreement:
    signed: dt.date | None = None
    targets: tuple[Target, ...] = ()
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True)
class Emission:
    year: int
    scope1: float | None = None
    scope2: float | None = None
    scope3: float | None = None


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    role: str
    status: str
    joined: dt.date | None = None
    sector: str | None = None
    size: str | None = None
    district: int | None = None
    website: str | None = None
    logo: str | None = None
    description: str | None = None
    contact: Contact | None = None
    agreement: Agreement | None = None
    emissions: tuple[Emission, ...] = ()
    last_reviewed: dt.date | None = None
    line: int = field(default=0, compare=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)  # key -> source line

    @property
    def measures(self) -> tuple[Measure, ...]:
        return self.agreement.measures if self.agreement else ()

    @property
    def is_klimapartner(self) -> bool:
        return self.status == "partner"


RECORD_TYPES = {
    PARTNER_SPEC: Partner,
    CONTACT_SPEC: Contact,
    AGREEMENT_SPEC: Agreement,
    TARGET_SPEC: Target,
    MEASURE_SPEC: Measure,
    EMISSION_SPEC: Emission,
}


def known_keys() -> set[str]:
    """Every field name of every registry (other modules may add record types)."""
    return {f.key for spec in (REGISTRY_SPEC, *RECORD_TYPES) for f in spec}
