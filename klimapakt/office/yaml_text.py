"""Values as YAML text in the registry's own style, so that the loader reads back exactly the value.

Texts stay plain where YAML 1.1 and 1.2 both read them as text (`name: Muster GmbH`), else in
double quotes; a long text is folded (`>-`) as the shipped partners.yml writes descriptions, a text
with line breaks kept as a literal block (`|-`). Dates as JJJJ-MM-TT, numbers with a point,
true/false, a list of values as `[1, 2]`, records and lists of records as indented blocks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from ..exports.cells import number_text
from ..kinds.text import YAML12_NUMBER_RE
from ..model.fields import Field

WIDTH = 100  # the longest line a folded text gets, as in the shipped file
PLAIN_START_FORBIDDEN = set("-?:,[]{}#&*!|>'\"%@` ")


@dataclass(frozen=True)
class Style:
    """How the file indents: a nested block (`step`), a list's „- “ under its key (`dash`), and whether
    partners are separated by an empty line."""

    step: int = 2
    dash: int = 2
    gap: bool = True


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    return text_scalar(str(value))


def text_scalar(text: str) -> str:
    return text if is_plain_text(text) else json.dumps(text, ensure_ascii=False)  # JSON strings are YAML


def is_plain_text(text: str) -> bool:
    """True where writing the text without quotes reads back as the same text, in YAML 1.1 and 1.2."""
    if not text or text != text.strip() or text[0] in PLAIN_START_FORBIDDEN or not text.isprintable():
        return False
    if ": " in text or " #" in text or text.endswith(":") or YAML12_NUMBER_RE.match(text):
        return False
    resolved = yaml.SafeLoader.resolve(yaml.SafeLoader, yaml.ScalarNode, text, (True, False))  # type: ignore[arg-type]
    return resolved == "tag:yaml.org,2002:str"


def value_lines(value: Any, indent: int) -> list[str]:
    """A scalar value: one line, or the lines of a block text (its first line is the indicator `>-` or `|-`)."""
    if isinstance(value, str) and "\n" in value and all(line.isprintable() for line in value.split("\n")):
        return ["|-", *(" " * indent + line if line else "" for line in value.split("\n"))]
    if isinstance(value, str) and len(value) + indent > WIDTH:
        folded = fold(value, WIDTH - indent)
        if folded and len(folded) > 1:
            return [">-", *(" " * indent + line for line in folded)]
    return [scalar(value)]


def fold(text: str, width: int) -> list[str] | None:
    """Lines of at most `width` characters, broken at single spaces (what `>-` joins back), or None."""
    if not text.isprintable() or text != text.strip():
        return None
    words, lines, current = text.split(" "), [], ""
    for word in words:
        if not word:  # two spaces in a row: breaking there would lose one
            return None
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def field_lines(f: Field, value: Any, indent: int, style: Style) -> list[str]:
    """`key: value` (and the lines below it) at `indent`."""
    pad = " " * indent
    if f.is_object:
        return [f"{pad}{f.key}:", *mapping_lines(f.spec, value, indent + style.step, style)]
    if f.is_record_list:
        lines = [f"{pad}{f.key}:"]
        for item in value:
            lines += item_lines(f.spec, item, indent + style.dash, style)
        return lines
    first, *rest = value_lines(value, indent + style.step)
    return [f"{pad}{f.key}: {first}", *rest]


def mapping_lines(spec: tuple[Field, ...], values: Mapping[str, Any], indent: int, style: Style) -> list[str]:
    lines: list[str] = []
    for f in spec:
        if f.key in values:
            lines += field_lines(f, values[f.key], indent, style)
    return lines


def item_lines(spec: tuple[Field, ...], values: Mapping[str, Any], dash: int, style: Style) -> list[str]:
    """One entry of a list of records: `- first: …` at `dash`, its other keys below it."""
    lines = mapping_lines(spec, values, dash + 2, style)
    return [" " * dash + "- " + lines[0][dash + 2:], *lines[1:]] if lines else [" " * dash + "- {}"]


def essential(record_type: type, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values that differ from the field's default (None, empty list, false): what the file writes."""
    defaults = {f.name: f.default for f in dataclasses.fields(record_type)}
    return {key: value for key, value in values.items()
            if value is not None and value != () and value != defaults.get(key, dataclasses.MISSING)}


def as_values(record: Any, spec: tuple[Field, ...]) -> dict[str, Any]:
    """A record as nested values (records as dicts, lists of records as lists of dicts), defaults left out."""
    values = {}
    for f in spec:
        value = getattr(record, f.key)
        if f.is_object and value is not None:
            value = as_values(value, f.spec)
        elif f.is_record_list:
            value = tuple(as_values(item, f.spec) for item in value)
        values[f.key] = value
    return essential(type(record), values)
