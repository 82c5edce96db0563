"""Pathological pages: Python-Markdown alone against the page check, as ratios in one run.

Python-Markdown takes quadratic time in the `[` and `<` of one paragraph and recurses per level
of nesting; the page check (klimapakt.pages.check) bounds both before Markdown runs. For each
input this prints Markdown's time at growing sizes (to show the growth) and the check's time on
the 50,000-character version (refused or rendered), with the ratio.

Usage: python scripts/bench_pages.py [--sizes 500 1000 2000] [--big 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from klimapakt.pages import render  # noqa: E402
from klimapakt.pages.check import page_problems  # noqa: E402

INPUTS = {
    "nested brackets": lambda n: "[" * n + "a" + "]" * n,
    "open image brackets": lambda n: "![" * n,
    "tag starts": lambda n: "<a " * n,
    "nested lists": lambda n: "".join("  " * i + "- a\n" for i in range(n // 4)),
    "nested quotes, one per line": lambda n: "".join(">" * i + " a\n" for i in range(n // 4)),
}


def markdown_seconds(text: str) -> float:
    started = time.perf_counter()
    try:
        markdown.markdown(text, extensions=list(render.EXTENSIONS))
    except RecursionError:
        pass
    return time.perf_counter() - started


def check_seconds(text: str) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder) / "docs"
        docs.mkdir()
        (docs / "seite.md").write_text(f"---\ntitle: Seite\n---\n\n# Seite\n\n{text}\n", encoding="utf-8")
        started = time.perf_counter()
        found = page_problems(docs, [], dt.date(2026, 11, 25))
        return time.perf_counter() - started, len(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--big", type=int, default=50_000)
    args = parser.parse_args(argv)
    print("| Input | " + " | ".join(f"Markdown, n={n}" for n in args.sizes) + f" | check, n={args.big} | problems |")
    print("|---|" + "---:|" * (len(args.sizes) + 2))
    for name, make in INPUTS.items():
        times = [markdown_seconds(make(n)) for n in args.sizes]
        seconds, problems = check_seconds(make(args.big))
        cells = " | ".join(f"{t:.3f} s" for t in times)
        print(f"| {name} | {cells} | {seconds:.3f} s | {problems} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
