"""Text from spreadsheet cells and file names, made harmless for a terminal and a workflow log.

A cell may hold escape sequences (ANSI colours, cursor moves, a terminal title), NUL, a carriage
return that overwrites the line before it, a line break that starts a line of its own (a GitHub
workflow command such as `::error::` or `::stop-commands::`), or bidirectional controls that
reorder what is shown. Each becomes a visible mark, and "::" gets a space; nothing else changes.

The neutralisation is the one every output shares (klimapakt/neutral.py): the same marks
(↵ for line breaks, � else), and no workflow command can be formed.
"""

from __future__ import annotations

from ..neutral import neutral


def neutral_lines(lines: list[str]) -> str:
    """Lines of our own, each neutralised, joined by line breaks (the only ones in the output)."""
    return "\n".join(neutral(line) for line in lines) + "\n"
