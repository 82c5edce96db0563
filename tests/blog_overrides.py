"""Material's blog templates with the post date as precise as its source (overrides/).

The two files in overrides/ are Material's own with one change each: the `<time>` of the post
date uses the filters `post_date_iso` and `post_date_text` (hooks.py) instead of printing the
full date. `expected_override` rebuilds them from the installed Material, so a test notices when
a Material update changes the originals and the copies must be made again:
`python tests/blog_overrides.py` writes them.
"""

from __future__ import annotations

import re
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
TEMPLATES = ("partials/post.html", "blog-post.html")  # the post excerpt on list pages, the post page
HEADER = """{#-
  Material for MkDocs' %s with one change, made by tests/blog_overrides.py (do not edit by
  hand): the post date shows no more than its source gives, e.g. "Oktober 2021" (klimapakt.precision).
-#}
"""
_GENERATED = re.compile(r"\A\{#-\s*This file was automatically generated - do not edit\s*-#\}\n")
_ATTRIBUTE = re.compile(r'datetime="\{\{ (post|page)\.config\.date\.created \}\}"')
_TEXT = re.compile(r"\{\{- (post|page)\.config\.date\.created \| date -\}\}")


def expected_override(name: str) -> str:
    original = (MATERIAL_TEMPLATES / name).read_text(encoding="utf-8")
    body, generated = _GENERATED.subn("", original)
    body, attributes = _ATTRIBUTE.subn(r'datetime="{{ \1 | post_date_iso }}"', body)
    body, texts = _TEXT.subn(r"{{- \1 | post_date_text -}}", body)
    if (generated, attributes, texts) != (1, 1, 1):
        raise ValueError(f"Material's {name} changed: the post date is no longer where the override expects it")
    return HEADER % name + body


if __name__ == "__main__":
    for template in TEMPLATES:
        (ROOT / "overrides" / template).write_text(expected_override(template), encoding="utf-8")
