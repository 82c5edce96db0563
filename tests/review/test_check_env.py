"""`check` reads the files the build reads: KLIMAPAKT_REGISTRY and KLIMAPAKT_EVENTS, as mkdocs.yml does."""

from __future__ import annotations

import re

from conftest import ROOT
from klimapakt.load import registries
from klimapakt.__main__ import main

VALID = "partners:\n  - id: acme\n    name: Acme GmbH\n    role: partner\n    status: partner\n    description: Erfunden.\n"
OTHER = "partners:\n  - id: beta\n    name: Beta AG\n    role: Partner\n    status: partner\n    description: Erfunden.\n"
EVENTS = "events:\n  - id: treffen\n    title: Treffen\n    start: 2030-01-10\n    kind: workshop\n    partners: [{ids}]\n"


def test_mkdocs_yml_names_no_registry_file_of_its_own():
    """The build reads the files `check` reads (registries.declared_files), so there is no second list."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for registry in registries.REGISTRIES:
        assert not re.search(rf"!ENV \[{registry.env}\b", config)


def test_check_reads_the_registry_named_by_klimapakt_registry(tmp_path, capsys, monkeypatch):
    (tmp_path / "partners.yml").write_text(VALID, encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build/andere.yml").write_text(OTHER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    assert "partners.yml:" in capsys.readouterr().out
    monkeypatch.setenv("KLIMAPAKT_REGISTRY", "build/andere.yml")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "andere.yml:4: beta: role: „Partner“ ist nicht erlaubt." in out
    assert "partners.yml" not in out and "acme" not in out


def test_check_reads_the_events_named_by_klimapakt_events_against_that_registry(tmp_path, capsys, monkeypatch):
    (tmp_path / "partners.yml").write_text(VALID, encoding="utf-8")
    (tmp_path / "demo.yml").write_text(VALID.replace("acme", "gamma"), encoding="utf-8")
    (tmp_path / "termine.yml").write_text(EVENTS.format(ids="gamma"), encoding="utf-8")
    (tmp_path / "events.yml").write_text(EVENTS.format(ids="unbekannt"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KLIMAPAKT_EVENTS", "termine.yml")
    assert main(["check"]) == 1  # termine.yml names gamma, which partners.yml does not have
    assert "termine.yml:6: treffen: partners" in capsys.readouterr().out
    monkeypatch.setenv("KLIMAPAKT_REGISTRY", "demo.yml")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("demo.yml:\n") and "termine.yml:\nAlles in Ordnung" in out and "unbekannt" not in out


def test_a_missing_events_file_named_by_the_variable_is_an_error(tmp_path, capsys, monkeypatch):
    (tmp_path / "partners.yml").write_text(VALID, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KLIMAPAKT_EVENTS", "fehlt.yml")
    assert main(["check"]) == 1
    assert "fehlt.yml:1: Datei: Die Datei fehlt.yml wurde nicht gefunden." in capsys.readouterr().out
