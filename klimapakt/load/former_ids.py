"""Former ids (`former_ids`) across the registry: each old address redirects to exactly one partner.

A partner's former id must not be another partner's current id (the redirect would overwrite that
profile) nor another partner's former id (which partner would the old address show?).
"""

from __future__ import annotations

from typing import Any

from ..source.context import Context


def check_former_ids(records: list[Any], ctx: Context) -> None:
    current = {r.id: r for r in records}
    claimed: dict[str, Any] = {}
    for record in records:
        ctx.entry = record.id
        line = record.lines.get("former_ids", record.line)
        for old in getattr(record, "former_ids", ()):
            if old == record.id:
                continue  # the record rule says so (model/partner_rules.py)
            other = current.get(old)
            if other is not None and other is not record:
                ctx.report(line, "former_ids", f"„{old}“ ist die Kennung eines anderen Partners (Zeile {other.line}); "
                           "eine frühere Kennung darf nicht mehr vergeben sein.")
            elif old in claimed and claimed[old] is not record:
                ctx.report(line, "former_ids", f"„{old}“ steht schon bei „{claimed[old].id}“ (Zeile {claimed[old].line}) "
                           "als frühere Kennung; jede alte Adresse kann nur zu einem Partner weiterleiten.")
            claimed.setdefault(old, record)
    ctx.entry = "Datei"
