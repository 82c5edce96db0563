"""The staff path accepts every valid edit: the data tests judge no content and use the real date.

A copy of this repository gets two new, valid partners, one who joined today with a Letter of
Intent and one with a full agreement, emissions, targets, measures and a district, a new figure in
kennzahlen.yml and a news post of today; then the staff path runs there exactly as on a pull request
(`check` and `pytest -m "data and not browser"`) and must be green. Were a data test to pin what the
registries or posts hold, or build with a fixed past date, this test would fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from klimapakt import clock

TODAY = clock.build_date()  # the real build date, as on a staff pull request
NEW_PARTNERS = f"""
  - id: testbetrieb-neu-gmbh
    name: Testbetrieb Neu GmbH
    role: partner
    status: letter-of-intent
    joined: {TODAY.isoformat()}
    sector: N
    size: small

  - id: testwerk-voll-ag
    name: Testwerk Voll AG
    role: partner
    status: partner
    joined: {TODAY.year - 2}-03-31
    sector: C
    size: medium
    district: 3
    website: https://testwerk-voll.example
    description: >-
      Die Testwerk Voll AG ist ein erfundener Betrieb für diesen Test. Er hat: alles,
      auch einen Doppelpunkt und ein # mitten im Satz.
    contact:
      name: Testperson Beispiel
      email: klima@testwerk-voll.example
      phone: +49 211 000000
    agreement:
      signed: {TODAY.year - 2}-06-30
      targets:
        - year: 2030
          reduction_percent: 50
          baseline_year: 2019
          scopes: [1, 2]
        - year: 2040
          climate_neutral: true
      measures:
        - title: Photovoltaik auf dem Hallendach
          field: renewables
          status: in-progress
          year: {TODAY.year}
        - title: LED in der Halle
          field: energy-efficiency
          status: done
          year: {TODAY.year - 1}
    emissions:
      - year: {TODAY.year - 2}
        scope1: 1250.5
        scope2: 310
        scope3: null
      - year: {TODAY.year - 1}
        scope1: 1100
        scope2: 280
    last_reviewed: {TODAY.isoformat()}
"""


NEW_FIGURE = f"""
  - id: testzahl
    value: 250
    unit: Betriebe
    label: haben an einer erfundenen Testaktion teilgenommen
    as_of: {TODAY:%Y-%m}
    source_title: "Testquelle: Bericht für diesen Test"
    source_url: https://testquelle.example/bericht
"""
NEW_POST = f"""---
date: {TODAY.isoformat()}
categories:
  - Klimapakt
slug: testmeldung-von-heute
description: Eine erfundene Meldung für den Test des Redaktionswegs.
---

# Testmeldung von heute

Diese Meldung gibt es nur in der Kopie des Repositorys, die dieser Test anlegt.
"""


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def repository_copy(target: Path) -> Path:
    """The repository's files as they are in the work tree (tracked and new), without .git."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    if (ROOT / "node_modules").is_dir():  # the pinned validators (vnu) the data tests use
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def test_a_new_partner_joined_today_and_a_full_agreement_keep_the_staff_path_green(tmp_path):
    repo = repository_copy(tmp_path / "repo")
    append(repo / "partners.yml", NEW_PARTNERS)
    append(repo / "kennzahlen.yml", NEW_FIGURE)
    (repo / f"docs/aktuelles/posts/{TODAY.isoformat()}-testmeldung.md").write_text(NEW_POST, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in (clock.TODAY_ENV, "KLIMAPAKT_REGISTRY",
                                                            "KLIMAPAKT_EVENTS", "KLIMAPAKT_FIGURES")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    check = subprocess.run([sys.executable, "-m", "klimapakt", "check"], cwd=repo, env=env,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    staff = subprocess.run([sys.executable, "-m", "pytest", "-m", "data and not browser", "-q",
                            "-p", "no:cacheprovider", "-o", "addopts="], cwd=repo, env=env,
                           capture_output=True, text=True, timeout=900)
    assert staff.returncode == 0, staff.stdout[-6000:] + staff.stderr[-2000:]
    assert " passed" in staff.stdout and "deselected" in staff.stdout
