"""News posts: drafts are left out where posts are read, so no listing links to a page that is not built."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

from bs4 import BeautifulSoup

from conftest import ROOT
from klimapakt.load import news
from klimapakt.outputs import feeds


def write_post(folder: Path, name: str, front: str, title: str) -> None:
    (folder / name).write_text(f"---\n{front}\n---\n\n# {title}\n\nText.\n", encoding="utf-8")


def test_read_posts_leaves_out_drafts_newest_first(tmp_path):
    write_post(tmp_path, "a.md", "date: 2024-03-31\nslug: a", "Erster Beitrag")
    write_post(tmp_path, "b.md", "date: 2024-04-01\nslug: b\ndraft: true", "Entwurf")
    write_post(tmp_path, "c.md", "date: 2024-05-02\nslug: c\ndraft: false", "Zweiter Beitrag")
    assert [(p.slug, p.title) for p in news.read_posts(tmp_path)] == [("c", "Zweiter Beitrag"), ("a", "Erster Beitrag")]


def test_a_single_post_says_whether_it_is_a_draft(tmp_path):
    write_post(tmp_path, "b.md", "date: 2024-04-01\nslug: b\ndraft: true", "Entwurf")
    write_post(tmp_path, "c.md", "date: 2024-04-02", "Veröffentlicht")
    assert news.read_post(tmp_path / "b.md").draft is True
    assert news.read_post(tmp_path / "c.md").draft is False


def macros_module():
    """macros.py from the repository root (not a package module, so loaded by path)."""
    spec = importlib.util.spec_from_file_location("macros", ROOT / "macros.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FakeEnv:
    """The little of mkdocs-macros' env that macros.define_env uses."""

    def __init__(self, docs: Path):
        self.conf = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(docs),
                                    extra={"settings": {}, "registry": "partners.yml", "events": "events.yml"})
        self.page = None
        self.macros: dict[str, Callable] = {}

    def macro(self, function: Callable) -> Callable:
        self.macros[function.__name__] = function
        return function


def test_the_start_pages_latest_news_never_link_a_draft(tmp_path):
    posts = tmp_path / "aktuelles/posts"
    posts.mkdir(parents=True)
    write_post(posts, "a.md", "date: 2024-03-31\nslug: veroeffentlicht", "Veröffentlicht")
    write_post(posts, "b.md", "date: 2024-04-01\nslug: entwurf\ndraft: true", "Entwurf")
    env = FakeEnv(tmp_path)
    macros_module().define_env(env)
    links = [a["href"] for a in BeautifulSoup(env.macros["latest_news"](1), "html.parser").find_all("a")]
    assert links == ["aktuelles/veroeffentlicht/"]


def test_feeds_list_what_read_posts_returns(tmp_path):
    write_post(tmp_path, "a.md", "date: 2024-03-31\nslug: a", "Veröffentlicht")
    write_post(tmp_path, "b.md", "date: 2024-04-01\nslug: b\ndraft: true", "Entwurf")
    assert [p.slug for p in feeds.published(news.read_posts(tmp_path))] == ["a"]
