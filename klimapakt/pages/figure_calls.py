"""The figure ids a page cites: every id in `pact_fact(…)` and `pact_figures(…)` must be one of kennzahlen.yml.

A page that names a figure staff removed or mistyped would otherwise stop the build inside the macro,
with mkdocs-macros' "Macro Rendering Error" and a traceback; here it is a German message at the page's
line, in `check` and in the build alike.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..report import ERROR, Problem
from . import macros

FIGURES_FILE = "kennzahlen.yml"
FIGURE_MACROS = ("pact_fact", "pact_figures")
_ID = re.compile(r'"([^"]*)"')


def figure_call_problems(body: str, file: str, first_line: int, figure_ids: Iterable[str]) -> list[Problem]:
    """One problem per cited id that `figure_ids` lacks, at its line and column."""
    known = sorted(set(figure_ids))
    found = []
    for number, line in enumerate(body.split("\n"), start=first_line):
        for call in macros.CALL_RE.finditer(line):
            if call["name"] not in FIGURE_MACROS or not macros.allowed_call(line, call.start()):
                continue
            for cited in _ID.finditer(call["args"]):
                if cited.group(1) not in known:
                    found.append(Problem(number, "Seite", "-", unknown_message(call.group(), cited.group(1), known),
                                         ERROR, file, call.start() + 1))
    return found


def unknown_message(call: str, figure_id: str, known: list[str]) -> str:
    close = difflib.get_close_matches(figure_id, known, n=1, cutoff=0.6)
    hint = f" Meinten Sie „{close[0]}“?" if close else ""
    listed = ", ".join(known) if known else "keine"
    return (f"„{call}“: Die Kennzahl „{figure_id}“ gibt es in {FIGURES_FILE} nicht.{hint} Vorhanden sind: {listed}. "
            f"Bitte eine dieser Kennungen schreiben oder die Kennzahl in {FIGURES_FILE} ergänzen.")
