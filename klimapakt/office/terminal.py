"""Text from spreadsheet cells and file names, made harmless for a terminal and a workflow log.

A cell may hold escape sequences (ANSI colours, cursor moves, a terminal title), NUL, a carriage
return that overwrites the line before it, a line break that starts a line of its own (a GitHub
workflow command such as `::error::` or `::stop-commands::`), or bidirectional controls that
reorder what is shown. Each becomes a visible mark; nothing else changes.

`attack` builds the shared neutralisation for check output in klimapakt/report.py; once it is
there, this function should become a call of it (the same marks: ↵ for line breaks, � else).
"""

from __future__ import annotations

import re

CONTROL_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LINE_BREAK_RE = re.compile("\r\n|[\n\r\u2028\u2029\x85\x0b\x0c]")


def neutral(text: str) -> str:
    """One line without any control character: line breaks as ↵, other controls (ESC, NUL, bidi) as �."""
    return CONTROL_RE.sub("�", LINE_BREAK_RE.sub("↵", str(text)))


def neutral_lines(lines: list[str]) -> str:
    """Lines of our own, each neutralised, joined by line breaks (the only ones in the output)."""
    return "\n".join(neutral(line) for line in lines) + "\n"
