"""`python -m klimapakt monitoring`: per partner what is due, why, and since when.

The rules are the registry's monitoring rules (klimapakt.model.monitoring_rules, declared in
klimapakt.load.registries); this module runs them for a day and writes the result as Markdown
(the body of the GitHub issue „Monitoring Klimapakt“), as CSV in the site's dialect, or as .xlsx.
Text from the registry is escaped for Markdown, so a name can neither format the issue nor
mention a GitHub user.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any, Sequence

from .. import clock
from ..exports.cells import CSV_DELIMITER, CSV_ENCODING, CSV_LINE_END, csv_scalar
from ..exports.xlsx import add_table, new_workbook, workbook_bytes
from ..load.registries import PARTNERS, Registry
from ..model.monitoring_rules import Due, german
from ..model.partners import Partner

HEADERS = ("Kennung", "Name", "Aufgabe", "Grund", "Fällig seit", "Feld", "Zeile in partners.yml")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # emphasis, code, links, HTML, table cells, strike-through
WORD_JOINER = "\u2060"  # after „@“ and „#“: no mention of a GitHub user, no link to an issue


@dataclass(frozen=True)
class Item:
    partner: Partner
    due: Due

    @property
    def line(self) -> int:
        key = self.due.field.split(".")[0].split("[")[0]
        return self.partner.lines.get(key, self.partner.line)

    def cells(self) -> tuple[Any, ...]:
        return (self.partner.id, self.partner.name, self.due.task, self.due.reason, self.due.since, self.due.field,
                self.line)


def due_items(partners: Sequence[Partner], today: dt.date, registry: Registry = PARTNERS) -> list[Item]:
    """Everything due, partner by partner in the registry's order, each partner's oldest first."""
    found = []
    for partner in partners:
        dues = [due for rule in registry.monitoring for due in rule(partner, today)]
        found += [Item(partner, due) for due in sorted(dues, key=lambda d: (d.since is None, d.since or today))]
    return found


def md(text: str) -> str:
    """Text as Markdown shows it literally, on one line."""
    text = " ".join(str(text).split()).replace("&", "&amp;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("@", "@" + WORD_JOINER).replace("#", "#" + WORD_JOINER)


def since_text(day: dt.date | None) -> str:
    return german(day) if day else "–"


def markdown(items: list[Item], today: dt.date, file: str = PARTNERS.file) -> str:
    partners = list(dict.fromkeys(item.partner.id for item in items))
    lines = [f"## Monitoring Klimapakt: Stand {german(today)}", ""]
    if not items:
        lines.append(f"Nichts fällig: Alle Partner in {file} sind auf dem aktuellen Stand.")
        return "\n".join(lines) + "\n"
    lines += [f"{count(len(items), 'Aufgabe', 'Aufgaben')} bei {count(len(partners), 'Partner', 'Partnern')}. "
              f"Erstellt aus {md(file)} mit `python -m klimapakt monitoring`. Eine Aufgabe ist erledigt, sobald "
              f"{md(file)} sie nicht mehr ergibt, zum Beispiel mit einem neuen Datum in `last_reviewed`.", ""]
    for partner_id in partners:
        own = [item for item in items if item.partner.id == partner_id]
        lines += [f"### {md(own[0].partner.name)} (`{partner_id}`)", "",
                  "| Aufgabe | Grund | Fällig seit | Zeile |", "|---|---|---|---:|"]
        lines += [f"| {md(i.due.task)} | {md(i.due.reason)} | {since_text(i.due.since)} | {i.line} |" for i in own]
        lines.append("")
    return "\n".join(lines)


def count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def csv_text(items: list[Item]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator=CSV_LINE_END)
    writer.writerow(HEADERS)
    for item in items:
        writer.writerow(["" if value is None else csv_scalar(value) for value in item.cells()])
    return out.getvalue()


def csv_bytes(items: list[Item]) -> bytes:
    return csv_text(items).encode(CSV_ENCODING)


def xlsx_bytes(items: list[Item], today: dt.date) -> bytes:
    workbook = new_workbook()
    add_table(workbook, "Monitoring", HEADERS, [item.cells() for item in items])
    return workbook_bytes(workbook, clock.build_timestamp(), title=f"Monitoring Klimapakt, Stand {german(today)}",
                          creator="Klimapakt Düsseldorf")
