"""Launch check: `check --release` fails while a legally required value is empty, passes when all
are filled in; the deploy workflow runs it unless the site goes out as a marked preview."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_site
from klimapakt import release
from klimapakt.__main__ import main

SHIPPED = ROOT / "mkdocs.yml"
FILLED = FIXTURES / "mkdocs-release-filled.yml"
PREVIEW_NOTICE = "Vorschau: Diese Website ist noch nicht freigegeben."


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # `check` reads partners.yml and events.yml from the working directory


def line_of(config: Path, key: str) -> int:
    """The line of `key` ("impressum.betreiber") below extra.settings, found in the text."""
    section, leaf = key.split(".")
    lines = config.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"{section}:")
    return next(i for i, line in enumerate(lines[start:], start) if line.strip().startswith(f"{leaf}:")) + 1


def test_check_release_fails_on_the_shipped_configuration_naming_each_missing_value(in_root, capsys):
    assert main(["check", "--release", "--github"]) == 1
    out = capsys.readouterr().out
    assert f"Vor der Veröffentlichung fehlen {len(release.REQUIRED)} Pflichtangaben." in out
    for required in release.REQUIRED:
        line = line_of(SHIPPED, required.key)
        assert (f"  mkdocs.yml:{line}: extra.settings: {required.key}: {required.label} fehlt – "
                f"Pflichtangabe nach {required.basis}.") in out
        assert f"::error file=mkdocs.yml,line={line},title=extra.settings%3A {required.key}::" in out
    assert "mkdocs.yml:" in out and "datenschutz.stand: ist noch leer" in out  # not required: a hint only


def test_the_required_list_covers_what_the_law_asks_for():
    keys = {r.key for r in release.REQUIRED}
    assert {"impressum.betreiber", "impressum.anschrift", "impressum.vertretung", "impressum.email",
            "impressum.verantwortlich", "datenschutz.beauftragte", "hosting.anbieter",
            "barrierefreiheit.datum", "ombudsstelle.email", "ombudsstelle.website"} <= keys
    assert all(r.label and re.search(r"§|Art\.", r.basis) for r in release.REQUIRED)
    bases = " ".join(r.basis for r in release.REQUIRED)
    assert all(law in bases for law in ("§ 5 Abs. 1 Nr. 1 DDG", "§ 18 Abs. 2 MStV", "Art. 13", "BGG NRW"))


@pytest.mark.data
def test_every_required_value_is_a_staff_setting_shown_on_a_page():
    settings, _ = release.read_settings(SHIPPED)
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    for required in release.REQUIRED:
        assert required.key in settings, f"{required.key} is not in mkdocs.yml extra.settings"
        shown_by = "hosting_notice()" if required.key.startswith("hosting.") else f'setting("{required.key}")'
        assert shown_by in pages, f"no page shows {required.key}"  # hosting.*: klimapakt.render.hosting_notice


def test_the_filled_fixture_has_the_shipped_settings(in_root):
    assert set(release.read_settings(FILLED)[0]) == set(release.read_settings(SHIPPED)[0])


def test_check_release_passes_when_every_value_is_filled_in(in_root, capsys):
    assert main(["check", "--release", "--config", str(FILLED)]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("Alle Pflichtangaben für die Veröffentlichung sind eingetragen.")
    assert "Pflichtangabe nach" not in out


def test_the_command_line_exits_1_on_the_shipped_configuration():
    result = subprocess.run([sys.executable, "-m", "klimapakt", "check", "--release"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "impressum.betreiber: Betreiber der Website" in result.stdout
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^release-check:.*\n\t\$\(PY\) -m klimapakt check --release$", make, re.M)


def write_config(tmp_path: Path, settings: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: Test\nextra:\n  settings:\n" + settings, encoding="utf-8")
    return path


def missing_keys(config: Path) -> set[str]:
    return {p.field for p in release.release_problems(config) if p.severity == "error"}


def every_value_but(key: str, written: str | None = None) -> str:
    """extra.settings with every required value filled in except `key`: left out, or `written` as its value."""
    sections: dict[str, list[str]] = {}
    for required in release.REQUIRED:
        section, leaf = required.key.split(".")
        sections.setdefault(section, []).append(leaf)

    def line(section: str, leaf: str) -> str:
        if f"{section}.{leaf}" != key:
            return f"      {leaf}: Testwert\n"
        return "" if written is None else f"      {leaf}: {written}\n"

    return "".join(f"    {section}:\n" + "".join(line(section, leaf) for leaf in leaves) for section, leaves in sections.items())


def test_a_required_value_left_out_entirely_is_named(tmp_path):
    problems = release.release_problems(write_config(tmp_path, every_value_but("hosting.anbieter")))
    assert [(p.line, p.field) for p in problems] == [(3, "hosting.anbieter")]
    assert problems[0].message.endswith("Der Eintrag fehlt ganz; bitte mit diesem Namen anlegen.")


def test_tags_are_never_run_and_count_as_empty(tmp_path):
    marker = tmp_path / "ausgefuehrt"
    settings = every_value_but("impressum.betreiber", f'!!python/object/apply:os.system ["touch {marker}"]')
    config = write_config(tmp_path, settings)
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(config.read_text(encoding="utf-8"))  # what a plain safe_load does with it
    assert missing_keys(config) == {"impressum.betreiber"}
    assert not marker.exists()


def test_env_values_are_read_as_mkdocs_reads_them(tmp_path, monkeypatch):
    settings = every_value_but("impressum.betreiber", '!ENV [KP_TEST_BETREIBER, ""]')
    config = write_config(tmp_path, settings)
    monkeypatch.delenv("KP_TEST_BETREIBER", raising=False)
    assert missing_keys(config) == {"impressum.betreiber"}
    monkeypatch.setenv("KP_TEST_BETREIBER", "Testbetrieb")
    assert missing_keys(config) == set()


def test_whitespace_null_and_lists_are_empty(tmp_path):
    for written in ('"   "', "~", "null", "[a, b]", "{a: b}"):
        assert missing_keys(write_config(tmp_path, every_value_but("impressum.betreiber", written))) == {
            "impressum.betreiber"}, written


def test_a_duplicate_section_counts_as_mkdocs_reads_it_the_last_one(tmp_path):
    settings = every_value_but("-") + "    hosting:\n      anbieter: Testwert\n"  # drittland only in the first
    assert missing_keys(write_config(tmp_path, settings)) == {"hosting.drittland"}


def test_an_unreadable_configuration_fails_with_a_german_message(tmp_path):
    broken = tmp_path / "mkdocs.yml"
    broken.write_text("extra:\n  settings: [\n", encoding="utf-8")
    [problem] = release.release_problems(broken)
    assert problem.message.startswith("Die Datei „mkdocs.yml“ ist kein gültiges YAML")
    [problem] = release.release_problems(tmp_path / "fehlt.yml")
    assert problem.message == "Die Datei „fehlt.yml“ gibt es nicht."


# The preview ---------------------------------------------------------------------------------------

def test_the_deploy_workflow_checks_before_publishing_unless_preview():
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    names = [s.get("name") for s in steps]
    check = next(s for s in steps if s.get("id") == "release-check")
    build = next(s for s in steps if s.get("name") == "mkdocs build --strict")
    assert names.index(check["name"]) < names.index(build["name"])
    assert check["env"]["PREVIEW"] == build["env"]["KLIMAPAKT_PREVIEW"] == "${{ vars.PREVIEW == 'true' }}"
    script = check["run"]
    preview_branch, real_branch = script.split("else")
    assert "check --release" not in preview_branch and "python -m klimapakt check --release --github" in real_branch


@pytest.mark.data
def test_a_preview_build_marks_every_page_and_asks_not_to_be_indexed(tmp_path, real_site):
    result = build_site(ROOT / "partners.yml", tmp_path / "site", KLIMAPAKT_PREVIEW="true")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert PREVIEW_NOTICE in soup.get_text(" ", strip=True), page
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex, nofollow", page
    real = (real_site / "index.html").read_text(encoding="utf-8")
    assert PREVIEW_NOTICE not in real and 'name="robots"' not in real
