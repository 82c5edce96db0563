"""Partner profiles share one rendering of Material's navigation and tabs (klimapakt/mkdocs/shared_nav.py):
every profile, and every other page, must come out exactly as Material renders it for that page alone."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_site
from helpers.demo_events import write_demo_events

SHARED_BLOCK = re.compile(r"\{% block (tabs|site_nav) -%\}.*?\{%- endblock %\}\n", re.S)


def without_shared_blocks(repo: Path) -> None:
    main = repo / "overrides/main.html"
    text, found = SHARED_BLOCK.subn("", main.read_text(encoding="utf-8"))
    assert found == 2, "overrides/main.html no longer overrides the blocks tabs and site_nav as expected"
    main.write_text(text, encoding="utf-8")


def repository_for_building(target: Path) -> Path:
    target.mkdir()
    for name in ("mkdocs.yml", "hooks.py", "macros.py", "partners.yml", "events.yml", "kennzahlen.yml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    return target


def test_every_profile_is_as_material_renders_it_alone(demo_registry, tmp_path):
    events = str(write_demo_events(demo_registry, tmp_path / "events.yml"))
    shared = build_site(demo_registry, tmp_path / "shared", KLIMAPAKT_EVENTS=events)
    assert shared.returncode == 0, shared.stderr
    profiles = sorted((tmp_path / "shared/partner").glob("*/index.html"))
    assert len(profiles) > 20
    assert f"tabs on {len(profiles)} pages, site_nav on {len(profiles)} pages" in shared.stderr

    repo = repository_for_building(tmp_path / "repo")
    without_shared_blocks(repo)
    env = {**os.environ, "KLIMAPAKT_REGISTRY": str(demo_registry), "NO_MKDOCS_2_WARNING": "1",
           "KLIMAPAKT_EVENTS": events}
    alone = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "alone")],
                           cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert alone.returncode == 0, alone.stderr
    assert "Rendered once for the profiles: \n" in alone.stderr  # Material rendered every page itself
    pages = sorted((tmp_path / "shared").rglob("*.html"))
    differing = [str(p.relative_to(tmp_path / "shared")) for p in pages
                 if p.read_bytes() != (tmp_path / "alone" / p.relative_to(tmp_path / "shared")).read_bytes()]
    assert len(pages) > len(profiles) and differing == []
