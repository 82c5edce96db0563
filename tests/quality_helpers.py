"""Checkers for the quality gates: accessibility, privacy, HTML validity, links, page weight.

Every checker returns a list of readable problems (empty = passed), so the site's tests
and tests/test_checkers.py (which runs them on deliberately broken fixture pages) use the
same code. The pinned tools come from package.json (`npm ci`, run by `make test`):
axe-core's script is injected into the page, vnu.jar runs on Java.
"""

from __future__ import annotations

import gzip
import html.parser
import json
import re
import shutil
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

WIDTHS = (390, 1280)
HEIGHT = 900
# WCAG 2.0 and 2.1, levels A and AA: the axe rules tagged with these (axe-core API, `runOnly` by tag).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules that cannot be met, with the reason; each is also named in the Erklärung zur Barrierefreiheit.
AXE_EXCEPTIONS: dict[str, str] = {}
LOCAL_HOSTS = {"127.0.0.1"}
BUDGET_BYTES = 250_000  # 250 kB, gzip-compressed, for everything a first visit loads
GZIP_LEVEL = 6  # what web servers use by default (nginx gzip_comp_level 6 is the usual setting)

# Page types the issue names, with their URL path in the built site (None: discovered).
REQUIRED_PAGES = {
    "start": "",
    "pact": "klimapakt/",
    "directory": "klimapartner/",
    "profile": None,
    "news-list": "aktuelles/",
    "news-post": None,
    "contact": "kontakt/",
    "imprint": "impressum/",
    "privacy": "datenschutz/",
    "accessibility": "barrierefreiheit/",
    "leichte-sprache": "leichte-sprache/",
    "404": "diese-seite-gibt-es-nicht/",
}
_NOT_PAGES = {"assets", "search", "partner", "aktuelles"}


def require_tool(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `make test` (it runs `npm ci` for the pinned tools)")
    return path


# ------------------------------------------------------------------ discovering the pages


def full_profile(site: Path) -> str:
    """URL path of a partner profile with everything: logo, contact, targets, measures, emissions."""
    needles = ('class="kp-profile__logo"', 'id="kontakt"', 'id="ziele"', 'id="massnahmen"', 'id="emissionen"')
    for page in sorted((site / "partner").glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        if all(n in text for n in needles):
            return f"partner/{page.parent.name}/"
    raise AssertionError("no partner profile with logo, contact, targets, measures and emissions in the build")


def news_post(site: Path) -> str:
    for page in sorted((site / "aktuelles").glob("*/index.html")):
        if page.parent.name not in {"archive", "category", "page"}:
            return f"aktuelles/{page.parent.name}/"
    raise AssertionError("no news post in the build")


@lru_cache(maxsize=None)
def page_types(site: Path) -> dict[str, str]:
    """Every page type to check: the required ones, then every other top-level page and
    one blog archive and category page, as far as the build has them (pages come and go)."""
    pages: dict[str, str] = {}
    for name, path in REQUIRED_PAGES.items():
        if name == "profile":
            path = full_profile(site)
        elif name == "news-post":
            path = news_post(site)
        elif name != "404":
            assert (site / path / "index.html").is_file(), f"page type {name!r} missing: /{path}"
        pages[name] = path
    known = set(pages.values())
    for index in sorted(site.glob("*/index.html")):
        name = index.parent.name
        if name not in _NOT_PAGES and f"{name}/" not in known:
            pages[name] = f"{name}/"
    for kind in ("archive", "category"):
        first = sorted((site / "aktuelles" / kind).glob("*/index.html"))
        if first:
            pages[f"news-{kind}"] = first[0].parent.relative_to(site).as_posix() + "/"
    return pages


# ------------------------------------------------------------------ axe-core


def inject_axe(page) -> None:
    page.add_script_tag(path=str(require_tool(AXE_JS)))


def axe_rule_ids(page, tags=AXE_TAGS) -> list[str]:
    inject_axe(page)
    return page.evaluate("tags => axe.getRules(tags).map(r => r.ruleId)", tags)


def run_axe(page, tags=AXE_TAGS, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page: all rules for `tags`, or only `rules`."""
    inject_axe(page)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": tags}
    result = page.evaluate(
        "runOnly => axe.run(document, {runOnly, resultTypes: ['violations']})", run_only)
    return [v for v in result["violations"] if v["id"] not in AXE_EXCEPTIONS]


def describe_violations(violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{v['id']} ({v['impact']}): {node['target']}: {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"{v['id']}: … and {len(v['nodes']) - 5} more")
    return lines


# ------------------------------------------------------------------ accessibility checks in the page

_PAGE_CHECKS_JS = r"""
() => {
  const problems = [];
  const lang = document.documentElement.getAttribute('lang');
  if (lang !== 'de') problems.push(`<html lang> is ${JSON.stringify(lang)}, not "de"`);
  const rendered = el => !el.closest('[hidden]') && getComputedStyle(el).display !== 'none'
    && !el.closest('[aria-hidden="true"]');
  // Headings: exactly one h1, and no level skipped on the way down.
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(rendered);
  const h1 = headings.filter(h => h.tagName === 'H1').length;
  if (h1 !== 1) problems.push(`${h1} visible h1 headings, expected 1`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (previous && level > previous + 1)
      problems.push(`heading level skipped: h${previous} then h${level} "${h.textContent.trim().slice(0, 60)}"`);
    previous = level;
  }
  // Images: every <img> has an alt attribute; decorative ones (alt="") are hidden from the tree.
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push(`img without alt: ${img.getAttribute('src')}`);
  }
  // Inline SVG: hidden (decorative) or an image with a name; charts also need a text alternative.
  const named = el => (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby')
    || (el.querySelector(':scope > title') || {}).textContent;
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.closest('[aria-hidden="true"]') || svg.parentElement.closest('svg')) continue;
    if (svg.closest('a, button, label') && (svg.closest('a, button, label').textContent.trim()
        || svg.closest('a, button, label').getAttribute('aria-label') || svg.closest('a, button, label').getAttribute('title'))) continue;
    if (svg.getAttribute('role') === 'img' && named(svg)) continue;
    problems.push(`svg neither aria-hidden nor role="img" with a name: ${svg.outerHTML.slice(0, 120)}`);
  }
  for (const chart of document.querySelectorAll('.kp-chart, [class*="chart"]:is(svg, img, figure)')) {
    const text = chart.tagName === 'IMG' ? chart.getAttribute('alt') : named(chart);
    if (!text || !text.trim()) problems.push(`chart without text alternative: ${chart.outerHTML.slice(0, 120)}`);
  }
  // A skip link to the content, first in the tab order.
  const skip = document.querySelector('a.md-skip, a[href^="#"].skip-link');
  if (!skip) problems.push('no skip link');
  else {
    const target = document.getElementById(decodeURIComponent(skip.hash.slice(1)));
    if (!target || !target.closest('.md-content, [role="main"], article'))
      problems.push(`skip link ${skip.getAttribute('href')} does not point into the main content`);
  }
  return problems;
}
"""


def page_problems(page) -> list[str]:
    """lang, heading order, image and chart alternatives, skip link."""
    return page.evaluate(_PAGE_CHECKS_JS)


_OVERFLOW_JS = r"""
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width + 1)
    problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`);
  // Content pushed past the right edge that overflow: hidden would merely cut off.
  const clipped = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o !== 'visible') return true; } return false; };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
    if (getComputedStyle(el).visibility === 'hidden' || clipped(el)) continue;
    offenders.push(`${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80) + ` right edge ${Math.round(r.right)} px`);
  }
  return problems.concat(offenders.slice(0, 5));
}
"""


def reflow_problems(page) -> list[str]:
    return page.evaluate(_OVERFLOW_JS)


_DESCRIBE_JS = r"""
(el) => {
  const id = el.id ? '#' + el.id : '';
  const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
  const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  const rgba = c => { const n = (c.match(/[\d.]+/g) || []).map(Number); return n.length < 3 ? [0, 0, 0, 0] : [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
  // How opaque an element really is (its own and its ancestors' opacity; hidden counts as 0).
  const opacity = node => { let o = 1;
    for (let e = node; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e); if (s.visibility === 'hidden') return 0; o *= Number(s.opacity); }
    return o; };
  // The colour painted at a point below `skip`: the backgrounds of every layer there, top
  // first, composited until one is opaque (fixed headers and overlays included).
  const paintAt = (x, y, skip) => { const layers = [];
    for (const n of document.elementsFromPoint(x, y)) {
      if (n === skip || skip.contains(n)) continue;
      const c = rgba(getComputedStyle(n).backgroundColor); c[3] *= opacity(n);
      if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((v, i) => c[3] * c[i] + (1 - c[3]) * v);
    return `rgb(${out.map(Math.round).join(', ')})`; };
  // The focus ring: an outline or box-shadow on the element or (via :focus-within) a close ancestor.
  let ring = null;
  for (let e = el, i = 0; e && i < 4 && !ring; e = e.parentElement, i++) {
    const s = getComputedStyle(e);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
      ring = {node: e, color: s.outlineColor, width: parseFloat(s.outlineWidth), offset: parseFloat(s.outlineOffset) || 0};
    else if (s.boxShadow && s.boxShadow !== 'none')
      ring = {node: e, color: (s.boxShadow.match(/rgba?\([^)]*\)/) || [''])[0], width: 2, offset: 0};
  }
  // What the ring is drawn on: sample just outside the ring's box on each side and take what is
  // really painted there (fixed headers and overlays included), the lowest contrast counts.
  const behind = [];
  if (ring) {
    const r = ring.node.getBoundingClientRect(), d = ring.offset + ring.width / 2;
    const points = [[r.left - d, (r.top + r.bottom) / 2], [r.right + d, (r.top + r.bottom) / 2],
                    [(r.left + r.right) / 2, r.top - d], [(r.left + r.right) / 2, r.bottom + d]];
    // A point counts where the ring is drawn over its own ancestors; where something else is on
    // top (a sticky header over a tall element), that covers the ring rather than lies below it.
    const inView = points.filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
    const over = inView.filter(([x, y]) => { const top = document.elementsFromPoint(x, y)
      .find(n => n !== ring.node && !ring.node.contains(n)); return top && top.contains(ring.node); });
    for (const [x, y] of (over.length ? over : inView)) behind.push(paintAt(x, y, ring.node));
  }
  const r = el.getBoundingClientRect(), style = getComputedStyle(el);
  const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight
    && opacity(el) > 0;
  return {name: `${el.tagName.toLowerCase()}${id}${cls} "${text}"`, ring: ring && {color: ring.color, width: ring.width},
          behind, visible: onScreen};
}
"""


_TAB_STEP_JS = r"""
async (selectors) => {
  // One Tab stop: remember the previous element's look now that it lost the focus, then
  // describe the newly focused one. State lives in the page, so each Tab costs one call.
  const look = el => { const chain = [];
    for (let e = el, i = 0; e && i < 4; e = e.parentElement, i++) { const s = getComputedStyle(e);
      chain.push([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
                  s.textDecorationLine, s.color].join('|')); }
    return chain.join(' / '); };
  const state = window.__kpTab || (window.__kpTab = {els: [], stops: []});
  const el = document.activeElement;
  const previous = state.els[state.els.length - 1];
  if (previous) state.stops[state.stops.length - 1].blurred = look(previous);
  if (!el || el === document.body || el === state.els[0]) return null;
  // Material opens the search when its field gets the focus, once its search worker has
  // started (seconds on a busy machine): wait for that state, bounded at 30 s.
  const search = document.getElementById('__search');
  if (search && el.closest('.md-search')) for (let i = 0; i < 3000 && !search.checked; i++)
    await new Promise(r => setTimeout(r, 10));
  // Measure the end state only: no running transition or animation, and style and layout
  // settled (two frames), however slow the machine is.
  for (let i = 0; i < 300 && document.getAnimations().some(a => a.playState === 'running'); i++)
    await new Promise(r => setTimeout(r, 10));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  if (previous) state.stops[state.stops.length - 1].blurred = look(previous);
  const info = (DESCRIBE)(el);
  info.focused = look(el);
  info.matches = selectors.filter(sel => el.matches(sel));
  state.els.push(el); state.stops.push(info);
  return info;
}
"""


def focus_start(page) -> None:
    """Make the top of the page the starting point of the next Tab (as after loading it)."""
    page.evaluate("""() => { window.scrollTo(0, 0);
        let mark = document.getElementById('kp-test-start');
        if (!mark) { mark = document.createElement('span'); mark.id = 'kp-test-start'; mark.tabIndex = -1;
                     document.body.prepend(mark); }
        mark.focus({preventScroll: true}); }""")


@dataclass
class TabStop:
    name: str
    ring: dict | None
    behind: list[str]
    visible: bool
    focused: str
    matches: list[str]
    blurred: str = ""


def tab_through(page, max_steps: int = 400, selectors: tuple[str, ...] = ()) -> list[TabStop]:
    """Press Tab from the top of the page until the focus leaves the page or comes round again.

    Records each focused element's look while focused and, after the next Tab, while not
    focused: a visible focus indicator is a difference between the two. `selectors`: which
    of them each stop matches (for tests of the tab order)."""
    # Transitions would be caught half-way (Material fades the skip link in): end states only.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.evaluate("() => { window.__kpTab = null; }")
    focus_start(page)
    step = _TAB_STEP_JS.replace("(DESCRIBE)", "(" + _DESCRIBE_JS.strip() + ")")
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        if page.evaluate(step, list(selectors)) is None:
            break
    stops = page.evaluate("() => (window.__kpTab || {stops: []}).stops")
    return [TabStop(s["name"], s["ring"], s["behind"], s["visible"], s["focused"], s["matches"], s.get("blurred", ""))
            for s in stops]


def focus_problems(stops: list[TabStop]) -> list[str]:
    """Every tab stop is on screen and shows a focus indicator of at least 2 px that contrasts 3:1."""
    problems = []
    for s in stops:
        if not s.visible:
            problems.append(f"{s.name}: focusable but not visible")
            continue
        if s.blurred and s.blurred == s.focused:
            problems.append(f"{s.name}: no visible change when focused")
            continue
        if s.ring is None:
            continue  # the indicator is a change of colour/background/underline: accepted if it contrasts
        if s.ring["width"] < 2:
            problems.append(f"{s.name}: focus outline only {s.ring['width']} px")
        for behind in dict.fromkeys(s.behind):
            ratio = contrast(parse_color(s.ring["color"]), parse_color(behind))
            if ratio < 3:
                problems.append(f"{s.name}: focus outline {s.ring['color']} on {behind} is {ratio:.2f}:1, below 3:1")
    return problems


# ------------------------------------------------------------------ colour contrast (WCAG 2.1)


def parse_color(text: str) -> tuple[float, float, float, float]:
    text = text.strip()
    if text.startswith("#"):
        h = text[1:]
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        channels = [int(h[i:i + 2], 16) for i in range(0, len(h), 2)]
        alpha = channels[3] / 255 if len(channels) == 4 else 1.0
        return (*channels[:3], alpha)
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def _luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg) -> float:
    """WCAG 2.1 contrast ratio; a translucent foreground is blended onto the background first."""
    alpha = fg[3] if len(fg) > 3 else 1.0
    blended = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3]))
    hi, lo = sorted((_luminance(blended), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def palettes(page) -> list[dict[str, str]]:
    """The colour palettes the page offers: the one on <body> and every palette toggle option."""
    return page.evaluate(r"""() => {
      const attrs = el => ({scheme: el.getAttribute('data-md-color-scheme'),
                            primary: el.getAttribute('data-md-color-primary'),
                            accent: el.getAttribute('data-md-color-accent')});
      const all = [attrs(document.body)];
      for (const input of document.querySelectorAll('[data-md-component="palette"] input')) all.push(attrs(input));
      return all.filter((p, i) => all.findIndex(q => JSON.stringify(q) === JSON.stringify(p)) === i);
    }""")


def apply_palette(page, palette: dict[str, str]) -> None:
    page.evaluate("""p => { for (const [k, v] of Object.entries(p))
        if (v) document.body.setAttribute('data-md-color-' + k, v); }""", palette)


# ------------------------------------------------------------------ privacy


class RequestLog:
    """Records every request of a browser context; anything not on 127.0.0.1 is recorded and
    aborted (so a test never reaches the internet, and the failure names the URL)."""

    def __init__(self, context):
        self.urls: list[str] = []
        self.foreign: list[str] = []
        context.route("**/*", self._route)
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("websocket", lambda ws: self.foreign.append(ws.url))

    def _route(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


def is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS


def storage_problems(context, page) -> list[str]:
    """Cookies, Web Storage, IndexedDB, Cache Storage and service workers must all be empty."""
    problems = [f"cookie {c['name']} for {c['domain']}" for c in context.cookies()]
    found = page.evaluate("""async () => ({
        cookie: document.cookie,
        local: Object.keys(localStorage), session: Object.keys(sessionStorage),
        idb: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
        caches: self.caches ? await caches.keys() : [],
        workers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0})""")
    if found["cookie"]:
        problems.append(f"document.cookie: {found['cookie']}")
    problems += [f"localStorage: {k}" for k in found["local"]]
    problems += [f"sessionStorage: {k}" for k in found["session"]]
    problems += [f"IndexedDB: {k}" for k in found["idb"]]
    problems += [f"Cache Storage: {k}" for k in found["caches"]]
    if found["workers"]:
        problems.append(f"{found['workers']} service worker(s) registered")
    return problems


# ------------------------------------------------------------------ HTML validity (vnu.jar)


def run_vnu(*paths: Path) -> list[dict]:
    """Errors of the Nu Html Checker over files or whole directories (one Java start)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: the Nu Html Checker needs a Java runtime (apt-get install default-jre-headless)")
    result = subprocess.run(
        [java, "-jar", str(require_tool(VNU_JAR)), "--skip-non-html", "--errors-only", "--format", "json",
         *map(str, paths)],
        capture_output=True, text=True, timeout=600)
    if not result.stderr.strip():
        return []
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages if m.get("type") in {"error", "non-document-error"}]


def describe_vnu(messages: list[dict], root: Path | None = None) -> list[str]:
    lines = []
    for m in messages:
        url = urllib.parse.unquote(m.get("url", "").removeprefix("file:"))
        if root is not None:
            url = url.replace(str(root) + "/", "")
        lines.append(f"{url}:{m.get('lastLine', '?')}: {m['message']}")
    return lines


# ------------------------------------------------------------------ links and sitemap


class _LinkParser(html.parser.HTMLParser):
    LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
                  "source": "src", "iframe": "src", "audio": "src", "video": "src", "form": "action"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "base" and attrs.get("href"):
            self.base = attrs["href"]
        name = self.LINK_ATTRS.get(tag)
        if name and attrs.get(name) is not None:
            self.links.append((attrs[name], self.getpos()[0]))
        if attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.links.append((candidate.split()[0], self.getpos()[0]))


@lru_cache(maxsize=4096)
def _parse(path: Path, mtime: float) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def parse_html(path: Path) -> _LinkParser:
    return _parse(path, path.stat().st_mtime)


def url_path_of(site: Path, file: Path) -> str:
    """The URL path a built file is served at ("/", "/kontakt/", "/404.html")."""
    rel = file.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def file_of(site: Path, url_path: str) -> Path | None:
    """The built file for a URL path, or None."""
    rel = urllib.parse.unquote(url_path).lstrip("/")
    target = site / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    elif target.is_dir():
        target = target / "index.html"
    try:
        target.resolve().relative_to(site.resolve())
    except ValueError:
        return None
    return target if target.is_file() else None


def link_problems(site: Path, site_url: str = "") -> list[str]:
    """Every internal link and anchor in every built HTML file resolves to a file and an id.

    Internal: relative links, root-relative links and absolute links under `site_url`."""
    site_url = site_url.rstrip("/") + "/" if site_url else ""
    base_path = urllib.parse.urlsplit(site_url).path if site_url else "/"
    problems = []
    for file in sorted(site.rglob("*.html")):
        parsed = parse_html(file)
        page_url = "http://site.invalid" + (base_path.rstrip("/") + url_path_of(site, file))
        if file.name == "404.html" and file.parent == site:
            page_url = "http://site.invalid" + base_path + "diese-seite-gibt-es-nicht/"
        for href, line in parsed.links:
            href = href.strip()
            if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:", "blob:")):
                continue
            if site_url and href.startswith(site_url):
                href = base_path + href[len(site_url):]
            base = urllib.parse.urljoin(page_url, parsed.base) if parsed.base else page_url
            target = urllib.parse.urljoin(base, href)
            parts = urllib.parse.urlsplit(target)
            if parts.netloc != "site.invalid":
                continue  # external: not this checker's business
            where = f"{file.relative_to(site)}:{line}: {href}"
            if not parts.path.startswith(base_path):
                problems.append(f"{where}: outside the site's base path {base_path}")
                continue
            same_page = parts.path == urllib.parse.urlsplit(page_url).path
            target_file = file if same_page else file_of(site, "/" + parts.path[len(base_path):])
            if target_file is None:
                problems.append(f"{where}: no such file")
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if fragment and target_file.suffix == ".html" and fragment not in parse_html(target_file).ids:
                problems.append(f"{where}: no element with id {fragment!r}")
    return problems


def sitemap_problems(site: Path, site_url: str) -> list[str]:
    """sitemap.xml lists every HTML page (not the 404 page), and only pages that exist."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return ["sitemap.xml is missing"]
    site_url = site_url.rstrip("/") + "/"
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [el.text.strip() for el in ET.parse(sitemap).getroot().findall("sm:url/sm:loc", ns)]
    problems, listed = [], set()
    for loc in locs:
        if not loc.startswith(site_url):
            problems.append(f"sitemap lists {loc}, not under {site_url}")
            continue
        target = file_of(site, "/" + loc[len(site_url):])
        if target is None:
            problems.append(f"sitemap lists {loc}, which is not in the build")
        else:
            listed.add(target)
    for page in sorted(site.rglob("*.html")):
        if page == site / "404.html" or page in listed:
            continue
        if 'name="robots" content="noindex' in page.read_text(encoding="utf-8"):
            continue
        problems.append(f"{page.relative_to(site)} is not in sitemap.xml")
    return problems


# ------------------------------------------------------------------ page weight


class _AssetParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.assets: list[str] = []
        self.config_json = ""
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = set((a.get("rel") or "").lower().split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon"} and a.get("href"):
            self.assets.append(a["href"])
        elif tag == "script":
            if a.get("src"):
                self.assets.append(a["src"])
            self._in_config = a.get("id") == "__config"
        elif tag in {"img", "source", "input", "video", "embed", "object"}:
            for key in ("src", "poster", "data"):
                if a.get(key):
                    self.assets.append(a[key])
            if a.get("srcset"):
                self.assets += [c.split()[0] for c in a["srcset"].split(",") if c.strip()]

    def handle_data(self, data):
        if self._in_config:
            self.config_json += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


def first_visit_files(site: Path, url_path: str) -> list[Path]:
    """Every file a first visit to the page loads: the HTML, its stylesheets (and what they
    import or reference: fonts, images), scripts, images, icons, and Material's search worker,
    which its bundle starts on every page. Not counted: the search index (loaded only when the
    visitor searches, see search-on-demand.js), feeds and other links."""
    page = file_of(site, url_path)
    assert page is not None, f"no built file for {url_path}"
    parser = _AssetParser()
    parser.feed(page.read_text(encoding="utf-8"))
    refs = list(parser.assets)
    if parser.config_json.strip():
        worker = json.loads(parser.config_json).get("search")
        if worker:
            refs.append(worker)
    base = "http://site.invalid" + url_path_of(site, page)
    files: list[Path] = [page]
    queue = [(urllib.parse.urljoin(base, r), None) for r in refs]
    while queue:
        url, _ = queue.pop(0)
        parts = urllib.parse.urlsplit(url)
        if parts.scheme == "data" or parts.netloc != "site.invalid":
            continue
        target = file_of(site, parts.path)
        if target is None or target in files:
            continue
        files.append(target)
        if target.suffix == ".css":
            css = target.read_text(encoding="utf-8")
            for m in _CSS_URL.finditer(css):
                ref = m.group(2) or m.group(4)
                if not ref.startswith("data:"):
                    queue.append((urllib.parse.urljoin(url, ref), None))
    return files


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))


KINDS = {".html": "HTML", ".css": "CSS", ".js": "JS", ".woff2": "fonts", ".woff": "fonts", ".ttf": "fonts",
         ".otf": "fonts", ".svg": "images", ".png": "images", ".jpg": "images", ".jpeg": "images",
         ".webp": "images", ".avif": "images", ".gif": "images", ".ico": "images"}


def page_weight(site: Path, url_path: str) -> dict[str, int]:
    """gzip-compressed bytes per kind (HTML, CSS, JS, fonts, images, other) and in total."""
    weights = {"HTML": 0, "CSS": 0, "JS": 0, "fonts": 0, "images": 0, "other": 0}
    for f in first_visit_files(site, url_path):
        weights[KINDS.get(f.suffix.lower(), "other")] += gzip_size(f)
    weights["total"] = sum(weights.values())
    return weights
