"""What every reader of a registry shares: the context that collects problems, and YAML node helpers.

A reader reports a problem with `ctx.report` (line, field path, German message) and, when the
value cannot be used, raises `Invalid` through `fail`: the message is recorded already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from ..neutral import neutral
from ..report import ERROR, Problem
from ..vocabulary import MAX_ERRORS

TAG = "tag:yaml.org,2002:"
NULL_TAG = TAG + "null"
# What YAML 1.1 makes of an unquoted scalar, as a German noun phrase (nominative).
YAML_TYPE_NAMES = {
    TAG + "bool": "ein Ja/Nein-Wert",
    TAG + "int": "eine Zahl",
    TAG + "float": "eine Zahl",
    TAG + "timestamp": "ein Datum",
}


class Invalid(Exception):
    """A value that could not be read; its message is already recorded."""


class TooManyErrors(Exception):
    """Raised by `Context.report` at MAX_ERRORS errors: a file full of mistakes (each may cost a search
    for „Meinten Sie …?“) is checked no further; the last message says so."""


@dataclass
class Context:
    file: str
    today: dt.date
    logo_dir: Path
    source: list[str] = field(default_factory=list)  # the file's lines, for hints and comment checks
    problems: list[Problem] = field(default_factory=list)
    entry: str = "Datei"
    error_count: int = 0
    known_keys: frozenset[str] = frozenset()  # every key of the registry, for syntax hints
    references: Mapping[str, frozenset[str]] = field(default_factory=dict)  # e.g. "partners" -> the partner ids
    parents: Mapping[Any, Any] = field(default_factory=dict)  # nested fields -> (outer fields, key), for hints
    record_rules: Mapping[type, tuple] = field(default_factory=dict)  # record type -> its rules
    memo: dict[Any, Any] = field(default_factory=dict)  # per-file caches of readers (e.g. „Meinten Sie …?“)
    # (field, text, style, tag) -> the value a pure kind read from such a scalar without a problem (Kind.pure)
    read_values: dict[tuple, Any] = field(default_factory=dict)
    texts_passed: dict[tuple, str] = field(default_factory=dict)  # the same for texts whose rules passed (kinds.text)
    pasted: tuple[tuple[int, int], ...] = ()  # (line, column), 0-based, of pasted characters in values (source.pasted)

    def report(self, line: int, path: str, message: str, severity: str = ERROR, column: int = 0) -> None:
        self.problems.append(Problem(line, printable(self.entry), printable(path) or "-", printable(message),
                                     severity, self.file, column))
        self.error_count += severity == ERROR
        if self.error_count == MAX_ERRORS:
            self.problems.append(Problem(line, "Datei", "-", f"Nach {count_de(MAX_ERRORS)} Fehlern bricht die "
                                         "Prüfung hier ab. Bitte diese Fehler beheben; danach zeigt die Prüfung die "
                                         "weiteren.", ERROR, self.file))
            raise TooManyErrors

    def source_line(self, line: int) -> str:
        return self.source[line - 1] if 0 < line <= len(self.source) else ""


def fail(ctx: Context, node: yaml.Node, path: str, message: str) -> NoReturn:
    ctx.report(line_of(node), path, message)
    raise Invalid


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def character_line(node: yaml.ScalarNode, value: str, index: int, ctx: Context) -> int:
    """The line of `value[index]` in the file: in a text over several lines (`>-`, `|`) not always the first.

    `value` is the node's text, stripped. Found by counting that character in the node's source;
    where the text writes it differently (an escape such as "\\u3164"), the node's first line.
    """
    start, end = node.start_mark, node.end_mark
    if start.line == end.line:
        return start.line + 1
    char, before = value[index], value.count(value[index], 0, index)
    lines = ctx.source[start.line:end.line + 1]
    lines[-1] = lines[-1][:end.column]
    lines[0] = lines[0][start.column:]
    for offset, text in enumerate(lines):
        before -= text.count(char)
        if before < 0:
            return start.line + 1 + offset
    return start.line + 1


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG and not node.style


def describe(node: yaml.Node) -> str:
    """What the node is, as a German noun phrase: „… erwartet, nicht <describe>“."""
    if isinstance(node, yaml.MappingNode):
        return "ein Abschnitt mit Feldern"
    if isinstance(node, yaml.SequenceNode):
        return "eine Liste"
    if is_null(node):
        return "ein leerer Wert"
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag in YAML_TYPE_NAMES:
        return f"{YAML_TYPE_NAMES[node.tag]} („{node.value}“)"
    return f"der Text „{shorten(node.value)}“"


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def count_de(number: int) -> str:
    """10.000: German thousands separators."""
    return f"{number:,}".replace(",", ".")


def printable(text: str) -> str:
    """One line per problem: line breaks and control characters quoted from the data become visible marks."""
    return neutral(text)
