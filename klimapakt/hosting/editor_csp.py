"""The form editor's own Content Security Policy (/admin/, Sveltia CMS): narrower than a page needs, wider
than the site's only where the editor must.

The editor is one page that runs one script from the site and talks to one other origin: the GitHub API
that holds the repository (`api.github.com`, or a GitHub Enterprise Server's API). Measured in Chromium
(tests/website/test_editor_csp_browser.py), it needs beyond the site's policy:
- `style-src 'unsafe-inline'`: Svelte writes each component's styles as `<style>` elements and style
  attributes at run time; their text is not known before the bundle runs, so no hash can allow them.
  Scripts stay `'self'` only: the injected styles cannot run code.
- `img-src blob:` and `data:`: previews of an uploaded logo before it is saved.
- `font-src 'self'`: the interface fonts, copied from the npm packages beside the page.
- `connect-src` the API origin: sign-in, reading the registries, saving a pull request; and `blob:`, the
  uploaded logo that the editor reads back from the browser's memory to commit it (no network).
Nothing else: no CDN, no avatars (the bundle is patched not to show them), no frames, no workers from
elsewhere. As a meta tag in the page (GitHub Pages) and as the header nginx sends for /admin/
(`HEADER_FILE`, included by deploy/nginx/klimapakt.conf), the header with `frame-ancestors 'none'` on top.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from .csp import HEADER_ONLY

HEADER_FILE = ".nginx/admin-csp.conf"  # in the site folder, beside the site's csp.conf
NO_EDITOR = "default-src 'none'"  # /admin/ of a site without the editor: nothing there to allow


class PolicyError(ValueError):
    """German: the API address cannot be put into a policy."""


def origin(url: str) -> str:
    """`https://host[:port]` of an API address; refuses anything that is not a plain http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.username or parts.password:
        raise PolicyError(f"mkdocs.yml: extra.settings.editor.api_root: „{url}“ ist keine Adresse der Form "
                          "https://host (z. B. https://api.github.com).")
    return f"{parts.scheme}://{parts.netloc}"


def directives(api_origin: str) -> list[tuple[str, str]]:
    return [
        ("default-src", "'none'"),
        ("script-src", "'self'"),
        ("style-src", "'self' 'unsafe-inline'"),
        ("img-src", "'self' data: blob:"),
        ("font-src", "'self'"),
        ("connect-src", f"'self' data: blob: {api_origin}"),
        ("object-src", "'none'"),
        ("base-uri", "'none'"),
        ("form-action", "'none'"),
    ]


def value(api_origin: str, *, header: bool) -> str:
    return "; ".join(f"{name} {sources}" for name, sources in
                     [*directives(api_origin), *(HEADER_ONLY if header else ())])


def meta_tag(api_origin: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{escape(value(api_origin, header=False), quote=False)}">'


def write_header_file(site_dir: Path, api_origin: str | None) -> Path:
    """The nginx snippet for /admin/: the editor's policy, or none-at-all when the site has no editor."""
    policy = value(api_origin, header=True) if api_origin else NO_EDITOR
    target = Path(site_dir) / HEADER_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# Written by the build (klimapakt.hosting.editor_csp): the policy of /admin/.\n"
                      f'add_header Content-Security-Policy "{policy}" always;\n', encoding="utf-8")
    return target
