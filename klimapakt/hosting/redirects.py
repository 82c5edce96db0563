"""Redirects from a partner profile's old address to its new one (a partner whose id changed).

Each (old, new) pair of site paths becomes two things in the built site: a small page at the old
address that forwards to the new one (GitHub Pages cannot answer with a redirect status), and a
`301` for nginx in `REDIRECTS_FILE`, which deploy/nginx/klimapakt.conf includes. The pairs come
from the partners' `former_ids` where the registry has that field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

REDIRECTS_FILE = ".nginx/redirects.conf"
# A site path of a folder: lower-case segments of letters, digits and hyphens, ending in "/".
_PATH = re.compile(r"(?:[a-z0-9][a-z0-9-]*/)+")

_PAGE = """<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Diese Seite ist umgezogen</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<p>Diese Seite ist umgezogen: <a href="{href}">zur neuen Adresse</a>.</p>
</body>
</html>
"""


def former_profile_paths(partners: Iterable, profile_dir: str) -> list[tuple[str, str]]:
    """(old path, new path) for every former id of every partner, e.g. ("partner/alt/", "partner/neu/")."""
    return [(f"{profile_dir}/{old}/", f"{profile_dir}/{partner.id}/")
            for partner in partners for old in getattr(partner, "former_ids", None) or ()]


def _checked(pairs: Sequence[tuple[str, str]]) -> Sequence[tuple[str, str]]:
    for old, new in pairs:
        if not (_PATH.fullmatch(old) and _PATH.fullmatch(new)) or old == new:
            raise ValueError(f"Keine Weiterleitung zwischen zwei Seiten der Website: {old!r} -> {new!r}")
    return pairs


def relative_href(old: str, new: str) -> str:
    """The new folder's address as seen from the old one: `partner/a/` -> `partner/b/` is `../b/`."""
    up = old.count("/")
    return "../" * up + new


def nginx_conf(pairs: Sequence[tuple[str, str]]) -> str:
    lines = ["# Written by the build (klimapakt.hosting.redirects): old profile addresses.\n"]
    lines += [f'location = "/{old}" {{ return 301 "/{new}"; }}\n' for old, new in _checked(pairs)]
    return "".join(lines)


def write_redirects(site_dir: Path, pairs: Sequence[tuple[str, str]]) -> None:
    """The forwarding pages (never over a page the build wrote) and the nginx snippet."""
    for old, new in _checked(pairs):
        page = site_dir / old / "index.html"
        if page.exists():
            raise ValueError(f"{old} ist eine Seite dieser Website und kann nicht auf {new} weiterleiten.")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(_PAGE.format(href=escape(relative_href(old, new))), encoding="utf-8")
    target = site_dir / REDIRECTS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nginx_conf(pairs), encoding="utf-8")
