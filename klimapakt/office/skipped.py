"""Rows of an office sheet that are not partners: above the header, hidden, empty, or a total.

Each is listed in the import's summary with its row number, so nothing is left out unseen. A total
row is one whose first filled cell says „Summe“, „Gesamt“, „Insgesamt“ … , or, in the partners table,
whose filled cells are all numbers (a lone 150 under a list of 150 partners).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

TOTAL_WORDS = ("summe", "gesamt", "insgesamt", "gesamtsumme", "gesamtzahl", "total", "anzahl", "zwischensumme")
# The word alone, perhaps with a colon and a number („Gesamt: 150“); „Summen Test GmbH“ is a name.
TOTAL_RE = re.compile(r"^\s*(?:" + "|".join(TOTAL_WORDS) + r")\s*[:=]?[\s\d.,]*$", re.IGNORECASE)
NUMBER_RE = re.compile(r"^[-+]?\d[\d.,\s]*$")
# A note such as „Stand: 01.11.2026“, „Stand 01.11.2026“ or „Quelle: Geschäftsstelle“, not a name.
NOTE_RE = re.compile(r"^\s*(?:(?:stand|quelle|hinweis|erstellt|bearbeitet|letzte änderung)(?:\s+(?:am|vom|von))?\s*:"
                     r"|stand\s+\d{1,2}\.\d{1,2}\.\d{2,4})", re.IGNORECASE)
REASONS = {  # reason → German heading in the summary
    "title": "über der Kopfzeile (Titel, „Stand:“)",
    "hidden": "ausgeblendet",
    "total": "Summenzeile",
    "note": "Vermerk („Stand:“, „Quelle:“)",
    "unknown": "nur in Spalten, die nicht übernommen werden",
    "empty": "leer",
}


@dataclass(frozen=True, order=True)
class Skipped:
    file: str
    row: int
    reason: str  # a key of REASONS
    text: str = ""  # the row's first cell, shortened, for the summary


def is_number(cell: Any) -> bool:
    if isinstance(cell, bool):
        return False
    return isinstance(cell, (int, float)) or (isinstance(cell, str) and bool(NUMBER_RE.match(cell)))


def is_total(cells: Iterable[Any], numbers_too: bool = True) -> bool:
    """A total row; with `numbers_too` also a row of numbers only (in the partners table; in a list table a
    row names its partner, by Kennung, name or the row number „3“)."""
    filled = [cell for cell in cells if cell is not None]
    if not filled:
        return False
    first = filled[0]
    return ((isinstance(first, str) and bool(TOTAL_RE.match(first)))
            or (numbers_too and all(is_number(cell) for cell in filled)))


def skip_reason(hidden: bool, cells: list[Any], numbers_too: bool) -> str:
    """Why a row below the header is no partner or list entry ("" when it is one). `cells` are the values
    of its known columns."""
    filled = [cell for cell in cells if cell is not None]
    if hidden:
        return "hidden"
    if not filled:
        return "unknown"
    if isinstance(filled[0], str) and NOTE_RE.match(filled[0]):
        return "note"
    return "total" if is_total(filled, numbers_too) else ""


def first_text(cells: Iterable[Any], width: int = 40) -> str:
    """The row's first text (a name rather than a running number), else its first value, shortened."""
    cells = [cell for cell in cells if cell is not None]
    first = next((cell for cell in cells if isinstance(cell, str) and not is_number(cell)), cells[0] if cells else "")
    text = " ".join(str(first).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def ranges(numbers: list[int]) -> str:
    """[2, 3, 4, 7] → '2–4, 7'."""
    parts: list[str] = []
    start = previous = None
    for number in sorted(numbers):
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}–{previous}")
        start = previous = number
    if start is not None:
        parts.append(str(start) if start == previous else f"{start}–{previous}")
    return ", ".join(parts)


def skipped_lines(skipped: list[Skipped]) -> list[str]:
    """The summary's lines: per file and reason, the rows (with their first cell where it says something)."""
    lines = []
    for file in dict.fromkeys(s.file for s in skipped):
        for reason, heading in REASONS.items():
            own = [s for s in skipped if s.file == file and s.reason == reason]
            if not own:
                continue
            shown = "; ".join(f"{s.row} („{s.text}“)" for s in own[:10]) if reason != "empty" else ranges(
                [s.row for s in own])
            more = f" und {len(own) - 10} weitere" if reason != "empty" and len(own) > 10 else ""
            lines.append(f"  {file}: {heading}: Zeile {shown}{more}")
    return lines
