"""Klimapakt Düsseldorf: the partner registry's model, validation, rendering and exports.

Nothing here imports MkDocs: `hooks.py` and `macros.py` at the repository root are the
only glue, so another site generator would reuse this package unchanged.
"""
