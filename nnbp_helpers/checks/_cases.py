"""Small, fixed test networks the checkers try a learner's function on (edge cases included)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..network import init_weights


@dataclass
class Case:
    label: str  # how the failure message names this case
    thetas: list
    X: np.ndarray
    y: np.ndarray  # int labels (n,) or targets (n, K)
    lam: float = 0.0

    @property
    def layer_sizes(self):
        return [self.thetas[0].shape[1] - 1] + [t.shape[0] for t in self.thetas]


def _case(label, sizes, n, seed, lam=0.0, scale=1.0, onehot=False):
    rng = np.random.default_rng(seed)
    thetas = [t * scale for t in init_weights(sizes, rng, epsilon_init=1.0)]
    X = rng.normal(size=(n, sizes[0]))
    K = sizes[-1]
    n_classes = 2 if K == 1 else K
    labels = rng.integers(0, n_classes, size=n)
    # Every class that fits appears at least once: with a single class, mistakes such as using raw
    # labels y (n,) against h (n, 1) give the same number as other mistakes and cannot be told
    # apart.
    m = min(n, n_classes)
    labels[:m] = rng.permutation(n_classes)[:m] if n >= n_classes else labels[:m]
    if onehot and K > 1:
        y = np.eye(K)[labels]
    else:
        y = labels
    return Case(label, thetas, X, y, lam)


def network_cases(lam: float | None = None):
    """A handful of networks: one instance, K = 1, K = 3 with one-hot targets, the deck's L = 4."""
    cases = [
        _case("layer_sizes [2, 3, 1], one instance", [2, 3, 1], 1, 0),
        _case("layer_sizes [2, 3, 1], 4 instances, labels 0 and 1", [2, 3, 1], 4, 1),
        _case("layer_sizes [3, 4, 3], 5 instances, one-hot targets", [3, 4, 3], 5, 2, onehot=True),
        _case("layer_sizes [4, 3, 3, 2] (L = 4 as in the deck), 6 instances", [4, 3, 3, 2], 6, 3),
    ]
    if lam is not None:
        for c in cases:
            c.lam = lam
            c.label += f", λ = {lam:g}"
    return cases


def saturated_case():
    """Weights so large that |z^(L)| reaches hundreds: a naive log(h) gives log(0)."""
    return _case(
        "layer_sizes [2, 3, 2] with |z| in the hundreds (saturated units)",
        [2, 3, 2],
        4,
        4,
        scale=300.0,
    )


def hand_made_network():
    """Notebook 02's hand-made [2, 3, 1] network (notebook 03 uses it too): [Θ^(1), Θ^(2)]."""
    theta1 = np.array([[0.1, 0.3, -0.5], [-0.2, 0.4, 0.1], [0.3, -0.6, 0.2]])
    theta2 = np.array([[-0.3, 0.5, -0.4, 0.6]])
    return [theta1, theta2]


def self_naming_network(layer_sizes):
    """Weights that name themselves: Θ_ij^(l) = l + i/10 + j/100 (Θ_21^(1) = 1.21), for layers of
    at most 9 units, so a learner's number says which weight it read."""
    thetas = []
    for l, (s, s_next) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:]), start=1):
        i = np.arange(1, s_next + 1)[:, None]
        j = np.arange(0, s + 1)[None, :]
        thetas.append(l + i / 10 + j / 100)
    return thetas
