"""Value rules: one parsed value in, German messages out (empty when the value is fine)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from urllib.parse import urlsplit

from .. import vocabulary
from . import names

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX = 60
HOST_RE = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.[a-z]{2,63}$", re.I)
SPACE_RE = re.compile(r"\s")  # what str.isspace() calls a space, character for character
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
# (not "+49 (0)211 …": with the country code the 0 is not dialled, check_phone says how to write it)
PHONE_RE = re.compile(r"^(?!\+[0-9]{1,3} *\(0\))\+?[0-9()][0-9 ()/-]{4,22}[0-9]$")

def check_id(value: str) -> list[str]:
    if not ID_RE.match(value):
        return [f"„{value}“ ist keine gültige Kennung: erlaubt sind Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. „muster-gmbh“."]
    if len(value) > ID_MAX:
        return [f"Die Kennung ist {len(value)} Zeichen lang; höchstens {ID_MAX} sind erlaubt."]
    return names.check_windows_name(value, "Die Kennung", f"{value}-gmbh")


def check_url(value: str) -> list[str]:
    """Only http(s) links to a named host: no javascript:, data:, mailto: or addresses without a host."""
    space = SPACE_RE.search(value)
    if space and re.match(r"(?:[hH][tT][tT][pP][sS]?://|www\.)", value):
        return [f"„{value}“ enthält ein Leerzeichen (an Stelle {space.start() + 1}); in einer Webadresse ist keins erlaubt. "
                "Ist es versehentlich hineingeraten, bitte löschen. Gehört es zur Adresse, bitte die Adresse aus der "
                "Adresszeile des Browsers kopieren: Dort steht statt des Leerzeichens „%20“."]
    try:
        parts = urlsplit(value)
        port = parts.port  # ValueError when not a number or out of range
    except ValueError:  # also for an unclosed "[" in the host
        return invalid_url(value)
    if parts.scheme.lower() not in ("https", "http"):
        if not parts.scheme and HOST_RE.match(ascii_host(value.split("/")[0])):
            return [f"„{value}“: Bitte mit https:// beginnen, z. B. „https://{value}“."]
        return [f"„{value}“ ist keine erlaubte Webadresse: sie muss mit https:// (oder http://) beginnen."]
    if (not HOST_RE.match(ascii_host(parts.hostname or "")) or parts.username or parts.password or port == 0
            or " " in value or not value.isprintable()):  # every other space is not printable
        return invalid_url(value)
    return []


def invalid_url(value: str) -> list[str]:
    return [f"„{value}“ ist keine gültige Webadresse (Rechnername fehlt oder ist fehlerhaft)."]


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


TRUNK_ZERO_RE = re.compile(r"^(\+\d{1,3})\s*\(0\)\s*")  # +49 (0)211 …: the (0) is dialled only without +49


def check_phone(value: str) -> list[str]:
    trunk = TRUNK_ZERO_RE.match(value)
    if trunk:  # the tel: link would dial +490211…, a wrong number
        corrected = f"{trunk.group(1)} {value[trunk.end():]}"
        return [f"„{value}“: Die (0) wählt man nur ohne Ländervorwahl; mit „{trunk.group(1)}“ ergäbe sie eine falsche "
                f"Nummer. Bitte so schreiben: {corrected} (oder ohne Ländervorwahl: 0{value[trunk.end():]})."]
    if not PHONE_RE.match(value) or sum(c.isdigit() for c in value) < 6:
        return [f"„{value}“ ist keine gültige Telefonnummer (Beispiel: +49 211 1234567)."]
    return []


# Yes/no words where an address belongs: `website: no` means "has none", `website: yes` "has one".
YES_NO = frozenset({"no", "yes", "n", "y", "nein", "ja", "kein", "keine", "none", "false", "true", "on", "off"})


def yes_no_message(value: str, key: str, noun: str) -> str | None:
    """The advice for `website: no`: leave the field out (quoting "no" would only fail next)."""
    if value.strip().casefold() not in YES_NO:
        return None
    none = "k" + noun if noun.startswith("ein") else f"nicht {noun}"  # "eine Webadresse" -> "keine Webadresse"
    return (f"„{value.strip()}“ ist {none}. Gibt es keine, lassen Sie das Feld weg: die Zeile „{key}: {value.strip()}“ "
            f"löschen. Sonst die Angabe selbst eintragen.")


# What staff write for "no value" (compared without case, spaces and dots): „k. A.“, „n/a“, „-“, „unbekannt“.
PLACEHOLDERS = frozenset({"ka", "keineangabe", "keineangaben", "nichtbekannt", "unbekannt", "n/a", "na", "nv", "-",
                          "--", "–", "—", "?", "??", "entfällt", "tbd"})
SPACES_AND_DOTS_RE = re.compile(r"[\s.]")


@functools.lru_cache(maxsize=4096)
def is_placeholder(value: str) -> bool:
    """Short values repeat (years, sectors, statuses): each is compared once."""
    return SPACES_AND_DOTS_RE.sub("", value.casefold()) in PLACEHOLDERS


def placeholder_message(value: str, key: str, required: bool, in_list: bool) -> str | None:
    """The advice for a stand-in such as „k. A.“ where a value belongs, or None for a real value."""
    if len(value) > 20 or not is_placeholder(value):
        return None
    meaning = f"„{value.strip()}“ steht wohl für „keine Angabe“"
    if required:
        return f"{meaning}, aber „{key}“ ist ein Pflichtfeld. Bitte den richtigen Wert eintragen."
    if in_list:
        return f"{meaning}. Dafür bitte den Listeneintrag löschen."
    return (f"{meaning}. Dafür bitte nichts eintragen: hinter dem Doppelpunkt nichts schreiben („{key}:“), "
            f"„{key}: null“ schreiben oder die Zeile löschen.")


def check_year(value: int) -> list[str]:
    if not vocabulary.YEAR_MIN <= value <= vocabulary.YEAR_MAX:
        return [f"Das Jahr {value} ist nicht plausibel: erlaubt sind {vocabulary.YEAR_MIN} bis {vocabulary.YEAR_MAX}."]
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


def format_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")
