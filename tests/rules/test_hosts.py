"""Look-alike host names (letters of several scripts) get a warning at their line in `check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from klimapakt.load import loader
from klimapakt.report import WARNING
from klimapakt.rules import hosts

LOGOS = Path(__file__).resolve().parents[1] / "fixtures/logos"
PARTNER = ("partners:\n  - id: erfundene-werkzeug\n    name: Erfundene Werkzeug GmbH\n    role: partner\n    status: partner\n"
           "    description: Erfunden.\n    logo: ok.svg\n    website: {url}\n")


@pytest.mark.parametrize(("url", "odd"), [
    ("https://\u0430pple.com", "\u0430"),  # Cyrillic а
    ("https://xn--pple-43d.com/", "\u0430"),  # the same as Punycode
    ("https://www.p\u0430ypal.de", "\u0430"),
    ("https://\u03bfrange.de", "\u03bf"),  # Greek ο
    ("https://\u0441\u0430\u0439\u0442.de", "\u0441"),  # a Cyrillic name under a Latin domain
])
def test_a_host_mixing_scripts_is_a_warning_at_its_line(url, odd):
    problems = loader.load_text(PARTNER.format(url=url), logo_dir=LOGOS).problems
    assert [(p.line, p.field, p.severity) for p in problems] == [(8, "website", WARNING)]
    assert f"„{odd}“ ist " in problems[0].message and "gefälschte Seiten" in problems[0].message


@pytest.mark.parametrize("url", ["https://www.muster.example", "https://www.müller-bau.de", "https://straße.de/x",
                                 "https://xn--mller-kva.de", "https://пример.рф", "https://例え.テスト",
                                 "https://www.düsseldorf.de/klimapakt"])
def test_hosts_in_one_script_pass(url):
    assert hosts.mixed_script_warning(url) == []


def test_an_event_registration_address_is_checked_too():
    text = ("events:\n  - id: treffen\n    title: Treffen\n    start: 2026-09-15\n    kind: workshop\n"
            "    registration: https://anmeldung.\u0435xample.org/\n")
    _, problems = loader.load_events_text(text, [])
    assert [(p.line, p.field, p.severity) for p in problems] == [(6, "registration", WARNING)]
