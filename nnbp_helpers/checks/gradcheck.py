"""Checker for the numerical gradient (gradient checking)."""

from __future__ import annotations

import numpy as np

from ..gradcheck import numerical_gradient
from ._base import LearnerError, call, checker, compare, failed, passed


def _f(vec):
    """A test function with a known gradient: f(θ) = Σ sin(θ_p) + 0.5 θ·θ + θ_0 θ_1."""
    return float(np.sum(np.sin(vec)) + 0.5 * vec @ vec + vec[0] * vec[1])


def _one_sided(f, vec, eps):
    g = np.empty_like(vec)
    f0 = f(vec)
    for p in range(vec.size):
        e = np.zeros_like(vec)
        e[p] = eps
        g[p] = (f(vec + e) - f0) / eps
    return g


@checker
def check_numerical_gradient(fn):
    """Check ``fn(f, vec, epsilon=1e-4)`` returns gradApprox_p = (f(θ + ε e_p) − f(θ − ε e_p)) / (2ε)."""
    name = "check_numerical_gradient"
    for vec, eps in [(np.array([0.3, -1.2, 2.0]), 1e-4), (np.linspace(-1, 1, 7), 1e-3), (np.array([0.5, 0.25]), 1e-2)]:
        original = vec.copy()
        calls = []

        def f(theta):
            calls.append(1)
            return _f(theta)

        try:
            got = call(name, fn, f, vec, epsilon=eps)
        except LearnerError as stop:
            if "epsilon" in stop.result.message and "unexpected keyword" in stop.result.message:
                raise LearnerError(failed(name, "your function has no `epsilon` parameter",
                                          "Use the signature def numerical_gradient(f, vec, epsilon=1e-4).")) from None
            raise
        want = numerical_gradient(_f, original, eps)
        exact = np.cos(original) + original + np.r_[original[1], original[0], np.zeros(original.size - 2)]
        compare(name, got, want, f"gradApprox for θ = {np.round(original, 3)}, ε = {eps:g}", diagnoses=[
            (_one_sided(_f, original, eps), "it is a one-sided difference.",
             "Use both sides: (f(θ + ε e_p) − f(θ − ε e_p)) / (2ε); its error shrinks like ε², not ε."),
            (2 * want, "it is twice the expected value.", "Divide by 2ε, the distance between θ − ε e_p and θ + ε e_p."),
            (want / 2, "it is half the expected value.", "Divide by 2ε, not by 4ε (or (2ε)·2)."),
        ], hint="Perturb one entry at a time, on a copy of vec, and put it back before the next entry.")
        if not np.allclose(want, exact, atol=10 * eps ** 2):  # pragma: no cover - guards the test function
            raise LearnerError(failed(name, "internal test function misbehaved"))
        if len(calls) > 2 * original.size + 1:
            raise LearnerError(failed(name, f"f was called {len(calls)} times for {original.size} parameters",
                                      "Two calls per parameter are enough: f(θ + ε e_p) and f(θ − ε e_p)."))
    return passed(name, "your two-sided differences match on three vectors and three step sizes "
                        "(2 calls of f per parameter).")
