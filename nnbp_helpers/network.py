"""The network: sigmoid units, forward propagation, the cost J(Θ) and backpropagation.

Symbols follow the lecture deck (see the notation table in the README):

* ``thetas[l - 1]`` is Θ^(l), the weights from layer l to layer l + 1, of shape
  (s_{l+1}, s_l + 1); column 0 multiplies the bias unit a_0 = 1.
  (Python lists start at 0 and the deck's layers at 1: this is the one place where the
  two numberings differ, so ``Θ^(1)`` is ``thetas[0]``.)
* Results that hold one array per layer (``ForwardPass.a``, ``ForwardPass.z``,
  ``deltas(...)``) are dicts keyed by the deck's layer number: ``fp.a[1]`` is a^(1) = X.
* The deck writes one instance as a column vector; here a batch ``X`` holds one instance
  per **row**, so z^(l+1) = Θ^(l) a^(l) becomes ``z = a @ Θ.T`` for the whole batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as v

__all__ = [
    "sigmoid", "sigmoid_gradient", "init_weights", "ForwardPass", "forward", "cost",
    "deltas", "backprop", "backprop_loop", "predict", "add_bias", "one_hot",
]


# --- the unit -----------------------------------------------------------------------

def sigmoid(z, out=None):
    """The logistic function g(z) = 1 / (1 + e^(−z)), elementwise. Shape: same as ``z``.

    No overflow trouble for any z: where z < −709, e^(−z) overflows to inf and 1 / (1 + inf) = 0,
    the right limit (that warning is silenced); elsewhere every step keeps full relative accuracy.
    ``out``: an array to write g(z) into (the training loop reuses its arrays).
    """
    z = _as_z(z)
    with np.errstate(over="ignore"):
        if out is None:
            return 1.0 / (1.0 + np.exp(-z))
        np.negative(z, out=out)
        np.exp(out, out=out)
        out += 1.0
        return np.divide(1.0, out, out=out)


def sigmoid_gradient(z):
    """g'(z) = g(z) (1 − g(z)), elementwise; when a = g(z) is known, g'(z) = a .* (1 − a).

    Shape: same as ``z``.
    """
    a = sigmoid(z)
    return a * (1.0 - a)


def _as_z(z):
    """z as a float64 array, or a TypeError naming z (NaN is allowed through: g(NaN) = NaN)."""
    try:
        return np.asarray(z, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"z must be a number or a numeric array, got {type(z).__name__}") from None


def add_bias(a):
    """[1, a]: the activations ``a`` (n, s) with the bias unit a_0 = 1 as column 0 → (n, s + 1)."""
    a = v.as_float_array(a, "a", 2)
    return np.hstack([np.ones((a.shape[0], 1)), a])


def one_hot(y, K):
    """Targets Y (n, K) from class labels y (n,) in 0..K−1: Y[i, k] = 1 where k = y_i, else 0.

    With K = 1 (one output unit for two classes) the target is the 0/1 label itself, as a column.
    """
    K = v.check_count(K, "K", 1)
    y = v.check_labels(y, K)
    if K == 1:
        return y.reshape(-1, 1).astype(np.float64)
    return np.eye(K)[y]


# --- random initialisation ----------------------------------------------------------

def init_weights(layer_sizes, rng=None, epsilon_init=0.12):
    """Random Θ^(1), ..., Θ^(L−1), each entry uniform in [−ε_init, ε_init] (never all zero).

    ``layer_sizes`` = [s_1, ..., s_L]; ``rng`` is a seed or a ``np.random.Generator``.
    Returns a list whose entry l − 1 has shape (s_{l+1}, s_l + 1).
    """
    sizes = v.check_layer_sizes(layer_sizes)
    eps = v.check_positive(epsilon_init, "epsilon_init")
    rng = np.random.default_rng(rng)
    return [rng.uniform(-eps, eps, size=(s_next, s + 1)) for s, s_next in zip(sizes[:-1], sizes[1:])]


# --- forward propagation ------------------------------------------------------------

@dataclass
class ForwardPass:
    """Every a^(l) and z^(l) of one forward pass, keyed by the deck's layer number l.

    ``a[l]``: activations of layer l, shape (n, s_l), without the bias column; a[1] = X.
    ``z[l]``: weighted inputs of layer l ≥ 2, shape (n, s_l).
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


def _rows(work, key, n):
    """The first n rows of the reusable array ``work[key]``, or None (numpy then makes a new array).

    ``work`` is None except in the training loop, which allocates its arrays once (see training.py).
    """
    return None if work is None else work[key][:n]


def _forward(thetas, X, work=None) -> ForwardPass:
    n = X.shape[0]
    a, z = {1: X}, {}
    for l, theta in enumerate(thetas, start=1):
        # z^(l+1) = Θ^(l) [1; a^(l)] for each row; written as a @ Θ[:, 1:].T + Θ[:, 0]
        # so the bias column is never copied into the (possibly large) batch.
        z[l + 1] = np.matmul(a[l], theta[:, 1:].T, out=_rows(work, ("z", l + 1), n))
        z[l + 1] += theta[:, 0]
        a[l + 1] = sigmoid(z[l + 1], out=_rows(work, ("a", l + 1), n))   # a^(l+1) = g(z^(l+1))
    return ForwardPass(a=a, z=z)


def forward(thetas, X) -> ForwardPass:
    """Forward propagation: a^(1) = x, z^(l+1) = Θ^(l) [1; a^(l)], a^(l+1) = g(z^(l+1)).

    ``X``: (n, s_1), one instance per row. Returns a :class:`ForwardPass`;
    ``forward(thetas, X).h`` is the output, shape (n, K).
    """
    thetas = v.check_thetas(thetas)
    X = v.check_X(X, thetas[0].shape[1] - 1)
    return _forward(thetas, X)


# --- the cost -----------------------------------------------------------------------

def _softplus(t):
    """log(1 + e^t) = max(t, 0) + log(1 + e^(−|t|)), without overflow: e^(−|t|) ≤ 1.

    −log g(z) = softplus(−z) and −log(1 − g(z)) = softplus(z).
    """
    e = np.exp(-np.abs(t))
    np.log1p(e, out=e)
    return e + np.maximum(t, 0.0)


def _cost(thetas, z_out, Y, lam) -> float:
    n = Y.shape[0]
    # −[y log g(z) + (1 − y) log(1 − g(z))] = y·softplus(−z) + (1 − y)·softplus(z) = softplus(z) − y z.
    # Working from z^(L) instead of h avoids log(0) when a unit saturates.
    data = np.sum(_softplus(z_out) - Y * z_out) / n
    penalty = lam / 2.0 * sum(np.sum(theta[:, 1:] ** 2) for theta in thetas) if lam else 0.0  # j ≥ 1: no bias
    return float(data + penalty)


def cost(thetas, X, y, lam=0.0) -> float:
    """The regularised cross-entropy J(Θ) (note the leading minus the deck's slide omits):

    J(Θ) = −(1/n) Σ_i Σ_k [y_ik log h_k(x_i) + (1 − y_ik) log(1 − h_k(x_i))]
           + (λ/2) Σ_l Σ_i Σ_{j≥1} (Θ_ij^(l))²

    ``X``: (n, s_1); ``y``: int labels (n,) in 0..K−1 (0/1 when K = 1) or targets (n, K).
    Returns a float. Stable at saturation: it is computed from z^(L), never log(0).
    """
    thetas, X, Y, lam = _check_all(thetas, X, y, lam)
    fp = _forward(thetas, X)
    return _cost(thetas, fp.z[fp.L], Y, lam)


# --- backpropagation ----------------------------------------------------------------

def _deltas(thetas, fp: ForwardPass, Y, work=None) -> dict:
    L, n = fp.L, Y.shape[0]
    d = {L: np.subtract(fp.a[L], Y, out=_rows(work, ("d", L), n))}          # δ^(L) = a^(L) − y
    for l in range(L - 1, 1, -1):                             # l = L−1, ..., 2 (no δ^(1))
        a = fp.a[l]
        # δ^(l) = (Θ^(l))ᵀ δ^(l+1) without the bias row, .* g'(z^(l)) = a^(l) .* (1 − a^(l))
        d[l] = np.matmul(d[l + 1], thetas[l - 1][:, 1:], out=_rows(work, ("d", l), n))
        d[l] *= a * (1.0 - a)
    return d


def _gradients(thetas, fp: ForwardPass, d: dict, lam, out=None) -> list:
    # ``out``: arrays shaped like the Θ^(l) to write the D^(l) into (the training loop reuses them).
    n = fp.a[1].shape[0]
    grads = []
    for l, theta in enumerate(thetas, start=1):
        D = np.empty_like(theta) if out is None else out[l - 1]
        # Δ^(l) = Σ_i δ^(l+1) (a^(l))ᵀ with a_0 = 1, i.e. δ^(l+1)ᵀ [1, a^(l)] for the batch
        np.matmul(d[l + 1].T, np.ones(n, D.dtype), out=D[:, 0])   # j = 0: the bias unit's column of ones
        np.matmul(d[l + 1].T, fp.a[l], out=D[:, 1:])              # j ≥ 1
        D *= 1.0 / n                                          # D^(l) = (1/n) Δ^(l) ...
        if lam:
            D[:, 1:] += lam * theta[:, 1:]                    # ... + λ Θ^(l) for j ≠ 0 (the bias is not regularised)
        grads.append(D)
    return grads


def deltas(thetas, X, y) -> dict:
    """The errors δ^(l) = ∂cost/∂z^(l) for l = 2, ..., L, keyed by l; each (n, s_l).

    δ^(L) = a^(L) − y and δ^(l) = ((Θ^(l))ᵀ δ^(l+1))_{no bias row} .* g'(z^(l)).
    """
    thetas, X, Y, _ = _check_all(thetas, X, y, 0.0)
    fp = _forward(thetas, X)
    return _deltas(thetas, fp, Y)


def backprop(thetas, X, y, lam=0.0) -> list:
    """The gradient of J: a list of D^(l) = ∂J/∂Θ^(l), each shaped like Θ^(l), vectorised over the batch.

    D_ij^(l) = (1/n) Δ_ij^(l) + λ Θ_ij^(l) for j ≠ 0 and (1/n) Δ_ij^(l) for j = 0,
    with Δ^(l) = Σ_i δ^(l+1) (a^(l))ᵀ.
    """
    thetas, X, Y, lam = _check_all(thetas, X, y, lam)
    fp = _forward(thetas, X)
    return _gradients(thetas, fp, _deltas(thetas, fp, Y), lam)


def backprop_loop(thetas, X, y, lam=0.0) -> list:
    """The same D^(l) as :func:`backprop`, computed as the deck's algorithm slide does:
    one instance at a time, each a column vector, accumulating Δ. Slow; kept for teaching.
    """
    thetas, X, Y, lam = _check_all(thetas, X, y, lam)
    n, L = X.shape[0], len(thetas) + 1
    Delta = [np.zeros_like(theta) for theta in thetas]        # Δ_ij^(l) = 0 for all l, i, j
    for i in range(n):                                        # for each training instance (x_i, y_i)
        a = {1: X[i]}                                         # a^(1) = x_i
        for l in range(1, L):                                 # forward propagation
            a_bias = np.concatenate([[1.0], a[l]])
            a[l + 1] = sigmoid(thetas[l - 1] @ a_bias)
        delta = {L: a[L] - Y[i]}                              # δ^(L) = a^(L) − y_i
        for l in range(L - 1, 1, -1):                         # δ^(L−1), ..., δ^(2)
            delta[l] = (thetas[l - 1].T @ delta[l + 1])[1:] * a[l] * (1 - a[l])
        for l in range(1, L):                                 # Δ_ij^(l) += a_j^(l) δ_i^(l+1)
            Delta[l - 1] += np.outer(delta[l + 1], np.concatenate([[1.0], a[l]]))
    D = []
    for theta, Delta_l in zip(thetas, Delta):
        D_l = Delta_l / n
        D_l[:, 1:] += lam * theta[:, 1:]                      # regularise only j ≠ 0
        D.append(D_l)
    return D


# --- prediction ---------------------------------------------------------------------

def predict(thetas, X) -> np.ndarray:
    """Class labels: argmax_k h_k(x) when K ≥ 2, or 1 where h(x) ≥ 0.5 when K = 1. Shape (n,)."""
    h = forward(thetas, X).h
    if h.shape[1] == 1:
        return (h[:, 0] >= 0.5).astype(int)
    return np.argmax(h, axis=1)


def _check_all(thetas, X, y, lam):
    thetas = v.check_thetas(thetas)
    X = v.check_X(X, thetas[0].shape[1] - 1)
    Y = v.check_targets(y, X.shape[0], thetas[-1].shape[0])
    lam = v.check_nonnegative(lam, "lam")
    return thetas, X, Y, lam
