"""Rendering escapes data and links only safe URLs (no site build needed)."""

import datetime as dt

from klimapakt import model
from klimapakt.mkdocs import site
from klimapakt.render import html as render

HOSTILE = "<script>alert(1)</script> {{ config }} {% raw %} & \"quote\""


def hostile_partner(**changes) -> model.Partner:
    values = dict(
        id="hostile", name=HOSTILE, role="partner", status="partner", description=HOSTILE,
        website="javascript:alert(1)", joined=dt.date(2024, 1, 2),
        contact=model.Contact(name=HOSTILE, email="x@example.org", phone="+49 211 000000"),
        agreement=model.Agreement(measures=(model.Measure(title=HOSTILE, field="mobility", status="done"),)),
    )
    values.update(changes)
    return model.Partner(**values)


def test_profile_escapes_html_and_jinja_in_every_text_field():
    html = render.render_profile(hostile_partner(), office_email="klimapakt@duesseldorf.de")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ config }} {% raw %} &amp; &#34;quote&#34;" in html
    assert html.count("&lt;script&gt;") == 4  # name, description, contact name, measure title


def test_profile_does_not_link_javascript_urls():
    html = render.render_profile(hostile_partner(), office_email="klimapakt@duesseldorf.de")
    assert "javascript:" not in html


def test_card_escapes_name_and_links_profile():
    html = render.render_card(hostile_partner(), root="../")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="../partner/hostile/"' in html


def test_profile_page_is_never_evaluated_as_template():
    markdown = site.profile_markdown(hostile_partner(), "klimapakt@duesseldorf.de")
    front_matter = markdown.split("---")[1]
    assert "render_macros: false" in front_matter


def test_safe_url_allows_only_http_mailto_tel():
    assert render.safe_url("https://example.org") == "https://example.org"
    assert render.safe_url("mailto:a@example.org") == "mailto:a@example.org"
    assert render.safe_url("tel:+49211") == "tel:+49211"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example", "ftp://x"):
        assert render.safe_url(bad) is None, bad


def test_correction_link_names_partner_id_in_subject():
    html = render.render_profile(hostile_partner(), office_email="klimapakt@duesseldorf.de")
    assert 'href="mailto:klimapakt@duesseldorf.de?subject=Korrektur%20Partnerprofil%20hostile"' in html


def test_tel_link_keeps_only_digits_and_plus():
    assert render.tel_url("+49 (211) 12-34/56") == "tel:+49211123456"


def test_german_dates_and_numbers():
    assert render.date_de(dt.date(2023, 1, 5)) == "5. Januar 2023"
    assert render.number_de(12345.5) == "12.345,5"


def test_search_entry_text_is_escaped_html_of_description_facts_and_measures():
    partner = hostile_partner(name="A & B <GmbH>", description="Wir \"heizen\" 'klug' & <sparsam>", sector="C",
                              size="micro", district=2)
    assert site.search_entry(partner) == {
        "location": "partner/hostile/", "title": "A &amp; B &lt;GmbH&gt;",
        "text": "<p>Wir &#34;heizen&#34; &#39;klug&#39; &amp; &lt;sparsam&gt;</p>"
                "<p>Status: Klimapartner · Branche: Verarbeitendes Gewerbe (Industrie) · Größe: Kleinstunternehmen · "
                "Sitz: Stadtbezirk 2 (Düsseltal, Flingern-Nord, Flingern-Süd)</p>\n"
                "<p>Maßnahmen: &lt;script&gt;alert(1)&lt;/script&gt; {{ config }} {% raw %} &amp; &#34;quote&#34;</p>"}
    founding = hostile_partner(role="founding", status="founding", description=None, agreement=None)
    assert site.search_entry(founding)["text"] == "<p>Rolle: Initialpartner</p>"
