"""The form editor at /admin/: Sveltia CMS from the pinned npm package, its configuration from the declarations.

Written after the build only when mkdocs.yml names the GitHub repository (extra.settings.editor.repository):
without it the editor could not sign in anywhere. The bundle comes from node_modules (`npm ci`), never from a
CDN; the page (admin_files/index.html) is not a MkDocs page, so it stays out of the navigation, the search
index and the sitemap, and it asks search engines not to list it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..hosting import editor_csp
from ..office.editor_config import DEFAULT_API_ROOT, config_text

ADMIN_DIR = "admin"
PACKAGE = Path("node_modules/@sveltia/cms")
BUNDLE = PACKAGE / "dist/sveltia-cms.js"
LOCALE = "de"
CDN_FONTS = "https://cdn.jsdelivr.net/fontsource/fonts/"
# The bundle fetches from CDNs at run time: its locale strings and update check from unpkg, its fonts from
# jsDelivr. Each URL is rewritten to a copy beside the page, from the pinned npm packages (package.json); a
# missing string means a new Sveltia version moved it, and the build stops rather than publish a page that
# calls a third party.
FONTS = {  # the bundle's font URL -> the same file in the pinned @fontsource package
    "source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2",
    "noto-mono@5.3.0/latin-400-normal.woff2": "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2",
    "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        "@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2",
}
PATCHES = (  # (what the bundle says, what the page needs)
    ("`${iP}@${rP}/locales`", "`./locales`"),  # the interface strings
    ("`${iP}/package.json`", "`./package.json`"),  # the update check: our copy names the pinned version
    ("`https://www.githubstatus.com/api/v2/status.json`", "`./githubstatus.json`"),  # none: the status stays unknown
    *((CDN_FONTS + url, "fonts/" + Path(file).name) for url, file in FONTS.items()),
    # Avatars come from GitHub's image CDN, another host: the account menu and the history show the icon.
    ("avatarURL:i.avatar_url", "avatarURL:void 0"),
    ("authorAvatarURL:e.author.avatarUrl", "authorAvatarURL:void 0"),
    # Its own viewport tag forbids zooming on phones (maximum-scale=1: WCAG 1.4.4, axe's meta-viewport).
    ("`initial-scale=1`,`maximum-scale=1`,", "`initial-scale=1`,"),
)
CHARSET = '<meta charset="utf-8">'  # the page's policy follows it, before any script
PAGE_FILES = Path(__file__).parent / "admin_files"
REPOSITORY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}")  # owner/name as GitHub spells it


class AdminError(RuntimeError):
    """German: why the editor could not be written (the build stops with it)."""


def repository(settings: Mapping[str, Any]) -> str:
    return str((settings.get("editor") or {}).get("repository") or "").strip()


def api_root(settings: Mapping[str, Any]) -> str:
    return str((settings.get("editor") or {}).get("api_root") or DEFAULT_API_ROOT).strip().rstrip("/")


def write_admin(site_dir: str | Path, root: Path, settings: Mapping[str, Any]) -> Path | None:
    """site/admin/ with the editor, or None when no repository is configured; and the policy nginx sends for it."""
    repo = repository(settings)
    if not repo:
        editor_csp.write_header_file(Path(site_dir), None)
        return None
    if not REPOSITORY_RE.fullmatch(repo):
        raise AdminError(f"mkdocs.yml: extra.settings.editor.repository: „{repo}“ ist kein GitHub-Repository "
                         "der Form „besitzer/name“.")
    bundle = root / BUNDLE
    if not bundle.is_file():
        raise AdminError(f"Der Formular-Editor (/admin/) braucht {BUNDLE} aus dem npm-Paket @sveltia/cms: "
                         "bitte `npm ci --ignore-scripts` ausführen, oder extra.settings.editor.repository in "
                         "mkdocs.yml leer lassen (dann gibt es keinen Editor).")
    try:
        api_origin = editor_csp.origin(api_root(settings))
    except editor_csp.PolicyError as err:
        raise AdminError(str(err)) from None
    target = Path(site_dir) / ADMIN_DIR
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    (target / "locales").mkdir(exist_ok=True)
    (target / bundle.name).write_text(self_hosted(bundle.read_text(encoding="utf-8")), encoding="utf-8")
    modules = root / "node_modules"
    for file in FONTS.values():
        copy(modules / file, target / "fonts" / Path(file).name)
    copy(root / PACKAGE / "locales" / f"{LOCALE}.json", target / "locales" / f"{LOCALE}.json")
    version = json.loads((root / PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    (target / "package.json").write_text(json.dumps({"version": version}) + "\n", encoding="utf-8")
    for page_file in sorted(PAGE_FILES.iterdir()):
        shutil.copyfile(page_file, target / page_file.name)
    page = target / "index.html"
    page.write_text(with_policy(page.read_text(encoding="utf-8"), api_origin), encoding="utf-8")
    (target / "config.yml").write_text(config_text(repo, api_root(settings)), encoding="utf-8")
    editor_csp.write_header_file(Path(site_dir), api_origin)
    return target


def with_policy(page: str, api_origin: str) -> str:
    if CHARSET not in page:
        raise AdminError(f"{PAGE_FILES / 'index.html'}: {CHARSET} fehlt; dahinter gehört die Sicherheitsrichtlinie.")
    return page.replace(CHARSET, CHARSET + "\n" + editor_csp.meta_tag(api_origin), 1)


def self_hosted(bundle: str) -> str:
    """The bundle with every URL it fetches at start rewritten to the copies beside the page."""
    for old, new in PATCHES:
        if old not in bundle:
            raise AdminError(f"Der Formular-Editor: {old} fehlt in {BUNDLE}. Eine neue Sveltia-Version? Bitte "
                             "PATCHES in klimapakt/mkdocs/admin.py anpassen, damit nichts von fremden Servern lädt.")
        bundle = bundle.replace(old, new)
    return bundle


def copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise AdminError(f"Der Formular-Editor braucht {source.name} ({source}): bitte `npm ci --ignore-scripts` ausführen.")
    shutil.copyfile(source, target)
