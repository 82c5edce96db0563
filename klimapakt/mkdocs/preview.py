"""Links for a site opened from the file system: the pull request's preview (`mkdocs.preview.yml`).

Templates, theme overrides and macros link to pages as folders ("klimapartner/",
"partner/acme/"), as the published site serves them. Opened from an unzipped folder, a browser
shows such a link as a folder listing, not the page. So in a build without directory URLs every
link to a folder that holds a page becomes a link to the page's file; other links stay as they are.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

# Links in markup that we and MkDocs write: double-quoted href on <a> and <area>. Text that shows
# markup (code samples) has its "<" escaped, so it does not match.
HREF_RE = re.compile(r'(<(?:a|area)\s(?:[^>"]|"[^"]*")*?\bhref=")([^"]*)(")', re.IGNORECASE)


def page_files(urls: Iterable[str]) -> frozenset[str]:
    """The site's HTML files from MkDocs' file URLs ("index.html", "partner/acme/index.html")."""
    return frozenset(url for url in urls if url.endswith(".html"))


def file_links(html: str, page: str, pages: frozenset[str]) -> str:
    """`html` of the page at `page` (a file path from the site root) with folder links made file links."""
    return HREF_RE.sub(lambda m: m[1] + file_href(m[2], page, pages) + m[3], html)


def file_href(href: str, page: str, pages: frozenset[str]) -> str:
    """The link to a page's file for a link to its folder; "/…" (the 404 page's links, for a site
    at the server's root) stays root-relative. Anything else is returned as it is."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("#", "?")) or not is_folder(parts.path):
        return href
    rooted = parts.path.startswith("/")
    here = "" if rooted else posixpath.dirname(page)
    folder = posixpath.normpath(posixpath.join(here, parts.path.lstrip("/")))
    if folder == ".." or folder.startswith("../"):
        return href  # outside the site
    prefix = "" if folder == "." else folder + "/"
    for candidate in (prefix + "index.html", folder + ".html"):
        if candidate in pages:
            path = "/" + candidate if rooted else posixpath.relpath(candidate, here or ".")
            return urlunsplit(("", "", path, parts.query, parts.fragment))
    return href


def is_folder(path: str) -> bool:
    return path.endswith("/") or posixpath.basename(path) in (".", "..")
