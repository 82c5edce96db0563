"""A page's front matter (`--- … ---`), read with the registries' safe YAML reading.

The text between the markers is composed into nodes by `source.text.compose` (size and line limits,
German syntax errors, anchors, aliases and tags refused), so an alias bomb is refused before
anything expands it; values are built from the nodes here, with each key's line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..report import Problem
from ..source.context import Context
from ..source.text import compose

# As MkDocs reads it (mkdocs.utils.meta.YAML_RE): what MkDocs and the blog plugin see is what is checked.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
MAX_FRONT_MATTER_CHARS = 10_000  # a few lines; a longer header is pasted by mistake
MAX_DEPTH = 3  # `hide: [toc]`, `date: {created: …}`: nothing deeper
TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass
class FrontMatter:
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key -> its line in the file
    body: str = ""
    body_line: int = 1  # the file's line where the body starts
    problems: list[Problem] = field(default_factory=list)

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


def split(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, line of the body's first line)."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return None, text, 1
    return match.group(1), text[match.end():], match.group(0).count("\n") + 1


def read(text: str, file: str, today: dt.date) -> FrontMatter:
    front, body, body_line = split(text)
    result = FrontMatter(body=body, body_line=body_line)
    if front is None or not front.strip():
        return result
    if len(front) > MAX_FRONT_MATTER_CHARS:
        result.problems.append(Problem(2, "Datei", "-", f"Der Kopf der Seite (zwischen den Zeilen „---“) ist "
                                       f"{len(front)} Zeichen lang; höchstens {MAX_FRONT_MATTER_CHARS} sind erlaubt. "
                                       "Bitte prüfen, ob versehentlich etwas hineinkopiert wurde.", file=file))
        return result
    ctx = Context(file=file, today=today, logo_dir=Path("."))
    node = compose(front, ctx, "title")
    result.problems += [replace(p, line=p.line + 1) for p in ctx.problems]  # the front matter starts on line 2
    if node is None or result.problems:
        return result
    if not isinstance(node, yaml.MappingNode):
        result.problems.append(Problem(2, "Datei", "-", "Der Kopf der Seite muss aus Zeilen der Form "
                                       "„feld: Wert“ bestehen.", file=file))
        return result
    for key_node, value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        if key in result.lines:
            result.problems.append(Problem(line, "Datei", key, f"„{key}“ steht schon in Zeile {result.lines[key]}. "
                                           "Bitte eine der beiden Zeilen löschen.", file=file))
            continue
        result.lines[key] = line
        result.values[key] = value_of(value_node)
    return result


def value_of(node: yaml.Node, depth: int = 0) -> Any:
    """Scalars as YAML 1.1 reads them, except dates, which stay text for `read_date`; nesting is bounded."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(node, yaml.SequenceNode):
        return [value_of(item, depth + 1) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): value_of(v, depth + 1) for k, v in node.value}
    if node.tag == TIMESTAMP:
        return Written(node.value)
    return yaml.constructor.SafeConstructor().construct_object(node)


class Written(str):
    """A value YAML would read as a date or time, as written; `read_date` reads it."""


DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ].*)?")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")


def read_date(value: Any) -> tuple[dt.date | None, str]:
    """A date written as JJJJ-MM-TT (a time after it is ignored), or None and why not (German)."""
    if isinstance(value, dt.date):
        return value, ""
    text = str(value if value is not None else "").strip()
    match = DATE_RE.fullmatch(text)
    if not match:
        return None, (f"„{text[:40]}“ ist kein Datum in der Form JJJJ-MM-TT, z. B. 2025-07-03. Ist nur der Monat "
                      "bekannt, schreiben Sie den Ersten des Monats und `date_precision: month`.")
    year, month, day = map(int, match.groups())
    try:
        return dt.date(year, month, day), ""
    except ValueError:
        if not 1 <= month <= 12:
            return None, f"„{text}“: einen Monat {month} gibt es nicht. Das Datum wird JJJJ-MM-TT geschrieben."
        return None, f"„{text}“: den {day}. {MONTHS[month - 1]} {year} gibt es nicht. Bitte den Tag prüfen."
