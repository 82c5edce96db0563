"""Which path a pull request takes in .github/workflows/pr.yml: the staff path or the code path.

Prints `code=false` when the pull request changes only data and texts (partners.yml,
events.yml, logos, Markdown pages under docs/, a spreadsheet uploaded into import/ for the
workflow „Tabelle übernehmen“): the check, the preview build and the tests
without a browser run. Otherwise, and for every run that is not a pull request (main, by
hand), it prints `code=true`: the whole suite with the browser tests runs. When in doubt
(git fails, no base commit), it is `code=true`.

Usage in the workflow, after a checkout with fetch-depth 2 (the merge commit and its base):
    python3 scripts/change_kind.py >> "$GITHUB_OUTPUT"
Only the standard library: it runs on the runner's Python before anything is installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

# The files staff edit. Anything else (code, templates, CSS, JavaScript, overrides/, the
# workflows, dependencies, mkdocs.yml) takes the code path.
STAFF_FILES = (
    re.compile(r"partners\.yml"),
    re.compile(r"events\.yml"),
    re.compile(r"kennzahlen\.yml"),
    re.compile(r"docs/assets/partners/[^/]+"),
    re.compile(r"docs/(?!assets/)[^\0]+\.md"),
    re.compile(r"import/[^/]+\.(?i:xlsx|csv)"),  # a sheet uploaded for „Tabelle übernehmen“
)


def is_staff_file(path: str) -> bool:
    return any(pattern.fullmatch(path) for pattern in STAFF_FILES)


def code_changed(paths: list[str]) -> bool:
    return not all(map(is_staff_file, paths))


def changed_files() -> list[str] | None:
    """The files the pull request's merge commit changes against its base (both names of a rename)."""
    try:
        done = subprocess.run(["git", "diff", "--name-only", "--no-renames", "-z", "HEAD^1", "HEAD"],
                              capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return [name for name in done.stdout.decode("utf-8", "surrogateescape").split("\0") if name]


def main() -> int:
    paths = changed_files() if os.environ.get("GITHUB_EVENT_NAME") == "pull_request" else None
    code = paths is None or code_changed(paths)
    print(f"code={'true' if code else 'false'}")
    if paths is not None:  # for the log
        print(f"{len(paths)} geänderte Dateien; {'Code-Pfad' if code else 'nur Daten und Texte'}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
