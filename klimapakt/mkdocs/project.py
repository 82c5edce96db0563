"""The project as MkDocs configures it: paths resolved once, data loaded once, for hooks.py and macros.py.

Both glue files build a `Project` from MkDocs' config and only translate MkDocs events into
calls on it; nothing else in the package reads MkDocs' configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from ..clock import build_date
from ..load import loader, news
from ..load.registries import EVENTS, FIGURES, PARTNERS
from ..model.figures import Figure
from ..model.events import Event
from ..outputs import feeds, ical
from ..pages import check as pages
from ..report import Problem
from ..rules import logos
from . import site

POSTS_DIR = "aktuelles/posts"


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of mkdocs.yml
    docs_dir: Path
    registry: Path
    events_file: Path
    figures_file: Path
    settings: Mapping[str, Any]
    site_url: str
    site_name: str
    site_description: str
    theme_dir: Path | None = None  # the theme's custom_dir (overrides/): MkDocs copies its files too

    @classmethod
    def from_config(cls, config: Any) -> "Project":
        root, extra = Path(config.config_file_path).parent, config.extra
        return cls(root, Path(config.docs_dir), root / extra.get("registry", PARTNERS.file),
                   root / extra.get("events", EVENTS.file), root / extra.get("figures", FIGURES.file),
                   extra.get("settings", {}), getattr(config, "site_url", None) or "",
                   getattr(config, "site_name", ""), getattr(config, "site_description", None) or "",
                   theme_dir_of(config))

    @property
    def logo_dir(self) -> Path:
        return self.docs_dir / logos.LOGO_SUBDIR

    @property
    def office(self) -> Mapping[str, Any]:
        return self.settings.get("geschaeftsstelle", {})

    @property
    def office_email(self) -> str:
        return self.office.get("email", "")

    @property
    def publisher(self) -> str:
        return ", ".join(part for part in (self.office.get("name"), self.office.get("organisation")) if part)

    def data(self) -> site.SiteData:
        """partners.yml, validated: a RegistryError carries every problem, as `check` prints them."""
        return site.load_site_data(self.registry, self.logo_dir)

    def events(self) -> tuple[Event, ...]:
        return loader.load_valid_events(self.events_file, [p.id for p in self.data().partners])

    def figures(self) -> tuple[Figure, ...]:
        """kennzahlen.yml: the pact's figures with date and source."""
        return loader.load_valid(self.figures_file, registry=FIGURES).records

    def docs_problems(self) -> list[Problem]:
        """Symlinks and special files under docs/ and overrides/, invalid logo files (see klimapakt.rules.logos)."""
        found = logos.docs_problems(self.docs_dir, [p.logo for p in self.data().partners if p.logo])
        return found + (logos.folder_tree_problems(self.theme_dir) if self.theme_dir else [])

    def page_problems(self) -> list[Problem]:
        """Every page's and post's problems, as `check` prints them (klimapakt.pages.check)."""
        return pages.page_problems(self.docs_dir, [p.id for p in self.data().partners], self.today(),
                                   [f.id for f in self.figures()])

    def posts(self) -> list[news.Post]:
        return news.read_posts(self.docs_dir / POSTS_DIR)

    def today(self):
        return build_date()

    def generated_files(self) -> dict[str, str | bytes]:
        """News feeds (RSS, JSON Feed), the events calendar and one .ics per event, by site path."""
        feed_args = (self.posts(), self.site_url, self.site_name, self.site_description)
        all_events = self.events()
        return {
            feeds.RSS_PATH: feeds.rss(*feed_args),
            feeds.JSON_PATH: feeds.json_feed(*feed_args),
            ical.FEED_PATH: ical.calendar_bytes(all_events, self.site_url),
            **{ical.event_file_path(e): ical.event_bytes(e, self.site_url) for e in all_events},
        }

    def profile_html(self, src_uri: str) -> str | None:
        data = self.data()
        partner = data.by_profile_path.get(src_uri)
        return site.profile_html(data, partner, self.office_email, self.site_url) if partner else None

    def write_outputs(self, site_dir: str) -> site.SiteData:
        data = self.data()
        site.write_outputs(data, site_dir, site_url=self.site_url, publisher=self.publisher, office=self.office)
        return data


def theme_dir_of(config: Any) -> Path | None:
    theme = getattr(config, "theme", None)
    custom_dir = theme.custom_dir if theme is not None and getattr(theme, "custom_dir", None) else None
    return Path(custom_dir) if custom_dir else None
