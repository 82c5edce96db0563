"""An entry whose id changed: the same partner (same name or website) under a new id.

A reviewer must see it as a rename, not as „1 neu, 1 entfernt“, because the id is part of the
addresses: the profile /partner/<id>/ and, for a Klimapartner, the badge that partners embed on
their own websites. `former_ids` (model/partners.py) keeps the old addresses working.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..report import WARNING, Problem
from ..vocabulary import BADGE_FILE, PROFILE_DIR

SKIPPED = ("id", "former_ids")  # the rename itself, shown on the entry's own line


@dataclass(frozen=True)
class Rename:
    old_id: str
    new_id: str
    label: str
    line: int  # the new entry's line
    addresses: tuple[str, ...]  # what lives under the old id
    redirected: bool  # the new entry lists the old id in former_ids
    fields: tuple[Any, ...] = ()  # other FieldChanges between the two versions


def old_addresses(partner: Any, old_id: str) -> list[str]:
    """The addresses under the old id that break without a redirect: the profile, and the badge of a Klimapartner
    (outputs/badges.py writes it; outputs/redirects.py keeps both with `former_ids`)."""
    profile = f"/{PROFILE_DIR}/{old_id}/"
    return [profile] + ([profile + BADGE_FILE] if partner.has_badge else [])


def _key(value: Any) -> str:
    return " ".join(str(value).casefold().split()).rstrip("/") if value else ""


def same_entry(old: Any, new: Any) -> bool:
    """The same partner under a new id: the same name (or title) or the same website."""
    return any(_key(getattr(old, name, None)) and _key(getattr(old, name, None)) == _key(getattr(new, name, None))
               for name in ("name", "title", "website"))


def find_renames(removed: Sequence[Any], added: Sequence[Any], label: Callable[[Any], str],
                 field_changes: Callable[[Any, Any], list]) -> list[Rename]:
    found, taken = [], set()
    for old in removed:
        new = next((r for r in added if r.id not in taken and type(r) is type(old) and same_entry(old, r)), None)
        if new is None:
            continue
        taken.add(new.id)
        addresses = tuple(old_addresses(old, old.id)) if hasattr(old, "former_ids") else ()
        fields = tuple(c for c in field_changes(old, new) if c.path not in SKIPPED)
        found.append(Rename(old.id, new.id, label(new), new.line, addresses,
                            old.id in getattr(new, "former_ids", ()), fields))
    return found


def summary(rename: Rename, code: Callable[[str], str]) -> str:
    if not rename.addresses:
        return ""
    where = ", ".join(rename.addresses)
    if rename.redirected:
        return f" Die alten Adressen {where} leiten weiter ({code('former_ids')})."
    return f" Die alten Adressen {where} führen ins Leere: bitte {code(f'former_ids: [{rename.old_id}]')} eintragen."


def warning(rename: Rename, file: str) -> Problem | None:
    if rename.redirected or not rename.addresses:
        return None
    badge = " – auch der Badge, den der Partner auf seiner Website eingebunden hat" if len(rename.addresses) > 1 else ""
    return Problem(rename.line, rename.new_id, "id",
                   f"Die Kennung „{rename.old_id}“ heißt jetzt „{rename.new_id}“: Die alten Adressen "
                   f"{', '.join(rename.addresses)} führen dann ins Leere{badge}. Bitte beim Partner "
                   f"„former_ids: [{rename.old_id}]“ eintragen; dann leiten sie zur neuen Adresse weiter.",
                   WARNING, file)
