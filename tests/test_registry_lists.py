"""One list of registries: klimapakt/load/registries.py. Everything that names registry files follows it.

`check`, the build, the link check and the schema generator read `registries.REGISTRIES`; the few
files that cannot import the package (pre-commit, the Makefile, the workflow's change-kind script,
which runs before anything is installed) are checked against it here, so a new registry that one
of them misses fails a test.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from klimapakt.load import registries

REGISTRY_FILES = [r.file for r in registries.REGISTRIES]


def change_kind():
    spec = importlib.util.spec_from_file_location("change_kind", ROOT / "scripts/change_kind.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("file", REGISTRY_FILES)
def test_a_pull_request_changing_only_a_registry_takes_the_staff_path(file):
    """.github/workflows/pr.yml decides its path with scripts/change_kind.py."""
    assert change_kind().is_staff_file(file)
    assert "scripts/change_kind.py" in (ROOT / ".github/workflows/pr.yml").read_text(encoding="utf-8")


def test_the_change_kind_script_counts_code_as_code():
    assert not change_kind().is_staff_file("klimapakt/load/registries.py")


@pytest.mark.parametrize("file", REGISTRY_FILES)
def test_pre_commit_checks_every_registry(file):
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "klimapakt-check"]
    assert re.search(hook["files"], file)


@pytest.mark.parametrize("file", REGISTRY_FILES)
def test_make_serve_reloads_on_every_registry(file):
    words = re.search(r"^WATCH := (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1).split()
    assert file in {words[i + 1] for i, word in enumerate(words[:-1]) if word == "-w"}


def test_the_link_check_reads_every_registry(tmp_path):
    from klimapakt.office import links

    for registry, path in registries.declared_files({}, ROOT):
        shutil.copy(path, tmp_path / registry.file)
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    found, problems = links.registry_links(tmp_path, environ={})
    assert problems == []
    assert {link.file for link in found} == {r.file for r, path in registries.declared_files({}, ROOT) if links.links_of(
        _records(r, path), r.file)}


def _records(registry, path):
    from klimapakt.load import loader

    ids = [p.id for p in loader.load_file(ROOT / registries.PARTNERS.file, logo_dir=ROOT / "docs/assets/partners").records]
    return loader.load_file(path, registry=registry, references={"partners": ids},
                            logo_dir=ROOT / "docs/assets/partners").records


# A fourth registry, declared as the architecture says (its records and one Registry), in a scratch copy.

AWARDS_MODEL = '''"""Awards (scratch registry of tests/test_registry_lists.py)."""
from __future__ import annotations
from dataclasses import dataclass, field
from typing import Mapping
from ..kinds.text import ID, TEXT
from .fields import declared


@dataclass(frozen=True, kw_only=True)
class Award:
    id: str = declared("Kennung", ID, required=True)
    title: str = declared("Titel der Auszeichnung", TEXT, required=True, max_length=80)
    line: int = field(default=0, compare=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class AwardRegistry:
    awards: tuple[Award, ...] = declared("Auszeichnungen", record=Award, many=True, required=True, max_items=50)
'''
AWARDS_REGISTRY = '''
from ..model.awards import AwardRegistry  # noqa: E402

AWARDS = Registry("awards", "auszeichnungen.yml", AwardRegistry, "KLIMAPAKT_AWARDS", "Auszeichnungen")
REGISTRIES = (*REGISTRIES, AWARDS)
'''
BROKEN_AWARDS = "awards:\n  - id: umweltpreis\n    titel: Umweltpreis der Stadt\n"
EXPECTED = "auszeichnungen.yml:3: umweltpreis: titel: Unbekanntes Feld „titel“. Meinten Sie „title“?"


@pytest.fixture(scope="module")
def scratch_with_a_fourth_registry(tmp_path_factory) -> Path:
    scratch = tmp_path_factory.mktemp("fourth-registry") / "repo"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in tracked.decode().split("\0"):
        if name and (ROOT / name).is_file() and not (ROOT / name).is_symlink():
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, scratch / name)
    (scratch / "klimapakt/model/awards.py").write_text(AWARDS_MODEL, encoding="utf-8")
    with (scratch / "klimapakt/load/registries.py").open("a", encoding="utf-8") as declaration:
        declaration.write(AWARDS_REGISTRY)
    (scratch / "auszeichnungen.yml").write_text(BROKEN_AWARDS, encoding="utf-8")
    return scratch


def run_in(scratch: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KLIMAPAKT_")}
    return subprocess.run([sys.executable, "-m", *args], cwd=scratch, capture_output=True, text=True, timeout=600,
                          env={**environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(scratch), **(env or {})})


def test_check_reports_the_broken_file_of_a_fourth_registry(scratch_with_a_fourth_registry):
    done = run_in(scratch_with_a_fourth_registry, "klimapakt", "check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert EXPECTED in done.stdout


def test_the_build_stops_with_the_same_message(scratch_with_a_fourth_registry, tmp_path):
    done = run_in(scratch_with_a_fourth_registry, "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert EXPECTED in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_the_fourth_registry_with_a_valid_file_builds(scratch_with_a_fourth_registry, tmp_path):
    """Someone doing it right: the same registry with a correct file passes check (and so the build)."""
    scratch = scratch_with_a_fourth_registry
    (scratch / "gut.yml").write_text(BROKEN_AWARDS.replace("titel:", "title:"), encoding="utf-8")
    done = run_in(scratch, "klimapakt", "check", env={"KLIMAPAKT_AWARDS": "gut.yml"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "gut.yml:" in done.stdout and "auszeichnungen.yml" not in done.stdout
