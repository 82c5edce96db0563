"""LICENSE is the official EUPL-1.2 text; publiccode.yml is valid against the publiccode.yml schema.

No validator of the standard installs from PyPI or npm (the official one is a Go program), so the
file is checked with jsonschema against SchemaStore's publiccode.json (Apache-2.0; from
SchemaStore/schemastore, commit 3b6446ad8a077bac56f4a4796c0b7fd88927fc8e, in tests/fixtures/),
plus the limits of standard v0.4 that the schema does not encode.
"""

from __future__ import annotations

import hashlib
import json

import jsonschema
import yaml

from conftest import FIXTURES, ROOT

# SHA-256 of the text in the npm package spdx-license-list 6.12.0, licenses/EUPL-1.2.json (licenseText).
EUPL_SHA256 = "57fb42fbcd0b037ce528ed8f72f1ec095d67bc6825ecf1448ff39be1fe68a4b4"


def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_the_licence_is_the_official_eupl_1_2_text():
    text = (ROOT / "LICENSE").read_bytes()
    assert hashlib.sha256(text).hexdigest() == EUPL_SHA256
    assert text.startswith(b"EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")


def test_publiccode_yml_is_valid_against_the_schema():
    schema = json.loads((FIXTURES / "publiccode.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(publiccode())] == []


def test_publiccode_yml_keeps_the_limits_of_standard_0_4_and_names_the_licence():
    data = publiccode()
    assert data["publiccodeYmlVersion"] == "0.4"
    assert data["legal"]["license"] == "EUPL-1.2"
    for language, text in data["description"].items():
        assert len(text["shortDescription"]) <= 150, language
        assert 150 <= len(text["longDescription"]) <= 10000, language
        assert text["features"] and all(len(feature) <= 100 for feature in text["features"]), language
    assert data["localisation"]["availableLanguages"] == ["de"]


def test_the_schema_check_would_catch_a_missing_required_key():
    schema = json.loads((FIXTURES / "publiccode.schema.json").read_text(encoding="utf-8"))
    broken = {key: value for key, value in publiccode().items() if key != "legal"}
    messages = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(broken)]
    assert messages == ["'legal' is a required property"]
