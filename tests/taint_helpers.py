"""Taint markers and the checks that follow them through every file the build writes.

A marker is a unique sentinel (`ZZ07Q`) followed by characters that break HTML, XML, CSV,
iCalendar, JSON, Markdown and Jinja. Wherever a sentinel turns up in an output, the whole
marker must follow it, decoded by that file type's own parser: then it was escaped exactly
once, and nothing around it became markup. Every check returns readable problems (empty =
passed), so tests can report all of them at once.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import icalendar
from bs4 import BeautifulSoup, Comment, Doctype

from klimapakt import exports

SENTINEL_RE = re.compile(r"ZZ\d{2}Q", re.I)
FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet starts a formula with
CSV_DIALECT = {"delimiter": ";", "quotechar": '"', "doublequote": True}

# Refused by today's rules (HTML tags, "{{", "{%"): used with the plain-text rule switched off,
# to show that escaping holds on its own. An unclosed tag, an attribute breakout, a closing
# </title>, entities that must stay text, Jinja, CSV and iCalendar separators (\\N is an
# iCalendar line break when left unescaped), Markdown.
HOSTILE = "</title><script>x\" onmouseover=\"x\" '&amp;lt;&#x3C;{{x}}{%x%};,\\N*_[l](javascript:x)<img src=x onerror=alert(1)"
# Passes today's rules, so the real `mkdocs build --strict` accepts it.
ACCEPTED = "Muster <1> \"Q\" & 'Z';,\\N \" onmouseover=\"x &amp;lt; &#x3C; *_[l](javascript:x) < img"
# For longtext fields: a line break that would start a new iCalendar property, and a blank line
# that would end a Markdown HTML block.
LINES = "\nX-INJECTED:1\n\nzweiter *Absatz*\n"


@dataclass(frozen=True)
class Taint:
    """A registry and an events file whose every text field holds its own marker."""

    partners: dict
    events: dict
    markers: dict[str, str]  # label ("p1.name") -> marker
    expected: dict[str, tuple[str, ...]]  # label -> site files that must show the marker
    office: dict[str, str]  # mkdocs.yml extra.settings.geschaeftsstelle; empty: as configured

    def by_sentinel(self) -> dict[str, str]:
        return {SENTINEL_RE.search(m).group().upper(): m for m in self.markers.values()}


PROFILE_1, PROFILE_2 = "partner/muster-eins/index.html", "partner/muster-zwei/index.html"
DIRECTORY, EVENTS_PAGE, HOME = "klimapartner/index.html", "veranstaltungen/index.html", "index.html"
SEARCH, JSON_EXPORT, CALENDAR = "search/search_index.json", "daten/partners.json", "veranstaltungen.ics"
MITMACHEN, KONTAKT, VCARD = "mitmachen/index.html", "kontakt/index.html", "kontakt/geschaeftsstelle-klimapakt.vcf"


def taint(payload: str, *, hostile_addresses: bool, office: bool = False) -> Taint:
    """Markers in every text field of two partners and three events (two upcoming on TODAY).

    `hostile_addresses` adds e-mail addresses with "?cc=" and "&body=" (RFC 5322 allows them
    in the local part): the build test that relaxes the rules uses them. `office` puts markers
    into the office's settings too (a build that can patch mkdocs.yml's values in-process).
    """
    markers: dict[str, str] = {}
    expected: dict[str, tuple[str, ...]] = {}

    def mark(label: str, *files: str, prefix: str = "", long: bool = False, text: str | None = None) -> str:
        number = len(markers) + 1
        sentinel = f"ZZ{number:02d}Q"
        value = text.replace("{s}", sentinel) if text else f"{prefix}{sentinel}{payload}"
        if long:
            value = value.replace(";,", LINES + ";,", 1)
        markers[label], expected[label] = value, files
        return value

    email = ("{s}?cc=spy%40evil.example&body=x@testwerk.example" if hostile_addresses else "{s}.info@testwerk.example")
    csv_p, csv_m = "daten/partners.csv", "daten/measures.csv"
    partner_one = {
        "id": "muster-eins", "role": "partner", "status": "partner", "joined": "2024-01-02", "sector": "C",
        "size": "small", "district": 3,
        "name": mark("p1.name", PROFILE_1, DIRECTORY, EVENTS_PAGE, SEARCH, JSON_EXPORT, csv_p),
        "website": mark("p1.website", PROFILE_1, JSON_EXPORT, csv_p,
                        text="https://testwerk.example/{s}?q=\"'<1>&amp;;," + ("{{x}}" if hostile_addresses else "")),
        "description": mark("p1.description", PROFILE_1, SEARCH, JSON_EXPORT, csv_p, long=True),
        "contact": {
            "name": mark("p1.contact.name", PROFILE_1, JSON_EXPORT, csv_p, prefix="@"),
            "role": mark("p1.contact.role", PROFILE_1, JSON_EXPORT, csv_p, prefix="="),
            "email": mark("p1.contact.email", PROFILE_1, JSON_EXPORT, csv_p, text=email),
            "phone": "+49 211 123456",
        },
        "agreement": {"signed": "2024-03-01", "targets": [{"year": 2035, "climate_neutral": True}], "measures": [{
            "title": mark("p1.measure.title", PROFILE_1, SEARCH, JSON_EXPORT, csv_m, prefix="+"),
            "field": "mobility", "status": "done", "year": 2024,
            "description": mark("p1.measure.description", PROFILE_1, JSON_EXPORT, csv_m, prefix="-", long=True),
        }]},
        "emissions": [{"year": 2023, "scope1": 10.5}],
        "last_reviewed": "2026-01-01",
    }
    partner_two = {"id": "muster-zwei", "role": "founding", "status": "letter-of-intent",
                   "name": mark("p2.name", PROFILE_2, DIRECTORY, EVENTS_PAGE, SEARCH, JSON_EXPORT, csv_p)}
    one, two, three = CALENDAR, "veranstaltungen/kommend.ics", "veranstaltungen/spaeter.ics"
    events = [
        {"id": "kommend", "title": mark("e1.title", EVENTS_PAGE, HOME, one, two),
         "start": "2026-12-10T17:00", "end": "2026-12-10T19:00",
         "location": {"name": mark("e1.location.name", EVENTS_PAGE, HOME, one, two),
                      "address": mark("e1.location.address", EVENTS_PAGE, HOME, one, two)},
         "description": mark("e1.description", EVENTS_PAGE, one, two, long=True),
         "registration": mark("e1.registration", EVENTS_PAGE, one, two,
                              text="https://anmeldung.example/{s}?a=\"<1>'&x;,"),
         "kind": "workshop", "partners": ["muster-eins", "muster-zwei"]},
        {"id": "spaeter", "title": mark("e2.title", EVENTS_PAGE, one, three), "start": "2027-01-20",
         "registration": mark("e2.registration", EVENTS_PAGE, one, three,
                              text=email.replace("body=x", "body=y").replace(".info", ".anmeldung")),
         "kind": "consultation"},
        {"id": "vorbei", "title": mark("e3.title", EVENTS_PAGE, one, "veranstaltungen/vorbei.ics"),
         "start": "2025-01-10", "kind": "other"},
    ]
    settings = {}
    if office:
        pages = (HOME, MITMACHEN, KONTAKT, VCARD)  # the contact box on the first two, Kontakt, the vCard
        settings = {"name": mark("office.name", *pages), "organisation": mark("office.organisation", KONTAKT, VCARD),
                    "email": mark("office.email", *pages), "telefon": mark("office.telefon", *pages),
                    "adresse": mark("office.adresse", KONTAKT, VCARD),
                    "ansprechperson": mark("office.ansprechperson", KONTAKT, VCARD)}
    return Taint({"partners": [partner_one, partner_two]}, {"events": events}, markers, expected, settings)


# --- the check: wherever a sentinel is, its whole marker follows

def misplaced(text: str, by_sentinel: dict[str, str], where: str, *, spaces: bool = False) -> list[str]:
    """Problems where a sentinel in `text` is not followed by its intact marker.

    `spaces`: HTML text, where runs of white space are one space (the browser and Material's
    search index collapse them), so marker and text are compared with collapsed white space.
    Attribute values may also hold the marker lower-cased (the directory's `data-name`).
    """
    if spaces:
        text = " ".join(text.split())
    problems = []
    for match in SENTINEL_RE.finditer(text):
        marker = by_sentinel.get(match.group().upper())
        if marker is None:
            problems.append(f"{where}: unknown sentinel {match.group()}")
            continue
        if spaces:
            marker = " ".join(marker.split())
        start = match.start() - marker.index(SENTINEL_RE.search(marker).group())
        piece = text[max(start, 0):start + len(marker)]
        if piece not in (marker, marker.lower()):
            problems.append(f"{where}: expected {marker!r}, found {piece!r}")
    return problems


def found(text: str, by_sentinel: dict[str, str], *, spaces: bool = False) -> set[str]:
    """The markers that appear intact in `text` (white space collapsed with `spaces`)."""
    def norm(value: str) -> str:
        return " ".join(value.split()) if spaces else value
    return {m for m in by_sentinel.values() if norm(m) in norm(text) or norm(m).lower() in norm(text)}


@dataclass
class Report:
    problems: list[str]
    shown: dict[str, set[str]]  # site file -> markers shown intact in it

    def add(self, path: str, problems: list[str], shown: set[str]) -> None:
        self.problems += problems
        if shown:
            self.shown.setdefault(path, set()).update(shown)


def needs_escaping(by_sentinel: dict[str, str]) -> list[str]:
    """The markers that cannot appear unchanged in escaped HTML or XML source (a "&" or a quote
    can: "a&" is the start of "a&amp;"; the parsed text tells whether they were escaped)."""
    return [m for m in by_sentinel.values() if "<" in m or ">" in m]


def html_strings(soup: BeautifulSoup) -> list[tuple[str, str, bool]]:
    """(context, decoded text, is HTML text) for every text node and attribute value.

    Two kinds of text hold HTML on purpose and are read one level deeper: the badge's
    "copy this HTML" code block, and mailto: links (percent-encoded, RFC 6068).
    """
    strings: list[tuple[str, str, bool]] = []
    for node in soup.find_all(string=True):
        if isinstance(node, (Comment, Doctype)):
            strings.append(("comment", str(node), False))
        elif not node.find_parent("pre", class_="kp-badge__code"):
            strings.append((node.parent.name if node.parent else "text", str(node), True))
    for code in soup.select("pre.kp-badge__code code"):
        strings += html_strings(BeautifulSoup(code.get_text(), "html.parser"))
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            for item in value if isinstance(value, list) else [value]:
                if name == "href" and item.startswith("mailto:"):
                    item = unquote(item)
                strings.append((f"<{tag.name} {name}>", item, False))
    return strings


def check_html(text: str, by_sentinel: dict[str, str], where: str) -> tuple[list[str], set[str]]:
    problems = [f"{where}: raw marker {m[:40]!r}…" for m in needs_escaping(by_sentinel) if m in text or m.lower() in text]
    shown: set[str] = set()
    for context, value, is_text in html_strings(BeautifulSoup(text, "html.parser")):
        problems += misplaced(value, by_sentinel, f"{where} {context}", spaces=is_text)
        shown |= found(value, by_sentinel, spaces=is_text)
    return problems, shown


def json_strings(value) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [(f"{k}.{path}" if path else k, s) for k, v in value.items() for path, s in json_strings(v)]
    if isinstance(value, list):
        return [pair for item in value for pair in json_strings(item)]
    return [("", value)] if isinstance(value, str) else []


def check_json(text: str, by_sentinel: dict[str, str], where: str, *, html: bool) -> tuple[list[str], set[str]]:
    """Every string of the parsed document; in the search index, title and text are HTML."""
    problems: list[str] = []
    shown: set[str] = set()
    for key, value in json_strings(json.loads(text)):
        if html and key.split(".")[-1] in ("title", "text"):
            more, seen = check_html(value, by_sentinel, f"{where} {key}")
            problems += more + foreign_markup(value, f"{where} {key}", fragment=True)
        else:
            more, seen = misplaced(value, by_sentinel, f"{where} {key}"), found(value, by_sentinel)
            problems += more
        shown |= seen
    return problems, shown


def check_csv(data: bytes, by_sentinel: dict[str, str], where: str) -> tuple[list[str], set[str]]:
    """Parsed back with the csv module: each cell is its marker; none starts a formula."""
    problems: list[str] = []
    shown: set[str] = set()
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), **CSV_DIALECT):
        for cell in row:
            if cell.startswith(FORMULA_CHARS):
                problems.append(f"{where}: cell starts a spreadsheet formula: {cell[:40]!r}")
            value = exports.parse_scalar("text", cell)  # the documented way back: drop the apostrophe
            problems += misplaced(value, by_sentinel, where)
            shown |= {m for m in by_sentinel.values() if m == value}
    return problems, shown


CONTENT_LINE_RE = re.compile(r"^[A-Za-z0-9-]+[;:]")


def ics_texts(component: icalendar.cal.Component) -> list[tuple[str, str]]:
    texts = []
    for name, value in component.property_items(recursive=True):
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, icalendar.vCategory):
                texts += [(name, str(cat)) for cat in item.cats]
            elif isinstance(item, icalendar.prop.vUnknown):  # icalendar reads NAME verbatim: TEXT per RFC 7986
                texts.append((name, icalendar.parser.unescape_backslash(str(item))))
            elif isinstance(item, (str, bytes)):
                texts.append((name, item.decode() if isinstance(item, bytes) else str(item)))
    return texts


def line_feeds(text: str) -> str:
    """Text as XML and iCalendar give it back: every line end is a line feed (XML 1.0, section
    2.11; RFC 5545 TEXT knows only "\\n")."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_ics(data: bytes, by_sentinel: dict[str, str], where: str) -> tuple[list[str], set[str]]:
    """Unfolded, every line is a property; parsed with icalendar, every text is its marker."""
    by_sentinel = {key: line_feeds(marker) for key, marker in by_sentinel.items()}
    lines = data.decode("utf-8").replace("\r\n ", "").split("\r\n")
    problems = [f"{where}: not a content line: {line[:60]!r}" for line in lines if line and not CONTENT_LINE_RE.match(line)]
    problems += [f"{where}: property injected by data: {line[:60]!r}" for line in lines if line.startswith("X-INJECTED")]
    shown: set[str] = set()
    for name, value in ics_texts(icalendar.Calendar.from_ical(data)):
        problems += misplaced(value, by_sentinel, f"{where} {name}")
        shown |= found(value, by_sentinel)
    return problems, shown


def vcard_lines(data: bytes) -> list[str]:
    """A vCard's content lines, unfolded (RFC 2426 section 2.6: CRLF and one space or tab)."""
    text = data.decode("utf-8")
    return [line for line in text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n") if line]


def vcard_values(value: str) -> list[str]:
    """A property's value split at its unescaped semicolons, each part unescaped: a backslash before
    "n" or "N" is a line break, before any other character that character (RFC 2426 section 5)."""
    parts, current, chars = [], "", iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current += "\n" if following in ("n", "N") else following
        elif char == ";":
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def check_vcf(data: bytes, by_sentinel: dict[str, str], where: str) -> tuple[list[str], set[str]]:
    """CRLF only; unfolded, one card whose every line is a property; each value, unescaped, its marker."""
    text = data.decode("utf-8")
    problems = [] if "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "") else [
        f"{where}: a line end other than CRLF"]
    lines = vcard_lines(data)
    problems += [f"{where}: not a content line: {line[:60]!r}" for line in lines if not CONTENT_LINE_RE.match(line)]
    problems += [f"{where}: property injected by data: {line[:60]!r}" for line in lines if line.startswith("X-INJECTED")]
    if (lines.count("BEGIN:VCARD"), lines.count("END:VCARD")) != (1, 1):
        problems.append(f"{where}: not exactly one vCard")
    shown: set[str] = set()
    for line in lines:
        name, _, value = line.partition(":")
        for part in vcard_values(value):
            problems += misplaced(part, by_sentinel, f"{where} {name}")
            shown |= found(part, by_sentinel)
    return problems, shown


def check_xml(data: bytes, by_sentinel: dict[str, str], where: str) -> tuple[list[str], set[str]]:
    problems = [f"{where}: raw marker {m[:40]!r}…" for m in needs_escaping(by_sentinel) if m.encode() in data]
    shown: set[str] = set()
    for element in ET.fromstring(data).iter():
        for value in [element.text or "", element.tail or "", *element.attrib.values()]:
            problems += misplaced(value, by_sentinel, f"{where} <{element.tag}>")
            shown |= found(value, by_sentinel)
    return problems, shown


def check_site(site: Path, taint_: Taint) -> Report:
    """Every file of the built site, by type; returns the problems and where each marker shows."""
    by_sentinel = taint_.by_sentinel()
    report = Report([], {})
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        where = path.relative_to(site).as_posix()
        data = path.read_bytes()
        suffix = path.suffix.lower()
        if suffix == ".html":
            report.add(where, *check_html(data.decode("utf-8"), by_sentinel, where))
        elif suffix == ".json":
            report.add(where, *check_json(data.decode("utf-8"), by_sentinel, where, html=where == SEARCH))
        elif suffix == ".csv":
            report.add(where, *check_csv(data, by_sentinel, where))
        elif suffix == ".ics":
            report.add(where, *check_ics(data, by_sentinel, where))
        elif suffix == ".vcf":
            report.add(where, *check_vcf(data, by_sentinel, where))
        elif suffix in (".xml", ".rss", ".svg"):
            report.add(where, *check_xml(data, by_sentinel, where))
        elif where.endswith(".xml.gz"):
            report.add(where, *check_xml(gzip.decompress(data), by_sentinel, where))
        elif SENTINEL_RE.search(data.decode("latin-1")):  # .js, .css, .txt, images, fonts: never data
            report.add(where, [f"{where}: data in a file that should hold none"], set())
    return report


# --- nothing from data becomes an element or attribute

# The site's own scripts: Material's bundle and two inline scripts, the config (JSON), ours.
SCRIPT_SOURCES = re.compile(r"^(?:/|(?:\.\./)*)assets/(javascripts/bundle\.[0-9a-f]+\.min\.js|js/search-on-demand\.js|js/directory\.js|js/profile-back\.js|js/header-controls\.js)$")
INLINE_SCRIPTS = ("__md_scope=new URL(", "var target=document.getElementById(location.hash.slice(1));")
FORMS = {("md-search__form", "search"), ("kp-filter", None)}  # (class, name): Material's search, the directory filter
FORBIDDEN_TAGS = ("iframe", "frame", "object", "embed", "base", "applet", "portal")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset")


def foreign_markup(text: str, where: str, *, fragment: bool = False) -> list[str]:
    """Problems where the HTML holds an element or attribute the site does not write itself.

    `fragment`: a piece of HTML from the search index, which may hold no script or form at all.
    """
    soup = BeautifulSoup(text, "html.parser")
    problems = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                problems.append(f"{where}: event handler <{tag.name} {name}>")
            values = value if isinstance(value, list) else [value]
            if name.lower() in URL_ATTRIBUTES and any(is_javascript_url(v) for v in values):
                problems.append(f"{where}: javascript: URL in <{tag.name} {name}>")
        if tag.name in FORBIDDEN_TAGS:
            problems.append(f"{where}: <{tag.name}>")
        if tag.name == "meta" and "http-equiv" in tag.attrs and not is_own_meta(tag, fragment):
            problems.append(f"{where}: <meta http-equiv>")
        if tag.name in ("script", "style") and SENTINEL_RE.search(tag.get_text()):
            problems.append(f"{where}: data inside <{tag.name}>")
        if tag.name == "script" and (fragment or not is_own_script(tag)):
            problems.append(f"{where}: foreign <script {tag.attrs}>")
        if tag.name == "form" and (fragment or form_key(tag) not in FORMS):
            problems.append(f"{where}: foreign <form {tag.attrs}>")
    return problems


# The two the build writes: the Content Security Policy (klimapakt.hosting.csp) and the forwarding of a
# former profile address (klimapakt.outputs.redirects).
OWN_META = {"content-security-policy": re.compile(r"default-src 'none'; [A-Za-z0-9 ;:'/.+=_-]+"),
            "refresh": re.compile(r"0; url=\.\./[a-z0-9-]+/")}


def is_own_meta(tag, fragment: bool) -> bool:
    allowed = OWN_META.get(str(tag.get("http-equiv", "")).lower())
    content = str(tag.get("content", ""))
    return (not fragment and allowed is not None and tag.parent is not None and tag.parent.name == "head"
            and allowed.fullmatch(content) is not None and not SENTINEL_RE.search(content))


def is_javascript_url(value: str) -> bool:
    # Browsers ignore ASCII white space and control characters in the scheme.
    return re.sub(r"[\x00-\x20]", "", value).lower().startswith(("javascript:", "vbscript:", "data:text/html"))


def is_own_script(tag) -> bool:
    if tag.get("src"):
        return bool(SCRIPT_SOURCES.match(tag["src"]))
    if tag.get("type") == "application/json":
        return tag.get("id") == "__config"
    return tag.get_text().startswith(INLINE_SCRIPTS)


def form_key(tag) -> tuple[str, str | None]:
    return (" ".join(tag.get("class", [])), tag.get("name"))
