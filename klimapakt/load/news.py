"""News posts read from their Markdown front matter (shared by the start page and feeds)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FRONT_MATTER_RE = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.S)
H1_RE = re.compile(r"^#[ \t]+(.+)", re.M)  # the title is stripped: `(.+?)\s*$` takes quadratic time on long spaces


@dataclass(frozen=True)
class Post:
    title: str
    date: dt.date
    slug: str
    categories: tuple[str, ...]
    description: str
    source: Path
    draft: bool = False  # `draft: true`: the blog plugin does not build the page

    @property
    def path(self) -> str:
        """URL path below the site root, as the blog plugin builds it (post_url_format "{slug}")."""
        return f"aktuelles/{self.slug}/"


def read_post(path: Path) -> Post:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    if not match:
        raise ValueError(f"{path}: front matter (--- … ---) fehlt")
    meta = yaml.safe_load(match.group(1)) or {}
    title = H1_RE.search(text[match.end():])
    date = meta["date"]
    if isinstance(date, dict):  # the blog plugin also allows {created: …}
        date = date["created"]
    if isinstance(date, dt.datetime):
        date = date.date()
    return Post(
        title=(meta.get("title") or (title.group(1) if title else path.stem)).strip(),
        date=date,
        slug=str(meta.get("slug") or path.stem),
        categories=tuple(meta.get("categories") or ()),
        description=str(meta.get("description") or ""),
        source=path,
        draft=meta.get("draft") is True,
    )


def read_posts(posts_dir: Path) -> list[Post]:
    """The posts the site publishes (drafts left out, so nothing links to an unbuilt page), newest first."""
    posts = [post for post in map(read_post, sorted(posts_dir.glob("*.md"))) if not post.draft]
    return sorted(posts, key=lambda p: (p.date, p.slug), reverse=True)
