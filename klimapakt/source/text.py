"""A registry's text: read safely, checked against the limits, parsed into YAML nodes.

The limits are checked on the raw text before YAML sees it, so no input keeps the parser busy.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from .. import files, vocabulary
from ..report import ERROR, Problem
from ..rules.text import character_name
from .conflicts import report_conflict_markers
from .context import Context, count_de
from .nodes import compose_nodes
from .pasted import report_pasted_structure
from .syntax import (
    nicer_syntax_error,
    report_hidden_line_breaks,
    report_syntax_error,
    report_unsupported_features,
)


def read_source(path: Path, file: str) -> tuple[str, Problem | None]:
    """A registry file's text, or the one problem that stops reading it; for every registry."""
    try:
        text = files.read_registry_text(path, vocabulary.MAX_FILE_BYTES)  # no symlink, no special file, not too large
    except files.TooLarge as err:  # not even read: the parser never sees a huge input
        return "", Problem(1, "Datei", "-", file_size_message(err.size), ERROR, file)
    except files.Refused as err:
        return "", Problem(1, "Datei", "-", str(err), ERROR, file)
    except FileNotFoundError:
        return "", Problem(1, "Datei", "-", f"Die Datei {path} wurde nicht gefunden.", ERROR, file)
    except UnicodeDecodeError as err:
        line = err.object[:err.start].count(b"\n") + 1
        return "", Problem(line, "Datei", "-", "Die Datei ist nicht UTF-8-kodiert (ein Zeichen in dieser Zeile "
                           "ist nicht lesbar). Bitte als UTF-8 speichern.", ERROR, file)
    return text, None


def compose(text: str, ctx: Context, top_key: str) -> yaml.Node | None:
    """Parse YAML into nodes; a syntax error becomes one problem with line, column and a hint."""
    if report_oversized(text, ctx):
        return None
    text = text.removeprefix("\ufeff")  # a byte order mark (Windows editors write one) is no column for YAML
    ctx.source = text.split("\n")
    if report_conflict_markers(ctx) or report_long_lines(ctx) or report_hidden_line_breaks(text, ctx) or report_pasted_structure(text, ctx):
        return None
    try:
        node = compose_nodes(text)
    except yaml.MarkedYAMLError as err:
        report_syntax_error(nicer_syntax_error(text, err), ctx)
        return None
    except yaml.reader.ReaderError as err:
        line = text[:err.position].count("\n") + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        ctx.report(line, "-", f"Die Zeile enthält ein unsichtbares Steuerzeichen (U+{err.character:04X}"
                   f"{reader_character_name(err.character)}) in Spalte {column}. Bitte das Zeichen löschen, am "
                   "einfachsten die Zeile neu tippen.", column=column)
        return None
    except (yaml.YAMLError, RecursionError) as err:  # e.g. nesting deeper than the parser allows
        ctx.report(1, "-", f"Die Datei ist nicht lesbar ({type(err).__name__}). Bitte die letzte Änderung prüfen.")
        return None
    if node is None:
        ctx.report(1, "-", f"Die Datei ist leer. Sie muss mit „{top_key}:“ beginnen.")
        return None
    if report_unsupported_features(text, ctx):
        return None
    return node


def reader_character_name(code: int) -> str:
    """„, „Nichtzeichen“" for what YAML refuses to read (U+FFFE, U+FFFF); nothing for plain controls."""
    char = chr(code)
    return "" if unicodedata.category(char) == "Cc" else f", „{character_name(char)}“"


def file_size_message(size: int) -> str:
    return (f"Die Datei ist {megabytes(size)} MB groß; höchstens {megabytes(vocabulary.MAX_FILE_BYTES)} MB sind erlaubt. "
            "Bitte prüfen, ob versehentlich etwas Falsches eingefügt wurde.")


def megabytes(size: int) -> str:
    value = size / 1024 / 1024
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")


def report_oversized(text: str, ctx: Context) -> bool:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > vocabulary.MAX_FILE_BYTES:
        ctx.report(1, "-", file_size_message(size))
        return True
    return False


def report_long_lines(ctx: Context) -> bool:
    """Every line over MAX_LINE_CHARS: one pasted block must not keep the check (or a rule) busy."""
    if max(map(len, ctx.source)) <= vocabulary.MAX_LINE_CHARS:
        return False
    for number, line in enumerate(ctx.source, start=1):
        if len(line) > vocabulary.MAX_LINE_CHARS:
            ctx.report(number, "-", f"Die Zeile ist {count_de(len(line))} Zeichen lang; höchstens "
                       f"{count_de(vocabulary.MAX_LINE_CHARS)} Zeichen je Zeile sind erlaubt. Einen langen Text bitte auf "
                       "mehrere Zeilen verteilen: „>-“ hinter den Feldnamen schreiben und den Text eingerückt "
                       "in die Zeilen darunter.")
    return True
