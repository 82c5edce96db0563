"""Build steps that any static-site generator can call: load once, emit pages and files.

The MkDocs glue (`hooks.py`, `macros.py`) only hands paths in and pages out.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import escape as markup

from .. import exports
from ..load import loader
from ..model.partners import Partner
from ..outputs import badges, redirects, vcard
from ..render import emissions, progress
from ..render import figures as stats
from ..render.html import render_profile
from ..vocabulary import PROFILE_DIR, ROLES, SECTOR_SHORT, SECTORS, SIZES, STATUS_FOUNDING, STATUSES, district_label

SEARCH_INDEX = "search/search_index.json"  # written by Material's search plugin


@dataclass
class Timer:
    """Seconds spent in the registry layer, so the benchmark can report its share."""

    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process's CPU time: steadier when the machine is busy

    def __enter__(self) -> Timer:
        self._start, self._start_cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._start
        self.cpu_seconds += time.process_time() - self._start_cpu


@dataclass(frozen=True)
class SiteData:
    partners: tuple[Partner, ...]
    demo: bool
    source: Path
    timer: Timer = field(default_factory=Timer, compare=False)

    @property
    def figures(self) -> stats.KeyFigures:
        return self.progress.key

    @functools.cached_property
    def progress(self) -> progress.Progress:
        with self.timer:
            return progress.compute(self.partners)

    @functools.cached_property
    def by_profile_path(self) -> dict[str, Partner]:
        return {profile_path(p): p for p in self.partners}


_cache: dict[tuple[str, float, str], SiteData] = {}


def load_site_data(registry: str | Path, logo_dir: str | Path) -> SiteData:
    """Load and validate the registry once per build (cached by path and mtime for `serve`)."""
    path = Path(registry).absolute()  # not resolve(): a symlinked registry must stay visible to the loader
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0, str(logo_dir))
    if key not in _cache:
        timer = Timer()
        with timer:
            loaded = loader.load_valid(path, logo_dir=Path(logo_dir))
        _cache.clear()
        _cache[key] = SiteData(loaded.partners, loaded.demo, path, timer)
    return _cache[key]


def profile_path(partner: Partner) -> str:
    return f"{PROFILE_DIR}/{partner.id}/index.md"


def profile_pages(data: SiteData, office_email: str = "") -> Iterator[tuple[str, str]]:
    """(source path, front matter) for every partner's profile page.

    The body stays empty: `profile_html` supplies the HTML after Markdown has run
    (hooks.on_page_content), because parsing 5,000 blocks of ready HTML as Markdown
    would cost a third of the build. `office_email` is accepted for older callers.
    """
    with data.timer:
        pages = [(profile_path(p), profile_front_matter(p)) for p in data.partners]
    yield from pages


def profile_front_matter(partner: Partner) -> str:
    """YAML front matter, written as JSON strings (valid YAML, and far faster than yaml.safe_dump)."""
    # Material prints `page.meta.title` and `page.meta.description` into the page as trusted
    # HTML (header, <title>, <meta content="…">), so they are handed over already HTML-escaped.
    meta = {
        "title": escape(partner.name, quote=True),
        "description": escape(profile_description(partner), quote=True),
    }
    lines = [f"{key}: {_yaml_string(value)}" for key, value in meta.items()]
    lines.append("render_macros: false")  # data is never evaluated as a template
    lines.append("search:\n  exclude: true")  # indexed from the data instead: see add_to_search_index
    return "---\n" + "\n".join(lines) + "\n---\n"


def profile_description(partner: Partner) -> str:
    """The profile's description for search engines: its role and only what the profile holds."""
    role = ROLES[partner.role] if partner.status == STATUS_FOUNDING else STATUSES[partner.status]
    held = [label for present, label in ((partner.agreement and partner.agreement.targets, "Ziele"),
                                         (partner.measures, "Maßnahmen"), (partner.contact, "Ansprechperson"))
            if present]
    listed = ", ".join(held[:-1]) + " und " + held[-1] if len(held) > 1 else "".join(held)
    return f"{partner.name} im Klimapakt Düsseldorf ({role})" + (f": {listed}." if held else ".")


def _yaml_string(text: str) -> str:
    # YAML treats these as line breaks even inside quotes; JSON leaves them unescaped.
    return json.dumps(text, ensure_ascii=False).replace("\x85", "\\x85").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def profile_html(data: SiteData, partner: Partner, office_email: str, site_url: str) -> str:
    with data.timer:
        return profile_body(partner, office_email, badges.embed(partner, site_url))


def profile_markdown(partner: Partner, office_email: str, site_url: str = "") -> str:
    """The whole profile page as Markdown with front matter (for tools outside the build)."""
    body = profile_body(partner, office_email, badges.embed(partner, site_url) if site_url else None)
    return profile_front_matter(partner) + "\n" + body + "\n"


def profile_body(partner: Partner, office_email: str, badge: badges.Embed | None) -> str:
    return render_profile(partner, office_email=office_email, emissions_svg=emissions.partner_chart(partner),
                          emissions_note=emissions.partner_note(partner), badge=badge)


def write_outputs(data: SiteData, site_dir: str | Path, *, site_url: str, publisher: str,
                  office: Mapping[str, Any] | None = None) -> None:
    """After the pages: the open-data files in site/daten/, every Klimapartner's badge, the office's
    vCard, and one search entry per profile (run it after the search plugin has written its index)."""
    with data.timer:
        site_dir = Path(site_dir)
        meta = exports.Metadata(site_url, publisher, exports.generated_now(), data.demo)
        exports.write_exports(data.partners, site_dir / exports.EXPORT_DIR, meta)
        badges.write_badges(data.partners, site_dir)
        redirects.write_redirects(data.partners, site_dir, site_url)  # after the badges: it copies them
        vcard.write_vcard(office or {}, site_dir, site_url)
        add_to_search_index(data.partners, site_dir / SEARCH_INDEX)


def search_entry(partner: Partner) -> dict[str, str]:
    """One entry in Material's index format; title and text are HTML, so they are escaped."""
    return {"location": f"{PROFILE_DIR}/{partner.id}/", "title": escape(partner.name, quote=False),
            "text": search_text(partner)}


def search_text(partner: Partner) -> str:
    """What a visitor may search for, as short HTML: the description, then each fact as "Label: Wert", the
    facts apart by " · " so no words run together (the district with its Stadtteile), then the measures.
    Built here rather than by a template: 5,000 template renders cost a build a sixth of a second."""
    facts = [("Rolle", ROLES[partner.role]) if partner.is_founding else ("Status", STATUSES[partner.status])]
    if partner.sector:
        facts.append(("Branche", f"{SECTORS[partner.sector]} ({SECTOR_SHORT[partner.sector]})"))
    if partner.size:
        facts.append(("Größe", SIZES[partner.size]))
    if partner.district:
        facts.append(("Sitz", district_label(partner.district)))
    parts = [f"<p>{markup(partner.description)}</p>" if partner.description else "",
             "<p>" + " · ".join(f"{label}: {markup(value)}" for label, value in facts) + "</p>"]
    if partner.measures:
        parts.append(f"\n<p>Maßnahmen: {markup(', '.join(m.title for m in partner.measures))}</p>")
    return "".join(parts)


def add_to_search_index(partners: tuple[Partner, ...], index_path: Path) -> bool:
    """Append one compact entry per partner to the search index (profiles are `search: exclude`).

    Material would otherwise parse every profile's HTML into several sections: a third
    of the build time with 5,000 partners, and an index full of repeated headings.
    """
    if not index_path.exists():  # search plugin switched off
        return False
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["docs"].extend(search_entry(p) for p in partners)
    index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    return True
