"""The check's lists agree with what the build uses: Markdown extensions, macros, generated files, dates."""

from __future__ import annotations

import ast
import datetime as dt

import yaml
from babel.dates import format_date

from conftest import ROOT
from klimapakt import exports, precision
from klimapakt.outputs import feeds, ical
from klimapakt.pages import links, macros, render
from klimapakt.render import progress


def mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def test_the_check_renders_with_mkdocs_yml_s_markdown_extensions():
    configured = [next(iter(e)) if isinstance(e, dict) else e for e in mkdocs_config()["markdown_extensions"]]
    assert tuple(configured) == render.EXTENSIONS
    assert {"toc": {"permalink": False}} == {k: v for e in mkdocs_config()["markdown_extensions"]
                                             if isinstance(e, dict) for k, v in e.items()}


def test_macros_render_only_where_a_page_opts_in():
    (plugin,) = [p["macros"] for p in mkdocs_config()["plugins"] if isinstance(p, dict) and "macros" in p]
    assert plugin["render_by_default"] is False and plugin["on_undefined"] == "strict"


def test_the_allowed_calls_are_exactly_the_macros_the_pages_get():
    """macros.py hands the environment to klimapakt/mkdocs/page_macros.py, which defines every macro."""
    tree = ast.parse((ROOT / "klimapakt/mkdocs/page_macros.py").read_text(encoding="utf-8"))
    defined = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
               and any(ast.unparse(d) == "env.macro" for d in node.decorator_list)}
    assert defined == set(macros.MACROS)


def test_every_progress_section_is_an_allowed_argument():
    for section in progress.SECTIONS:
        assert macros.allowed_call(f'{{{{ progress_figure("{section}") }}}}', 0)


def test_the_generated_files_a_page_may_link_are_those_the_build_writes():
    assert set(links.GENERATED) == {ical.FEED_PATH, feeds.RSS_PATH, feeds.JSON_PATH, exports.EXPORT_DIR.strip("/") + "/"}


def test_dates_read_as_babel_writes_them_in_german():
    for day in (dt.date(2021, 10, 1), dt.date(2022, 3, 5), dt.date(2025, 12, 31)):
        assert precision.text_de(day) == format_date(day, format="long", locale="de_DE")
        assert precision.text_de(day, precision.MONTH) == format_date(day, format="MMMM y", locale="de_DE")
        assert precision.text_de(day, precision.YEAR) == format_date(day, format="y", locale="de_DE")
