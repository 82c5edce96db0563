"""`python -m klimapakt monitoring`: per partner what is due, why, and since when.

The rules are the registry's monitoring rules (klimapakt.model.monitoring_rules, declared in
klimapakt.load.registries); this module runs them for a day and writes the result as Markdown
(the body of the GitHub issue „Monitoring Klimapakt“, office.monitoring_md), as CSV in the site's
dialect, or as .xlsx. Each task carries whom to call (the contact's name, e-mail and phone where the
registry has them) and the exact line of its item: a measure's task the measure's line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import clock
from ..exports.cells import CSV_DELIMITER, CSV_ENCODING, CSV_LINE_END, csv_scalar
from ..exports.xlsx import add_table, new_workbook, workbook_bytes
from ..load.registries import PARTNERS, Registry
from ..model.monitoring_rules import Due, german
from ..model.partners import Partner
from .monitoring_md import markdown, md, within_limit  # noqa: F401  (the issue body; `md` for callers that escape)

HEADERS = ("Kennung", "Name", "Aufgabe", "Grund", "Fällig seit", "Feld", "Zeile in partners.yml",
           "Ansprechperson", "E-Mail", "Telefon")
PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")  # `agreement.measures[2].status` → agreement, measures, 2, status


@dataclass(frozen=True)
class Item:
    partner: Partner
    due: Due

    @property
    def line(self) -> int:
        return line_of(self.partner, self.due.field)

    def cells(self) -> tuple[Any, ...]:
        contact = self.partner.contact
        return (self.partner.id, self.partner.name, self.due.task, self.due.reason, self.due.since, self.due.field,
                self.line, *((contact.name, contact.email, contact.phone) if contact else (None, None, None)))


def line_of(record: Any, path: str) -> int:
    """The line of the deepest part of `path` the registry has: a measure's status, else the measure, else
    the agreement, else the partner's first line."""
    line = record.line
    for key, index in PATH_PART.findall(path):
        if index:
            items = record if isinstance(record, tuple) else ()
            if not 0 < int(index) <= len(items):
                break
            record = items[int(index) - 1]
            line = getattr(record, "line", 0) or line
            continue
        lines = getattr(record, "lines", None)
        if lines is None:
            break
        line = lines.get(key, line)
        record = getattr(record, key, None)
    return line


def due_items(partners: Sequence[Partner], today: dt.date, registry: Registry = PARTNERS) -> list[Item]:
    """Everything due, partner by partner in the registry's order, each partner's oldest first."""
    found = []
    for partner in partners:
        dues = [due for rule in registry.monitoring for due in rule(partner, today)]
        found += [Item(partner, due) for due in sorted(dues, key=lambda d: (d.since is None, d.since or today))]
    return found


def with_appended(report: str, appended: str | None) -> str:
    """The report with another report of ours appended (the link check's, which may be missing when that
    step did not finish), within GitHub's limit for an issue body."""
    if appended is None:
        return report
    path = Path(appended)
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() and not path.is_symlink() else (
        "## Linkprüfung\n\nDie Linkprüfung hat diesmal keinen Bericht geschrieben (abgebrochen oder zu langsam). "
        "Der Monitoring-Bericht oben ist vollständig.\n")
    return within_limit(report, text)


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
