"""Registry text as editors' YAML language server reads it (YAML 1.2 core schema).

Editors read partners.yml as YAML 1.2 (the language server's default): `no` and `2024-01-01` are
strings there. The schema tests and the property tests look at the data the same way.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


def yaml12(text: str) -> Any:
    """The data as a YAML 1.2 core-schema reader (like the YAML language server) sees it."""
    def value(node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return {key.value: value(item) for key, item in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [value(item) for item in node.value]
        raw = node.value
        if node.style:
            return raw
        if re.fullmatch(r"null|Null|NULL|~|", raw):
            return None
        if re.fullmatch(r"true|True|TRUE|false|False|FALSE", raw):
            return raw.lower() == "true"
        if re.fullmatch(r"[-+]?[0-9]+", raw):
            return int(raw)
        if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", raw):
            return float(raw)
        return raw
    return value(yaml.compose(text, Loader=yaml.SafeLoader))
