"""Number kinds (whole numbers, years, percentages, tonnes) and true/false.

A number is read from the plain scalar as written: no quotes, no leading zero (YAML 1.1 reads
010 as 8), a point as the decimal mark, at most 12 digits and 3 decimals. What looks like a German
number (`1.250`, `1,25`, `1.234,5`) is refused with its likely meaning (rules/numbers.py), unless a
decimal field has it in quotes (`"1.255"`: the point is meant as the decimal point).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from .. import vocabulary
from ..rules import numbers, values
from ..source.context import TAG, Context, describe, fail, shorten
from .base import Kind, Spec, constant

LEADING_ZERO_RE = re.compile(r"^[-+]?0\d")
PLAIN_NUMBER_RE = re.compile(r"^[-+]?(\d+)(?:\.(\d+))?$")
MAX_INTEGER_DIGITS, MAX_DECIMALS = 12, 3  # the site shows at most three decimals (babel's default)


def read_number(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context, allowed: tuple[str, ...]) -> Any:
    raw = node.value.strip()
    decimals = TAG + "float" in allowed
    if node.style in ("'", '"') and decimals and numbers.decimal_escape(raw):
        return float(raw)  # "1.255": quoted on purpose, as CONTRIBUTING.md says
    german = numbers.german_number(raw, decimals=decimals)
    if german:
        fail(ctx, node, path, german)
    if node.style or node.tag not in allowed:
        expected = f.kind.noun if f.kind else "eine Zahl"
        fail(ctx, node, path, f"Hier wird {expected} erwartet, nicht {describe(node)}.{number_hint(node, allowed)}")
    if LEADING_ZERO_RE.match(raw):
        # YAML 1.1 reads 010 as the octal number 8.
        fail(ctx, node, path, f"„{raw}“ beginnt mit einer Null; YAML würde die Zahl umdeuten. Bitte ohne führende Null schreiben.")
    match = PLAIN_NUMBER_RE.match(raw)
    if not match:
        fail(ctx, node, path, f"„{shorten(raw)}“ ist keine einfache Zahl. Bitte nur Ziffern und einen Punkt als "
             "Dezimaltrenner schreiben, z. B. 120.5.")
    if len(match.group(1)) > MAX_INTEGER_DIGITS:
        fail(ctx, node, path, f"„{shorten(raw)}“ hat zu viele Stellen (höchstens {MAX_INTEGER_DIGITS} vor dem Punkt).")
    if match.group(2) and len(match.group(2)) > MAX_DECIMALS:
        fail(ctx, node, path, f"„{raw}“ hat mehr als {MAX_DECIMALS} Nachkommastellen; die Website zeigt höchstens "
             f"{MAX_DECIMALS}. Bitte runden.")
    return int(raw) if node.tag == TAG + "int" else float(raw)


def number_hint(node: yaml.ScalarNode, allowed: tuple[str, ...]) -> str:
    """Why a number was not read as one: quotes, a decimal comma, a unit, a percent sign."""
    raw = node.value.strip()
    if node.style and PLAIN_NUMBER_RE.match(raw):
        return f" Bitte ohne Anführungszeichen schreiben: {raw}."
    if node.tag == TAG + "float" and TAG + "float" not in allowed and PLAIN_NUMBER_RE.match(raw):
        return " Bitte eine ganze Zahl ohne Punkt schreiben."
    if re.fullmatch(r"[-+]?\d+(?:[.,]\d+)?\s*(%|t|Prozent|Tonnen|t CO2e?)", raw):
        return " Bitte nur die Zahl ohne Einheit schreiben."
    return ""


def read_int(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> int:
    return read_number(f, node, path, ctx, (TAG + "int",))


def read_year(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> int:
    value = read_int(f, node, path, ctx)
    for message in values.check_year(value):
        fail(ctx, node, path, message)
    return value


def read_measurement(check: Callable[[float], list[str]]) -> Callable[..., float]:
    def reader(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> float:
        value = read_number(f, node, path, ctx, (TAG + "int", TAG + "float"))
        for message in check(value):
            fail(ctx, node, path, message)
        return value
    return reader


def read_bool(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> bool:
    raw = node.value.strip()
    if node.style or raw not in ("true", "false"):
        fail(ctx, node, path, f"Hier bitte true oder false eintragen, nicht „{shorten(raw)}“.")
    return raw == "true"


INT = Kind("int", "eine ganze Zahl", read_int, constant({"type": "integer"}), constant("ganze Zahl"),
           datatype=constant("integer"), pure=True)
YEAR = Kind("year", "eine Jahreszahl", read_year,
            constant({"type": "integer", "minimum": vocabulary.YEAR_MIN, "maximum": vocabulary.YEAR_MAX}),
            constant(f"Jahreszahl {vocabulary.YEAR_MIN}–{vocabulary.YEAR_MAX}"), datatype=constant("integer"), pure=True)
# A decimal field also takes the quoted "1.255" (three decimals that could be a thousands point).
DECIMAL_ESCAPE = {"type": ["number", "string"], "pattern": numbers.ONE_GROUP_RE.pattern}
PERCENT = Kind("percent", "eine Zahl", read_measurement(values.check_percent),
               constant({**DECIMAL_ESCAPE, "minimum": 0, "maximum": 100}), constant("Zahl von 0 bis 100 (ohne %)"),
               datatype=constant("number"), pure=True)


def non_negative(name: str) -> Kind:
    return Kind(name, "eine Zahl", read_measurement(values.check_non_negative), constant({**DECIMAL_ESCAPE, "minimum": 0}),
                constant("Zahl ≥ 0 (Punkt als Dezimaltrenner, ohne Einheit)"), datatype=constant("number"), pure=True)


TONNES = non_negative("tonnes")  # emissions in t CO2e
AMOUNT = non_negative("amount")  # a count or quantity the pact reports
BOOL = Kind("bool", "true oder false", read_bool, constant({"type": "boolean"}), constant("`true` oder `false`"),
            datatype=constant("boolean"), pure=True)
