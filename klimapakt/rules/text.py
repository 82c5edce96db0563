"""Text rules: hidden and blank-looking characters, markup, length, one line.

Every rule is linear in the text's length, so one pasted line cannot stall the check.
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

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
# Characters that Word, Outlook and web pages paste and the eye cannot tell from a space or from nothing:
# (article, German name, what it is or where it comes from). Every other space character (Unicode "Zs")
# is „ein besonderes Leerzeichen“. Found in the raw text by klimapakt.source.pasted.
PASTED = MappingProxyType({
    "\u00a0": ("ein", "geschütztes Leerzeichen", "wie es Word einfügt"),
    "\u202f": ("ein", "schmales geschütztes Leerzeichen", ""),
    "\u2002": ("ein", "Halbgeviert-Leerzeichen", ""),
    "\u2003": ("ein", "Geviert-Leerzeichen", ""),
    "\u2007": ("ein", "Ziffernleerzeichen", ""),
    "\u2009": ("ein", "schmales Leerzeichen", ""),
    "\u200a": ("ein", "sehr schmales Leerzeichen", ""),
    "\u3000": ("ein", "breites Leerzeichen", "aus chinesischer oder japanischer Schrift"),
    "\u00ad": ("ein", "weiches Trennzeichen", "ein unsichtbarer Trennvorschlag"),
    "\u200b": ("ein", "breitenloses Leerzeichen", "unsichtbar"),
    "\u200c": ("ein", "breitenloser Nichtverbinder", "unsichtbar"),
    "\u200d": ("ein", "breitenloser Verbinder", "unsichtbar"),
    "\u200e": ("eine", "Schreibrichtungsmarke", "unsichtbar"),
    "\u200f": ("eine", "Schreibrichtungsmarke", "unsichtbar"),
    "\u2060": ("ein", "Wortverbinder", "unsichtbar"),
    "\ufeff": ("eine", "Byte-Reihenfolge-Markierung", "unsichtbar"),
})
PASTED_CHARS = "\u00a0\u00ad\u1680\u202f\u205f\u2060\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x2010)))
PASTED_RE = re.compile(f"[{PASTED_CHARS}]")
OTHER_SPACE = ("ein", "besonderes Leerzeichen", "")
# Word's quotation marks (German, English, French), which YAML does not take for quotes.
OPENING_QUOTES, CLOSING_QUOTES = "„“”‚‘’»«", "“”‘’«»"
CHARACTER_NAMES = MappingProxyType({
    **BLANK_LOOKING,
    **{char: noun for char, (_, noun, _) in PASTED.items()},
    "\u061c": "arabische Schreibrichtungsmarke",
    "\u180e": "mongolischer Vokaltrenner",
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


# Every character that `find_hidden_character`, `check_markup`, `check_bracketed_address` or `check_single_line`
# object to, or that starts what they object to: "{" ({{ {% {#), "<" (a tag, an address in brackets), a line
# break, a hidden character.
TEXT_RULE_CHARACTER_RE = re.compile(f"[{{<\r\n]|{HIDDEN_CANDIDATE_RE.pattern}")


def needs_text_rules(value: str) -> bool:
    """False when those four rules have nothing to say about `value`: one search instead of theirs."""
    return TEXT_RULE_CHARACTER_RE.search(value) is not None


# An address in angle brackets, as mail programs write it: „<https://acme.example>“, „Erika <erika@acme.example>“.
BRACKETED_ADDRESS_RE = re.compile(r"<((?:[hH][tT][tT][pP][sS]?://|www\.)[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>")


def check_plain_text(value: str, single_line: bool = False) -> list[str]:
    """Data is rendered as text, never as a template or markup: refuse what looks like either, and
    characters that hide text (see `find_hidden_character`); pages' front matter reads its text so."""
    hidden = find_hidden_character(value, single_line)
    return ([hidden_character_message(*hidden)] if hidden else []) + check_markup(value) + check_bracketed_address(value)


def check_markup(value: str) -> list[str]:
    problems = []
    if JINJA_RE.search(value):
        problems.append("Der Text enthält „{{“, „{%“ oder „{#“. Diese Zeichenfolgen sind nicht erlaubt.")
    if contains_html(BRACKETED_ADDRESS_RE.sub("", value) if "<" in value else value):  # see check_bracketed_address
        problems.append("Der Text enthält HTML (z. B. „<b>“). Bitte nur reinen Text eintragen.")
    return problems


def check_bracketed_address(value: str, address: bool = False) -> list[str]:
    """An address in angle brackets is no HTML, but has no place on the page either (`address`: the
    field holds one address, so a name beside it goes too)."""
    bracketed = BRACKETED_ADDRESS_RE.search(value) if "<" in value else None
    if not bracketed:
        return []
    if address and value.strip() != bracketed.group():
        return [f"„{value}“: So schreiben E-Mail-Programme Name und Adresse. Hier bitte nur die Adresse eintragen, "
                f"ohne spitze Klammern: {bracketed.group(1)}."]
    return [f"„{bracketed.group()}“: Die spitzen Klammern „<“ und „>“ gehören nicht zur Adresse, und die Website "
            f"hielte sie für HTML. Bitte ohne Klammern schreiben: {bracketed.group(1)}."]


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


def is_space(char: str) -> bool:
    """A character that shows as a space (U+00A0, U+202F, …), as opposed to one that shows as nothing."""
    return unicodedata.category(char) == "Zs"


def pasted_name(char: str) -> str:
    """„ein geschütztes Leerzeichen (wie es Word einfügt, U+00A0)“: what staff read in a message."""
    article, noun, note = PASTED.get(char, OTHER_SPACE if is_space(char) else ("ein", "unsichtbares Zeichen", ""))
    return f"{article} {noun} ({note + ', ' if note else ''}U+{ord(char):04X})"


def character_name(char: str) -> str:
    """A German name for a refused character: its own, or its kind."""
    if char in CHARACTER_NAMES:
        return CHARACTER_NAMES[char]
    if unicodedata.category(char) == "Cn" and (0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE):
        return "Nichtzeichen"  # U+FFFE, U+FFFF and the like: never characters
    return HIDDEN_CATEGORIES.get(unicodedata.category(char), "unsichtbares Zeichen")


def block_comment_message(line: str) -> str:
    shown = line.strip()
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return (f"Kommentar im Text wird veröffentlicht: „{shown}“ steht im mehrzeiligen Text (nach „>-“ oder „|“) und "
            "erschiene so auf der Website. Bitte die Zeile löschen oder den Kommentar in eine eigene Zeile über "
            "die Zeile mit dem Feldnamen schreiben.")


def check_single_line(value: str) -> list[str]:
    if "\n" in value or "\r" in value:
        return ["Dieser Text muss in einer Zeile stehen (ohne Zeilenumbruch)."]
    return []


def check_length(value: str, max_length: int | None) -> list[str]:
    if max_length and len(value) > max_length:
        return [f"Der Text ist {len(value)} Zeichen lang; höchstens {max_length} sind erlaubt."]
    return []
