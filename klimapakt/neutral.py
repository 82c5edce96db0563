"""One neutralisation for every piece of data that is printed: check output, GitHub annotations,
the job summary, the build log, the office tools' terminal output.

A value, a file name or a spreadsheet cell is data. Printed unchanged it could end a line and
start a GitHub workflow command (`::stop-commands::…`, `::add-mask::…`, `::error …`; the older
`##[command]` form is read anywhere in a line), move the terminal's cursor or change its colours
(ANSI escapes), or reverse the text shown (bidi overrides). `neutral` makes it one visible line:
line breaks become „↵“, other control and bidi characters „�“, and the two command openers get
a space („: :“, „# #[“). Every line the tools print starts with their own text, so data can never
stand at the start of a line; with that, no workflow command can be formed from data.

`neutral(neutral(x)) == neutral(x)`: applying it twice (once when a message quotes a value,
once when the message is printed) changes nothing more.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC starts ANSI sequences), DEL, the Unicode line and paragraph
# separators, the bidi embedding, override and isolate characters, and lone surrogates (a file
# name's undecodable bytes, which would be written back raw).
_CONTROL_RE = re.compile("\r\n|[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
                         "\ud800-\udfff]")
_LINE_BREAKS = frozenset(("\r\n", "\r", "\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"))
_COMMAND_RE = re.compile(r":(?=:)|#(?=#\[)")  # "::" and "##[": GitHub's two command openers


def neutral(text: str) -> str:
    """`text` as one printable line that can form no terminal escape and no workflow command."""
    text = _CONTROL_RE.sub(lambda m: "↵" if m.group() in _LINE_BREAKS else "\ufffd", str(text))
    return _COMMAND_RE.sub(lambda m: m.group() + " ", text)


def cut_to_bytes(text: str, limit: int, note: str) -> str:
    """`text` in at most `limit` bytes of UTF-8: cut at a line end when too long, `note` after the cut."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    room = max(limit - len(note.encode("utf-8")) - 2, 0)
    head = data[:room].decode("utf-8", "ignore")
    head = head[:head.rfind("\n") + 1] if "\n" in head else ""
    return f"{head}\n{note}\n"
