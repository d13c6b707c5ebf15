"""Gradient checking, as the deck's implementation steps:

1. backprop gives ``DVec``, the unrolled D^(1), D^(2), ...;
2. numerical gradient checking gives ``gradApprox``;
3. make sure they are similar (the relative difference, overall and per Θ^(l));
4. turn the check off before training: it costs 2P evaluations of J.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import _validate as v
from ._validate import validated
from .network import backprop, cost

__all__ = [
    "unroll",
    "roll",
    "numerical_gradient",
    "relative_difference",
    "gradient_check",
    "GradientCheckReport",
]

# ‖DVec − gradApprox‖ below this passes whatever the relative difference: near a minimum the
# gradient is ~0 and the relative difference compares rounding and O(ε²) errors (~1e-10 at
# ε = 1e-4).
ABSOLUTE_FLOOR = 1e-9


@validated
def unroll(thetas) -> np.ndarray:
    """Θ^(1), Θ^(2), ... (or D^(1), D^(2), ...) flattened row by row into one vector, shape (P,)."""
    return np.concatenate([theta.ravel() for theta in thetas])


@validated
def roll(vec, layer_sizes) -> list:
    """The inverse of :func:`unroll`: ``vec`` (P,) back to matrices of shape (s_{l+1}, s_l + 1)."""
    shapes = [(s_next, s + 1) for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]
    ends = np.cumsum([rows * cols for rows, cols in shapes])
    if vec.size != ends[-1]:
        raise ValueError(
            f"vec has {vec.size} entries but layer_sizes {layer_sizes} needs "
            f"P = {ends[-1]} (Θ shapes {shapes})"
        )
    return [part.reshape(shape).copy() for part, shape in zip(np.split(vec, ends[:-1]), shapes)]


@validated
def numerical_gradient(f, vec, epsilon=1e-4) -> np.ndarray:
    """gradApprox_p = (f(θ + ε e_p) − f(θ − ε e_p)) / (2ε) for every p: the two-sided estimate.

    ``f`` maps a vector of shape (P,) to a number; ``vec`` is θ, shape (P,) (left unchanged).
    Costs 2P calls of f.
    """
    if not callable(f):
        raise TypeError(
            f"f must be a function of a vector returning a number, got {type(f).__name__}"
        )
    theta, grad_approx = vec.copy(), np.empty(vec.size)
    for p in range(vec.size):
        theta[p] = vec[p] + epsilon
        f_plus = _finite(f(theta), p, vec[p], "+")
        theta[p] = vec[p] - epsilon
        f_minus = _finite(f(theta), p, vec[p], "−")
        theta[p] = vec[p]
        grad_approx[p] = (f_plus - f_minus) / (2 * epsilon)
    return grad_approx


def _finite(value, p, theta_p, sign) -> float:
    """f's value as a float; an error naming the parameter θ_p if it is not one finite number."""
    arr = np.asarray(value, dtype=np.float64)
    if arr.size != 1:
        raise ValueError(f"f must return a single number, got an array of shape {arr.shape}")
    if not np.isfinite(arr):
        raise ValueError(
            f"f returned {float(arr)} at θ {sign} ε e_p for parameter p = {p} "
            f"(vec[{p}] = {theta_p:g}): gradApprox needs f finite near θ"
        )
    return float(arr.reshape(()))


def relative_difference(a, b) -> float:
    """‖a − b‖ / ‖a + b‖ (0 when both are zero): the deck's "similar" made into a number.

    ``a`` and ``b`` must have one shape (e.g. DVec and gradApprox, both (P,)).
    """
    a, b = v.as_float_array(a, "a", None), v.as_float_array(b, "b", None)
    if a.shape != b.shape:
        raise ValueError(
            f"a has shape {a.shape} but b has shape {b.shape}: compare arrays of one "
            "shape (unroll both, or compare D^(l) with the matching part of gradApprox)"
        )
    num, den = np.linalg.norm(a - b), np.linalg.norm(a + b)
    return 0.0 if num == 0 else float(num / den) if den > 0 else float("inf")


@dataclass
class GradientCheckReport:
    """DVec against gradApprox: the relative difference overall and per Θ^(l), and the verdict.

    ``passed`` when the relative difference is below ``tolerance``, or when ‖DVec − gradApprox‖
    is below ``absolute_floor``: where the gradient is (nearly) zero, the relative difference
    compares rounding errors and means nothing.
    """

    relative_difference: float
    per_layer: list
    D_vec: np.ndarray = field(repr=False)
    grad_approx: np.ndarray = field(repr=False)
    tolerance: float = 1e-7
    absolute_floor: float = ABSOLUTE_FLOOR

    @property
    def absolute_difference(self) -> float:
        """‖DVec − gradApprox‖."""
        return float(np.linalg.norm(self.D_vec - self.grad_approx))

    @property
    def passed(self) -> bool:
        return bool(
            self.relative_difference < self.tolerance
            or self.absolute_difference < self.absolute_floor
        )

    def __str__(self) -> str:
        verdict = "PASSED" if self.passed else "FAILED"
        lines = [
            f"gradient check {verdict}: relative difference {self.relative_difference:.2e} "
            f"(tolerance {self.tolerance:.0e})"
        ]
        if self.relative_difference >= self.tolerance and self.passed:
            lines.append(
                "  passed on the absolute floor: "
                f"‖DVec − gradApprox‖ = {self.absolute_difference:.1e} "
                f"< {self.absolute_floor:.0e} (the gradient is nearly zero, so the relative "
                "difference compares rounding errors)"
            )
        lines += [f"  Θ^({l}): {r:.2e}" for l, r in enumerate(self.per_layer, start=1)]
        return "\n".join(lines)


@validated
def gradient_check(
    thetas, X, y, lam=0.0, epsilon=1e-4, tolerance=1e-7, absolute_floor=ABSOLUTE_FLOOR
) -> GradientCheckReport:
    """Compare backprop's DVec with the numerical gradApprox of J on (X, y): the deck's steps 1–3.

    Returns a :class:`GradientCheckReport` (``.passed``, ``.relative_difference``, ``.per_layer``):
    passed when the relative difference is below ``tolerance``, or ‖DVec − gradApprox‖ below
    ``absolute_floor`` (a gradient of about zero, where a relative difference means nothing).
    Step 4 is yours: turn it off before training (it costs 2P evaluations of J).
    """
    sizes = [X.shape[1]] + [theta.shape[0] for theta in thetas]
    D_vec = unroll(backprop(thetas, X, y, lam))  # step 1: DVec

    def J(vec):  # J as a function of the unrolled Θ
        return cost(roll(vec, sizes), X, y, lam)

    grad_approx = numerical_gradient(J, unroll(thetas), epsilon)  # step 2: gradApprox
    per_layer = [
        relative_difference(D, G) for D, G in zip(roll(D_vec, sizes), roll(grad_approx, sizes))
    ]
    overall = relative_difference(D_vec, grad_approx)  # step 3: similar?
    return GradientCheckReport(overall, per_layer, D_vec, grad_approx, tolerance, absolute_floor)
