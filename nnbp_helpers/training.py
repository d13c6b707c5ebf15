"""Training a network by gradient descent with backprop: the deck's training loop.

Loop (each iteration is an epoch): forward propagation, backprop to get D^(l),
then the step Θ^(l) ← Θ^(l) − α D^(l); until the weights converge or max #epochs is reached.
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
          initial_thetas=None, tol=None) -> TrainResult:
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
    rng = np.random.default_rng(rng)
    if initial_thetas is None:
        thetas = init_weights(sizes, rng)
    else:
        thetas = [t.copy() for t in v.check_thetas(initial_thetas)]
        got = [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]
        if got != sizes:
            raise ValueError(f"initial_thetas are for layer sizes {got}, but layer_sizes is {sizes}")

    history, converged = [], False
    for epoch in range(epochs):
        if batch_size is None or batch_size >= n:
            batches = [(X, Y)]
        else:
            order = rng.permutation(n)
            Xs, Ys = X[order], Y[order]
            batches = [(Xs[i:i + batch_size], Ys[i:i + batch_size]) for i in range(0, n, batch_size)]
        total = 0.0
        for Xb, Yb in batches:
            fp = _forward(thetas, Xb)
            total += _cost(thetas, fp.z[fp.L], Yb, lam) * Xb.shape[0]
            grads = _gradients(thetas, fp, _deltas(thetas, fp, Yb), lam)
            for theta, D in zip(thetas, grads):
                theta -= alpha * D                      # Θ^(l) ← Θ^(l) − α D^(l)
        history.append(total / n)
        if callback is not None and callback(epoch, history[-1], thetas) is False:
            break
        if tol is not None and len(history) > 1 and abs(history[-2] - history[-1]) < tol:
            converged = True
            break
    return TrainResult(thetas=thetas, history=history, converged=converged)
