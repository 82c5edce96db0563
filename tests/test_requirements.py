"""The dependency files: pyproject.toml declares what the package imports, requirements/ pins it exactly.

requirements/check.txt   the registry check (staff path in CI): PyYAML, defusedxml, Pillow, tzdata, Markdown, pymdown-extensions
requirements/office.txt  -r check.txt + openpyxl and httpx: import, monitoring, link check (monthly workflow)
requirements/site.txt    -r office.txt + MkDocs, Material, mkdocs-macros, the package's dependencies
requirements/audit.txt   zizmor
requirements/test.txt    -r site.txt -r audit.txt + the test tools
requirements.txt         -r requirements/test.txt (one command for a developer's machine)
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

REQUIREMENTS = ROOT / "requirements"
PIN_RE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)$")
INCLUDE_RE = re.compile(r"^-r\s+(?P<path>\S+)$")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lines(path: Path) -> list[str]:
    return [line.split(" #")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def includes(path: Path) -> list[Path]:
    return [(path.parent / m["path"]).resolve() for m in map(INCLUDE_RE.match, lines(path)) if m]


def own_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in lines(path):
        if INCLUDE_RE.match(line):
            continue
        match = PIN_RE.match(line)
        assert match, f"{path.relative_to(ROOT)}: `{line}` is no exact pin (name==version)"
        pins[normalised(match["name"])] = match["version"]
    return pins


def all_pins(path: Path) -> dict[str, str]:
    """The file's pins and those of every file it includes."""
    pins = own_pins(path)
    for included in includes(path):
        pins.update(all_pins(included))
    return pins


def test_the_files_include_each_other_as_documented():
    assert includes(ROOT / "requirements.txt") == [REQUIREMENTS / "test.txt"]
    assert includes(REQUIREMENTS / "test.txt") == [REQUIREMENTS / "site.txt", REQUIREMENTS / "audit.txt"]
    assert includes(REQUIREMENTS / "site.txt") == [REQUIREMENTS / "office.txt"]
    assert includes(REQUIREMENTS / "office.txt") == [REQUIREMENTS / "check.txt"]
    assert includes(REQUIREMENTS / "check.txt") == includes(REQUIREMENTS / "audit.txt") == []


def test_every_package_is_pinned_once():
    files = sorted(REQUIREMENTS.glob("*.txt"))
    seen: dict[str, str] = {}
    for path in files:
        for name in own_pins(path):
            assert name not in seen, f"{name} is pinned in both {seen[name]} and {path.name}"
            seen[name] = path.name


def test_the_check_needs_only_yaml_defusedxml_pillow_tzdata_and_markdown():
    assert set(own_pins(REQUIREMENTS / "check.txt")) == {"pyyaml", "defusedxml", "pillow", "tzdata", "markdown",
                                                         "pymdown-extensions"}


def test_pyproject_declares_ranges_that_the_site_pins_satisfy():
    from packaging.requirements import Requirement

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    site = all_pins(REQUIREMENTS / "site.txt")
    requirements = [Requirement(text) for text in declared]
    assert {normalised(r.name) for r in requirements} == {
        "babel", "brotli", "defusedxml", "httpx", "icalendar", "jinja2", "markdown", "markupsafe", "openpyxl", "pillow",
        "pymdown-extensions", "pyyaml", "tzdata", "xlsxwriter"}
    for requirement in requirements:
        assert "==" not in str(requirement.specifier), f"pyproject.toml pins {requirement} exactly"
        assert requirement.specifier.contains(site[normalised(requirement.name)]), (requirement, site)


def test_site_pins_mkdocs_material_and_macros_and_test_adds_properdocs():
    site, test = all_pins(REQUIREMENTS / "site.txt"), all_pins(REQUIREMENTS / "test.txt")
    assert {"mkdocs", "mkdocs-material", "mkdocs-macros-plugin"} <= set(site)
    assert {"pytest", "hypothesis", "playwright", "properdocs", "zizmor"} <= set(test) - set(site)


# The check path imports nothing beyond check.txt, so the staff path's CI job installs only that.
BLOCKER = """
import importlib.abc, sys
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ImportError("the check path imported " + name)
sys.meta_path.insert(0, Blocker())
from klimapakt.__main__ import main
sys.exit(main(["check"]))
"""
NOT_IN_CHECK = {"babel", "jinja2", "markupsafe", "icalendar", "mkdocs", "material", "properdocs", "dateutil",
                "openpyxl", "httpx"}


@pytest.mark.parametrize("file", [None, "partners.yml", "events.yml"])
def test_the_check_imports_nothing_outside_check_txt(file):
    code = BLOCKER.format(blocked=NOT_IN_CHECK)
    if file:
        code = code.replace('main(["check"])', f'main(["check", {file!r}])')
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
