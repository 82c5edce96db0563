"""Leftover merge-conflict blocks (`<<<<<<<`, `=======`, `>>>>>>>`), found before YAML sees the text.

After a merge in the web editor both versions may stand in the file between Git's markers. YAML
would report an indentation or `>` problem somewhere near; staff need to hear what it is and which
lines hold which version. Git writes the markers at the start of a line, where the registries
have only top-level keys and comments, so a marker is never mistaken for data.
"""

from __future__ import annotations

import re

from .context import Context

START_RE = re.compile(r"^<{7}(?: (.*))?$")
BASE_RE = re.compile(r"^\|{7}(?: (.*))?$")  # diff3 style: the common ancestor's version
MIDDLE_RE = re.compile(r"^={7}\s*$")
END_RE = re.compile(r"^>{7}(?: (.*))?$")
MARKERS = (START_RE, BASE_RE, MIDDLE_RE, END_RE)
ADVICE = ("Bitte entscheiden, welche Fassung gilt (oder beide zusammenführen), und die Zeilen mit „<<<<<<<“, "
          "„=======“ und „>>>>>>>“ löschen.")


def lines_text(first: int, last: int, name: str) -> str:
    label = f" („{name.strip()}“)" if name and name.strip() else ""
    if last < first:
        return f"eine leere Fassung{label} nach Zeile {first - 1}"
    return (f"Zeile {first}" if first == last else f"Zeilen {first}–{last}") + label


def report_conflict_markers(ctx: Context) -> bool:
    """Every conflict block, at its first marker; True when there was one (the file is not parsed then)."""
    if not may_hold_markers(ctx.source):
        return False
    found = False
    start = middle = base = None
    start_name = ""
    for number, line in enumerate(ctx.source, start=1):
        line = line.rstrip("\r")
        if (match := START_RE.match(line)):
            if start is not None:
                stray(ctx, start)
            start, start_name, middle, base, found = number, match.group(1) or "", None, None, True
        elif BASE_RE.match(line) and start is not None and middle is None:
            base = number
        elif MIDDLE_RE.match(line):
            found = True
            if start is None or middle is not None:
                stray(ctx, number)
            else:
                middle = number
        elif (match := END_RE.match(line)):
            found = True
            if start is None or middle is None:
                stray(ctx, number)
            else:
                ours = lines_text(start + 1, (base or middle) - 1, start_name)
                theirs = lines_text(middle + 1, number - 1, match.group(1) or "")
                ctx.report(start, "-", f"Konfliktmarkierung: Hier stehen noch zwei Fassungen aus einem Zusammenführen "
                           f"(Merge) untereinander: {ours} und {theirs}. {ADVICE}")
            start = middle = base = None
    if start is not None:
        stray(ctx, start)
    return found


MARKER_STARTS = ("<" * 7, "|" * 7, "=" * 7, ">" * 7)


def may_hold_markers(lines: list[str]) -> bool:
    """Whether any line starts as a marker does (each pattern above needs it): one search of the text
    instead of four patterns on every line."""
    text = "\n".join(lines)
    return text.startswith(MARKER_STARTS) or any("\n" + start in text for start in MARKER_STARTS)


def stray(ctx: Context, number: int) -> None:
    marker = ctx.source[number - 1].rstrip("\r")[:7]
    ctx.report(number, "-", f"Konfliktmarkierung „{marker}“ ohne die zugehörigen anderen Markierungen: ein Rest aus "
               f"einem Zusammenführen (Merge). {ADVICE}")
