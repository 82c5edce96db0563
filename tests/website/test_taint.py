"""Nothing from the data is ever markup: every text field carries a marker through the whole build.

Two builds of the same site, from a registry and an events file in which every text field
holds its own marker (see taint_helpers):

1. in-process, with the plain-text rule (and the e-mail pattern) switched off for this test
   only, so the markers hold raw HTML, Jinja and e-mail addresses with "?cc=": escaping at
   each output must hold on its own, even if a rule is relaxed one day; the office's settings
   (mkdocs.yml, typed in by staff) hold markers too, for the contact box, Kontakt and the vCard;
2. the real `mkdocs build --strict`, with markers that today's rules accept.

Then every file in site/ is read with its own parser (HTML, JSON, CSV, iCalendar, vCard, XML); each
marker must come back exactly, be shown where its field belongs, and create no element or
attribute of its own.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

import taint_helpers as th
from conftest import FIXED_DATE_FIGURES, ROOT, TODAY, build_site
from klimapakt.rules import text as text_rules, values as value_rules

SITE_NAME = "Klimapakt Düsseldorf"


def write_inputs(taint: th.Taint, directory: Path) -> dict[str, str]:
    registry, events = directory / "partners.yml", directory / "events.yml"
    for path, data in ((registry, taint.partners), (events, taint.events)):
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    return {"KLIMAPAKT_REGISTRY": str(registry), "KLIMAPAKT_EVENTS": str(events), "KLIMAPAKT_TODAY": TODAY.isoformat(),
            "KLIMAPAKT_FIGURES": str(FIXED_DATE_FIGURES)}


def build_in_process(out: Path, office: dict[str, str] | None = None) -> None:
    """`mkdocs build --strict` in this process, so a test can switch rules off without a backdoor;
    `office` replaces mkdocs.yml's extra.settings.geschaeftsstelle (values staff type in)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(out), strict=True)
    if office:
        config.extra["settings"] = {**config.extra["settings"], "geschaeftsstelle": office}
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[th.Taint, Path]:
    """Markers the rules refuse today (raw tags, "{{", addresses with "?cc="), built with those rules off;
    the office's settings in mkdocs.yml hold markers too."""
    taint = th.taint(th.HOSTILE, hostile_addresses=True, office=True)
    directory = tmp_path_factory.mktemp("taint-hostile")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in write_inputs(taint, directory).items():
            patch.setenv(name, value)
        patch.setattr(text_rules, "check_markup", lambda value: [])
        patch.setattr(value_rules, "check_email", lambda value: [])
        patch.chdir(ROOT)
        build_in_process(directory / "site", office=taint.office)
    return taint, directory / "site"


@pytest.fixture(scope="module")
def accepted(tmp_path_factory) -> tuple[th.Taint, Path]:
    """Markers today's rules accept, built by the real `mkdocs build --strict`."""
    taint = th.taint(th.ACCEPTED, hostile_addresses=False)
    directory = tmp_path_factory.mktemp("taint-accepted")
    env = write_inputs(taint, directory)
    result = build_site(Path(env.pop("KLIMAPAKT_REGISTRY")), directory / "site", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return taint, directory / "site"


BUILDS = ["hostile", "accepted"]


@pytest.fixture(params=BUILDS)
def built(request) -> tuple[th.Taint, Path]:
    return request.getfixturevalue(request.param)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_marker_comes_back_exactly_from_every_file_of_the_site(built):
    taint, site = built
    report = th.check_site(site, taint)
    assert report.problems == []
    missing = {label: [f for f in files if taint.markers[label] not in report.shown.get(f, set())]
               for label, files in taint.expected.items()}
    assert {label: files for label, files in missing.items() if files} == {}  # nothing lost


def test_no_page_holds_an_element_or_attribute_from_data(built):
    _, site = built
    problems = [p for page in sorted(site.rglob("*.html"))
                for p in th.foreign_markup(page.read_text(encoding="utf-8"), page.relative_to(site).as_posix())]
    assert problems == []


def test_the_profile_shows_the_name_as_text_in_title_header_heading_and_description(built):
    taint, site = built
    for label, page in (("p1.name", th.PROFILE_1), ("p2.name", th.PROFILE_2)):
        name, html = taint.markers[label], soup(site / page)
        assert html.title.get_text() == f"{name} - {SITE_NAME}"
        assert html.select_one('[data-md-component="header-topic"]').get_text(strip=True) == name
        assert html.select_one("article h1").get_text() == name
        assert html.select_one('meta[name="description"]')["content"].startswith(f"{name} im Klimapakt Düsseldorf (")
        for code in html.select("pre.kp-badge__code"):  # HTML to copy: shown as source on purpose
            code.decompose()
        assert escape(name, quote=False) not in html.get_text()  # escaped once, never twice


def test_the_search_index_shows_each_profile_title_once_escaped(built):
    import json
    taint, site = built
    docs = json.loads((site / th.SEARCH).read_text(encoding="utf-8"))["docs"]
    titles = {d["location"]: BeautifulSoup(d["title"], "html.parser").get_text() for d in docs}
    assert titles["partner/muster-eins/"] == taint.markers["p1.name"]
    assert titles["partner/muster-zwei/"] == taint.markers["p2.name"]


def test_mailto_links_carry_the_address_percent_encoded_without_added_headers(built):
    taint, site = built
    contact = soup(site / th.PROFILE_1).select_one("#kontakt + dl a[href^='mailto:']")
    registration = soup(site / th.EVENTS_PAGE).select_one("#spaeter a[href^='mailto:']")
    for link, label in ((contact, "p1.contact.email"), (registration, "e2.registration")):
        url = urlsplit(link["href"])
        assert (unquote(url.path), url.query) == (taint.markers[label], "")
        assert link.get_text() == taint.markers[label]
    correction = urlsplit(soup(site / th.PROFILE_1).find("a", string="Angaben korrigieren")["href"])
    office_email = taint.office.get("email", "klimapakt@duesseldorf.de")  # the hostile build's is a marker
    assert (unquote(correction.path), correction.query) == (office_email, "subject=Korrektur%20Partnerprofil%20muster-eins")


def test_spreadsheet_formulas_in_the_csv_are_neutralised_with_an_apostrophe(built):
    taint, site = built
    text = (site / "daten/partners.csv").read_text(encoding="utf-8-sig")
    for label in ("p1.contact.name", "p1.contact.role"):  # begin with "@" and "="
        assert f"'{taint.markers[label]}" in text.replace('""', '"')
