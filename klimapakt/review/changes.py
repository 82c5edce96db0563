"""What a pull request changes in a registry: entries added, removed and changed, field by field.

Pure: `compare` takes the records of two versions of one file (as the loaders return them)
and returns a `Changes` summary plus warnings where a change may be an accident (an entry
that is gone, a field whose value is gone). The records are compared generically, through
their dataclass fields, so a new field in the model is compared without a change here.
`render_markdown` and `render_text` write the summary in German.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..load.loader import line_at
from ..mdtext import markdown_text
from ..model.fields import fields_of
from ..model.figures import Figure
from ..precision import Period
from ..report import WARNING, Problem
from . import renames

SHORT = 60  # values up to this many characters are shown as „alt“ → „neu“; longer ones as „geändert“
LABEL_FIELDS = ("name", "title", "label")  # the field that names an entry for people (partners, events, figures)


@dataclass(frozen=True)
class ChangeKind:
    """Which registry a comparison is about, for the German text."""

    file: str
    removal_hint: str = ""  # one sentence after „… ist nicht mehr da – gewollt?“
    titles: dict[str, str] | None = None  # German field names: the changes read as one sentence per entry


PARTNERS = ChangeKind("partners.yml", "Wer nur austritt, bleibt mit „status: former“ als ehemaliger "
                "Partner sichtbar; ganz löschen nur auf ausdrücklichen Wunsch.")
EVENTS = ChangeKind("events.yml")
FIGURES = ChangeKind("kennzahlen.yml", titles={f.key: f.title for f in fields_of(Figure) if f.title})
KINDS = {"partners": PARTNERS, "figures": FIGURES}  # by registry name; any other registry: ChangeKind(file)


@dataclass(frozen=True)
class FieldChange:
    path: str  # "website", "contact.email"
    old: Any
    new: Any

    @property
    def removed(self) -> bool:
        return present(self.old) and not present(self.new)


@dataclass(frozen=True)
class Entry:
    id: str
    label: str  # the entry's name or title
    line: int  # in the new file; for a removed entry the nearest line
    fields: tuple[FieldChange, ...] = ()  # for a changed entry


@dataclass(frozen=True)
class Changes:
    kind: ChangeKind
    added: tuple[Entry, ...] = ()
    removed: tuple[Entry, ...] = ()
    changed: tuple[Entry, ...] = ()
    unreadable: tuple[str, ...] = ()  # ids that have errors now: compared once they are fixed
    renamed: tuple[renames.Rename, ...] = ()  # the same entry under a new id

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.unreadable or self.renamed)


def present(value: Any) -> bool:
    return value is not None and value != "" and value != ()


def is_record(value: Any) -> bool:
    """A nested record (contact, agreement); a Period ("Stand" 2025-07) is one value."""
    return dataclasses.is_dataclass(value) and not isinstance(value, (type, Period))


def label_of(record: Any) -> str:
    return next((str(getattr(record, name)) for name in LABEL_FIELDS if getattr(record, name, None)), "")


def field_changes(old: Any, new: Any, prefix: str = "") -> list[FieldChange]:
    """Every field whose value differs, descending into nested records (contact.email) and into lists of
    records of the same length (emissions[1].scope1: the number as it was and is); a list that grew or
    shrank counts as one field. Fields with compare=False (source lines) are not data."""
    found = []
    for f in dataclasses.fields(old):
        if not f.compare:
            continue
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a == b:
            continue
        path = f"{prefix}.{f.name}" if prefix else f.name
        if is_record(a) and type(a) is type(b):
            found += field_changes(a, b, path)
        elif same_shape(a, b):
            for index, (x, y) in enumerate(zip(a, b), start=1):
                found += field_changes(x, y, f"{path}[{index}]") if x != y else []
        else:
            found.append(FieldChange(path, a, b))
    return found


def same_shape(a: Any, b: Any) -> bool:
    """Two lists of records of one type and length, compared item by item."""
    return (isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b) and bool(a)
            and all(is_record(x) and type(x) is type(y) for x, y in zip(a, b)))


def compare(old: Sequence[Any], new: Sequence[Any], kind: ChangeKind, *,
            unreadable: Iterable[str] = ()) -> tuple[Changes, list[Problem]]:
    """Compare two versions' records by id. `unreadable`: ids whose entry has errors in the new
    version (the loader leaves such entries out), so they are not reported as removed."""
    old_by_id, new_by_id = {r.id: r for r in old}, {r.id: r for r in new}
    unreadable = {i for i in unreadable if i in old_by_id and i not in new_by_id}
    renamed = tuple(renames.find_renames([r for r in old if r.id not in new_by_id and r.id not in unreadable],
                                         [r for r in new if r.id not in old_by_id], label_of, field_changes))
    gone, came = {r.old_id for r in renamed}, {r.new_id for r in renamed}
    added = tuple(Entry(r.id, label_of(r), r.line) for r in new if r.id not in old_by_id and r.id not in came)
    removed = tuple(Entry(r.id, label_of(r), nearest_line(old, i, new_by_id))
                    for i, r in enumerate(old) if r.id not in new_by_id and r.id not in unreadable | gone)
    changed = []
    for record in new:
        before = old_by_id.get(record.id)
        if before is not None and type(before) is type(record):
            fields = field_changes(before, record)
            if fields:
                changed.append(Entry(record.id, label_of(record), record.line, tuple(fields)))
    changes = Changes(kind, added, removed, tuple(changed), tuple(sorted(unreadable)), renamed)
    warnings = [w for w in (renames.warning(r, kind.file) for r in renamed) if w]
    return changes, accident_warnings(changes, new_by_id) + warnings


def nearest_line(old: Sequence[Any], index: int, new_by_id: dict[str, Any]) -> int:
    """Where a removed entry was, in the new file: the first line of the next entry that is still
    there, else the last known line of the previous one, else the first line."""
    following = next((new_by_id[r.id] for r in old[index + 1:] if r.id in new_by_id), None)
    if following is not None:
        return following.line
    previous = next((new_by_id[r.id] for r in reversed(old[:index]) if r.id in new_by_id), None)
    if previous is not None:
        return max([previous.line, *getattr(previous, "lines", {}).values()])
    return 1


def accident_warnings(changes: Changes, new_by_id: dict[str, Any]) -> list[Problem]:
    file = changes.kind.file
    problems = [Problem(entry.line, entry.id, "-", removed_message(entry, changes.kind), WARNING, file)
                for entry in changes.removed]
    for entry in changes.changed:
        record = new_by_id[entry.id]
        for change in entry.fields:
            if change.removed:
                line = line_at(record, change.path)
                problems.append(Problem(line, entry.id, change.path, emptied_message(change), WARNING, file))
    return problems


def removed_message(entry: Entry, kind: ChangeKind) -> str:
    name = f" ({entry.label})" if entry.label else ""
    return f"Eintrag „{entry.id}“{name} ist nicht mehr da – gewollt?" + (f" {kind.removal_hint}" if kind.removal_hint else "")


def emptied_message(change: FieldChange) -> str:
    before = shown(change.old)
    was = f" (bisher „{before}“)" if before is not None else ""
    return f"Das Feld „{change.path}“ hatte einen Wert{was} und ist jetzt leer oder gelöscht – gewollt?"


# Text -----------------------------------------------------------------------------------------

def shown(value: Any) -> str | None:
    """A value as written in the YAML file, or None where it is too long or not a single value."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%dT%H:%M")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, Period):
        text = value.text_de()  # „3. Juli 2025“, „Juli 2025“: as precise as written
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, (str, int, float)):
        text = str(value)
    else:
        return None
    return text if len(text) <= SHORT and "\n" not in text else None


def describe(change: FieldChange, quote: Callable[[str], str]) -> str:
    """„alt“ → „neu“ for short values; otherwise what happened, e.g. „geändert (2 → 3 Einträge)“."""
    old, new = shown(change.old), shown(change.new)
    if not present(change.old):
        return f"neu: „{quote(new)}“" if new is not None else "neu"
    if not present(change.new):
        return f"entfernt (bisher „{quote(old)}“)" if old is not None else "entfernt"
    if old is not None and new is not None:
        return f"„{quote(old)}“ → „{quote(new)}“"
    if isinstance(change.old, tuple) and isinstance(change.new, tuple) and len(change.old) != len(change.new):
        return f"geändert ({len(change.old)} → {len(change.new)} Einträge)"
    return "geändert"


def summary_lines(changes: Changes, base: str, quote: Callable[[str], str], code: Callable[[str], str]) -> list[str]:
    """The summary as lines of a Markdown list; `quote` escapes data, `code` marks ids and field names."""
    kind = changes.kind
    counts = [f"{len(changes.added)} neu", f"{len(changes.removed)} entfernt", f"{len(changes.changed)} geändert"]
    counts += [f"{len(changes.renamed)} umbenannt"] if changes.renamed else []
    head = f"{kind.file} gegenüber {base}: "
    if changes.empty:
        return [head + "keine Änderungen."]
    lines = [head + ", ".join(counts) + "."]

    def name(entry: Entry) -> str:
        return code(entry.id) + (f" – {quote(entry.label)}" if entry.label else "")

    if changes.added:
        lines += ["", "Neu:"] + [f"- {name(e)} (Zeile {e.line})" for e in changes.added]
    if changes.renamed:
        lines += ["", "Neue Kennung (derselbe Eintrag):"]
        for r in changes.renamed:
            lines.append(f"- {code(r.old_id)} → {code(r.new_id)}" + (f" – {quote(r.label)}" if r.label else "")
                         + f" (Zeile {r.line}).{renames.summary(r, code)}")
            lines += field_lines(kind, r.fields, quote, code)
    if changes.removed:
        lines += ["", "Entfernt – bitte prüfen, ob das gewollt ist:"] + [f"- {name(e)}" for e in changes.removed]
    if changes.changed:
        lines += ["", "Geändert:"]
        for entry in changes.changed:
            if kind.titles:
                lines.append(f"- {name(entry)} (Zeile {entry.line}): " + titled(kind, entry.fields, quote) + ".")
            else:
                lines.append(f"- {name(entry)} (Zeile {entry.line})")
                lines += field_lines(kind, entry.fields, quote, code)
    if changes.unreadable:
        lines += ["", "Noch nicht vergleichbar (erst die Fehler beheben): " + ", ".join(map(code, changes.unreadable))]
    return lines


def field_lines(kind: ChangeKind, fields: Sequence[FieldChange], quote: Callable[[str], str],
                code: Callable[[str], str]) -> list[str]:
    if kind.titles and fields:
        return ["  - " + titled(kind, fields, quote)]
    return [f"  - {code(c.path)}: {describe(c, quote)}" for c in fields]


def titled(kind: ChangeKind, fields: Sequence[FieldChange], quote: Callable[[str], str]) -> str:
    """„Wert „100“ → „120“, Stand „3. Juli 2025“ → „Juli 2026““: the fields by their German names."""
    return ", ".join(f"{(kind.titles or {}).get(c.path, c.path)} {describe(c, quote)}" for c in fields)


def render_markdown(all_changes: Iterable[Changes], base: str) -> str:
    """German Markdown for GitHub's job summary; data is escaped, ids and fields are code."""
    blocks = []
    for changes in all_changes:
        lines = summary_lines(changes, f"`{base_code(base)}`", markdown_text, lambda s: f"`{s}`")
        blocks.append("#### " + lines[0] + "\n" + "\n".join(lines[1:]))
    return "### Was dieser Pull Request ändert\n\n" + "\n\n".join(blocks) + "\n"


def render_text(changes: Changes, base: str) -> str:
    """The same for the terminal, as plain text."""
    return "\n".join(summary_lines(changes, base, lambda s: s, lambda s: s))


def base_code(base: str) -> str:
    # A revision name or path inside `…` on one line: a backtick would end the code span.
    return " ".join(base.split()).replace("`", "'")
