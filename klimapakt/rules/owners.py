"""Every address of the built site has one owner: a file under docs/ or one of the site's generators.

MkDocs turns `impressum.md` and `impressum/index.md` into the same `impressum/index.html`, and a
later file silently replaces the earlier one; a page where the build writes a file of its own
(the sitemap, a feed, the calendars, the open data, the search index, a profile or its badge)
either replaces it or stops the build with a traceback. So `check` and the build compute where
each file under docs/ ends up (with `use_directory_urls`, as mkdocs.yml sets it) and refuse one
that shares its address with another file, with a generated one, or with a generated folder.

GENERATED is the one list of what the site writes besides the files under docs/;
tests/rules/test_owners.py compares it with the generators' own constants and a real build.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path, PurePosixPath

from .. import files, vocabulary
from ..report import ERROR, Problem
from . import names

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs reads as pages
# (site path or pattern, what writes it, in German). "*" also matches "/".
GENERATED: tuple[tuple[str, str], ...] = (
    ("sitemap.xml", "die Sitemap für Suchmaschinen"),
    ("sitemap.xml.gz", "die Sitemap für Suchmaschinen"),
    ("404.html", "die Seite „Nicht gefunden“"),
    ("search/*", "die Suche (ihr Suchindex)"),
    ("partner/*", "die Partnerprofile und ihre Siegel"),
    ("daten/*", "die offenen Daten (CSV, JSON, Excel)"),
    ("aktuelles/feed.xml", "der RSS-Feed der Meldungen"),
    ("aktuelles/feed.json", "der JSON-Feed der Meldungen"),
    ("aktuelles/archive/*", "das Archiv der Meldungen"),
    ("aktuelles/category/*", "die Kategorien der Meldungen"),
    ("aktuelles/page/*", "die weiteren Seiten der Meldungen"),
    ("veranstaltungen.ics", "das Kalender-Abonnement"),
    ("veranstaltungen/*.ics", "die Kalenderdateien der Veranstaltungen"),
    ("kontakt/geschaeftsstelle-klimapakt.vcf", "die Visitenkarte der Geschäftsstelle"),
    ("assets/javascripts/*", "das Design der Website (Material for MkDocs)"),
    ("assets/stylesheets/*", "das Design der Website (Material for MkDocs)"),
    ("assets/images/favicon.png", "das Design der Website (Material for MkDocs)"),
    (".nginx/*", "die Einstellungen für den eigenen Webserver (Sicherheitsregeln, Weiterleitungen)"),
    ("admin/*", "der Formular-Editor"),
)
LOGO_FOLDER = vocabulary.LOGO_DIR.removeprefix("docs/") + "/"
POSTS_DIR = "aktuelles/posts"  # the blog plugin's posts: each written at aktuelles/<slug>/ (post_url_format "{slug}")
SLUG_RE = re.compile(r"""^slug:[ \t]*["']?([^"'\s#]+)""", re.M)
# Pages that stand inside a generated folder on purpose: docs/daten.md is the open-data page.
PAGES_IN_GENERATED = frozenset({"daten/index.html"})


def site_path(src: str, docs_dir: Path | None = None) -> str:
    """Where MkDocs writes the file at `src` (relative to docs/, "/" separated), with directory URLs;
    a news post (read from `docs_dir`) where the blog plugin writes it."""
    path = PurePosixPath(src)
    if docs_dir is not None and src.startswith(f"{POSTS_DIR}/") and path.suffix in MARKDOWN:
        return f"{PurePosixPath(POSTS_DIR).parent}/{post_slug(docs_dir / src, path.stem)}/index.html"
    if path.suffix not in MARKDOWN:  # as MkDocs: case matters
        return src
    if path.stem in ("index", "README"):
        return str(path.parent / "index.html").removeprefix("./")
    return str(path.parent / path.stem / "index.html").removeprefix("./")


def post_slug(path: Path, default: str) -> str:
    """The `slug:` of a post's front matter (as klimapakt.load.news reads it), else the file name."""
    try:
        text = files.safe_read_bytes(path, None, 1024 * 1024).decode("utf-8", "replace")
    except (OSError, files.Refused):
        return default
    front = text.split("---", 2)[1] if text.startswith("---") and text.count("---") >= 2 else ""
    found = SLUG_RE.search(front)
    return found.group(1) if found else default


def docs_files(docs_dir: Path) -> list[str]:
    """Every file MkDocs would publish from docs/ (not following links; dotfiles it skips)."""
    found = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(docs_dir).as_posix()
        found += [name if relative == "." else f"{relative}/{name}" for name in sorted(names) if not name.startswith(".")]
    return found


def generated_owner(path: str) -> str | None:
    """Who writes `path`, compared without case: the preview is unzipped on Windows too."""
    path = path.lower()
    if path in PAGES_IN_GENERATED:
        return None
    return next((owner for pattern, owner in GENERATED if fnmatch.fnmatchcase(path, pattern)), None)


def generated_folders() -> dict[str, str]:
    """The folders the generators write into (`partner`, `daten`, …) with their owner."""
    folders: dict[str, str] = {}
    for pattern, owner in GENERATED:
        parts = PurePosixPath(pattern).parts[:-1]
        for depth in range(1, len(parts) + 1):
            folders.setdefault("/".join(parts[:depth]), owner)
    return folders


def badly_named(src: str) -> str | None:
    """The first part of the path whose name does not work on every system (klimapakt.rules.names);
    the logo folder has its own, stricter rule for names (klimapakt.rules.logos)."""
    if src.startswith(LOGO_FOLDER):
        return None
    return next((problem for part in src.split("/") if (problem := names.file_name_problem(part))), None)


def address(path: str) -> str:
    """The address a visitor sees: „/impressum/“ for impressum/index.html."""
    return "/" + (path.removesuffix("index.html") if path.endswith("index.html") else path)


def owner_problems(docs_dir: Path) -> list[Problem]:
    """A problem (at the file, as `docs/…`) for each file under docs/ whose address is not its own."""
    sources = docs_files(docs_dir)
    by_path: dict[str, list[str]] = {}  # without case: "Impressum.md" and "impressum.md" collide on Windows
    for src in sources:
        by_path.setdefault(site_path(src, docs_dir).lower(), []).append(src)
    folders = {str(parent) for path in by_path for parent in PurePosixPath(path).parents if str(parent) != "."}
    found = [(src, bad) for src in sources if (bad := badly_named(src))]
    for path, srcs in sorted(by_path.items()):
        found += path_problems(path, srcs, folders, docs_dir)
    return [Problem(1, "Datei", "-", message, ERROR, f"{docs_dir.name}/{src}") for src, message in found]


def path_problems(path: str, srcs: list[str], folders: set[str], docs_dir: Path) -> list[tuple[str, str]]:
    """(file, message) for the files that end up at `path`: more than one, or where a generator writes."""
    at = {src: address(site_path(src, docs_dir)) for src in srcs}
    found = [(src, f"Diese Datei ergibt dieselbe Adresse „{at[src]}“ wie {docs_dir.name}/{srcs[0]}; eine der beiden "
                   "würde die andere ersetzen. Bitte eine davon umbenennen oder löschen.") for src in srcs[1:]]
    owner, generated = generated_owner(path), generated_folders()
    if owner:
        found += [(src, f"Diese Datei ergäbe „{at[src]}“; dort schreibt die Website schon {owner}. Bitte die Datei "
                        "umbenennen oder löschen.") for src in srcs]
    elif path in folders or path in generated:
        found += [(src, f"Diese Datei ergäbe „{at[src]}“, aber dort steht ein Ordner "
                        f"({generated.get(path, 'andere Dateien aus docs/')}). Bitte die Datei umbenennen.") for src in srcs]
    return found
