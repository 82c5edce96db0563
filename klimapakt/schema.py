"""The JSON Schema for partners.yml and the staff guide's field table, both generated from `model`.

Editors with the YAML language server (VS Code, GitHub Codespaces) read the schema through the
`# yaml-language-server: $schema=…` line and check the file while staff type. The check
(`python -m klimapakt check`) stays the authority: it also sees lines, YAML 1.1 surprises and
logo files, which a schema cannot. Tests fail when the committed files drift from these functions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import model, rules

SCHEMA_PATH = Path("schema/partners.schema.json")
FIELDS_START, FIELDS_END = "<!-- fields:start -->", "<!-- fields:end -->"

# Text is rendered as text: no template delimiters, no HTML tags (rules.check_plain_text),
# and at least one visible character (the check strips spaces). The tag test reads: no "<!--", and
# after the first "<" + letter no ">" — linear in time, like rules.contains_html.
_PLAIN_TEXT = (r"(?=[\s\S]*\S)(?![\s\S]*(?:\{\{|\{%|\{#))"
               r"(?=(?:[^<]|<(?!/?[A-Za-z]|!--))*(?:</?[A-Za-z](?:[^<>]|<(?!!--))*)?$)")
_LOGO_SUFFIX = "|".join("".join(f"[{c.lower()}{c.upper()}]" for c in s[1:]) for s in model.LOGO_SUFFIXES)
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def json_schema() -> dict[str, Any]:
    """Draft-07 (what the YAML language server supports best), German descriptions throughout."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Partnerregister des Klimapakts Düsseldorf (partners.yml)",
        "description": "Erzeugt aus klimapakt/model.py mit `python -m klimapakt schema --write`; bitte nicht "
                       "von Hand ändern. Die Prüfung `python -m klimapakt check` prüft darüber hinaus Zeilen, "
                       "Logo-Dateien und Datumsangaben.",
        **object_schema(model.REGISTRY_SPEC),
    }


def object_schema(spec: tuple[model.Field, ...]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.key: field_schema(f) for f in spec},
        "additionalProperties": False,
    }
    required = [f.key for f in spec if f.required]
    if required:
        schema["required"] = required
    return schema


def field_schema(f: model.Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": describe_field(f)}
    schema.update(value_schema(f.kind, f))
    if not f.required:  # the check reads an empty optional value (`website:`) as "not given"
        allow_null(schema)
    return schema


def value_schema(kind: str, f: model.Field) -> dict[str, Any]:
    if kind in ("text", "name"):
        return {"type": "string", "minLength": 1, "maxLength": f.max_length, "pattern": f"^{_PLAIN_TEXT}[^\\n\\r]*$"}
    if kind == "longtext":
        return {"type": "string", "minLength": 1, "maxLength": f.max_length, "pattern": f"^{_PLAIN_TEXT}"}
    if kind == "id":
        return {"type": "string", "maxLength": rules.ID_MAX, "pattern": rules.ID_RE.pattern}
    if kind == "url":
        return {"type": "string", "pattern": r"^[hH][tT][tT][pP][sS]?://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$"}
    if kind == "email":
        return {"type": "string", "pattern": rules.EMAIL_RE.pattern}
    if kind == "phone":
        return {"type": "string", "pattern": rules.PHONE_RE.pattern}
    if kind == "logo":
        return {"type": "string", "maxLength": rules.LOGO_NAME_MAX,
                "pattern": rf"^[A-Za-z0-9][A-Za-z0-9_-]*\.(?:{_LOGO_SUFFIX})$"}
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if kind == "year":
        return {"type": "integer", "minimum": model.YEAR_MIN, "maximum": model.YEAR_MAX}
    if kind == "int":
        return {"type": "integer"}
    if kind == "percent":
        return {"type": "number", "minimum": 0, "maximum": 100}
    if kind == "tonnes":
        return {"type": "number", "minimum": 0}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "choice":
        return {"enum": list(f.choices), "enumDescriptions": list(f.choices.values())}
    if kind == "object":
        return object_schema(f.spec)
    if kind == "list":
        limit = {"maxItems": f.max_items} if f.max_items else {}
        if f.spec:
            return {"type": "array", "items": object_schema(f.spec), **limit}
        items = value_schema(f.item_kind, f)
        if f.choices:
            items = {"enum": list(f.choices), "enumDescriptions": list(f.choices.values())}
        return {"type": "array", "items": items, **limit}
    raise ValueError(f"unknown field kind {kind!r} for {f.key!r}")


def allow_null(schema: dict[str, Any]) -> None:
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
        schema["enumDescriptions"] = [*schema["enumDescriptions"], "nicht angegeben"]
    elif "type" in schema:
        schema["type"] = [schema["type"], "null"]


def describe_field(f: model.Field) -> str:
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


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


# The staff guide's field reference.

SECTIONS = (  # (path of the section, German heading, spec)
    ("", "Oberste Ebene der Datei", model.REGISTRY_SPEC),
    ("partners[]", "Partner (jeder Eintrag unter `partners:`, beginnt mit `- id:`)", model.PARTNER_SPEC),
    ("contact", "Ansprechperson (`contact:`)", model.CONTACT_SPEC),
    ("agreement", "Klimaschutzvereinbarung (`agreement:`)", model.AGREEMENT_SPEC),
    ("agreement.targets[]", "Ziele (jeder Eintrag unter `agreement:` → `targets:`)", model.TARGET_SPEC),
    ("agreement.measures[]", "Maßnahmen (jeder Eintrag unter `agreement:` → `measures:`)", model.MEASURE_SPEC),
    ("emissions[]", "Emissionen (jeder Eintrag unter `emissions:`)", model.EMISSION_SPEC),
)


def kind_label(f: model.Field) -> str:
    """What a staff member writes, in German: „Text, höchstens 120 Zeichen“, „Datum JJJJ-MM-TT“."""
    if f.kind in ("text", "name", "longtext"):
        lines = "" if f.kind == "longtext" else ", eine Zeile"
        return f"Text{lines}, höchstens {f.max_length} Zeichen" if f.max_length else f"Text{lines}"
    if f.kind == "list":
        limit = f", höchstens {count_de(f.max_items)} Einträge" if f.max_items else ""
        if f.spec:
            return f"Liste von Abschnitten (je Eintrag `- …`){limit}"
        return f"Liste von Zahlen, z. B. `[1, 2]`{limit}"
    return {
        "id": f"Kennung (a–z, 0–9, `-`), höchstens {rules.ID_MAX} Zeichen",
        "url": "Webadresse, beginnt mit `https://`",
        "email": "E-Mail-Adresse",
        "phone": "Telefonnummer",
        "logo": "Dateiname, z. B. `muster-gmbh.svg`",
        "date": "Datum `JJJJ-MM-TT`",
        "year": f"Jahreszahl {model.YEAR_MIN}–{model.YEAR_MAX}",
        "int": "ganze Zahl",
        "percent": "Zahl von 0 bis 100 (ohne %)",
        "tonnes": "Zahl ≥ 0 (Punkt als Dezimaltrenner, ohne Einheit)",
        "bool": "`true` oder `false`",
        "choice": "ein Wert aus der Liste",
        "object": "Abschnitt (Felder eingerückt darunter)",
    }[f.kind]


def meaning(f: model.Field) -> str:
    text = f.help
    if f.choices and all(isinstance(k, int) for k in f.choices):
        text += ". Erlaubt: " + ", ".join(f"`{k}`" for k in f.choices)
    elif f.choices:
        text += ". Erlaubt: " + ", ".join(f"`{k}` ({label})" for k, label in f.choices.items())
    return text


def field_reference_markdown() -> str:
    """German tables of every field, one per section, for CONTRIBUTING.md."""
    parts = ["<!-- Erzeugt mit `python -m klimapakt fields` aus klimapakt/model.py; nicht von Hand ändern. -->"]
    for _path, heading, spec in SECTIONS:
        parts.append(f"\n#### {heading}\n")
        parts.append("| Feld | Pflicht | Was eintragen | Bedeutung |")
        parts.append("|---|---|---|---|")
        for f in spec:
            cells = (f"`{f.key}`", "ja" if f.required else "–", kind_label(f), meaning(f))
            parts.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(parts) + "\n"


def with_field_reference(guide: str) -> str:
    """`guide` with the generated table between the markers (which must both be there)."""
    start, end = guide.index(FIELDS_START) + len(FIELDS_START), guide.index(FIELDS_END)
    return guide[:start] + "\n" + field_reference_markdown() + guide[end:]
