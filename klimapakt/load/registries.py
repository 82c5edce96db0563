"""The registries, declared as data: file, top-level key, record type, rules and references.

The loader, `check`, the JSON Schema, the staff guide's field table and the exports work from
these declarations; a new registry is one more `Registry` here and its records in `model`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import event_rules, monitoring_rules
from ..model import partner_rules as records
from ..model.events import Event, EventRegistry
from ..model.fields import Field, all_records, fields_of
from ..model.figures import FigureRegistry
from ..model.partners import Emission, Partner, PartnerRegistry, Target

Warning = Callable[[Any, Any], list[tuple[str, str]]]  # (record, build date) -> (field path, message) pairs
Monitoring = Callable[[Any, Any], list[monitoring_rules.Due]]  # (record, day) -> what is due (not run by `check`)


@dataclass(frozen=True)
class Registry:
    name: str  # also the key of the list of records, e.g. "partners"
    file: str  # the file's default name beside mkdocs.yml
    root: type  # the record type of the whole file
    env: str  # the environment variable that names another file (tests, the demo site)
    title: str  # the JSON Schema's title
    record_rules: Mapping[type, tuple[Callable[[Any], list[tuple[str, str]]], ...]] = field(default_factory=dict)
    warnings: tuple[Warning, ...] = ()  # per record of the list
    list_warnings: tuple[Callable[[Any], list[tuple[Any, str, str]]], ...] = ()  # over all records
    references: tuple[str, ...] = ()  # registries whose ids the records refer to (see kinds.reference)
    monitoring: tuple[Monitoring, ...] = ()  # per record, for `python -m klimapakt monitoring`
    required: bool = False  # the file must exist (the others are read when they exist or `env` names them)

    @property
    def list_field(self) -> Field:
        return next(f for f in fields_of(self.root) if f.key == self.name)

    @property
    def record(self) -> type:
        return self.list_field.record

    @property
    def schema_path(self) -> str:
        return f"schema/{self.name}.schema.json"

    def known_keys(self) -> frozenset[str]:
        return frozenset(f.key for record in all_records(self.root) for f in fields_of(record))


PARTNERS = Registry(
    "partners", "partners.yml", PartnerRegistry, "KLIMAPAKT_REGISTRY",
    "Partnerregister des Klimapakts Düsseldorf (partners.yml)",
    record_rules={Partner: records.PARTNER_RULES, Target: records.TARGET_RULES, Emission: records.EMISSION_RULES},
    warnings=records.PARTNER_WARNINGS + records.PLAUSIBILITY_WARNINGS,
    list_warnings=(records.warn_confusable_names, records.warn_duplicate_names),
    monitoring=monitoring_rules.PARTNER_MONITORING,
    required=True,
)
EVENTS = Registry(
    "events", "events.yml", EventRegistry, "KLIMAPAKT_EVENTS",
    "Veranstaltungen des Klimapakts Düsseldorf (events.yml)",
    record_rules={Event: event_rules.EVENT_RULES},
    references=("partners",),
)
FIGURES = Registry(
    "figures", "kennzahlen.yml", FigureRegistry, "KLIMAPAKT_FIGURES",
    "Kennzahlen des Klimapakts Düsseldorf mit Stand und Quelle (kennzahlen.yml)",
)
REGISTRIES = (PARTNERS, EVENTS, FIGURES)


def registry_named(name: str) -> Registry:
    return next(r for r in REGISTRIES if r.name == name)


def declared_files(environ: Mapping[str, str], root: Path) -> list[tuple[Registry, Path]]:
    """Each registry's file as `check` and the build read it: the one its environment variable names,
    else its default beside mkdocs.yml; a registry that is not required only when its file is there."""
    found = []
    for registry in REGISTRIES:
        named = environ.get(registry.env)
        path = root / (named or registry.file)
        if registry.required or named or path.exists() or path.is_symlink():
            found.append((registry, path))
    return found


def registry_for(file_name: str) -> Registry:
    """The registry a file holds, by its name: events*.yml holds events, kennzahlen*.yml figures, anything
    else partners (a test file may be called partners-broken.yml or registry.yml)."""
    return next((r for r in REGISTRIES if file_name.startswith((r.name, r.file.removesuffix(".yml")))), PARTNERS)
