"""Hypothesis settings for the property tests: repeatable (derandomized) and quick.

The profile is the default for this folder; a test that needs fewer examples (a window, a
100 KB text) says so with its own ``settings``. ``function_scoped_fixture`` is allowed: the
fixtures here (a folder, a database) are shared by a test's examples on purpose, and every
property checks what changed from one example to the next.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "navigator-property",
    derandomize=True,
    deadline=None,
    max_examples=60,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
settings.load_profile("navigator-property")
