"""The JSON Schema for partners.yml and the staff guide's field table, both generated from `model`.

Editors with the YAML language server (VS Code, GitHub Codespaces) read the schema through the
`# yaml-language-server: $schema=…` line and check the file while staff type. The check
(`python -m klimapakt check`) stays the authority: it also sees lines, YAML 1.1 surprises and
logo files, which a schema cannot. Tests fail when the committed files drift from these functions.
"""

from __future__ import annotations

import json
from typing import Any

from ..load.registries import PARTNERS, Registry
from ..model.fields import Field, fields_of
from ..model.partners import Agreement, Contact, Emission, Measure, Partner, PartnerRegistry, Target
from ..vocabulary import DISTRICT_QUARTERS, DISTRICTS

FIELDS_START, FIELDS_END = "<!-- fields:start -->", "<!-- fields:end -->"


def json_schema(registry: Registry = PARTNERS) -> dict[str, Any]:
    """Draft-07 (what the YAML language server supports best), German descriptions throughout."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": registry.title,
        "description": "Erzeugt aus klimapakt/model/ mit `python -m klimapakt schema --write`; bitte nicht "
                       "von Hand ändern. Die Prüfung `python -m klimapakt check` prüft darüber hinaus Zeilen, "
                       "Logo-Dateien und Datumsangaben.",
        **object_schema(fields_of(registry.root)),
    }


def object_schema(spec: tuple[Field, ...]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.key: field_schema(f) for f in spec},
        "additionalProperties": False,
    }
    required = [f.key for f in spec if f.required]
    if required:
        schema["required"] = required
    return schema


def field_schema(f: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": describe_field(f)}
    schema.update(value_schema(f))
    if not f.required:  # the check reads an empty optional value (`website:`) as "not given"
        allow_null(schema)
    return schema


def value_schema(f: Field) -> dict[str, Any]:
    """A record, a list, or one value of the field's kind (a list's item: with its allowed values)."""
    if f.is_object:
        return object_schema(f.spec)
    if not f.many:
        return f.kind.schema(f)
    limit = {"maxItems": f.max_items} if f.max_items else {}
    if f.record:
        return {"type": "array", "items": object_schema(f.spec), **limit}
    items = f.kind.schema(f)
    if f.choices:
        items = {"enum": list(f.choices), "enumDescriptions": list(f.choices.values())}
    return {"type": "array", "items": items, **limit}


def allow_null(schema: dict[str, Any]) -> None:
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
        schema["enumDescriptions"] = [*schema["enumDescriptions"], "nicht angegeben"]
    elif "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema["type"] = [*types, "null"]


def describe_field(f: Field) -> str:
    text = f.help
    if f.choices:
        text += ". Erlaubte Werte: " + ", ".join(f"{k} = {label}" for k, label in f.choices.items())
    if f.max_length:
        text += f". Höchstens {f.max_length} Zeichen"
    if f.max_items:
        text += f". Höchstens {count_de(f.max_items)} Einträge"
    return text + ("" if text.endswith((".", ")")) else ".") + (" Pflichtfeld." if f.required else "")


def count_de(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def schema_text(registry: Registry = PARTNERS) -> str:
    return json.dumps(json_schema(registry), ensure_ascii=False, indent=2) + "\n"


# The staff guide's field reference.

SECTIONS = (  # (path of the section, German heading, spec)
    ("", "Oberste Ebene der Datei", fields_of(PartnerRegistry)),
    ("partners[]", "Partner (jeder Eintrag unter `partners:`, beginnt mit `- id:`)", fields_of(Partner)),
    ("contact", "Ansprechperson (`contact:`)", fields_of(Contact)),
    ("agreement", "Klimaschutzvereinbarung (`agreement:`)", fields_of(Agreement)),
    ("agreement.targets[]", "Ziele (jeder Eintrag unter `agreement:` → `targets:`)", fields_of(Target)),
    ("agreement.measures[]", "Maßnahmen (jeder Eintrag unter `agreement:` → `measures:`)", fields_of(Measure)),
    ("emissions[]", "Emissionen (jeder Eintrag unter `emissions:`)", fields_of(Emission)),
)


def kind_label(f: Field) -> str:
    """What a staff member writes, in German: „Text, höchstens 120 Zeichen“, „Datum JJJJ-MM-TT“."""
    if f.many:
        limit = f", höchstens {count_de(f.max_items)} Einträge" if f.max_items else ""
        if f.record:
            return f"Liste von Abschnitten (je Eintrag `- …`){limit}"
        return f"Liste von Zahlen, z. B. `[1, 2]`{limit}"
    if f.is_object:
        return "Abschnitt (Felder eingerückt darunter)"
    return f.kind.label(f)


def meaning(f: Field) -> str:
    text = f.help
    if f.choices and all(isinstance(k, int) for k in f.choices):
        text += ". Erlaubt: " + ", ".join(f"`{k}`" for k in f.choices)
    elif f.choices:
        text += ". Erlaubt: " + ", ".join(f"`{k}` ({label})" for k, label in f.choices.items())
    return text


def field_reference_markdown() -> str:
    """German tables of every field, one per section, for CONTRIBUTING.md."""
    parts = ["<!-- Erzeugt mit `python -m klimapakt fields` aus klimapakt/model/; nicht von Hand ändern. -->"]
    for _path, heading, spec in SECTIONS:
        parts.append(f"\n#### {heading}\n")
        parts.append("| Feld | Pflicht | Was eintragen | Bedeutung |")
        parts.append("|---|---|---|---|")
        for f in spec:
            cells = (f"`{f.key}`", "ja" if f.required else "–", kind_label(f), meaning(f))
            parts.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    parts.append(district_table())
    return "\n".join(parts) + "\n"


def district_table() -> str:
    """Which number to write for `district:`: each Stadtbezirk with its Stadtteile (vocabulary.DISTRICT_QUARTERS)."""
    rows = [f"| `{number}` | {', '.join(DISTRICT_QUARTERS[number])} |" for number in DISTRICTS]
    return "\n".join(["\n#### Stadtbezirke und ihre Stadtteile (`district:`)\n",
                      "Tragen Sie die Nummer des Stadtbezirks ein, in dem der Standort liegt.\n",
                      "| `district:` | Stadtteile |", "|---|---|", *rows])


def with_field_reference(guide: str) -> str:
    """`guide` with the generated table between the markers (which must both be there)."""
    start, end = guide.index(FIELDS_START) + len(FIELDS_START), guide.index(FIELDS_END)
    return guide[:start] + "\n" + field_reference_markdown() + guide[end:]
