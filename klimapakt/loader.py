"""Load a YAML registry into frozen records, collecting every problem with its line.

PyYAML's constructors silently keep the last of two equal keys and turn `no` into
False or `07` into 7. We therefore only *compose* the document into nodes (which keep
their line and the text exactly as written) and interpret each scalar ourselves,
guided by the field specifications in `model`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from . import clock, files, model, rules
from .report import ERROR, WARNING, Problem, RegistryError, errors
from .syntax import (COMPOSE_LOADER as _ComposeLoader, nicer_syntax_error, printable,
                     report_hidden_line_breaks, report_syntax_error, report_unsupported_features)


TAG = "tag:yaml.org,2002:"
# What YAML 1.1 makes of an unquoted scalar, as a German noun phrase (nominative).
YAML_TYPE_NAMES = {
    TAG + "bool": "ein Ja/Nein-Wert",
    TAG + "int": "eine Zahl",
    TAG + "float": "eine Zahl",
    TAG + "timestamp": "ein Datum",
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GERMAN_DATE_RE = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")
LEADING_ZERO_RE = re.compile(r"^[-+]?0\d")
PLAIN_NUMBER_RE = re.compile(r"^[-+]?(\d+)(?:\.(\d+))?$")
MAX_INTEGER_DIGITS, MAX_DECIMALS = 12, 3  # the site shows at most three decimals (babel's default)
# Plain scalars that YAML 1.2 (and so the editors' YAML language server) reads as numbers although
# PyYAML's YAML 1.1 keeps them as text: `1e5`, `0o17`. Refused in text fields, so both agree.
YAML12_NUMBER_RE = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$")
KIND_NAMES = {
    "text": "ein Text", "name": "ein Text", "longtext": "ein Text", "id": "eine Kennung", "url": "eine Webadresse",
    "email": "eine E-Mail-Adresse", "phone": "eine Telefonnummer", "logo": "ein Dateiname",
    "date": "ein Datum (JJJJ-MM-TT)", "year": "eine Jahreszahl", "int": "eine ganze Zahl", "percent": "eine Zahl",
    "tonnes": "eine Zahl", "bool": "true oder false", "object": "ein Abschnitt mit Feldern", "list": "eine Liste",
    "choice": "ein Wert aus der Liste",
}
# German (and English) words staff may use for a key, mapped to the key the registry expects.
KEY_SYNONYMS = {
    "beschreibung": "description", "text": "description", "webseite": "website", "homepage": "website",
    "url": "website", "internet": "website", "branche": "sector", "größe": "size", "groesse": "size",
    "bezirk": "district", "stadtbezirk": "district", "kontakt": "contact", "ansprechperson": "contact",
    "ansprechpartner": "contact", "vereinbarung": "agreement", "ziele": "targets", "massnahmen": "measures",
    "maßnahmen": "measures", "emissionen": "emissions", "rolle": "role", "funktion": "role",
    "beitritt": "joined", "beigetreten": "joined", "unterzeichnet": "signed", "jahr": "year", "titel": "title",
    "telefon": "phone", "e-mail": "email", "mail": "email", "kennung": "id", "geprüft": "last_reviewed",
    "handlungsfeld": "field", "stand": "status", "basisjahr": "baseline_year", "zieljahr": "year",
    "klimaneutral": "climate_neutral", "minderung": "reduction_percent",
}


class _Invalid(Exception):
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

    def report(self, line: int, path: str, message: str, severity: str = ERROR, column: int = 0) -> None:
        self.problems.append(Problem(line, printable(self.entry), printable(path) or "-", printable(message),
                                     severity, self.file, column))
        self.error_count += severity == ERROR
        if self.error_count == model.MAX_ERRORS:
            self.problems.append(Problem(line, "Datei", "-", f"Nach {count_de(model.MAX_ERRORS)} Fehlern bricht die "
                                         "Prüfung hier ab. Bitte diese Fehler beheben; danach zeigt die Prüfung die "
                                         "weiteren.", ERROR, self.file))
            raise TooManyErrors

    def source_line(self, line: int) -> str:
        return self.source[line - 1] if 0 < line <= len(self.source) else ""


@dataclass(frozen=True)
class Loaded:
    """The result of loading: the records that could be built and every problem found."""

    partners: tuple[model.Partner, ...]
    problems: tuple[Problem, ...]
    demo: bool = False  # the registry declares itself fictional demo data


def load_text(text: str, *, file: str = "partners.yml", today: dt.date | None = None,
              logo_dir: Path | None = None) -> Loaded:
    ctx = Context(file=file, today=today or clock.build_date(), logo_dir=logo_dir or Path(model.LOGO_DIR))
    try:
        root = compose(text, ctx)
        if root is None:
            return Loaded((), tuple(ctx.problems))
        partners, demo = read_registry(root, ctx)
    except TooManyErrors:
        return Loaded((), tuple(ctx.problems))
    return Loaded(tuple(partners), tuple(ctx.problems), demo)


def load_file(path: str | Path, **kwargs: Any) -> Loaded:
    path = Path(path)
    kwargs.setdefault("file", path.name)
    text, problem = read_source(path, kwargs["file"])
    if problem:
        return Loaded((), (problem,))
    return load_text(text, **kwargs)


def read_source(path: Path, file: str) -> tuple[str, Problem | None]:
    """A registry file's text, or the one problem that stops reading it; for every registry."""
    try:
        text = files.read_registry_text(path, model.MAX_FILE_BYTES)  # no symlink, no special file, not too large
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


def load_valid(path: str | Path, **kwargs: Any) -> Loaded:
    """Load for the build: any error stops it with the same messages `check` prints."""
    loaded = load_file(path, **kwargs)
    if errors(loaded.problems):
        raise RegistryError(list(loaded.problems))
    return loaded


# Parsing: syntax errors, and YAML features the registry does not use.

def compose(text: str, ctx: Context) -> yaml.Node | None:
    """Parse YAML into nodes; a syntax error becomes one problem with line, column and a hint."""
    if report_oversized(text, ctx):
        return None
    ctx.source = text.split("\n")
    if report_long_lines(ctx) or report_hidden_line_breaks(text, ctx):
        return None
    try:
        node = yaml.compose(text, Loader=_ComposeLoader)
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
        ctx.report(1, "-", "Die Datei ist leer. Sie muss mit „partners:“ beginnen.")
        return None
    if report_unsupported_features(text, ctx):
        return None
    return node


def reader_character_name(code: int) -> str:
    """„, „Nichtzeichen“" for what YAML refuses to read (U+FFFE, U+FFFF); nothing for plain controls."""
    char = chr(code)
    return "" if unicodedata.category(char) == "Cc" else f", „{rules.character_name(char)}“"


# Limits, checked on the raw text before YAML parses it.

def file_size_message(size: int) -> str:
    return (f"Die Datei ist {megabytes(size)} MB groß; höchstens {megabytes(model.MAX_FILE_BYTES)} MB sind erlaubt. "
            "Bitte prüfen, ob versehentlich etwas Falsches eingefügt wurde.")


def megabytes(size: int) -> str:
    value = size / 1024 / 1024
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")


def report_oversized(text: str, ctx: Context) -> bool:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > model.MAX_FILE_BYTES:
        ctx.report(1, "-", file_size_message(size))
        return True
    return False


def report_long_lines(ctx: Context) -> bool:
    """Every line over MAX_LINE_CHARS: one pasted block must not keep the check (or a rule) busy."""
    if max(map(len, ctx.source)) <= model.MAX_LINE_CHARS:
        return False
    for number, line in enumerate(ctx.source, start=1):
        if len(line) > model.MAX_LINE_CHARS:
            ctx.report(number, "-", f"Die Zeile ist {count_de(len(line))} Zeichen lang; höchstens "
                       f"{count_de(model.MAX_LINE_CHARS)} Zeichen je Zeile sind erlaubt. Einen langen Text bitte auf "
                       "mehrere Zeilen verteilen: „>-“ hinter den Feldnamen schreiben und den Text eingerückt "
                       "in die Zeilen darunter.")
    return True


def count_de(number: int) -> str:
    """10.000: German thousands separators."""
    return f"{number:,}".replace(",", ".")


def report_too_many(f: model.Field, node: yaml.SequenceNode, path: str, ctx: Context) -> bool:
    """A list longer than the field allows: one problem at its first extra entry, and no entry is read."""
    if f.max_items is None or len(node.value) <= f.max_items:
        return False
    ctx.report(line_of(node.value[f.max_items]), path, f"Die Liste „{f.key}“ (ab Zeile {line_of(node)}) hat "
               f"{count_de(len(node.value))} Einträge; höchstens {count_de(f.max_items)} sind erlaubt. Hier beginnt "
               f"der {count_de(f.max_items + 1)}. Eintrag. Bitte prüfen, ob Einträge versehentlich mehrfach eingefügt wurden.")
    return True


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


# Structure: the registry, its partners, mappings and their keys.

def read_registry(root: yaml.Node, ctx: Context) -> tuple[list[model.Partner], bool]:
    fields = read_mapping(root, model.REGISTRY_SPEC, "", ctx)
    if fields is None:
        return [], False
    values: dict[str, Any] = {}
    for key, (f, value_node, _) in fields.items():
        if key != "partners":
            try:
                values[key] = read_value(f, value_node, key, ctx)
            except _Invalid:
                pass
    demo = values.get("demo") is True
    if "partners" not in fields or is_null(fields["partners"][1]):
        return [], demo
    partners_node = fields["partners"][1]
    if not isinstance(partners_node, yaml.SequenceNode):
        ctx.report(line_of(partners_node), "partners", "„partners“ muss eine Liste sein (jeder Eintrag beginnt mit „- id: …“).")
        report_duplicate_keys(partners_node, "partners", ctx)
        return [], demo
    if report_too_many(fields["partners"][0], partners_node, "partners", ctx):
        return [], demo
    partners: list[model.Partner] = []
    for index, item in enumerate(partners_node.value, start=1):
        ctx.entry = entry_label(item, index)
        try:
            partners.append(read_record(item, model.PARTNER_SPEC, "", ctx))
        except _Invalid:
            pass
    ctx.entry = "Datei"
    check_unique_ids(partners_node, ctx)
    for partner in partners:
        ctx.entry = partner.id
        warn_partner(partner, ctx)
    for partner, key, message in rules.warn_confusable_names(partners):
        ctx.entry = partner.id
        ctx.report(partner.lines.get(key, partner.line), key, message, WARNING)
    ctx.entry = "Datei"
    return partners, demo


def entry_label(node: yaml.Node, index: int) -> str:
    """The id as written, so messages name the partner even before it is validated."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode)
                    and value.value.strip() and len(value.value) <= 80 and value.value.isprintable()):
                return value.value.strip()
    return f"Eintrag {index}"


def check_unique_ids(partners_node: yaml.SequenceNode, ctx: Context) -> None:
    first_line: dict[str, int] = {}
    for index, item in enumerate(partners_node.value, start=1):
        if not isinstance(item, yaml.MappingNode):
            continue
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value:
                if value.value in first_line:
                    ctx.entry = entry_label(item, index)
                    ctx.report(line_of(value), "id", f"Die Kennung „{value.value}“ ist schon in Zeile {first_line[value.value]} "
                               "vergeben. Jede Kennung darf nur einmal vorkommen.")
                else:
                    first_line[value.value] = line_of(value)
                break
    ctx.entry = "Datei"


def duplicate_key_message(key: str, first_line: int, line: int) -> str:
    return f"Das Feld „{key}“ steht doppelt (Zeilen {first_line} und {line}). Bitte einen der beiden Einträge löschen."


def report_duplicate_keys(node: yaml.Node, path: str, ctx: Context) -> None:
    """Duplicate keys in every mapping below a node the field specs do not read (an unknown key's value, a
    value of the wrong kind), so that a key written twice is an error anywhere in the file."""
    stack, seen = [(node, path)], set()
    while stack:
        current, current_path = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            first_lines: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in first_lines:
                        ctx.report(line_of(key), join(current_path, key.value),
                                   duplicate_key_message(key.value, first_lines[key.value], line_of(key)))
                    first_lines.setdefault(key.value, line_of(key))
                    stack.append((value, join(current_path, key.value)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, f"{current_path}[{i}]") for i, item in enumerate(current.value, 1))


def warn_partner(partner: model.Partner, ctx: Context) -> None:
    for rule in rules.PARTNER_WARNINGS:
        for key, message in rule(partner, ctx.today):
            ctx.report(partner.lines.get(key, partner.line), key, message, WARNING)


def read_mapping(node: yaml.Node, spec: tuple[model.Field, ...], path: str, ctx: Context) -> dict[str, tuple[model.Field, yaml.Node, int]] | None:
    """Check keys (duplicate, unknown, missing); return key → (field, value node, key line).

    Of a key written twice only the first value is read; values that are not read are still
    searched for duplicate keys.
    """
    if not isinstance(node, yaml.MappingNode):
        ctx.report(line_of(node), path or "-", f"Hier wird ein Abschnitt mit Feldern erwartet (z. B. „{example_key(spec)}: …“), "
                   f"nicht {describe(node)}.")
        report_duplicate_keys(node, path, ctx)
        return None
    by_key = {f.key: f for f in spec}
    found: dict[str, tuple[model.Field, yaml.Node, int]] = {}
    first_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            ctx.report(line_of(key_node), path or "-", "Ein Feldname muss ein einfaches Wort sein, z. B. „name“.")
            continue
        key, key_path = key_node.value, join(path, key_node.value)
        if key in first_lines:
            ctx.report(line_of(key_node), key_path, duplicate_key_message(key, first_lines[key], line_of(key_node)))
            report_duplicate_keys(value_node, key_path, ctx)
            continue
        first_lines[key] = line_of(key_node)
        if key not in by_key:
            ctx.report(line_of(key_node), key_path, unknown_key_message(key, spec))
            report_duplicate_keys(value_node, key_path, ctx)
            continue
        found[key] = (by_key[key], value_node, line_of(key_node))
    for f in spec:
        if not f.required:
            continue
        if f.key not in found:
            ctx.report(line_of(node), join(path, f.key), f"Das Pflichtfeld „{f.key}“ fehlt ({f.help}).")
        elif is_null(found[f.key][1]):
            ctx.report(found[f.key][2], join(path, f.key), f"Das Pflichtfeld „{f.key}“ ist leer ({f.help}).")
    return found


def example_key(spec: tuple[model.Field, ...]) -> str:
    return next((f.key for f in spec if f.required), spec[0].key)


def unknown_key_message(key: str, spec: tuple[model.Field, ...]) -> str:
    keys = [f.key for f in spec]
    synonym = KEY_SYNONYMS.get(key.strip().lower())
    if synonym in keys:
        return f"Unbekanntes Feld „{key}“. Meinten Sie „{synonym}“?"
    for f in spec:
        if f.spec and key in {g.key for g in f.spec}:
            return f"Das Feld „{key}“ gehört in den Abschnitt „{f.key}“. Ist es richtig eingerückt?"
    parent = PARENTS.get(spec)
    if parent and key in {g.key for g in parent[0]}:
        return f"Das Feld „{key}“ gehört nicht in den Abschnitt „{parent[1]}“, sondern eine Ebene höher. Ist es zu weit eingerückt?"
    close = difflib.get_close_matches(key.lower(), keys, n=1, cutoff=0.6)
    if close:
        return f"Unbekanntes Feld „{key}“. Meinten Sie „{close[0]}“?"
    return f"Unbekanntes Feld „{key}“. Erlaubt sind: {', '.join(keys)}."


def _parents() -> dict[tuple[model.Field, ...], tuple[tuple[model.Field, ...], str]]:
    parents, stack = {}, [model.REGISTRY_SPEC]
    while stack:
        spec = stack.pop()
        for f in spec:
            if f.spec and f.spec not in parents:
                parents[f.spec] = (spec, f.key)
                stack.append(f.spec)
    return parents


PARENTS = _parents()


def read_record(node: yaml.Node, spec: tuple[model.Field, ...], path: str, ctx: Context) -> Any:
    fields = read_mapping(node, spec, path, ctx)
    if fields is None:
        raise _Invalid
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    failed = False
    for key, (f, value_node, key_line) in fields.items():
        lines[key] = key_line
        try:
            value = read_value(f, value_node, join(path, key), ctx)
        except _Invalid:
            failed = True
            continue
        if value is not None:
            values[key] = value
    if failed or any(f.required and f.key not in values for f in spec):
        raise _Invalid
    record_type = model.RECORD_TYPES[spec]
    if record_type is model.Partner:
        values["line"], values["lines"] = line_of(node), lines
    record = record_type(**values)
    for rule in rules.RECORD_RULES.get(record_type, ()):
        for key, message in rule(record):
            ctx.report(lines.get(key, line_of(node)), join(path, key) if key != "-" else path, message)
    return record


def read_value(f: model.Field, node: yaml.Node, path: str, ctx: Context) -> Any:
    if is_null(node):
        return None
    if f.kind == "object":
        return read_record(node, f.spec, path, ctx)
    if f.kind == "list":
        return read_list(f, node, path, ctx)
    if not isinstance(node, yaml.ScalarNode):
        report_duplicate_keys(node, path, ctx)
        fail(ctx, node, path, f"Hier wird {KIND_NAMES.get(f.kind, 'ein einzelner Wert')} erwartet, nicht {describe(node)}.")
    return SCALAR_READERS[f.kind](f, node, path, ctx)


def read_list(f: model.Field, node: yaml.Node, path: str, ctx: Context) -> tuple:
    if not isinstance(node, yaml.SequenceNode):
        report_duplicate_keys(node, path, ctx)
        example = "z. B. [1, 2]" if f.item_kind else "jeder Eintrag beginnt mit „- “"
        fail(ctx, node, path, f"Hier wird eine Liste erwartet ({example}), nicht {describe(node)}.")
    if report_too_many(f, node, path, ctx):
        raise _Invalid
    items, failed = [], False
    first_line: dict[Any, int] = {}
    for index, item in enumerate(node.value, start=1):
        item_path = f"{path}[{index}]"
        try:
            if f.spec:
                items.append(read_record(item, f.spec, item_path, ctx))
            else:
                items.append(read_list_scalar(f, item, item_path, ctx))
        except _Invalid:
            failed = True
            continue
        if f.unique_by:
            key = getattr(items[-1], f.unique_by)
            if key in first_line:
                ctx.report(line_of(item), join(item_path, f.unique_by),
                           f"„{f.unique_by}: {key}“ steht schon in Zeile {first_line[key]}. Jeder Wert darf nur einmal vorkommen.")
                failed = True
            first_line.setdefault(key, line_of(item))
    if failed:
        raise _Invalid
    return tuple(items)


def read_list_scalar(f: model.Field, node: yaml.Node, path: str, ctx: Context) -> Any:
    if not isinstance(node, yaml.ScalarNode) or is_null(node):
        report_duplicate_keys(node, path, ctx)
        fail(ctx, node, path, f"Hier wird {KIND_NAMES[f.item_kind]} erwartet, nicht {describe(node)}.")
    value = read_int(f, node, path, ctx)
    if f.choices and value not in f.choices:
        fail(ctx, node, path, f"„{node.value}“ ist nicht erlaubt. Erlaubt sind: {', '.join(map(str, f.choices))}.")
    return value


def fail(ctx: Context, node: yaml.Node, path: str, message: str) -> None:
    ctx.report(line_of(node), path, message)
    raise _Invalid


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == TAG + "null" and not node.style


def describe(node: yaml.Node) -> str:
    """What the node is, as a German noun phrase: „… erwartet, nicht <describe>“."""
    if isinstance(node, yaml.MappingNode):
        return "ein Abschnitt mit Feldern"
    if isinstance(node, yaml.SequenceNode):
        return "eine Liste"
    if is_null(node):
        return "ein leerer Wert"
    if not node.style and node.tag in YAML_TYPE_NAMES:
        return f"{YAML_TYPE_NAMES[node.tag]} („{node.value}“)"
    return f"der Text „{shorten(node.value)}“"


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# Scalar readers: one per field kind. Each returns the value or reports and raises _Invalid.

def read_text(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> str:
    if not node.style and node.tag in YAML_TYPE_NAMES:
        # YAML 1.1 would turn `no` into False, `1.10` into 1.1, `2024-01-01` into a date.
        fail(ctx, node, path, f"„{node.value}“ liest YAML als {yaml_reading(node)}, nicht als Text. "
             f"Bitte in Anführungszeichen setzen: \"{node.value}\".")
    if not node.style and YAML12_NUMBER_RE.match(node.value):
        fail(ctx, node, path, f"„{node.value}“ lesen manche Programme als Zahl, nicht als Text. "
             f"Bitte in Anführungszeichen setzen: \"{node.value}\".")
    if not node.style:
        comment = trailing_comment(node, ctx)
        if comment and not comment.startswith("# ") and comment != "#":
            # `name: Firma #1` reads as „Firma“. A deliberate comment has a space after "#".
            fail(ctx, node, path, f"„{shorten(comment, 40)}“ liest YAML als Kommentar, es fehlt also im Text. "
                 "Bitte den ganzen Text in Anführungszeichen setzen (ein Kommentar beginnt mit „# “).")
    value = node.value.strip()
    if not value:
        fail(ctx, node, path, "Der Text ist leer. Bitte ausfüllen oder die Zeile löschen.")
    single_line = f.kind != "longtext"
    hidden = rules.find_hidden_character(value, single_line)
    if hidden:  # reported at the line where the character is
        ctx.report(character_line(node, value, hidden[0], ctx), path, rules.hidden_character_message(*hidden))
    messages = rules.check_length(value, f.max_length) + rules.check_markup(value)
    if single_line:
        messages += rules.check_single_line(value)
    messages += {"id": rules.check_id, "url": rules.check_url, "email": rules.check_email,
                 "phone": rules.check_phone}.get(f.kind, lambda v: [])(value)
    if f.kind == "logo" and not messages:
        messages += rules.check_logo(value, ctx.logo_dir)
    for message in messages:
        ctx.report(line_of(node), path, message)
    if messages or hidden:
        raise _Invalid
    return value


def yaml_reading(node: yaml.ScalarNode) -> str:
    """What PyYAML would make of an unquoted scalar: „Ja/Nein-Wert (false)“, „Zahl 1.1“, „Datum“."""
    noun = YAML_TYPE_NAMES[node.tag].split(" ", 1)[1]
    try:
        value = yaml.SafeLoader("").construct_object(node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return noun
    if isinstance(value, bool):
        return f"{noun} ({str(value).lower()})"
    if isinstance(value, (int, float)) and str(value) != node.value:
        return f"{noun} {value}" if abs(value) < 1e15 else noun
    return noun


def trailing_comment(node: yaml.ScalarNode, ctx: Context) -> str:
    """The comment YAML cut off a plain text (`name: Firma #1` reads as „Firma“), or ''."""
    rest = ctx.source_line(node.end_mark.line + 1)[node.end_mark.column:]
    return rest.strip() if rest.strip().startswith("#") else ""


def read_date(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> dt.date:
    raw = node.value.strip()
    if not DATE_RE.match(raw):
        german = GERMAN_DATE_RE.match(raw)
        hint = (f" Meinten Sie {german.group(3)}-{int(german.group(2)):02d}-{int(german.group(1)):02d}?" if german
                else " Beispiel: 2024-03-15.")
        fail(ctx, node, path, f"„{shorten(raw)}“ ist kein Datum in der Form JJJJ-MM-TT.{hint}")
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        fail(ctx, node, path, f"Das Datum {raw} gibt es nicht.")
    messages = rules.check_year(value.year) or rules.check_date_not_future(value, ctx.today)
    for message in messages:
        fail(ctx, node, path, message)
    return value


def read_number(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context, allowed: tuple[str, ...]) -> Any:
    raw = node.value.strip()
    if node.style or node.tag not in allowed:
        expected = KIND_NAMES.get(f.kind if f.kind != "list" else f.item_kind, "eine Zahl")
        fail(ctx, node, path, f"Hier wird {expected} erwartet, nicht {describe(node)}.{number_hint(node, allowed)}")
    if LEADING_ZERO_RE.match(raw):
        # YAML 1.1 reads 010 as the octal number 8.
        fail(ctx, node, path, f"„{raw}“ beginnt mit einer Null; YAML würde die Zahl umdeuten. Bitte ohne führende Null schreiben.")
    match = PLAIN_NUMBER_RE.match(raw)
    if not match:
        fail(ctx, node, path, f"„{shorten(raw)}“ ist keine einfache Zahl. Bitte nur Ziffern und einen Punkt als "
             "Dezimaltrenner schreiben, z. B. 120.5.")
    if len(match.group(1)) > MAX_INTEGER_DIGITS:
        fail(ctx, node, path, f"„{shorten(raw)}“ hat zu viele Stellen (höchstens {MAX_INTEGER_DIGITS} vor dem Punkt).")
    if match.group(2) and len(match.group(2)) > MAX_DECIMALS:
        fail(ctx, node, path, f"„{raw}“ hat mehr als {MAX_DECIMALS} Nachkommastellen; die Website zeigt höchstens "
             f"{MAX_DECIMALS}. Bitte runden.")
    return int(raw) if node.tag == TAG + "int" else float(raw)


def number_hint(node: yaml.ScalarNode, allowed: tuple[str, ...]) -> str:
    """Why a number was not read as one: quotes, a decimal comma, a unit, a percent sign."""
    raw = node.value.strip()
    if node.style and PLAIN_NUMBER_RE.match(raw):
        return f" Bitte ohne Anführungszeichen schreiben: {raw}."
    if node.tag == TAG + "float" and TAG + "float" not in allowed and PLAIN_NUMBER_RE.match(raw):
        return " Bitte eine ganze Zahl ohne Punkt schreiben."
    if re.fullmatch(r"[-+]?\d+,\d+", raw):
        return f" Bitte einen Punkt statt des Kommas schreiben: {raw.replace(',', '.')}."
    if re.fullmatch(r"[-+]?\d{1,3}(?:[. ]\d{3})+(?:,\d+)?", raw):
        plain = re.sub(r"[. ]", "", raw).replace(",", ".")
        return f" Bitte ohne Tausendertrennzeichen und mit Punkt als Dezimaltrenner schreiben: {plain}."
    if re.fullmatch(r"[-+]?\d+(?:[.,]\d+)?\s*(%|t|Prozent|Tonnen|t CO2e?)", raw):
        return " Bitte nur die Zahl ohne Einheit schreiben."
    return ""


def read_int(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> int:
    return read_number(f, node, path, ctx, (TAG + "int",))


def read_year(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> int:
    value = read_int(f, node, path, ctx)
    for message in rules.check_year(value):
        fail(ctx, node, path, message)
    return value


def read_measurement(check: Callable[[float], list[str]]) -> Callable[..., float]:
    def reader(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> float:
        value = read_number(f, node, path, ctx, (TAG + "int", TAG + "float"))
        for message in check(value):
            fail(ctx, node, path, message)
        return value
    return reader


def read_bool(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> bool:
    raw = node.value.strip()
    if node.style or raw not in ("true", "false"):
        fail(ctx, node, path, f"Hier bitte true oder false eintragen, nicht „{shorten(raw)}“.")
    return raw == "true"


def read_choice(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> Any:
    raw = node.value.strip()
    numeric = all(isinstance(k, int) for k in f.choices)
    if numeric:
        if LEADING_ZERO_RE.match(raw):
            fail(ctx, node, path, f"„{raw}“ beginnt mit einer Null; YAML würde die Zahl umdeuten. Bitte ohne führende Null schreiben.")
        if raw.isascii() and raw.isdigit() and len(raw) < 6 and int(raw) in f.choices:
            if node.style:
                fail(ctx, node, path, f"Bitte ohne Anführungszeichen schreiben: {raw}.")
            return int(raw)
    elif raw in f.choices:
        if node.style or node.tag == TAG + "str":
            return raw
        fail(ctx, node, path, f"„{raw}“ bitte in Anführungszeichen setzen: \"{raw}\".")
    fail(ctx, node, path, f"„{shorten(raw)}“ ist nicht erlaubt.{choice_suggestion(raw, f.choices)} "
         f"Erlaubt sind: {rules.allowed_values(f.choices)}.")


def choice_suggestion(raw: str, choices: Any) -> str:
    """„Meinten Sie …?“ for a value written in other case, as its German label, or with a typo."""
    for key, label in choices.items():
        if raw.casefold() in (str(key).casefold(), label.casefold()):
            return f" Meinten Sie „{key}“?"
    close = difflib.get_close_matches(raw.lower(), [str(k) for k in choices], n=1, cutoff=0.75)
    return f" Meinten Sie „{close[0]}“?" if close and not raw.isdigit() else ""


SCALAR_READERS: dict[str, Callable[..., Any]] = {
    "text": read_text, "name": read_text, "longtext": read_text, "id": read_text, "url": read_text,
    "email": read_text, "phone": read_text, "logo": read_text,
    "date": read_date, "year": read_year, "int": read_int, "bool": read_bool, "choice": read_choice,
    "percent": read_measurement(rules.check_percent), "tonnes": read_measurement(rules.check_non_negative),
}
