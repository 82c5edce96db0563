"""One build for every pytest-xdist worker (`make test-fast` runs the tests on every core).

A session fixture runs once per worker process. For the costly, read-only site builds the first
worker builds into the run's shared temporary folder while the others wait on a file lock, then
all read the same files. Without xdist (one process, a single file alone) it is a plain build.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


def built_once(request: pytest.FixtureRequest, name: str, build: Callable[[Path], Path]) -> Path:
    """What `build(folder)` returns, built into a fresh folder once per test run."""
    tmp_path_factory = request.getfixturevalue("tmp_path_factory")
    # A worker's config has `workerinput`; an environment variable would also reach a pytest that a test
    # starts itself (tests/test_staff_path.py), whose temporary folder has no run's folder above it.
    if not hasattr(request.config, "workerinput"):
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"  # the run's folder, above each worker's
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if the build fails
        done = shared.with_name(f"{shared.name}.built")
        if not done.exists():
            shutil.rmtree(shared, ignore_errors=True)  # what a failed build of another worker left
            shared.mkdir()
            done.write_text(str(build(shared)), encoding="utf-8")
        return Path(done.read_text(encoding="utf-8"))
