"""The HTML a page or post may contain, written down once: elements, attributes, link targets.

Judged on the HTML that Markdown makes of the page (klimapakt.pages.render), so raw HTML, attr_list
attributes (`{: onclick=… }`) and Markdown links are seen as the browser would get them. Everything
not listed is refused, with what to write instead: no scripts, frames, forms, styles or event
handlers, no link that runs code, nothing loaded from another host.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from types import MappingProxyType
from typing import NamedTuple

from ..report import ERROR

# What Markdown writes (paragraphs, headings, lists, tables, admonitions, details, definition lists)
# and the few elements the pages write as HTML (div with markdown, br, sub, sup, abbr, span).
ELEMENTS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote",
    "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "div", "details", "summary",
    "abbr", "sub", "sup", "span", "img",
})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang"})
ATTRIBUTES = MappingProxyType({  # element -> attributes beyond the global ones
    "a": frozenset({"href"}), "img": frozenset({"src", "alt", "width", "height"}), "ol": frozenset({"start"}),
    "details": frozenset({"open"}), "th": frozenset({"style"}), "td": frozenset({"style"}),
})
TABLE_ALIGN_RE = re.compile(r"text-align: (?:left|right|center);")  # what Markdown's tables write
CLASS_RE = re.compile(r"[A-Za-z0-9_ -]{0,200}")
ID_RE = re.compile(r"[A-Za-z0-9_-]{1,100}")
URL_ATTRIBUTES = frozenset({"href", "src"})
LINK_SCHEMES = ("https", "mailto", "tel")
SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
IGNORED_IN_URL_RE = re.compile(r"[\x00-\x20\x7f]")  # browsers drop tabs and line breaks in a URL
ELEMENT_ADVICE = MappingProxyType({
    "script": "Skripte sind auf Seiten nicht erlaubt.",
    "iframe": "Eingebettete fremde Inhalte sind nicht erlaubt (sie laden von anderen Servern). Bitte stattdessen "
              "verlinken: [Text](https://…).",
    "style": "Gestaltung kommt aus docs/assets/css/; auf der Seite bitte eine vorhandene Klasse nutzen, z. B. "
             "„{ .kp-lead }“ unter dem Absatz.",
    "link": "Stylesheets und andere Dateien werden nicht von der Seite aus geladen.",
    "form": "Formulare sind nicht erlaubt; bitte auf die E-Mail-Adresse verweisen: {{ office_email_link() }}.",
    "svg": "Grafiken bitte als Datei in docs/assets/ ablegen und mit ![Beschreibung](assets/…svg) einbinden.",
    "b": "Für Fettes bitte **Text** schreiben.", "i": "Für Kursives bitte _Text_ schreiben.",
})
DEFAULT_ADVICE = ("Bitte Markdown verwenden (**fett**, _kursiv_, [Link](ziel.md), Listen mit „- “). Als HTML "
                  f"erlaubt sind nur: {', '.join(sorted({'div', 'span', 'br', 'sub', 'sup', 'abbr', 'details', 'summary'}))}.")


class Refusal(NamedTuple):
    message: str
    severity: str = ERROR


class Finding:
    """One refused thing in the HTML and the text to look for in the source to find its line."""

    def __init__(self, message: str, needles: tuple[str, ...], severity: str = ERROR):
        self.message, self.needles, self.severity = message, tuple(n.lower() for n in needles if n), severity


LinkRule = Callable[[str, str, str], "str | Refusal | None"]


def findings(page_html: str, link_problem: LinkRule | None = None) -> list[Finding]:
    """Everything in `page_html` outside the allow-list; `link_problem(element, attribute, url)` adds
    the rules on links inside the site (klimapakt.pages.links)."""
    parser = _Judge(link_problem)
    parser.feed(page_html)
    parser.close()
    return parser.found + dangerous_anywhere(page_html, parser.found)


class _Judge(HTMLParser):
    def __init__(self, link_problem):
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []
        self.link_problem = link_problem

    def handle_starttag(self, tag, attrs):
        if tag not in ELEMENTS:
            advice = ELEMENT_ADVICE.get(tag, DEFAULT_ADVICE)
            self.found.append(Finding(f"Das HTML-Element <{tag}> ist auf Seiten nicht erlaubt. {advice}", (f"<{tag}",)))
            return
        for name, value in attrs:
            message = attribute_problem(tag, name, value or "")
            if message is None and name in URL_ATTRIBUTES:
                message = url_problem(tag, value or "") or (self.link_problem and self.link_problem(tag, name, value or ""))
            if message:
                refusal = message if isinstance(message, Refusal) else Refusal(message)
                needles = (value or "", name) if name in URL_ATTRIBUTES else (f"{name}=", name)
                self.found.append(Finding(refusal.message, needles, refusal.severity))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        # A browser ends a comment earlier than this parser at `<!-->`, `<!--->` and `--!>`: whatever
        # follows would be markup there, so a comment holds no angle brackets at all.
        if "<" in data or ">" in data or data.startswith("-"):
            self.found.append(Finding(f"Der Kommentar „<!--{data[:30]}“ enthält spitze Klammern; Kommentare bitte nur "
                                      "mit Text, z. B. „<!-- more -->“.", ("<!--",)))

    def handle_decl(self, decl):
        self.found.append(Finding(f"„<!{decl[:30]}“: Anweisungen in spitzen Klammern sind auf Seiten nicht erlaubt.",
                                  ("<!" + decl[:10],)))

    def handle_pi(self, data):
        self.found.append(Finding(f"„<?{data[:30]}“: Anweisungen in spitzen Klammern sind auf Seiten nicht erlaubt.",
                                  ("<?" + data[:10],)))

    def unknown_decl(self, data):
        self.found.append(Finding(f"„<![{data[:30]}“: Anweisungen in spitzen Klammern sind auf Seiten nicht erlaubt.",
                                  ("<![",)))


# A second look at the HTML as text, for what a browser would read as one of these elements where
# this parser saw a comment or text (code on the page is escaped, `&lt;script`, and never matches).
DANGEROUS_RE = re.compile(r"<\s*(script|iframe|frame|object|embed|style|link|meta|base|form|svg|math|template|"
                          r"noscript|xmp|plaintext|textarea|title|applet)\b", re.I)


def dangerous_anywhere(page_html: str, found: list[Finding]) -> list[Finding]:
    seen = {f.needles[0] for f in found if f.needles}
    return [Finding(f"Das HTML-Element <{name}> ist auf Seiten nicht erlaubt. "
                    f"{ELEMENT_ADVICE.get(name, DEFAULT_ADVICE)}", (f"<{name}",))
            for name in dict.fromkeys(m.group(1).lower() for m in DANGEROUS_RE.finditer(page_html))
            if f"<{name}" not in seen]


def attribute_problem(tag: str, name: str, value: str) -> str | None:
    if name.startswith("on"):
        return (f"„{name}“ an <{tag}> würde Programmcode ausführen und ist nicht erlaubt. Bitte das Attribut "
                "löschen.")
    if name == "style" and not (name in ATTRIBUTES.get(tag, ()) and TABLE_ALIGN_RE.fullmatch(value)):
        return ("„style“ ist nicht erlaubt: Gestaltung kommt aus docs/assets/css/. Bitte eine vorhandene Klasse "
                "nutzen, z. B. „{ .kp-lead }“.")
    if name not in GLOBAL_ATTRIBUTES and name not in ATTRIBUTES.get(tag, ()):
        allowed = sorted(GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, frozenset()))
        return f"Das Attribut „{name}“ an <{tag}> ist nicht erlaubt. Erlaubt sind: {', '.join(allowed)}."
    if name == "class" and not CLASS_RE.fullmatch(value) or name == "id" and not ID_RE.fullmatch(value):
        return f"„{name}“: nur Buchstaben, Ziffern, „-“ und „_“ sind erlaubt."
    return None


def url_problem(tag: str, url: str) -> str | None:
    """Links: https, mailto, tel or a path inside the site; images and other files only from the site."""
    cleaned = IGNORED_IN_URL_RE.sub("", html.unescape(url))
    scheme = SCHEME_RE.match(cleaned)
    shown = url[:60]
    if tag == "img" and (scheme or cleaned.startswith("//")):
        return (f"Das Bild „{shown}“ käme von einem anderen Server (das verrät Besucherinnen und Besucher an ihn). "
                "Bitte das Bild in docs/assets/ hochladen und relativ einbinden: ![Beschreibung](assets/bild.png).")
    if cleaned.startswith("//"):
        return f"„{shown}“: Bitte die Adresse vollständig mit „https://“ schreiben."
    if not scheme:
        return None
    name = scheme.group(1).lower()
    if name == "http":
        return f"„{shown}“: Bitte die sichere Adresse mit „https://“ verlinken."
    if name not in LINK_SCHEMES:
        return (f"„{shown}“ ist als Link nicht erlaubt. Erlaubt sind Adressen mit https://, mailto: und tel: und "
                "Links auf Seiten dieser Website, z. B. [Mitmachen](mitmachen.md).")
    return None


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value]


def ids_in(page_html: str) -> list[str]:
    """The ids in a page's HTML: the anchors a link may point at."""
    parser = _Ids()
    parser.feed(page_html)
    parser.close()
    return parser.ids
