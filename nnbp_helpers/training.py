"""Training a network by gradient descent with backprop: the deck's training loop.

Loop (each iteration is an epoch): forward propagation, backprop to get D^(l),
then the step Θ^(l) ← Θ^(l) − α D^(l); until the weights converge or max #epochs is reached.

:func:`train` runs the step with :class:`_FastTwin`, the fast twin of ``network.forward``,
``cost`` and ``backprop``: the same formulas, rearranged to run close to the speed of their
matrix products (``benchmarks/bench_training.py``), and tested equal to ``backprop`` (to 1e-12).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from ._validate import validated
from .network import init_weights, sigmoid, softplus

__all__ = ["train", "TrainResult"]


@dataclass
class TrainResult:
    """``thetas``: the trained Θ^(l); ``history``: the cost of each epoch (see :func:`train`)."""

    thetas: list
    history: list
    converged: bool = False

    @property
    def epochs_run(self) -> int:
        return len(self.history)


@validated
def train(
    X,
    y,
    layer_sizes,
    alpha,
    lam=0.0,
    epochs=100,
    batch_size=None,
    rng=None,
    callback=None,
    initial_thetas=None,
    tol=None,
    dtype=np.float64,
) -> TrainResult:
    """Fit Θ by gradient descent: every step is Θ^(l) ← Θ^(l) − α D^(l), with D^(l) from backprop.

    * ``X`` (n, s_1), ``y`` labels (n,) or targets (n, K); ``layer_sizes`` = [s_1, ..., s_L].
    * Full-batch gradient descent (as the deck) by default; with ``batch_size``, each epoch
      shuffles the rows and takes one step per mini-batch of that many rows (every row once).
    * ``rng`` (seed or Generator) draws the initial weights (``init_weights``) and the shuffles;
      ``initial_thetas`` starts from given weights instead (they are copied, never changed).
    * ``history[e]`` is J(Θ) during epoch e: full batch, the cost at the weights the epoch's step
      starts from; mini-batches, the mean of the mini-batch costs (no extra forward pass).
    * Stops early when ``tol`` is given and the cost changes by less than ``tol`` between epochs,
      or when ``callback(epoch, cost, thetas)`` returns ``False``.
    * ``dtype=np.float32`` trains in single precision (faster on large data; the returned Θ^(l)
      are float64 again). Gradient checks always use float64.
    * α λ > 2 is refused: each step multiplies every weight by (1 − α λ), so |1 − α λ| > 1 makes
      the weights grow without bound. A cost that becomes NaN or infinite stops training with
      an error naming α.
    """
    if callback is not None and not callable(callback):
        raise TypeError(
            "callback must be a function callback(epoch, cost, thetas), "
            f"got {type(callback).__name__}"
        )
    if alpha * lam > 2:
        raise ValueError(
            f"alpha·lam = {alpha:g}·{lam:g} = {alpha * lam:g} > 2: every step multiplies each "
            f"weight by (1 − α λ) = {1 - alpha * lam:g}, so the weights grow without bound; "
            "choose a smaller alpha or lam (α λ < 1 shrinks them smoothly)"
        )
    dtype = _check_dtype(dtype)
    if initial_thetas is None:
        thetas = init_weights(layer_sizes, rng)
    else:
        thetas = [t.copy() for t in v.check_thetas(initial_thetas)]
        got = [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]
        if got != layer_sizes:
            raise ValueError(
                f"initial_thetas are for layer sizes {got}, but layer_sizes is {layer_sizes}"
            )
    X, Y = X.astype(dtype, copy=False), y.astype(dtype, copy=False)
    thetas = [t.astype(dtype, copy=False) for t in thetas]
    n = X.shape[0]
    b = n if batch_size is None else min(batch_size, n)
    twin = _FastTwin(layer_sizes, b, dtype)

    history, converged = [], False
    for epoch in range(epochs):
        # Overflow (α too large) shows as a non-finite J, checked below, rather than as warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            if b == n:
                J = twin.step(thetas, X, Y, alpha, lam)
            else:
                J = twin.epoch_of_mini_batches(thetas, X, Y, alpha, lam, rng.permutation(n))
        if not np.isfinite(J):
            raise ValueError(
                f"training diverged in epoch {epoch}: the cost J is {J} (the weights overflowed) "
                f"with alpha = {alpha:g}, lam = {lam:g}; choose a smaller alpha"
            )
        history.append(J)
        if callback is not None and callback(epoch, J, thetas) is False:
            break
        if tol is not None and len(history) > 1 and abs(history[-2] - history[-1]) < tol:
            converged = True
            break
    if not all(np.isfinite(t).all() for t in thetas):
        raise ValueError(
            f"training diverged in its last step: the weights overflowed with alpha = {alpha:g}, "
            f"lam = {lam:g}; choose a smaller alpha"
        )
    return TrainResult(
        thetas=[t.astype(np.float64, copy=False) for t in thetas],
        history=history,
        converged=converged,
    )


class _FastTwin:
    """The fast twin of the reference (``network.forward``, ``cost``, ``deltas``, ``backprop``).

    The same formulas, rearranged for speed; ``tests/test_training_speed_paths.py`` holds it equal
    to ``backprop`` and ``cost`` to 1e-12. What it changes:

    * every array a step writes (z^(l), a^(l), δ^(l), α D^(l)) is allocated once, for a batch of
      up to ``b`` rows, and reused;
    * the bias column is never copied into the batch: z = a Θ[:, 1:]ᵀ + Θ[:, 0], and the bias
      column of Δ is 1ᵀ δ (a matrix-vector product with a vector of ones);
    * a hidden layer's g(z) overwrites its z in place;
    * the cost comes from the z^(L) just computed (``softplus(z) − y z``, as ``network.cost``);
    * δ^(L) is multiplied by α/n, and since δ^(l) is linear in δ^(l+1) the factor reaches every
      δ^(l) and every Δ^(l) = δᵀ [1, a] for free: they come out as α D^(l) (before λ);
    * Θ^(l) −= α D^(l) updates the weights in place;
    * an epoch of mini-batches gathers each batch's rows into one reused array, in the order of a
      fresh permutation of the rows (every row once per epoch).
    """

    def __init__(self, layer_sizes, b, dtype):
        self.L = L = len(layer_sizes)
        self.a = {l: np.empty((b, layer_sizes[l - 1]), dtype) for l in range(2, L + 1)}
        self.z_out = np.empty((b, layer_sizes[-1]), dtype)
        self.delta = {l: np.empty((b, layer_sizes[l - 1]), dtype) for l in range(2, L + 1)}
        self.gprime = {l: np.empty((b, layer_sizes[l - 1]), dtype) for l in range(2, L)}
        self.G = [
            np.empty((s_next, s + 1), dtype) for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])
        ]
        self.ones = np.ones(b, dtype)
        self.X_batch = np.empty((b, layer_sizes[0]), dtype)
        self.Y_batch = np.empty((b, layer_sizes[-1]), dtype)

    def scaled_gradients(self, thetas, X, Y, lam, scale) -> tuple:
        """(J, [scale · D^(1), ..., scale · D^(L−1)]) on the batch (X, Y), in reused arrays."""
        L, m = self.L, X.shape[0]
        a = {1: X}
        for l in range(
            1, L
        ):  # forward: z^(l+1) = a^(l) Θ^(l)[:, 1:]ᵀ + Θ^(l)[:, 0], a^(l+1) = g(z^(l+1))
            theta = thetas[l - 1]
            z = self.z_out[:m] if l == L - 1 else self.a[l + 1][:m]
            np.matmul(a[l], theta[:, 1:].T, out=z)
            z += theta[:, 0]
            a[l + 1] = sigmoid(z, out=self.a[l + 1][:m])
        J = self._cost(thetas, self.z_out[:m], Y, lam)

        delta = {L: np.subtract(a[L], Y, out=self.delta[L][:m])}  # δ^(L) = a^(L) − y, times scale/n
        delta[L] *= scale / m
        for l in range(L - 1, 1, -1):  # δ^(l) = (δ^(l+1) Θ^(l)[:, 1:]) .* a^(l) .* (1 − a^(l))
            delta[l] = np.matmul(delta[l + 1], thetas[l - 1][:, 1:], out=self.delta[l][:m])
            delta[l] *= a[l]
            delta[l] *= np.subtract(1.0, a[l], out=self.gprime[l][:m])
        for l, theta in enumerate(
            thetas, start=1
        ):  # scale · D^(l) = δ^(l+1)ᵀ [1, a^(l)] + scale λ Θ^(l), j ≥ 1
            G, d = self.G[l - 1], delta[l + 1]
            np.matmul(self.ones[:m], d, out=G[:, 0])
            np.matmul(d.T, a[l], out=G[:, 1:])
            if lam:
                G[:, 1:] += (scale * lam) * theta[:, 1:]
        return J, self.G

    def _cost(self, thetas, z, Y, lam) -> float:
        """J from z^(L): (1/n) Σ [softplus(z) − y z] + (λ/2) Σ_{j≥1} Θ_ij², as ``network.cost``."""
        J = np.sum(softplus(z) - Y * z) / z.shape[0]
        if lam:
            J += lam / 2 * sum(np.sum(theta[:, 1:] ** 2) for theta in thetas)
        return float(J)

    def step(self, thetas, X, Y, alpha, lam) -> float:
        """One step on (X, Y): Θ^(l) ← Θ^(l) − α D^(l), in place; returns J before it."""
        J, G = self.scaled_gradients(thetas, X, Y, lam, alpha)
        for theta, G_l in zip(thetas, G):
            theta -= G_l
        return J

    def epoch_of_mini_batches(self, thetas, X, Y, alpha, lam, order) -> float:
        """One step per mini-batch of rows ``order[k:k + b]``; returns the mean batch cost."""
        b, total = self.X_batch.shape[0], 0.0
        for start in range(0, X.shape[0], b):
            rows = order[start : start + b]
            # mode="clip" lets numpy write straight into the reused arrays (the rows are in range)
            Xb = np.take(X, rows, axis=0, out=self.X_batch[: rows.size], mode="clip")
            Yb = np.take(Y, rows, axis=0, out=self.Y_batch[: rows.size], mode="clip")
            total += self.step(thetas, Xb, Yb, alpha, lam) * rows.size
        return total / X.shape[0]


def _check_dtype(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be np.float64 or np.float32, got {dtype!r}") from None
    if dt not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(f"dtype must be np.float64 or np.float32, got {dt}")
    return dt
