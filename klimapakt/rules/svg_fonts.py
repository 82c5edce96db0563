"""An SVG logo that embeds its font, as Illustrator exports it: say what to do instead.

An embedded font is an `@font-face` rule (its data in `url(data:…)`) or an SVG font (`<font>`,
`<font-face>`, `<glyph>`). The logo check refuses both, as it refuses everything a file loads;
for an agency's usual export the generic „Verweis auf eine externe Quelle“ says nothing useful.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

FONT_ELEMENTS = frozenset({"font", "font-face", "glyph", "missing-glyph", "font-face-src", "font-face-uri"})
FONT_CSS_RE = re.compile(r"@font-face|url\(\s*['\"]?\s*data:\s*(?:font/|application/(?:x-)?font)", re.I)
MESSAGE = ("Das SVG bettet eine Schrift ein (wie beim Export aus Illustrator); eingebettete Schriften sind aus "
           "Sicherheitsgründen nicht erlaubt. So geht es: den Text in Pfade umwandeln (in Illustrator „Schrift → "
           "In Pfade umwandeln“, in Inkscape „Pfad → Objekt in Pfad umwandeln“) und neu als SVG exportieren, "
           "oder beim Export das Format „SVG Tiny“ ohne Schriften wählen – oder das Logo als PNG-Datei "
           "(mindestens 200 Pixel breit) schicken.")


def embeds_font(root: ElementTree.Element) -> bool:
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if name in FONT_ELEMENTS:
            return True
        css = (("".join(element.itertext()) if name == "style" else "") + " " + element.attrib.get("style", ""))
        if FONT_CSS_RE.search(css):
            return True
    return False
