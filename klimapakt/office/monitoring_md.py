"""The Markdown of the monitoring report: the body of the GitHub issue „Monitoring Klimapakt“.

GitHub refuses an issue body over 65,536 characters; 10,000 partners with a few tasks each would
need several times that. So the body holds an overview (tasks by kind), then partner by partner,
most overdue first, each with the person to call, until its budget is spent; a note then says how
many partners are left out and where the full list is: the run's artifact (monitoring.xlsx and
monitoring.csv, every task with contact and line), linked from the body. Text from the registry
is escaped for Markdown, so a name can neither format the issue nor mention a GitHub user.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..load.registries import PARTNERS
from ..model.monitoring_rules import german

ISSUE_LIMIT = 65_536  # characters, GitHub's limit for an issue body
BODY_BUDGET = 45_000  # the report's share; the link report appended in the workflow gets the rest
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # emphasis, code, links, HTML, table cells, strike-through
WORD_JOINER = "\u2060"  # after „@“ and „#“: no mention of a GitHub user, no link to an issue
CUT_NOTE_ROOM = 600  # the note on what was left out, with the link


def md(text: str) -> str:
    """Text as Markdown shows it literally, on one line."""
    text = " ".join(str(text).split()).replace("&", "&amp;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("@", "@" + WORD_JOINER).replace("#", "#" + WORD_JOINER)


def count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}".replace(",", ".")


def since_text(day: dt.date | None) -> str:
    return german(day) if day else "–"


def contact_line(partner) -> str:
    """Whom to call: the contact's name and function, e-mail and phone, as far as the registry knows them."""
    contact = partner.contact
    parts = []
    if contact and (contact.name or contact.role):
        parts.append("Ansprechperson: " + md(" ".join(p for p in (contact.name or "", f"({contact.role})"
                                                                  if contact.role else "") if p)))
    if contact and contact.email:
        parts.append(f"E-Mail: {md(contact.email)}")
    if contact and contact.phone:
        parts.append(f"Telefon: {md(contact.phone)}")
    return " · ".join(parts) if parts else "Ansprechperson: nicht eingetragen (Feld „contact“)."


def partner_section(own) -> list[str]:
    partner = own[0].partner
    return [f"### {md(partner.name)} (`{partner.id}`)", "", contact_line(partner), "",
            "| Aufgabe | Grund | Fällig seit | Zeile |", "|---|---|---|---:|",
            *(f"| {md(i.due.task)} | {md(i.due.reason)} | {since_text(i.due.since)} | {i.line} |" for i in own), ""]


def overview(items) -> list[str]:
    tasks = Counter(item.due.task for item in items)
    return ["| Aufgabe | Anzahl |", "|---|---:|", *(f"| {md(task)} | {number:,} |".replace(",", ".")
                                                   for task, number in sorted(tasks.items(), key=lambda t: -t[1])), ""]


def by_urgency(items, today: dt.date) -> list[list]:
    """The items grouped by partner, the partner with the oldest task first (registry order among equals)."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item.partner.id, []).append(item)
    return sorted(groups.values(), key=lambda own: min(i.due.since or today for i in own))


def markdown(items, today: dt.date, file: str = PARTNERS.file, *, details: str | None = None, budget: int = BODY_BUDGET) -> str:
    lines = [f"## Monitoring Klimapakt: Stand {german(today)}", ""]
    if not items:
        lines.append(f"Nichts fällig: Alle Partner in {md(file)} sind auf dem aktuellen Stand.")
        return "\n".join(lines) + "\n"
    groups = by_urgency(items, today)
    lines += [f"{count(len(items), 'Aufgabe', 'Aufgaben')} bei {count(len(groups), 'Partner', 'Partnern')}. "
              f"Erstellt aus {md(file)} mit `python -m klimapakt monitoring`. Eine Aufgabe ist erledigt, sobald "
              f"{md(file)} sie nicht mehr ergibt, zum Beispiel mit einem neuen Datum in `last_reviewed`. "
              "Die Partner mit der ältesten Aufgabe stehen oben.", "", *overview(items)]
    used, shown = len("\n".join(lines)), 0
    for own in groups:
        section = partner_section(own)
        size = len("\n".join(section)) + 1
        if used + size > budget - CUT_NOTE_ROOM:
            break
        lines += section
        used, shown = used + size, shown + 1
    if shown < len(groups):
        where = (f"in der Datei „monitoring.xlsx“ (auch als .csv) unter „Artifacts“ auf der Seite des Laufs: {details}"
                 if details else "mit `python -m klimapakt monitoring --format xlsx`")
        lines += [f"**Gekürzt:** Hier stehen {count(shown, 'Partner', 'Partner')} von {len(groups):,}".replace(",", ".")
                  + f" (GitHub erlaubt höchstens {ISSUE_LIMIT:,} Zeichen). Die vollständige Liste mit allen "
                  .replace(",", ".") + f"{count(len(items), 'Aufgabe', 'Aufgaben')}, Ansprechpersonen und Zeilen steht "
                  f"{where}", ""]
    return "\n".join(lines)


def within_limit(report: str, appended: str, limit: int = ISSUE_LIMIT - 500) -> str:
    """The report and a text appended to it (the link report), the appended one cut at a line so that the
    whole stays under GitHub's limit, with a note where it was cut."""
    room = limit - len(report) - 1
    if len(appended) <= room:
        return report + "\n" + appended
    note = "\n\n**Gekürzt:** Der Rest dieses Teils steht in der Zusammenfassung des Laufs.\n"
    cut = appended[:max(room - len(note), 0)]
    cut = cut[:cut.rfind("\n") + 1] if "\n" in cut else ""
    return report + "\n" + cut + note
