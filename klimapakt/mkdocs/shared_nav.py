"""Material's navigation and tabs rendered once for all partner profiles, not once per profile.

At 5,000 partners Material's left sidebar (the whole navigation, with the table of contents beside it)
and its tabs were about a quarter of the build: about 4 s of 20. On every profile they are the same:
a profile lies outside the navigation, its table of contents is empty, the directory is marked as its
section for every profile alike (navigation.mark_profile_section), and all profiles sit at the same
folder depth, so every relative link is the same. overrides/main.html therefore renders those blocks
through `once`, keyed by what they depend on: the first profile renders them and the others reuse the
result. Pages in the navigation render them as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from mkdocs.structure.pages import Page

from .navigation import is_profile, toc_entries

_rendered: dict[str, str] = {}
_uses: Counter[str] = Counter()  # pages per block, for the build log


def start_build() -> None:
    """Forget the last build's navigation (`mkdocs serve` rebuilds in the same process)."""
    _rendered.clear()
    _uses.clear()


def uses() -> dict[str, int]:
    """How many pages got each block from `once` in this build."""
    return dict(_uses)


def shared_key(page: Page | None) -> str:
    """For a profile: what Material's navigation on it depends on; for any other page "" (render it anew)."""
    if page is None or not is_profile(page) or toc_entries(page):
        return ""
    return f"depth {page.url.count('/')}, hidden {','.join(page.meta.get('hide') or [])}"


def once(key: str, block: str, caller: Callable[[], str]) -> str:
    """The block as rendered for the first page with this key (Jinja's `{% call %}` passes `caller`)."""
    name = f"{key}: {block}"
    _uses[block] += 1
    if name not in _rendered:
        _rendered[name] = caller()
    return _rendered[name]


def template_helpers() -> tuple[dict[str, Callable], dict[str, Callable]]:
    """(filters, globals) for the theme's Jinja environment."""
    return {"kp_shared_nav_key": shared_key}, {"kp_once": once}
