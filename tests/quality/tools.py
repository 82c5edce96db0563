"""The pinned quality tools of package.json (installed by `npm ci`, run by `make test`) and Java.

A missing tool skips its test with the command that installs it, so that `pytest <one file>` runs
on a machine without them; where the tools must be there (CI, and `make test`, which installs
them first) a missing one fails the test instead of hiding it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
NPM_INSTALL = "npm ci --no-audit --no-fund --ignore-scripts"
JAVA_INSTALL = "make java (apt-get install default-jre-headless)"


def tools_required() -> bool:
    """True in CI (GitHub sets CI=true) and under `make test` (KLIMAPAKT_REQUIRE_TOOLS=1)."""
    return bool(os.environ.get("CI")) or os.environ.get("KLIMAPAKT_REQUIRE_TOOLS") == "1"


def missing(what: str, install: str) -> None:
    message = f"{what} is missing: run `{install}`"
    if tools_required():
        pytest.fail(message)
    pytest.skip(message)


def require_tool(path: Path) -> Path:
    """A file of the pinned npm tools (marker `npm`)."""
    if not path.exists():
        missing(str(path.relative_to(ROOT)), NPM_INSTALL)
    return path


def require_java() -> str:
    """The `java` command (marker `java`)."""
    java = shutil.which("java")
    if java is None:
        missing("java (the Nu Html Checker needs a Java runtime)", JAVA_INSTALL)
    return java


def skip_without_marked_tools(item) -> None:
    """Before a test's fixtures are built: its markers `npm` and `java` name the tools it needs."""
    if item.get_closest_marker("npm"):
        for path in (AXE_JS, VNU_JAR):
            require_tool(path)
    if item.get_closest_marker("java"):
        require_java()
