"""Unrolling the Θ^(l) into one vector, and checking backprop's D against a numerical estimate.

The deck's implementation steps: backprop gives ``DVec`` (the unrolled D^(l)); numerical
gradient checking gives ``gradApprox``; make sure they are similar; then turn the check off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import _validate as v
from .network import _check_all, _cost, _deltas, _forward, _gradients

__all__ = ["unroll", "roll", "numerical_gradient", "relative_difference", "gradient_check",
           "GradientCheckReport"]


def unroll(thetas) -> np.ndarray:
    """All matrices Θ^(1), Θ^(2), ... (or D^(1), D^(2), ...) flattened row by row into one vector, shape (P,)."""
    thetas = v.check_thetas(thetas)
    return np.concatenate([theta.ravel() for theta in thetas])


def roll(vec, layer_sizes) -> list:
    """The inverse of :func:`unroll`: the vector ``vec`` (P,) back to matrices of shape (s_{l+1}, s_l + 1)."""
    sizes = v.check_layer_sizes(layer_sizes)
    vec = v.as_float_array(vec, "vec", 1)
    shapes = [(s_next, s + 1) for s, s_next in zip(sizes[:-1], sizes[1:])]
    P = sum(r * c for r, c in shapes)
    if vec.size != P:
        raise ValueError(
            f"vec has {vec.size} entries but layer_sizes {sizes} needs P = {P} "
            f"(Θ shapes {shapes})"
        )
    out, start = [], 0
    for r, c in shapes:
        out.append(vec[start:start + r * c].reshape(r, c).copy())
        start += r * c
    return out


def numerical_gradient(f, vec, epsilon=1e-4) -> np.ndarray:
    """The two-sided estimate gradApprox_p = (f(θ + ε e_p) − f(θ − ε e_p)) / (2ε) for every p.

    ``f`` maps a vector of shape (P,) to a number; ``vec`` is θ, shape (P,). Costs 2P calls of f.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of a vector returning a number, got {type(f).__name__}")
    theta = v.as_float_array(vec, "vec", 1).copy()
    eps = v.check_positive(epsilon, "epsilon")
    grad = np.empty_like(theta)
    for p in range(theta.size):
        old = theta[p]
        theta[p] = old + eps
        f_plus = _scalar(f(theta))
        theta[p] = old - eps
        f_minus = _scalar(f(theta))
        theta[p] = old
        grad[p] = (f_plus - f_minus) / (2 * eps)
    return grad


def _scalar(value) -> float:
    arr = np.asarray(value, dtype=np.float64)
    if arr.size != 1:
        raise ValueError(f"f must return a single number, got an array of shape {arr.shape}")
    return float(arr.reshape(()))


def relative_difference(a, b) -> float:
    """‖a − b‖ / ‖a + b‖ (0 when both are zero): the deck's "similar" made into a number."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    den = np.linalg.norm(a + b)
    num = np.linalg.norm(a - b)
    return 0.0 if num == 0 else float(num / den) if den > 0 else float("inf")


@dataclass
class GradientCheckReport:
    """DVec against gradApprox: overall and per Θ^(l) relative difference, and the verdict."""

    relative_difference: float
    per_layer: list
    D_vec: np.ndarray = field(repr=False)
    grad_approx: np.ndarray = field(repr=False)
    tolerance: float = 1e-7

    @property
    def passed(self) -> bool:
        return self.relative_difference < self.tolerance

    def __str__(self) -> str:
        lines = [f"gradient check {'PASSED' if self.passed else 'FAILED'}: relative difference "
                 f"{self.relative_difference:.2e} (tolerance {self.tolerance:.0e})"]
        lines += [f"  Θ^({l}): {r:.2e}" for l, r in enumerate(self.per_layer, start=1)]
        return "\n".join(lines)


def gradient_check(thetas, X, y, lam=0.0, epsilon=1e-4, tolerance=1e-7) -> GradientCheckReport:
    """Compare backprop's DVec with the numerical gradApprox of J on (X, y).

    Returns a :class:`GradientCheckReport`; ``.passed`` when ‖DVec − gradApprox‖ / ‖DVec + gradApprox‖
    is below ``tolerance``. Use on small networks only: it costs 2P evaluations of J.
    """
    thetas, X, Y, lam = _check_all(thetas, X, y, lam)
    eps = v.check_positive(epsilon, "epsilon")
    sizes = [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]
    fp = _forward(thetas, X)
    D_vec = np.concatenate([D.ravel() for D in _gradients(thetas, fp, _deltas(thetas, fp, Y), lam)])

    def J(vec):
        ths = roll(vec, sizes)
        return _cost(ths, _forward(ths, X).z[len(sizes)], Y, lam)

    grad_approx = numerical_gradient(J, np.concatenate([t.ravel() for t in thetas]), eps)
    per_layer, start = [], 0
    for theta in thetas:
        stop = start + theta.size
        per_layer.append(relative_difference(D_vec[start:stop], grad_approx[start:stop]))
        start = stop
    return GradientCheckReport(relative_difference(D_vec, grad_approx), per_layer, D_vec, grad_approx,
                               v.check_positive(tolerance, "tolerance"))
