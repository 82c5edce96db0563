"""The last step of a build: what a web server needs from the written site (klimapakt.hosting).

Every page gets its Content Security Policy: a page MkDocs renders as its last step in `on_post_page`,
while its HTML is in memory (`secure_page`), every other HTML file once the site is written; old
profile addresses get their redirects; with `extra.precompress` (KLIMAPAKT_PRECOMPRESS=true, the
deploy to a server) every text file gets its .gz and .br copy.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..hosting import compress, csp, redirects
from ..model.partners import Partner
from .site import PROFILE_DIR

_secured: dict[str, csp.Policy] = {}  # this build's pages secured in memory: path in the site folder -> policy


def start_build() -> None:
    _secured.clear()


def secure_page(output: str, page: Page) -> str:
    """The page's HTML with its policy, as MkDocs will write it (the last change to the page's HTML)."""
    output, _secured[page.file.dest_uri] = csp.secure_page(output)
    return output


def finish_site(config: MkDocsConfig, partners: tuple[Partner, ...] = ()) -> csp.Policy:
    site_dir = Path(config.site_dir)
    redirects.write_nginx_redirects(site_dir, redirects.former_profile_paths(partners, PROFILE_DIR))
    policy = csp.secure_site(site_dir, _secured)
    if config.extra.get("precompress") in (True, "true"):
        compress.compress_site(site_dir)
    return policy
