"""Size and nesting limits of a page, checked on the raw text before Markdown sees it.

Python-Markdown takes quadratic time in the number of `[` or `<` within one paragraph (each one
scans ahead for its partner) and recurses once per level of nested lists, quotes and HTML blocks:
50,000 nested brackets took minutes. Bounding what one paragraph may hold and how deep a page may
nest keeps every page's build linear in its length. Each rule is one linear pass.
"""

from __future__ import annotations

import re

from ..report import ERROR, Problem

MAX_PAGE_BYTES = 200 * 1024  # the longest page today has 6 KB
MAX_LINE_CHARS = 5000
MAX_PER_PARAGRAPH = {"[": 100, "<": 100, "`": 400}  # a paragraph with 30 links has 30 `[`
MAX_PER_PAGE = {"[": 2000, "<": 2000}  # so the quadratic part stays below 100 × 2000 steps a page
MAX_QUOTE_DEPTH = 6  # `> > >`: quotes in quotes
MAX_INDENT = 40  # columns before a line's text: eight levels of nested lists
MAX_HTML_DEPTH = 12  # `<div markdown>` in `<div markdown>` …
CHAR_NAMES = {"[": "eckige Klammern „[“", "<": "spitze Klammern „<“", "`": "Backticks „`“"}
QUOTE_RE = re.compile(r"[ \t]*(?:>[ \t]?)+")
TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*>")  # `[^<>]*` stops at the next `<`: linear
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed",
                  "param", "track"})


def limit_problems(text: str, file: str, first_line: int = 1) -> list[Problem]:
    """Problems that stop the page before Markdown runs (an empty list: the page may be rendered)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_PAGE_BYTES:
        return [problem(1, file, f"Die Seite ist {size // 1024} KB groß; höchstens {MAX_PAGE_BYTES // 1024} KB "
                        "sind erlaubt. Bitte auf mehrere Seiten verteilen.")]
    lines = text.split("\n")
    found = []
    for number, line in enumerate(lines, start=first_line):
        found += line_problems(line, number, file)
    found += paragraph_problems(lines, file, first_line) or page_total_problems(text, file)
    found += html_depth_problems(lines, file, first_line)
    return found


def problem(line: int, file: str, message: str) -> Problem:
    return Problem(line, "Seite", "-", message, ERROR, file)


def line_problems(line: str, number: int, file: str) -> list[Problem]:
    if len(line) > MAX_LINE_CHARS:
        return [problem(number, file, f"Die Zeile ist {len(line)} Zeichen lang; höchstens {MAX_LINE_CHARS} sind "
                        "erlaubt. Bitte den Absatz auf mehrere Zeilen verteilen.")]
    quotes = QUOTE_RE.match(line)
    depth = quotes.group().count(">") if quotes else 0
    if depth > MAX_QUOTE_DEPTH:
        return [problem(number, file, f"{depth} Zitate („>“) stehen ineinander; höchstens {MAX_QUOTE_DEPTH} sind "
                        "erlaubt.")]
    indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
    if line.strip() and indent > MAX_INDENT:
        return [problem(number, file, f"Die Zeile ist {indent} Zeichen weit eingerückt; höchstens {MAX_INDENT} "
                        "(acht Ebenen einer Liste in der Liste) sind erlaubt.")]
    return []


def paragraph_problems(lines: list[str], file: str, first_line: int) -> list[Problem]:
    """A paragraph is what stands between blank lines: Markdown's inline parsing works within one."""
    found, start, counts = [], first_line, dict.fromkeys(MAX_PER_PARAGRAPH, 0)
    for number, line in enumerate([*lines, ""], start=first_line):
        if line.strip():
            for char in counts:
                counts[char] += line.count(char)
            continue
        for char, count in counts.items():
            if count > MAX_PER_PARAGRAPH[char]:
                found.append(problem(start, file, f"Der Absatz ab dieser Zeile enthält {count} {CHAR_NAMES[char]}; "
                                     f"höchstens {MAX_PER_PARAGRAPH[char]} je Absatz sind erlaubt. Bitte mit "
                                     "Leerzeilen in mehrere Absätze teilen."))
        start, counts = number + 1, dict.fromkeys(MAX_PER_PARAGRAPH, 0)
    return found


def page_total_problems(text: str, file: str) -> list[Problem]:
    return [problem(1, file, f"Die Seite enthält {text.count(char)} {CHAR_NAMES[char]}; höchstens {limit} je Seite "
                    "sind erlaubt. Bitte auf mehrere Seiten verteilen.")
            for char, limit in MAX_PER_PAGE.items() if text.count(char) > limit]


def html_depth_problems(lines: list[str], file: str, first_line: int) -> list[Problem]:
    depth = 0
    for number, line in enumerate(lines, start=first_line):
        for closing, name in TAG_RE.findall(line):
            if name.lower() in VOID:
                continue
            depth = max(depth - 1, 0) if closing else depth + 1
            if depth > MAX_HTML_DEPTH:
                return [problem(number, file, f"Hier stehen {depth} HTML-Elemente ineinander; höchstens "
                                f"{MAX_HTML_DEPTH} sind erlaubt. Ist ein schließendes „</div>“ vergessen?")]
    return []
