"""Characters pasted from Word, Outlook or web pages that the eye cannot see, found in the raw text.

No-break spaces, soft hyphens and zero-width characters are searched for before YAML reads the file.
Where they stand in YAML's structure (the indentation, right after `key:` or after the `-` of a list
entry) YAML would read the lines differently and report a mistake elsewhere: they are reported here,
at their line and column, and the file is read no further. Everywhere else they are inside a value;
their positions are kept in the context, and `report_in_scalar` reports them when the field is read,
judged by the field's kind (in a name a no-break space between words may be deliberate, in a phone
number it is a mistake). Nothing is removed or replaced: every message says what to do.
"""

from __future__ import annotations

import bisect
import re

import yaml

from ..report import ERROR, WARNING
from ..rules.text import CLOSING_QUOTES, OPENING_QUOTES, PASTED_CHARS, PASTED_RE, is_space, pasted_name
from .context import Context

# The structure in front of a line's value: indentation and list dashes (with what follows each), then a key.
PREFIX_RE = re.compile(f"[ {PASTED_CHARS}]*(?:-[ {PASTED_CHARS}]+)*")
KEY_RE = re.compile(r"[^\W\d][\w-]*:")
# A line that starts a `|` or `>` text: what it writes up to the key (group 1) and the key itself (group 2).
BLOCK_START_RE = re.compile(r"( *(?:- +)*)([^\s#][^#]*?: +)?[|>][-+0-9]* *(?:#.*)?")
WORD_SHOWN = 20  # characters of the neighbouring words a message quotes


def report_pasted_structure(text: str, ctx: Context) -> bool:
    """Report pasted characters in the structure of the lines; keep the positions of the others
    (in values and comments) in `ctx.pasted`. True when the file cannot be read as YAML."""
    if not PASTED_RE.search(text):
        return False
    found, positions = False, []
    block = None  # while inside a `|` or `>` text: the indentation its lines must exceed
    for number, line in enumerate(ctx.source):
        if block is not None and (not line.strip(" ") or len(line) - len(line.lstrip(" ")) > block):
            positions += [(number, match.start()) for match in PASTED_RE.finditer(line)]
            continue
        block = block_indentation(line)
        if not PASTED_RE.search(line):
            continue
        prefix = PREFIX_RE.match(line).end()
        key = KEY_RE.match(line, prefix)
        after = key.end() + len(line[key.end():]) - len(line[key.end():].lstrip(PASTED_CHARS)) if key else prefix
        field = key.group()[:-1] if key else "-"
        for start, end, report in ((0, prefix, report_line_start), (prefix, after, report_after_key)):
            columns = [match.start() for match in PASTED_RE.finditer(line, start, end)]
            if columns:
                found = True
                ctx.report(number + 1, field, report(line, columns), column=columns[0] + 1)
        positions += [(number, match.start()) for match in PASTED_RE.finditer(line, after)]
    ctx.pasted = tuple(positions)
    return found


def visible(text: str) -> str:
    """The text without its pasted characters."""
    return PASTED_RE.sub("", text)


def block_indentation(line: str) -> int | None:
    """For a line ending in `|` or `>` (a text on the following lines): the indentation of its key (or dash)."""
    match = BLOCK_START_RE.fullmatch(line)
    if not match:
        return None
    return len(match.group(1)) if match.group(2) else max(0, len(match.group(1).rstrip()) - 1)


def report_line_start(line: str, columns: list[int]) -> str:
    """The message for pasted characters in a line's indentation or after its list dash."""
    at, name = columns_de(columns), pasted_name(line[columns[0]])
    if "-" in line[:columns[0]]:
        return (f"Nach dem Strich „-“ am Anfang des Eintrags steht in {at} {name}. Bitte die Zeichen nach dem Strich "
                "löschen und ein normales Leerzeichen tippen.")
    if not line.strip(" " + PASTED_CHARS):
        return f"Die Zeile sieht leer aus, enthält aber in {at} {name}. Bitte alle Zeichen der Zeile löschen."
    if not all(is_space(line[c]) for c in columns):
        return f"Am Anfang der Zeile steht in {at} {name}. Bitte löschen."
    what = (f"steht in {at} {name} statt eines normalen Leerzeichens" if len(columns) == 1 else
            f"({at}) stehen Zeichen, die wie Leerzeichen aussehen, aber keine sind: {name}")
    return (f"In der Einrückung dieser Zeile {what}. So erkennt YAML die Einrückung nicht. Bitte die Einrückung "
            "löschen und mit normalen Leerzeichen neu tippen.")


def report_after_key(line: str, columns: list[int]) -> str:
    """The message for pasted characters right after `key:`, where YAML needs a space or the line's end."""
    key = line[:columns[0]].strip(" -" + PASTED_CHARS)
    message = f"Nach „{key}“ steht in {columns_de(columns)} {pasted_name(line[columns[0]])}"
    if line[columns[-1] + 1:columns[-1] + 2] in ("", " "):
        return message + ". Bitte löschen."
    return message + (" statt eines normalen Leerzeichens; so erkennt YAML den Feldnamen nicht. Bitte durch ein "
                      "normales Leerzeichen ersetzen.")


def pasted_hint(line: int, ctx: Context) -> str:
    """For a syntax error: „Hinweis: In Spalte 20 steht …“ when the line holds a pasted character, or ''."""
    low = bisect.bisect_left(ctx.pasted, (line - 1, 0))
    if low == len(ctx.pasted) or ctx.pasted[low][0] != line - 1:
        return ""
    column = ctx.pasted[low][1]
    return (f" Hinweis: In Spalte {column + 1} steht {pasted_name(ctx.source[line - 1][column])}. Bitte löschen "
            "(oder, wo ein Leerzeichen hingehört, durch ein normales ersetzen).")


def columns_de(columns: list[int]) -> str:
    """„Spalte 3“, „Spalte 1 bis 4“, „Spalte 3 und 7“, „Spalte 3, 7 und 9“ (0-based columns in)."""
    shown = [c + 1 for c in columns]
    if len(shown) > 2 and shown == list(range(shown[0], shown[-1] + 1)):
        return f"Spalte {shown[0]} bis {shown[-1]}"
    return "Spalte " + (" und ".join(map(str, shown)) if len(shown) < 3 else
                        ", ".join(map(str, shown[:-1])) + f" und {shown[-1]}")


# Inside a value: what each finding means, and what to do.
ADVICE = {  # verdict -> (advice for one, advice for several)
    "replace": ("Bitte durch ein normales Leerzeichen ersetzen.", "Bitte jeweils durch ein normales Leerzeichen ersetzen."),
    "delete": ("Bitte löschen.", "Bitte jeweils löschen."),
    "no-break": ("An dieser Stelle bricht die Website die Zeile nie um. Wenn das nicht gewollt ist, bitte durch ein "
                 "normales Leerzeichen ersetzen.", "An diesen Stellen bricht die Website die Zeile nie um. Wenn das "
                 "nicht gewollt ist, bitte jeweils durch ein normales Leerzeichen ersetzen."),
    "comment": ("Deshalb gilt das „#“ danach nicht als Beginn eines Kommentars, sondern gehört zum Wert. Bitte durch "
                "ein normales Leerzeichen ersetzen.", "Bitte jeweils durch ein normales Leerzeichen ersetzen."),
    "search": ("Man sieht es nicht, aber die Suche auf der Website findet „{word}“ so nicht. Bitte löschen.",
               "Man sieht sie nicht, aber die Suche auf der Website findet diese Wörter so nicht. Bitte jeweils löschen."),
}


def may_be_pasted(node: yaml.ScalarNode, ctx: Context) -> bool:
    """False in the usual case, where `report_in_scalar` has nothing to report: nothing pasted in the
    file and no typographic quote in front of a plain value (so a caller can skip building its path)."""
    return bool(ctx.pasted) or not (node.style or not node.value or node.value[0] not in OPENING_QUOTES)


def report_in_scalar(node: yaml.ScalarNode, path: str, ctx: Context, prose: str = "") -> bool:
    """Report the pasted characters inside one scalar (a value or a key) at their line and column, and
    typographic quotes around a plain value. `prose` is the kind's (see `Kind.prose`). True on an error."""
    if not may_be_pasted(node, ctx):
        return False  # the usual case, kept fast
    start, end = node.start_mark, node.end_mark
    low = bisect.bisect_left(ctx.pasted, (start.line, start.column))
    high = bisect.bisect_left(ctx.pasted, (end.line, end.column), low)
    groups: dict[tuple[int, str, str, str], list[tuple[int, str, str]]] = {}
    for line, column in ctx.pasted[low:high]:
        text = ctx.source[line]
        first = start.column + (node.style in ("'", '"')) if line == start.line else 0
        last = end.column - (node.style in ("'", '"')) if line == end.line else len(text)
        verdict, severity = judge(text, column, first, last, prose)
        groups.setdefault((line, text[column], verdict, severity), []).append((column, *neighbours(text, column, first, last)))
    failed = report_quotes(node, path, ctx)
    for (line, char, verdict, severity), found in groups.items():
        columns = [column for column, _, _ in found]
        one, several = ADVICE[verdict]
        if len(found) == 1:
            where = where_de(*found[0][1:])
            message = f"In Spalte {columns[0] + 1}{where} steht {pasted_name(char)}. " + one.format(
                word=word_around(ctx.source[line], columns[0]))
        else:
            message = f"In {columns_de(columns)} steht je {pasted_name(char)}. {several}"
        ctx.report(line + 1, path, message, severity, column=columns[0] + 1)
        failed = failed or severity == ERROR
    return failed


def judge(text: str, column: int, first: int, last: int, prose: str) -> tuple[str, str]:
    """(verdict, severity) of the pasted character at `column` of a value's line (`first`…`last`)."""
    char = text[column]
    left = text[column - 1] if column > first else ""
    right = text[column + 1] if column + 1 < last else ""
    between = bool(left and right) and not any(c.isspace() or PASTED_RE.match(c) for c in (left, right))
    if is_space(char):
        if right == "#":
            return "comment", ERROR
        if not between:
            return "delete", ERROR
        return ("no-break", WARNING) if prose else ("replace", ERROR)
    if char == "\u00ad" and prose and left.isalpha() and right.isalpha():
        return "search", WARNING if prose == "long" else ERROR
    return "delete", ERROR


def neighbours(text: str, column: int, first: int, last: int) -> tuple[str, str]:
    """The visible words left and right of a character within a value's line, for „zwischen … und …“."""
    left = (visible(text[first:column]).rsplit(None, 1) or [""])[-1]
    right = (visible(text[column + 1:last]).split(None, 1) or [""])[0]
    return (left if len(left) <= WORD_SHOWN else "…" + left[-WORD_SHOWN:],
            right if len(right) <= WORD_SHOWN else right[:WORD_SHOWN] + "…")


def where_de(left: str, right: str) -> str:
    if left and right:
        return f" (zwischen „{left}“ und „{right}“)"
    if left or right:
        return f" (nach „{left}“)" if left else f" (vor „{right}“)"
    return ""


def word_around(text: str, column: int) -> str:
    """The word a soft hyphen splits, without it: „Werkzeug“ for „Werk\u00adzeug“."""
    start, end = column, column + 1
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "\u00ad"):
        start -= 1
    while end < len(text) and (text[end].isalpha() or text[end] == "\u00ad"):
        end += 1
    return text[start:end].replace("\u00ad", "")


def report_quotes(node: yaml.ScalarNode, path: str, ctx: Context) -> bool:
    """„Acme GmbH“ written where YAML's quotes belong: YAML keeps them as part of the value."""
    value = node.value
    if node.style or len(value) < 2 or value[0] not in OPENING_QUOTES or value[-1] not in CLOSING_QUOTES:
        return False
    column = node.start_mark.column + 1
    ctx.report(node.start_mark.line + 1, path, f"Der Wert steht in typografischen Anführungszeichen (ab Spalte {column}). "
               "YAML erkennt nur gerade Anführungszeichen (\" oder '); diese hier würden mit auf der Website stehen. "
               f"Bitte gerade Anführungszeichen verwenden oder keine: \"{value[1:-1]}\".", column=column)
    return True
