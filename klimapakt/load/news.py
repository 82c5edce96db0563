"""News posts read from their Markdown front matter (shared by the start page, the blog and the feeds).

`date_precision: month` (or `year`) says the source gives no day: the post is dated on the first
of the month, and every page and feed shows only the month (see klimapakt.precision).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import precision as precisions

FRONT_MATTER_RE = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.S)
H1_RE = re.compile(r"^#[ \t]+(.+)", re.M)  # the title is stripped: `(.+?)\s*$` takes quadratic time on long spaces
PRECISION_KEY = "date_precision"  # the blog plugin ignores keys it does not know, so the build accepts it


class PostError(ValueError):
    """A post's front matter the site cannot publish; the message is German and names the file."""


@dataclass(frozen=True)
class Post:
    title: str
    date: dt.date
    slug: str
    categories: tuple[str, ...]
    description: str
    source: Path
    draft: bool = False  # `draft: true`: the blog plugin does not build the page
    precision: str = precisions.DAY  # what the source gives: day, month or year

    @property
    def date_text(self) -> str:
        """The date as shown: "5. Dezember 2022", or "Oktober 2021" when the source gives no day."""
        return precisions.text_de(self.date, self.precision)

    @property
    def date_iso(self) -> str:
        return precisions.iso(self.date, self.precision)

    @property
    def path(self) -> str:
        """URL path below the site root, as the blog plugin builds it (post_url_format "{slug}")."""
        return f"aktuelles/{self.slug}/"


def read_post(path: Path) -> Post:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    if not match:
        raise PostError(f"{path}: front matter (--- … ---) fehlt")
    meta = yaml.safe_load(match.group(1)) or {}
    title = H1_RE.search(text[match.end():])
    date = meta.get("date")
    if isinstance(date, dict):  # the blog plugin also allows {created: …}
        date = date["created"]
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):  # e.g. `date: 2021-10`, which YAML reads as text
        raise PostError(f"{path}: date: „{date}“ ist kein Datum in der Form JJJJ-MM-TT. Ist nur der Monat "
                        f"bekannt, schreiben Sie den Ersten des Monats und `{PRECISION_KEY}: month`.")
    post = Post(
        title=(meta.get("title") or (title.group(1) if title else path.stem)).strip(),
        date=date,
        slug=str(meta.get("slug") or path.stem),
        categories=tuple(meta.get("categories") or ()),
        description=str(meta.get("description") or ""),
        source=path,
        draft=meta.get("draft") is True,
        precision=date_precision(meta, date, path),
    )
    check_no_day_claimed(post)
    return post


def date_precision(meta: dict, date: dt.date, path: Path) -> str:
    """The post's declared precision, checked against its date (a month is dated on its first day)."""
    value = meta.get(PRECISION_KEY, precisions.DAY)
    message = precisions.problem(date, value)
    if message:
        raise PostError(f"{path}: {PRECISION_KEY}: {message}")
    return value


def check_no_day_claimed(post: Post) -> None:
    """Title and description (what lists and feeds show) of a post without a known day name none."""
    if post.precision == precisions.DAY:
        return
    for field, text in (("title", post.title), ("description", post.description)):
        day = precisions.day_named_in(text)
        if day:
            raise PostError(f"{post.source}: {field}: nennt den Tag „{day}“, aber die Quelle gibt nur "
                            f"{'den Monat' if post.precision == precisions.MONTH else 'das Jahr'} "
                            f"({PRECISION_KEY}: {post.precision}). Bitte ohne Tag schreiben, z. B. „{post.date_text}“.")


def read_posts(posts_dir: Path) -> list[Post]:
    """The posts the site publishes (drafts left out, so nothing links to an unbuilt page), newest first."""
    posts = [post for post in map(read_post, sorted(posts_dir.glob("*.md"))) if not post.draft]
    return sorted(posts, key=lambda p: (p.date, p.slug), reverse=True)
