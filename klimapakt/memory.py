"""Python's cycle collector paused around work that creates many long-lived objects and no cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Every 700 new objects start a collection that walks the objects still alive: loading 5,000 partners
    (a million YAML nodes) and building their workbook (one tuple per cell, 200,000) did this hundreds of
    times and found nothing, which made both superlinear. Reference counting still frees everything; any
    cycles are collected once the collector runs again. Restored as it was, also after an error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
