"""mkdocs-macros renders page text in a sandbox: macros by name, nothing else.

mkdocs.yml sets `render_by_default: false`, so only pages with `render_macros: true` are rendered
at all, and `check` lets those contain only the documented calls (klimapakt.pages.macros). This is
the second wall, for whatever reaches Jinja anyway: the plugin's `Environment` (built in its
`on_config`, which runs before hooks.on_config) is replaced by a sandbox in which no attribute
can be read (so no `__globals__`, no `os`), nothing but the project's macros can be called, no
file can be included (no loader) and no variable of the plugin (config, page, environment) exists.
"""

from __future__ import annotations

from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from mkdocs.config.defaults import MkDocsConfig

from ..pages.macros import MACROS

PLUGIN = "macros"
# The plugin renders a page only while it has at least one variable (plugin.on_page_markdown).
PLACEHOLDER = "sandboxed"


class PageSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, narrowed: the macros are called by name, no object's attribute is read."""

    def __init__(self, macros: dict[str, Any], **options: Any):
        super().__init__(**options)
        self.globals.clear()
        self.globals.update(macros)
        self.macro_functions = frozenset(map(id, macros.values()))

    # No arithmetic either: `"a" * 10**9` would fill the memory of the build.
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    intercepted_unops = frozenset({"+", "-"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        raise SecurityError(f"„{operator}“ is not allowed in page text")

    def call_unop(self, context: Any, operator: str, arg: Any) -> Any:
        raise SecurityError(f"„{operator}“ is not allowed in page text")

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        return id(obj) in self.macro_functions


def harden(config: MkDocsConfig) -> None:
    """Swap the macros plugin's environment for a `PageSandbox` with the same delimiters and undefined."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return
    old = plugin.env
    options = {name: getattr(old, name) for name in (
        "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
        "comment_start_string", "comment_end_string", "undefined")}
    # only the project's macros of the check's list: not the plugin's own (`context()`, `macros_info()` show its state)
    macros = {name: function for name, function in plugin.macros.items() if name in MACROS}
    plugin._env = PageSandbox(macros, **options)  # the plugin keeps it there (plugin.env)
    plugin.variables.clear()
    plugin.variables[PLACEHOLDER] = True
