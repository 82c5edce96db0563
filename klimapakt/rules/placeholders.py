"""The staff guide's example values, left in by mistake: they would be published as if they were real.

CONTRIBUTING.md's example entry (Muster GmbH, Erika Mustermann, muster.example)
is copied and then filled in; a value not replaced is an error. The demo registry (`demo: true`)
is fictional on purpose and exempt (load/loader.py). Other fictional test data use other names.
"""

from __future__ import annotations

import re
from typing import Any

NAMES = frozenset({"erika mustermann", "max mustermann", "muster gmbh"})
DOMAIN_RE = re.compile(r"(?:^|[/@.])muster\.example(?:$|[/:?#])", re.I)  # https://www.muster.example, a@muster.example
SENTENCE = "Die Muster GmbH stellt in Düsseldorf-Bilk Verpackungen her"
# (path, attribute chain) of the partner's text fields that the guide's example fills in
FIELDS = (("name", ("name",)), ("website", ("website",)), ("description", ("description",)),
          ("contact.name", ("contact", "name")), ("contact.email", ("contact", "email")))


def placeholder(value: str) -> bool:
    text = " ".join(value.split())
    return text.casefold() in NAMES or bool(DOMAIN_RE.search(text)) or SENTENCE in text


def message(value: str) -> str:
    shown = value if len(value) <= 60 else value[:59] + "…"
    return (f"„{shown}“ ist ein Beispielwert aus dem Leitfaden (CONTRIBUTING.md) und würde so veröffentlicht. "
            "Bitte die echte Angabe eintragen oder die Zeile löschen.")


def placeholder_problems(partner: Any) -> list[tuple[str, str]]:
    """(field path, message) for every value of the guide's example left in a partner."""
    found = []
    for path, chain in FIELDS:
        value: Any = partner
        for name in chain:
            value = getattr(value, name, None)
        if isinstance(value, str) and placeholder(value):
            found.append((path, message(value)))
    return found
