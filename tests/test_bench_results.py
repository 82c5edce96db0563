"""bench/results.md: scripts/bench.py replaces only its generated tables, never the prose around them."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts/bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    yield module
    del sys.modules["bench"]


def test_a_new_run_replaces_the_tables_and_keeps_the_prose(bench):
    document = (ROOT / "bench/results.md").read_text(encoding="utf-8")
    updated = bench.with_results(document, "| Partners |\n|---:|\n| 100 |\n")
    before, rest = document.split(bench.RESULTS_START)
    after = rest.split(bench.RESULTS_END)[1]
    assert updated == f"{before}{bench.RESULTS_START}\n| Partners |\n|---:|\n| 100 |\n{bench.RESULTS_END}{after}"
    assert "## How the build stays linear" in after and "## Analysis of the run of" in after


def test_the_committed_tables_are_what_the_markers_hold(bench):
    document = (ROOT / "bench/results.md").read_text(encoding="utf-8")
    inner = document.split(bench.RESULTS_START)[1].split(bench.RESULTS_END)[0]
    assert bench.with_results(document, inner.strip() + "\n") == document


def test_without_markers_the_file_is_started_afresh(bench):
    assert bench.with_results("", "T\n") == f"# Build performance\n\n{bench.RESULTS_START}\nT\n{bench.RESULTS_END}\n"
