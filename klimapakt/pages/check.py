"""Every page and post under docs/, checked as data: `check` and the build (hooks.on_config) call this.

Per file: reading (klimapakt.files: no symlink, bounded size, UTF-8), front matter (front.py,
fields.py), limits (limits.py) and macro calls (macros.py); then, only for a body within the limits,
the HTML Markdown makes of it (rules/markup.py) and its links (links.py), against every page read.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import files
from ..report import ERROR, Problem
from ..rules import markup
from . import fields, figure_calls, front, limits, links, macros, render

POSTS_DIR = "aktuelles/posts"


@dataclass(frozen=True)
class Page:
    path: str  # below docs/, e.g. "aktuelles/posts/2022-12-erstes-netzwerktreffen.md"
    file: str  # as messages name it, e.g. "docs/aktuelles/posts/…"
    text: str
    matter: front.FrontMatter

    @property
    def is_post(self) -> bool:
        return self.path.startswith(POSTS_DIR + "/")

    @property
    def opted_in(self) -> bool:
        return self.matter.values.get(macros.OPT_IN) is True


def page_problems(docs_dir: Path, partner_ids: Iterable[str], today: dt.date,
                  figure_ids: Iterable[str] | None = None) -> list[Problem]:
    """Every problem of every Markdown file below `docs_dir` (symlinks are reported by klimapakt.rules.logos);
    `figure_ids`: the ids of kennzahlen.yml the pages may cite (None: kennzahlen.yml could not be read, its
    own check says why)."""
    figure_ids = None if figure_ids is None else frozenset(figure_ids)
    sources = sorted(p for p in docs_dir.rglob("*.md") if not p.is_symlink() and p.is_file())
    problems: list[Problem] = []
    pages: list[Page] = []
    for source in sources:
        page, problem = read_page(docs_dir, source, today)
        problems += [problem] if problem else []
        pages += [page] if page else []
    rendered: dict[str, str] = {}
    for page in pages:
        found, renderable = own_problems(page)
        problems += found
        if figure_ids is not None and page.opted_in and not page.is_post:
            problems += figure_calls.figure_call_problems(page.matter.body, page.file, page.matter.body_line, figure_ids)
        if renderable:
            try:
                rendered[page.path] = render.to_html(macros.without_calls(page.matter.body))
            except RecursionError:  # within the limits this does not happen; if it does, a message, no traceback
                problems.append(Problem(page.matter.body_line, "Seite", "-", "Die Seite ist zu tief verschachtelt "
                                        "(Listen, Zitate oder HTML in HTML). Bitte vereinfachen.", ERROR, page.file))
    site = site_of(docs_dir, pages, rendered, partner_ids)
    for page in pages:
        if page.path in rendered:
            problems += markup_problems(page, rendered[page.path], site)
    return problems


def read_page(docs_dir: Path, source: Path, today: dt.date) -> tuple[Page | None, Problem | None]:
    path = source.relative_to(docs_dir).as_posix()
    file = f"{docs_dir.name}/{path}"
    try:
        text = files.safe_read_bytes(source, docs_dir, limits.MAX_PAGE_BYTES, name=files.file_name(file)).decode("utf-8")
    except files.Refused as err:
        return None, Problem(1, "Datei", "-", str(err), ERROR, file)
    except UnicodeDecodeError as err:
        line = err.object[:err.start].count(b"\n") + 1
        return None, Problem(line, "Datei", "-", "Die Datei ist nicht UTF-8-kodiert. Bitte als UTF-8 speichern.", ERROR, file)
    except OSError:
        return None, None  # vanished meanwhile
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Page(path, file, text, front.read(text, file, today)), None


def own_problems(page: Page) -> tuple[list[Problem], bool]:
    """What can be judged from the page alone, before Markdown runs, and whether Markdown may run
    (the body is within the limits; a mistake in the front matter does not stop the rest)."""
    matter = page.matter
    if page.is_post:
        heading = next((line[2:] for line in matter.body.split("\n") if line.startswith("# ")), None)
        problems = fields.read_post_fields(matter, page.file, heading, Path(page.path).stem)[1]
    else:
        problems = fields.page_problems(matter, page.file)
    over = limits.limit_problems(matter.body, page.file, matter.body_line)
    calls = macros.template_problems(matter.body, page.file, matter.body_line, page.opted_in, page.is_post)
    return problems + over + calls, not over


def site_of(docs_dir: Path, pages: list[Page], rendered: dict[str, str], partner_ids: Iterable[str]) -> links.Site:
    others = frozenset(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*")
                       if p.is_file() and not p.is_symlink() and p.suffix != ".md")
    anchors = {page.path: frozenset(markup.ids_in(rendered[page.path])) for page in pages if page.path in rendered}
    return links.Site(frozenset(p.path for p in pages), others, frozenset(partner_ids), anchors,
                      frozenset(p.path for p in pages if p.opted_in))


def markup_problems(page: Page, page_html: str, site: links.Site) -> list[Problem]:
    def link_problem(element: str, attribute: str, url: str):
        return links.link_problem(site, page.path, element, url)

    locate = Locator(page.matter.body, page.matter.body_line)
    entry = "Meldung" if page.is_post else "Seite"
    return [Problem(locate(finding.needles), entry, "-", finding.message, finding.severity, page.file)
            for finding in markup.findings(page_html, link_problem)]


class Locator:
    """The line of the n-th finding of the same text: Markdown's HTML has no line numbers, so each refused
    thing is looked up in the source (also with its HTML entities decoded), in the order found."""

    def __init__(self, body: str, first_line: int):
        self.lines = [(line.lower(), html.unescape(line).lower()) for line in body.split("\n")]
        self.first_line = first_line
        self.seen: dict[str, int] = {}

    def __call__(self, needles: tuple[str, ...]) -> int:
        for needle in needles:
            hits = [n for n, (raw, decoded) in enumerate(self.lines) if needle in raw or needle in decoded]
            if hits:
                index = self.seen.get(needle, 0)
                self.seen[needle] = index + 1
                return self.first_line + hits[min(index, len(hits) - 1)]
        return self.first_line
