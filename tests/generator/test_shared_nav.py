"""Partner profiles share one rendering of Material's navigation and tabs (klimapakt/mkdocs/shared_nav.py):
every profile, and every other page, must come out exactly as Material renders it for that page alone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from helpers.demo_events import write_demo_events
from helpers.repo_copy import copy_for_building

SHARED_BLOCK = re.compile(r"\{% block (tabs|site_nav) -%\}.*?\{%- endblock %\}\n", re.S)


def without_shared_blocks(repo: Path) -> None:
    main = repo / "overrides/main.html"
    text, found = SHARED_BLOCK.subn("", main.read_text(encoding="utf-8"))
    assert found == 2, "overrides/main.html no longer overrides the blocks tabs and site_nav as expected"
    main.write_text(text, encoding="utf-8")


def test_every_profile_is_as_material_renders_it_alone(demo_site, demo_registry, tmp_path):
    """The shared demo build against one from a copy of the repository without the two blocks."""
    profiles = sorted((demo_site / "partner").glob("*/index.html"))
    assert len(profiles) > 20
    repo = copy_for_building(tmp_path / "repo")
    without_shared_blocks(repo)
    events = str(write_demo_events(demo_registry, tmp_path / "events.yml"))  # as build_site writes them
    env = {**os.environ, "KLIMAPAKT_REGISTRY": str(demo_registry), "NO_MKDOCS_2_WARNING": "1", "KLIMAPAKT_EVENTS": events}
    alone = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "alone")],
                           cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert alone.returncode == 0, alone.stderr
    assert "Rendered once for the profiles: \n" in alone.stderr  # Material rendered every page itself
    pages = sorted(demo_site.rglob("*.html"))
    differing = [str(p.relative_to(demo_site)) for p in pages
                 if p.read_bytes() != (tmp_path / "alone" / p.relative_to(demo_site)).read_bytes()]
    assert len(pages) > len(profiles) and differing == []


def test_a_shared_block_is_rendered_once_and_counted_for_the_build_log():
    from klimapakt.mkdocs import shared_nav

    rendered = []

    def tabs() -> str:
        rendered.append("tabs")
        return "<nav>Tabs</nav>"

    shared_nav.start_build()
    assert {shared_nav.once("depth 3, hidden navigation,toc", "tabs", tabs) for _ in range(3)} == {"<nav>Tabs</nav>"}
    assert rendered == ["tabs"] and shared_nav.uses() == {"tabs": 3}
    shared_nav.start_build()
    assert shared_nav.uses() == {}
