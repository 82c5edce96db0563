"""Every file or folder the developer and staff guides name exists (README, CONTRIBUTING, ARCHITECTURE)."""

from __future__ import annotations

import functools
import re
import subprocess

import pytest

from conftest import ROOT

GUIDES = ("README.md", "CONTRIBUTING.md", "ARCHITECTURE.md", "DEVELOPING.md")
# A path in backticks or a Markdown link: folders end in "/", files in an extension.
PATH_RE = re.compile(r"`([\w./-]+(?:/|\.(?:py|yml|yaml|md|json|js|css|html|svg|txt|toml|xlsx|csv|cfg|ics)))`"
                     r"|\]\(([\w./-]+)\)")
# Where a guide's short paths are meant from: the repository, the package, the render layer.
BASES = (ROOT, ROOT / "klimapakt", ROOT / "klimapakt/render")
# Files the build writes or a visitor downloads (in site/), and folders `make` installs (node_modules/,
# .venv/, absent before the first `make test`): not files of the repository.
GENERATED = re.compile(r"^(site/|node_modules/|\.venv/|daten/|partner/|search/|schema/.*\.schema\.json$|.*\.ics$|partners\.(csv|xlsx|json)$"
                       r"|csv-metadata\.json$|feed\.|badge\.svg$|search_index\.json$|[^/]*-\*|.*\{)")

# Paths the staff guide uses as examples of what staff write or must not write (a post's links to a
# picture, a page and a profile; a post's file name; a file that would clash with docs/impressum.md).
EXAMPLES = frozenset({"../../assets/bild.jpg", "../../mitmachen.md", "../../partner/muster-gmbh.md",
                      "2026-01-beispiel-meldung.md", "docs/impressum/index.md"})


def named_paths(guide: str) -> list[str]:
    text = (ROOT / guide).read_text(encoding="utf-8")
    found = [a or b for a, b in PATH_RE.findall(text)]
    return sorted({p.split("#")[0] for p in found if p and not p.startswith(("http", "mailto")) and "/" in p or
                   p.endswith((".py", ".yml", ".md", ".json", ".js", ".txt", ".toml"))})


def exists(path: str) -> bool:
    """A path from one of BASES; a bare file name (`registries.py`, `check.txt`) where the guide's
    sentence names its folder: any file of the repository by that name."""
    if "/" not in path:
        return path in tracked_names()
    return any((base / path).exists() for base in BASES)


@functools.cache
def tracked_names() -> frozenset[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode()
    return frozenset(name.rsplit("/", 1)[-1] for name in listed.split("\0") if name)


@pytest.mark.parametrize("guide", GUIDES)
def test_every_path_a_guide_names_exists(guide):
    missing = [p for p in named_paths(guide) if not GENERATED.match(p) and p not in EXAMPLES and not exists(p)]
    assert missing == []


def test_every_example_path_is_still_named_by_a_guide():
    """So EXAMPLES cannot hide a real file that was renamed: each entry is in a guide and exists nowhere."""
    named = {p for guide in GUIDES for p in named_paths(guide)}
    assert EXAMPLES <= named
    assert not [p for p in EXAMPLES if "/" in p and exists(p)]
