"""GitHub output of the check: which messages get one of the few annotations, and the job summary.

GitHub shows at most 10 error and 10 warning annotations per step. So errors come first (those
on changed lines before the others), then warnings on lines the pull request changed; a last
notice says how many more there are. Every message, without limit, goes into the job summary
as a table. Hints about lines nobody touched (e.g. the permanent „Ohne Logo“) use no slot.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..mdtext import markdown_text
from ..neutral import cut_to_bytes, neutral
from ..report import ERROR, Problem, errors, github_annotation, warnings

MAX_PER_KIND = 10  # GitHub's limit per step, for errors and for warnings alike
SUMMARY_MAX_BYTES = 900 * 1024  # GitHub drops a job summary above 1 MiB; room for the change summary
STEP_SUMMARY_LIMIT = 1024 * 1024 - 8 * 1024  # the whole step's summary, with a margin for the workflow's own lines
CUT_NOTE = ("**Hier ist die Zusammenfassung abgeschnitten:** GitHub zeigt höchstens 1 MiB. Alle Meldungen stehen im "
            "Protokoll des Schritts.")
WHERE_ALL = ("Alle Meldungen stehen in der Zusammenfassung dieses Prüflaufs: im Pull Request unten bei "
             "„Partnerregister prüfen“ auf „Details“ klicken, dann links oben „Summary“.")


def changed_lines(old_text: str, new_text: str) -> frozenset[int]:
    """The new text's line numbers (from 1) that differ from the old text (inserted or replaced;
    a deletion leaves no line behind: the change summary warns about what it removed).

    A patience diff: lines that occur once in both texts anchor the comparison, the gaps between
    them are compared the same way. Fast on 5,000 partners (difflib took minutes there, its
    matching is quadratic in repeated lines such as `role: partner`); where a gap has no anchor,
    all its new lines count as changed, which errs towards showing a message.
    """
    old, new = old_text.splitlines(), new_text.splitlines()
    found: set[int] = set()
    gaps = [(0, len(old), 0, len(new))]
    while gaps:
        a0, a1, b0, b1 = gaps.pop()
        while a0 < a1 and b0 < b1 and old[a0] == new[b0]:
            a0, b0 = a0 + 1, b0 + 1
        while a0 < a1 and b0 < b1 and old[a1 - 1] == new[b1 - 1]:
            a1, b1 = a1 - 1, b1 - 1
        if b0 == b1:
            continue
        anchors = unique_common_lines(old[a0:a1], new[b0:b1]) if a0 < a1 else []
        if not anchors:
            found.update(range(b0 + 1, b1 + 1))
            continue
        previous = (a0, b0)
        for i, j in anchors:
            gaps.append((previous[0], a0 + i, previous[1], b0 + j))
            previous = (a0 + i + 1, b0 + j + 1)
        gaps.append((previous[0], a1, previous[1], b1))
    return frozenset(found)


def unique_common_lines(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """(old index, new index) of lines that occur exactly once in each, the longest run in the
    same order in both (patience sorting)."""
    count_old, count_new = Counter(old), Counter(new)
    index_old = {line: i for i, line in enumerate(old) if count_old[line] == 1}
    pairs = [(index_old[line], j) for j, line in enumerate(new) if count_new[line] == 1 and line in index_old]
    tails: list[int] = []  # tails[k]: the pair ending the best run of length k + 1 found so far
    tail_old: list[int] = []  # its old index, to search in
    back: list[int] = []  # for each pair, the pair before it in its run
    for n, (i, _) in enumerate(pairs):
        k = bisect.bisect_left(tail_old, i)
        back.append(tails[k - 1] if k else -1)
        if k == len(tails):
            tails.append(n)
            tail_old.append(i)
        else:
            tails[k], tail_old[k] = n, i
    run, n = [], tails[-1] if tails else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


def on_changed_line(changed: Mapping[str, frozenset[int] | None]) -> Callable[[Problem], bool]:
    """Whether a problem is on a changed line; a file without a known base counts as all changed."""
    def test(problem: Problem) -> bool:
        lines = changed.get(problem.file)
        return lines is None or problem.line in lines
    return test


@dataclass(frozen=True)
class Budget:
    annotated: tuple[Problem, ...]
    more_errors: int
    more_warnings: int


def choose(problems: Iterable[Problem], changed: Callable[[Problem], bool],
           limit: int = MAX_PER_KIND) -> Budget:
    """Errors first (those on changed lines before the others), then warnings on changed lines."""
    problems = list(problems)
    errs = sorted(errors(problems), key=lambda p: (not changed(p), p))
    warns = sorted(p for p in warnings(problems) if changed(p))
    return Budget((*errs[:limit], *warns[:limit]), max(len(errs) - limit, 0),
                  len(warnings(problems)) - min(len(warns), limit))


def annotation_lines(problems: Iterable[Problem], changed: Callable[[Problem], bool]) -> list[str]:
    budget = choose(problems, changed)
    lines = [github_annotation(p) for p in budget.annotated]
    if budget.more_errors or budget.more_warnings:
        lines.append(f"::notice title=Weitere Meldungen::{more_text(budget)} {WHERE_ALL}")
    return lines


def more_text(budget: Budget) -> str:
    parts = []
    if budget.more_errors:
        parts.append(f"{budget.more_errors} weitere{'r' if budget.more_errors == 1 else ''} Fehler")
    if budget.more_warnings:
        parts.append(f"{budget.more_warnings} {'weiterer Hinweis' if budget.more_warnings == 1 else 'weitere Hinweise'}")
    verb = "steht" if budget.more_errors + budget.more_warnings == 1 else "stehen"
    return (f"{' und '.join(parts)} {verb} nicht an den Zeilen: GitHub zeigt dort höchstens {MAX_PER_KIND} je Art, "
            "und Hinweise nur an Zeilen, die dieser Pull Request ändert.")


def summary_table(problems: Iterable[Problem], max_bytes: int = SUMMARY_MAX_BYTES) -> str:
    """Every message as a Markdown table for the job summary: errors first, then hints. Only
    GitHub's size limit for a job summary cuts it short; the step's log has every message."""
    problems = list(problems)
    errs, warns = sorted(errors(problems)), sorted(warnings(problems))
    if not problems:
        return "### Meldungen der Prüfung\n\nKeine Fehler, keine Hinweise.\n"
    head = (f"### Meldungen der Prüfung ({len(errs)} Fehler, {len(warns)} {'Hinweis' if len(warns) == 1 else 'Hinweise'})"
            "\n\n| Datei | Zeile | Art | Eintrag | Feld | Meldung |\n|---|---:|---|---|---|---|\n")
    rows, size = [head], len(head.encode())
    for shown, p in enumerate((*errs, *warns)):
        row = (f"| {cell(p.file)} | {p.line} | {'Fehler' if p.severity == ERROR else 'Hinweis'} | "
               f"{cell(p.entry)} | {field_cell(p)} | {cell(p.message)} |\n")
        size += len(row.encode())
        if size > max_bytes:
            rows.append(f"\n{len(problems) - shown} weitere Meldungen passen nicht mehr in diese Zusammenfassung; sie "
                        "stehen im Protokoll des Schritts „Check partners.yml and events.yml“.\n")
            break
        rows.append(row)
    return "".join(rows)


def field_cell(problem: Problem) -> str:
    if problem.field != "-":
        return cell(problem.field)
    return "(ganze Datei)" if problem.entry == "Datei" else "(ganzer Eintrag)"


def cell(text: str) -> str:
    """Data in a table cell of the job summary: neutralised like every output, then Markdown-escaped."""
    return markdown_text(neutral(text))


def bounded_summary(text: str, already: int = 0) -> str:
    """The job summary within GitHub's 1 MiB per step (`already`: bytes the step wrote before), cut
    at a line end with a note where it was cut."""
    return cut_to_bytes(text, max(STEP_SUMMARY_LIMIT - already, 4096), CUT_NOTE)
