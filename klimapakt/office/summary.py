"""What `python -m klimapakt import` prints and writes: the problems, the summary, the new partners.yml.

The summary says how many partners were added, updated and left unchanged, which fields of each
updated partner changed, which ids were made from a name (to be confirmed by staff), which headers
were read as which column, and which rows were skipped (titles, hidden, empty, totals). Every line
passes through `terminal.neutral`: no cell reaches the terminal or a workflow log raw.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..report import ERROR, errors
from .importer import Outcome, run_import
from .skipped import skipped_lines
from .terminal import neutral_lines


def summary_text(outcome: Outcome, into: Path, *, dry_run: bool, local: bool = True) -> str:
    """The problems, then added / updated / unchanged, then what happened to the file."""
    lines: list[str] = []
    problem_errors = [p for p in outcome.problems if p.severity == ERROR] + errors(outcome.registry_problems)
    everything: list[Any] = [*outcome.problems, *outcome.registry_problems]
    hints = [p for p in everything if p.severity != ERROR]
    if problem_errors:
        lines += ["Fehler:", *(f"  {p}" for p in problem_errors)]
    if hints:
        lines += ["Hinweise:", *(f"  {p}" for p in hints)]
    if outcome.aliases:
        lines += ["Spalten erkannt:", *(f"  {file}: „{header}“ → {title}" for file, header, title in outcome.aliases)]
    if outcome.skipped:
        lines += ["Nicht übernommene Zeilen:", *skipped_lines(outcome.skipped)]
    lines.append(f"Neu: {len(outcome.added)}, geändert: {len(outcome.updated)}, unverändert: {len(outcome.unchanged)}.")
    for row in outcome.added:
        made = " – Kennung aus dem Namen erzeugt, bitte prüfen" if row.generated else ""
        lines.append(f"  neu: {row.id} „{row.value('name') or ''}“{made}")
    lines += [f"  geändert: {partner_id}: {', '.join(changed)}" for partner_id, changed in outcome.updated]
    if errors(outcome.registry_problems) and not outcome.added + outcome.updated + outcome.unchanged:
        lines.append(f"Nichts geschrieben: {into.name} hat schon Fehler. Bitte zuerst diese beheben "
                     "(`python -m klimapakt check` zeigt sie) und den Import dann wiederholen.")
    elif problem_errors:
        lines.append(f"Nichts geschrieben: Bitte zuerst {'den Fehler' if len(problem_errors) == 1 else 'die Fehler'} "
                     "in der Tabelle beheben und den Import wiederholen.")
    elif not outcome.found_anything:
        lines.append("Nichts übernommen: In der Tabelle steht keine Zeile mit einem Partner. Stimmen die "
                     "Spaltenüberschriften (z. B. „Name“, „Rolle“, „Stand der Teilnahme“, siehe "
                     "vorlagen/partner-import.xlsx)?")
    elif dry_run:
        lines.append(f"Probelauf (--dry-run): {into.name} wurde nicht geändert.")
    elif (outcome.added or outcome.updated) and local:  # the workflow „Tabelle übernehmen“ says its own next step
        lines.append(f"{into.name} wurde geändert. Bitte die Änderungen ansehen (`git diff`) und als Pull Request "
                     "einreichen.")
    elif outcome.added or outcome.updated:
        lines.append(f"{into.name} wurde geändert.")
    else:
        lines.append(f"{into.name} bleibt, wie es ist: Die Tabelle enthält nichts Neues.")
    return neutral_lines(lines)


def import_files(paths: list[Path], into: Path, *, logo_dir: Path, today: dt.date, dry_run: bool,
                 local: bool = True) -> tuple[int, str]:
    """Run the import and write the result unless there is an error or it is a dry run: (exit code, summary).
    `local`: run by hand (the summary ends with what to do next), not by the workflow."""
    outcome = run_import(paths, into, logo_dir=logo_dir, today=today)
    if outcome.ok and not dry_run and (outcome.added or outcome.updated):
        into.write_bytes(outcome.text.encode("utf-8"))
    return (0 if outcome.ok else 1), summary_text(outcome, into, dry_run=dry_run, local=local)
