"""What the directory needs beyond one card: German name order, the letter jump bar, search text.

The order follows DIN 5007-1 (ä sorts as a, ß as ss), as the browser's German collation does in
directory.js, so the server's list and the script's re-sorted list put the same card first.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass

from .. import vocabulary
from ..model.partners import Partner

# "Above about 40 partners" (issue 13): from this many listed partners on, the letter bar is offered.
LETTER_NAV_MIN = 41
OTHER_INITIAL = "#"  # names that start with a digit or a sign
QUARTERS_ON_CARD = 3  # more Stadtteile than this make a card long: the rest is "…" (the search knows all)


def folded(text: str) -> str:
    """Lower case without diacritics: 'Äpfel & Söhne' -> 'apfel & sohne' (ß -> ss)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():  # no combining marks: most names, for thousands of cards
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(partner: Partner) -> tuple[str, str]:
    """German dictionary order; names equal when folded keep a stable order by their own letters."""
    return folded(partner.name), partner.name.casefold()


def initial(name: str) -> str:
    """The letter a name is listed under: 'Ökostrom' -> 'O'; '1. FC' -> '#'."""
    first = next((c for c in folded(name) if c.isalnum()), "")
    return first.upper() if first and first in string.ascii_lowercase else OTHER_INITIAL


@dataclass(frozen=True)
class Letter:
    label: str
    target: str | None  # the id of the first card under this letter; None: no partner starts with it


def card_id(partner: Partner) -> str:
    return f"partner-{partner.id}"


def letter_bar(ordered: list[Partner]) -> list[Letter]:
    """A–Z (and '#' if any name needs it), each with the first card of the ordered list under it."""
    first: dict[str, str] = {}
    for partner in ordered:
        first.setdefault(initial(partner.name), card_id(partner))
    labels = ([OTHER_INITIAL] if OTHER_INITIAL in first else []) + list(string.ascii_uppercase)
    return [Letter(label, first.get(label)) for label in labels]


def district_short(number: int) -> str:
    """'3 (Bilk, Flehe, Friedrichstadt …)': the number with its first Stadtteile, for a compact card."""
    quarters = vocabulary.DISTRICT_QUARTERS[number]
    shown = ", ".join(quarters[:QUARTERS_ON_CARD]) + (" …" if len(quarters) > QUARTERS_ON_CARD else "")
    return f"{number} ({shown})"
