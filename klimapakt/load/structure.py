"""Reading records from YAML nodes: mappings and their keys, nested records, lists.

Generic over the record types: every field's specification comes from its declaration
(`fields_of`), every value is read by its kind, and the rules that apply to a record type reach
the reader through the context (`ctx.record_rules`), filled from the registry declaration.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Mapping
from typing import Any

import yaml

from ..model.fields import Field, all_records, fields_of
from ..rules.values import placeholder_message
from ..source.context import NULL_TAG, Context, Invalid, count_de, describe, fail, is_null, join, line_of
from ..source.pasted import may_be_pasted, report_in_scalar, visible
from .duplicates import Keys, report_duplicate_keys

NOT_READ = object()  # no value read yet (None may be one)
Parents = Mapping[tuple[Field, ...], tuple[tuple[Field, ...], str]]

# German (and English) words staff may use for a key, mapped to the key the registry expects.
KEY_SYNONYMS = {
    "beschreibung": "description", "text": "description", "webseite": "website", "homepage": "website",
    "url": "website", "internet": "website", "branche": "sector", "größe": "size", "groesse": "size",
    "bezirk": "district", "stadtbezirk": "district", "kontakt": "contact", "ansprechperson": "contact",
    "ansprechpartner": "contact", "vereinbarung": "agreement", "ziele": "targets", "massnahmen": "measures",
    "maßnahmen": "measures", "emissionen": "emissions", "rolle": "role", "funktion": "role",
    "beitritt": "joined", "beigetreten": "joined", "unterzeichnet": "signed", "jahr": "year", "titel": "title",
    "telefon": "phone", "e-mail": "email", "mail": "email", "kennung": "id", "geprüft": "last_reviewed",
    "handlungsfeld": "field", "stand": "status", "basisjahr": "baseline_year", "zieljahr": "year",
    "klimaneutral": "climate_neutral", "minderung": "reduction_percent",
}


def read_mapping(node: yaml.Node, spec: tuple[Field, ...], path: str, ctx: Context) -> dict[str, tuple[Field, yaml.Node, int]] | None:
    """Check keys (duplicate, unknown, missing); return key → (field, value node, key line).

    Of a key written twice only the first value is read; values that are not read are still
    searched for duplicate keys.
    """
    if not isinstance(node, yaml.MappingNode):
        ctx.report(line_of(node), path or "-", f"Hier wird ein Abschnitt mit Feldern erwartet (z. B. „{example_key(spec)}: …“), "
                   f"nicht {describe(node)}.")
        report_duplicate_keys(node, path, ctx)
        return None
    by_key = fields_by_key(spec)
    found = known_keys_only(node, by_key, ctx)
    garbled: set[str] = set()
    if found is None:
        found, garbled = read_keys(node, spec, path, ctx)
    for f in required_fields(spec):
        if f.key in garbled:
            continue
        if f.key not in found:
            ctx.report(line_of(node), join(path, f.key), f"Das Pflichtfeld „{f.key}“ fehlt ({f.help}).")
        elif is_null(found[f.key][1]):
            ctx.report(found[f.key][2], join(path, f.key), f"Das Pflichtfeld „{f.key}“ ist leer ({f.help}).")
    return found


def known_keys_only(node: yaml.MappingNode, by_key: Mapping[str, Field], ctx: Context) -> dict[str, tuple[Field, yaml.Node, int]] | None:
    """The usual mapping, about whose keys `read_keys` has nothing to report: each a field's key, written
    once, in a file with nothing pasted. Its key → (field, value node, key line); None for any other."""
    if ctx.pasted:
        return None
    try:
        found = {key_node.value: (by_key[key_node.value], value_node, line_of(key_node)) for key_node, value_node in node.value}
    except (KeyError, TypeError):  # an unknown key; a key that is a list or a mapping
        return None
    return found if len(found) == len(node.value) else None


def read_keys(node: yaml.MappingNode, spec: tuple[Field, ...], path: str, ctx: Context) -> tuple[dict[str, tuple[Field, yaml.Node, int]], set[str]]:
    """Each key's field, value node and line; keys written twice, unknown or garbled by a pasted character
    are reported (the garbled ones are returned as well: a field they name is not missing)."""
    by_key = fields_by_key(spec)
    found: dict[str, tuple[Field, yaml.Node, int]] = {}
    keys, garbled = Keys(node, ctx), set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            ctx.report(line_of(key_node), path or "-", "Ein Feldname muss ein einfaches Wort sein, z. B. „name“.")
            continue
        key = key_node.value
        if keys.repeated(key_node, path):
            report_duplicate_keys(value_node, join(path, key), ctx)
            continue
        if may_be_pasted(key_node, ctx) and report_in_scalar(key_node, join(path, visible(key).strip()), ctx):
            garbled.add(visible(key).strip())  # „name“ is not missing as well
            continue
        f = by_key.get(key)
        if f is None:
            ctx.report(line_of(key_node), join(path, key), unknown_key_message(key, spec, ctx.parents))
            report_duplicate_keys(value_node, join(path, key), ctx)
            continue
        found[key] = (f, value_node, line_of(key_node))
    return found, garbled


def example_key(spec: tuple[Field, ...]) -> str:
    return next((f.key for f in spec if f.required), spec[0].key)


def unknown_key_message(key: str, spec: tuple[Field, ...], parents: Parents | None = None) -> str:
    keys = [f.key for f in spec]
    synonym = KEY_SYNONYMS.get(key.strip().lower())
    if synonym in keys:
        return f"Unbekanntes Feld „{key}“. Meinten Sie „{synonym}“?"
    for f in spec:
        if f.spec and key in {g.key for g in f.spec}:
            return f"Das Feld „{key}“ gehört in den Abschnitt „{f.key}“. Ist es richtig eingerückt?"
    parent = (parents or {}).get(spec)
    if parent and key in {g.key for g in parent[0]}:
        return f"Das Feld „{key}“ gehört nicht in den Abschnitt „{parent[1]}“, sondern eine Ebene höher. Ist es zu weit eingerückt?"
    close = difflib.get_close_matches(key.lower(), keys, n=1, cutoff=0.6)
    if close:
        return f"Unbekanntes Feld „{key}“. Meinten Sie „{close[0]}“?"
    return f"Unbekanntes Feld „{key}“. Erlaubt sind: {', '.join(keys)}."


def parents_of(root: type) -> dict[tuple[Field, ...], tuple[tuple[Field, ...], str]]:
    """For each nested record's fields: the fields of the record it sits in, and its key there."""
    return {fields_of(f.record): (fields_of(record), f.key)
            for record in all_records(root) for f in fields_of(record) if f.record}


def read_record(node: yaml.Node, record_type: type, path: str, ctx: Context) -> Any:
    """One record from a mapping; its rules report at the line of the field they name."""
    spec = fields_of(record_type)
    fields = read_mapping(node, spec, path, ctx)
    if fields is None:
        raise Invalid
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    failed = False
    for key, (f, value_node, key_line) in fields.items():
        lines[key] = key_line
        try:
            value = read_value(f, value_node, join(path, key), ctx)
        except Invalid:
            failed = True
            continue
        if value is not None:
            values[key] = value
    if failed or not required_keys(spec) <= values.keys():
        raise Invalid
    if keeps_lines(record_type):
        values["line"], values["lines"] = line_of(node), lines
    record = record_type(**values)
    for rule in ctx.record_rules.get(record_type, ()):
        for key, message in rule(record):
            ctx.report(lines.get(key, line_of(node)), join(path, key) if key != "-" else path, message)
    return record



@functools.cache
def required_fields(spec: tuple[Field, ...]) -> tuple[Field, ...]:
    return tuple(f for f in spec if f.required)


@functools.cache
def required_keys(spec: tuple[Field, ...]) -> frozenset[str]:
    return frozenset(f.key for f in required_fields(spec))


@functools.cache
def fields_by_key(spec: tuple[Field, ...]) -> Mapping[str, Field]:
    return {f.key: f for f in spec}


@functools.cache
def keeps_lines(record_type: type) -> bool:
    """A record with a `lines` field remembers its line and the line of each key (for its rules and messages)."""
    return any(f.name == "lines" for f in dataclasses.fields(record_type))


def read_value(f: Field, node: yaml.Node, path: str, ctx: Context) -> Any:
    if node.tag == NULL_TAG and is_null(node):  # the tag first: most values are not null
        return None
    if f.record is None and not f.many:  # one value, the usual case
        if isinstance(node, yaml.ScalarNode):
            return read_scalar(f, node, path, ctx)
        report_duplicate_keys(node, path, ctx)
        fail(ctx, node, path, f"Hier wird {f.kind.noun} erwartet, nicht {describe(node)}.")
    if isinstance(node, yaml.ScalarNode) and report_in_scalar(node, path, ctx):
        raise Invalid  # `scopes: [1, 2]` behind a pasted space is a text, not a list: the space is the mistake
    if f.many:
        return read_list(f, node, path, ctx)
    return read_record(node, f.record, path, ctx)


def read_scalar(f: Field, node: yaml.ScalarNode, path: str, ctx: Context, in_list: bool = False) -> Any:
    """A scalar by its field's kind, once no pasted character and no stand-in („k. A.“) is in its way.

    A pure kind's value (`Kind.pure`) that was read once without a problem is taken as read: no
    stand-in was in its way then, and its kind would read it the same again."""
    kind = f.kind
    if may_be_pasted(node, ctx) and report_in_scalar(node, path, ctx, kind.prose):
        raise Invalid
    if kind.pure:
        key = (f, node.value, node.style, node.tag)
        known = ctx.read_values.get(key, NOT_READ)
        if known is not NOT_READ:
            return known
    placeholder = placeholder_message(node.value, f.key, f.required, in_list)
    if placeholder:
        fail(ctx, node, path, placeholder)
    if not kind.pure:
        return kind.read(f, node, path, ctx)
    reported = len(ctx.problems)
    value = kind.read(f, node, path, ctx)
    if len(ctx.problems) == reported:
        ctx.read_values[key] = value
    return value


def read_list(f: Field, node: yaml.Node, path: str, ctx: Context) -> tuple:
    if not isinstance(node, yaml.SequenceNode):
        report_duplicate_keys(node, path, ctx)
        noun, example = (f.kind.list_noun, f.kind.list_example) if f.kind else ("eine Liste", "jeder Eintrag beginnt mit „- “")
        fail(ctx, node, path, f"Hier wird {noun} erwartet ({example}), nicht {describe(node)}.")
    if report_too_many(f, node, path, ctx):
        raise Invalid
    items, failed = [], False
    first_line: dict[Any, int] = {}
    for index, item in enumerate(node.value, start=1):
        item_path = f"{path}[{index}]"
        try:
            if f.record:
                items.append(read_record(item, f.record, item_path, ctx))
            else:
                items.append(read_list_scalar(f, item, item_path, ctx, items))
        except Invalid:
            failed = True
            continue
        if f.unique_by:
            key = getattr(items[-1], f.unique_by)
            if key in first_line:
                ctx.report(line_of(item), join(item_path, f.unique_by),
                           f"„{f.unique_by}: {key}“ steht schon in Zeile {first_line[key]}. Jeder Wert darf nur einmal vorkommen.")
                failed = True
            first_line.setdefault(key, line_of(item))
    if failed:
        raise Invalid
    return tuple(items)


def read_list_scalar(f: Field, node: yaml.Node, path: str, ctx: Context, before: list) -> Any:
    if not isinstance(node, yaml.ScalarNode) or is_null(node):
        report_duplicate_keys(node, path, ctx)
        fail(ctx, node, path, f"Hier wird {f.kind.noun} erwartet, nicht {describe(node)}.")
    value = read_scalar(f, node, path, ctx, in_list=True)
    if f.choices and value not in f.choices:
        fail(ctx, node, path, f"„{node.value}“ ist nicht erlaubt. Erlaubt sind: {', '.join(map(str, f.choices))}.")
    if f.kind.duplicate and value in before:
        fail(ctx, node, path, f.kind.duplicate.format(value=value))
    return value


def report_too_many(f: Field, node: yaml.SequenceNode, path: str, ctx: Context) -> bool:
    """A list longer than the field allows: one problem at its first extra entry, and no entry is read."""
    if f.max_items is None or len(node.value) <= f.max_items:
        return False
    ctx.report(line_of(node.value[f.max_items]), path, f"Die Liste „{f.key}“ (ab Zeile {line_of(node)}) hat "
               f"{count_de(len(node.value))} Einträge; höchstens {count_de(f.max_items)} sind erlaubt. Hier beginnt "
               f"der {count_de(f.max_items + 1)}. Eintrag. Bitte prüfen, ob Einträge versehentlich mehrfach eingefügt wurden.")
    return True


def entry_label(node: yaml.Node, index: int) -> str:
    """The id as written, so messages name the partner even before it is validated."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode)
                    and value.value.strip() and len(value.value) <= 80 and value.value.isprintable()):
                return value.value.strip()
    return f"Eintrag {index}"


def check_unique_ids(partners_node: yaml.SequenceNode, ctx: Context) -> None:
    first_line: dict[str, int] = {}
    for index, item in enumerate(partners_node.value, start=1):
        if not isinstance(item, yaml.MappingNode):
            continue
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value:
                if value.value in first_line:
                    ctx.entry = entry_label(item, index)
                    ctx.report(line_of(value), "id", f"Die Kennung „{value.value}“ ist schon in Zeile {first_line[value.value]} "
                               "vergeben. Jede Kennung darf nur einmal vorkommen.")
                else:
                    first_line[value.value] = line_of(value)
                break
    ctx.entry = "Datei"
