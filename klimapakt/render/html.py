"""HTML for partner cards, the directory, profiles and figures.

Everything from the data is autoescaped by Jinja and rendered as text: templates here
are ours, data only ever fills their variables. Links use a `root` prefix relative to
the page (e.g. "../"), so the output does not depend on the site generator.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Callable, Mapping
from html import escape
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markupsafe
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from .. import vocabulary
from ..mdtext import markdown_text
from ..model.figures import QUALIFIERS
from ..model.partners import Partner
from ..precision import Period
from ..urls import mailto_url, tel_url  # noqa: F401  (templates and macros use them from here)
from . import directory, pact
from .coverage import Coverage
from .figures import KeyFigures

SAFE_SCHEMES = ("https", "http", "mailto", "tel")


@functools.cache
def environment() -> jinja2.Environment:
    """The templates, compiled once: no file check on each render or include (`auto_reload=False`, about
    5,000 `os.stat` calls a build); `fresh_templates()` starts over, e.g. when `mkdocs serve` rebuilds."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("klimapakt.render", "templates"),
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(date_de=date_de, number_de=number_de, amount_de=amount_de, safe_url=safe_url, tel_url=tel_url,
                       mailto_url=mailto_url, mdtext=mdtext, district_short=directory.district_short,
                       district_label=vocabulary.district_label, capitalize_first=capitalize_first,
                       card_id=directory.card_id, initial=directory.initial, sector_with_title=vocabulary.sector_with_title)
    env.globals.update(vocabulary=vocabulary, labels=LABELS, profile_dir=vocabulary.PROFILE_DIR, founding_role=FOUNDING_ROLE)
    return env


def fresh_templates() -> None:
    """Read the templates again on the next render (a new build may follow an edit of one)."""
    environment.cache_clear()


LABELS = {
    "role": vocabulary.ROLES, "status": vocabulary.STATUSES, "sector": vocabulary.SECTORS,
    "sector_short": vocabulary.SECTOR_SHORT, "size": vocabulary.SIZES,
    "district": vocabulary.DISTRICTS, "field": vocabulary.MEASURE_FIELDS, "measure_status": vocabulary.MEASURE_STATUSES,
}


# What the Initialpartner are, in the directory and on their profiles (FACTS: organisers with the city).
FOUNDING_ROLE = ("Die Initialpartner haben den Klimapakt gemeinsam mit der Landeshauptstadt Düsseldorf gegründet "
                 "und organisieren ihn mit ihr.")


# Babel's formatting costs about 50 µs a call and a build formats the same few thousand dates and
# numbers again on every profile: both formatters remember their results (values are immutable).
# Given the name "de_DE", Babel parses it again on every call (about two thirds of a call's time):
# the parsed locale is passed instead. The output is the same.
GERMAN = Locale.parse("de_DE")
@functools.lru_cache(maxsize=8192, typed=True)
def date_de(value: dt.date | Period | None) -> str:
    """„3. Juli 2025“; a period as precise as it is: „Juli 2025“, „2025“."""
    if isinstance(value, Period):
        return value.text_de()
    return format_date(value, format="long", locale=GERMAN) if value else ""


@functools.lru_cache(maxsize=8192, typed=True)
def number_de(value: float | int | None) -> str:
    if value is None:
        return ""
    if type(value) is float:
        value += 0.0  # -0.0 becomes 0.0: the cache holds one entry for both (they are equal), and "-0" says nothing
    return _plain_number_de(value) or format_decimal(value, locale=GERMAN)


_MILLI = decimal.Decimal("0.001")


def _plain_number_de(value: float | int) -> str | None:
    """What Babel's German pattern „#,##0.###“ writes for a whole number or a finite float from 0 to 10¹⁵
    (the tonnes of every emissions chart, mostly distinct): rounded as Babel rounds, the same digits,
    at about a tenth of its cost. None for anything else (Babel then formats it)."""
    if type(value) is int and value >= 0:
        return f"{value:,}".replace(",", ".")
    if type(value) is not float or not 0 <= value < 1e15:
        return None
    text = repr(value)
    whole, _, fraction = text.partition(".")
    if len(fraction) > 3 or "e" in text:  # only then has the decimal text more digits than Babel writes
        whole, _, fraction = f"{decimal.Decimal(text).quantize(_MILLI):f}".partition(".")
    fraction = fraction.rstrip("0")
    return f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")


def amount_de(figure) -> str:
    """A pact figure's value as precise as its source says: „über 100“, „rund 100.000“, „157“."""
    prefix = "" if figure.qualifier == "exactly" else QUALIFIERS[figure.qualifier] + " "
    return prefix + number_de(figure.value)


def capitalize_first(text: str) -> str:
    """„über 100“ → „Über 100“ at the start of a sentence; the rest stays as it is."""
    return text[:1].upper() + text[1:]


def safe_url(value: str | None) -> str | None:
    """The URL if it may become a link (http, https, mailto, tel), else None."""
    if not value:
        return None
    scheme = urlsplit(value.strip()).scheme.lower()
    return value.strip() if scheme in SAFE_SCHEMES else None


def mdtext(value: object) -> markupsafe.Markup:
    """A configured value as text that stays text on a Markdown page, wherever the macro's HTML lands:
    every character HTML or Markdown reads as syntax as a character reference, white space as single spaces."""
    return markupsafe.Markup(markdown_text(str(value)))


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def macro(template: str, name: str) -> Callable[..., markupsafe.Markup]:
    """A macro of a template, called from Python as the templates that import it call it."""
    return vars(environment().get_template(template).module)[name]


def render_card(partner: Partner, root: str = "../") -> str:
    """One card as the directory shows it (card.html's macro)."""
    return str(macro("card.html", "card")(partner, root))


def render_directory(partners: list[Partner], root: str = "../") -> str:
    """The filterable list of partner companies, then the Initialpartner in a section of their own.
    Above `directory.LETTER_NAV_MIN` listed partners a bar of initial letters jumps into the list."""
    ordered = sorted(partners, key=directory.sort_key)
    listed = [p for p in ordered if not p.is_founding]
    used_sectors = sorted({p.sector for p in listed if p.sector})
    statuses = {key: label for key, label in vocabulary.STATUSES.items() if key != vocabulary.STATUS_FOUNDING}
    districts = {number: vocabulary.district_label(number) for number in vocabulary.DISTRICTS}
    letters = directory.letter_bar(listed) if len(listed) >= directory.LETTER_NAV_MIN else []
    return render("directory.html", partners=listed, founding=[p for p in ordered if p.is_founding], root=root,
                  used_sectors=used_sectors, statuses=statuses, districts=districts, letters=letters)


def render_profile(partner: Partner, *, office_email: str, root: str = "../../", emissions_svg: str = "",
                   emissions_note: str = "", badge=None) -> str:
    """The profile's HTML; `badge` (a badges.Embed, for Klimapartner) adds the badge section,
    `emissions_note` says which scopes the chart adds up (render.emissions.partner_note)."""
    measures_by_status = {
        status: [m for m in partner.measures if m.status == status]
        for status in ("done", "in-progress", "planned")
    }
    correction = mailto_url(office_email, f"Korrektur Partnerprofil {partner.id}")
    return str(macro("profile.html", "profile")(partner, root, measures_by_status, correction, emissions_svg,
                                                emissions_note, badge))


def render_key_figures(figures: KeyFigures, root: str, coverage: Coverage) -> str:
    """The start page's counts from the directory: only those above 0, each labelled as counted here and
    linked to what it counts (the directory filtered by status, the measures on Fortschritt)."""
    return render("figures.html", f=figures, root=root, coverage=coverage)


def render_coverage(coverage: Coverage) -> str:
    """The sentence that says how many of the pact's partners the directory holds, with date and source."""
    return render("coverage.html", c=coverage, cite=True)


def render_pact_figures(figures, ids: tuple[str, ...] = ()) -> str:
    """The pact's own figures (kennzahlen.yml) with these ids (all without), each with its date and source."""
    return render("pact-figures.html", figures=pact.chosen(figures, ids))


def render_pact_fact(figures, figure_id: str) -> str:
    """One pact figure as a sentence for running text, with its date and source."""
    return render("pact-fact.html", f=pact.one(figures, figure_id))


# Configured facts on Markdown pages (the `setting` macros): text, or a marked gap while staff fill it in.

PENDING = '<span class="kp-pending">wird ergänzt</span>'


def setting_text(value: object) -> str:
    return markdown_text(str(value)) if value not in ("", None) else PENDING


CONTACT_FIELDS = ("name", "email", "telefon")


def office_values(office: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, str]:
    """The office's configured values for `keys`, each on one line; "" where staff have not filled one in."""
    return {key: " ".join(str(office.get(key) or "").split()) for key in keys}


def render_contact_box(office: Mapping[str, Any], root: str, heading: str = "Kontakt") -> str:
    """The office's contact in short (start page, Mitmachen): its name, e-mail and, once configured,
    phone, with a link to the Kontakt page. An empty value is left out, not shown as "wird ergänzt"."""
    return render("contact-box.html", office=office_values(office, CONTACT_FIELDS), root=root, heading=heading)


OFFICE_DETAILS = ("email", "telefon", "adresse", "ansprechperson")  # in the order Kontakt lists them


def render_office_details(office: Mapping[str, Any]) -> str:
    """The office's contact details for the Kontakt page: only the values staff have configured, in one
    description list; a value not yet known is left out rather than shown as "wird ergänzt"."""
    return render("office-details.html", office=office_values(office, ("name", "organisation", *OFFICE_DETAILS)))


def joining_costs(costs: object, office_email: str | None) -> str:
    """What joining costs (mkdocs.yml: extra.settings.beitritt.kosten) and whom to ask; while staff have not
    filled it in, plainly that this site does not say it yet. Inline, so it fits in a question's answer."""
    ask = f"die Geschäftsstelle: {email_link(office_email)}." if office_email else "die Geschäftsstelle."
    if costs in ("", None):
        return f"Was die Teilnahme kostet, steht noch nicht auf dieser Website. Bitte fragen Sie {ask}"
    return f"{markdown_text(' '.join(str(costs).split()))} Fragen zu den Kosten beantwortet {ask}"


def email_link(address: str | None) -> str:
    return f'<a href="{escape(mailto_url(address))}">{markdown_text(address)}</a>' if address else PENDING


def phone_if_known(number: str | None, intro: str) -> str:
    """`intro` and the phone link as two Markdown paragraphs once staff filled in the number; else nothing,
    where "wird ergänzt" would only confuse (Leichte Sprache)."""
    return f"{markdown_text(intro)}\n\nTelefon: {phone_link(number)}" if number else ""


def phone_link(number: str | None) -> str:
    return f'<a href="{escape(tel_url(number))}">{markdown_text(number)}</a>' if number else PENDING
