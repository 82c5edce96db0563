"""Checkers for the quality gates: accessibility, privacy, HTML validity, links, page weight.
Every checker returns a list of readable problems (empty = passed), so the site's tests
and tests/test_checkers.py (which runs them on deliberately broken fixture pages) use the
same code. The pinned tools come from package.json (`npm ci`, run by `make test`):
axe-core's script is injected into the page, vnu.jar runs on Java.
"""
