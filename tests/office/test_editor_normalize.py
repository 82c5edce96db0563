"""A save from the form editor (the whole file dumped anew) comes back in the registry's own form: the
header kept, untouched entries byte for byte, changed and new entries canonical, nothing dropped."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from klimapakt.__main__ import main
from klimapakt.load.registries import EVENTS
from klimapakt.office.editor_normalize import NormalizeError, normalize

BASE = """\
# yaml-language-server: $schema=./schema/partners.schema.json
#
# Fictional partners for the editor tests.
partners:
  - id: erste-muster-gmbh
    name: Erste Muster GmbH
    role: partner
    status: partner
    joined: 2024-03-01
    sector: C
    district: 3
    website: https://www.erste-muster.example
    description: >-
      Die Erste Muster GmbH ist ein erfundenes Unternehmen für Tests und hat eine lange Beschreibung,
      die über mehrere Zeilen gefaltet ist.

  # A comment staff wrote above an entry.
  - id: zweite-beispiel-ag
    name: "Zweite Beispiel AG"
    role: partner
    status: letter-of-intent
    joined: 2025-01-15
    agreement:
      targets:
        - year: 2035
          scopes: [1, 2]
          climate_neutral: true

  - id: dritte-test-kg
    name: Dritte Test KG
    role: partner
    status: partner
    sector: M
"""


def editor_save(data: dict) -> str:
    """What the editor writes: the whole file dumped, comments gone, keys sorted, dates as quoted text."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=60)
    return text.replace("joined: 2024-03-01", "joined: '2024-03-01'")


def entries(text: str) -> list[str]:
    """The file's entries as text, split at the list dashes."""
    return ["  - id:" + chunk for chunk in text.split("\n  - id:")[1:]]


def test_an_untouched_save_gives_back_the_file_byte_for_byte():
    assert normalize(editor_save(yaml.safe_load(BASE)), BASE) == BASE


def test_only_the_edited_and_the_added_entry_differ_and_the_header_stays(tmp_path):
    data = yaml.safe_load(BASE)
    data["partners"][2]["website"] = "https://www.dritte-test.example"
    data["partners"].append({"id": "vierte-probe-ev", "name": "Vierte Probe e. V.", "role": "partner",
                             "status": "letter-of-intent", "joined": "2026-02-01", "district": "5",
                             "description": "", "contact": {"name": None},
                             "agreement": {"measures": [{"title": "Dienstrad-Leasing", "field": "mobility",
                                                         "status": "planned", "year": 2026}]}})
    result = normalize(editor_save(data), BASE)
    assert result.startswith(BASE[:BASE.index("  - id:")])
    before, after = entries(BASE), entries(result)
    assert after[:2] == before[:2]  # with the comment above the second entry
    assert after[2] == ("  - id: dritte-test-kg\n    name: Dritte Test KG\n    role: partner\n    status: partner\n"
                        "    sector: M\n    website: https://www.dritte-test.example\n")
    assert after[3] == ("  - id: vierte-probe-ev\n    name: Vierte Probe e. V.\n    role: partner\n"
                        "    status: letter-of-intent\n    joined: 2026-02-01\n    district: 5\n    agreement:\n"
                        "      measures:\n        - title: Dienstrad-Leasing\n          field: mobility\n"
                        "          status: planned\n          year: 2026\n")
    assert yaml.safe_load(result)["partners"][3]["joined"] == dt.date(2026, 2, 1)
    registry = tmp_path / "partners.yml"
    registry.write_text(result + "\n", encoding="utf-8")
    (tmp_path / "docs/assets/partners").mkdir(parents=True)
    assert main(["check", str(registry)]) == 0


def test_an_unticked_box_the_form_writes_as_false_leaves_the_file_unchanged():
    data = yaml.safe_load(BASE)
    data["demo"] = False  # the form's boolean default for the registry's `demo` box
    data["partners"][2]["agreement"] = {"targets": [{"year": 2030, "climate_neutral": False}]}
    result = normalize(editor_save(data), BASE)
    assert "demo" not in result and "climate_neutral" not in result.split("dritte-test-kg")[1]
    assert result.startswith(BASE.rstrip("\n") + "\n")


def test_a_box_staff_tick_and_untick_is_written_as_they_left_it():
    data = yaml.safe_load(BASE)
    data["demo"] = True
    ticked = normalize(editor_save(data), BASE)
    assert yaml.safe_load(ticked)["demo"] is True and ticked.count("demo: true") == 1
    data["demo"] = False
    assert yaml.safe_load(normalize(editor_save(data), ticked))["demo"] is False


def test_an_edited_entry_keeps_the_comment_above_it():
    data = yaml.safe_load(BASE)
    data["partners"][1]["website"] = "https://www.zweite-beispiel.example"
    result = normalize(editor_save(data), BASE)
    assert "  # A comment staff wrote above an entry.\n  - id: zweite-beispiel-ag\n" in result
    assert result.count("# A comment staff wrote") == 1
    assert yaml.safe_load(result)["partners"][1]["website"] == "https://www.zweite-beispiel.example"


def test_a_removed_entry_is_gone_and_the_others_stay():
    data = yaml.safe_load(BASE)
    del data["partners"][1]
    result = normalize(editor_save(data), BASE)
    second = BASE[BASE.index("  # A comment"):BASE.index("  - id: dritte")]
    assert result == BASE.replace(second, "")  # its comment went with it


def test_an_unknown_key_stops_with_a_german_message_instead_of_being_dropped():
    data = yaml.safe_load(BASE)
    data["partners"][0]["webseite"] = "https://www.erste-muster.example"
    with pytest.raises(NormalizeError, match="unbekanntes Feld „webseite“"):
        normalize(editor_save(data), BASE)


def test_events_are_normalised_by_the_same_declarations():
    base = ("events:\n  - id: treffen\n    title: Treffen\n    start: 2026-05-04T18:00\n    kind: network\n"
            "    partners: [erste-muster-gmbh]\n")
    saved = yaml.safe_dump(yaml.safe_load(base), sort_keys=True)
    assert normalize(saved, base, EVENTS) == base


def test_the_command_rewrites_the_file_against_the_base_folder(tmp_path, capsys):
    (tmp_path / "base").mkdir()
    (tmp_path / "base/partners.yml").write_text(BASE, encoding="utf-8")
    saved = tmp_path / "partners.yml"
    saved.write_text(editor_save(yaml.safe_load(BASE)), encoding="utf-8")
    assert main(["normalize-editor", "--base", str(tmp_path / "base"), str(saved)]) == 0
    assert saved.read_text(encoding="utf-8") == BASE
    assert "in die gewohnte Form gebracht" in capsys.readouterr().out
