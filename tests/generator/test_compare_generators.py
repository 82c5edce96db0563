"""scripts/compare_generators.py: which differences between two site trees it reports (no builds here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def compare():
    spec = importlib.util.spec_from_file_location("compare_generators", ROOT / "scripts/compare_generators.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page(generator: str, body: str = "Hallo") -> str:
    return (f'<html><head>\n      <meta name="generator" content="{generator}, mkdocs-material-9.8.2">\n'
            f"</head><body>{body}</body></html>")


def tree(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_only_the_generator_tag_may_differ(compare, tmp_path):
    a = tree(tmp_path / "mkdocs", {"index.html": page("mkdocs-1.6.1"), "sitemap.xml": "<urlset/>"})
    b = tree(tmp_path / "properdocs", {"index.html": page("mkdocs-ProperDocs 1.6.7"), "sitemap.xml": "<urlset/>"})
    assert compare.differences(a, b) == []


def test_every_other_difference_is_reported(compare, tmp_path):
    a = tree(tmp_path / "mkdocs", {"index.html": page("mkdocs-1.6.1"), "a/index.html": page("x", "eins"),
                                   "feed.xml": "<rss/>", "alt.txt": "nur hier"})
    b = tree(tmp_path / "properdocs", {"index.html": page("mkdocs-ProperDocs 1.6.7", "Hallo!"),
                                       "a/index.html": page("x", "eins"), "feed.xml": "<rss />", "neu.txt": "neu"})
    assert compare.differences(a, b) == ["alt.txt: only in mkdocs", "feed.xml: content differs",
                                         "index.html: content differs", "neu.txt: only in properdocs"]


def test_the_generator_tag_is_ignored_in_html_only(compare, tmp_path):
    tag = '<meta name="generator" content="x">'
    a = tree(tmp_path / "mkdocs", {"notes.txt": tag + "1"})
    b = tree(tmp_path / "properdocs", {"notes.txt": '<meta name="generator" content="y">1'})
    assert compare.differences(a, b) == ["notes.txt: content differs"]
