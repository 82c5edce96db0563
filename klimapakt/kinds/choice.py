"""The choice kind: one value from a field's list of allowed values (text keys or numbers)."""

from __future__ import annotations

import difflib
from typing import Any

import yaml

from .. import vocabulary
from ..rules import values
from ..source.context import TAG, Context, fail, shorten
from .base import Kind, Spec, constant
from .numbers import LEADING_ZERO_RE


def read_choice(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> Any:
    raw = node.value.strip()
    numeric = all(isinstance(k, int) for k in f.choices)
    if numeric:
        if LEADING_ZERO_RE.match(raw):
            fail(ctx, node, path, f"„{raw}“ beginnt mit einer Null; YAML würde die Zahl umdeuten. Bitte ohne führende Null schreiben.")
        if raw.isascii() and raw.isdigit() and len(raw) < 6 and int(raw) in f.choices:
            if node.style:
                fail(ctx, node, path, f"Bitte ohne Anführungszeichen schreiben: {raw}.")
            return int(raw)
    elif raw in f.choices:
        if node.style or node.tag == TAG + "str":
            return raw
        fail(ctx, node, path, f"„{raw}“ bitte in Anführungszeichen setzen: \"{raw}\".")
    district = vocabulary.district_of_quarter(raw) if f.choices is vocabulary.DISTRICTS else None
    if district:  # `district: Bilk`: the registry holds the Stadtbezirk's number
        fail(ctx, node, path, f"„{shorten(raw)}“ ist ein Stadtteil im Stadtbezirk {district}. Bitte die Nummer des "
             f"Stadtbezirks eintragen: {f.key}: {district}.")
    fail(ctx, node, path, f"„{shorten(raw)}“ ist nicht erlaubt.{choice_suggestion(raw, f.choices)} "
         f"Erlaubt sind: {values.allowed_values(f.choices)}.")


def choice_suggestion(raw: str, choices: Any) -> str:
    """„Meinten Sie …?“ for a value written in other case, as its German label, or with a typo."""
    for key, label in choices.items():
        if raw.casefold() in (str(key).casefold(), label.casefold()):
            return f" Meinten Sie „{key}“?"
    close = difflib.get_close_matches(raw.lower(), [str(k) for k in choices], n=1, cutoff=0.75)
    return f" Meinten Sie „{close[0]}“?" if close and not raw.isdigit() else ""


def numeric(f: Spec) -> bool:
    return all(isinstance(k, int) for k in f.choices)


def choice_schema(f: Spec) -> dict[str, Any]:
    return {"enum": list(f.choices), "enumDescriptions": list(f.choices.values())}


CHOICE = Kind("choice", "ein Wert aus der Liste", read_choice, choice_schema, constant("ein Wert aus der Liste"),
              datatype=lambda f: "integer" if numeric(f) else "string", pure=True)
