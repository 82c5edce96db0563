"""Editing partners.yml as text: change the values of one entry, append new entries; nothing else moves.

The file is never dumped anew. Its nodes (composed, never constructed: they keep their position)
say where each value is; an edit replaces the characters of that value, or inserts the lines of a
new key after the key that comes before it in the field declarations. Comments, empty lines,
quoting and every untouched entry stay byte for byte as they were.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from ..model.fields import Field
from .yaml_text import Style, field_lines, item_lines, value_lines

Node = yaml.Node


class Document:
    def __init__(self, text: str, list_key: str):
        self.text, self.list_key = text, list_key
        self.newline = "\r\n" if "\r\n" in text else "\n"  # new lines end as the file's lines do
        self.root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None  # nodes only, never objects
        self.edits: list[tuple[int, int, int, str]] = []  # (start, end, order, replacement)
        self.list_key_node, self.list_node = self.find_list()
        self.style = self.detect_style()

    # --- reading the nodes

    def find_list(self) -> tuple[Node | None, Node | None]:
        if isinstance(self.root, yaml.MappingNode):
            for key, value in self.root.value:
                if isinstance(key, yaml.ScalarNode) and key.value == self.list_key:
                    return key, value
        return None, None

    def items(self) -> list[yaml.MappingNode]:
        node = self.list_node
        return [item for item in node.value if isinstance(item, yaml.MappingNode)] \
            if isinstance(node, yaml.SequenceNode) else []

    def item_at(self, line: int) -> yaml.MappingNode:
        """The entry that begins at `line` (1-based), as the loader reports it in `record.line`."""
        return next(item for item in self.items() if item.start_mark.line + 1 == line)

    def detect_style(self) -> Style:
        items = self.items()
        if not items or self.list_key_node is None:
            return Style()
        dash = items[0].start_mark.column - 2 - self.list_key_node.start_mark.column
        steps = [value.value[0][0].start_mark.column - key.start_mark.column
                 for item in items for key, value in item.value
                 if isinstance(value, yaml.MappingNode) and value.value and not value.flow_style]
        between = self.text[self.content_end(items[0]):items[1].start_mark.index] if len(items) > 1 else "\n\n"
        gap = re.search(r"\n[ \t]*\r?\n", between) is not None  # an empty line between the first two entries
        return Style(step=steps[0] if steps else 2, dash=max(dash, 0), gap=gap)

    def content_end(self, node: Node) -> int:
        """The index after the node's last character of content (not the comments or empty lines after it)."""
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
            last = node.value[-1]
            return self.content_end(last[1] if isinstance(node, yaml.MappingNode) else last)
        end = node.end_mark.index
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    def after_line(self, index: int) -> int:
        """The index where the line after the one holding `index - 1` begins (or the end of the text)."""
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    # --- edits

    def edit(self, start: int, end: int, replacement: str) -> None:
        self.edits.append((start, end, len(self.edits), replacement))

    def insert_lines(self, index: int, lines: list[str]) -> None:
        before = self.newline if index == len(self.text) and self.text and not self.text.endswith("\n") else ""
        self.edit(index, index, before + self.newline.join(lines) + self.newline)

    def set_values(self, mapping: yaml.MappingNode, spec: tuple[Field, ...], changes: Mapping[str, Any]) -> None:
        """Write `changes` (key → value; a dict of changes for a record, a list of dicts for a list of
        records) into the block mapping, key by key in declaration order."""
        present = {key.value: (key, value) for key, value in mapping.value if isinstance(key, yaml.ScalarNode)}
        column = mapping.value[0][0].start_mark.column
        previous: tuple[Node, Node] | None = None
        for f in spec:
            if f.key in present:
                if f.key in changes:
                    self.set_present(f, *present[f.key], changes[f.key])
                previous = present[f.key]
            elif f.key in changes:
                self.insert_key(mapping, previous, field_lines(f, changes[f.key], column, self.style))

    def set_present(self, f: Field, key: Node, value: Node, new: Any) -> None:
        if f.is_object and isinstance(value, yaml.MappingNode) and value.value and not value.flow_style:
            self.set_values(value, f.spec, new)
        elif f.spec is None and isinstance(value, yaml.ScalarNode) and not f.many:
            start, end = value.start_mark.index, self.content_end(value)
            text = self.newline.join(value_lines(new, key.start_mark.column + self.style.step))
            self.edit(start, end, " " + text if start == end and self.text[start - 1] != " " else text)  # `key:` empty
        else:  # a list, or a record written in flow style or left empty: the key's whole block anew
            lines = field_lines(f, new, key.start_mark.column, self.style)
            self.edit(key.start_mark.index, self.content_end(value), self.newline.join(lines)[key.start_mark.column:])

    def insert_key(self, mapping: yaml.MappingNode, previous: tuple[Node, Node] | None, lines: list[str]) -> None:
        """New key lines after the previous declared key's value; before the first key if there is none and the
        first key begins its line (in a list entry „- id:“ it does not: then after the first key)."""
        if previous is None:
            first_key = mapping.value[0][0]
            line_start = self.text.rfind("\n", 0, first_key.start_mark.index) + 1
            if not self.text[line_start:first_key.start_mark.index].strip():
                self.insert_lines(line_start, lines)
                return
            previous = mapping.value[0]
        self.insert_lines(self.after_line(self.content_end(previous[1])), lines)

    def append(self, spec: tuple[Field, ...], entries: Sequence[Mapping[str, Any]]) -> None:
        """New entries at the end of the list, in the file's style."""
        if not entries:
            return
        key_column = self.list_key_node.start_mark.column if self.list_key_node is not None else 0
        blocks = [item_lines(spec, entry, key_column + self.style.dash, self.style) for entry in entries]
        existing = self.items()
        separator = [""] if self.style.gap else []
        lines = [line for index, block in enumerate(blocks)
                 for line in (separator if index or existing else []) + block]
        if existing:
            self.insert_lines(self.after_line(self.content_end(existing[-1])), lines)
        elif self.list_node is not None:  # `partners:` or `partners: []`
            start = self.list_node.start_mark.index
            while start > 0 and self.text[start - 1] == " ":
                start -= 1
            self.edit(start, self.content_end(self.list_node), self.newline + self.newline.join(lines))
        else:
            self.insert_lines(len(self.text), [f"{self.list_key}:", *lines])

    def result(self) -> str:
        text = self.text
        for start, end, _, replacement in sorted(self.edits, key=lambda e: (e[0], e[2]), reverse=True):
            text = text[:start] + replacement + text[end:]
        return text
