"""Validation rules. Each returns German messages (empty when the value is fine).

Value rules take one parsed value; record rules take a finished record and return
(field, message) pairs; warnings are returned by the `warn_*` rules.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from . import model
from .logos import LOGO_NAME_MAX, LOGO_NAME_RE, check_logo, check_svg, raster_width  # noqa: F401  moved to logos.py

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX = 60
HOST_RE = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.[a-z]{2,63}$", re.I)
EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$")
# German or international numbers: +49 211 1234567, 0211 123456-7, (0211) 12 34 56
PHONE_RE = re.compile(r"^\+?[0-9()][0-9 ()/-]{4,22}[0-9]$")
JINJA_RE = re.compile(r"\{\{|\{%|\{#")
# Invisible characters that garble a page or hide text: C0/C1 controls (line breaks and tabs
# excepted), zero-width and bidirectional formatting characters.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
HTML_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>|<!--")
REVIEW_MAX_AGE_DAYS = 365
AGREEMENT_DUE_DAYS = 730


def check_id(value: str) -> list[str]:
    if not ID_RE.match(value):
        return [f"„{value}“ ist keine gültige Kennung: erlaubt sind Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. „muster-gmbh“."]
    if len(value) > ID_MAX:
        return [f"Die Kennung ist {len(value)} Zeichen lang; höchstens {ID_MAX} sind erlaubt."]
    return []


def check_plain_text(value: str) -> list[str]:
    """Data is rendered as text, never as a template or markup: refuse what looks like either."""
    problems = []
    control = CONTROL_RE.search(value)
    if control:
        problems.append(f"Der Text enthält ein unsichtbares Steuerzeichen (U+{ord(control.group()):04X}) an Stelle "
                        f"{control.start() + 1}. Bitte das Zeichen löschen, am einfachsten den Text neu tippen.")
    if JINJA_RE.search(value):
        problems.append("Der Text enthält „{{“, „{%“ oder „{#“. Diese Zeichenfolgen sind nicht erlaubt.")
    if HTML_TAG_RE.search(value):
        problems.append("Der Text enthält HTML (z. B. „<b>“). Bitte nur reinen Text eintragen.")
    return problems


def check_single_line(value: str) -> list[str]:
    if "\n" in value or "\r" in value:
        return ["Dieser Text muss in einer Zeile stehen (ohne Zeilenumbruch)."]
    return []


def check_length(value: str, max_length: int | None) -> list[str]:
    if max_length and len(value) > max_length:
        return [f"Der Text ist {len(value)} Zeichen lang; höchstens {max_length} sind erlaubt."]
    return []


def check_url(value: str) -> list[str]:
    """Only http(s) links to a named host: no javascript:, data:, mailto: or addresses without a host."""
    invalid = [f"„{value}“ ist keine gültige Webadresse (Rechnername fehlt oder ist fehlerhaft)."]
    try:
        parts = urlsplit(value)
        port = parts.port  # ValueError when not a number or out of range
    except ValueError:  # also for an unclosed "[" in the host
        return invalid
    if parts.scheme.lower() not in ("https", "http"):
        if not parts.scheme and HOST_RE.match(ascii_host(value.split("/")[0])):
            return [f"„{value}“: Bitte mit https:// beginnen, z. B. „https://{value}“."]
        return [f"„{value}“ ist keine erlaubte Webadresse: sie muss mit https:// (oder http://) beginnen."]
    if (not HOST_RE.match(ascii_host(parts.hostname or "")) or parts.username or parts.password or port == 0
            or any(c.isspace() or not c.isprintable() for c in value)):
        return invalid
    return []


def ascii_host(host: str) -> str:
    """The host in ASCII form (müller.de → xn--mller-kva.de), or '' when it cannot be converted."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def check_email(value: str) -> list[str]:
    if not EMAIL_RE.match(value):
        return [f"„{value}“ ist keine gültige E-Mail-Adresse (Beispiel: name@firma.de)."]
    return []


def check_phone(value: str) -> list[str]:
    if not PHONE_RE.match(value) or sum(c.isdigit() for c in value) < 6:
        return [f"„{value}“ ist keine gültige Telefonnummer (Beispiel: +49 211 1234567)."]
    return []


def check_year(value: int) -> list[str]:
    if not model.YEAR_MIN <= value <= model.YEAR_MAX:
        return [f"Das Jahr {value} ist nicht plausibel: erlaubt sind {model.YEAR_MIN} bis {model.YEAR_MAX}."]
    return []


def check_percent(value: float) -> list[str]:
    if not 0 <= value <= 100:
        return [f"{format_number(value)} liegt nicht zwischen 0 und 100 Prozent."]
    return []


def check_non_negative(value: float) -> list[str]:
    if value < 0:
        return [f"Emissionen können nicht negativ sein ({format_number(value)})."]
    return []


def check_date_not_future(value: dt.date, today: dt.date) -> list[str]:
    if value > today:
        return [f"Das Datum {value.isoformat()} liegt in der Zukunft."]
    return []


def allowed_values(choices) -> str:
    """The allowed values for a message: keys with their German labels when the list is short."""
    if len(choices) <= 10 and not all(isinstance(k, int) for k in choices):
        return ", ".join(f"{k} ({label})" for k, label in choices.items())
    return ", ".join(map(str, choices))


# Record rules: (field, message) pairs.

def check_target_years(target: model.Target) -> list[tuple[str, str]]:
    if target.year and target.baseline_year and target.year <= target.baseline_year:
        return [("year", f"Das Zieljahr {target.year} muss nach dem Basisjahr {target.baseline_year} liegen.")]
    return []


def check_target_has_goal(target: model.Target) -> list[tuple[str, str]]:
    if target.reduction_percent is None and not target.climate_neutral:
        return [("-", "Ein Ziel braucht „reduction_percent“ oder „climate_neutral: true“.")]
    return []


def check_reduction_has_baseline(target: model.Target) -> list[tuple[str, str]]:
    if target.reduction_percent is not None and target.baseline_year is None:
        return [("baseline_year", "Zu einer Minderung in Prozent gehört ein Basisjahr („baseline_year“).")]
    return []


def check_emission_reported(emission: model.Emission) -> list[tuple[str, str]]:
    if emission.scope1 is None and emission.scope2 is None and emission.scope3 is None:
        return [("-", f"Für {emission.year} ist kein Wert angegeben (scope1, scope2 oder scope3).")]
    return []


RECORD_RULES = {
    model.Target: (check_target_years, check_target_has_goal, check_reduction_has_baseline),
    model.Emission: (check_emission_reported,),
}


# Warnings about a whole partner.

def warn_missing_logo_or_description(partner: model.Partner, today: dt.date) -> list[tuple[str, str]]:
    missing = [label for key, label in (("logo", "Logo"), ("description", "Beschreibung")) if getattr(partner, key) is None]
    if missing:
        return [("-", f"Ohne {' und '.join(missing)} wirkt das Profil leer. Bitte nachtragen, wenn möglich.")]
    return []


def warn_stale_review(partner: model.Partner, today: dt.date) -> list[tuple[str, str]]:
    if partner.last_reviewed and (today - partner.last_reviewed).days > REVIEW_MAX_AGE_DAYS:
        return [("last_reviewed", f"Die Angaben wurden zuletzt am {partner.last_reviewed.isoformat()} geprüft, vor mehr als 12 Monaten.")]
    return []


def warn_agreement_overdue(partner: model.Partner, today: dt.date) -> list[tuple[str, str]]:
    if (partner.agreement is None and partner.joined and partner.status != "former"
            and (today - partner.joined).days > AGREEMENT_DUE_DAYS):
        return [("agreement", f"Beigetreten am {partner.joined.isoformat()}, aber nach mehr als 24 Monaten noch ohne Klimaschutzvereinbarung.")]
    return []


PARTNER_WARNINGS = (warn_missing_logo_or_description, warn_stale_review, warn_agreement_overdue)


def format_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")
