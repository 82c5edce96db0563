"""The second wall: what reaches mkdocs-macros is rendered in a sandbox that calls the macros and nothing else.

`check` refuses every `{{`/`{%` outside the documented calls first (tests/pages/test_page_check.py);
these tests switch that off to show the sandbox holds on its own, in a real build.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import SecurityError

from helpers.repo_copy import copy_for_building
from klimapakt.mkdocs.project import Project
from klimapakt.mkdocs.sandbox import PageSandbox

PAYLOADS = [
    '{{ cycler.__init__.__globals__.os.popen("id").read() }}',
    "{{ lipsum.__globals__['os'].environ }}",
    '{{ setting.__globals__["os"].popen("id").read() }}',
    '{{ "".__class__.__mro__[1].__subclasses__() }}',
    "{{ self.__init__.__globals__ }}",
    "{{ config }}", "{{ environment }}", "{{ page.file.abs_src_path }}",
    "{{ context() }}", "{{ macros_info() }}",
    '{% include "mkdocs.yml" %}',
    '{{ setting("x") | attr("__class__") }}',
    "{{ namespace() }}", "{{ range(10**9) | list }}", '{{ "a" * 10**9 }}', "{{ -1 }}",
]


def sandbox() -> PageSandbox:
    return PageSandbox({"setting": lambda key: f"Wert von {key}"}, undefined=jinja2.StrictUndefined)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_fails_in_the_sandbox(payload):
    with pytest.raises((SecurityError, jinja2.UndefinedError, jinja2.TemplateError, TypeError)):
        sandbox().from_string(payload).render()


def test_the_macros_are_called_by_name_with_their_arguments():
    assert sandbox().from_string('Name: {{ setting("geschaeftsstelle.name") }}').render() == \
        "Name: Wert von geschaeftsstelle.name"


@pytest.fixture
def repo(tmp_path) -> Path:
    return copy_for_building(tmp_path / "repo")


def build_in_process(repo: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(repo / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_with_the_check_switched_off_the_build_still_runs_no_code_from_a_page(repo, monkeypatch):
    monkeypatch.setattr(Project, "page_problems", lambda self: [])
    monkeypatch.setenv("KLIMAPAKT_TEST_SECRET", "ZZ99Q-geheim")
    touched = repo / "ausgefuehrt"
    (repo / "docs/angriff.md").write_text("---\nrender_macros: true\n---\n\n# Angriff\n\n"
                                          f"{{{{ cycler.__init__.__globals__.os.system(\"touch {touched}\") }}}}\n"
                                          "{{ cycler.__init__.__globals__.os.popen(\"id\").read() }}\n"
                                          "{{ lipsum.__globals__['os'].environ.KLIMAPAKT_TEST_SECRET }}\n",
                                          encoding="utf-8")
    with pytest.raises(SystemExit):  # mkdocs-macros' on_error_fail: the build stops
        build_in_process(repo)
    written = [p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()] if (repo / "site").exists() else []
    assert not any(b"uid=" in data or b"ZZ99Q" in data for data in written)
    assert not touched.exists()


def test_a_page_without_render_macros_is_not_rendered_at_all(repo, monkeypatch):
    monkeypatch.setattr(Project, "page_problems", lambda self: [])
    (repo / "docs/text.md").write_text("---\ntitle: Text\n---\n\n# Text\n\n{{ 7 * 7 }} und {{ setting(\"x\") }}\n",
                                       encoding="utf-8")
    build_in_process(repo)
    html = (repo / "site/text/index.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }} und {{ setting(&quot;x&quot;) }}" in html or '{{ 7 * 7 }} und {{ setting("x") }}' in html
    assert "49" not in html.split("{{ 7 * 7 }}")[1][:20]
