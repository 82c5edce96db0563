"""SVG logos within bounds a browser renders quickly: encoding, nesting depth, element count, and
the number of elements the `<use>` references expand to.

Each `<use>` makes the browser draw a copy of what it points at, and a copy of a group of uses
copies those uses too: ten levels of groups of ten uses are 10^10 elements from 1.6 KB, and
Chromium stops responding. A pattern, mask or clip path is drawn again for every element that
refers to it (`fill="url(#p)"`, also from a style sheet). So the elements are counted as the
browser expands them (each use counts as the element it points at, each reference to a pattern,
mask or clip path as its content, both with everything inside), and a reference cycle is refused.
The allow-list (klimapakt.rules.logos) walks the tree recursively: the depth is bounded here
first, iteratively, so no nesting reaches Python's recursion limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

MAX_DEPTH = 100  # design tools nest groups a dozen levels deep
MAX_ELEMENTS = 20_000  # elements in the file
MAX_EXPANDED = 50_000  # elements once every <use> is expanded; rendering stays well under a second
# The encodings whose ASCII range a browser and the XML parser read alike (Latin-1 is read by
# browsers as windows-1252, which differs only outside ASCII).
ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252"})
DECLARED_RE = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']{0,40})["']""")
WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
HREFS = ("href", "{http://www.w3.org/1999/xlink}href")
SVG = "{http://www.w3.org/2000/svg}"
USE = f"{SVG}use"
# What is drawn again for each element that refers to it, and what a style sheet's url() applies to.
DRAWN_PER_REFERENCE = frozenset(f"{SVG}{tag}" for tag in ("pattern", "mask", "clipPath"))
SHAPES = frozenset(f"{SVG}{tag}" for tag in ("path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
                                              "text", "tspan"))
URL_RE = re.compile(r"""url\(\s*["']?#([^"')\s]+)""")
SAVE_AS = "Bitte das Logo neu exportieren (z. B. als „SVG Tiny“ oder mit „Symbole umwandeln“) oder als PNG schicken."


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def subject(name: str | None) -> str:
    return f"Die Logo-Datei „{name}“" if name else "Das SVG"


def encoding_problem(data: bytes, name: str | None = None) -> str | None:
    """Why the file is not stored as UTF-8 (or Latin-1), or None."""
    declared = DECLARED_RE.match(data)
    label = declared.group(1).decode("ascii", "replace").strip().lower() if declared else "utf-8"
    if data.startswith(WIDE_BOMS) or b"\x00" in data[:1024] or label not in ENCODINGS:
        shown = label if declared and label.isprintable() and label.isascii() else "UTF-16/UTF-32"
        return (f"{subject(name)} ist nicht als UTF-8 gespeichert (sondern als „{shown}“). Bitte beim Export "
                "„UTF-8“ als Zeichensatz wählen.")
    return None


def size_problem(root: ElementTree.Element, name: str | None = None) -> str | None:
    """Why the drawing is too deep, too large or expands too far through its <use> references, or None."""
    count, stack = 0, [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            return (f"{subject(name)} ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen ineinander). {SAVE_AS}")
        if count > MAX_ELEMENTS:
            return f"{subject(name)} hat mehr als {thousands(MAX_ELEMENTS)} Elemente; so viele braucht kein Logo. {SAVE_AS}"
        stack.extend((child, depth + 1) for child in element)
    uses = list(root.iter(USE))
    if not uses and not any(root.iter(tag) for tag in DRAWN_PER_REFERENCE):  # nothing is drawn twice
        return None
    ids: dict[str, ElementTree.Element] = {}
    for element in root.iter():
        if element.get("id"):
            ids.setdefault(element.get("id"), element)
    if uses and nested_use(uses, ids):
        return (f"{subject(name)} verweist mit <use> auf ein Element, das selbst <use>-Verweise enthält "
                f"(verschachtelte Wiederverwendung vervielfacht die Formen, bis Browser stocken). {SAVE_AS}")
    expanded = expanded_count(root, ids)
    if expanded is None:
        return (f"{subject(name)} enthält einen Kreis von Verweisen (<use> oder url(#…): ein Element verweist auf "
                f"sich selbst oder auf etwas, das es enthält). {SAVE_AS}")
    if expanded > MAX_EXPANDED:
        return (f"{subject(name)} vervielfacht seine Formen über <use>-Verweise, Muster, Masken oder Zuschneidepfade "
                f"auf mehr als {thousands(MAX_EXPANDED)} Elemente; das bringt Browser zum Stocken. {SAVE_AS}")
    return None


def nested_use(uses: list[ElementTree.Element], ids: dict[str, ElementTree.Element]) -> bool:
    """Whether a <use> points at a <use> or at an element with a <use> inside: the copies would copy.
    Each target is searched once."""
    targets = {id(target): target for use in uses for target in href_targets(use, ids)}
    return any(next(target.iter(USE), None) is not None for target in targets.values())


def edges(element: ElementTree.Element, ids: dict[str, ElementTree.Element]) -> list[ElementTree.Element]:
    """What the browser draws for `element`: its children; for a <use> the element it points at
    (`#id`); for a reference `url(#id)` to a pattern, mask or clip path that element's content;
    a pattern's template (`href`)."""
    found = list(element)
    if element.tag == USE or element.tag in DRAWN_PER_REFERENCE:
        found += href_targets(element, ids)
    for value in element.attrib.values():
        found += [target for key in URL_RE.findall(value)
                  if (target := ids.get(key)) is not None and target.tag in DRAWN_PER_REFERENCE]
    return found


def drawn(element: ElementTree.Element, ids: dict[str, ElementTree.Element],
          styled: tuple[ElementTree.Element, ...]) -> Iterator[tuple[ElementTree.Element, bool]]:
    """(element drawn for `element`, whether only a style sheet may apply it): the edges, and for a
    shape the style sheet's patterns, masks and clip paths (which a browser skips inside themselves)."""
    yield from ((target, False) for target in edges(element, ids))
    if element.tag in SHAPES:
        yield from ((target, True) for target in styled)


def href_targets(element: ElementTree.Element, ids: dict[str, ElementTree.Element]) -> list[ElementTree.Element]:
    """The elements `href` and `xlink:href` point at (`#id`)."""
    return [target for attribute in HREFS
            if (target := ids.get((element.get(attribute) or "").strip().removeprefix("#"))) is not None]


def styled_targets(root: ElementTree.Element, ids: dict[str, ElementTree.Element]) -> tuple[ElementTree.Element, ...]:
    """The patterns, masks and clip paths a style sheet refers to: counted for every shape, as a
    selector may give them to any."""
    css = "".join(text for style in root.iter(f"{SVG}style") for text in style.itertext())
    return tuple({id(t): t for key in URL_RE.findall(css)
                  if (t := ids.get(key)) is not None and t.tag in DRAWN_PER_REFERENCE}.values())


def expanded_count(root: ElementTree.Element, ids: dict[str, ElementTree.Element]) -> int | None:
    """The elements the browser draws, every <use> replaced by a copy of its target (capped just above
    MAX_EXPANDED), or None for a cycle. Iterative, each element counted once (memo)."""
    cap = MAX_EXPANDED + 1
    styled = styled_targets(root, ids)
    done: dict[int, int] = {}
    on_path = {id(root)}
    stack: list[list[Any]] = [[root, drawn(root, ids, styled), 1]]  # element, what it draws, its count
    while stack:
        frame = stack[-1]
        for following, maybe in frame[1]:
            key = id(following)
            if key in done:
                frame[2] = min(frame[2] + done[key], cap)
            elif key in on_path:
                if maybe:  # a style sheet's url() inside the very pattern it names: not drawn
                    continue
                return None
            else:
                on_path.add(key)
                stack.append([following, drawn(following, ids, styled), 1])
                break
        else:
            stack.pop()
            on_path.discard(id(frame[0]))
            done[id(frame[0])] = frame[2]
            if stack:
                stack[-1][2] = min(stack[-1][2] + frame[2], cap)
    return done[id(root)]
