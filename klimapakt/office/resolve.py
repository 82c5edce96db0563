"""Judgements of the import over whole columns and whole sheets, before and after the rows are applied.

- A required column missing from a sheet with new partners: ONE message naming the column and how
  to add it, instead of one per row.
- A new partner whose name looks like an existing partner's („Henkel AG & Co. KGaA“ ≈ „Henkel“):
  a question, never silently a second entry.
- A list row (target, measure, emission) of a partner new in the same workbook: named by its row in
  the sheet „Partner“ („Zeile 5“) or by its name, not only by a Kennung that does not exist yet.
- Many cells of one column failing the same way: one message with the rows, not one per cell.
"""

from __future__ import annotations

import re
from typing import Any

from ..model.fields import fields_of
from ..model.partner_rules import name_skeleton
from ..model.partners import Partner
from .incoming import Incoming, Rows
from .sheet import CellProblem
from .skipped import ranges

LEGAL_FORMS = {"gmbh", "ag", "kg", "kgaa", "co", "cokg", "ev", "mbh", "se", "ohg", "gbr", "ug", "eg", "inc", "ltd",
               "haftungsbeschränkt", "partg", "partgmbb", "und", "u", "cie", "gmbhcokg", "holding", "ggmbh", "kdör"}
ROW_RE = re.compile(r"^(?:zeile\s*)?(\d{1,6})$", re.IGNORECASE)
COLLAPSE_AFTER = 3  # more problems of one kind in one column than this become one message
HOW_TO_ADD = {  # the column's key → what to write into it
    "name": "den Namen des Unternehmens",
    "role": "„Partner“ oder „Initialpartner“",
    "status": "„Letter of Intent“, „Klimapartner“, „Initialpartner“ oder „Ehemaliger Partner“",
}


def core_words(name: str) -> tuple[str, ...]:
    """The words of a name without legal forms and punctuation: „Henkel AG & Co. KGaA“ → ('henkel',)."""
    words = re.findall(r"\w+", name_skeleton(name).replace(".", ""))
    return tuple(word for word in words if word not in LEGAL_FORMS)


def look_alike(name: str, by_first_word: dict[str, list[tuple[tuple[str, ...], Partner]]]) -> Partner | None:
    """An existing partner whose name, without legal forms, equals or begins the new name (or the other way):
    the same first words, as many as the shorter name has. `by_first_word` from `core_index`."""
    mine = core_words(name)
    for theirs, partner in by_first_word.get(mine[0], []) if mine else ():
        shorter = min(len(mine), len(theirs))
        if mine[:shorter] == theirs[:shorter] and len("".join(mine[:shorter])) >= 3:
            return partner
    return None


def core_index(partners: tuple[Partner, ...]) -> dict[str, list[tuple[tuple[str, ...], Partner]]]:
    """The partners' core words, by the first of them: one look-up per new row, not one per pair."""
    index: dict[str, list[tuple[tuple[str, ...], Partner]]] = {}
    for partner in partners:
        words = core_words(partner.name)
        if words:
            index.setdefault(words[0], []).append((words, partner))
    return index


def ask_about_look_alikes(incoming: list[Incoming], partners: tuple[Partner, ...]) -> tuple[list[Incoming], list[CellProblem]]:
    """New rows whose name looks like an existing partner's become a question (an error: nothing is written)."""
    kept, problems, index = [], [], core_index(partners)
    for row in incoming:
        other = look_alike(str(row.value("name") or ""), index) if row.generated else None
        if other is None:
            kept.append(row)
            continue
        cell = row.cells.get("name", row.origin)
        problems.append(cell.problem(
            f"Ist „{row.value('name')}“ der Partner „{other.name}“ (Kennung {other.id})? Dann bitte {other.id} in die "
            "Spalte „Kennung“ schreiben, damit der Eintrag aktualisiert wird. Ist es ein anderes Unternehmen, bitte "
            "eine eigene Kennung eintragen (z. B. "
            f"{row.id}); sonst entstünde ein zweiter Eintrag für dasselbe Unternehmen."))
    return kept, problems


def missing_columns(rows: Rows, incoming: list[Incoming], known: set[str]) -> tuple[list[CellProblem], set[tuple[str, str]]]:
    """One error per sheet and required column that new partners need and the sheet lacks; and the
    (file, key) pairs whose row-by-row messages it replaces."""
    problems, replaced = [], set()
    required = [f for f in fields_of(Partner) if f.required and f.key != "id" and f.spec is None]
    for file, present in rows.present.items():
        new = [row for row in incoming if row.origin.file == file and row.id not in known]
        for f in required if new else ():
            if f.key in present:
                continue
            replaced.add((file, f.key))
            problems.append(CellProblem(file, 0, 0, f"Die Spalte „{f.title}“ fehlt. Sie ist Pflicht für neue Partner "
                                    f"(hier {len(new)}, Zeile {ranges([row.origin.row for row in new])}). Bitte eine "
                                    f"Spalte mit der Überschrift „{f.title}“ einfügen und in jede Zeile "
                                    f"{HOW_TO_ADD.get(f.key, 'den Wert')} eintragen."))
    return problems, replaced


def workbook_of(file: str) -> str:
    return file.split(" (Blatt ")[0]


class PartnerReferences:
    """What a list row's „Partner-Kennung“ means when it is no id: a row number of the sheet „Partner“ of the
    same workbook („5“, „Zeile 5“), or a partner's name (new in the sheet, or in partners.yml)."""

    def __init__(self, incoming: list[Incoming], partners: tuple[Partner, ...]):
        self.by_row = {(workbook_of(r.origin.file), r.origin.row): r.id for r in incoming}
        self.by_name: dict[str, set[str]] = {}
        for name, partner_id in [*((str(r.value("name") or ""), r.id) for r in incoming),
                                 *((p.name, p.id) for p in partners)]:
            self.by_name.setdefault(name_skeleton(name), set()).add(partner_id)

    def id_for(self, value: Any, file: str) -> str | None:
        text = str(value or "").strip()
        number = ROW_RE.match(text)
        if number:
            return self.by_row.get((workbook_of(file), int(number.group(1))))
        named = self.by_name.get(name_skeleton(text), set())
        return next(iter(named)) if len(named) == 1 else None


def kind_of(message: str) -> str:
    """A message with its quoted values and numbers left out: „„www.a“: Bitte …“ and „„www.b“: Bitte …“ are one kind."""
    return re.sub(r"\d+", "0", re.sub(r"„[^“]*“", "„…“", message))


def collapse_columns(problems: list[CellProblem]) -> list[CellProblem]:
    """Problems of one kind in one column (or of whole rows), more than COLLAPSE_AFTER: the first, with the
    rows of all."""
    def key(problem: CellProblem) -> tuple[str, int, str, str]:
        return problem.file, problem.column, problem.severity, kind_of(problem.message)

    groups: dict[tuple[str, int, str, str], list[CellProblem]] = {}
    for problem in problems:
        if problem.row:
            groups.setdefault(key(problem), []).append(problem)
    result = []
    for problem in problems:
        group = groups.get(key(problem)) if problem.row else None
        if not group or len(group) <= COLLAPSE_AFTER:
            result.append(problem)
        elif problem is group[0]:
            where = "Zellen dieser Spalte" if problem.column else "Zeilen"
            result.append(CellProblem(problem.file, problem.row, problem.column,
                                  f"{problem.message} Ebenso in {len(group) - 1} weiteren {where} "
                                  f"(Zeile {ranges([p.row for p in group[1:]])}).", problem.severity))
    return result
