"""Test styles in a page whose Content Security Policy refuses inline styles without a hash.

Playwright's `add_style_tag` writes a <style> element, which the site's policy blocks; a constructed
stylesheet (CSSOM) is no inline style, so the policy lets it apply.
"""

from __future__ import annotations

_ADOPT_JS = """css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }"""


def add_style(page, css: str) -> None:
    """Apply `css` to the page on top of its own styles (until the next navigation)."""
    page.evaluate(_ADOPT_JS, css)
