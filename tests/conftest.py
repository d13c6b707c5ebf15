import os

from hypothesis import HealthCheck, settings

# Deterministic property tests: the same examples on every run, no flaky deadlines on a busy CI machine.
settings.register_profile("nnbp", derandomize=True, deadline=None, max_examples=60,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("nnbp")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
