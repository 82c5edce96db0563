"""The staff path accepts every valid edit: the data tests judge no content and use the real date.

A copy of this repository becomes a git repository with two commits, as a pull request's merge
commit and its base. The pull request removes a partner, changes one's website, adds partners who
joined today (one with an SVG logo, one without a logo) and one with a full agreement and a PNG logo,
an event next month, a figure and an updated figure of this month in kennzahlen.yml and a news post of
today. Then the staff path runs there exactly as .github/workflows/pr.yml runs it: scripts/change_kind.py
must choose it, `check --github --base HEAD^1` must pass and name the removal in German, and
`pytest -m "data and not browser"` must be green. Were a data test to pin what the registries or posts
hold, to build the real registries with a fixed past date, or to read them beside a docs/ folder without
their logos, this test would fail.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from helpers.corpus import AGREEMENT, CONTACT, EMISSIONS
from klimapakt import clock

pytestmark = pytest.mark.long

TODAY = clock.build_date()  # the real build date, as on a staff pull request
NEXT_MONTH = (TODAY.replace(day=1) + dt.timedelta(days=32)).replace(day=15)
LOGOS = "docs/assets/partners"
# In the base only: one partner the pull request removes, one whose website it changes.
BASE_PARTNERS = """
  - id: testbetrieb-alt-kg
    name: Testbetrieb Alt KG
    role: partner
    status: letter-of-intent
    sector: F
    size: small

  - id: testbetrieb-umzug-gmbh
    name: Testbetrieb Umzug GmbH
    role: partner
    status: letter-of-intent
    sector: H
    size: small
    website: https://alt.testbetrieb-umzug.example
"""
MOVED_WEBSITE = ("https://alt.testbetrieb-umzug.example", "https://www.testbetrieb-umzug.example")
NEW_PARTNERS = f"""
  - id: testbetrieb-neu-gmbh
    name: Testbetrieb Neu GmbH
    role: partner
    status: letter-of-intent
    joined: {TODAY.isoformat()}
    sector: N
    size: small

  - id: testlogo-heute-gmbh
    name: Testlogo Heute GmbH
    role: partner
    status: letter-of-intent
    joined: {TODAY.isoformat()}
    sector: M
    size: micro
    logo: testlogo-heute-gmbh.svg
    description: Die Testlogo Heute GmbH ist ein erfundener Betrieb, der heute beigetreten ist.

  - id: testwerk-voll-ag
    name: Testwerk Voll AG
    role: partner
    status: partner
    sector: C
    size: medium
    district: 3
    logo: testwerk-voll-ag.png
    website: https://testwerk-voll.example
    description: >-
      Die Testwerk Voll AG ist ein erfundener Betrieb für diesen Test. Er hat: alles,
      auch einen Doppelpunkt und ein # mitten im Satz.
""" + AGREEMENT + EMISSIONS + CONTACT.replace("acme", "testwerk-voll") + f"    last_reviewed: {TODAY.isoformat()}\n"
NEW_EVENT = f"""
  - id: testtreffen-naechster-monat
    title: Testtreffen im nächsten Monat
    start: {NEXT_MONTH.isoformat()}T18:00
    end: {NEXT_MONTH.isoformat()}T20:00
    location:
      name: Testhaus
    description: >-
      Ein erfundenes Treffen für diesen Test.
    kind: workshop
    partners: [testwerk-voll-ag]
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
    return target


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@klimapakt.example", *args],
                          cwd=repo, capture_output=True, text=True, check=True).stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "-m", message)


def png_logo(path: Path) -> None:
    from PIL import Image
    Image.new("RGB", (240, 120), (31, 107, 70)).save(path)


def update_first_figure(path: Path) -> None:
    """The first figure, counted again this month: a new value and `as_of` of the current month."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(    value: )(\d+)$", lambda m: f"{m[1]}{int(m[2]) + 1}", text, count=1, flags=re.M)
    text, found = re.subn(r"^    as_of: .+$", f"    as_of: {TODAY:%Y-%m}", text, count=1, flags=re.M)
    assert found, f"{path.name}: no figure to update"
    path.write_text(text, encoding="utf-8")


def staff_pull_request(repo: Path) -> None:
    """The base commit, then the pull request's edits of the staff files in a second one."""
    append(repo / "partners.yml", BASE_PARTNERS)
    git(repo, "init", "--quiet")
    commit_all(repo, "Base")
    partners = (repo / "partners.yml").read_text(encoding="utf-8")
    partners = partners.replace(BASE_PARTNERS.split("\n\n")[0].strip("\n") + "\n\n", "").replace(*MOVED_WEBSITE)
    (repo / "partners.yml").write_text(partners, encoding="utf-8")
    append(repo / "partners.yml", NEW_PARTNERS)
    shutil.copy(FIXTURES / "logos/gradient.svg", repo / LOGOS / "testlogo-heute-gmbh.svg")
    png_logo(repo / LOGOS / "testwerk-voll-ag.png")
    append(repo / "events.yml", NEW_EVENT)
    update_first_figure(repo / "kennzahlen.yml")
    append(repo / "kennzahlen.yml", NEW_FIGURE)
    (repo / f"docs/aktuelles/posts/{TODAY.isoformat()}-testmeldung.md").write_text(NEW_POST, encoding="utf-8")
    commit_all(repo, "Staff edits")


def run(repo: Path, env: dict[str, str], *command: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=repo, env=env, capture_output=True, text=True, timeout=timeout)


def test_valid_staff_edits_take_the_staff_path_and_keep_it_green(tmp_path):
    repo = repository_copy(tmp_path / "repo")
    staff_pull_request(repo)
    if (ROOT / "node_modules").is_dir():  # the pinned validators (vnu) the data tests use; not committed
        (repo / "node_modules").symlink_to(ROOT / "node_modules")
    env = {k: v for k, v in os.environ.items() if k not in (clock.TODAY_ENV, "KLIMAPAKT_REGISTRY",
                                                            "KLIMAPAKT_EVENTS", "KLIMAPAKT_FIGURES",
                                                            "GITHUB_STEP_SUMMARY")}
    env.update(NO_MKDOCS_2_WARNING="1", GITHUB_EVENT_NAME="pull_request")

    kind = run(repo, env, sys.executable, "scripts/change_kind.py")
    assert kind.stdout == "code=false\n", kind.stdout + kind.stderr

    check = run(repo, env, sys.executable, "-m", "klimapakt", "check", "--github", "--base", "HEAD^1")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Eintrag „testbetrieb-alt-kg“ (Testbetrieb Alt KG) ist nicht mehr da – gewollt?" in check.stdout
    assert "„{}“ → „{}“".format(*MOVED_WEBSITE) in check.stdout
    assert "::error" not in check.stdout
    pending = run(repo, env, sys.executable, "-m", "klimapakt", "import-upload", "--check-pending")
    assert pending.returncode == 0, pending.stdout + pending.stderr

    staff = run(repo, env, sys.executable, "-m", "pytest", "-m", "data and not browser", "-q",
                "-p", "no:cacheprovider", "-o", "addopts=", timeout=900)
    assert staff.returncode == 0, staff.stdout[-6000:] + staff.stderr[-2000:]
    assert " passed" in staff.stdout and "deselected" in staff.stdout
