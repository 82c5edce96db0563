"""The last step of a build: what a web server needs from the written site (klimapakt.hosting).

Every page gets its Content Security Policy (after every other step has written its HTML); old
profile addresses get their redirects; with `extra.precompress` (KLIMAPAKT_PRECOMPRESS=true, the
deploy to a server) every text file gets its .gz and .br copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..hosting import compress, csp, redirects
from .site import PROFILE_DIR


def finish_site(config: Any, partners: tuple = ()) -> csp.Policy:
    site_dir = Path(config.site_dir)
    redirects.write_nginx_redirects(site_dir, redirects.former_profile_paths(partners, PROFILE_DIR))
    policy = csp.secure_site(site_dir)
    if config.extra.get("precompress") in (True, "true"):
        compress.compress_site(site_dir)
    return policy
