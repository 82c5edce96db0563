"""The "Klimapartner Düsseldorf" badge: one static SVG per Klimapartner and its embed snippet.

The badge is a plain image (no script, no external font, no tracking): partners embed
it with an <img> that links back to their profile, or download it and host it
themselves. Only partners with status "partner" (signed agreement) get one; a founding
partner ("Initialpartner") only if its own agreement is entered.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import jinja2

from .. import vocabulary
from ..model.partners import Partner
from ..vocabulary import PROFILE_DIR

BADGE_FILE = vocabulary.BADGE_FILE
WIDTH, HEIGHT = 240, 64
NAME = "Klimapartner Düsseldorf"


@dataclass(frozen=True)
class Badge:
    partner_id: str
    partner_name: str
    year: int | None  # the year the partner joined the pact

    @property
    def text(self) -> str:
        return f"{NAME} seit {self.year}" if self.year else NAME

    @property
    def path(self) -> str:
        """Where the badge lives in the site, e.g. "partner/acme/badge.svg"."""
        return f"{PROFILE_DIR}/{self.partner_id}/{BADGE_FILE}"

    def profile_url(self, site_url: str) -> str:
        return f"{site_url.rstrip('/')}/{PROFILE_DIR}/{self.partner_id}/"

    def url(self, site_url: str) -> str:
        return self.profile_url(site_url) + BADGE_FILE

    def alt(self) -> str:
        """Alt text of the embedded badge: it is the link's only content, so it names the target."""
        return f"{self.text} – Profil von {self.partner_name} im Klimapakt Düsseldorf"


def earns_badge(partner: Partner) -> bool:
    return partner.has_badge


def badge_for(partner: Partner) -> Badge | None:
    """The badge of a Klimapartner; None for Initialpartner, Letters of Intent and former partners."""
    if not earns_badge(partner):
        return None
    return Badge(partner.id, partner.name, partner.year_joined)


@functools.cache
def badge_svg(year: int | None) -> str:
    """The SVG text; it depends on the year only, so each year is rendered once per build."""
    template = templates().get_template("badge.svg")
    return template.render(text=f"{NAME} seit {year}" if year else NAME, year=year, width=WIDTH, height=HEIGHT)


@functools.cache
def templates() -> jinja2.Environment:
    """The outputs' own templates (the badge and the redirect pages are files, not parts of a page: no
    render layer needed)."""
    return jinja2.Environment(loader=jinja2.PackageLoader("klimapakt.outputs", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Embed:
    """What a Klimapartner's profile shows: a preview of the badge and the HTML to copy."""

    text: str
    file: str  # relative to the profile page
    width: int
    height: int
    snippet: str


def embed_snippet(badge: Badge, site_url: str) -> str:
    """The HTML a partner copies into its website: the badge as an image linking to the profile."""
    return (f'<a href="{escape(badge.profile_url(site_url))}"><img src="{escape(badge.url(site_url))}" '
            f'alt="{escape(badge.alt())}" width="{WIDTH}" height="{HEIGHT}"></a>')


def embed(partner: Partner, site_url: str) -> Embed | None:
    badge = badge_for(partner)
    if badge is None:
        return None
    return Embed(badge.text, BADGE_FILE, WIDTH, HEIGHT, embed_snippet(badge, site_url))


def write_badges(partners: Iterable[Partner], site_dir: Path) -> int:
    """Write partner/<id>/badge.svg for every Klimapartner; returns how many were written.

    Badges of the same year are identical, so after the first one of a year the others
    are hard links to it: creating a link costs a twentieth of writing a file, which
    matters with thousands of partners. Where links are not possible, the file is written.
    """
    first_of_year: dict[int | None, str] = {}
    written = 0
    for partner in partners:
        badge = badge_for(partner)
        if badge is None:
            continue
        path = os.path.join(site_dir, badge.path)
        source = first_of_year.get(badge.year)
        if source is None or not link(source, path):
            write_file(path, badge_svg(badge.year))
            first_of_year.setdefault(badge.year, path)
        written += 1
    return written


def link(source: str, path: str) -> bool:
    """`path` as a hard link to `source`, replacing any file there, in its folder made if needed (the profile's
    folder usually is there: one system call a badge); False where the file system has no hard links."""
    for _attempt in range(3):
        try:
            os.link(source, path)
            return True
        except FileExistsError:
            os.unlink(path)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except OSError:
            break
    return False


def write_file(path: str, text: str) -> None:
    """A new file at `path`: one there before is removed first, as it may be a hard link to another badge."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.lexists(path):
        os.unlink(path)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
