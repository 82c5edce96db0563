"""Build the site with MkDocs and with ProperDocs and check that both write the same site.

ProperDocs (https://properdocs.org/) is the maintained continuation of MkDocs 1.x: it reads
`mkdocs.yml` and runs Material, mkdocs-macros and hooks.py unchanged. This script runs
`mkdocs build --strict` and `properdocs build --strict` on one commit under the same
SOURCE_DATE_EPOCH and KLIMAPAKT_TODAY (so both builds are reproducible) and compares every
file byte for byte. The only difference allowed is the `<meta name="generator" …>` tag of
the HTML pages, which names the generator. It prints each build's time and every file that
differs, and exits 1 on a difference or a failed build.

Usage: python scripts/compare_generators.py [--registry partners.yml | --demo 60] [--out build/compare]
Without --registry it builds 60 fictional demo partners, so every page type has content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from klimapakt.demo import write_demo_registry  # noqa: E402

GENERATORS = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict"],
    # -f: ProperDocs looks for properdocs.yml first and notes the fallback to mkdocs.yml.
    "properdocs": [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"],
}
SOURCE_DATE_EPOCH = "1764000000"  # 2025-11-24 16:00 UTC; any fixed value will do
TODAY = dt.date(2026, 11, 25)
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(name: str, site_dir: Path, registry: Path) -> float:
    """Build into `site_dir` with generator `name`; returns the wall-clock seconds."""
    env = {**os.environ, "KLIMAPAKT_REGISTRY": str(registry), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "KLIMAPAKT_TODAY": TODAY.isoformat()}
    shutil.rmtree(site_dir, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run([*GENERATORS[name], "--site-dir", str(site_dir)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{name} build failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    return seconds


def comparable(path: Path) -> bytes:
    """The file's bytes, an HTML page's generator tag taken out (the one allowed difference)."""
    data = path.read_bytes()
    return GENERATOR_TAG.sub(b"", data, count=1) if path.suffix == ".html" else data


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is only in one tree or differs, as `path: reason`, sorted."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    found = [f"{name}: only in {a.name}" for name in files_a - files_b]
    found += [f"{name}: only in {b.name}" for name in files_b - files_a]
    found += [f"{name}: content differs" for name in files_a & files_b
              if comparable(a / name) != comparable(b / name)]
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registry", type=Path, help="partners.yml to build (default: demo partners)")
    parser.add_argument("--demo", type=int, default=60, help="number of demo partners without --registry")
    parser.add_argument("--out", type=Path, default=ROOT / "build/compare")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    registry = args.registry or write_demo_registry(args.out / "partners.yml", args.demo, seed=2035, today=TODAY)
    seconds = {name: build(name, args.out / name, registry.resolve()) for name in GENERATORS}
    for name, value in seconds.items():
        print(f"{name} build: {value:.2f} s")
    print(f"properdocs / mkdocs: {seconds['properdocs'] / seconds['mkdocs']:.2f}")
    found = differences(args.out / "mkdocs", args.out / "properdocs")
    if found:
        print(f"{len(found)} file(s) differ beyond the generator tag:")
        print("\n".join(f"  {line}" for line in found))
        return 1
    count = sum(1 for p in (args.out / "mkdocs").rglob("*") if p.is_file())
    print(f"All {count} files are identical apart from the generator tag.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
