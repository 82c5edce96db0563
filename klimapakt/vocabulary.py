"""The registries' vocabulary: allowed values with their German labels, and the limits.

Every layer may read these; nothing here reads a file or knows a record type.
"""

from __future__ import annotations

from types import MappingProxyType

# Allowed values, each mapped to the German label the site shows.
ROLES = MappingProxyType({"founding": "Initialpartner", "partner": "Partner"})
STATUSES = MappingProxyType({
    "letter-of-intent": "Letter of Intent",
    "partner": "Klimapartner",
    "former": "Ehemaliger Partner",
    "founding": "Initialpartner",  # a founding organisation without an agreement of its own (partner_rules)
})
# WZ 2008 sections (Klassifikation der Wirtschaftszweige, Destatis).
SECTORS = MappingProxyType({
    "A": "Land- und Forstwirtschaft, Fischerei",
    "B": "Bergbau und Gewinnung von Steinen und Erden",
    "C": "Verarbeitendes Gewerbe",
    "D": "Energieversorgung",
    "E": "Wasserversorgung, Abwasser, Abfall",
    "F": "Baugewerbe",
    "G": "Handel; Instandhaltung und Reparatur von Kraftfahrzeugen",
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
# A short, everyday name per WZ section, shown beside the official title: readers took Metro's
# „Handel; Instandhaltung und Reparatur von Kraftfahrzeugen“ for a car repair shop.
SECTOR_SHORT = MappingProxyType({
    "A": "Landwirtschaft",
    "B": "Bergbau",
    "C": "Industrie",
    "D": "Energie",
    "E": "Wasser und Abfall",
    "F": "Bau",
    "G": "Handel",
    "H": "Verkehr und Logistik",
    "I": "Hotels und Gastronomie",
    "J": "IT und Medien",
    "K": "Banken und Versicherungen",
    "L": "Immobilien",
    "M": "Beratung, Forschung und Technik",
    "N": "Dienstleistungen für Unternehmen",
    "O": "Öffentliche Verwaltung",
    "P": "Bildung",
    "Q": "Gesundheit und Soziales",
    "R": "Kultur, Sport und Freizeit",
    "S": "Sonstige Dienstleistungen",
    "T": "Private Haushalte",
    "U": "Internationale Organisationen",
})


def sector_with_title(key: str) -> str:
    """„Handel (WZ-Abschnitt G: Handel; Instandhaltung und Reparatur von Kraftfahrzeugen)“: short name, then the WZ title."""
    return f"{SECTOR_SHORT[key]} (WZ-Abschnitt {key}: {SECTORS[key]})"


# EU SME classes (Recommendation 2003/361/EC).
SIZES = MappingProxyType({
    "micro": "Kleinstunternehmen",
    "small": "Kleines Unternehmen",
    "medium": "Mittleres Unternehmen",
    "large": "Großunternehmen",
})
# Düsseldorf has ten Stadtbezirke, numbered 1–10, with 50 Stadtteile (../shared/seed/FACTS.md):
# the registry holds the number, the site shows the Stadtteile beside it.
DISTRICTS = MappingProxyType({n: f"Stadtbezirk {n}" for n in range(1, 11)})
DISTRICT_QUARTERS = MappingProxyType({
    1: ("Altstadt", "Carlstadt", "Derendorf", "Golzheim", "Pempelfort", "Stadtmitte"),
    2: ("Düsseltal", "Flingern-Nord", "Flingern-Süd"),
    3: ("Bilk", "Flehe", "Friedrichstadt", "Hafen", "Hamm", "Oberbilk", "Unterbilk", "Volmerswerth"),
    4: ("Heerdt", "Lörick", "Niederkassel", "Oberkassel"),
    5: ("Angermund", "Kaiserswerth", "Kalkum", "Lohausen", "Stockum", "Wittlaer"),
    6: ("Lichtenbroich", "Mörsenbroich", "Rath", "Unterrath"),
    7: ("Gerresheim", "Grafenberg", "Hubbelrath", "Knittkuhl", "Ludenberg"),
    8: ("Eller", "Lierenfeld", "Unterbach", "Vennhausen"),
    9: ("Benrath", "Hassels", "Himmelgeist", "Holthausen", "Itter", "Reisholz", "Urdenbach", "Wersten"),
    10: ("Garath", "Hellerhof"),
})


def district_of_quarter(name: str) -> int | None:
    """The Stadtbezirk of a Stadtteil as staff may write it: „Bilk“, „flingern nord“, „Düsseldorf-Oberkassel“."""
    def key(text: str) -> str:
        return " ".join(text.casefold().replace("-", " ").split()).removeprefix("düsseldorf ")
    wanted = key(name)
    return next((n for n, quarters in DISTRICT_QUARTERS.items() if wanted in map(key, quarters)), None)


def district_label(number: int) -> str:
    """'Stadtbezirk 2 (Düsseltal, Flingern-Nord, Flingern-Süd)': the number with its Stadtteile."""
    return f"{DISTRICTS[number]} ({', '.join(DISTRICT_QUARTERS[number])})"
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

# Named values that code compares against (the keys above stay the single spelling).
ROLE_FOUNDING = "founding"
STATUS_LOI, STATUS_PARTNER, STATUS_FORMER, STATUS_FOUNDING = "letter-of-intent", "partner", "former", "founding"
# Taking part now: what the progress page counts, and the directory's status filter "aktuell".
STATUSES_CURRENT = (STATUS_PARTNER, STATUS_LOI)
STATUS_FILTER_CURRENT = "aktuell"
PROFILE_DIR = "partner"  # profile pages live at /partner/<id>/: code and templates use this one name
BADGE_FILE = "badge.svg"  # each Klimapartner's badge: /partner/<id>/badge.svg, embedded on partners' websites
