"""The macro calls a page may contain: the project's macros (macros.py) in their documented forms.

mkdocs-macros renders only pages whose front matter says `render_macros: true` (mkdocs.yml sets
`render_by_default: false`), and then in a sandbox (klimapakt.mkdocs.sandbox). Here every `{{`, `{%`
and `{#` of a page is judged: in a page that opts in, only a call of this list, written on one line
exactly as below; in any other page and in every post, none at all.
"""

from __future__ import annotations

import re

from ..report import ERROR, Problem

TEXT = r'"[^"{}<>\\\n]{0,80}"'  # a plain string literal: no braces, no markup, no escapes
WORD = r'"[a-z_]{1,30}(?:\.[a-z_]{1,30})?"'
KEY = r'"[a-z0-9]+(?:-[a-z0-9]+){0,10}"'  # an id as kennzahlen.yml writes them
# macro -> the arguments it accepts, as a regular expression of what stands between the parentheses
MACROS = {
    "setting": WORD,  # setting("impressum.betreiber"): a value of mkdocs.yml's extra.settings
    "office_email_link": "", "office_phone_link": "", "office_vcard_link": "", "office_details": "",
    "contact_box": f"(?:{TEXT})?",  # contact_box() or contact_box("Fragen? Die Geschäftsstelle hilft")
    "key_figures": "", "directory_coverage": "", "data_files": "", "partner_directory": "",
    "next_event": "",
    "progress_figure": WORD,  # progress_figure("zeitverlauf"): a section of the Fortschritt page
    "latest_news": r"(?:[1-9]|1[0-9]|20)?",  # latest_news(3)
    "events_page": r'(?:"upcoming"|"past")?',
    "pact_figures": rf"(?:{KEY}(?:, {KEY})*)?",  # pact_figures() or pact_figures("partnerunternehmen", …)
    "pact_fact": KEY,  # pact_fact("partnerunternehmen"): an id of kennzahlen.yml
    "joining_costs": "", "sector_list": "",
    "hosting_notice": "",  # the privacy notice's hosting paragraph (klimapakt.render.hosting_notice)
    "office_phone_if_known": TEXT,  # office_phone_if_known("Telefon: ")
}
CALL_RE = re.compile(r"\{\{ (?P<name>[a-z_]{1,40})\((?P<args>[^(){}\n]{0,100})\) \}\}")
OPENER_RE = re.compile(r"\{\{|\{%|\{#")
OPT_IN = "render_macros"
EXAMPLE = '{{ setting("geschaeftsstelle.name") }}'


def template_problems(body: str, file: str, first_line: int, opted_in: bool, post: bool) -> list[Problem]:
    """Every `{{`, `{%`, `{#` that is not an allowed call, at its line; calls where none may stand."""
    found, asked = [], False  # the missing opt-in is said once a page
    for number, line in enumerate(body.split("\n"), start=first_line):
        for opener in OPENER_RE.finditer(line):
            message = opener_problem(line, opener.start(), opted_in, post)
            if message and OPT_IN in message:
                message, asked = (None if asked else message), True
            if message:
                found.append(Problem(number, "Meldung" if post else "Seite", "-", message, ERROR, file,
                                     opener.start() + 1))
    return found


def opener_problem(line: str, column: int, opted_in: bool, post: bool) -> str | None:
    call = allowed_call(line, column)
    written = line[column:column + 40]
    if post:
        return (f"„{written}“: In Meldungen sind „{{{{“, „{{%“ und „{{#“ nicht erlaubt (die Website würde sie als "
                "Programmcode lesen). Bitte als Text umschreiben.")
    if call and opted_in:
        return None
    if call:
        return (f"„{call}“ ist ein Baustein, aber die Seite hat ihn nicht eingeschaltet: bitte oben zwischen den "
                f"Zeilen „---“ die Zeile „{OPT_IN}: true“ ergänzen.")
    if line.startswith("{#", column):
        return (f"„{written}“: „{{#“ beginnt in dieser Seite einen Programmkommentar. Für eine Kennung einer "
                "Überschrift bitte mit Leerzeichen schreiben: „{ #kennung }“.")
    names = ", ".join(sorted(MACROS))
    return (f"„{written}“ ist kein erlaubter Baustein. Erlaubt sind genau diese Aufrufe, je auf einer Zeile und mit "
            f"einem Leerzeichen innen, z. B. {EXAMPLE}: {names}. Steht hier gewöhnlicher Text mit geschweiften "
            "Klammern, bitte ohne „{{“ und „{%“ schreiben.")


def allowed_call(line: str, column: int) -> str | None:
    match = CALL_RE.match(line, column)
    if not match or match["name"] not in MACROS:
        return None
    return match.group() if re.fullmatch(MACROS[match["name"]], match["args"]) else None


def without_calls(body: str) -> str:
    """The body with every allowed call removed, as the check renders it (macros write trusted HTML)."""
    return CALL_RE.sub(lambda m: "" if allowed_call(m.string, m.start()) else m.group(), body)
