"""The package is typed and linted: mypy and ruff, configured in pyproject.toml, exit 0.

mypy: its default rules plus the bodies of unannotated functions (`check_untyped_defs`) on
klimapakt/; ruff: pycodestyle, pyflakes, import order, bugbear and pyupgrade on the package, the
glue, scripts/ and bench/. Both are pinned in requirements/test.txt and run in pre-commit too.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("command", [("mypy",), ("ruff", "check", ".")], ids=["mypy", "ruff"])
def test_the_code_passes(command):
    pytest.importorskip(command[0], reason="pip install -r requirements/test.txt")
    done = run(*command)
    assert done.returncode == 0, done.stdout + done.stderr
