"""Builders and helpers shared by several test modules.

Test modules never import each other: what two of them need lives here, so that
`pytest tests/<folder>` and `pytest <one file>` run on their own. pyproject's
`pythonpath = ["tests"]` makes this package (and tests/quality/) importable from every test.
"""
