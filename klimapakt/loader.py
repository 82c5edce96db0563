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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from . import model, rules
from .report import ERROR, WARNING, Problem, RegistryError, errors

_ComposeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster

TAG = "tag:yaml.org,2002:"
YAML_TYPE_NAMES = {
    TAG + "bool": "einen Ja/Nein-Wert",
    TAG + "int": "eine Zahl",
    TAG + "float": "eine Zahl",
    TAG + "timestamp": "ein Datum",
    TAG + "null": "einen leeren Wert",
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LEADING_ZERO_RE = re.compile(r"^[-+]?0\d")
KIND_NAMES = {
    "text": "Text", "name": "Text", "longtext": "Text", "id": "Text", "url": "Text", "email": "Text",
    "phone": "Text", "logo": "Text", "date": "ein Datum (JJJJ-MM-TT)", "year": "eine Jahreszahl",
    "int": "eine ganze Zahl", "percent": "eine Zahl", "tonnes": "eine Zahl", "bool": "true oder false",
    "object": "ein Abschnitt mit Feldern", "list": "eine Liste",
}


class _Invalid(Exception):
    """A value that could not be read; its message is already recorded."""


@dataclass
class Context:
    file: str
    today: dt.date
    logo_dir: Path
    problems: list[Problem] = field(default_factory=list)
    entry: str = "Datei"

    def report(self, line: int, path: str, message: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(line, self.entry, path or "-", message, severity, self.file))


@dataclass(frozen=True)
class Loaded:
    """The result of loading: the records that could be built and every problem found."""

    partners: tuple[model.Partner, ...]
    problems: tuple[Problem, ...]
    demo: bool = False  # the registry declares itself fictional demo data


def load_text(text: str, *, file: str = "partners.yml", today: dt.date | None = None,
              logo_dir: Path | None = None) -> Loaded:
    ctx = Context(file=file, today=today or dt.date.today(), logo_dir=logo_dir or Path(model.LOGO_DIR))
    root = compose(text, ctx)
    if root is None:
        return Loaded((), tuple(ctx.problems))
    partners = read_registry(root, ctx)
    return Loaded(tuple(partners), tuple(ctx.problems), read_demo_flag(root))


def load_file(path: str | Path, **kwargs: Any) -> Loaded:
    path = Path(path)
    kwargs.setdefault("file", path.name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Loaded((), (Problem(1, "Datei", "-", f"Die Datei {path} wurde nicht gefunden.", ERROR, kwargs["file"]),))
    except UnicodeDecodeError as err:
        return Loaded((), (Problem(1, "Datei", "-", f"Die Datei ist nicht UTF-8-kodiert ({err.reason}). Bitte als UTF-8 speichern.", ERROR, kwargs["file"]),))
    return load_text(text, **kwargs)


def load_valid(path: str | Path, **kwargs: Any) -> Loaded:
    """Load for the build: any error stops it with the same messages `check` prints."""
    loaded = load_file(path, **kwargs)
    if errors(loaded.problems):
        raise RegistryError(list(loaded.problems))
    return loaded


def compose(text: str, ctx: Context) -> yaml.Node | None:
    """Parse YAML into nodes; a syntax error becomes one problem with line, column and a hint."""
    try:
        node = yaml.compose(text, Loader=_ComposeLoader)
    except yaml.MarkedYAMLError as err:
        # Pure-Python PyYAML words its errors better than libyaml; parse again for the message.
        try:
            yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as err2:
            err = err2
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        ctx.report(line, "-", f"YAML-Syntaxfehler in Spalte {column}: {german_syntax_problem(err.problem or err.context or '')}."
                   + syntax_hint(text, line))
        return None
    except yaml.YAMLError as err:
        ctx.report(1, "-", f"YAML-Syntaxfehler: {err}.")
        return None
    if node is None:
        ctx.report(1, "-", "Die Datei ist leer. Sie muss mit „partners:“ beginnen.")
    return node


SYNTAX_PROBLEMS = {
    "found character '\\t' that cannot start any token": "Tabulatorzeichen sind in YAML nicht erlaubt",
    "mapping values are not allowed here": "an dieser Stelle ist kein Doppelpunkt erlaubt",
    "could not find expected ':'": "hier fehlt ein Doppelpunkt",
    "found duplicate anchor": "doppelter Anker",
    "found undefined alias": "unbekannter Verweis (*)",
    "found unexpected end of stream": "die Datei endet unerwartet (fehlt ein Anführungszeichen?)",
    "expected <block end>, but found '<block mapping start>'": "die Einrückung passt nicht zur vorigen Zeile",
    "expected <block end>, but found '-'": "der Listeneintrag ist falsch eingerückt",
    "expected <block end>, but found '<scalar>'": "die Einrückung passt nicht zur vorigen Zeile",
    "found unknown escape character": "unbekanntes Zeichen nach einem Backslash (\\)",
}


def german_syntax_problem(problem: str) -> str:
    for english, german in SYNTAX_PROBLEMS.items():
        if problem.startswith(english.split("'")[0]) and english in problem or problem.startswith(english):
            return german
    return problem


def syntax_hint(text: str, line: int) -> str:
    """A hint for the usual causes of a syntax error, judged from the lines around it."""
    lines = text.splitlines()
    around = lines[max(0, line - 2):line]
    if any("\t" in ln for ln in around) or "\t" in text.split("\n", line)[-2:][0]:
        return " Hinweis: Die Zeile ist mit Tabulatoren eingerückt. Bitte nur Leerzeichen verwenden."
    for ln in around:
        stripped = ln.strip().lstrip("- ")
        key, colon, rest = stripped.partition(":")
        if colon and rest and not rest.startswith((" ", "/")) and re.fullmatch(r"[A-Za-z_]+", key):
            return f" Hinweis: Nach dem Doppelpunkt in „{stripped[:40]}“ fehlt ein Leerzeichen."
        if colon and ": " in rest and not rest.strip().startswith(("\"", "'")):
            return " Hinweis: Ein Text mit Doppelpunkt muss in Anführungszeichen stehen, z. B. description: \"Ziel: 2035\"."
    return " Hinweis: Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser und der vorigen Zeile."


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def read_registry(root: yaml.Node, ctx: Context) -> list[model.Partner]:
    fields = read_mapping(root, model.REGISTRY_SPEC, "", ctx)
    if fields is None or "partners" not in fields:
        return []
    partners_node = fields["partners"][1]
    if not isinstance(partners_node, yaml.SequenceNode):
        ctx.report(line_of(partners_node), "partners", "„partners“ muss eine Liste sein (jeder Eintrag beginnt mit „- id: …“).")
        return []
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
        ctx.entry = partner.id or ctx.entry
        warn_partner(partner, ctx)
    ctx.entry = "Datei"
    return partners


def read_demo_flag(root: yaml.Node) -> bool:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "demo" and isinstance(value, yaml.ScalarNode):
                return value.value == "true"
    return False


def entry_label(node: yaml.Node, index: int) -> str:
    """The id as written, so messages name the partner even before it is validated."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value:
                return value.value
    return f"Eintrag {index}"


def check_unique_ids(partners_node: yaml.SequenceNode, ctx: Context) -> None:
    first_line: dict[str, int] = {}
    for item in partners_node.value:
        if not isinstance(item, yaml.MappingNode):
            continue
        for key, value in item.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode):
                if value.value in first_line:
                    ctx.entry = value.value
                    ctx.report(line_of(value), "id", f"Die Kennung „{value.value}“ ist schon in Zeile {first_line[value.value]} vergeben. Jede Kennung darf nur einmal vorkommen.")
                else:
                    first_line[value.value] = line_of(value)
    ctx.entry = "Datei"


def warn_partner(partner: model.Partner, ctx: Context) -> None:
    for rule in rules.PARTNER_WARNINGS:
        for key, message in rule(partner, ctx.today):
            ctx.report(partner.lines.get(key, partner.line), key, message, WARNING)


def read_mapping(node: yaml.Node, spec: tuple[model.Field, ...], path: str, ctx: Context) -> dict[str, tuple[model.Field, yaml.Node, int]] | None:
    """Check keys (unknown, duplicate, missing); return key → (field, value node, key line)."""
    if not isinstance(node, yaml.MappingNode):
        ctx.report(line_of(node), path or "-", f"Hier wird ein Abschnitt mit Feldern erwartet (z. B. „{spec[0].key}: …“), nicht {describe(node)}.")
        return None
    by_key = {f.key: f for f in spec}
    found: dict[str, tuple[model.Field, yaml.Node, int]] = {}
    seen_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        key_path = join(path, key)
        if key in seen_lines:
            ctx.report(line_of(key_node), key_path, f"Das Feld „{key}“ steht doppelt (Zeilen {seen_lines[key]} und {line_of(key_node)}). Bitte einen der beiden Einträge löschen.")
            continue
        seen_lines[key] = line_of(key_node)
        if key not in by_key:
            ctx.report(line_of(key_node), key_path, unknown_key_message(key, by_key))
            continue
        found[key] = (by_key[key], value_node, line_of(key_node))
    for f in spec:
        if f.required and (f.key not in found or is_null(found[f.key][1])):
            ctx.report(line_of(node), join(path, f.key), f"Das Pflichtfeld „{f.key}“ fehlt ({f.help}).")
    return found


def unknown_key_message(key: str, by_key: dict[str, model.Field]) -> str:
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)
    hint = f" Meinten Sie „{close[0]}“?" if close else f" Erlaubt sind: {', '.join(by_key)}."
    return f"Unbekanntes Feld „{key}“.{hint}"


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
        fail(ctx, node, path, f"Hier wird {KIND_NAMES.get(f.kind, 'ein einzelner Wert')} erwartet, nicht {describe(node)}.")
    return SCALAR_READERS[f.kind](f, node, path, ctx)


def read_list(f: model.Field, node: yaml.Node, path: str, ctx: Context) -> tuple:
    if not isinstance(node, yaml.SequenceNode):
        fail(ctx, node, path, f"Hier wird eine Liste erwartet (jeder Eintrag beginnt mit „- “), nicht {describe(node)}.")
    items, failed = [], False
    for index, item in enumerate(node.value, start=1):
        item_path = f"{path}[{index}]"
        try:
            if f.spec:
                items.append(read_record(item, f.spec, item_path, ctx))
            else:
                items.append(read_list_scalar(f, item, item_path, ctx))
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    return tuple(items)


def read_list_scalar(f: model.Field, node: yaml.Node, path: str, ctx: Context) -> Any:
    if not isinstance(node, yaml.ScalarNode) or is_null(node):
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
    if isinstance(node, yaml.MappingNode):
        return "ein Abschnitt mit Feldern"
    if isinstance(node, yaml.SequenceNode):
        return "eine Liste"
    if not node.style and node.tag in YAML_TYPE_NAMES:
        return f"{YAML_TYPE_NAMES[node.tag]} („{node.value}“)"
    return f"der Text „{node.value}“"


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# Scalar readers: one per field kind. Each returns the value or reports and raises _Invalid.

def read_text(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> str:
    if not node.style and node.tag != TAG + "str":
        # YAML 1.1 would turn `no` into False, `1.10` into 1.1, `2024-01-01` into a date.
        fail(ctx, node, path, f"„{node.value}“ liest YAML als {YAML_TYPE_NAMES[node.tag].split(' ', 1)[1]}, nicht als Text. "
             f"Bitte in Anführungszeichen setzen: \"{node.value}\".")
    value = node.value.strip()
    if not value:
        fail(ctx, node, path, "Der Text ist leer. Bitte ausfüllen oder die Zeile löschen.")
    messages = rules.check_length(value, f.max_length) + rules.check_plain_text(value)
    messages += {"id": rules.check_id, "url": rules.check_url, "email": rules.check_email,
                 "phone": rules.check_phone}.get(f.kind, lambda v: [])(value)
    if f.kind == "logo":
        messages += rules.check_logo(value, ctx.logo_dir)
    for message in messages:
        ctx.report(line_of(node), path, message)
    if messages:
        raise _Invalid
    return value


def read_date(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> dt.date:
    raw = node.value.strip()
    if not DATE_RE.match(raw):
        fail(ctx, node, path, f"„{raw}“ ist kein Datum in der Form JJJJ-MM-TT (z. B. 2024-03-15).")
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        fail(ctx, node, path, f"Das Datum {raw} gibt es nicht.")
    messages = rules.check_date_not_future(value, ctx.today) + rules.check_year(value.year)
    for message in messages:
        ctx.report(line_of(node), path, message)
    if messages:
        raise _Invalid
    return value


def read_number(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context, allowed: tuple[str, ...]) -> Any:
    raw = node.value.strip()
    if node.style or node.tag not in allowed:
        expected = KIND_NAMES.get(f.kind, "eine Zahl")
        fail(ctx, node, path, f"Hier wird {expected} erwartet, nicht {describe(node)}.")
    if LEADING_ZERO_RE.match(raw):
        # YAML 1.1 reads 010 as the octal number 8.
        fail(ctx, node, path, f"„{raw}“ beginnt mit einer Null; YAML würde die Zahl umdeuten. Bitte ohne führende Null schreiben.")
    text = raw.replace("_", "")
    if "_" in raw or not re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        fail(ctx, node, path, f"„{raw}“ ist keine einfache Zahl. Bitte als Ziffern mit Punkt als Dezimaltrenner schreiben, z. B. 120.5.")
    return int(text) if node.tag == TAG + "int" else float(text)


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
        fail(ctx, node, path, f"Hier bitte true oder false eintragen, nicht „{raw}“.")
    return raw == "true"


def read_choice(f: model.Field, node: yaml.ScalarNode, path: str, ctx: Context) -> Any:
    raw = node.value.strip()
    numeric = all(isinstance(k, int) for k in f.choices)
    if numeric and LEADING_ZERO_RE.match(raw):
        fail(ctx, node, path, f"„{raw}“ beginnt mit einer Null; YAML würde die Zahl umdeuten. Bitte ohne führende Null schreiben.")
    if numeric and not node.style and node.tag == TAG + "int" and not LEADING_ZERO_RE.match(raw) and int(raw) in f.choices:
        return int(raw)
    if not numeric and raw in f.choices and (node.style or node.tag == TAG + "str"):
        return raw
    if not numeric and raw in f.choices:
        fail(ctx, node, path, f"„{raw}“ bitte in Anführungszeichen setzen: \"{raw}\".")
    allowed = ", ".join(f"{k} ({label})" for k, label in f.choices.items()) if len(f.choices) <= 10 and not numeric else ", ".join(map(str, f.choices))
    fail(ctx, node, path, f"„{raw}“ ist nicht erlaubt. Erlaubt sind: {allowed}.")


SCALAR_READERS: dict[str, Callable[..., Any]] = {
    "text": read_text, "name": read_text, "longtext": read_text, "id": read_text, "url": read_text,
    "email": read_text, "phone": read_text, "logo": read_text,
    "date": read_date, "year": read_year, "int": read_int, "bool": read_bool, "choice": read_choice,
    "percent": read_measurement(rules.check_percent), "tonnes": read_measurement(rules.check_non_negative),
}
