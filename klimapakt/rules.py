"""Validation rules. Each returns German messages (empty when the value is fine).

Value rules take one parsed value; record rules take a finished record and return
(field, message) pairs; warnings are returned by the `warn_*` rules.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from types import MappingProxyType
from urllib.parse import urlsplit

from . import model
from .logos import LOGO_NAME_MAX, LOGO_NAME_RE, check_logo, check_svg, raster_width  # noqa: F401  moved to logos.py

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX = 60
HOST_RE = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.[a-z]{2,63}$", re.I)
# E-mail addresses become `mailto:` links, so the part before "@" is kept to what a mail link cannot
# misread: ASCII letters, digits, ".", "_", "+" and "-", no dot at the start, at the end or twice
# (no "?", "&", "%", quotes, spaces, "/", "!", "#", "{|}"…). The host follows HOST_RE. The same
# language as one pattern, for the JSON Schema (ECMAScript syntax, no flags): EMAIL_RE.
EMAIL_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
EMAIL_LOCAL_MAX, EMAIL_MAX = 64, 254
_EMAIL_LABEL = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
EMAIL_RE = re.compile(rf"^(?=.{{1,{EMAIL_MAX}}}$)(?=[^@]{{1,{EMAIL_LOCAL_MAX}}}@)[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*"
                      rf"@(?=.{{1,253}}$){_EMAIL_LABEL}(?:\.{_EMAIL_LABEL})*\.[A-Za-z]{{2,63}}$")
# German or international numbers: +49 211 1234567, 0211 123456-7, (0211) 12 34 56
PHONE_RE = re.compile(r"^\+?[0-9()][0-9 ()/-]{4,22}[0-9]$")
JINJA_RE = re.compile(r"\{\{|\{%|\{#")
# Invisible characters that garble a page or hide text: C0/C1 controls (line breaks and tabs
# excepted), zero-width and bidirectional formatting characters.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
# Letters and symbols that show as nothing or as a space, yet are not white space, so a name made of
# them would look empty (Unicode calls them letters, so the categories below do not catch them).
BLANK_LOOKING = MappingProxyType({
    "\u034f": "unsichtbarer Grapheme-Verbinder",
    "\u115f": "Hangul-Füllzeichen (Anlaut)",
    "\u1160": "Hangul-Füllzeichen (Inlaut)",
    "\u17b4": "unsichtbares Khmer-Vokalzeichen",
    "\u17b5": "unsichtbares Khmer-Vokalzeichen",
    "\u2800": "leeres Braille-Muster",
    "\u3164": "Hangul-Füllzeichen",
    "\uffa0": "halbbreites Hangul-Füllzeichen",
})
# Refused as a whole, in every text: format characters (invisible: zero-width, bidirectional, tags),
# private-use, unassigned (which no font shows) and surrogate code points. Descriptions may keep the
# soft hyphen, which word processors insert; names and other one-line fields may not.
HIDDEN_CATEGORIES = MappingProxyType({
    "Cf": "unsichtbares Formatzeichen",
    "Co": "Zeichen aus dem privaten Nutzungsbereich",
    "Cn": "in Unicode nicht vergebenes Zeichen",
    "Cs": "einzelnes Ersatzzeichen (Surrogat)",
})
CHARACTER_NAMES = MappingProxyType({
    **BLANK_LOOKING,
    "\u00ad": "weiches Trennzeichen",
    "\u061c": "arabische Schreibrichtungsmarke",
    "\u180e": "mongolischer Vokaltrenner",
    "\u200b": "breitenloses Leerzeichen",
    "\u200c": "breitenloser Nichtverbinder",
    "\u200d": "breitenloser Verbinder",
    "\u200e": "Schreibrichtungsmarke",
    "\u200f": "Schreibrichtungsmarke",
    "\u2060": "Wortverbinder",
    "\ufeff": "Byte-Reihenfolge-Markierung (BOM)",
})
SOFT_HYPHEN = "\u00ad"


def _hidden_characters_re() -> re.Pattern[str]:
    """One character class: the refused characters of the Basic Multilingual Plane, and every character
    beyond it (rare in text; `find_hidden_character` looks up their category one by one)."""
    bmp = [n for n, c in enumerate(map(chr, range(0x10000)))
           if unicodedata.category(c) in HIDDEN_CATEGORIES or c in BLANK_LOOKING or CONTROL_RE.match(c)]
    ranges, start = [], bmp[0]
    for previous, current in zip(bmp, bmp[1:] + [-1]):
        if current != previous + 1:
            ranges.append(f"\\u{start:04x}" + (f"-\\u{previous:04x}" if previous != start else ""))
            start = current
    return re.compile(f"[{''.join(ranges)}\\U00010000-\\U0010ffff]")


HIDDEN_CANDIDATE_RE = _hidden_characters_re()
# "<" and a letter open a tag once a ">" follows anywhere later (the browser's view); searched in
# two linear steps instead of `</?[A-Za-z][^>]*>`, which takes quadratic time on "<a<a<a…".
TAG_START_RE = re.compile(r"</?[A-Za-z]")
SVG_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
SVG_ANIMATION_ELEMENTS = {"set", "animate", "animatetransform", "animatemotion"}
REVIEW_MAX_AGE_DAYS = 365
AGREEMENT_DUE_DAYS = 730


def check_id(value: str) -> list[str]:
    if not ID_RE.match(value):
        return [f"„{value}“ ist keine gültige Kennung: erlaubt sind Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. „muster-gmbh“."]
    if len(value) > ID_MAX:
        return [f"Die Kennung ist {len(value)} Zeichen lang; höchstens {ID_MAX} sind erlaubt."]
    return []


def check_plain_text(value: str, single_line: bool = False) -> list[str]:
    """Data is rendered as text, never as a template or markup: refuse what looks like either, and
    characters that hide text (see `find_hidden_character`)."""
    hidden = find_hidden_character(value, single_line)
    return ([hidden_character_message(*hidden)] if hidden else []) + check_markup(value)


def check_markup(value: str) -> list[str]:
    problems = []
    if JINJA_RE.search(value):
        problems.append("Der Text enthält „{{“, „{%“ oder „{#“. Diese Zeichenfolgen sind nicht erlaubt.")
    if contains_html(value):
        problems.append("Der Text enthält HTML (z. B. „<b>“). Bitte nur reinen Text eintragen.")
    return problems


def contains_html(value: str) -> bool:
    """A tag (`<b>`, `</p>`, `<img …>`) or a comment start; in linear time, however the text looks."""
    start = TAG_START_RE.search(value)
    return "<!--" in value or (start is not None and ">" in value[start.end():])


def find_hidden_character(value: str, single_line: bool = False) -> tuple[int, str] | None:
    """The first invisible or blank-looking character and its index, or None.

    Control characters (CONTROL_RE), BLANK_LOOKING letters and the HIDDEN_CATEGORIES are refused
    everywhere; multi-line texts (descriptions) may contain the soft hyphen.
    """
    for match in HIDDEN_CANDIDATE_RE.finditer(value):
        char = match.group()
        if char == SOFT_HYPHEN and not single_line:
            continue
        if char <= "\uffff" or unicodedata.category(char) in HIDDEN_CATEGORIES:
            return match.start(), char
    return None


def hidden_character_message(index: int, char: str) -> str:
    if CONTROL_RE.match(char):
        return (f"Der Text enthält ein unsichtbares Steuerzeichen (U+{ord(char):04X}) an Stelle {index + 1}. "
                "Bitte das Zeichen löschen, am einfachsten den Text neu tippen.")
    return (f"Der Text enthält ein unsichtbares oder leer wirkendes Zeichen (U+{ord(char):04X}, "
            f"„{character_name(char)}“) an Stelle {index + 1}. Bitte das Zeichen löschen, am einfachsten den Text "
            "neu tippen.")


def character_name(char: str) -> str:
    """A German name for a refused character: its own, or its kind."""
    if char in CHARACTER_NAMES:
        return CHARACTER_NAMES[char]
    if unicodedata.category(char) == "Cn" and (0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE):
        return "Nichtzeichen"  # U+FFFE, U+FFFF and the like: never characters
    return HIDDEN_CATEGORIES.get(unicodedata.category(char), "unsichtbares Zeichen")


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
    """Partner contacts and event registrations alike; the rules are those of EMAIL_RE (see there)."""
    invalid = [f"„{value}“ ist keine gültige E-Mail-Adresse (Beispiel: name@firma.de)."]
    if len(value) > EMAIL_MAX:
        return [f"Die E-Mail-Adresse ist {len(value)} Zeichen lang; höchstens {EMAIL_MAX} sind erlaubt."]
    local, at, host = value.rpartition("@")
    if not at or "@" in local:
        return invalid
    wrong = next((c for c in local if c not in EMAIL_LOCAL_CHARS), None)
    if wrong is not None:
        return [f"„{value}“ ist keine gültige E-Mail-Adresse: {email_character(wrong)} ist vor dem „@“ nicht erlaubt. "
                "Erlaubt sind dort Buchstaben a–z, Ziffern und die Zeichen „.“, „_“, „+“ und „-“."]
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return [f"„{value}“ ist keine gültige E-Mail-Adresse: Vor dem „@“ darf ein Punkt nicht am Anfang, "
                "am Ende oder doppelt stehen."]
    if len(local) > EMAIL_LOCAL_MAX:
        return [f"„{value}“ ist keine gültige E-Mail-Adresse: Vor dem „@“ sind höchstens {EMAIL_LOCAL_MAX} Zeichen erlaubt."]
    if not local or not (host.isascii() and host.isprintable() and HOST_RE.match(host)):
        return invalid
    return []


def email_character(char: str) -> str:
    """A character for a message: „?“, or a description of one that cannot be shown."""
    if char == " ":
        return "Ein Leerzeichen"
    if char in "\r\n":
        return "Ein Zeilenumbruch"
    if not char.isprintable() or char.isspace():
        return f"Das unsichtbare Zeichen U+{ord(char):04X}"
    return f"Das Zeichen „{char}“"


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


# Letters of other alphabets that look like Latin ones, as NFKC and casefold leave them: „Асme“
# with a Cyrillic „А“ looks like „Acme“. Small on purpose: the letters seen in spoofed names.
LOOK_ALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "н": "h", "і": "i", "ї": "i", "ј": "j", "к": "k", "ӏ": "l",
    "м": "m", "о": "o", "р": "p", "ԛ": "q", "с": "c", "ѕ": "s", "т": "t", "у": "y", "ԝ": "w", "х": "x", "ԁ": "d",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "y", "χ": "x", "ζ": "z",
})


def name_skeleton(name: str) -> str:
    """What a name looks like: compatibility forms, case, look-alike letters and spacing folded away."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().translate(LOOK_ALIKES).split())


def warn_confusable_names(partners) -> list[tuple[model.Partner, str, str]]:
    """(partner, field, message) for each partner whose name looks like an earlier partner's but is
    written with other characters (a Cyrillic „А“, a full-width „Ａ“): a copy, or a spoof."""
    first: dict[str, model.Partner] = {}
    found = []
    for partner in partners:
        other = first.setdefault(name_skeleton(partner.name), partner)
        if other is not partner and other.name != partner.name:
            found.append((partner, "name", f"Der Name „{partner.name}“ sieht aus wie „{other.name}“ (Partner "
                          f"„{other.id}“, Zeile {other.lines.get('name', other.line)}), ist aber mit anderen Zeichen "
                          f"geschrieben{first_difference(partner.name, other.name)}. Bitte prüfen, ob es derselbe "
                          "Partner ist oder ob Buchstaben aus einem anderen Alphabet (z. B. kyrillische) im Namen stehen."))
    return found


def first_difference(name: str, other: str) -> str:
    """' (an Stelle 1: U+0410 „А“ statt U+0041 „A“)' when both names have the same length, else ''."""
    if len(name) != len(other):
        return ""
    index, (mine, theirs) = next((i, pair) for i, pair in enumerate(zip(name, other)) if pair[0] != pair[1])
    return f" (an Stelle {index + 1}: U+{ord(mine):04X} „{mine}“ statt U+{ord(theirs):04X} „{theirs}“)"


def format_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")
