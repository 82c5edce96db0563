"""A copy of what the build reads from the repository, for tests that change it and build it."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BUILD_FILES = ("mkdocs.yml", "hooks.py", "macros.py", "partners.yml", "events.yml", "kennzahlen.yml")
BUILD_FOLDERS = ("docs", "overrides")


def copy_for_building(target: Path) -> Path:
    """`target` (created) with the configuration, the glue, the registries, docs/ and overrides/."""
    target.mkdir()
    for name in BUILD_FILES:
        shutil.copy(ROOT / name, target / name)
    for name in BUILD_FOLDERS:
        shutil.copytree(ROOT / name, target / name)
    return target
