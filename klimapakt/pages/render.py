"""A page's Markdown as the build renders it: the same extensions as mkdocs.yml's markdown_extensions.

The check judges the HTML that comes out (klimapakt.rules.markup); limits.py has bounded the input.
"""

from __future__ import annotations

import markdown

# mkdocs.yml's markdown_extensions, in its order (tests/pages/test_render.py compares them).
EXTENSIONS = ("attr_list", "md_in_html", "admonition", "def_list", "tables", "toc", "pymdownx.details")
EXTENSION_CONFIGS = {"toc": {"permalink": False}}


def to_html(body: str) -> str:
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS).convert(body)
