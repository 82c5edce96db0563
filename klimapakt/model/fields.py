"""How a record declares its fields: once, as dataclass fields that carry their specification.

A record type is a frozen dataclass. Each registry field is `declared(...)`: its kind, whether it
is required, its allowed values and limits, and its German description travel as field metadata.
`fields_of(Record)` gives the loader, the JSON Schema, the staff guide's table and the exports one
tuple of `Field`s in declaration order. Fields without that metadata (`line`, `lines`) are
bookkeeping, not registry keys.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..kinds.base import Kind

SPEC = "klimapakt"  # the metadata key


@dataclass(frozen=True, eq=False)  # identity hash: fields are looked up by identity
class Field:
    """One key of a registry mapping, as `fields_of` derives it from the record's declaration."""

    key: str
    help: str  # German, shown in the schema and the staff guide
    kind: Kind | None = None  # the value's kind; for a list of values the kind of each item
    record: type | None = None  # a nested record (an object, or each item of a list)
    many: bool = False  # a list
    required: bool = False
    choices: Mapping[Any, str] | None = None
    max_length: int | None = None
    unique_by: str | None = None  # for lists of records: this key may not repeat (e.g. one row per year)
    max_items: int | None = None  # for lists: at most this many entries
    title: str | None = None  # a short German name, the column header in spreadsheets (e.g. „Branche“)

    @property
    def spec(self) -> tuple[Field, ...] | None:
        return fields_of(self.record) if self.record else None

    @property
    def is_object(self) -> bool:
        return self.record is not None and not self.many

    @property
    def is_record_list(self) -> bool:
        return self.record is not None and self.many


def declared(help: str, kind: Kind | None = None, *, record: type | None = None, many: bool = False,
             required: bool = False, choices: Mapping[Any, str] | None = None, max_length: int | None = None,
             unique_by: str | None = None, max_items: int | None = None, default: Any = None,
             title: str | None = None) -> Any:
    """A dataclass field with its registry specification; optional fields default to None (lists to ())."""
    spec = dict(help=help, kind=kind, record=record, many=many, required=required, choices=choices,
                max_length=max_length, unique_by=unique_by, max_items=max_items, title=title)
    if required:
        return dataclasses.field(metadata={SPEC: spec})
    return dataclasses.field(default=() if many else default, metadata={SPEC: spec})


@functools.cache
def fields_of(record: type) -> tuple[Field, ...]:
    """The declared fields of a record type, in declaration order."""
    return tuple(Field(key=f.name, **f.metadata[SPEC]) for f in dataclasses.fields(record) if SPEC in f.metadata)


def all_records(record: type) -> list[type]:
    """A record type and every record type nested below it, each once."""
    found, stack = [], [record]
    while stack:
        current = stack.pop()
        if current not in found:
            found.append(current)
            stack.extend(f.record for f in fields_of(current) if f.record)
    return found
