"""Redirects from a partner profile's old address to its new one (a partner whose id changed).

Each (old, new) pair of site paths becomes a `301` for nginx in `REDIRECTS_FILE`, which
deploy/nginx/klimapakt.conf includes. The forwarding page at the old address (for GitHub Pages,
which cannot answer with a redirect status) and the badge copy are klimapakt.outputs.redirects';
nginx answers the old folder's address with the 301 before it looks at that page. The pairs come
from the partners' `former_ids`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

REDIRECTS_FILE = ".nginx/redirects.conf"
# A site path of a folder: lower-case segments of letters, digits and hyphens, ending in "/".
_PATH = re.compile(r"(?:[a-z0-9][a-z0-9-]*/)+")


def former_profile_paths(partners: Iterable, profile_dir: str) -> list[tuple[str, str]]:
    """(old path, new path) for every former id of every partner, e.g. ("partner/alt/", "partner/neu/")."""
    return [(f"{profile_dir}/{old}/", f"{profile_dir}/{partner.id}/")
            for partner in partners for old in getattr(partner, "former_ids", None) or ()]


def _checked(pairs: Sequence[tuple[str, str]]) -> Sequence[tuple[str, str]]:
    for old, new in pairs:
        if not (_PATH.fullmatch(old) and _PATH.fullmatch(new)) or old == new:
            raise ValueError(f"Keine Weiterleitung zwischen zwei Seiten der Website: {old!r} -> {new!r}")
    return pairs


def nginx_conf(pairs: Sequence[tuple[str, str]]) -> str:
    lines = ["# Written by the build (klimapakt.hosting.redirects): old profile addresses.\n"]
    lines += [f'location = "/{old}" {{ return 301 "/{new}"; }}\n' for old, new in _checked(pairs)]
    return "".join(lines)


def write_nginx_redirects(site_dir: Path, pairs: Sequence[tuple[str, str]]) -> None:
    """The nginx snippet, written also when there is no pair (the server configuration includes it)."""
    target = site_dir / REDIRECTS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nginx_conf(pairs), encoding="utf-8")
