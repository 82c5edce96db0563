"""What the import tests share: the fixture registry (fictional partners with comments and quoting
styles), the logo folder, the fixed build date, and the import run against them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TODAY
from klimapakt.office.importer import run_import

IMPORT = FIXTURES / "import"
LOGOS = ROOT / "docs/assets/partners"
BASE = (IMPORT / "partners.yml").read_text(encoding="utf-8")


@pytest.fixture
def registry(tmp_path) -> Path:
    """A copy of tests/fixtures/import/partners.yml."""
    path = tmp_path / "partners.yml"
    shutil.copy(IMPORT / "partners.yml", path)
    return path


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("KLIMAPAKT_TODAY", TODAY.isoformat())


def run(paths, into: Path):
    return run_import([Path(p) for p in paths], into, logo_dir=LOGOS, today=TODAY)
