"""Checker for the numerical gradient (gradient checking)."""

from __future__ import annotations

import numpy as np

from ..exercises import EXERCISE_MATRICES, PLANTED_BUG_LAYER
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
    if not callable(fn):
        call(name, fn)                      # stops with the usual "expected a function" feedback
    for vec, eps in [(np.array([0.3, -1.2, 2.0]), 1e-4), (np.linspace(-1, 1, 7), 1e-3), (np.array([0.5, 0.25]), 1e-2)]:
        original = vec.copy()
        calls = []

        def f(theta):
            calls.append(1)
            return _f(theta)

        seen = []

        def keep_vec(f, vec, **kwargs):
            """The learner's fn on call()'s copy of vec, kept to see afterwards whether fn changed it."""
            seen.append(vec)
            return fn(f, vec, **kwargs)

        try:
            got = call(name, keep_vec, f, vec, epsilon=eps)
        except LearnerError as stop:
            if "epsilon" in stop.result.message and "unexpected keyword" in stop.result.message:
                raise LearnerError(failed(name, "your function has no `epsilon` parameter",
                                          "Use the signature def numerical_gradient(f, vec, epsilon=1e-4).")) from None
            raise
        if seen and not np.array_equal(seen[0], original):
            drift = np.max(np.abs(np.asarray(seen[0], dtype=float) - original))
            raise LearnerError(failed(name, f"your function changed the caller's vec (θ = {np.round(original, 3)}, "
                                            f"ε = {eps:g}): afterwards it differs by up to {drift:.1e}",
                                      "Work on a copy, theta = np.array(vec, dtype=float), and after each p put "
                                      "the entry back exactly (save old = theta[p], then theta[p] = old): "
                                      "the caller's θ are the network's weights."))
        want = numerical_gradient(_f, original, eps)
        exact = np.cos(original) + original + np.r_[original[1], original[0], np.zeros(original.size - 2)]
        compare(name, got, want, f"gradApprox for θ = {np.round(original, 3)}, ε = {eps:g}", diagnoses=[
            (_one_sided(_f, original, eps), "it is a one-sided difference.",
             "Use both sides: (f(θ + ε e_p) − f(θ − ε e_p)) / (2ε); its error shrinks like ε², not ε."),
            (2 * want, "it is twice the expected value.", "Divide by 2ε, the distance between θ − ε e_p and θ + ε e_p."),
            (want / 2, "it is half the expected value.", "Divide by 2ε, not by 4ε (or (2ε)·2)."),
            (want * eps ** 2, f"it is about ε² = {eps ** 2:g} times the expected value: "
                              "(fp - fm) / 2 * epsilon divides by 2 and then multiplies by ε.",
             "Use / (2 * epsilon): the parentheses make 2ε the divisor."),
        ], hint="Perturb one entry at a time, on a copy of vec, and put it back before the next entry.")
        if not np.allclose(want, exact, atol=10 * eps ** 2):  # pragma: no cover - guards the test function
            raise LearnerError(failed(name, "internal test function misbehaved"))
        if len(calls) > 2 * original.size + 1:
            raise LearnerError(failed(name, f"f was called {len(calls)} times for {original.size} parameters",
                                      "Two calls per parameter are enough: f(θ + ε e_p) and f(θ − ε e_p)."))
    return passed(name, "your two-sided differences match on three vectors and three step sizes "
                        "(2 calls of f per parameter).")


# --- the planted bug ------------------------------------------------------------------
# For the exercise "use the check to find the bug": find it with a gradient check before reading on.

@checker
def check_planted_bug(bad_layer):
    """Check ``bad_layer``: the deck's l of the one D^(l) that ``suspect_backprop`` gets wrong."""
    name = "check_planted_bug"
    if bad_layer is None:
        return failed(name, "not attempted yet (bad_layer is still None)",
                      "Compare suspect_backprop's D^(l) with gradApprox layer by layer, "
                      "and set bad_layer to the l whose relative difference is large.")
    if isinstance(bad_layer, bool) or not isinstance(bad_layer, (int, np.integer)):
        if isinstance(bad_layer, (float, np.floating)) and float(bad_layer).is_integer():
            bad_layer = int(bad_layer)
        else:
            return failed(name, f"bad_layer should be a whole number l (as in D^(l)), got {bad_layer!r}",
                          "Write e.g. bad_layer = 2 for D^(2).")
    if bad_layer == PLANTED_BUG_LAYER:
        return passed(name, "yes: D^(1) is wrong, and only when λ > 0. suspect_backprop adds λ Θ in "
                            "`for l in range(1, len(thetas))`, which mixes the deck's layer numbers with Python's "
                            "list indices: it regularises thetas[1], thetas[2], ... and skips thetas[0] = Θ^(1).")
    if bad_layer == PLANTED_BUG_LAYER - 1:
        return failed(name, "bad_layer = 0 is a Python list index, not a layer number",
                      "The deck numbers the matrices Θ^(1), Θ^(2), ...; D^(l) is D[l - 1] in the list.")
    if bad_layer < 1:
        return failed(name, f"there is no D^({bad_layer}): the matrices are D^(1), ..., D^(L−1)",
                      "Layers are numbered from 1; the first weight matrix is Θ^(1).")
    if bad_layer > EXERCISE_MATRICES:
        return failed(name, f"there is no D^({bad_layer}): this network has D^(1)…D^({EXERCISE_MATRICES})",
                      "The exercise's network [4, 5, 5, 3] has L = 4 layers, so L − 1 = 3 weight matrices; "
                      "set bad_layer to one of 1, 2, 3.")
    return failed(name, f"D^({bad_layer}) is not the one",
                  "Compute the relative difference separately for each D^(l). If every layer agrees, use λ > 0: "
                  "a check only tests the code that runs, and some code only runs when λ ≠ 0.")
