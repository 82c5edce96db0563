"""The site's Content Security Policy, computed from the written pages.

Scripts run only from the site itself, plus the inline scripts the theme writes into the pages,
each allowed by the SHA-256 hash of its exact text (Material's `__md_scope` script differs with a
page's depth, so every page carries the hashes of its own inline code). Styles likewise: the
stylesheets of the site and the hashed `<style>` of the `<noscript>` fallback; no style
attributes (charts use classes). Images from the site and `data:` (Material's icons in CSS are
data URLs); the search loads its index and worker from the site. Nothing from another origin.

On GitHub Pages the policy is a `<meta http-equiv>` in every page (a meta policy cannot carry
`frame-ancestors`); a server sends it as a header with `frame-ancestors 'none'` on top, the union
of all pages' hashes, from the file `HEADER_FILE` that the build writes and nginx includes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path

# Directives without hashes, in the order they are written; default-src 'none' denies the rest
# (fonts, frames, media, manifests).
FIXED = (
    ("default-src", "'none'"),
    ("img-src", "'self' data:"),
    ("connect-src", "'self'"),  # the search index
    ("worker-src", "'self'"),  # Material's search worker
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
HEADER_ONLY = (("frame-ancestors", "'none'"),)  # ignored (with a console warning) in a meta policy
HEADER_FILE = ".nginx/csp.conf"  # in the site folder; dot folders are never served (deploy/nginx)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


@dataclass(frozen=True)
class Policy:
    scripts: frozenset[str] = frozenset()  # hash sources, e.g. "'sha256-…'"
    styles: frozenset[str] = frozenset()

    def __or__(self, other: Policy) -> Policy:
        return Policy(self.scripts | other.scripts, self.styles | other.styles)

    def directives(self, *, header: bool) -> list[tuple[str, str]]:
        scripts = " ".join(["'self'", *sorted(self.scripts)])
        styles = " ".join(["'self'", *sorted(self.styles)])
        fixed = list(FIXED)
        return [fixed[0], ("script-src", scripts), ("style-src", styles), *fixed[1:],
                *(HEADER_ONLY if header else ())]

    def value(self, *, header: bool) -> str:
        return "; ".join(f"{name} {sources}" for name, sources in self.directives(header=header))


def source_hash(code: str) -> str:
    """The CSP hash source of an inline script's or style's exact text."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _runs(attributes: str) -> bool:
    """An inline <script> the browser executes (not JSON data such as Material's __config)."""
    if _SRC.search(attributes):
        return False
    kind = _TYPE.search(attributes)
    return (kind[1].lower() if kind else "") in _JS_TYPES


def page_policy(html: str) -> Policy:
    """The hashes of one page's inline scripts and styles."""
    scripts = {source_hash(code) for attributes, code in _SCRIPT.findall(html) if _runs(attributes)}
    styles = {source_hash(code) for _, code in _STYLE.findall(html)}
    return Policy(frozenset(scripts), frozenset(styles))


def with_meta(html: str, policy: Policy) -> str:
    """The page with its policy as the first element after <meta charset> (before any script)."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{escape(policy.value(header=False), quote=False)}">'
    html = _META.sub("", html, count=1)  # a page written by an earlier run of this step
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    return html[:anchor.end()] + tag + html[anchor.end():]


def header_conf(policy: Policy) -> str:
    """The nginx snippet `deploy/nginx/klimapakt.conf` includes from the release it serves."""
    return ("# Written by the build (klimapakt.hosting.csp): every page's inline-code hashes.\n"
            f'add_header Content-Security-Policy "{policy.value(header=True)}" always;\n')


def secure_page(html: str) -> tuple[str, Policy]:
    """One page with its meta policy, and that policy: for a page still in memory (the build's last step
    on each page), so that `secure_site` need not read and rewrite it."""
    policy = page_policy(html)
    return with_meta(html, policy), policy


def secure_site(site_dir: Path, secured: Mapping[str, Policy] | None = None) -> Policy:
    """Give every HTML page of the built site its meta policy; write the header snippet; the union.

    `secured`: pages written with their policy already (`secure_page`), by their path in the site
    folder ("a/index.html"), and that policy; they are not read again.
    """
    union, secured = Policy(), secured or {}
    for path in sorted(site_dir.rglob("*.html")):
        policy = secured.get(path.relative_to(site_dir).as_posix())
        if policy is None:
            html = path.read_text(encoding="utf-8")
            html, policy = secure_page(html)
            path.write_text(html, encoding="utf-8")
        union |= policy
    target = site_dir / HEADER_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(header_conf(union), encoding="utf-8")
    return union
