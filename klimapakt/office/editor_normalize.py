"""The form editor's save, brought back to the registry's own form.

Sveltia CMS writes the whole file anew: it drops the comments (the `$schema` line, the guidance) and
writes every entry its own way. `normalize` compares the editor's file with the base revision entry by
entry (by id, on the data): an entry nobody touched keeps its original text byte for byte (with the
comments above it), a changed or new entry is written canonically (klimapakt.office.yaml_text: keys in
declaration order, the file's indentation), a removed entry is gone. The header and every other
top-level key stay as in the base unless their value changed. A key the declarations do not know stops
the run with a German message: nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import yaml

from ..load.registries import PARTNERS, Registry
from ..model.fields import Field, fields_of
from .yaml_edit import Document
from .yaml_text import essential, item_lines

EMPTY: tuple[Any, ...] = (None, "", [], {}, ())


class NormalizeError(ValueError):
    """A German message for staff: the editor's file cannot be brought back without losing something."""


def normalize(edited_text: str, base_text: str, registry: Registry = PARTNERS) -> str:
    """The editor's file as the registry writes it: untouched entries as in `base_text`."""
    edited, base = parse(edited_text, registry, "vom Formular"), parse(base_text, registry, "der Basis")
    doc = Document(base_text, registry.name)
    others = tuple(f for f in fields_of(registry.root) if f.key != registry.name)
    edited_top, base_top = top_values(registry, others, edited), top_values(registry, others, base)
    changed_top = {f.key: edited_top.get(f.key) for f in others if edited_top.get(f.key) != base_top.get(f.key)}
    if changed_top and isinstance(doc.root, yaml.MappingNode):
        doc.set_values(doc.root, others, {k: v if v is not None else default(registry, k) for k, v in changed_top.items()})
    entries = [clean_record(registry.record, entry, f"{registry.file}: Eintrag {n}")
               for n, entry in enumerate(edited.get(registry.name) or [], start=1)]
    rewrite_list(doc, registry, entries, base.get(registry.name) or [])
    return doc.result()


def top_values(registry: Registry, others: tuple[Field, ...], data: Mapping[str, Any]) -> dict[str, Any]:
    """The file's other top-level keys as values, the declared default left out: the form writes
    `demo: false` for a box nobody ticked, which is the same file as no `demo:` line."""
    return essential(registry.root, {f.key: clean_value(f, data.get(f.key)) for f in others})


def default(registry: Registry, key: str) -> Any:
    """What a top-level key that the form emptied goes back to (set_values writes a value, never a gap)."""
    declared = {f.name: f.default for f in dataclasses.fields(registry.root)}.get(key)
    return False if declared in (None, dataclasses.MISSING) else declared


def parse(text: str, registry: Registry, which: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as err:
        raise NormalizeError(f"{registry.file} {which} ist kein gültiges YAML: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get(registry.name) or [], list):
        raise NormalizeError(f"{registry.file} {which}: erwartet wird „{registry.name}:“ mit einer Liste.")
    unknown(data, fields_of(registry.root), registry.file)
    return data


def unknown(data: Mapping[str, Any], spec: tuple[Field, ...], where: str) -> None:
    known = {f.key for f in spec}
    extra = sorted(str(key) for key in data if key not in known)
    if extra:
        raise NormalizeError(f"{where}: unbekanntes Feld „{extra[0]}“. Das Formular kennt es nicht; "
                             f"bitte in der YAML-Datei klären (CONTRIBUTING.md).")


def clean_record(record: type, data: Any, where: str) -> dict[str, Any]:
    """An entry as comparable values: declared keys only, empty values and defaults left out, dates as dates."""
    if not isinstance(data, dict):
        raise NormalizeError(f"{where}: erwartet wird ein Eintrag mit Feldern, nicht „{data}“.")
    spec = fields_of(record)
    unknown(data, spec, where)
    values = {}
    for f in spec:
        value = clean_value(f, data.get(f.key), f"{where}: {f.key}")
        if value not in EMPTY:
            values[f.key] = value
    return essential(record, values)


def clean_value(f: Field, value: Any, where: str = "") -> Any:
    if value in EMPTY:
        return None
    if f.record is not None and f.many:
        return tuple(clean_record(f.record, item, f"{where} {n}") for n, item in enumerate(value, start=1))
    if f.record is not None:
        return clean_record(f.record, value, where) or None
    if f.many:
        return tuple(scalar_value(f, item) for item in (value if isinstance(value, list) else [value]))
    return scalar_value(f, value)


def scalar_value(f: Field, value: Any) -> Any:
    """What the editor writes as text where the file holds a date or a number (a select's "3")."""
    schema = f.kind.schema(f) if f.kind else {}
    if isinstance(value, str) and schema.get("format") == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # `check` names the impossible date
    if isinstance(value, dt.datetime) and schema.get("format") == "date":
        return value.date()
    if isinstance(value, str) and f.choices and value.isdigit() and int(value) in f.choices:
        return int(value)
    return value


def rewrite_list(doc: Document, registry: Registry, entries: list[dict[str, Any]], base_entries: list[Any]) -> None:
    items = doc.items()
    if not items:
        doc.append(fields_of(registry.record), entries)
        return
    unchanged = base_chunks(doc, registry, items, base_entries)
    comments = entry_comments(doc, items, base_entries)
    column = (doc.list_key_node.start_mark.column if doc.list_key_node is not None else 0) + doc.style.dash
    blocks = [unchanged.pop(key(entry), None) or comments.get(str(entry.get("id")), "") + doc.newline.join(
        item_lines(fields_of(registry.record), entry, column, doc.style)) for entry in entries]
    start = chunk_start(doc, items[0])
    end = line_end(doc, doc.content_end(items[-1]))
    doc.edit(start, end, (doc.newline * (2 if doc.style.gap else 1)).join(blocks))


def key(entry: Mapping[str, Any]) -> str:
    return repr(sorted(entry.items(), key=lambda kv: kv[0]))


def base_chunks(doc: Document, registry: Registry, items: list[yaml.MappingNode], base_entries: list[Any]) -> dict[str, str]:
    """Each base entry's text (with the comments above it), by its data: what an untouched entry keeps."""
    chunks: dict[str, str] = {}
    for index, item in enumerate(items):
        data = clean_record(registry.record, base_entries[index], f"{registry.file}: Eintrag {index + 1}")
        chunks.setdefault(key(data), doc.text[chunk_start(doc, item, items[index - 1] if index else None):
                                             line_end(doc, doc.content_end(item))])
    return chunks


def entry_comments(doc: Document, items: list[yaml.MappingNode], base_entries: list[Any]) -> dict[str, str]:
    """The comment lines above each base entry, by its id: an edited entry keeps them too."""
    comments: dict[str, str] = {}
    for index, item in enumerate(items):
        start = chunk_start(doc, item, items[index - 1] if index else None)
        line = doc.text.rfind("\n", 0, item.start_mark.index) + 1
        entry = base_entries[index]
        if line > start and isinstance(entry, dict) and entry.get("id") is not None:
            comments.setdefault(str(entry["id"]), doc.text[start:line])
    return comments


def chunk_start(doc: Document, item: yaml.MappingNode, previous: yaml.MappingNode | None = None) -> int:
    """The start of the entry's „- “ line, or of the comment lines right above it."""
    text = doc.text
    start = text.rfind("\n", 0, item.start_mark.index) + 1
    floor = line_end(doc, doc.content_end(previous)) + 1 if previous is not None else start
    while start > floor:
        above = text.rfind("\n", 0, start - 1) + 1
        if not text[above:start].strip().startswith("#"):
            break
        start = above
    return start


def line_end(doc: Document, index: int) -> int:
    found = doc.text.find("\n", index)
    end = len(doc.text) if found < 0 else found
    return end - 1 if end > 0 and doc.text[end - 1] == "\r" else end

