"""Reference kinds: the id of a record in another registry (an event's partners are partner ids).

The ids that exist reach the reader through the context (`ctx.references`), which the registry
declaration fills from the registry referred to; the reader never loads that file itself.
"""

from __future__ import annotations

import difflib

import yaml

from ..rules.values import ID_MAX
from ..source.context import Context, fail
from .base import Kind, Spec, constant

# „Meinten Sie …?“ compares an unknown id with every id referred to (0.2 s against 10,000 of them):
# computed for this many distinct unknown ids per file, so a file full of them cannot stall the check.
MAX_SUGGESTIONS = 20


def reference(registry: str, file: str, noun: str, plural: str) -> Kind:
    """A kind whose value must be an id in `registry` (declared in `file`), e.g. a partner id."""
    def read(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> str:
        value = node.value.strip()
        ids = ctx.references.get(registry, frozenset())
        if value not in ids:
            memo = ctx.memo.setdefault(("suggestions", registry), {"ids": sorted(ids), "found": {}})
            close = suggestion(value, memo["ids"], memo["found"])
            hint = f" Meinten Sie „{close}“?" if close else ""
            fail(ctx, node, path, f"„{value}“ ist keine Kennung aus {file}.{hint}")
        return value

    return Kind(f"{registry}-id", noun, read, constant({"type": "string", "maxLength": ID_MAX}),
                constant(f"Liste von Kennungen aus `{file}`"), list_noun=f"eine Liste von {plural}",
                list_example="jeder Eintrag beginnt mit „- “", duplicate="Der Partner „{value}“ steht doppelt in der Liste.", pure=True)


def suggestion(value: str, ids: list[str], found: dict[str, str | None]) -> str | None:
    """The closest known id, for MAX_SUGGESTIONS distinct unknown ids of one file."""
    if value not in found:
        if len(found) >= MAX_SUGGESTIONS or len(value) > ID_MAX:
            return None
        close = difflib.get_close_matches(value, ids, n=1, cutoff=0.6)
        found[value] = close[0] if close else None
    return found[value]
