"""HTML validity: the Nu Html Checker (vnu.jar) on Java."""

from __future__ import annotations

import json
import subprocess
import urllib.parse
from pathlib import Path

from .tools import VNU_JAR, require_java, require_tool


def run_vnu(*paths: Path) -> list[dict]:
    """Errors of the Nu Html Checker over files or whole directories (one Java start)."""
    result = subprocess.run(
        [require_java(), "-jar", str(require_tool(VNU_JAR)), "--skip-non-html", "--errors-only", "--format", "json",
         *map(str, paths)],
        capture_output=True, text=True, timeout=600)
    if not result.stderr.strip():
        return []
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages if m.get("type") in {"error", "non-document-error"}]


def describe_vnu(messages: list[dict], root: Path | None = None) -> list[str]:
    lines = []
    for m in messages:
        url = urllib.parse.unquote(m.get("url", "").removeprefix("file:"))
        if root is not None:
            url = url.replace(str(root) + "/", "")
        lines.append(f"{url}:{m.get('lastLine', '?')}: {m['message']}")
    return lines
