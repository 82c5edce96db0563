"""MkDocs glue: load the registry once, add one profile page per partner (outside the nav).

All logic lives in the `klimapakt` package; this file only translates MkDocs events.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from klimapakt import events, feeds, ical, logos, news, preview, site, theme_fixes
from klimapakt.report import RegistryError

log = logging.getLogger("mkdocs.hooks.klimapakt")
_page_files: frozenset[str] = frozenset()  # the preview's HTML files (use_directory_urls: false), from on_env


def _data(config) -> site.SiteData:
    root = Path(config.config_file_path).parent
    return site.load_site_data(root / config.extra["registry"], Path(config.docs_dir) / "assets/partners")


def _events(config) -> tuple[events.Event, ...]:
    root = Path(config.config_file_path).parent
    return events.load_valid_events(root / config.extra["events"], [p.id for p in _data(config).partners])


def _docs_problems(config) -> list:
    """Symlinks and special files under docs/, invalid logo files (see klimapakt.logos.docs_problems)."""
    logo_names = [p.logo for p in _data(config).partners if p.logo]
    return logos.docs_problems(Path(config.docs_dir), logo_names)


def on_config(config):
    try:
        data = _data(config)  # every problem of partners.yml, as `check` prints them
        _events(config)  # events.yml likewise
        problems = _docs_problems(config)  # before MkDocs walks docs/, which follows symlinks
        if problems:
            raise RegistryError(problems)
    except RegistryError as err:  # Abort: exit code 1 with the German messages, no traceback
        raise Abort(str(err)) from None
    config.extra["demo"] = data.demo
    return config


def on_files(files: Files, config) -> Files:
    _drop_unsafe_files(files, config)
    data = _data(config)
    office_email = config.extra["settings"]["geschaeftsstelle"]["email"]
    for src_uri, markdown in site.profile_pages(data, office_email):
        files.append(File.generated(config, src_uri, content=markdown))
    _add_feeds(files, config)
    return files


def _drop_unsafe_files(files: Files, config) -> None:
    """Checked again for `serve` (docs/ may change between on_config and here); MkDocs would copy link targets."""
    problems = _docs_problems(config)
    refused = {p.file for p in problems}
    docs_dir = Path(config.docs_dir)
    for file in list(files):
        shown = f"{docs_dir.name}/{file.src_uri}"
        if (file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs_dir)
                and any(shown == path or shown.startswith(path + "/") for path in refused)):
            files.remove(file)
    if problems:
        raise Abort(str(RegistryError(problems)))


def _add_feeds(files: Files, config) -> None:
    """News feeds (RSS, JSON Feed), the events calendar and one .ics per event."""
    posts = news.read_posts(Path(config.docs_dir) / "aktuelles/posts")
    feed_args = (posts, config.site_url, config.site_name, config.site_description)
    all_events = _events(config)
    generated = {
        feeds.RSS_PATH: feeds.rss(*feed_args),
        feeds.JSON_PATH: feeds.json_feed(*feed_args),
        ical.FEED_PATH: ical.calendar_bytes(all_events, config.site_url),
        **{ical.event_file_path(e): ical.event_bytes(e, config.site_url) for e in all_events},
    }
    for src_uri, content in generated.items():
        files.append(File.generated(config, src_uri, content=content))


def on_page_content(html: str, page, config, files) -> str:
    """Profile pages: the package's HTML replaces the empty Markdown body (no Markdown parse)."""
    if not page.file.src_uri.startswith(site.PROFILE_DIR + "/"):
        return html
    data = _data(config)
    partner = data.by_profile_path.get(page.file.src_uri)
    if partner is None:
        return html
    office_email = config.extra["settings"]["geschaeftsstelle"]["email"]
    return site.profile_html(data, partner, office_email, config.site_url or "")


def on_env(env, config, files):
    global _page_files
    _page_files = preview.page_files(f.url for f in files) if not config.use_directory_urls else frozenset()
    return env


def on_post_page(output: str, page, config) -> str:
    """Repair Material's markup errors and give every page a skip link (see klimapakt.theme_fixes);
    in the preview (no directory URLs), links to page folders become links to the files."""
    output = theme_fixes.fix_page(output)
    return preview.file_links(output, page.file.url, _page_files) if _page_files else output


def on_post_template(output: str, template_name: str, config) -> str:
    """The same repairs for the 404 page, which MkDocs renders as a theme template, not a page."""
    if not template_name.endswith(".html"):
        return output
    output = theme_fixes.fix_page(output)
    return preview.file_links(output, template_name, _page_files) if _page_files else output


@event_priority(-100)  # last: after the search plugin has written search_index.json
def on_post_build(config) -> None:
    data = _data(config)
    office = config.extra["settings"]["geschaeftsstelle"]
    publisher = ", ".join(part for part in (office.get("name"), office.get("organisation")) if part)
    site.write_outputs(data, config.site_dir, site_url=config.site_url or "", publisher=publisher)
    log.info("Registry layer: %.2f s (CPU %.2f s) for %d partners", data.timer.seconds, data.timer.cpu_seconds,
             len(data.partners))
