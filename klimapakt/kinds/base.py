"""A field kind: everything the project knows about one kind of value, in one object.

A kind reads a YAML scalar (reporting German messages through the context), describes a value in
JSON Schema, names itself for staff („eine Jahreszahl“, „Datum `JJJJ-MM-TT`“) and gives the
datatype that the JSON field list and the CSV on the Web metadata declare. Adding a kind is adding
one `Kind`; the loader, the schema, the staff guide and the exports only call these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import yaml

if TYPE_CHECKING:
    from ..source.context import Context


class Spec(Protocol):
    """What a kind reads of a field's specification (klimapakt.model.fields.Field has it all)."""

    @property
    def key(self) -> str: ...
    @property
    def help(self) -> str: ...
    @property
    def kind(self) -> Kind | None: ...
    @property
    def many(self) -> bool: ...
    @property
    def choices(self) -> Mapping[Any, str] | None: ...
    @property
    def max_length(self) -> int | None: ...


Reader = Callable[[Spec, yaml.ScalarNode, str, "Context"], Any]


@dataclass(frozen=True, eq=False)
class Kind:
    name: str
    noun: str  # German noun phrase: „Hier wird <noun> erwartet“
    read: Reader
    schema: Callable[[Spec], dict[str, Any]]  # JSON Schema of one value (without null)
    label: Callable[[Spec], str]  # what staff write, for the field table
    datatype: Callable[[Spec], str] = lambda f: "string"  # string, integer, number, boolean, date, anyURI
    list_noun: str = "eine Liste"  # „Hier wird <list_noun> erwartet (<list_example>)“
    list_example: str = "z. B. [1, 2]"
    duplicate: str | None = None  # the message when a list holds a value twice ({value}); None: allowed
    # How characters pasted from Word are judged inside a value (klimapakt.source.pasted): "" a value with a
    # form (each is a mistake), "line" one line of free text (a no-break space between words may be deliberate:
    # a warning), "long" a long text (a soft hyphen in a word, too, is only a warning there).
    prose: str = ""
    # True when `read` depends on nothing but the field, the scalar's text, style and tag, and what the
    # context holds for the whole file (build date, referenced ids): a value it read once without a
    # problem reads the same again, so the loader keeps it (klimapakt.load.structure.read_scalar).
    # A text is not: what follows it on its line (a comment) is checked too.
    pure: bool = False

    def __repr__(self) -> str:
        return f"Kind({self.name})"


def constant(value: Any) -> Callable[[Spec], Any]:
    return lambda f: value
