"""Every test file passes on its own: `pytest FILE -x` once per file, from the repository root.

Test modules share builders only through tests/helpers/ and tests/conftest.py, never by importing
each other; this proves it. By default the browser tests are collected but not run (`-m "not
browser"`: a file's imports and fixtures are still loaded); `--browser` runs them too.

    python scripts/tests_alone.py [--browser] [FILE ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NO_TESTS_SELECTED = 5  # pytest's exit code when every test of the file is deselected (all browser tests)


def run_alone(path: Path, browser: bool) -> tuple[int, float, str]:
    """pytest on one file: its exit code, seconds, and the summary line."""
    command = [sys.executable, "-m", "pytest", str(path.relative_to(ROOT)), "-x", "-p", "no:randomly"]
    if not browser:
        command += ["-m", "not browser"]
    start = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return result.returncode, time.monotonic() - start, lines[-1] if lines else result.stderr.strip()[-300:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", action="store_true", help="run the browser tests too, not only collect them")
    parser.add_argument("files", nargs="*", type=Path, help="test files (default: every tests/**/test_*.py)")
    args = parser.parse_args(argv)
    files = [p.resolve() for p in args.files] or sorted((ROOT / "tests").rglob("test_*.py"))
    failed = []
    for path in files:
        code, seconds, summary = run_alone(path, args.browser)
        ok = code == 0 or (code == NO_TESTS_SELECTED and not args.browser)
        print(f"{'ok  ' if ok else 'FAIL'} {seconds:6.1f} s  {path.relative_to(ROOT)}: {summary}", flush=True)
        if not ok:
            failed.append(path)
    print(f"{len(files) - len(failed)} of {len(files)} test files pass alone")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
