"""The old addresses of a partner whose id changed (`former_ids`) keep working.

At `partner/<former id>/` the build writes a page that sends visitors on to the profile (meta
refresh, with a canonical link for search engines), and for a Klimapartner a copy of the badge at
`partner/<former id>/badge.svg`, because partners embed the badge's address on their own websites
(outputs/badges.py). The loader makes sure no former id is another partner's id.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from ..model.partners import Partner
from ..vocabulary import PROFILE_DIR
from . import badges


def redirect_page(partner: Partner, site_url: str) -> str:
    canonical = f"{site_url.rstrip('/')}/{PROFILE_DIR}/{partner.id}/"
    return badges.templates().get_template("redirect.html").render(name=partner.name, target=f"../{partner.id}/",
                                                                   canonical=canonical)


def write_redirects(partners: Iterable[Partner], site_dir: Path, site_url: str) -> int:
    """Write the redirect page (and badge copy) for every former id; returns how many ids were written."""
    written = 0
    for partner in partners:
        if not partner.former_ids:
            continue
        badge = badges.badge_for(partner)
        for old in partner.former_ids:
            folder = site_dir / PROFILE_DIR / old
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(redirect_page(partner, site_url), encoding="utf-8")
            if badge is not None:
                shutil.copyfile(site_dir / badge.path, folder / badges.BADGE_FILE)
            written += 1
    return written

