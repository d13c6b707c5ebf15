import os

import numpy as np
from hypothesis import HealthCheck, settings

from nnbp_helpers.checks._base import FAIL_MARK

# Deterministic property tests: the same examples every run, no flaky deadlines on a busy CI.
settings.register_profile(
    "nnbp",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("nnbp")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Learner code that crashes or returns nonsense: every checker must turn each into feedback.
CRASHES = [
    lambda *a, **k: (_ for _ in ()).throw(NotImplementedError()),
    lambda *a, **k: 1 / 0,
    lambda *a, **k: None,
    lambda *a, **k: "text",
    lambda *a, **k: 42,
    lambda *a, **k: [None, None],
    lambda *a, **k: np.full(3, np.nan),
    lambda *a, **k: np.ones((7, 7, 7)),
    lambda *a, **k: {"a": 1},
    lambda *a, **k: [[object(), object()]],
]


def assert_fails(result, *words):
    """A checker's result is ✘ NOT YET (as text and as HTML) and its feedback, the first hint or
    the "more help" behind it, names every word."""
    text = str(result) + "\n" + result.more()
    assert not result.passed, f"the checker accepted a wrong answer:\n{text}"
    assert FAIL_MARK in str(result) and FAIL_MARK in result._repr_html_(), text
    for w in words:
        assert w in text, f"{w!r} not in feedback:\n{text}"
    return result
