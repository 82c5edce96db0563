"""mkdocs.yml's `extra.settings`, read once into one typed structure.

Each group below `settings:` is a frozen dataclass; a value staff have not filled in is "". A key
in mkdocs.yml that no field declares, or a page that asks `setting()` for one, stops the build with
the list of the keys there are, so a typo never shows "wird ergänzt" unnoticed.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, get_type_hints


class UnknownSetting(KeyError):
    """A key below extra.settings that no field declares; the message lists the known ones."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Office:
    name: str = ""
    organisation: str = ""
    email: str = ""
    adresse: str = ""
    telefon: str = ""
    ansprechperson: str = ""


@dataclass(frozen=True)
class Editor:
    repository: str = ""  # owner/name on GitHub: the form editor at /admin/ (klimapakt.mkdocs.admin)
    api_root: str = ""  # the GitHub API the editor talks to ("": https://api.github.com; GitHub Enterprise: its /api/v3)


@dataclass(frozen=True)
class Joining:
    kosten: str = ""


@dataclass(frozen=True)
class Imprint:
    betreiber: str = ""
    rechtsform: str = ""
    anschrift: str = ""
    vertretung: str = ""
    email: str = ""
    telefon: str = ""
    verantwortlich: str = ""
    verantwortlich_anschrift: str = ""


@dataclass(frozen=True)
class Privacy:
    beauftragte: str = ""
    beauftragte_kontakt: str = ""
    log_speicherdauer: str = ""
    stand: str = ""


@dataclass(frozen=True)
class Hosting:
    art: str = ""  # github-pages, eigener-server or eu-hoster (klimapakt.render.hosting_notice)
    anbieter: str = ""
    drittland: str = ""


@dataclass(frozen=True)
class Licence:
    inhalte: str = ""


@dataclass(frozen=True)
class Accessibility:
    datum: str = ""


@dataclass(frozen=True)
class Ombudsstelle:
    anschrift: str = ""
    email: str = ""
    telefon: str = ""
    website: str = ""


@dataclass(frozen=True)
class Settings:
    """extra.settings as a whole: one field per group, named as in mkdocs.yml."""

    editor: Editor = field(default_factory=Editor)
    geschaeftsstelle: Office = field(default_factory=Office)
    beitritt: Joining = field(default_factory=Joining)
    impressum: Imprint = field(default_factory=Imprint)
    datenschutz: Privacy = field(default_factory=Privacy)
    hosting: Hosting = field(default_factory=Hosting)
    lizenz: Licence = field(default_factory=Licence)
    barrierefreiheit: Accessibility = field(default_factory=Accessibility)
    ombudsstelle: Ombudsstelle = field(default_factory=Ombudsstelle)

    def value(self, key: str) -> str:
        """The value of a dotted key such as "impressum.betreiber"; an unknown key lists the known ones."""
        group, _, name = key.partition(".")
        if key not in known_key_set():
            raise UnknownSetting(f"Unbekannte Einstellung „{key}“ (mkdocs.yml, extra.settings). Bekannt sind: "
                                 + ", ".join(known_keys()) + ".")
        return str(getattr(getattr(self, group), name))

    def as_mapping(self) -> dict[str, dict[str, str]]:
        """Group → key → value, for the layers below that take plain mappings."""
        return dataclasses.asdict(self)


GROUPS: dict[str, type] = get_type_hints(Settings)  # group name → its dataclass, in mkdocs.yml's order


@functools.cache
def known_keys() -> tuple[str, ...]:
    """Every dotted key, in declaration order (computed once: `setting()` and every page's settings ask)."""
    return tuple(f"{name}.{leaf.name}" for name, group in GROUPS.items() for leaf in dataclasses.fields(group))


@functools.cache
def known_key_set() -> frozenset[str]:
    return frozenset(known_keys())


def read_settings(raw: Mapping[str, Any] | None) -> Settings:
    """extra.settings from mkdocs.yml; a key no field declares is an UnknownSetting, an empty value ""."""
    groups: dict[str, Any] = {}
    for group, record in GROUPS.items():
        values = (raw or {}).get(group) or {}
        for name in values:
            if f"{group}.{name}" not in known_key_set():
                raise UnknownSetting(f"Unbekannte Einstellung „{group}.{name}“ in mkdocs.yml (extra.settings). "
                                     "Bekannt sind: " + ", ".join(known_keys()) + ".")
        groups[group] = record(**{k: "" if v is None else str(v) for k, v in values.items()})
    for name in raw or {}:
        if name not in groups:
            raise UnknownSetting(f"Unbekannter Abschnitt „{name}“ in mkdocs.yml (extra.settings). Bekannt sind: "
                                 + ", ".join(groups) + ".")
    return Settings(**groups)
