"""Links between the site's pages: to a page (`mitmachen.md`), an anchor (`mitmachen.md#wer-mitmachen-kann`),
a partner's profile by its id (`partner/<id>.md`, see klimapakt.mkdocs.profile_links), or a file.

MkDocs resolves links to `.md` files; a link to a folder (`partner/acme/`) or from the site root
(`/mitmachen/`) it leaves as written, which breaks in the preview, so both are refused with the
form to write instead.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..report import WARNING
from ..rules.markup import Refusal
from ..vocabulary import PROFILE_DIR

PROFILE_RE = re.compile(rf"{PROFILE_DIR}/([^/]+?)(?:\.md|/index\.md)")
MISPLACED_PROFILE_RE = re.compile(rf"/{PROFILE_DIR}/([^/]+?)(?:\.md|/index\.md)$")  # e.g. from a post without ../../
# Written by the build, not in docs/: outputs/ical.FEED_PATH, outputs/feeds, exports.EXPORT_DIR
# (tests/pages/test_links.py compares them).
GENERATED = ("veranstaltungen.ics", "aktuelles/feed.xml", "aktuelles/feed.json", "daten/")


@dataclass(frozen=True)
class Site:
    pages: frozenset[str]  # .md paths below docs/
    files: frozenset[str]  # every other file below docs/
    partner_ids: frozenset[str]
    anchors: dict[str, frozenset[str]] = field(default_factory=dict)  # page -> the ids of its headings
    with_macros: frozenset[str] = frozenset()  # pages whose macros may add more ids


def link_problem(site: Site, page: str, element: str, url: str) -> str | Refusal | None:
    """Why a link without a scheme from `page` leads nowhere, in German; None when it is fine."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return anchor_problem(site, page, page, anchor)
    if path.startswith("/"):
        return (f"„{url[:60]}“ beginnt mit „/“; Links innerhalb der Website bitte relativ zur Datei schreiben, z. B. "
                f"[Text]({relative(page, 'mitmachen.md')}).")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target.startswith("../") or target == "..":
        return f"„{url[:60]}“ führt aus dem Ordner docs/ hinaus. Bitte den Pfad prüfen."
    profile = PROFILE_RE.fullmatch(target)
    if profile:
        return profile_problem(site, page, profile.group(1))
    if target.startswith(PROFILE_DIR + "/"):
        return (f"„{url[:60]}“: Profile bitte als Datei verlinken: "
                f"[Name]({relative(page, PROFILE_DIR + '/' + target.split('/')[1] + '.md')}).")
    misplaced = MISPLACED_PROFILE_RE.search(target)
    if misplaced and target not in site.pages:
        return (f"„{url[:60]}“: Profile liegen im Ordner partner/ der Website; von dieser Datei aus heißt der Link "
                f"[Name]({relative(page, PROFILE_DIR + '/' + misplaced.group(1) + '.md')}).")
    if target.endswith(".md"):
        if target not in site.pages:
            return f"Die Seite „{target}“ gibt es nicht.{did_you_mean(target, site.pages)}"
        return anchor_problem(site, page, target, anchor)
    if target in site.files or target in GENERATED or target.startswith(tuple(g for g in GENERATED if g.endswith("/"))):
        return None
    if element == "a" and (path.endswith("/") or not posixpath.splitext(path)[1]):
        return (f"„{url[:60]}“: Bitte auf die Datei der Seite verlinken, z. B. [Text]({relative(page, 'mitmachen.md')}); "
                "so funktioniert der Link auch in der Vorschau.")
    return f"Die Datei „{target}“ gibt es in docs/ nicht.{did_you_mean(target, site.files)}"


def profile_problem(site: Site, page: str, partner_id: str) -> str | None:
    if partner_id in site.partner_ids:
        return None
    return (f"Einen Partner mit der Kennung „{partner_id}“ gibt es in partners.yml nicht."
            f"{did_you_mean(partner_id, site.partner_ids)} Profile werden so verlinkt: "
            f"[Name]({relative(page, PROFILE_DIR + '/kennung.md')}).")


def anchor_problem(site: Site, page: str, target: str, anchor: str) -> str | Refusal | None:
    known = site.anchors.get(target)
    if not anchor or known is None or anchor in known:
        return None
    shown = "dieser Seite" if target == page else f"„{target}“"
    message = (f"Auf {shown} gibt es keine Überschrift mit der Stelle „#{anchor}“.{did_you_mean(anchor, known)} Die "
               "Stelle einer Überschrift heißt wie die Überschrift in Kleinbuchstaben, mit „-“ statt Leerzeichen.")
    if target in site.with_macros:  # a macro's HTML may hold it (an event's id, the directory's letters)
        return Refusal(message + " Stammt die Stelle von einem Baustein der Seite, ist alles in Ordnung; bitte in "
                       "der Vorschau ausprobieren.", WARNING)
    return message


def did_you_mean(value: str, choices) -> str:
    close = difflib.get_close_matches(value, sorted(choices), n=1)
    return f" Meinten Sie „{close[0]}“?" if close else ""


def relative(page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")
