"""Numbers written the German way, where the registries want the point as the decimal mark.

`1.250` is a valid YAML number, 1.25, but in a German office it usually means 1250; `1,25` and
`1.234,5` are German decimals. `german_number` names what the writer likely meant, both readings
where there are two, with the value in words (`number_words`), so that a tonne figure is never
published a thousand times too small. A quoted `"1.255"` is the escape hatch for someone who
really means the decimal (`decimal_escape`; CONTRIBUTING.md, „Zahlen“).
"""

from __future__ import annotations

import re
from decimal import Decimal

THOUSANDS_RE = re.compile(r"^[1-9]\d{0,2}(?:([. ])\d{3})(?:\1\d{3})*$")  # 1.250, 100.000, 1 250, 1.234.567
GERMAN_DECIMAL_RE = re.compile(r"^[1-9]\d{0,2}(?:([. ])\d{3})(?:\1\d{3})*,\d+$")  # 1.234,5
COMMA_RE = re.compile(r"^\d+,\d+$")  # 1,25, 1,250
ONE_GROUP_RE = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")  # 1.250: a thousands point or three decimals

SMALL = ("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
         "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn")
TENS = ("", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")
LARGE = ((10**9, "Milliarde", "Milliarden"), (10**6, "Million", "Millionen"))
MAX_WORDS = 10**12  # the registries allow at most 12 digits before the point


def _below_hundred(n: int, final: bool) -> str:
    if n == 1:
        return "eins" if final else "ein"
    if n < 20:
        return SMALL[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] if not unit else ("ein" if unit == 1 else SMALL[unit]) + "und" + TENS[tens]


def _below_thousand(n: int, final: bool) -> str:
    hundreds, rest = divmod(n, 100)
    head = (_below_hundred(hundreds, False) + "hundert") if hundreds else ""
    return head + (_below_hundred(rest, final) if rest else "")


def _whole_words(n: int) -> str:
    if n == 0:
        return "null"
    parts = []
    for size, one, many in LARGE:
        count, n = divmod(n, size)
        if count:
            word = _below_thousand(count, False)
            parts.append(f"eine {one}" if count == 1 else f"{word}e {many}" if word.endswith("ein") else f"{word} {many}")
    thousands, rest = divmod(n, 1000)
    small = (_below_thousand(thousands, False) + "tausend" if thousands else "") + (_below_thousand(rest, True) if rest else "")
    return " ".join(parts + ([small] if small else []))


def number_words(value: Decimal | int) -> str:
    """The German words of a non-negative number below 10¹²: 1250 → „eintausendzweihundertfünfzig“,
    1234.5 → „eintausendzweihundertvierunddreißig Komma fünf“."""
    value = Decimal(value)
    if value < 0 or value >= MAX_WORDS:
        raise ValueError(f"no words for {value}")
    whole, _, decimals = f"{value.normalize():f}".partition(".")
    words = _whole_words(int(whole))
    return words + (" Komma " + " ".join(SMALL[int(d)] for d in decimals) if decimals else "")


def german(value: Decimal) -> str:
    """A number as a German reader writes it, with the decimal comma: 1,25."""
    return f"{value.normalize():f}".replace(".", ",")


def plain(value: Decimal) -> str:
    """A number as the registry wants it: 1250, 1.25."""
    return f"{value.normalize():f}"


def decimal_escape(raw: str) -> bool:
    """A quoted `"1.250"` or `"1.255"` in a decimal field: the writer says the point is the decimal point."""
    return bool(ONE_GROUP_RE.match(raw))


def _thousands_reading(digits: Decimal) -> str:
    return f"{plain(digits)} ({number_words(digits)})"


def german_number(raw: str, *, decimals: bool) -> str | None:
    """A German message when `raw` looks like a German number (thousands point or space, decimal comma),
    naming the likely meaning(s); None when it does not. `decimals`: the field takes decimals."""
    if THOUSANDS_RE.match(raw):
        whole = Decimal(re.sub(r"[. ]", "", raw))
        if decimals and ONE_GROUP_RE.match(raw):
            small = Decimal(raw)
            quoted = plain(small) if plain(small) != raw else f"\"{raw}\" (mit Anführungszeichen)"
            return (f"„{raw}“ ist mehrdeutig: Meinen Sie {_thousands_reading(whole)} oder {german(small)}? "
                    f"Für {plain(whole)} schreiben Sie {plain(whole)}, für {german(small)} schreiben Sie {quoted}.")
        return f"„{raw}“: Meinen Sie {_thousands_reading(whole)}? Bitte ohne Tausendertrennzeichen schreiben: {plain(whole)}."
    if GERMAN_DECIMAL_RE.match(raw):
        value = Decimal(re.sub(r"[. ]", "", raw).replace(",", "."))
        return (f"„{raw}“: Meinen Sie {german(value)} ({number_words(value)})? Bitte ohne Tausendertrennzeichen und mit "
                f"Punkt als Dezimaltrenner schreiben: {plain(value)}.")
    if COMMA_RE.match(raw):
        value = Decimal(raw.replace(",", "."))
        if re.fullmatch(r"[1-9]\d{0,2},\d{3}", raw):  # 1,250: also an English thousands comma
            whole = Decimal(raw.replace(",", ""))
            return (f"„{raw}“ ist mehrdeutig: Meinen Sie {german(value)} oder {_thousands_reading(whole)}? "
                    f"Für {german(value)} schreiben Sie {plain(value)}, für {plain(whole)} schreiben Sie {plain(whole)}.")
        return (f"„{raw}“: Meinen Sie {german(value)} ({number_words(value)})? Bitte einen Punkt statt des Kommas "
                f"schreiben: {plain(value)}.")
    return None
