"""Text kinds: one-line and long texts, and texts with a form of their own (id, URL, e-mail, phone, logo).

Every text is read as written (never as YAML 1.1 would turn it), stripped, and checked by the text
rules; a kind with a form adds its own check.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from .. import vocabulary
from ..report import WARNING
from ..rules import hosts, logos, values
from ..rules import text as text_rules
from ..source.context import YAML_TYPE_NAMES, Context, Invalid, character_line, fail, line_of, shorten
from .base import Kind, Spec, constant

# Plain scalars that YAML 1.2 (and so the editors' YAML language server) reads as numbers although
# PyYAML's YAML 1.1 keeps them as text: `1e5`, `0o17`. Refused in text fields, so both agree.
YAML12_NUMBER_RE = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$")
# Text is rendered as text: no template delimiters, no HTML tags (rules.text.check_markup),
# and at least one visible character (the check strips spaces). The tag test reads: no "<!--", and
# after the first "<" + letter no ">" — linear in time, like rules.contains_html.
_PLAIN_TEXT = (r"(?=[\s\S]*\S)(?![\s\S]*(?:\{\{|\{%|\{#))"
               r"(?=(?:[^<]|<(?!/?[A-Za-z]|!--))*(?:</?[A-Za-z](?:[^<>]|<(?!!--))*)?$)")
_LOGO_SUFFIX = "|".join("".join(f"[{c.lower()}{c.upper()}]" for c in s[1:]) for s in vocabulary.LOGO_SUFFIXES)


def read_plain_text(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context, single_line: bool,
                    check: Callable[[str, Context], list[str]] | None = None, file_check: bool = False,
                    address: bool = True) -> str:
    """A text as written, stripped; refused when YAML would read it otherwise or a rule fails.

    `check` is the kind's own rule (a URL's form), run beside the text rules; a `file_check` (a logo
    file) only when they passed, since a garbled name names no file. `address`: a kind with a check
    whose value is never a yes/no word (not an id: `y` is a valid id).

    The rules look at nothing but the text, its style and tag (and `check` at the file's logo folder):
    a text that passed them once passes them again. What stands beside it in the file (a comment) is
    checked every time (`report_comments`)."""
    passed = (f, node.value, node.style, node.tag)
    if passed in ctx.texts_passed:
        if report_comments(node, path, ctx):
            raise Invalid
        return ctx.texts_passed[passed]
    yes_no = values.yes_no_message(node.value, f.key, f.kind.noun) if check and address and f.kind else None
    if yes_no:  # `website: no`: quoting it, as below, would only fail as an address next
        fail(ctx, node, path, yes_no)
    if not node.style and node.tag in YAML_TYPE_NAMES:
        # YAML 1.1 would turn `no` into False, `1.10` into 1.1, `2024-01-01` into a date.
        fail(ctx, node, path, f"„{node.value}“ liest YAML als {yaml_reading(node)}, nicht als Text. "
             f"Bitte in Anführungszeichen setzen: \"{node.value}\".")
    if not node.style and YAML12_NUMBER_RE.match(node.value):
        fail(ctx, node, path, f"„{node.value}“ lesen manche Programme als Zahl, nicht als Text. "
             f"Bitte in Anführungszeichen setzen: \"{node.value}\".")
    commented = report_comments(node, path, ctx)
    value = node.value.strip()
    if not value:
        fail(ctx, node, path, "Der Text ist leer. Bitte ausfüllen oder die Zeile löschen.")
    hidden, markup, messages = text_rule_problems(value, f.max_length, single_line, address=check is not None)
    if hidden:  # reported at the line where the character is
        ctx.report(character_line(node, value, hidden[0], ctx), path, text_rules.hidden_character_message(*hidden))
    if check and not markup and not (file_check and messages):  # „<https://…>“: one message, not two
        messages += check(value, ctx)
    for message in messages:
        ctx.report(line_of(node), path, message)
    if messages or hidden or commented:
        raise Invalid
    ctx.texts_passed[passed] = value
    return value


def text_rule_problems(value: str, max_length: int | None, single_line: bool,
                       address: bool) -> tuple[tuple[int, str] | None, list[str], list[str]]:
    """(hidden character, markup messages, every message) of the text rules; for the usual text, in which
    none of them finds a character to object to, one search (`rules.text.needs_text_rules`)."""
    if not text_rules.needs_text_rules(value):
        return None, [], text_rules.check_length(value, max_length)
    hidden = text_rules.find_hidden_character(value, single_line)
    markup = text_rules.check_markup(value) + text_rules.check_bracketed_address(value, address=address)
    messages = text_rules.check_length(value, max_length) + markup
    if single_line:
        messages += text_rules.check_single_line(value)
    return hidden, markup, messages


def report_comments(node: yaml.ScalarNode, path: str, ctx: Context) -> bool:
    """A comment YAML cut off a plain text fails it; lines starting with "#" inside a `>-` or `|` text are
    reported (True: there were some)."""
    if not node.style:
        comment = trailing_comment(node, ctx)
        if comment and not comment.startswith("# ") and comment != "#":
            # `name: Firma #1` reads as „Firma“. A deliberate comment has a space after "#".
            fail(ctx, node, path, f"„{shorten(comment, 40)}“ liest YAML als Kommentar, es fehlt also im Text. "
                 "Bitte den ganzen Text in Anführungszeichen setzen (ein Kommentar beginnt mit „# “).")
    commented = block_comment_lines(node, ctx)
    for line in commented:
        ctx.report(line, path, text_rules.block_comment_message(ctx.source_line(line)))
    return bool(commented)


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


def block_comment_lines(node: yaml.ScalarNode, ctx: Context) -> list[int]:
    """Lines inside a `>-` or `|` text that start with "#": YAML keeps them as text, so they would be published."""
    if node.style not in ("|", ">"):
        return []
    lines = [(n, ctx.source_line(n)) for n in range(node.start_mark.line + 2, node.end_mark.line + 2)]
    body = [(n, text) for n, text in lines if text.strip()]
    if not body:
        return []
    indent = len(body[0][1]) - len(body[0][1].lstrip(" "))  # the text's indentation; less ends the text
    return [n for n, text in body if text.lstrip(" ").startswith("#") and len(text) - len(text.lstrip(" ")) >= indent]


def trailing_comment(node: yaml.ScalarNode, ctx: Context) -> str:
    """The comment YAML cut off a plain text (`name: Firma #1` reads as „Firma“), or ''."""
    rest = ctx.source_line(node.end_mark.line + 1)[node.end_mark.column:].strip()
    return rest if rest.startswith("#") else ""

def text_reader(single_line: bool, check: Callable[[str], list[str]] | None = None, address: bool = True):
    """A reader for a text kind: the text rules and the kind's own check of the value."""
    def read(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> str:
        return read_plain_text(f, node, path, ctx, single_line, check and (lambda value, _ctx: check(value)),
                               address=address)
    return read


def check_logo(value: str, ctx: Context) -> list[str]:
    """A logo file named by several partners (a group's companies) is read and checked once per file."""
    key = ("logo", value)
    if key not in ctx.memo:
        ctx.memo[key] = logos.check_logo(value, ctx.logo_dir)
    return ctx.memo[key]


def check_registration(value: str, ctx: Context) -> list[str]:
    """A web address or an e-mail address, told apart by „@“ without „://“."""
    return values.check_email(value) if "@" in value and "://" not in value else values.check_url(value)


def text_schema(single_line: bool):
    line = "[^\\n\\r]*$" if single_line else ""
    return lambda f: {"type": "string", "minLength": 1, "maxLength": f.max_length, "pattern": f"^{_PLAIN_TEXT}{line}"}


def text_label(single_line: bool):
    lines = ", eine Zeile" if single_line else ""
    return lambda f: f"Text{lines}, höchstens {f.max_length} Zeichen" if f.max_length else f"Text{lines}"


URL_PATTERN = r"^[hH][tT][tT][pP][sS]?://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$"

TEXT = Kind("text", "ein Text", text_reader(True), text_schema(True), text_label(True), prose="line")
NAME = Kind("name", "ein Text", text_reader(True), text_schema(True), text_label(True), prose="line")
LONGTEXT = Kind("longtext", "ein Text", text_reader(False), text_schema(False), text_label(False), prose="long")
ID = Kind("id", "eine Kennung", text_reader(True, lambda value: values.check_id(value), address=False),
          constant({"type": "string", "maxLength": values.ID_MAX, "pattern": values.ID_RE.pattern}),
          constant(f"Kennung (a–z, 0–9, `-`), höchstens {values.ID_MAX} Zeichen"))
def link_reader(check: Callable[[str, Context], list[str]]):
    """A one-line text with `check`; a valid web address whose host mixes scripts (a look-alike such
    as `аpple.com`) is a warning at its line."""
    def read(f: Spec, node: yaml.ScalarNode, path: str, ctx: Context) -> str:
        value = read_plain_text(f, node, path, ctx, True, check)
        for message in hosts.mixed_script_warning(value) if "://" in value else ():
            ctx.report(line_of(node), path, message, WARNING)
        return value
    return read


URL = Kind("url", "eine Webadresse", link_reader(lambda value, _ctx: values.check_url(value)),
           constant({"type": "string", "pattern": URL_PATTERN}), constant("Webadresse, beginnt mit `https://`"),
           datatype=constant("anyURI"))
EMAIL = Kind("email", "eine E-Mail-Adresse", text_reader(True, lambda value: values.check_email(value)),
             constant({"type": "string", "pattern": values.EMAIL_RE.pattern}), constant("E-Mail-Adresse"))
PHONE = Kind("phone", "eine Telefonnummer", text_reader(True, lambda value: values.check_phone(value)),
             constant({"type": "string", "pattern": values.PHONE_RE.pattern}), constant("Telefonnummer"))
LOGO = Kind("logo", "ein Dateiname", lambda f, node, path, ctx: read_plain_text(f, node, path, ctx, True, check_logo, file_check=True),
            constant({"type": "string", "maxLength": logos.LOGO_NAME_MAX,
                      "pattern": rf"^[A-Za-z0-9][A-Za-z0-9_-]*\.(?:{_LOGO_SUFFIX})$"}),
            constant("Dateiname, z. B. `muster-gmbh.svg`"))
REGISTRATION = Kind("registration", "ein Text", link_reader(check_registration),
                    constant({"type": "string", "pattern": f"(?:{URL_PATTERN})|(?:{values.EMAIL_RE.pattern})"}),
                    constant("Webadresse (`https://…`) oder E-Mail-Adresse"))
