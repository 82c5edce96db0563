"""Build-time benchmark: our site with 100 to 5,000 demo partners against Material's own floor.

For each size it writes a demo registry, runs `mkdocs build --strict` in a fresh process
(as `make build` does) and records wall time, peak memory (the child's own maxrss, from
os.wait4), time per partner, the registry layer's seconds as the build logs them
(load, validate, render partner HTML, write exports), and the gzip sizes of the
directory page and the search index. It then builds a plain Material site with the
same number of minimal pages outside the navigation, the framework's floor, and
reports our time as a multiple of it. Results: bench/results.json and bench/results.md.

Usage: python scripts/bench.py [--sizes 100 500 1000 5000] [--repeat 2] [--out bench] [--strict]
Each build runs `--repeat` times and the fastest run counts (the machine may be busy).
The exit code is 0 unless `--strict` is given and a budget is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from klimapakt.demo import write_demo_registry  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]
REGISTRY_LINE = re.compile(r"Registry layer: ([\d.]+) s \(CPU ([\d.]+) s\) for (\d+) partners")
GZIP_LEVEL = 6  # what `gzip` and most web servers use by default
TODAY = dt.date(2026, 11, 25)  # fixed, so every run builds the same registries

# The budgets from the issue.
MAX_SECONDS_5000 = 60.0
MAX_PEAK_MB_5000 = 1536.0
MAX_PER_PARTNER_RATIO = 1.2  # time per partner at 5,000 / at 500
MAX_REGISTRY_SHARE = 0.15
MAX_DIRECTORY_GZ_KB_1000 = 150.0
MAX_SEARCH_GZ_KB_1000 = 400.0


@dataclass
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the build process: less disturbed by other load
    peak_mb: float
    output: str


@dataclass
class Result:
    partners: int
    seconds: float
    cpu_seconds: float
    peak_mb: float
    ms_per_partner: float
    registry_seconds: float
    registry_share: float  # of the wall time
    registry_cpu_share: float  # registry CPU time over the build's CPU time
    directory_gz_kb: float
    search_index_gz_kb: float
    floor_seconds: float
    floor_cpu_seconds: float
    ratio_to_floor: float
    ratio_to_floor_cpu: float
    pages: int


def timed(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Run a command; wall time and the peak resident memory of that very process."""
    with log.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    output = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"build failed ({' '.join(command)}):\n{output[-3000:]}")
    peak_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kb / 1024, output)


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run.seconds)


def gz_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL)) / 1024


def build_ours(size: int, work: Path, repeat: int) -> tuple[Run, Path]:
    registry = write_demo_registry(work / "partners.yml", size, seed=2035, today=TODAY)
    site = work / "site"
    env = {**os.environ, "KLIMAPAKT_REGISTRY": str(registry), "NO_MKDOCS_2_WARNING": "1",
           "KLIMAPAKT_TODAY": TODAY.isoformat()}
    runs = []
    for attempt in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        runs.append(timed([*MKDOCS, "--site-dir", str(site)], ROOT, env, work / f"build-{attempt}.log"))
    return best(runs), site


FLOOR_CONFIG = """site_name: Floor
site_url: https://example.org/
theme:
  name: material
  language: de
plugins:
  - search:
      lang: de
nav:
  - Start: index.md
not_in_nav: |
  /p/
"""


def build_floor(size: int, work: Path, repeat: int) -> Run:
    """A plain Material site with `size` minimal pages outside the navigation."""
    docs = work / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n\nEine Seite.\n", encoding="utf-8")
    for index in range(size):
        (docs / "p" / f"{index:05d}.md").write_text(f"# Seite {index}\n\nEin kurzer Absatz Text.\n", encoding="utf-8")
    (work / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    runs = []
    for attempt in range(repeat):
        shutil.rmtree(work / "site", ignore_errors=True)
        runs.append(timed([*MKDOCS, "--site-dir", str(work / "site")], work, env, work / f"build-{attempt}.log"))
    return best(runs)


def measure(size: int, out: Path, repeat: int) -> Result:
    ours, site = build_ours(size, out / "work" / f"ours-{size}", repeat)
    floor = build_floor(size, out / "work" / f"floor-{size}", repeat)
    match = REGISTRY_LINE.search(ours.output)
    if not match or int(match.group(3)) != size:
        raise SystemExit(f"no 'Registry layer' line for {size} partners in the build log")
    registry, registry_cpu = float(match.group(1)), float(match.group(2))
    pages = sum(1 for _ in site.rglob("*.html"))
    directory, search = gz_kb(site / "klimapartner/index.html"), gz_kb(site / "search/search_index.json")
    shutil.rmtree(site)  # thousands of files; the registry and the logs stay
    shutil.rmtree(out / "work" / f"floor-{size}" / "site", ignore_errors=True)
    return Result(
        partners=size,
        seconds=round(ours.seconds, 2),
        cpu_seconds=round(ours.cpu_seconds, 2),
        peak_mb=round(ours.peak_mb, 1),
        ms_per_partner=round(1000 * ours.seconds / size, 2),
        registry_seconds=registry,
        registry_share=round(registry / ours.seconds, 3),
        registry_cpu_share=round(registry_cpu / ours.cpu_seconds, 3),
        directory_gz_kb=round(directory, 1),
        search_index_gz_kb=round(search, 1),
        floor_seconds=round(floor.seconds, 2),
        floor_cpu_seconds=round(floor.cpu_seconds, 2),
        ratio_to_floor=round(ours.seconds / floor.seconds, 2),
        ratio_to_floor_cpu=round(ours.cpu_seconds / floor.cpu_seconds, 2),
        pages=pages,
    )


def budgets(results: dict[int, Result]) -> list[dict]:
    """Each budget with its measured value; skipped when its size was not benchmarked."""
    checks = []

    def check(name: str, value: float, limit: float, unit: str, *needed: int) -> None:
        if all(n in results for n in needed):
            checks.append({"budget": name, "value": value, "limit": limit, "unit": unit, "met": value <= limit})

    r = results.get
    if 5000 in results:
        check("Build with 5,000 partners", r(5000).seconds, MAX_SECONDS_5000, "s", 5000)
        check("Peak memory with 5,000 partners", r(5000).peak_mb, MAX_PEAK_MB_5000, "MB", 5000)
        check("Registry layer share at 5,000 (wall)", round(100 * r(5000).registry_share, 1), 100 * MAX_REGISTRY_SHARE,
              "%", 5000)
        check("Registry layer share at 5,000 (CPU)", round(100 * r(5000).registry_cpu_share, 1),
              100 * MAX_REGISTRY_SHARE, "%", 5000)
    if 5000 in results and 500 in results:
        check("Time per partner, 5,000 vs 500 (wall)", round(r(5000).ms_per_partner / r(500).ms_per_partner, 2),
              MAX_PER_PARTNER_RATIO, "×", 5000, 500)
        check("Time per partner, 5,000 vs 500 (CPU)", round((r(5000).cpu_seconds / 5000) / (r(500).cpu_seconds / 500), 2),
              MAX_PER_PARTNER_RATIO, "×", 5000, 500)
    if 1000 in results:
        check("Directory page with 1,000 partners (gzip)", r(1000).directory_gz_kb, MAX_DIRECTORY_GZ_KB_1000, "KB", 1000)
        check("Search index with 1,000 partners (gzip)", r(1000).search_index_gz_kb, MAX_SEARCH_GZ_KB_1000, "KB", 1000)
    return checks


def markdown(results: dict[int, Result], checks: list[dict], meta: dict) -> str:
    lines = [
        f"Measured {meta['date']} on {meta['machine']} ({meta['cpus']} CPUs), Python {meta['python']}, "
        f"fastest of {meta['repeat']} run(s) per build; gzip level {GZIP_LEVEL}; load average before the run "
        f"{meta['load_before']} (other work on the machine slows the wall clock, less so the CPU time).",
        "",
        "| Partners | Build (s) | CPU (s) | Peak memory (MB) | ms per partner | Registry layer (s) | Registry share (wall / CPU) "
        "| Directory page gzip (KB) | Search index gzip (KB) | Material floor (s) | Ratio to floor (wall / CPU) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for res in results.values():
        lines.append(f"| {res.partners:,} | {res.seconds:.1f} | {res.cpu_seconds:.1f} | {res.peak_mb:.0f} | {res.ms_per_partner:.2f} "
                     f"| {res.registry_seconds:.2f} | {100 * res.registry_share:.1f} % / {100 * res.registry_cpu_share:.1f} % | {res.directory_gz_kb:.1f} "
                     f"| {res.search_index_gz_kb:.1f} | {res.floor_seconds:.1f} | {res.ratio_to_floor:.2f} / {res.ratio_to_floor_cpu:.2f} |")
    if checks:
        lines += ["", "| Budget | Measured | Limit | Met |", "|---|---:|---:|:---:|"]
        for c in checks:
            lines.append(f"| {c['budget']} | {c['value']:g} {c['unit']} | {c['limit']:g} {c['unit']} "
                         f"| {'yes' if c['met'] else '**no**'} |")
    return "\n".join(lines) + "\n"


RESULTS_START, RESULTS_END = "<!-- results:start -->", "<!-- results:end -->"


def with_results(document: str, table: str) -> str:
    """`document` (bench/results.md) with the generated table between its markers; the prose
    around them (method, analysis) is kept. Without markers: a new document of the table."""
    block = f"{RESULTS_START}\n{table.rstrip()}\n{RESULTS_END}"
    if RESULTS_START in document and RESULTS_END in document.split(RESULTS_START, 1)[1]:
        before, rest = document.split(RESULTS_START, 1)
        return before + block + rest.split(RESULTS_END, 1)[1]
    return f"# Build performance\n\n{block}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    args = parser.parse_args()
    load_before = round(os.getloadavg()[0], 2)
    results: dict[int, Result] = {}
    for size in sorted(args.sizes):
        print(f"building with {size:,} partners …", flush=True)
        results[size] = measure(size, args.out / "out", args.repeat)
        print(f"  {json.dumps(asdict(results[size]))}", flush=True)
    meta = {"date": dt.date.today().isoformat(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "python": platform.python_version(), "repeat": args.repeat, "load_before": load_before}
    checks = budgets(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(
        {"meta": meta, "results": [asdict(r) for r in results.values()], "budgets": checks}, indent=2) + "\n",
        encoding="utf-8")
    table = markdown(results, checks, meta)
    results_md = args.out / "results.md"
    previous = results_md.read_text(encoding="utf-8") if results_md.exists() else ""
    results_md.write_text(with_results(previous, table), encoding="utf-8")
    print(table)
    missed = [c["budget"] for c in checks if not c["met"]]
    if missed:
        print("Missed: " + "; ".join(missed))
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
