"""mkdocs-macros glue: exposes figures and listings from the `klimapakt` package to pages.

No HTML and no rules here; every function returns what the package renders.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from klimapakt import events, exports, news, progress, render, site

PENDING = '<span class="kp-pending">wird ergänzt</span>'


def define_env(env):
    root = Path(env.conf.config_file_path).parent
    docs = Path(env.conf.docs_dir)
    settings = env.conf.extra["settings"]

    def data() -> site.SiteData:
        return site.load_site_data(root / env.conf.extra["registry"], docs / "assets/partners")

    def page_root() -> str:
        """Relative prefix from the current page to the site root, e.g. "../"."""
        depth = env.page.url.count("/") if env.page and env.page.url else 0
        return "../" * depth

    @env.macro
    def setting(key: str) -> str:
        """A configured fact as text (Markdown and HTML escaped); "wird ergänzt" while staff have not filled it in."""
        value = settings
        for part in key.split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        return render.markdown_text(str(value)) if value not in ("", None) else PENDING

    @env.macro
    def office_email_link() -> str:
        email = settings["geschaeftsstelle"].get("email")
        return f'<a href="{escape(render.mailto_url(email))}">{render.markdown_text(email)}</a>' if email else PENDING

    @env.macro
    def office_phone_link() -> str:
        phone = settings["geschaeftsstelle"].get("telefon")
        return f'<a href="{escape(render.tel_url(phone))}">{render.markdown_text(phone)}</a>' if phone else PENDING

    @env.macro
    def key_figures() -> str:
        return render.render_key_figures(data().figures, href=page_root() + "fortschritt/")

    @env.macro
    def progress_figure(section: str) -> str:
        """One section of the Fortschritt page (charts and tables), e.g. "zeitverlauf"; see progress.SECTIONS."""
        return progress.render_section(section, data().progress, root=page_root(),
                                       data_href=page_root() + exports.EXPORT_DIR + "/")

    @env.macro
    def data_files() -> str:
        """The open-data files (written into site/daten/ after the build) with links and row counts."""
        return render.render("data-files.html", files=exports.export_files(data().partners),
                             href=page_root() + exports.EXPORT_DIR + "/", tables=exports.tables(),
                             type_label=exports.type_label)

    @env.macro
    def partner_directory() -> str:
        registry = data()
        with registry.timer:  # partner HTML: counted in the registry layer, like the profiles
            return render.render_directory(list(registry.partners), root=page_root())

    @env.macro
    def latest_news(count: int = 3) -> str:
        posts = news.read_posts(docs / "aktuelles/posts")[:count]
        return render.render("news-list.html", posts=posts, root=page_root())

    def event_list() -> tuple[events.Event, ...]:
        ids = [p.id for p in data().partners]
        return events.load_valid_events(root / env.conf.extra["events"], ids)

    def render_events(template: str, **context) -> str:
        return render.render(template, root=page_root(), when=events.when_de, iso=events.iso, **context)

    @env.macro
    def next_event() -> str:
        """The next upcoming event for the start page; nothing when none is announced."""
        event = events.next_event(event_list(), events.build_date())
        return render_events("next-event.html", e=event) if event else ""

    @env.macro
    def events_page(section: str = "upcoming") -> str:
        """The upcoming (soonest first) or past (latest first) events, relative to the build date."""
        today = events.build_date()
        chosen = events.upcoming(event_list(), today) if section == "upcoming" else events.past(event_list(), today)
        names = {p.id: p.name for p in data().partners}
        return render_events("events.html", events=chosen, section=section, partner_names=names)
