"""Composing a registry's YAML into nodes, with each scalar's tag resolved once per distinct value.

PyYAML's composer (libyaml's too) asks the Python resolver for the tag of every scalar and calls
two more Python methods per node; at 5,000 partners that is about 400,000 calls, a third of the
time composing takes. Most scalars repeat (years, sectors, `true`, statuses), and the tag of a
plain scalar depends only on its text (SafeLoader has no path resolvers), so a C-level cache in
front of the resolver and C-level no-ops for the path hooks give the very same nodes, tags, lines
and columns, and the same errors.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from .syntax import COMPOSE_LOADER


def compose_nodes(text: str, loader_class: Any = COMPOSE_LOADER) -> yaml.Node | None:
    """`yaml.compose(text, Loader=loader_class)`, faster; raises what it raises."""
    loader = loader_class(text)
    if not getattr(loader_class, "yaml_path_resolvers", None):  # the path hooks do nothing without them
        loader.resolve = functools.lru_cache(maxsize=None)(functools.partial(loader_class.resolve, loader))
        loader.descend_resolver = slice  # called as (parent, index): a builtin that takes two values and is discarded
        loader.ascend_resolver = tuple  # called without arguments
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
        loader.__dict__.clear()  # the cache refers to the loader: no cycle outlives the call
