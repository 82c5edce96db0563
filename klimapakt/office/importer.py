"""`python -m klimapakt import FILE …`: partners from spreadsheets into partners.yml.

A row is an existing partner when its id is in the registry, or, in a sheet without ids, when its
name is (compared as `check` compares names for look-alikes); otherwise it is new, with the id given
or one made from its name (shown in the summary, to be confirmed). An existing entry gets only the
values that differ, a new one is appended; the file is edited as text (yaml_edit), then read by the
loader with every rule of `check`. Its problems are reported at the cell the value came from. Nothing
is written while there is an error, nor with --dry-run.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exports.csv_tables import Table, lookup, tables
from ..load.loader import load_text
from ..load.registries import PARTNERS
from ..model.fields import Field, fields_of
from ..model.partner_rules import name_skeleton
from ..model.partners import Partner
from ..report import ERROR, errors
from ..report import Problem as RegistryProblem
from ..rules.values import ID_MAX
from .incoming import Cell, Incoming, ListRow, Rows, read_rows
from .resolve import PartnerReferences, ask_about_look_alikes, collapse_columns, missing_columns
from .sheet import CellProblem
from .skipped import Skipped
from .yaml_edit import Document
from .yaml_text import as_values, essential

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass
class Outcome:
    added: list[Incoming] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)  # (id, German names of the changed fields)
    unchanged: list[str] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)  # at the cells of the spreadsheets
    registry_problems: list[RegistryProblem] = field(default_factory=list)  # in partners.yml itself
    text: str = ""  # the new partners.yml
    skipped: list[Skipped] = field(default_factory=list)  # rows that are no partner: titles, hidden, empty, totals
    aliases: list[tuple[str, str, str]] = field(default_factory=list)  # (file, header, column title) read as alias

    @property
    def found_anything(self) -> bool:
        return bool(self.added or self.updated or self.unchanged)

    @property
    def ok(self) -> bool:
        """No error, and at least one partner row recognised: a run that imports nothing is a failure."""
        return (not any(p.severity == ERROR for p in self.problems) and not errors(self.registry_problems)
                and self.found_anything)


def run_import(paths: list[Path], into: Path, *, logo_dir: Path, today: dt.date) -> Outcome:
    base_text = into.read_bytes().decode("utf-8") if into.exists() else ""  # line ends as they are
    document = Document(base_text, PARTNERS.name)
    base = load_text(base_text, file=into.name, today=today, logo_dir=logo_dir) if document.root else None
    outcome = Outcome()
    if base is not None and errors(base.problems):
        outcome.registry_problems = errors(base.problems)
        return outcome
    partners = base.partners if base else ()
    rows = read_rows(paths, tables())
    outcome.problems, outcome.skipped, outcome.aliases = list(rows.problems), rows.skipped, rows.aliases
    incoming = identify(rows, partners, outcome)
    incoming, questions = ask_about_look_alikes(incoming, partners)
    missing, _ = missing_columns(rows, incoming, {p.id for p in partners})
    outcome.problems += questions + missing
    if missing:  # one message per column instead of one per row; the rows are read again once it is added
        outcome.problems.sort()
        return outcome
    lists = list_rows_by_partner(rows, incoming, partners, outcome)
    sources = apply(document, incoming, lists, partners, outcome)
    outcome.text = document.result()
    loaded = load_text(outcome.text, file=into.name, today=today, logo_dir=logo_dir)
    known = {(p.entry, p.field, p.message) for p in (base.problems if base else ())}
    for problem in loaded.problems:
        if (problem.entry, problem.field, problem.message) not in known:
            locate(problem, sources, rows, outcome)
    outcome.problems = collapse_columns(sorted(outcome.problems))
    return outcome


def identify(rows: Rows, partners: tuple[Partner, ...], outcome: Outcome) -> list[Incoming]:
    """Each partner row with its id: given, found by name, or made from the name. A partner twice is an error."""
    by_id = {p.id: p for p in partners}
    by_name: dict[str, list[Partner]] = {}
    for partner in partners:
        by_name.setdefault(name_skeleton(partner.name), []).append(partner)
    taken = set(by_id) | {str(row.value("id")) for row in rows.partners if row.value("id")}
    found: list[Any] = []
    first: dict[Any, Any] = {}
    for row in rows.partners:
        name = row.value("name")
        if row.value("id"):
            row.id = str(row.value("id"))
        elif name and len(by_name.get(name_skeleton(name), [])) == 1:
            row.id = by_name[name_skeleton(name)][0].id
        elif name and by_name.get(name_skeleton(name)):
            outcome.problems.append(row.origin.problem(f"Den Namen „{name}“ tragen mehrere Partner. Bitte die "
                                                       "Kennung in die Spalte „Kennung“ schreiben."))
            continue
        elif name:
            row.id, row.generated = new_id(name, taken), True
            taken.add(row.id)
        else:
            outcome.problems.append(row.origin.problem("Die Zeile hat weder eine Kennung noch einen Namen."))
            continue
        if row.id in first:
            outcome.problems.append(row.origin.problem(f"Der Partner „{row.id}“ steht schon in Zeile "
                                                       f"{first[row.id].row}. Bitte die Zeilen zusammenführen."))
            continue
        first[row.id] = row.origin
        found.append(row)
    return found


def new_id(name: str, taken: set[str]) -> str:
    """An id from a name: „Muster-Bäckerei Süd GmbH“ → muster-baeckerei-sued-gmbh (with -2, -3 … if taken)."""
    ascii_name = unicodedata.normalize("NFKD", name.casefold().translate(UMLAUTS)).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:ID_MAX - 3].strip("-") or "partner"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def list_rows_by_partner(rows: Rows, incoming: list[Incoming], partners: tuple[Partner, ...],
                         outcome: Outcome) -> dict[str, dict[Table, list[ListRow]]]:
    ids = {p.id for p in partners} | {row.id for row in incoming}
    grouped: dict[str, dict[Table, list[ListRow]]] = {}
    references = PartnerReferences(incoming, partners)
    for row in rows.lists:
        if row.partner_id and row.partner_id not in ids:
            row.partner_id = references.id_for(row.partner_id, row.origin.file) or row.partner_id
        if not row.partner_id:
            outcome.problems.append(row.origin.problem("Die Zeile nennt keinen Partner (Spalte „Partner-Kennung“)."))
        elif row.partner_id not in ids:
            cell = row.cells.get("partner_id", row.origin)
            outcome.problems.append(cell.problem(f"Den Partner „{row.partner_id}“ gibt es weder in partners.yml "
                                                 "noch in der Tabelle der Partner. Bitte die Kennung, den Namen oder "
                                                 "die Zeile des Partners im Blatt „Partner“ (z. B. „Zeile 5“) "
                                                 "eintragen."))
        else:
            grouped.setdefault(row.partner_id, {}).setdefault(row.table, []).append(row)
    return grouped


def apply(document: Document, incoming: list[Incoming], lists: dict[str, dict[Table, list[ListRow]]],
          partners: tuple[Partner, ...], outcome: Outcome) -> dict[str, dict[str, Cell]]:
    """Edit the document; returns, per partner id, the cell of each path it wrote (and "" for its row)."""
    by_id, spec = {p.id: p for p in partners}, fields_of(Partner)
    rows_by_id = {row.id: row for row in incoming}
    sources: dict[str, dict[str, Cell]] = {}
    new_entries = []
    for partner_id in [*rows_by_id, *(i for i in lists if i not in rows_by_id)]:
        row, tables_of = rows_by_id.get(partner_id), lists.get(partner_id, {})
        first_row = row.origin if row else next(iter(tables_of.values()))[0].origin
        sources[partner_id] = {"": first_row, **(row.cells if row else {})}
        values: dict[tuple[str, ...], Any] = {**(row.values if row else {}), ("id",): partner_id}
        existing = by_id.get(partner_id)
        for table, items in tables_of.items():
            values[table.path], placed = list_value(table, items, existing, outcome)
            for index, item in placed:
                prefix = f"{'.'.join(table.path)}[{index}]"
                sources[partner_id][prefix] = item.origin
                sources[partner_id].update({f"{prefix}.{key}": cell for key, cell in item.cells.items()})
        if existing is None:
            new_entries.append(nested(values))
            outcome.added.append(row or Incoming(first_row, id=partner_id))
            continue
        changes = {path: value for path, value in values.items() if current(existing, path) != value}
        if changes:
            document.set_values(document.item_at(existing.line), spec, nested(changes))
            outcome.updated.append((partner_id, [title_of(path) for path in changes]))
        else:
            outcome.unchanged.append(partner_id)
    document.append(spec, new_entries)
    return sources


def list_value(table: Table, rows: list[ListRow], existing: Partner | None,
               outcome: Outcome) -> tuple[tuple[dict[str, Any], ...], list[tuple[int, ListRow]]]:
    """The partner's new list, and the position in it of each row. A list with a declared key (emissions: one
    entry per year) keeps its other entries and takes the sheet's values into the entry of the same year;
    any other list (measures, targets) is the sheet's rows, as a whole."""
    f = list_field(table)
    new = [essential(f.record, row.values) for row in rows]
    if not f.unique_by or existing is None:
        return tuple(new), list(enumerate(rows, start=1))
    merged = [dict(item) for item in current(existing, table.path)]
    positions = {item.get(f.unique_by): index for index, item in enumerate(merged)}
    placed: list[Any] = []
    seen: dict[Any, Any] = {}
    for row, item in zip(rows, new):
        key = item.get(f.unique_by)
        if key in seen:
            outcome.problems.append(row.origin.problem(f"„{f.unique_by}: {key}“ steht für „{row.partner_id}“ schon in "
                                                       f"Zeile {seen[key].row}. Jeder Wert darf nur einmal vorkommen."))
            continue
        seen[key] = row.origin
        if key not in positions:
            positions[key] = len(merged)
            merged.append({})
        merged[positions[key]].update(item)
        placed.append((positions[key] + 1, row))
    return tuple(merged), placed


def list_field(table: Table) -> Field:
    """The declaration of the list a list table holds, e.g. Agreement.measures for measures.csv."""
    record: Any = Partner
    for key in table.path:
        f = next(f for f in fields_of(record) if f.key == key)
        record = f.record
    return f


def table_record(table: Table) -> type:
    return list_field(table).record


def current(partner: Partner, path: tuple[str, ...]) -> Any:
    """The partner's value at `path` as the spreadsheet gives it: a list of records as a tuple of dicts."""
    value = lookup(partner, path)
    table = next((t for t in tables() if t.path == path), None)
    if table is None:
        return value
    return tuple(as_values(item, fields_of(table_record(table))) for item in value or ())


def nested(values: dict[tuple[str, ...], Any]) -> dict[str, Any]:
    """{("contact", "email"): x} → {"contact": {"email": x}}."""
    result: dict[str, Any] = {}
    for path, value in values.items():
        target = result
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
    return result


def title_of(path: tuple[str, ...]) -> str:
    for table in tables():
        if table.path == path:
            return f"{'.'.join(path)} ({table.title})"
        for column in table.columns:
            if column.path == path and not table.path:
                return f"{column.name} ({column.title})"
    return ".".join(path)


def locate(problem: RegistryProblem, sources: dict[str, dict[str, Cell]], rows: Rows, outcome: Outcome) -> None:
    """A problem of the new partners.yml at the cell its value came from; problems of entries the import
    did not touch stay problems of partners.yml."""
    cells = sources.get(problem.entry)
    if cells is None:
        outcome.registry_problems.append(problem)
        return
    path = problem.field if problem.field != "-" else ""
    while path and path not in cells:  # up to the nearest path with a cell: `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ""
        shorter = re.sub(r"(?:\.[^.\[\]]+|\[\d+\])$", "", path)
        path = shorter if shorter != path else ""
    cell = cells.get(path, cells[""])
    if rows.already_reported(cell):
        return
    shown = problem.message if cell.column or problem.field in ("", "-") else f"{problem.field}: {problem.message}"
    outcome.problems.append(cell.problem(shown, problem.severity))
