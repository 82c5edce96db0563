"""A link to a partner's profile as the staff guide writes it: `partner/<id>.md`.

The profile page is generated as `partner/<id>/index.md` (site.profile_pages); this Markdown
extension rewrites links to `partner/<id>.md` (from any folder) into that file before MkDocs
resolves links, so MkDocs checks and rewrites them like every other page link (also for the
preview's file links), and `--strict` sees no unknown target. `check` has checked the id.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..vocabulary import PROFILE_DIR

PROFILE_LINK_RE = re.compile(rf"^((?:\.\./)*){PROFILE_DIR}/([a-z0-9-]+)\.md(#.*)?$")
PRIORITY = 10  # before MkDocs' "relpath" (0), which resolves links to files


def profile_target(href: str) -> str | None:
    match = PROFILE_LINK_RE.match(href)
    return f"{match[1]}{PROFILE_DIR}/{match[2]}/index.md{match[3] or ''}" if match else None


class _ProfileLinks(Treeprocessor):
    def run(self, root):
        for link in root.iter("a"):
            target = profile_target(link.get("href", ""))
            if target:
                link.set("href", target)


class ProfileLinks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.treeprocessors.register(_ProfileLinks(md), "klimapakt_profile_links", PRIORITY)
