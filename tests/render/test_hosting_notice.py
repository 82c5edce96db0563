"""The privacy notice's hosting paragraph follows the one setting `extra.settings.hosting.art`."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from klimapakt.render.hosting_notice import INTRO, hosting_markdown


@pytest.mark.parametrize(("kind", "says"), [
    ("github-pages", "GitHub Pages bereitgestellt, einen Dienst der GitHub, Inc. aus den USA."),
    ("eigener-server", "kein Hosting-Anbieter erhält sie."),
    ("eu-hoster", "Auftragsverarbeitung nach Artikel 28 DSGVO"),
])
def test_each_kind_of_hosting_says_what_the_notice_must_say(kind, says):
    text = hosting_markdown({"art": kind, "anbieter": "Stadtwerke Muster GmbH, Musterweg 1, 40000 Musterstadt",
                             "drittland": "Nein"})
    assert says in text
    assert "Hosting-Anbieter\n:   Stadtwerke Muster GmbH, Musterweg 1, 40000 Musterstadt\n" in text
    assert "Übermittlung in Länder außerhalb der EU und des EWR\n:   Nein\n" in text


def test_empty_facts_show_wird_ergaenzt_and_markup_in_a_value_is_text():
    text = hosting_markdown({"art": "eu-hoster", "anbieter": "<b>Host</b>"})
    assert "<b>" not in text and "wird ergänzt" in text


@pytest.mark.parametrize("kind", ["", "github", None])
def test_an_unknown_kind_stops_with_the_choices(kind):
    with pytest.raises(ValueError, match="hosting.art: „.*“ ist keine der Möglichkeiten github-pages, eigener-server, eu-hoster"):
        hosting_markdown({"art": kind})


def test_the_shipped_setting_is_one_of_the_kinds():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hosting = text.split("\n    hosting:\n", 1)[1]
    assert re.search(r"^      art: ([a-z-]+)$", hosting, re.M)[1] in INTRO
