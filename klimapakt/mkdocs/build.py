"""What hooks.py's MkDocs events do around the pages: validate, the Markdown and Jinja additions, drop
unsafe files, blog date filters, and what the written site still needs (policy, redirects, editor).

Every stop is an `Abort` with the check's German messages (exit code 1, no traceback).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import clock
from ..load import news
from ..model.partners import Partner
from ..render import html
from ..report import RegistryError
from . import admin, hosting, profile_links, sandbox, shared_nav
from .project import Project


def check_before_build(project: Project) -> bool:
    """Every registry, docs/ and the posts, as `check` reads them; whether the registry is demo data."""
    try:
        clock.check_environment()  # MkDocs reads SOURCE_DATE_EPOCH too, and would stop with a traceback
        html.fresh_templates()  # `serve` rebuilds after a template changed: compile them again
        data = project.data()  # every problem of partners.yml, as `check` prints them
        project.validate()  # and of every other declared registry (klimapakt.load.registries)
        problems = project.docs_problems()  # before MkDocs walks docs/, which follows symlinks
        problems += project.page_problems()  # pages and posts: front matter, limits, macro calls, HTML, links
        if problems:
            raise RegistryError(problems)
        project.posts()  # dates and their precision, before the blog plugin reads them
    except (RegistryError, news.PostError, clock.ClockError) as err:
        raise Abort(str(err)) from None
    return data.demo


def extend_markdown(config: MkDocsConfig) -> None:
    """The macros' sandbox and `partner/<id>.md` links; the macros plugin's on_config has built its
    Jinja environment by now (it runs before the hooks')."""
    sandbox.harden(config)
    config.markdown_extensions.append(profile_links.ProfileLinks())


def finish_site(config: MkDocsConfig, project: Project, partners: tuple[Partner, ...]) -> None:
    """After every page is written: the policy hashes the pages as written (klimapakt.mkdocs.hosting);
    the form editor, if configured, brings its own page."""
    try:
        hosting.finish_site(config, partners)
        admin.write_admin(config.site_dir, project.root, project.settings.as_mapping())
    except (ValueError, admin.AdminError) as err:
        raise Abort(str(err)) from None


def drop_unsafe_files(files: Files, project: Project) -> None:
    """Checked again for `serve` (docs/ may change between on_config and here); MkDocs would copy link targets."""
    problems = project.docs_problems()
    refused = {p.file for p in problems}
    for file in list(files):
        shown = f"{project.docs_dir.name}/{file.src_uri}"
        if (file.abs_src_path and Path(file.abs_src_path).is_relative_to(project.docs_dir)
                and any(shown == path or shown.startswith(path + "/") for path in refused)):
            files.remove(file)
    if problems:
        raise Abort(str(RegistryError(problems)))


TEMPLATE_CACHE = "build/jinja-cache"  # below the project folder; git ignores build/


def prepare_theme(env: jinja2.Environment, config: MkDocsConfig) -> None:
    """The theme's Jinja environment for this build: compiled templates cached, the blog templates'
    filters (a post's date as precise as its source), the profiles' shared navigation (shared_nav)."""
    cache_compiled_templates(env, config)
    env.filters.update(post_date_filters())
    filters, helpers = shared_nav.template_helpers()
    env.filters.update(filters)
    env.globals.update(helpers)
    shared_nav.start_build()


def cache_compiled_templates(env: jinja2.Environment, config: MkDocsConfig) -> None:
    """Material's templates compiled once for every build process, not in each: compiling them was about a
    quarter of a small build. Jinja keeps each template's checksum and compiles again when its source
    changed; the folder lies inside the project, so the build reads nothing from outside it."""
    folder = Path(config.config_file_path).parent / TEMPLATE_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def post_date_filters() -> dict[str, Callable[[Page], str]]:
    """Jinja filters for the blog templates in overrides/: a post's date as precise as its source."""
    return {"post_date_text": lambda post: _post(post).date_text, "post_date_iso": lambda post: _post(post).date_iso}


def _post(post: Page) -> news.Post:
    """Material's post (or its excerpt on a list page) read by klimapakt.load.news, the one reader of posts."""
    return news.read_post(Path(post.file.abs_src_path))
