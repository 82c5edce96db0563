"""Load a YAML registry into frozen records, collecting every problem with its line.

PyYAML's constructors silently keep the last of two equal keys and turn `no` into
False or `07` into 7. We therefore only *compose* the document into nodes (which keep
their line and the text exactly as written) and interpret each scalar by its field's kind.
`check` and the build call the same functions here, so a file gets the same messages from both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import clock, vocabulary
from ..memory import cycle_collector_paused
from ..model.fields import fields_of
from ..report import WARNING, Problem, RegistryError, errors
from ..rules import placeholders
from ..source.context import Context, Invalid, TooManyErrors, is_null, line_of
from ..source.text import compose, read_source
from .duplicates import report_duplicate_keys
from .former_ids import check_former_ids
from .registries import EVENTS, PARTNERS, Registry
from .structure import check_unique_ids, entry_label, parents_of, read_mapping, read_record, read_value, report_too_many


@dataclass(frozen=True)
class Loaded:
    """The result of loading: the records that could be built and every problem found."""

    records: tuple[Any, ...]
    problems: tuple[Problem, ...]
    values: Mapping[str, Any] = field(default_factory=dict)  # the file's other top-level values, e.g. demo

    @property
    def partners(self) -> tuple[Any, ...]:
        return self.records

    @property
    def demo(self) -> bool:
        """The registry declares itself fictional demo data."""
        return self.values.get("demo") is True


def load_text(text: str, *, file: str | None = None, today: dt.date | None = None, logo_dir: Path | None = None,
              registry: Registry = PARTNERS, references: Mapping[str, Iterable[str]] | None = None) -> Loaded:
    ctx = Context(file=file or registry.file, today=today or clock.build_date(),
                  logo_dir=logo_dir or Path(vocabulary.LOGO_DIR), known_keys=registry.known_keys(),
                  references={name: frozenset(ids) for name, ids in (references or {}).items()},
                  parents=parents_of(registry.root), record_rules=registry.record_rules)
    with cycle_collector_paused():
        return read_text(text, registry, ctx)


def read_text(text: str, registry: Registry, ctx: Context) -> Loaded:
    """The records of a registry's text; its YAML nodes are freed when this returns."""
    try:
        root = compose(text, ctx, registry.name)
        if root is None:
            return Loaded((), tuple(ctx.problems))
        records, values = read_file(root, registry, ctx)
    except TooManyErrors:
        return Loaded((), tuple(ctx.problems))
    return Loaded(tuple(records), tuple(ctx.problems), values)


def load_file(path: str | Path, **kwargs: Any) -> Loaded:
    path = Path(path)
    kwargs.setdefault("file", path.name)
    text, problem = read_source(path, kwargs["file"])
    if problem:
        return Loaded((), (problem,))
    return load_text(text, **kwargs)


_valid: dict[tuple, Loaded] = {}  # the build asks for the same file from several MkDocs events


def load_valid(path: str | Path, **kwargs: Any) -> Loaded:
    """Load for the build: any error stops it with the same messages `check` prints."""
    path = Path(path).absolute()  # not resolve(): a symlinked registry must stay visible to the reader
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0, repr(sorted(kwargs.items())))
    if key not in _valid:
        loaded = load_file(path, **kwargs)
        if errors(loaded.problems):
            raise RegistryError(list(loaded.problems))
        if len(_valid) > 8:
            _valid.clear()
        _valid[key] = loaded
    return _valid[key]


def read_file(root: yaml.Node, registry: Registry, ctx: Context) -> tuple[list[Any], dict[str, Any]]:
    """The file's list of records (the registry's key) and its other top-level values."""
    fields = read_mapping(root, fields_of(registry.root), "", ctx)
    if fields is None:
        return [], {}
    values: dict[str, Any] = {}
    for key, (f, value_node, _) in fields.items():
        if key != registry.name:
            try:
                values[key] = read_value(f, value_node, key, ctx)
            except Invalid:
                pass
    if registry.name not in fields or is_null(fields[registry.name][1]):
        return [], values
    list_field, list_node = fields[registry.name][0], fields[registry.name][1]
    if not isinstance(list_node, yaml.SequenceNode):
        ctx.report(line_of(list_node), registry.name, f"„{registry.name}“ muss eine Liste sein (jeder Eintrag "
                   "beginnt mit „- id: …“).")
        report_duplicate_keys(list_node, registry.name, ctx)
        return [], values
    if report_too_many(list_field, list_node, registry.name, ctx):
        return [], values
    records = read_records(list_node, registry, ctx)
    if registry is PARTNERS and values.get("demo") is not True:  # the demo's names are fictional on purpose
        report_placeholders(records, ctx)
    warn(records, registry, ctx)
    return records, values


def read_records(list_node: yaml.SequenceNode, registry: Registry, ctx: Context) -> list[Any]:
    records, record_type = [], registry.record  # looked up once: the property searches the fields
    for index, item in enumerate(list_node.value, start=1):
        ctx.entry = entry_label(item, index)
        try:
            records.append(read_record(item, record_type, "", ctx))
        except Invalid:
            pass
    ctx.entry = "Datei"
    check_unique_ids(list_node, ctx)
    if registry is PARTNERS:
        check_former_ids(records, ctx)
    return records


def report_placeholders(records: list[Any], ctx: Context) -> None:
    for record in records:
        ctx.entry = record.id
        for path, message in placeholders.placeholder_problems(record):
            ctx.report(line_at(record, path), path, message)
    ctx.entry = "Datei"


def warn(records: list[Any], registry: Registry, ctx: Context) -> None:
    """The registry's warnings: per record (with the build date), then over all records."""
    for record in records:
        ctx.entry = record.id
        for rule in registry.warnings:
            for path, message in rule(record, ctx.today):
                ctx.report(line_at(record, path), path, message, WARNING)
    for list_rule in registry.list_warnings:
        for record, path, message in list_rule(records):
            ctx.entry = record.id
            ctx.report(line_at(record, path), path, message, WARNING)
    ctx.entry = "Datei"


def line_at(record: Any, path: str) -> int:
    """The line of the field a path names (`agreement.targets[2].baseline_year`), through the records in a record."""
    line, current = record.line, record
    for part in path.split("."):
        key, _, index = part.partition("[")
        line = getattr(current, "lines", {}).get(key, line)
        current = getattr(current, key, None)
        if index and current:
            current = current[int(index.rstrip("]")) - 1]
            line = getattr(current, "line", line) or line
    return line


# Events refer to partners: their loader takes the partner ids that exist.

def load_events(path: str | Path, partner_ids: Iterable[str], *, today: dt.date | None = None,
                file: str | None = None) -> tuple[tuple[Any, ...], tuple[Problem, ...]]:
    """Every event that could be read and every problem, messages as `events.yml:LINE: id: field: …`."""
    loaded = load_file(path, registry=EVENTS, references={"partners": partner_ids}, today=today,
                       **({"file": file} if file else {}))
    return loaded.records, loaded.problems


def load_events_text(text: str, partner_ids: Iterable[str], *, today: dt.date | None = None,
                     file: str = EVENTS.file) -> tuple[tuple[Any, ...], tuple[Problem, ...]]:
    loaded = load_text(text, file=file, today=today, registry=EVENTS, references={"partners": partner_ids})
    return loaded.records, loaded.problems
