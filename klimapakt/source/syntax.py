"""YAML syntax errors and YAML features the registries do not use, explained in German.

This part reads only the raw text and PyYAML's error marks.
"""

from __future__ import annotations

import re

import yaml

from ..rules.text import CLOSING_QUOTES, OPENING_QUOTES
from .context import Context
from .pasted import pasted_hint

COMPOSE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster


# Line breaks YAML counts but GitHub's editor does not: they would shift every line number.
HIDDEN_LINE_BREAKS_RE = re.compile("[\x85\u2028\u2029]")

def report_hidden_line_breaks(text: str, ctx: Context) -> bool:
    if HIDDEN_LINE_BREAKS_RE.search(text) is None:  # the usual case: one search, not one per line
        return False
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        for match in HIDDEN_LINE_BREAKS_RE.finditer(line):
            ctx.report(number, "-", f"Die Zeile enthält einen unsichtbaren Zeilenumbruch (U+{ord(match.group()):04X}) in "
                       f"Spalte {match.start() + 1}. Bitte das Zeichen löschen, am einfachsten die Zeile neu tippen.",
                       column=match.start() + 1)
            found = True
    return found


# Pure-Python PyYAML reads about 0.4 MB a second: a larger file keeps libyaml's wording.
NICER_PARSE_MAX_CHARS = 500_000


def nicer_syntax_error(text: str, err: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """Pure-Python PyYAML words its errors better than libyaml; parse again for the message."""
    if COMPOSE_LOADER is yaml.SafeLoader or len(text) > NICER_PARSE_MAX_CHARS:
        return err
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err2:
        return err2
    except (yaml.YAMLError, RecursionError):
        pass
    return err


SYNTAX_PROBLEMS = (  # (start of PyYAML's problem text, German explanation)
    ("found character '\\t' that cannot start any token", "Tabulatorzeichen sind in YAML nicht erlaubt"),
    ("found a tab character", "Tabulatorzeichen sind in YAML nicht erlaubt"),
    ("found character", "dieses Zeichen darf nicht am Anfang eines Werts stehen"),
    ("mapping values are not allowed", "an dieser Stelle ist kein Doppelpunkt erlaubt"),
    ("could not find expected ':'", "hier fehlt ein Doppelpunkt"),
    ("mapping keys are not allowed", "„?“ am Anfang eines Werts hat in YAML eine besondere Bedeutung"),
    ("sequence entries are not allowed", "hier darf kein Listeneintrag („- “) beginnen"),
    ("block sequence entries are not allowed", "hier darf kein Listeneintrag („- “) beginnen"),
    ("found unexpected end of stream", "die Datei endet unerwartet (fehlt ein schließendes Anführungszeichen oder eine Klammer?)"),
    ("found unknown escape character", "unbekanntes Zeichen nach einem Backslash (\\) in doppelten Anführungszeichen"),
    ("expected alphabetic or numeric character", "„&“ oder „*“ am Anfang eines Werts hat in YAML eine besondere Bedeutung"),
    ("found undefined alias", "„*“ am Anfang eines Werts hat in YAML eine besondere Bedeutung"),
    ("expected <block end>, but found '<block mapping start>'", "die Einrückung passt nicht zur vorigen Zeile"),
    ("expected <block end>, but found '-'", "der Listeneintrag ist falsch eingerückt"),
    ("expected <block end>, but found '?'", "die Einrückung passt nicht zur vorigen Zeile"),
    ("expected <block end>, but found '<scalar>'", "nach dem Wert steht noch etwas, das YAML nicht zuordnen kann"),
    ("expected <block end>", "die Einrückung passt nicht zur vorigen Zeile"),
    ("expected ',' or ']'", "die eckige Klammer „[“ wird nicht geschlossen"),
    ("expected ',' or '}'", "die geschweifte Klammer „{“ wird nicht geschlossen"),
    ("expected a comment or a line break", "nach „|“ oder „>“ muss der Text in der nächsten Zeile beginnen"),
    ("expected chomping or indentation indicators", "nach „|“ oder „>“ muss der Text in der nächsten Zeile beginnen"),
    ("expected '<document start>'", "diese Zeile passt nicht zum Aufbau der Datei darüber (fehlt weiter oben „#“ vor "
                                    "einem Kommentar, oder ist eine Zeile falsch eingerückt?)"),
    ("expected URI", "„!“ am Anfang eines Werts hat in YAML eine besondere Bedeutung"),
    ("but found another document", "die Datei darf nur ein Dokument enthalten (Zeile „---“ löschen)"),
    ("exceeded maximum nesting depth", "zu viele ineinander verschachtelte Klammern"),
    ("found undefined tag handle", "„!“ am Anfang eines Werts hat in YAML eine besondere Bedeutung"),
    ("expected the node content", "hier fehlt ein Wert"),
    ("found unexpected document separator", "„---“ oder „...“ am Zeilenanfang beendet das Dokument"),
)
SELF_EXPLAINING = {german for english, german in SYNTAX_PROBLEMS
                   if english.startswith(("but found another", "exceeded", "found unexpected document"))}
# Errors whose `context_mark` (where a key, a quote or a bracket started) is where the mistake is.
CONTEXT_FIRST = ("while scanning a simple key", "while scanning a quoted scalar", "while scanning a double-quoted scalar",
                 "while scanning a single-quoted scalar", "while parsing a flow", "while scanning an anchor",
                 "while scanning an alias")


def report_syntax_error(err: yaml.MarkedYAMLError, ctx: Context) -> None:
    problem = err.problem or err.context or ""
    mark = err.problem_mark or err.context_mark
    if err.context_mark and (err.context or "").startswith(CONTEXT_FIRST):
        mark = err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    entry = entry_without_dash(ctx.source, line)
    if entry:
        written = ctx.source[entry - 1]
        indent = len(written) - len(written.lstrip(" "))
        ctx.report(entry, "-", f"YAML-Syntaxfehler in Spalte {indent + 1}: Hier beginnt wohl ein neuer Eintrag der "
                   f"Liste, aber vor „{written.strip()[:40]}“ fehlt der Strich „- “, mit dem jeder Eintrag beginnt. "
                   f"Bitte so schreiben: „- {written.strip()[:40]}“.", column=indent + 1)
        return
    german = german_syntax_problem(problem)
    hint = "" if german in SELF_EXPLAINING else pasted_hint(line, ctx) or syntax_hint(ctx.source, line, ctx.known_keys)
    ctx.report(line, "-", f"YAML-Syntaxfehler in Spalte {column}: {german}.{hint}", column=column)


def german_syntax_problem(problem: str) -> str:
    for english, german in SYNTAX_PROBLEMS:
        if problem.startswith(english):
            return german
    return f"die Zeile ist nicht lesbar (YAML meldet: {problem})"


KEY_LINE_RE = re.compile(r"( *)[^\W\d][\w-]*: +\S")  # `  id: beta`: a key with a value, no dash


def entry_without_dash(source: list[str], line: int) -> int:
    """The line of a list entry written without its „- “, judged from the line YAML stumbled on; or 0.

    Either that line stands where the entries above have their dash (`  id: beta` under `  - id: acme`),
    or it is indented below a first entry that lacks the dash (`  id: acme` right under `partners:`).
    """
    current = source[line - 1] if 0 < line <= len(source) else ""
    above = [(n, text) for n, text in enumerate(source[:max(0, line - 1)], start=1)
             if text.strip() and not text.lstrip().startswith("#")]
    key = KEY_LINE_RE.match(current)
    if key:
        indent = len(key.group(1))
        for _, text in reversed(above):
            if len(text) - len(text.lstrip(" ")) < indent:
                break
            if len(text) - len(text.lstrip(" ")) == indent:
                return line if text.lstrip().startswith("- ") else 0
    if len(above) >= 2:
        (number, previous), (_, parent) = above[-1], above[-2]
        first = KEY_LINE_RE.match(previous)
        if (first and parent.rstrip().endswith(":") and not parent.lstrip().startswith("- ")
                and len(parent) - len(parent.lstrip(" ")) < len(first.group(1))
                and len(current) - len(current.lstrip(" ")) == len(first.group(1)) + 2):
            return number
    return 0


SPECIAL_START_RE = re.compile(r"^\s*(?:-\s*)?[A-Za-z_]+:\s+([&*!@`%|>])(?!\s*$)")  # no `\s*-?\s*`: quadratic


def syntax_hint(source: list[str], line: int, known_keys: frozenset[str] = frozenset()) -> str:
    """A hint for the usual causes of a syntax error, judged from this and the previous line
    (`known_keys`: the registry's field names, to tell a missing colon from a stray comment)."""
    around = [source[n - 1] for n in (line - 1, line) if 0 < n <= len(source)]
    if any("\t" in ln for ln in around):
        return " Hinweis: Die Zeile enthält Tabulatorzeichen. Bitte nur Leerzeichen zum Einrücken verwenden."
    for ln in reversed(around):
        if re.match(r"\s*-[^\s-]", ln):
            return " Hinweis: Nach dem Strich „-“ am Anfang eines Listeneintrags fehlt ein Leerzeichen."
        stripped = ln.split(" #")[0].strip().lstrip("-").strip()
        key, colon, rest = stripped.partition(":")
        if colon and rest and not rest.startswith((" ", "/")) and re.fullmatch(r"[A-Za-z_]+", key):
            return f" Hinweis: Nach dem Doppelpunkt in „{stripped[:40]}“ fehlt ein Leerzeichen."
        words = re.fullmatch(r"([A-Za-z_]+) +[^:\s].*", stripped)
        if words and ":" not in stripped:
            if words.group(1) in known_keys:
                return f" Hinweis: In „{stripped[:40]}“ fehlt nach dem Feldnamen ein Doppelpunkt."
            if not ln.startswith(" "):
                return f" Hinweis: Soll „{stripped[:40]}“ ein Kommentar sein? Dann bitte „# “ davor setzen."
        if colon and rest.strip() and rest.strip()[0] in OPENING_QUOTES:
            return (f" Hinweis: Der Wert beginnt in Spalte {ln.index(rest.strip()[0]) + 1} mit einem typografischen "
                    "Anführungszeichen, wie es Word setzt; YAML erkennt nur gerade Anführungszeichen (\" oder '). "
                    f"Bitte so schreiben: {key.strip()}: \"{rest.strip()[1:].rstrip(CLOSING_QUOTES)}\".")
        if colon and rest.strip() in ("-", "--"):
            return (f" Hinweis: Soll „{rest.strip()}“ „keine Angabe“ heißen? Dann bitte nichts hinter den Doppelpunkt "
                    f"schreiben („{key.strip()}:“) oder „{key.strip()}: null“.")
        if colon and ": " in rest and not rest.strip().startswith(("\"", "'", "|", ">")):
            return (" Hinweis: Ein Text mit „: “ muss in Anführungszeichen stehen, "
                    "z. B. description: \"Ziel: klimaneutral bis 2035\".")
        special = SPECIAL_START_RE.match(ln)
        if special:
            return (f" Hinweis: Ein Text, der mit „{special.group(1)}“ beginnt, muss in Anführungszeichen stehen, "
                    f"z. B. \"{special.group(1)}…\".")
        if colon and re.match(r"\s*(\"[^\"]*\"|'[^']*')\s*\S", rest):
            return (" Hinweis: Wenn ein Text in Anführungszeichen beginnt, muss er auch damit enden. Anführungszeichen "
                    "im Text: den ganzen Text in die jeweils anderen setzen, z. B. 'Firma \"Nord\" GmbH'.")
        if colon and rest.strip()[:1] in ("\"", "'") and rest.strip().count(rest.strip()[0]) == 1:
            return " Hinweis: Das Anführungszeichen am Anfang des Texts wird nicht geschlossen."
        if colon and rest.strip().startswith("\"") and "\\" in rest:
            return (" Hinweis: In doppelten Anführungszeichen hat „\\“ eine besondere Bedeutung. Bitte einfache "
                    "Anführungszeichen verwenden, z. B. 'C:\\Daten'.")
        if colon and rest.strip().startswith("- "):
            return (" Hinweis: Listeneinträge („- …“) stehen in eigenen, tiefer eingerückten Zeilen unter dem "
                    "Feldnamen – oder in eckigen Klammern, z. B. scopes: [1, 2].")
    indentation = indentation_hint(source, line)
    if indentation:
        return indentation
    return " Hinweis: Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser und der vorigen Zeile."


def indentation_hint(source: list[str], line: int) -> str:
    """„4 statt 6 Leerzeichen“ when a line's field starts in another column than the field above it."""
    def content_column(text: str) -> int:
        return len(text) - len(text.lstrip(" -")) if text.lstrip().startswith("- ") else len(text) - len(text.lstrip(" "))

    current = source[line - 1] if 0 < line <= len(source) else ""
    previous = next((ln for ln in reversed(source[:max(0, line - 1)]) if ln.strip() and not ln.strip().startswith("#")), "")
    if not current.strip() or not previous or previous.rstrip().endswith((":", "|", ">", "|-", ">-")):
        return ""
    if current.lstrip().startswith("- ") != previous.lstrip().startswith("- ") and current.lstrip().startswith("- "):
        return ""
    now, before = content_column(current), content_column(previous)
    if now != before:
        return (f" Hinweis: Die Zeile ist mit {now} Leerzeichen eingerückt, die Zeile darüber mit {before}. "
                "Felder desselben Abschnitts müssen genau untereinander stehen.")
    return ""


def report_unsupported_features(text: str, ctx: Context) -> bool:
    """Anchors, aliases, tags and directives change how YAML reads a value: refuse them all."""
    if not maybe_special(text):  # the full token scan is slow; most files have none
        return False
    found = False
    for token in yaml.scan(text, Loader=COMPOSE_LOADER):
        what = UNSUPPORTED_TOKENS.get(type(token))
        if what:
            line, column = token.start_mark.line + 1, token.start_mark.column + 1
            ctx.report(line, "-", f"In Spalte {column} steht {what}; das wird hier nicht unterstützt. Bitte die Angaben "
                       "ausschreiben. Ein Text, der mit „&“, „*“, „!“ oder „%“ beginnt, muss in Anführungszeichen stehen.",
                       column=column)
            found = True
    return found


# Where a node can start (line start, after "- ", "? ", ": ", "[", "{", ","), followed by &, * or !; or "%" at a line start.
MAYBE_SPECIAL_TOKEN_RE = re.compile(r"(?:^[ \t]*|[-?:,\[{][ \t]*)[&*!]|^%", re.M)
SPECIAL_CHARACTER_RE = re.compile(r"[&*!]")
NODE_START_BEFORE = tuple("-?:,[{")


def maybe_special(text: str) -> bool:
    """`MAYBE_SPECIAL_TOKEN_RE.search(text)`, as a bool, ten times faster: that pattern is tried at every
    character of the file, this looks only at the few &, * and ! and at the line starts."""
    if text.startswith("%") or "\n%" in text:
        return True
    for match in SPECIAL_CHARACTER_RE.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        before = text[start:match.start()].rstrip(" \t")
        if not before or before.endswith(NODE_START_BEFORE):
            return True
    return False


UNSUPPORTED_TOKENS = {
    yaml.AnchorToken: "ein YAML-Anker („&…“)",
    yaml.AliasToken: "ein YAML-Verweis („*…“)",
    yaml.TagToken: "eine YAML-Typangabe („!…“)",
    yaml.DirectiveToken: "eine YAML-Anweisung („%…“)",
}


