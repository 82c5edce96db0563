"""The front matter keys pages and posts may use, and the rules on their values.

A post's date is as precise as its source (klimapakt.precision): `date_precision: month` dates it
on the first of the month, and title and description then name no day. Every problem names the
key's line; nothing raises, so `check` and the build print file:line messages, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from pymdownx.slugs import slugify

from .. import precision as precisions
from ..report import ERROR, WARNING, Problem, errors
from ..rules.text import check_plain_text
from .front import FrontMatter, read_date

SLUGIFY = slugify(case="lower")  # Material's blog default (post_slugify)
PRECISION_KEY = "date_precision"  # the blog plugin ignores keys it does not know, so the build accepts it
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags")  # what Material's `hide:` knows
MAX_TITLE_CHARS = 120
MAX_DESCRIPTION_CHARS = 300
PAGE_KEYS = {  # key -> what it is (German, for the message that lists them)
    "title": "Titel", "description": "Kurzbeschreibung", "hide": "ausgeblendete Teile",
    "render_macros": "„true“, wenn die Seite Bausteine wie {{ setting(…) }} nutzt",
}
POST_KEYS = {
    "date": "Datum JJJJ-MM-TT", PRECISION_KEY: "month oder year, wenn die Quelle keinen Tag nennt",
    "title": "Titel (sonst die erste Überschrift)", "description": "Kurzbeschreibung", "categories": "Kategorien",
    "slug": "Adresse der Meldung", "draft": "true: noch nicht veröffentlichen",
}


@dataclass(frozen=True)
class PostFields:
    """What a post's front matter says; klimapakt.load.news.Post adds the file it was read from."""

    title: str
    date: dt.date
    slug: str
    categories: tuple[str, ...]
    description: str
    draft: bool = False  # `draft: true`: the blog plugin does not build the page
    precision: str = precisions.DAY  # what the source gives: day, month or year


class Report:
    """Problems of one file, each at its key's line."""

    def __init__(self, file: str, entry: str, front: FrontMatter):
        self.file, self.entry, self.front, self.problems = file, entry, front, list(front.problems)

    def add(self, key: str, message: str, severity: str = ERROR, line: int | None = None) -> None:
        self.problems.append(Problem(line or self.front.line(key), self.entry, key, message, severity, self.file))


def page_problems(front: FrontMatter, file: str) -> list[Problem]:
    report = Report(file, "Seite", front)
    unknown_keys(report, PAGE_KEYS)
    text_field(report, "title", MAX_TITLE_CHARS)
    text_field(report, "description", MAX_DESCRIPTION_CHARS)
    hide = front.values.get("hide")
    if hide is not None and (not isinstance(hide, list) or any(h not in HIDE_VALUES for h in hide)):
        report.add("hide", f"erlaubt ist eine Liste aus {', '.join(HIDE_VALUES)}, z. B. „hide: [toc]“.")
    flag = front.values.get("render_macros")
    if flag is not None and not isinstance(flag, bool):
        report.add("render_macros", "bitte „true“ schreiben (oder die Zeile weglassen).")
    return report.problems


def read_post_fields(front: FrontMatter, file: str, heading: str | None, stem: str) -> tuple[PostFields | None, list[Problem]]:
    """The post's fields, or None with every problem of its front matter."""
    report = Report(file, "Meldung", front)
    if errors(front.problems):
        return None, report.problems
    values = front.values
    if "render_macros" in values:
        report.add("render_macros", "Meldungen nutzen keine Bausteine wie {{ … }}; bitte die Zeile löschen.")
    unknown_keys(report, {**POST_KEYS, "render_macros": ""})
    title = text_field(report, "title", MAX_TITLE_CHARS) or (heading or "").strip() or stem
    description = text_field(report, "description", MAX_DESCRIPTION_CHARS, missing=(
        f"fehlt. Bitte eine Kurzbeschreibung in einem Satz eintragen (höchstens {MAX_DESCRIPTION_CHARS} Zeichen); "
        "sie steht in der Liste „Aktuelles“, auf der Startseite und im Feed."))
    date = post_date(report)
    precision = post_precision(report, date)
    categories = post_categories(report)
    slug = str(values.get("slug") or SLUGIFY(title, "-"))  # as the blog plugin names a post without one
    if "slug" in values and not (isinstance(values["slug"], str) and SLUG_RE.fullmatch(slug)):
        report.add("slug", "nur Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. „achtes-netzwerktreffen“.")
    draft = values.get("draft", False)
    if not isinstance(draft, bool):
        report.add("draft", "bitte „true“ (noch nicht veröffentlichen) oder „false“ schreiben.")
    if errors(report.problems) or date is None:
        return None, report.problems
    fields = PostFields(title, date, slug, tuple(categories), description or "", draft is True, precision)
    no_day_claimed(report, fields)
    return (None if errors(report.problems) else fields), report.problems


def unknown_keys(report: Report, allowed: dict[str, str]) -> None:
    for key in report.front.values:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" Meinten Sie „{close[0]}“?" if close else ""
            listed = "; ".join(f"{k} ({what})" for k, what in allowed.items())
            report.add(key, f"„{key}“ ist hier kein bekanntes Feld.{hint} Erlaubt sind: {listed}.")


def text_field(report: Report, key: str, limit: int, missing: str | None = None) -> str | None:
    """A one-line text; `missing`: the hint when the key is left out."""
    value = report.front.values.get(key)
    if value is None:
        if missing:
            report.add(key, missing, WARNING, line=max(report.front.body_line - 1, 1))
        return None
    if not isinstance(value, str) or not value.strip():
        report.add(key, "bitte einen Text eintragen (in Anführungszeichen, wenn er mit einer Zahl beginnt).")
        return None
    for message in check_plain_text(value, single_line=True):
        report.add(key, message)
    if len(value) > limit:
        report.add(key, f"Der Text ist {len(value)} Zeichen lang; höchstens {limit} sind erlaubt.")
    return value.strip()


def post_date(report: Report) -> dt.date | None:
    value = report.front.values.get("date")
    if isinstance(value, dict):  # the blog plugin also allows {created: …}
        value = value.get("created")
    if value is None:
        report.add("date", "fehlt. Bitte das Datum der Meldung eintragen, z. B. „date: 2025-07-03“.",
                   line=max(report.front.body_line - 1, 1))
        return None
    date, why = read_date(value)
    if date is None:
        report.add("date", why)
    return date


def post_precision(report: Report, date: dt.date | None) -> str:
    value = report.front.values.get(PRECISION_KEY, precisions.DAY)
    if date is not None or value not in precisions.PRECISIONS:
        message = precisions.problem(date or dt.date(2000, 1, 1), value)
        if message:
            report.add(PRECISION_KEY, message)
    return value if value in precisions.PRECISIONS else precisions.DAY


def post_categories(report: Report) -> list[str]:
    value = report.front.values.get("categories", [])
    if not isinstance(value, list) or not all(isinstance(c, str) and c.strip() for c in value):
        report.add("categories", "bitte eine Liste von Kategorien, je Zeile „  - Netzwerktreffen“.")
        return []
    for category in value:
        for message in check_plain_text(category, single_line=True):
            report.add("categories", f"„{category[:40]}“: {message}")
    return [c.strip() for c in value]


def no_day_claimed(report: Report, post: PostFields) -> None:
    """Title and description (what lists and feeds show) of a post without a known day name none."""
    if post.precision == precisions.DAY:
        return
    for key, text in (("title", post.title), ("description", post.description)):
        day = precisions.day_named_in(text)
        if day:
            report.add(key, f"nennt den Tag „{day}“, aber die Quelle gibt nur "
                       f"{'den Monat' if post.precision == precisions.MONTH else 'das Jahr'} "
                       f"({PRECISION_KEY}: {post.precision}). Bitte ohne Tag schreiben, z. B. „{text_de(post)}“.",
                       line=report.front.line(key) if key in report.front.values else report.front.body_line)


def text_de(post: PostFields) -> str:
    return precisions.text_de(post.date, post.precision)
