"""Training a network by gradient descent with backprop: the deck's training loop.

Loop (each iteration is an epoch): forward propagation, backprop to get D^(l),
then the step Θ^(l) ← Θ^(l) − α D^(l); until the weights converge or max #epochs is reached.

The loop runs close to the speed of its matrix products (``benchmarks/bench_training.py``):
every array one step needs is allocated once and reused, a mini-batch is gathered into one
reused array (no shuffled copy of X each epoch), and the cost comes from the z^(L) the step
computed anyway (no extra forward pass).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .network import _cost, _deltas, _forward, _gradients, init_weights

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


def train(X, y, layer_sizes, alpha, lam=0.0, epochs=100, batch_size=None, rng=None, callback=None,
          initial_thetas=None, tol=None, dtype=np.float64) -> TrainResult:
    """Fit Θ by gradient descent: every step is Θ^(l) ← Θ^(l) − α D^(l), with D^(l) from backprop.

    * ``X`` (n, s_1), ``y`` labels (n,) or targets (n, K); ``layer_sizes`` = [s_1, ..., s_L].
    * Full-batch gradient descent (as the deck) by default; with ``batch_size``, each epoch
      shuffles the rows and takes one step per mini-batch of that many rows.
    * ``rng`` (seed or Generator) draws the initial weights (``init_weights``) and the shuffles;
      ``initial_thetas`` starts from given weights instead (they are copied, never changed).
    * ``history[e]`` is J(Θ) during epoch e: full batch, the cost at the weights the epoch's step
      starts from; mini-batches, the mean of the mini-batch costs (no extra forward pass).
    * Stops early when ``tol`` is given and the cost changes by less than ``tol`` between epochs,
      or when ``callback(epoch, cost, thetas)`` returns ``False``.
    * ``dtype=np.float32`` trains in single precision (about twice as fast on large data; the
      returned Θ^(l) are float64 again). Gradient checks always use float64.
    """
    sizes = v.check_layer_sizes(layer_sizes)
    X = v.check_X(X, sizes[0])
    n = X.shape[0]
    Y = v.check_targets(y, n, sizes[-1])
    alpha = v.check_positive(alpha, "alpha")
    lam = v.check_nonnegative(lam, "lam")
    epochs = v.check_count(epochs, "epochs", 0)
    if batch_size is not None:
        batch_size = v.check_count(batch_size, "batch_size", 1)
    if tol is not None:
        tol = v.check_nonnegative(tol, "tol")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be a function callback(epoch, cost, thetas), got {type(callback).__name__}")
    dtype = _check_dtype(dtype)
    rng = np.random.default_rng(rng)
    if initial_thetas is None:
        thetas = init_weights(sizes, rng)
    else:
        thetas = [t.copy() for t in v.check_thetas(initial_thetas)]
        got = [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]
        if got != sizes:
            raise ValueError(f"initial_thetas are for layer sizes {got}, but layer_sizes is {sizes}")
    X, Y = X.astype(dtype, copy=False), Y.astype(dtype, copy=False)
    thetas = [t.astype(dtype, copy=False) for t in thetas]

    # Every array one step writes, allocated once: a^(l), z^(l), δ^(l) for a batch of b rows, and D^(l).
    b = n if batch_size is None else min(batch_size, n)
    work = {(kind, l): np.empty((b, s), dtype) for l, s in enumerate(sizes[1:], start=2) for kind in "zad"}
    grads = [np.empty_like(t) for t in thetas]
    if b < n:
        X_batch, Y_batch = np.empty((b, X.shape[1]), dtype), np.empty((b, Y.shape[1]), dtype)

    history, converged = [], False
    for epoch in range(epochs):
        if b == n:
            total = _step(thetas, X, Y, alpha, lam, work, grads) * n
        else:
            order, total = rng.permutation(n), 0.0
            for start in range(0, n, b):
                rows = order[start:start + b]
                # Gather this mini-batch's rows into the reused arrays (mode="clip" lets numpy write
                # straight into them; the indices come from a permutation, so none is out of range).
                Xb = np.take(X, rows, axis=0, out=X_batch[:rows.size], mode="clip")
                Yb = np.take(Y, rows, axis=0, out=Y_batch[:rows.size], mode="clip")
                total += _step(thetas, Xb, Yb, alpha, lam, work, grads) * rows.size
        history.append(total / n)
        if callback is not None and callback(epoch, history[-1], thetas) is False:
            break
        if tol is not None and len(history) > 1 and abs(history[-2] - history[-1]) < tol:
            converged = True
            break
    return TrainResult(thetas=[t.astype(np.float64, copy=False) for t in thetas], history=history,
                       converged=converged)


def _step(thetas, X, Y, alpha, lam, work, grads) -> float:
    """One gradient-descent step on the batch (X, Y), changing ``thetas`` in place; returns J before it."""
    fp = _forward(thetas, X, work)                           # forward propagation: every a^(l), z^(l)
    J = _cost(thetas, fp.z[fp.L], Y, lam)                    # J(Θ), from the z^(L) just computed
    D = _gradients(thetas, fp, _deltas(thetas, fp, Y, work), lam, out=grads)   # backprop: D^(l) = ∂J/∂Θ^(l)
    for theta, D_l in zip(thetas, D):
        D_l *= alpha
        theta -= D_l                                         # Θ^(l) ← Θ^(l) − α D^(l), in place
    return J


def _check_dtype(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be np.float64 or np.float32, got {dtype!r}") from None
    if dt not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(f"dtype must be np.float64 or np.float32, got {dt}")
    return dt
