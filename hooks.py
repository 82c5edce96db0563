"""MkDocs glue: validate once, add one profile page per partner (outside the nav), the feeds and the outputs.

All logic lives in the `klimapakt` package (klimapakt.mkdocs.project); this file only translates MkDocs events.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from klimapakt.mkdocs import build, deferred, hosting, navigation, preview, shared_nav, site, theme_fixes
from klimapakt.mkdocs.project import Project

log = logging.getLogger("mkdocs.hooks.klimapakt")
_page_files: frozenset[str] = frozenset()  # the preview's HTML files (use_directory_urls: false), from on_env


def on_config(config):
    project = Project.from_config(config)
    config.extra["demo"] = build.check_before_build(project)
    build.extend_markdown(config)
    theme_fixes.start_build()
    hosting.start_build()
    return config


def on_files(files: Files, config) -> Files:
    project = Project.from_config(config)
    build.drop_unsafe_files(files, project)
    for src_uri, markdown in site.profile_pages(project.data()):
        files.append(File.generated(config, src_uri, content=markdown))
    for src_uri, content in project.generated_files().items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_env(env, config, files):
    """The theme's templates for this build (klimapakt.mkdocs.build.prepare_theme); in the preview (no
    directory URLs) the page files that links are turned into."""
    global _page_files
    build.prepare_theme(env, config)
    _page_files = preview.page_files(f.url for f in files) if not config.use_directory_urls else frozenset()
    return env


def on_page_content(html: str, page, config, files) -> str:
    """Profile pages: the package's HTML replaces the empty Markdown body (no Markdown parse); on other
    pages the HTML that macros held back from Markdown takes its place (klimapakt.mkdocs.deferred)."""
    if not page.file.src_uri.startswith(site.PROFILE_DIR + "/"):
        return deferred.release(html)  # a macro's ready HTML (the directory), kept out of Markdown
    return Project.of(config).profile_html(page.file.src_uri) or html


@event_priority(-110)  # after the blog plugin (-100), which fills the table of contents of its list pages
def on_page_context(context, page, config, nav):
    """Sidebars with nothing to show are hidden; on profiles the directory's tab is the current one
    (see klimapakt.mkdocs.navigation); the directory's card lists, which the search plugin has just
    skipped reading, take their places (klimapakt.mkdocs.deferred)."""
    page.content = deferred.release_late(page.content)
    navigation.hide_empty_sidebars(page)
    navigation.mark_profile_section(page, nav)
    return context


@event_priority(-100)  # last: the policy hashes the page's scripts as MkDocs writes them
def on_post_page(output: str, page, config) -> str:
    """Repair Material's markup errors, give every page a skip link and mark its tab as current (see
    klimapakt.mkdocs.theme_fixes); in the preview (no directory URLs), links to page folders become
    links to the files; then the page's Content Security Policy (klimapakt.mkdocs.hosting)."""
    output = theme_fixes.fix_page(output, navigation.current_tab(page))
    output = preview.file_links(output, page.file.url, _page_files) if _page_files else output
    return hosting.secure_page(output, page)


def on_post_template(output: str, template_name: str, config) -> str:
    """The same repairs for the 404 page, which MkDocs renders as a theme template, not a page; it has
    nothing to show in the sidebars."""
    if not template_name.endswith(".html"):
        return output
    output = theme_fixes.hide_sidebars(theme_fixes.fix_page(output))
    return preview.file_links(output, template_name, _page_files) if _page_files else output


@event_priority(-100)  # last: after the search plugin has written search_index.json
def on_post_build(config) -> None:
    log.info("Theme repairs: %s", ", ".join(f"{name} {n}" for name, n in theme_fixes.check_applied().items()))
    log.info("Rendered once for the profiles: %s", ", ".join(f"{name} on {n} pages" for name, n in shared_nav.uses().items()))
    project = Project.from_config(config)
    data = project.write_outputs(config.site_dir)
    build.finish_site(config, project, data.partners)
    log.info("Registry layer: %.2f s (CPU %.2f s) for %d partners", data.timer.seconds, data.timer.cpu_seconds,
             len(data.partners))
