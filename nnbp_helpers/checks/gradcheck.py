"""Checkers for gradient checking: the numerical gradient, and notebook 05's planted-bug hunt."""

from __future__ import annotations

import numpy as np

from .. import numerical_gradient
from ..exercises import EXERCISE_MATRICES, PLANTED_BUG_LAYER
from . import _mistakes as mistakes
from ._base import as_number, call, changed_input, checker, compare, current, failed, passed, stop


def _f(vec):
    """A test function with a known gradient: f(θ) = Σ sin(θ_p) + 0.5 θ·θ + θ_0 θ_1."""
    return float(np.sum(np.sin(vec)) + 0.5 * vec @ vec + vec[0] * vec[1])


@checker
def check_numerical_gradient(fn):
    """Check ``fn(f, vec, epsilon=1e-4)`` returns gradApprox_p = (f(θ + ε e_p) − f(θ − ε e_p)) /
    (2ε).

    ``vec`` must come back as it was given. Changing it and putting each entry back is fine; if the
    entries come back off by rounding only (θ_p + ε − ε need not be exactly θ_p), the check passes
    with a note.
    """
    for vec, eps in [
        (np.array([0.3, -1.2, 2.0]), 1e-4),
        (np.linspace(-1, 1, 7), 1e-3),
        (np.array([0.5, 0.25]), 1e-2),
    ]:
        case = f"θ = {np.round(vec, 3)}, ε = {eps:g}"
        calls = []

        def f(theta):
            calls.append(1)
            return _f(theta)

        kept = []
        got = call(
            fn,
            (f, vec),
            ("f", "vec"),
            keywords={"epsilon": eps},
            may_change=("vec",),
            keep=kept,
            case=case,
            signature="(f, vec, epsilon=1e-4)",
        )
        after = kept[1]
        if (
            isinstance(after, np.ndarray)
            and after.shape == vec.shape
            and not np.array_equal(after, vec)
        ):
            drift = float(np.max(np.abs(after - vec)))
            if drift <= 1e-12 * max(1.0, float(np.max(np.abs(vec)))):
                current().note(
                    f"your function leaves the caller's vec off by up to {drift:.1e} (rounding: "
                    "θ_p + ε − ε need not give θ_p back exactly). Harmless here; saving old = "
                    "theta[p] and putting it back avoids it."
                )
            else:
                changed_input("vec", vec, after, case)
        compare(
            got,
            numerical_gradient(_f, vec, eps),
            f"gradApprox for {case}",
            mistakes.numerical_gradient_table(_f, vec, eps),
            rtol=1e-8,
            atol=1e-10,
            hint="Check the formula piece by piece: which entry moves, by how much, both sides, "
            "the divisor.",
            more=mistakes.NUMERICAL_GRADIENT_FIX,
        )
        if len(calls) > 2 * vec.size + 1:
            stop(
                f"f was called {len(calls)} times for {vec.size} parameters",
                "Two calls per parameter are enough: f(θ + ε e_p) and f(θ − ε e_p).",
                mistakes.NUMERICAL_GRADIENT_FIX,
            )
    return passed(
        check_numerical_gradient.__name__,
        "your two-sided differences match on three vectors and three step sizes (2 calls of f per "
        "parameter).",
    )


# --- the planted bug ------------------------------------------------------------------
# For the exercise "use the check to find the bug": find it with a gradient check before reading on.


@checker
def check_planted_bug(bad_layer):
    """Check ``bad_layer``: the deck's l of the one D^(l) that ``suspect_backprop`` gets wrong."""
    name = check_planted_bug.__name__
    if bad_layer is None:
        return failed(
            name,
            "not attempted yet (bad_layer is still None)",
            "Compare suspect_backprop's D^(l) with gradApprox layer by layer, and set bad_layer to "
            "the l whose relative difference is large.",
        )
    number = as_number(bad_layer, "bad_layer")
    if not float(number).is_integer():
        return failed(
            name,
            f"bad_layer should be a whole number l (as in D^(l)), got {number:g}",
            "Write e.g. bad_layer = 2 for D^(2).",
        )
    bad_layer = int(number)
    if bad_layer == PLANTED_BUG_LAYER:
        return passed(
            name,
            "yes: D^(1) is wrong, and only when λ > 0. suspect_backprop adds λ Θ in `for l in "
            "range(1, len(thetas))`, which mixes the deck's layer numbers with Python's list "
            "indices: it regularises thetas[1], thetas[2], ... and skips thetas[0] = Θ^(1).",
        )
    if bad_layer == PLANTED_BUG_LAYER - 1:
        return failed(
            name,
            "bad_layer = 0 is a Python list index, not a layer number",
            "The deck numbers the matrices Θ^(1), Θ^(2), ...; D^(l) is D[l - 1] in the list.",
        )
    if bad_layer < 1:
        return failed(
            name,
            f"there is no D^({bad_layer}): the matrices are D^(1), ..., D^(L−1)",
            "Layers are numbered from 1; the first weight matrix is Θ^(1).",
        )
    if bad_layer > EXERCISE_MATRICES:
        return failed(
            name,
            f"there is no D^({bad_layer}): this network has D^(1)…D^({EXERCISE_MATRICES})",
            "The exercise's network [4, 5, 5, 3] has L = 4 layers, so L − 1 = 3 weight matrices; "
            "set bad_layer to one of 1, 2, 3.",
        )
    return failed(
        name,
        f"D^({bad_layer}) is not the one",
        "Compute the relative difference separately for each D^(l), with every option the training "
        "will use.",
        more="If every layer agrees, use λ > 0: a check only tests the code that runs, and some "
        "code only runs when λ ≠ 0.",
    )
