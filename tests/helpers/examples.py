"""How hard the property tests (Hypothesis) look: one setting for every module that uses it."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# KLIMAPAKT_EXAMPLES=5000 for a longer hunt; 150 keeps the suite fast.
SETTINGS = settings(max_examples=int(os.environ.get("KLIMAPAKT_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
