"""Page weight: the gzip-compressed bytes a first visit to a page loads."""

from __future__ import annotations

import gzip
import html.parser
import json
import re
import urllib.parse
from pathlib import Path

from .links import file_of, url_path_of

BUDGET_BYTES = 250_000  # 250 kB, gzip-compressed, for everything a first visit loads
GZIP_LEVEL = 6  # what web servers use by default (nginx gzip_comp_level 6 is the usual setting)


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
