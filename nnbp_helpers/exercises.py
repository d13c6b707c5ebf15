"""Exercise material that is not a checker: the planted-bug backprop of notebook 05.

Exercise 5.5 asks the learner to find the bug with a gradient check before reading this code.
"""

from __future__ import annotations

from ._validate import validated
from .network import add_bias, deltas, forward

__all__ = ["suspect_backprop", "EXERCISE_MATRICES"]

EXERCISE_MATRICES = 3  # notebook 05 hunts the bug on layer sizes [4, 5, 5, 3]: D^(1), D^(2), D^(3)


@validated
def suspect_backprop(thetas, X, y, lam=0.0) -> list:
    """A colleague's backprop, [D^(1), ..., D^(L−1)], with exactly one planted bug.

    Find it with a gradient check.
    """
    n, a, delta = len(X), forward(thetas, X).a, deltas(thetas, X, y)
    D = [delta[l + 1].T @ add_bias(a[l]) / n for l in range(1, len(thetas) + 1)]
    for l in range(1, len(thetas)):
        D[l][:, 1:] += lam * thetas[l][:, 1:]
    return D
