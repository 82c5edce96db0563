"""A logo file's content: for SVG an allow-list of inert drawing content within bounds, for raster images
the pixel size read from the header and every pixel decoded.

The file's name, where it lies and how it is read are klimapakt.rules.logos; this module sees only bytes.
"""

from __future__ import annotations

import re
import struct
from xml.etree import ElementTree

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from .. import vocabulary
from . import raster, svg_bounds, svg_fonts

# Larger images only cost visitors bandwidth and memory: a 200 KB PNG can declare 50,000 × 50,000 pixels.
LOGO_MAX_SIDE = 4000

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# What a logo needs, and nothing that runs code, embeds HTML, filters images or loads anything.
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "title", "desc", "symbol", "use", "style", "a", "image",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern",
    "animate", "set", "animateTransform", "animateMotion",
})
SVG_ANIMATIONS = frozenset({"animate", "set", "animateTransform", "animateMotion"})
SVG_PRESENTATION_ATTRIBUTES = frozenset({
    "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color", "color-interpolation",
    "color-rendering", "direction", "display", "dominant-baseline", "fill", "fill-opacity", "fill-rule",
    "font", "font-family", "font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant",
    "font-weight", "image-rendering", "letter-spacing", "mask", "mix-blend-mode", "opacity", "overflow",
    "paint-order", "shape-rendering", "stop-color", "stop-opacity", "stroke", "stroke-dasharray",
    "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
    "stroke-width", "text-anchor", "text-decoration", "text-rendering", "transform-origin", "unicode-bidi",
    "vector-effect", "visibility", "white-space", "word-spacing", "writing-mode",
})
SVG_GEOMETRY_ATTRIBUTES = frozenset({
    "x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
    "d", "points", "pathLength", "transform", "offset", "dx", "dy", "rotate", "textLength", "lengthAdjust",
    "viewBox", "preserveAspectRatio", "refX", "refY",
})
SVG_ATTRIBUTES = SVG_PRESENTATION_ATTRIBUTES | SVG_GEOMETRY_ATTRIBUTES | frozenset({
    "id", "class", "style", "lang", "version", "baseProfile", "role", "aria-label", "aria-labelledby",
    "aria-describedby", "aria-hidden", "focusable", "data-name", "enable-background", "type", "media",
    "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits", "patternContentUnits",
    "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
    # animation timing and values (the values pass the same url() rule as every attribute)
    "attributeName", "attributeType", "begin", "dur", "end", "min", "max", "restart", "repeatCount",
    "repeatDur", "calcMode", "values", "keyTimes", "keySplines", "keyPoints", "from", "to", "by",
    "additive", "accumulate", "path",
})
SVG_XML_ATTRIBUTES = frozenset({"space", "lang"})  # xml:space, xml:lang
EXTERNAL = "einen Verweis auf eine externe Quelle"
# CSS as a browser reads it: comments, and escapes such as "\72 " or "\000072" for "r".
CSS_COMMENT_RE = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
CSS_ESCAPE_RE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\r\n\f])?|(\r\n|[\r\n\f])|(.)|\Z)", re.S)
# Functions that load a resource; url() may only point at a "#fragment" of the same file.
CSS_LOADING_RE = re.compile(r"(url|image-set|image|src|cross-fade)\s*\(\s*", re.I)
CSS_EXPRESSION_RE = re.compile(r"expression\s*\(", re.I)
INVISIBLE_RE = re.compile(r"[\s\x00-\x1f]+")
# Every finding below needs one of these characters in the text as written: "(" (a function),
# "@" (@import), ":" (javascript:) or "\\" (an escape, which may stand for any of them).
CSS_SIGNIFICANT = ("(", "@", ":", "\\")


def content_problems(data: bytes, suffix: str, filename: str) -> list[str]:
    """What is wrong with a logo file's bytes for its format (`suffix`, lower case): the SVG allow-list and
    bounds, or a raster image's header, pixel size and pixels (`filename`: the file, for the messages)."""
    if suffix == ".svg":
        return check_svg(data, filename)
    size = raster_size(data, suffix)
    if size is None:
        return [f"„{filename}“ ist keine lesbare {suffix[1:].upper()}-Datei."]
    width, height = size
    if width < vocabulary.LOGO_MIN_WIDTH:
        return [f"Das Logo ist nur {width} Pixel breit; mindestens {vocabulary.LOGO_MIN_WIDTH} Pixel sind nötig."]
    if width > LOGO_MAX_SIDE or height > LOGO_MAX_SIDE:
        return [f"Das Logo ist {width} × {height} Pixel groß; höchstens {LOGO_MAX_SIDE} × {LOGO_MAX_SIDE} Pixel sind "
                "erlaubt. Bitte verkleinert speichern."]
    undecodable = raster.decode_problem(data, suffix, filename)  # the header was in bounds: now every pixel
    return [undecodable] if undecodable else []



# SVG: an allow-list of elements, attributes and CSS.

class _Builder(ElementTree.TreeBuilder):
    """Keeps the tree and records processing instructions, which TreeBuilder would drop unseen."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target, text=None):
        self.instructions.append(target)
        return super().pi(target, text)


def check_svg(data: bytes, name: str | None = None) -> list[str]:
    """Accept only inert drawing content: allowed elements and attributes, and references within the file,
    within the bounds of klimapakt.rules.svg_bounds (`name`: the file, for those messages)."""
    wrong_encoding = svg_bounds.encoding_problem(data, name)
    if wrong_encoding:
        return [wrong_encoding]
    builder = _Builder()
    try:
        parser = SafeET.DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        return ["Das SVG enthält DOCTYPE- oder ENTITY-Angaben; diese sind nicht erlaubt."]
    except SafeET.ParseError as err:
        line = getattr(err, "position", (0, 0))[0]
        return [f"Das SVG ist keine gültige XML-Datei (Fehler in Zeile {line} der SVG-Datei)."]
    except (ValueError, LookupError):  # an encoding the parser cannot read, past the check above
        return [f"{svg_bounds.subject(name)} ist nicht als UTF-8 gespeichert. Bitte beim Export „UTF-8“ wählen."]
    too_large = svg_bounds.size_problem(root, name)  # before the recursive walk below
    if too_large:
        return [too_large]
    namespace, name = _split(root.tag)
    if name != "svg":
        return ["Die Datei ist kein SVG (das äußerste Element ist nicht <svg>)."]
    if namespace != SVG_NS:
        return [f'Im Element <svg> fehlt die Angabe xmlns="{SVG_NS}"; ohne sie zeigen Browser das Logo nicht an.']
    found = {EXTERNAL if target == "xml-stylesheet" else f"die Verarbeitungsanweisung „<?{target}“"
             for target in builder.instructions}
    _check_element(root, found)
    fonts = [svg_fonts.MESSAGE] if found and svg_fonts.embeds_font(root) else []
    if fonts:  # the font's url(data:…) and <font> elements are what the advice is about
        found -= {EXTERNAL} | {f"das Element <{name}>" for name in svg_fonts.FONT_ELEMENTS}
    if found:
        return fonts + [f"Das SVG enthält {', '.join(sorted(found))}; das ist aus Sicherheitsgründen nicht erlaubt."]
    return fonts


def _check_element(element: ElementTree.Element, found: set[str]) -> None:
    namespace, name = _split(element.tag)
    if namespace != SVG_NS or name not in SVG_ELEMENTS:
        found.add(f"das Element <{name}>{_namespace_note(namespace, SVG_NS)}")
        return  # what is inside goes with it
    for attribute, value in element.attrib.items():
        found |= _attribute_findings(attribute, value)
    if name == "style":  # a browser reads all text inside, also text split by child elements
        found |= css_findings("".join(element.itertext()))
    if name in SVG_ANIMATIONS:
        target = element.attrib.get("attributeName", "")
        if target and (target.lower().endswith("href") or target.lower().startswith("on")
                       or target not in SVG_PRESENTATION_ATTRIBUTES | SVG_GEOMETRY_ATTRIBUTES):
            found.add(f"das Element <{name}>, das „{target}“ verändert")
    for child in element:
        _check_element(child, found)


def _attribute_findings(attribute: str, value: str) -> set[str]:
    namespace, name = _split(attribute)
    if name == "href" and namespace in ("", XLINK_NS):
        return set() if value.strip().startswith("#") else {EXTERNAL}
    allowed = SVG_XML_ATTRIBUTES if namespace == XML_NS else SVG_ATTRIBUTES if not namespace else frozenset()
    if name not in allowed:
        return {f"das Attribut „{name}“{_namespace_note(namespace, '')}"}
    return css_findings(value)  # presentation attributes are CSS values: fill="url(…)"


def css_findings(text: str) -> set[str]:
    """What CSS (a style sheet, a style attribute or a presentation attribute) would load or run.

    Checked twice, with and without comments (a comment may hide text, or a string look like
    a comment), each case-insensitively after resolving escapes.
    """
    found: set[str] = set()
    if not any(char in text for char in CSS_SIGNIFICANT):  # most attributes (path data, colours): nothing to find
        return found
    for variant in (text, CSS_COMMENT_RE.sub("", text)):
        css = CSS_ESCAPE_RE.sub(_css_unescaped, variant).lower()
        for match in CSS_LOADING_RE.finditer(css):
            if match.group(1) != "url" or not css[match.end():].lstrip("'\"").startswith("#"):
                found.add(EXTERNAL)
        if "@import" in css:
            found.add(EXTERNAL)
        if CSS_EXPRESSION_RE.search(css):
            found.add("den CSS-Ausdruck „expression()“")
        if "javascript:" in INVISIBLE_RE.sub("", css):
            found.add("„javascript:“")
    return found


def _css_unescaped(match: re.Match) -> str:
    hex_digits, line_break, char = match.groups()
    if hex_digits:
        code = int(hex_digits, 16)
        return "\ufffd" if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else chr(code)
    return char or ""  # an escaped line break continues the line


def _namespace_note(namespace: str, expected: str) -> str:
    if namespace == expected:
        return ""
    return f" aus dem Namensraum „{namespace}“" if namespace else " ohne SVG-Namensraum"


def _split(tag) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name such as "{uri}href"."""
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


# Raster images: pixel size from the header.

def raster_size(data: bytes, suffix: str) -> tuple[int, int] | None:
    """(width, height) in pixels from the image header, or None if the header is not what the suffix claims."""
    if suffix == ".png" and data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if suffix == ".webp" and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        chunk = data[12:16]
        if chunk == b"VP8 " and len(data) >= 30:  # lossy: frame tag, start code, 14-bit width and height
            width, height = struct.unpack("<HH", data[26:30])
            return width & 0x3FFF, height & 0x3FFF
        if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:  # lossless: signature, 14 bits each, minus 1
            bits = struct.unpack("<I", data[21:25])[0]
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if chunk == b"VP8X" and len(data) >= 30:  # extended: 24-bit canvas width and height, minus 1
            return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
        return None
    if suffix in (".jpg", ".jpeg") and data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # start of frame: precision, height, width
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    return None
