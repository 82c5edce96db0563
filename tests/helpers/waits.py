"""Waiting for page state that Playwright's `expect(...)` cannot express in one assertion.

Python's Playwright has no `expect.poll` or `expect(...).to_pass()`; `until` is the latter: it runs
a block of assertions again until they hold, the way every `expect(...)` retries, and fails with
the block's own assertion message once the time is up. Use it for a list read from the page
(the visible cards, a measurement per element); for one element's state prefer `expect(...)`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
TIMEOUT = 15.0  # seconds, as every expect(...) waits here (tests/conftest.py EXPECT_TIMEOUT_MS)
INTERVALS = (0.1, 0.25, 0.5, 1.0)  # between tries, as Playwright's expect(...).toPass() (then 1 s)


def until(check: Callable[[], T], timeout: float = TIMEOUT) -> T:
    """Run `check` (a function of assertions that reads the page) until it raises no
    AssertionError; its result. After `timeout` seconds its last AssertionError is raised."""
    deadline, attempt = time.monotonic() + timeout, 0
    while True:  # ends at the deadline
        try:
            return check()
        except AssertionError:
            if time.monotonic() >= deadline:
                raise
        time.sleep(min(INTERVALS[min(attempt, len(INTERVALS) - 1)], max(deadline - time.monotonic(), 0.0)))
        attempt += 1
