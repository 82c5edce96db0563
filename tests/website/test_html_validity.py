"""Every built HTML page passes the Nu Html Checker (vnu.jar from npm's vnu-jar, on Java):
the demo site and the site with the shipped partners.yml, in one run (one Java start)."""

from __future__ import annotations

import pytest

from quality.tools import VNU_JAR
from quality.vnu import describe_vnu, run_vnu

pytestmark = [pytest.mark.npm, pytest.mark.java]


def test_built_html_has_no_vnu_errors(demo_site, real_site):
    errors = run_vnu(demo_site, real_site)
    lines = describe_vnu(errors)
    assert not errors, f"{len(errors)} Nu Html Checker errors:\n" + "\n".join(lines[:40])


def test_vnu_checked_every_page(demo_site):
    """The checker really looked at the pages (a directory argument checks every .html file in it)."""
    pages = list(demo_site.rglob("*.html"))
    assert len(pages) >= 20
    assert VNU_JAR.is_file()
