"""The project as MkDocs configures it: paths resolved once, data loaded once, for hooks.py and macros.py.

Both glue files build a `Project` from MkDocs' config and only translate MkDocs events into
calls on it; nothing else in the package reads MkDocs' configuration.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from ..clock import build_date
from ..load import loader, news, registries
from ..load.registries import EVENTS, FIGURES, PARTNERS
from ..model.events import Event
from ..model.figures import Figure
from ..outputs import feeds, ical
from ..pages import check as pages
from ..report import Problem
from ..rules import logos
from . import site
from .settings import Settings, UnknownSetting, read_settings

POSTS_DIR = "aktuelles/posts"
_latest: list[Any] = []  # [config, the Project built from it] of the latest from_config (Project.of)


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of mkdocs.yml
    docs_dir: Path
    files: Mapping[str, Path]  # registry name -> its file, as `check` reads them (registries.declared_files)
    settings: Settings  # extra.settings, typed (klimapakt.mkdocs.settings)
    site_url: str
    site_name: str
    site_description: str
    theme_dir: Path | None = None  # the theme's custom_dir (overrides/): MkDocs copies its files too

    @classmethod
    def from_config(cls, config: MkDocsConfig) -> Project:
        root, extra = Path(config.config_file_path).parent, config.extra
        project = cls(root, Path(config.docs_dir), {r.name: path for r, path in registries.declared_files(os.environ, root)},
                   settings_of(extra), getattr(config, "site_url", None) or "",
                   getattr(config, "site_name", ""), getattr(config, "site_description", None) or "",
                   theme_dir_of(config))
        _latest[:] = [config, project]
        return project

    @classmethod
    def of(cls, config: MkDocsConfig) -> Project:
        """The project the last `from_config` built for this very config (one build): a profile page
        asks for it thousands of times, and reading the settings again each time cost 5 % of the build."""
        if _latest and _latest[0] is config:
            return _latest[1]
        return cls.from_config(config)

    @property
    def registry(self) -> Path:
        return self.files[PARTNERS.name]

    @property
    def logo_dir(self) -> Path:
        return self.docs_dir / logos.LOGO_SUBDIR

    @property
    def office(self) -> Mapping[str, str]:
        """The office's settings as the render and output layers read them (name → value)."""
        return dataclasses.asdict(self.settings.geschaeftsstelle)

    @property
    def office_email(self) -> str:
        return self.office.get("email", "")

    @property
    def publisher(self) -> str:
        return ", ".join(part for part in (self.office.get("name"), self.office.get("organisation")) if part)

    def data(self) -> site.SiteData:
        """partners.yml, validated: a RegistryError carries every problem, as `check` prints them."""
        return site.load_site_data(self.registry, self.logo_dir)

    def records(self, registry: registries.Registry) -> tuple[Any, ...]:
        """A registry's records, validated as `check` validates them (against the ids of the registries
        it refers to); no file, no records. A RegistryError carries every problem."""
        if registry is PARTNERS:
            return self.data().partners
        path = self.files.get(registry.name)
        if path is None:
            return ()
        references = {name: tuple(sorted(r.id for r in self.records(registries.registry_named(name))))
                      for name in registry.references}
        return loader.load_valid(path, registry=registry, references=references).records

    def validate(self) -> None:
        """Every declared registry, in their order (a registry's references before it)."""
        for registry in registries.REGISTRIES:
            self.records(registry)

    def events(self) -> tuple[Event, ...]:
        return self.records(EVENTS)

    def figures(self) -> tuple[Figure, ...]:
        """kennzahlen.yml: the pact's figures with date and source."""
        return self.records(FIGURES)

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


def settings_of(extra: Mapping[str, Any]) -> Settings:
    """extra.settings, typed; a key no field declares stops the build with the known keys."""
    try:
        return read_settings(extra.get("settings"))
    except UnknownSetting as err:
        raise Abort(str(err)) from None


def theme_dir_of(config: MkDocsConfig) -> Path | None:
    theme = getattr(config, "theme", None)
    custom_dir = theme.custom_dir if theme is not None and getattr(theme, "custom_dir", None) else None
    return Path(custom_dir) if custom_dir else None
