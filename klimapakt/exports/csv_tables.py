"""The CSV tables of the open data: one for the partners, one per list of records (measures, targets, emissions).

Columns come from the record declarations, never from a hand-written list, so a field added to
the model appears in every export (and a list of records inside a list of records, which CSV
cannot hold flat, fails loudly here instead of being dropped).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..kinds.text import ID
from ..model.fields import Field, fields_of
from ..model.partners import Partner, PartnerRegistry

# The column that ties a row of a list table (e.g. measures.csv) to its partner.
PARTNER_ID = Field("partner_id", "Kennung des Partners (Spalte id in partners.csv)", kind=ID, required=True,
                   title="Partner-Kennung")
TITLE_SEPARATOR = " – "  # „Ansprechperson – E-Mail“: the German header of a field inside an object


@dataclass(frozen=True)
class Column:
    name: str  # header, e.g. "contact.name": the JSON path joined with dots
    path: tuple[str, ...]  # attribute path from the row's record
    field: Field
    title: str = ""  # German header, e.g. „Ansprechperson – E-Mail“ (spreadsheets); the field's key without a title


@dataclass(frozen=True)
class Table:
    """One CSV file: all partners, or the items of one list of records with their partner's id."""

    name: str  # file stem, e.g. "measures"
    path: tuple[str, ...]  # attribute path from a partner to the list; () for the partner table
    columns: tuple[Column, ...]
    description: str
    title: str = ""  # German name, e.g. „Maßnahmen“: the sheet of the spreadsheet export

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def rows(self, partners: Sequence[Partner]) -> Iterator[tuple[Any, ...]]:
        tied = [column.field is PARTNER_ID for column in self.columns]
        if any(tied[1:]):
            raise ValueError(f"{self.name}: the partner's id must be the first column")
        values = row_values(tuple(column.path for column in self.columns[tied[0]:]))
        for partner in partners:
            records = [partner] if not self.path else (lookup(partner, self.path) or ())
            for record in records:
                yield (partner.id, *values(record)) if tied[0] else values(record)

    def count(self, partners: Sequence[Partner]) -> int:
        return len(partners) if not self.path else sum(len(lookup(p, self.path) or ()) for p in partners)


def row_values(paths: tuple[tuple[str, ...], ...]) -> Callable[[Any], tuple[Any, ...]]:
    """`tuple(lookup(record, path) for path in paths)` as one function: the fields of the record itself read at
    once by C code (attrgetter), only the fields inside its objects (e.g. contact.name) looked up in Python."""
    if not paths:
        return lambda record: ()
    top = operator.attrgetter(*(path[0] for path in paths))
    inner = [(index, path[1:]) for index, path in enumerate(paths) if len(path) > 1]
    if len(paths) == 1:
        return lambda record: (lookup(record, paths[0]),)
    if not inner:
        return top

    def values(record: Any) -> tuple[Any, ...]:
        found = list(top(record))
        for index, rest in inner:
            found[index] = lookup(found[index], rest)
        return tuple(found)
    return values


def lookup(record: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if record is None:
            return None
        record = getattr(record, key)
    return record


def scalar_columns(spec: tuple[Field, ...], prefix: tuple[str, ...] = (), titles: tuple[str, ...] = ()) -> Iterator[Column]:
    """Every scalar field, objects flattened into dotted names; lists of records are skipped."""
    for f in spec:
        path, path_titles = (*prefix, f.key), (*titles, f.title or f.key)
        if f.is_object:
            yield from scalar_columns(f.spec, path, path_titles)
        elif not f.is_record_list:
            yield Column(".".join(path), path, f, TITLE_SEPARATOR.join(path_titles))


def record_lists(spec: tuple[Field, ...], prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Field]]:
    """(path, field) of every list of records below `spec`, looking through objects."""
    for f in spec:
        path = (*prefix, f.key)
        if f.is_object:
            yield from record_lists(f.spec, path)
        elif f.is_record_list:
            yield path, f


def tables() -> tuple[Table, ...]:
    """partners.csv, then one table per list of records (measures, targets, emissions)."""
    partners = next(f for f in fields_of(PartnerRegistry) if f.is_record_list)  # its title names the sheet
    result = [Table("partners", (), tuple(scalar_columns(fields_of(Partner))),
                    "Eine Zeile je Partner mit allen einzelnen Angaben, auch zur Ansprechperson.", partners.title)]
    for path, f in record_lists(fields_of(Partner)):
        if any(True for _ in record_lists(f.spec)):
            raise NotImplementedError(f"{'.'.join(path)}: a list of records inside a list item has no flat CSV form")
        columns = (Column(PARTNER_ID.key, (), PARTNER_ID, PARTNER_ID.title), *scalar_columns(f.spec))
        result.append(Table(f.key, path, columns, f"{f.help}: eine Zeile je Eintrag, mit der Kennung des Partners "
                                                  "in der Spalte partner_id.", f.title or f.key))
    names = [t.name for t in result]
    if len(set(names)) != len(names):
        raise ValueError(f"two lists share a file name: {names}")
    return tuple(result)
