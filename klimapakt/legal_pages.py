"""Launch check, second half: the legally required pages are the ones the project ships.

The required values (klimapakt.release.REQUIRED) are only worth something on the page that
shows them. Before the real site goes out, `check --release` makes sure that each required page
exists as the project's file, is the only file at its address (a `docs/impressum/index.md` would
silently replace `docs/impressum.md`), is rendered with its macros, and still shows every
required value it is there for (its `{{ setting("…") }}` blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import files
from .report import ERROR, Problem
from .rules import owners

NO_MACROS_RE = re.compile(r"^render_macros:\s*false\s*$", re.M | re.I)
# Settings a page shows through a macro of their own rather than `setting("…")`.
SHOWN_BY_MACRO = {"hosting.anbieter": "hosting_notice", "hosting.drittland": "hosting_notice"}


@dataclass(frozen=True)
class LegalPage:
    file: str  # below docs/
    title: str  # German, as staff know it
    basis: str
    settings: tuple[str, ...]  # the keys below extra.settings it must show


PAGES: tuple[LegalPage, ...] = (
    LegalPage("impressum.md", "Impressum", "§ 5 DDG, § 18 Abs. 2 MStV",
              ("impressum.betreiber", "impressum.rechtsform", "impressum.anschrift", "impressum.vertretung",
               "impressum.email", "impressum.telefon", "impressum.verantwortlich", "impressum.verantwortlich_anschrift")),
    LegalPage("datenschutz.md", "Datenschutzerklärung", "Art. 13 DSGVO",
              ("impressum.betreiber", "impressum.anschrift", "impressum.email", "datenschutz.beauftragte",
               "datenschutz.beauftragte_kontakt", "datenschutz.log_speicherdauer", "hosting.anbieter",
               "hosting.drittland")),
    LegalPage("barrierefreiheit.md", "Erklärung zur Barrierefreiheit", "§ 10b BGG NRW",
              ("barrierefreiheit.datum", "ombudsstelle.anschrift", "ombudsstelle.email", "ombudsstelle.website")),
    LegalPage("leichte-sprache.md", "Informationen in Leichter Sprache", "§ 4 BITV 2.0, § 10e BGG NRW", ()),
)


def page_problems(docs_dir: Path) -> list[Problem]:
    """An error for each required page that is missing, shadowed, without macros or without a value it must show."""
    sources = owners.docs_files(docs_dir) if docs_dir.is_dir() and not docs_dir.is_symlink() else []
    found: list[Problem] = []
    for page in PAGES:
        shown = f"{docs_dir.name}/{page.file}"
        found += [Problem(1, "Datei", "-", message, ERROR, shown) for message in _problems(page, docs_dir, sources)]
    return found


def _problems(page: LegalPage, docs_dir: Path, sources: list[str]) -> list[str]:
    shown = f"{docs_dir.name}/{page.file}"
    required = f"Die Seite „{page.title}“ ist Pflicht ({page.basis})"
    try:
        text = files.safe_read_bytes(docs_dir / page.file, docs_dir, 1024 * 1024).decode("utf-8")
    except FileNotFoundError:
        return [f"{required}; {shown} fehlt. Bitte die Datei aus dem Projekt wiederherstellen."]
    except (OSError, files.Refused, UnicodeDecodeError) as err:
        return [f"{required}; {shown} ist nicht lesbar ({err})."]
    target = owners.site_path(page.file).lower()  # without case, as on Windows
    problems = [f"{required}, aber auch {docs_dir.name}/{other} ergibt ihre Adresse „{owners.address(target)}“ und "
                f"würde sie ersetzen. Bitte {docs_dir.name}/{other} löschen." for other in sources
                if other != page.file and owners.site_path(other, docs_dir).lower() == target]
    front = text.split("---", 2)[1] if text.startswith("---") and text.count("---") >= 2 else ""
    if NO_MACROS_RE.search(front):
        problems.append(f"{required}; mit „render_macros: false“ zeigt {shown} die eingetragenen Angaben nicht an. "
                        "Bitte die Zeile entfernen.")
    missing = [key for key in page.settings if not _shows(text, key)]
    if missing:
        problems.append(f"{required}; {shown} zeigt {', '.join(f'„{key}“' for key in missing)} nicht mehr an. "
                        "Bitte den Baustein {{ setting(\"…\") }} dafür wieder einfügen (siehe die Fassung im Projekt).")
    return problems


def _shows(text: str, key: str) -> bool:
    """Whether the page text has the block that shows this setting."""
    if key in SHOWN_BY_MACRO:
        return re.search(rf"\{{\{{\s*{SHOWN_BY_MACRO[key]}\(\s*\)\s*\}}\}}", text) is not None
    return re.search(rf"""setting\(\s*["']{re.escape(key)}["']\s*\)""", text) is not None
