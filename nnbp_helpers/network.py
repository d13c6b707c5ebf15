"""The network, in the deck's order: the unit, forward propagation, the cost J(Θ), δ, and D.

Symbols follow the lecture deck (see the notation table in the README):

* ``thetas[l - 1]`` is Θ^(l), the weights from layer l to layer l + 1, of shape
  (s_{l+1}, s_l + 1); column 0 multiplies the bias unit a_0 = 1.
  (Python lists start at 0 and the deck's layers at 1: this is the one place where the
  two numberings differ, so ``Θ^(1)`` is ``thetas[0]``.)
* Results that hold one array per layer (``forward(...).a``, ``.z``, ``deltas(...)``) are dicts
  keyed by the deck's layer number: ``a[1]`` is a^(1) = X.
* The deck writes one instance as a column vector; here a batch ``X`` holds one instance
  per **row**, so z^(l+1) = Θ^(l) [1; a^(l)] becomes ``z = add_bias(a) @ theta.T`` for the batch.
* Every public function checks its arguments once, by name (``@validated``): inside,
  ``thetas`` are float64 matrices that chain, ``X`` is an (n, s_1) batch and ``y`` is the
  (n, K) target matrix, whether labels or targets were passed.

The training loop runs a fast twin of these formulas (``training.py``), tested equal to them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from ._validate import validated

__all__ = [
    "sigmoid",
    "sigmoid_gradient",
    "softplus",
    "add_bias",
    "one_hot",
    "init_weights",
    "ForwardPass",
    "forward",
    "cost",
    "deltas",
    "backprop",
    "backprop_loop",
    "predict",
]


# --- the unit -----------------------------------------------------------------------


def sigmoid(z, out=None):
    """g(z) = 1 / (1 + e^(−z)), elementwise. Shape: same as ``z``; ``out``: an array to write into.

    Overflow-free: where z < −709, e^(−z) is inf and 1 / (1 + inf) = 0, the right limit.
    """
    z = v.check_z(z)
    with np.errstate(over="ignore"):
        if out is None:
            return 1.0 / (1.0 + np.exp(-z))
        np.negative(z, out=out)
        np.exp(out, out=out)
        out += 1.0
        return np.divide(1.0, out, out=out)


def sigmoid_gradient(z):
    """g'(z) = g(z) (1 − g(z)) = a (1 − a), elementwise. Shape: same as ``z``."""
    a = sigmoid(z)
    return a * (1 - a)


def softplus(z):
    """softplus(z) = log(1 + e^z), elementwise, as max(z, 0) + log1p(e^(−|z|)): no overflow.

    The cost's logs in terms of z: −log g(z) = softplus(−z), −log(1 − g(z)) = softplus(z).
    Equal to ``np.logaddexp(0, z)`` and about five times faster.
    """
    z = v.check_z(z)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def add_bias(a):
    """[1, a]: the activations ``a`` (n, s) with the bias unit a_0 = 1 as column 0 → (n, s + 1)."""
    a = v.as_float_array(a, "a", 2, finite=False)
    return np.hstack([np.ones((a.shape[0], 1)), a])


def one_hot(y, K):
    """Targets Y (n, K) from class labels y (n,) in 0..K−1: Y_ik = 1 where k = y_i, else 0.

    With K = 1 (one output unit for two classes) the target is the 0/1 label itself, as a column.
    """
    K = v.check_count(K, "K", 1)
    y = v.check_labels(y, K)
    if K == 1:
        return y.reshape(-1, 1).astype(np.float64)
    return np.eye(K)[y]


# --- random initialisation ----------------------------------------------------------


@validated
def init_weights(layer_sizes, rng=None, epsilon_init=0.12):
    """Random Θ^(1), ..., Θ^(L−1), each entry uniform in [−ε_init, ε_init] (never all zero).

    ``layer_sizes`` = [s_1, ..., s_L]; ``rng``: a seed or a ``np.random.Generator``.
    Returns a list whose entry l − 1 has shape (s_{l+1}, s_l + 1).
    """
    shapes = [(s_next, s + 1) for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]
    return [rng.uniform(-epsilon_init, epsilon_init, size=shape) for shape in shapes]


# --- forward propagation ------------------------------------------------------------


@dataclass
class ForwardPass:
    """Every a^(l) (n, s_l) and z^(l) (n, s_l) of one forward pass, keyed by the deck's layer l.

    ``a[l]`` has no bias column; a[1] = X. ``z[l]`` exists for l ≥ 2. ``h`` = a^(L), shape (n, K).
    """

    a: dict
    z: dict

    @property
    def L(self) -> int:
        """Number of layers, input and output included."""
        return len(self.a)

    @property
    def h(self) -> np.ndarray:
        """The output h_Θ(x) = a^(L), shape (n, K)."""
        return self.a[self.L]


@validated
def forward(thetas, X) -> ForwardPass:
    """Forward propagation: a^(1) = x, z^(l+1) = Θ^(l) [1; a^(l)], a^(l+1) = g(z^(l+1)).

    ``X``: (n, s_1), one instance per row. ``forward(thetas, X).h`` is the output, (n, K).
    """
    a, z = {1: X}, {}
    for l, theta in enumerate(thetas, start=1):
        z[l + 1] = add_bias(a[l]) @ theta.T  # z^(l+1) = Θ^(l) [1; a^(l)], one row per instance
        a[l + 1] = sigmoid(z[l + 1])  # a^(l+1) = g(z^(l+1))
    return ForwardPass(a=a, z=z)


# --- the cost -----------------------------------------------------------------------


@validated
def cost(thetas, X, y, lam=0.0) -> float:
    """The cost J(Θ), with the leading minus the deck's slide omits (a float):

    J(Θ) = −(1/n) Σ_i Σ_k [y_ik log h_k(x_i) + (1 − y_ik) log(1 − h_k(x_i))]
           + (λ/2) Σ_l Σ_i Σ_{j≥1} (Θ_ij^(l))²

    ``y``: labels (n,) or targets (n, K). Stable: −[y log g(z) + (1 − y) log(1 − g(z))] =
    softplus(z) − y z, computed from z^(L), so it never takes log(0).
    """
    n, z = len(X), forward(thetas, X).z[len(thetas) + 1]  # z = z^(L), h = g(z)
    J = np.sum(softplus(z) - y * z) / n  # (1/n) Σ_i Σ_k [softplus(z_ik) − y_ik z_ik]
    J += lam / 2 * sum(np.sum(theta[:, 1:] ** 2) for theta in thetas)  # + (λ/2) Σ Θ_ij², j ≥ 1
    return float(J)


# --- backpropagation: δ^(l), then Δ^(l) and D^(l) ------------------------------------


@validated
def deltas(thetas, X, y) -> dict:
    """The errors δ^(l) = ∂cost/∂z^(l) for l = L, ..., 2 (no δ^(1)), keyed by l; each (n, s_l).

    δ^(L) = a^(L) − y;  δ^(l) = ((Θ^(l))ᵀ δ^(l+1))_{without the bias row} .* g'(z^(l)),
    with g'(z^(l)) = a^(l) .* (1 − a^(l)). One row per instance, so (Θ^(l))ᵀ δ becomes δ @ Θ.
    """
    L, a = len(thetas) + 1, forward(thetas, X).a
    delta = {L: a[L] - y}  # δ^(L) = a^(L) − y
    for l in range(L - 1, 1, -1):  # l = L − 1, ..., 2
        theta = thetas[l - 1]  # Θ^(l); theta[:, 1:] drops its bias column
        delta[l] = (delta[l + 1] @ theta[:, 1:]) * a[l] * (1 - a[l])
    return delta


@validated
def backprop(thetas, X, y, lam=0.0) -> list:
    """The gradient of J: [D^(1), ..., D^(L−1)], D^(l) = ∂J/∂Θ^(l) shaped like Θ^(l).

    Δ^(l) = Σ_i δ^(l+1) (a^(l))ᵀ with a_0 = 1; D_ij^(l) = (1/n) Δ_ij^(l) + λ Θ_ij^(l) for j ≠ 0,
    (1/n) Δ_ij^(l) for j = 0 (the bias is not regularised).
    """
    n, a, delta = len(X), forward(thetas, X).a, deltas(thetas, X, y)
    D = []
    for l, theta in enumerate(thetas, start=1):
        Delta = delta[l + 1].T @ add_bias(a[l])  # Δ^(l) = Σ_i δ^(l+1) (a^(l))ᵀ, with a_0 = 1
        D_l = Delta / n  # D^(l) = (1/n) Δ^(l)
        D_l[:, 1:] += lam * theta[:, 1:]  # + λ Θ^(l) for j ≥ 1
        D.append(D_l)
    return D


@validated
def backprop_loop(thetas, X, y, lam=0.0) -> list:
    """The same D^(l) as :func:`backprop`, computed as the deck's algorithm slide does:
    one instance at a time, each a column vector, accumulating Δ. Slow; kept for teaching.
    """
    n, L = X.shape[0], len(thetas) + 1
    Delta = [np.zeros_like(theta) for theta in thetas]  # Δ_ij^(l) = 0 for all l, i, j
    for i in range(n):  # for each training instance (x_i, y_i)
        a = {1: X[i]}  # a^(1) = x_i
        for l in range(1, L):  # forward propagation
            a[l + 1] = sigmoid(thetas[l - 1] @ np.concatenate([[1.0], a[l]]))
        delta = {L: a[L] - y[i]}  # δ^(L) = a^(L) − y_i
        for l in range(L - 1, 1, -1):  # δ^(L−1), ..., δ^(2)
            delta[l] = (thetas[l - 1].T @ delta[l + 1])[1:] * a[l] * (1 - a[l])
        for l in range(1, L):  # Δ_ij^(l) += a_j^(l) δ_i^(l+1)
            Delta[l - 1] += np.outer(delta[l + 1], np.concatenate([[1.0], a[l]]))
    D = [Delta_l / n for Delta_l in Delta]
    for D_l, theta in zip(D, thetas):
        D_l[:, 1:] += lam * theta[:, 1:]  # regularise only j ≠ 0
    return D


# --- prediction ---------------------------------------------------------------------


@validated
def predict(thetas, X) -> np.ndarray:
    """Class labels: argmax_k h_k(x) when K ≥ 2, or 1 where h(x) ≥ 0.5 when K = 1. Shape (n,)."""
    h = forward(thetas, X).h
    if h.shape[1] == 1:
        return (h[:, 0] >= 0.5).astype(int)
    return np.argmax(h, axis=1)
