"""Benchmark of the office tools: the import of an office list (150 and 1,500 rows) and of the two-column
CSV without „Rolle“, and the monitoring issue body for 1,000 and 10,000 demo partners.

Prints wall and CPU seconds of each (the fastest of `--repeat` runs in this process) and the ratios
that matter: CPU per row at 1,500 rows against 150 (the import grows linearly), and the issue body's
size, which must stay under GitHub's 65,536 characters whatever the number of partners.

Usage: python scripts/bench_office.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests/office")]
from office_sheets import office_list  # noqa: E402
from test_monitoring import demo_partners  # noqa: E402

from klimapakt.office import monitoring  # noqa: E402
from klimapakt.office.importer import run_import  # noqa: E402
from klimapakt.office.monitoring_md import ISSUE_LIMIT  # noqa: E402

TODAY = dt.date(2026, 11, 25)
LOGOS = ROOT / "docs/assets/partners"
REGISTRY = ROOT / "tests/fixtures/import/partners.yml"


def fastest(task, repeat: int) -> tuple[float, float, object]:
    """(wall, cpu, result) of the fastest of `repeat` runs."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = task()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu, result))
    return min(runs, key=lambda run: run[1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        into = work / "partners.yml"
        shutil.copy(REGISTRY, into)
        per_row = {}
        for rows in (150, 1500):
            sheet = office_list(work / f"liste-{rows}.xlsx", partners=rows - 2)
            wall, cpu, outcome = fastest(lambda sheet=sheet: run_import([sheet], into, logo_dir=LOGOS, today=TODAY), args.repeat)
            per_row[rows] = cpu / rows
            print(f"import office list {rows} rows: {len(outcome.added)} new, wall {wall:.3f} s, cpu {cpu:.3f} s, "
                  f"{per_row[rows] * 1000:.2f} ms cpu/row")
        print(f"ratio cpu/row 1500 : 150 = {per_row[1500] / per_row[150]:.2f}")
        csv = work / "zwei.csv"
        csv.write_text("Name;Stand der Teilnahme\nNeu Eins GmbH;Letter of Intent\n", encoding="utf-8")
        wall, cpu, outcome = fastest(lambda: run_import([csv], ROOT / "partners.yml", logo_dir=LOGOS, today=TODAY),
                                     args.repeat)
        print(f"import two-column CSV into the real partners.yml: {len(outcome.problems)} message, "
              f"wall {wall:.3f} s, cpu {cpu:.3f} s")
    for count in (1_000, 10_000):
        partners = demo_partners(count, TODAY)
        items = monitoring.due_items(partners, TODAY)
        wall, cpu, body = fastest(lambda items=items: monitoring.markdown(items, TODAY, details="https://example.org/run"),
                                  args.repeat)
        print(f"monitoring {count} demo partners: {len(items)} tasks, body {len(body)} characters "
              f"({len(body) / ISSUE_LIMIT:.2f} of GitHub's limit), wall {wall:.3f} s, cpu {cpu:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
