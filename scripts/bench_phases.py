"""The registry layer's phases timed in-process (CPU), for profiling what scripts/bench.py measures as a whole.

Loads a demo registry (written once with `--partners` fictional companies, or the one given), then renders
the profile front matter, the profiles, the directory page and the progress figures, and writes the outputs
into an empty folder, each timed by CPU time. `--profile PHASE` runs that phase under cProfile and prints its
40 most expensive functions (`--sort cumulative` or `tottime`).

Usage: python scripts/bench_phases.py [--partners 5000] [--registry FILE] [--profile load] [--sort tottime]
Run it from two trees in turn (before, after, before, after) to compare a change; the figures are noisy
on a busy machine.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("KLIMAPAKT_TODAY", "2026-11-25")  # the date scripts/bench.py builds on

from klimapakt.demo import write_demo_registry  # noqa: E402
from klimapakt.mkdocs import site  # noqa: E402
from klimapakt.render import html  # noqa: E402

PHASES = ("load", "front", "profiles", "directory", "progress", "outputs")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=5000)
    parser.add_argument("--registry", type=Path, help="a registry to load instead of a demo one")
    parser.add_argument("--profile", choices=PHASES)
    parser.add_argument("--sort", choices=("cumulative", "tottime"), default="cumulative")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="klimapakt-phases-"))
    registry = args.registry or write_demo_registry(work / "partners.yml", args.partners, today=dt.date(2026, 11, 25))
    profiler = cProfile.Profile() if args.profile else None

    def timed(name: str, run: Callable[[], Any]) -> Any:
        start = time.process_time()
        if profiler and name == args.profile:
            profiler.enable()
        try:
            return run()
        finally:
            if profiler and name == args.profile:
                profiler.disable()
            print(f"{name:10s} {time.process_time() - start:6.2f} s CPU")

    data = timed("load", lambda: site.load_site_data(registry, ROOT / "docs/assets/partners"))
    timed("front", lambda: list(site.profile_pages(data)))
    timed("profiles", lambda: [site.profile_html(data, p, "office@example.org", "https://example.org/")
                               for p in data.partners])
    timed("directory", lambda: html.render_directory(list(data.partners)))
    timed("progress", lambda: data.progress)
    out = work / "site"
    (out / "search").mkdir(parents=True)
    (out / "search/search_index.json").write_text('{"config": {}, "docs": []}', encoding="utf-8")
    timed("outputs", lambda: site.write_outputs(data, out, site_url="https://example.org/", publisher="Test"))
    if profiler:
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(40)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
