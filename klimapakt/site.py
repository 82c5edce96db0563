"""Build steps that any static-site generator can call: load once, emit pages and files.

The MkDocs glue (`hooks.py`, `macros.py`) only hands paths in and pages out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from . import charts, loader, stats
from .model import Partner
from .render import number_de, render_profile

PROFILE_DIR = "partner"


@dataclass
class Timer:
    """Seconds spent in the registry layer, so the benchmark can report its share."""

    seconds: float = 0.0

    def __enter__(self) -> "Timer":
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._start


@dataclass(frozen=True)
class SiteData:
    partners: tuple[Partner, ...]
    demo: bool
    source: Path
    timer: Timer = field(default_factory=Timer, compare=False)

    @property
    def figures(self) -> stats.KeyFigures:
        return stats.key_figures(self.partners)


_cache: dict[tuple[str, float, str], SiteData] = {}


def load_site_data(registry: str | Path, logo_dir: str | Path) -> SiteData:
    """Load and validate the registry once per build (cached by path and mtime for `serve`)."""
    path = Path(registry).resolve()
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


def profile_pages(data: SiteData, office_email: str) -> Iterator[tuple[str, str]]:
    """(source path, Markdown text) for every partner's profile page."""
    with data.timer:
        pages = [(profile_path(p), profile_markdown(p, office_email)) for p in data.partners]
    yield from pages


def profile_markdown(partner: Partner, office_email: str) -> str:
    meta = {
        "title": partner.name,
        "description": f"{partner.name} im Klimapakt Düsseldorf: Ziele, Maßnahmen und Ansprechperson.",
        "render_macros": False,  # data is never evaluated as a template
    }
    body = render_profile(partner, office_email=office_email, emissions_svg=emissions_chart(partner))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


def emissions_chart(partner: Partner) -> str:
    rows = [(str(e.year), sum(v for v in (e.scope1, e.scope2, e.scope3) if v is not None))
            for e in sorted(partner.emissions, key=lambda e: e.year)]
    if not rows:
        return ""
    return charts.hbar_chart(
        f"emissionen-{partner.id}",
        f"Berichtete Emissionen von {partner.name}",
        "Summe der berichteten Scopes je Jahr in Tonnen CO2e; die Tabelle darunter nennt alle Werte.",
        rows,
        value_label=lambda v: f"{number_de(round(v, 1))} t",
    )
