"""News posts read from their Markdown front matter (shared by the start page, the blog and the feeds).

`date_precision: month` (or `year`) says the source gives no day: the post is dated on the first
of the month, and every page and feed shows only the month (see klimapakt.precision).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .. import clock, files
from .. import precision as precisions
from ..pages import fields, front, limits
from ..report import errors

H1_RE = re.compile(r"^#[ \t]+(.+)", re.M)  # the title is stripped: `(.+?)\s*$` takes quadratic time on long spaces
PRECISION_KEY = fields.PRECISION_KEY


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
    """The post's front matter, read and checked as `check` does (klimapakt.pages.fields); a PostError
    carries every problem as file:line: message."""
    text = files.safe_read_bytes(path, None, limits.MAX_PAGE_BYTES).decode("utf-8").replace("\r\n", "\n")
    shown = shown_name(path)
    matter = front.read(text, shown, clock.build_date())
    heading = H1_RE.search(matter.body)
    values, problems = fields.read_post_fields(matter, shown, heading.group(1) if heading else None, path.stem)
    if values is None:
        raise PostError("\n".join(p.text() for p in errors(problems)) or f"{shown}: Die Meldung ist nicht lesbar.")
    return Post(title=values.title, date=values.date, slug=values.slug, categories=values.categories,
                description=values.description, source=path, draft=values.draft, precision=values.precision)


def shown_name(path: Path) -> str:
    """How messages name a post: from docs/ on ("docs/aktuelles/posts/….md"), as `check` does."""
    parts = path.parts
    return "/".join(parts[len(parts) - 1 - parts[::-1].index("docs"):]) if "docs" in parts else path.name


def read_posts(posts_dir: Path) -> list[Post]:
    """The posts the site publishes (drafts left out, so nothing links to an unbuilt page), newest first."""
    posts = [post for post in map(read_post, sorted(posts_dir.glob("*.md"))) if not post.draft]
    return sorted(posts, key=lambda p: (p.date, p.slug), reverse=True)
