"""The JSON Schema and the staff guide's field table are generated from the model and committed.

Editors read partners.yml as YAML 1.2 (the YAML language server's default), so the schema
tests look at the data that way too: `no` and `2024-01-01` are strings there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from helpers.corpus import AGREEMENT, BASE, CONTACT, EMISSIONS, SECOND, registry
from helpers.yaml12 import yaml12
from klimapakt import model
from klimapakt.exports import schema
from klimapakt.load.registries import PARTNERS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(schema.json_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_committed_schema_is_the_generated_one():
    committed = (ROOT / PARTNERS.schema_path).read_text(encoding="utf-8")
    assert committed == schema.schema_text(), "run `python -m klimapakt schema --write` (or `make schema`)"


def test_schema_is_a_valid_draft_07_schema():
    jsonschema.Draft7Validator.check_schema(schema.json_schema())


@pytest.mark.data
def test_partners_yml_points_editors_at_the_schema():
    first_line = (ROOT / "partners.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./schema/partners.schema.json"
    assert (ROOT / "schema/partners.schema.json").is_file()


@pytest.mark.data
def test_shipped_registry_validates(validator):
    errors = list(validator.iter_errors(yaml12((ROOT / "partners.yml").read_text(encoding="utf-8"))))
    assert [e.message for e in errors] == []


def test_demo_registry_validates(validator, tmp_path):
    import datetime as dt

    from klimapakt.demo import write_demo_registry
    path = write_demo_registry(tmp_path / "partners.yml", 60, seed=2035, today=dt.date(2026, 11, 25))
    errors = list(validator.iter_errors(yaml12(path.read_text(encoding="utf-8"))))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_corpus_base_registries_validate(validator):
    for text in (BASE, registry(SECOND), registry(AGREEMENT + EMISSIONS + CONTACT + "    last_reviewed: 2026-06-01\n"),
                 registry("    website:\n    sector: C\n    district: 4\n")):
        assert [e.message for e in validator.iter_errors(yaml12(text))] == []


@pytest.mark.parametrize(("change", "path"), [
    ("    webiste: https://acme.example\n", [0]),
    ("    role2: partner\n", [0]),
    ("    sector: Z\n", [0, "sector"]),
    ("    district: 11\n", [0, "district"]),
    ("    website: javascript:alert(1)\n", [0, "website"]),
    ("    joined: 15.03.2024\n", [0, "joined"]),
    ("    contact:\n      email: erika(at)acme.example\n", [0, "contact", "email"]),
    ("    emissions:\n      - year: 1989\n        scope1: 3\n", [0, "emissions", 0, "year"]),
    ("    emissions:\n      - year: 2020\n        scope1: -3\n", [0, "emissions", 0, "scope1"]),
    ("    agreement:\n      targets:\n        - reduction_percent: 50\n", [0, "agreement", "targets", 0]),
    ("    agreement:\n      targets:\n        - year: 2030\n          reduction_percent: 150\n",
     [0, "agreement", "targets", 0, "reduction_percent"]),
    ("    agreement:\n      measures:\n        - title: x\n          field: licht\n          status: done\n",
     [0, "agreement", "measures", 0, "field"]),
    ("    description: Wir sind <b>klimaneutral</b>\n", [0, "description"]),
    ("    description: Hallo {{ config }}\n", [0, "description"]),
    ("    logo: acme.gif\n", [0, "logo"]),
])
def test_schema_refuses_what_the_check_refuses(validator, change, path):
    data = yaml12(BASE.replace("    logo: ok.svg\n    description: Acme stellt Werkzeuge her.\n", "") + change)
    errors = list(validator.iter_errors(data))
    assert {tuple(e.path)[1:] for e in errors} == {tuple(path)}  # e.g. a date may fail both pattern and format


def test_every_property_has_a_german_description():
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                assert sub.get("description"), key
            for sub in node.values():
                walk(sub)
    walk(schema.json_schema())


def test_enum_descriptions_carry_the_german_labels():
    role = schema.json_schema()["properties"]["partners"]["items"]["properties"]["role"]
    assert role["enum"] == ["founding", "partner"]
    assert role["enumDescriptions"] == ["Initialpartner", "Partner"]
    assert "founding = Initialpartner" in role["description"]


def test_contributing_field_table_is_up_to_date():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert schema.with_field_reference(guide) == guide, "run `python -m klimapakt fields --write`"


def test_field_table_names_every_field_of_the_model():
    table = schema.field_reference_markdown()
    for _path, _heading, spec in schema.SECTIONS:
        for f in spec:
            assert f"| `{f.key}` |" in table
    assert "`founding` (Initialpartner)" in table and "Jahreszahl 1990–2050" in table
    sections, reachable, stack = {id(spec) for _p, _h, spec in schema.SECTIONS}, set(), [model.fields_of(model.PartnerRegistry)]
    while stack:
        spec = stack.pop()
        reachable.add(id(spec))
        stack += [f.spec for f in spec if f.spec]
    assert sections == reachable
