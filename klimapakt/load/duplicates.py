"""Keys written twice in one mapping, and what usually causes them.

A key twice in one entry rarely means "the same field typed twice": mostly lines were deleted, so that
the rest of one entry runs into the next, or a new entry lacks its „- “. Deleting one of the two lines,
as the message once advised, then deletes a partner. The messages name the likely cause first.
"""

from __future__ import annotations

import functools

import yaml

from ..source.context import Context, join, line_of


class Keys:
    """The keys of one mapping as they are read: the first line of each, and what a repetition means."""

    def __init__(self, node: yaml.MappingNode, ctx: Context):
        self.ctx = ctx
        self.first: dict[str, yaml.ScalarNode] = {}  # each key's first node (its line is looked up on a repetition)
        first = node.value[0][0] if node.value and isinstance(node.value[0][0], yaml.ScalarNode) else None
        self.first_key = first.value if first else None
        self._first = first
        self.cause: tuple[str, int] | None = None  # the key and line of the first repetition, once explained
        self.new_entry = False  # a new entry without „- “ was found: later repetitions follow from it

    @functools.cached_property
    def entry_line(self) -> int:
        """A list entry: its first key stands after „- “ (the first entry of a list of records, e.g. a partner).
        Looked at only when a key repeats: most mappings have none."""
        return line_of(self._first) if self._first and is_after_dash(self._first, self.ctx) else 0

    def repeated(self, key_node: yaml.ScalarNode, path: str) -> bool:
        """False for a key not seen before (its node is remembered); True, and reported, for a repetition.
        `path` is the mapping's: the key's path is built only for a message."""
        key = key_node.value
        if key not in self.first:
            self.first[key] = key_node
            return False
        if self.new_entry:
            return True
        first, line, path = line_of(self.first[key]), line_of(key_node), join(path, key)
        if self.entry_line and key == self.first_key:
            self.new_entry = True
            written = self.ctx.source_line(line).strip()
            message = (f"Das Feld „{key}“ steht doppelt im selben Eintrag (Zeilen {first} und {line}). Wahrscheinlich "
                       f"beginnt in Zeile {line} ein neuer Eintrag, und davor fehlt der Strich „- “. Bitte den Strich "
                       f"ergänzen, genau unter dem Strich in Zeile {first}: „- {written}“.")
        elif self.cause:
            message = (f"Auch das Feld „{key}“ steht doppelt (Zeilen {first} und {line}), wohl aus demselben Grund "
                       f"wie „{self.cause[0]}“ in Zeile {self.cause[1]}.")
        else:
            self.cause = (key, line)
            message = duplicate_key_message(key, first, line, bool(self.entry_line))
        self.ctx.report(line, path, message)
        return True


def is_after_dash(key_node: yaml.ScalarNode, ctx: Context) -> bool:
    return ctx.source_line(line_of(key_node))[:key_node.start_mark.column].rstrip().endswith("-")


def duplicate_key_message(key: str, first_line: int, line: int, in_entry: bool) -> str:
    cause = ("wenn beim Bearbeiten Zeilen gelöscht wurden und so zwei Einträge ineinander übergehen, oder wenn vor "
             "einem neuen Eintrag der Strich „- “ fehlt" if in_entry else
             "wenn beim Bearbeiten Zeilen gelöscht oder doppelt eingefügt wurden")
    return (f"Das Feld „{key}“ steht doppelt{' im selben Eintrag' if in_entry else ''} (Zeilen {first_line} und {line}). "
            f"Das passiert meist, {cause}. Bitte zuerst prüfen, ob zwischen Zeile {first_line} und {line} etwas fehlt; "
            "nur wenn das Feld versehentlich zweimal eingetragen ist, eine der beiden Zeilen löschen.")


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
            keys = Keys(current, ctx)
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    keys.repeated(key, current_path)
                    stack.append((value, join(current_path, key.value)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, f"{current_path}[{i}]") for i, item in enumerate(current.value, 1))
