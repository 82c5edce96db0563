"""The form editor's configuration follows the field declarations: every field, its kind, its choices."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from klimapakt.kinds.text import LOGO
from klimapakt.load.registries import REGISTRIES
from klimapakt.model.fields import Field, fields_of
from klimapakt.office import editor_config
from klimapakt.vocabulary import DISTRICT_QUARTERS, DISTRICTS, LOGO_DIR, LOGO_MAX_BYTES, LOGO_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]


def primary_type(schema: dict) -> str | None:
    kind_type = schema.get("type")
    return kind_type[0] if isinstance(kind_type, list) else kind_type


def expected_widget(f: Field) -> str:
    """The widget a field must get, from its declaration alone."""
    if f.record is not None:
        return "list" if f.many else "object"
    if f.choices:
        return "select"
    if f.many:
        return "list"
    if f.kind is LOGO:
        return "image"
    schema = f.kind.schema(f)
    if schema.get("type") == "boolean":
        return "boolean"
    if primary_type(schema) in ("integer", "number"):  # a decimal's ["number", "string"] too
        return "number"
    if schema.get("format") == "date":
        return "datetime"
    return "text" if f.kind.prose == "long" else "string"


def shown_text(markdown: str) -> str:
    """What a hint written by `hint_text` shows: its entities and backslash escapes read back."""
    return re.sub(r"\\(.)", r"\1", html.unescape(markdown))


def assert_matches(spec: tuple[Field, ...], form: list[dict], where: str) -> int:
    """Every declared field, in order, with its kind; returns how many fields were compared."""
    assert [field["name"] for field in form] == [f.key for f in spec], f"{where}: fields differ"
    compared = 0
    for f, field in zip(spec, form):
        at = f"{where}.{f.key}"
        assert field["widget"] == expected_widget(f), at
        assert field["required"] is f.required, at
        assert field["label"] == (f.title or f.help), at
        if f.title and f.help != f.title:
            assert shown_text(field["hint"]) == f.help and "<" not in field["hint"], at
        if f.choices:
            assert [option["value"] for option in field["options"]] == list(f.choices), at
            assert field["multiple"] is f.many, at
        schema = f.kind.schema(f) if f.kind else {}
        if field["widget"] in ("string", "text") and "pattern" in schema:
            assert field["pattern"][0] == schema["pattern"], at
        if field["widget"] == "number":
            assert field["value_type"] == ("int" if primary_type(schema) == "integer" else "float"), at
        compared += 1
        if f.record is not None:
            compared += assert_matches(f.spec, field["fields"], at)
    return compared


@pytest.mark.parametrize("registry", REGISTRIES, ids=lambda r: r.name)
def test_every_declared_field_appears_with_its_kind(registry):
    config = editor_config.editor_config("besitzer/name")
    collection = next(c for c in config["collections"] if c["name"] == registry.name)
    (file,) = collection["files"]
    assert file["file"] == registry.file
    spec = fields_of(registry.root)
    assert assert_matches(spec, file["fields"], registry.file) == declared_count(spec)


def test_a_missing_or_changed_field_is_caught():
    config = editor_config.editor_config()
    fields = config["collections"][0]["files"][0]["fields"]
    partner = next(field for field in fields if field["name"] == "partners")["fields"]
    without_website = [field for field in partner if field["name"] != "website"]
    spec = fields_of(next(r for r in REGISTRIES if r.name == "partners").record)
    with pytest.raises(AssertionError):
        assert_matches(spec, without_website, "partners")
    as_text = [dict(field, widget="text") if field["name"] == "joined" else field for field in partner]
    with pytest.raises(AssertionError):
        assert_matches(spec, as_text, "partners")
    assert assert_matches(spec, partner, "partners") == declared_count(spec)


def declared_count(spec: tuple[Field, ...]) -> int:
    return sum(1 + (declared_count(f.spec) if f.spec else 0) for f in spec)


def test_selects_show_readable_labels_and_the_stadtbezirk_its_stadtteile():
    config = editor_config.editor_config()
    partner = config["collections"][0]["files"][0]["fields"][1]["fields"]
    by_name = {field["name"]: field for field in partner}
    district = {option["value"]: option["label"] for option in by_name["district"]["options"]}
    assert list(district) == list(DISTRICTS)
    assert district[4] == f"Stadtbezirk 4 ({', '.join(DISTRICT_QUARTERS[4])})"
    assert {option["value"]: option["label"] for option in by_name["sector"]["options"]}["C"].startswith("C – ")
    assert (by_name["joined"]["type"], by_name["joined"]["format"]) == ("date", "YYYY-MM-DD")


def test_the_editor_opens_pull_requests_and_signs_in_with_a_token():
    config = editor_config.editor_config("besitzer/name")
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "besitzer/name", "auth_methods": ["token"]}


def test_the_committed_configuration_is_current():
    committed = (ROOT / editor_config.COMMITTED).read_text(encoding="utf-8")
    assert committed == editor_config.config_text(), "schema/editor.config.yml is out of date: run `make schema`"
    assert yaml.safe_load(committed) == editor_config.editor_config()


def test_a_percentage_is_a_number_field_with_its_limits_not_a_text_with_the_quoting_pattern():
    """The decimal kinds' schema is ["number", "string"] (the quoted "1.255"); the form still offers a number."""
    partners = editor_config.editor_config()["collections"][0]["files"][0]["fields"][1]["fields"]
    agreement = next(f for f in partners if f["name"] == "agreement")
    targets = next(f for f in agreement["fields"] if f["name"] == "targets")
    percent = next(f for f in targets["fields"] if f["name"] == "reduction_percent")
    assert {k: percent[k] for k in ("widget", "value_type", "min", "max")} == {
        "widget": "number", "value_type": "float", "min": 0, "max": 100}
    assert "pattern" not in percent


def test_a_help_text_reaches_the_form_as_text_not_as_markup():
    """Sveltia renders hints as Markdown into HTML: `<id>` would vanish as a tag, `[muster]` could link."""
    assert editor_config.hint_text("Adresse /partner/<id>/ & z. B. [muster]: *nicht* fett, `kein` Code") == (
        "Adresse /partner/&lt;id&gt;/ &amp; z. B. \\[muster\\]: \\*nicht\\* fett, \\`kein\\` Code")
    assert editor_config.hint_text("Name des Unternehmens") == "Name des Unternehmens"


def test_the_logo_is_an_upload_into_the_logo_folder_of_the_formats_and_size_the_logo_check_accepts():
    partners = editor_config.editor_config()["collections"][0]["files"][0]["fields"][1]["fields"]
    logo = next(f for f in partners if f["name"] == "logo")
    assert (logo["widget"], logo["media_folder"], logo["public_folder"]) == ("image", "/" + LOGO_DIR, "")
    accepted = logo["accept"].split(",")
    assert [a for a in accepted if a.startswith(".")] == list(LOGO_SUFFIXES)
    assert {a for a in accepted if not a.startswith(".")} == {"image/svg+xml", "image/png", "image/webp", "image/jpeg"}
    assert logo["media_libraries"]["default"]["config"]["max_file_size"] == LOGO_MAX_BYTES
    assert logo["choose_url"] is False  # a logo is a file in the repository, never an address elsewhere
    config = editor_config.editor_config()
    assert config["media_libraries"]["stock_assets"] == logo["media_libraries"]["stock_assets"] == {"providers": []}
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True}  # uploaded names as the logo rules want them
