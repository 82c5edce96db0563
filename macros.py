"""mkdocs-macros glue: hands the project to the macros of klimapakt.mkdocs.page_macros.

No HTML and no rules here; every macro returns what the package renders.
"""

from __future__ import annotations

from klimapakt.mkdocs import page_macros
from klimapakt.mkdocs.project import Project


def define_env(env):
    page_macros.define(env, Project.from_config(env.conf))
