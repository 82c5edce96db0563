"""Micro-benchmark: render every profile's HTML of a registry, as the build does per page.

    python bench/profiles.py REGISTRY
    farm-bench --vs 'OLD/.venv/bin/python OLD/bench/profiles.py REGISTRY' -- .venv/bin/python bench/profiles.py REGISTRY
"""
from __future__ import annotations

import sys
from pathlib import Path

from klimapakt.mkdocs import site


def main(registry: str) -> None:
    data = site.load_site_data(registry, Path("docs/assets/partners"))
    for partner in data.partners:
        site.profile_html(data, partner, "klimapakt@duesseldorf.de", "https://klimapakt.example.org/")


if __name__ == "__main__":
    main(sys.argv[1])
