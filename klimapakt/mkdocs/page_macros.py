"""The macros pages call (mkdocs-macros): figures, listings and configured facts from the package.

`define(env, project)` registers each on mkdocs-macros' `env`; macros.py only hands both in. No HTML
here: every macro returns what klimapakt.render renders.
"""

from __future__ import annotations

from typing import Any, Protocol

from mkdocs.structure.pages import Page

from .. import exports
from ..model import events
from ..outputs import vcard
from ..render import coverage, html, progress
from ..render.events import iso, when_de
from ..render.hosting_notice import hosting_markdown
from . import deferred
from .project import Project


class MacrosEnv(Protocol):
    """The part of mkdocs-macros' `MacrosPlugin` (its `env`) that the macros use."""

    @property
    def page(self) -> Page | None: ...  # the page being rendered

    def macro(self, function: Any, name: str = "") -> Any: ...


def define(env: MacrosEnv, project: Project) -> None:
    def page_root() -> str:
        """Relative prefix from the current page to the site root, e.g. "../"."""
        depth = env.page.url.count("/") if env.page and env.page.url else 0
        return "../" * depth

    @env.macro
    def setting(key: str) -> str:
        """A configured fact as text (Markdown and HTML escaped); "wird ergänzt" while staff have not filled it in.
        An unknown key stops the build with the list of known keys (klimapakt.mkdocs.settings)."""
        return html.setting_text(project.settings.value(key))

    @env.macro
    def hosting_notice() -> str:
        """The privacy notice's hosting paragraph for `extra.settings.hosting.art` (klimapakt.render.hosting_notice)."""
        return hosting_markdown(project.settings.as_mapping()["hosting"])

    @env.macro
    def office_email_link() -> str:
        return html.email_link(project.office.get("email"))

    @env.macro
    def joining_costs() -> str:
        """What joining costs, once staff fill it in (extra.settings.beitritt.kosten), and whom to ask."""
        return html.joining_costs(project.settings.value("beitritt.kosten"), project.office.get("email"))

    @env.macro
    def office_phone_link() -> str:
        return html.phone_link(project.office.get("telefon"))

    @env.macro
    def office_phone_if_known(intro: str) -> str:
        """`intro` and the office's phone, or nothing while the number is not known (no "wird ergänzt")."""
        return html.phone_if_known(project.office.get("telefon"), intro)

    @env.macro
    def contact_box(heading: str = "Kontakt") -> str:
        """The office's name, e-mail and (once configured) phone in a short box, with a link to Kontakt."""
        return html.render_contact_box(project.office, root=page_root(), heading=heading)

    @env.macro
    def office_details() -> str:
        """The office's name, e-mail, phone, postal address and contact person: only those configured."""
        return html.render_office_details(project.office)

    @env.macro
    def office_vcard_link() -> str:
        """A download link to the office's vCard, which the build writes after the pages."""
        return html.render("vcard-link.html", href=page_root() + vcard.VCARD_PATH, media_type=vcard.MEDIA_TYPE)

    def directory_coverage_of() -> coverage.Coverage:
        return coverage.coverage(project.data().partners, project.figures())

    @env.macro
    def key_figures() -> str:
        return html.render_key_figures(project.data().figures, root=page_root(),
                                       coverage=directory_coverage_of())

    @env.macro
    def directory_coverage() -> str:
        """„Bisher sind N von über 100 Partnerunternehmen eingetragen“, with the count's date and source."""
        return html.render_coverage(directory_coverage_of())

    @env.macro
    def pact_figures(*ids: str) -> str:
        """The pact's figures from kennzahlen.yml (those with these ids, else all), each with date and source."""
        return html.render_pact_figures(project.figures(), ids)

    @env.macro
    def pact_fact(figure_id: str) -> str:
        """One figure from kennzahlen.yml as a sentence with its date and source, for running text."""
        return html.render_pact_fact(project.figures(), figure_id)

    @env.macro
    def progress_figure(section: str) -> str:
        """One section of the Fortschritt page (charts and tables), e.g. "zeitverlauf"; see progress.SECTIONS."""
        return progress.render_section(section, project.data().progress, root=page_root(),
                                       data_href=page_root() + exports.EXPORT_DIR + "/")

    @env.macro
    def sector_list() -> str:
        """The WZ sections: the short name the site shows beside the official title."""
        return html.render("sector-list.html")

    @env.macro
    def data_files() -> str:
        """The open-data files (written into site/daten/ after the build) with links and row counts."""
        return html.render("data-files.html", files=exports.export_files(project.data().partners),
                           href=page_root() + exports.EXPORT_DIR + "/", tables=exports.tables(),
                           type_label=exports.type_label)

    @env.macro
    def partner_directory() -> str:
        registry = project.data()
        with registry.timer:  # partner HTML: counted in the registry layer, like the profiles
            return deferred.hold(html.render_directory(list(registry.partners), root=page_root(),
                                                       hold=deferred.hold_late))

    @env.macro
    def latest_news(count: int = 3) -> str:
        return html.render("news-list.html", posts=project.posts()[:count], root=page_root())

    def render_events(template: str, **context: Any) -> str:
        return html.render(template, root=page_root(), when=when_de, iso=iso, **context)

    @env.macro
    def next_event() -> str:
        """The next upcoming event for the start page; nothing when none is announced."""
        event = events.next_event(project.events(), project.today())
        return render_events("next-event.html", e=event) if event else ""

    @env.macro
    def events_page(section: str = "upcoming") -> str:
        """The upcoming (soonest first) or past (latest first) events, relative to the build date."""
        today = project.today()
        chosen = (events.upcoming if section == "upcoming" else events.past)(project.events(), today)
        names = {p.id: p.name for p in project.data().partners}
        return render_events("events.html", events=chosen, section=section, partner_names=names)
