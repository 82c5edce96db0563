"""MkDocs glue: load the registry once, add one profile page per partner (outside the nav).

All logic lives in the `klimapakt` package; this file only translates MkDocs events.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File, Files

from klimapakt import site

log = logging.getLogger("mkdocs.hooks.klimapakt")


def _data(config) -> site.SiteData:
    root = Path(config.config_file_path).parent
    return site.load_site_data(root / config.extra["registry"], Path(config.docs_dir) / "assets/partners")


def on_config(config):
    data = _data(config)  # raises RegistryError with every problem: the build fails loudly
    config.extra["demo"] = data.demo
    return config


def on_files(files: Files, config) -> Files:
    data = _data(config)
    office_email = config.extra["settings"]["geschaeftsstelle"]["email"]
    for src_uri, markdown in site.profile_pages(data, office_email):
        files.append(File.generated(config, src_uri, content=markdown))
    return files


def on_post_build(config) -> None:
    data = _data(config)
    log.info("Registry layer: %.2f s for %d partners", data.timer.seconds, len(data.partners))
