"""Launch check: every value the law requires of a public website is filled in.

The values live in mkdocs.yml under `extra.settings` (each marked "STAFF:"); while one is empty,
its page shows "wird ergänzt", which is honest on a preview and unlawful on the real site.
`python -m klimapakt check --release` (and `make release-check`) lists what is missing; the
deploy workflow runs it before publishing, unless the site goes out as a marked preview.

REQUIRED is the one list of required values. Every other empty setting is only a hint.
mkdocs.yml is composed into YAML nodes and never constructed: its tags (`!ENV`, or any
`!!python/…` someone adds) are not run; `!ENV` is resolved as MkDocs does, from the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import files
from .legal_pages import page_problems
from .report import ERROR, WARNING, Problem, format_text, github_annotation

SETTINGS_PATH = ("extra", "settings")
MAX_BYTES = 256 * 1024  # mkdocs.yml is a few KB
ENTRY = "extra.settings"  # how messages name where the values live
_NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Required:
    key: str  # below extra.settings, e.g. "impressum.betreiber"
    label: str  # German, as staff know it
    basis: str  # the legal basis, in German citation style


DDG_1 = "§ 5 Abs. 1 Nr. 1 DDG (Impressum)"
DDG_2 = "§ 5 Abs. 1 Nr. 2 DDG (Impressum)"
MSTV = "§ 18 Abs. 2 MStV (Impressum)"
CONTROLLER = "Art. 13 Abs. 1 lit. a DSGVO (Verantwortlicher in der Datenschutzerklärung)"
BGG = "§ 10b BGG NRW (Erklärung zur Barrierefreiheit)"

REQUIRED: tuple[Required, ...] = (
    Required("impressum.betreiber", "Betreiber der Website (vollständiger Name der Stelle)", f"{DDG_1}; {CONTROLLER}"),
    Required("impressum.rechtsform", "Rechtsform des Betreibers", DDG_1),
    Required("impressum.anschrift", "Ladungsfähige Anschrift des Betreibers", f"{DDG_1}; {CONTROLLER}"),
    Required("impressum.vertretung", "Vertretungsberechtigte Person (Funktion und Name)", DDG_1),
    Required("impressum.email", "E-Mail-Adresse im Impressum", f"{DDG_2}; {CONTROLLER}"),
    Required("impressum.telefon", "Telefonnummer für die schnelle Kontaktaufnahme", DDG_2),
    Required("impressum.verantwortlich", "Verantwortliche Person für den Inhalt (Name)", MSTV),
    Required("impressum.verantwortlich_anschrift", "Anschrift der verantwortlichen Person", MSTV),
    Required("datenschutz.beauftragte", "Datenschutzbeauftragte oder Datenschutzbeauftragter",
             "Art. 13 Abs. 1 lit. b DSGVO (Datenschutzerklärung)"),
    Required("datenschutz.beauftragte_kontakt", "Kontakt der oder des Datenschutzbeauftragten",
             "Art. 13 Abs. 1 lit. b DSGVO (Datenschutzerklärung)"),
    Required("datenschutz.log_speicherdauer", "Speicherdauer der Server-Protokolldateien",
             "Art. 13 Abs. 2 lit. a DSGVO (Datenschutzerklärung)"),
    Required("hosting.anbieter", "Hosting-Anbieter (Name und Anschrift)",
             "Art. 13 Abs. 1 lit. e DSGVO (Empfänger, Datenschutzerklärung)"),
    Required("hosting.drittland", "Übermittlung in ein Drittland (Nein, oder Land und Garantie)",
             "Art. 13 Abs. 1 lit. f DSGVO (Datenschutzerklärung)"),
    Required("barrierefreiheit.datum", "Datum der Erklärung zur Barrierefreiheit", BGG),
    Required("ombudsstelle.anschrift", "Anschrift der Ombudsstelle für barrierefreie IT NRW", f"{BGG}, Durchsetzungsverfahren"),
    Required("ombudsstelle.email", "E-Mail-Adresse der Ombudsstelle", f"{BGG}, Durchsetzungsverfahren"),
    Required("ombudsstelle.website", "Website der Ombudsstelle", f"{BGG}, Durchsetzungsverfahren"),
)


@dataclass(frozen=True)
class Setting:
    value: str  # "" when empty, null, or not plain text
    line: int


def release_problems(config: Path) -> list[Problem]:
    """An error per required value that is empty, a hint per other empty setting."""
    name = config.name
    try:
        settings, settings_line = read_settings(config)
    except FileNotFoundError:
        return [Problem(1, "Datei", "-", f"{files.file_name(name)} gibt es nicht.", file=name)]
    except (OSError, files.Refused, UnicodeDecodeError) as err:
        return [Problem(1, "Datei", "-", f"{files.file_name(name)} kann nicht gelesen werden: {err}", file=name)]
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else 1
        return [Problem(line, "Datei", "-", f"{files.file_name(name)} ist kein gültiges YAML: {err.problem}", file=name)]
    required = {r.key: r for r in REQUIRED}
    problems = [_missing(r, settings.get(r.key), settings_line, name) for r in REQUIRED
                if not settings.get(r.key, Setting("", 0)).value]
    problems += [Problem(s.line, ENTRY, key, "ist noch leer; die Website zeigt dort „wird ergänzt“.", WARNING, file=name)
                 for key, s in settings.items() if key not in required and not s.value]
    return problems


def _missing(required: Required, setting: Setting | None, settings_line: int, file: str) -> Problem:
    where = "" if setting else " Der Eintrag fehlt ganz; bitte mit diesem Namen anlegen."
    return Problem(setting.line if setting else settings_line, ENTRY, required.key,
                   f"{required.label} fehlt – Pflichtangabe nach {required.basis}.{where}", file=file)


def read_settings(config: Path) -> tuple[dict[str, Setting], int]:
    """Every leaf below extra.settings by dotted key, with its line; and the line of `settings:`."""
    text = files.safe_read_bytes(config, None, MAX_BYTES, name=files.file_name(config.name)).decode("utf-8")
    node = yaml.compose(text, Loader=yaml.SafeLoader)  # nodes only: no tag is constructed
    line = 1
    for key in SETTINGS_PATH:
        found = _child(node, key)
        if found is None:
            return {}, line
        line, node = found[0].start_mark.line + 1, found[1]
    return dict(_leaves(node, "")), line


def _child(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next(((k, v) for k, v in reversed(node.value) if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _leaves(node: yaml.Node, prefix: str):
    if not isinstance(node, yaml.MappingNode):
        return
    children = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}  # last wins, as in MkDocs
    for key, value in children.items():
        if isinstance(value, yaml.MappingNode):
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", Setting(_text(value), value.start_mark.line + 1)


def _text(node: yaml.Node) -> str:
    """A setting's text, stripped; "" for null, a list or mapping, or a tag other than !ENV."""
    if node.tag == "!ENV":
        return _env(node)
    if isinstance(node, yaml.ScalarNode) and node.tag != _NULL:
        return node.value.strip()
    return ""


def _env(node: yaml.Node) -> str:
    """`!ENV NAME` or `!ENV [NAME, …, default]` as MkDocs reads it: the first variable set, else the default."""
    items = [node] if isinstance(node, yaml.ScalarNode) else list(node.value) if isinstance(node, yaml.SequenceNode) else []
    names = [i.value for i in items if isinstance(i, yaml.ScalarNode)]
    default = names.pop() if len(names) > 1 else ""
    return next((os.environ[n].strip() for n in names if n in os.environ), default.strip())


def report(config: Path, *, github: bool = False, docs_dir: Path = Path("docs")) -> bool:
    """Print the launch check in German (and as GitHub annotations); True when a required value or page is missing."""
    values, pages = release_problems(config), page_problems(docs_dir)
    missing = [p for p in values if p.severity == ERROR]
    if missing:
        count = "fehlt 1 Pflichtangabe" if len(missing) == 1 else f"fehlen {len(missing)} Pflichtangaben"
        print(f"Vor der Veröffentlichung {count}. Bitte in {config.name} unter "
              f"extra.settings eintragen (siehe CONTRIBUTING.md, „Pflichtangaben vor dem Start“):")
    if pages:
        print("Die Pflichtseiten unter docs/ sind nicht die, die das Projekt mitbringt:")
    problems = values + pages
    print(format_text(problems) if problems else "Alle Pflichtangaben für die Veröffentlichung sind eingetragen.")
    if github:
        for problem in sorted(problems):
            print(github_annotation(problem))
    return bool(missing or pages)
