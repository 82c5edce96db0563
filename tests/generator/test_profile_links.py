"""`partner/<id>.md`, the profile link of the staff guide, becomes the generated profile file before MkDocs resolves it."""

from __future__ import annotations

import markdown
import pytest

from klimapakt.mkdocs.profile_links import ProfileLinks, profile_target


@pytest.mark.parametrize("href, target", [
    ("partner/muster-gmbh.md", "partner/muster-gmbh/index.md"),
    ("../../partner/muster-gmbh.md#ziele", "../../partner/muster-gmbh/index.md#ziele"),
    ("partner/muster-gmbh/index.md", None), ("mitmachen.md", None), ("https://x.example/partner/a.md", None),
    ("aktuelles/partner/a.md", None),
])
def test_only_profile_links_are_rewritten(href, target):
    assert profile_target(href) == target


def test_the_extension_rewrites_the_link_in_the_tree():
    html = markdown.markdown("[Muster](partner/muster-gmbh.md) und [Mitmachen](mitmachen.md)", extensions=[ProfileLinks()])
    assert html == ('<p><a href="partner/muster-gmbh/index.md">Muster</a> und <a href="mitmachen.md">Mitmachen</a></p>')
