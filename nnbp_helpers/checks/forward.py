"""Checkers for the forward pass: g'(z), forward propagation, random initialisation."""

from __future__ import annotations

import numpy as np

from ..network import forward, sigmoid, sigmoid_gradient
from ._base import LearnerError, as_array, call, checker, compare, failed, passed
from ._cases import network_cases


@checker
def check_sigmoid_gradient(fn):
    """Check ``fn(z)`` = g'(z) = g(z)(1 − g(z)) on a scalar, a vector, a matrix and saturated z."""
    name = "check_sigmoid_gradient"
    cases = [np.array(0.0), np.array([-2.0, -0.5, 0.0, 0.5, 2.0]),
             np.array([[1.0, -1.0, 3.0], [0.25, -4.0, 10.0]]), np.array([-40.0, 40.0])]
    for z in cases:
        got = call(name, fn, z)
        what = f"sigmoid_gradient({np.array2string(z, precision=2)})"
        compare(name, got, sigmoid_gradient(z), what, diagnoses=[
            (sigmoid(z), "you returned g(z) itself.", "The derivative is g(z) (1 − g(z)): compute a = sigmoid(z) first."),
            (z * (1 - z), "you computed z (1 − z).", "The formula uses a = g(z), not z: a = sigmoid(z); return a * (1 - a)."),
            (np.exp(-z) / (1 + np.exp(-z)), "you returned 1 − g(z).", "Multiply by g(z) as well: g(z) (1 − g(z))."),
        ], hint="g'(z) = g(z) (1 − g(z)); it is 0.25 at z = 0 and close to 0 for large |z|.")
    return passed(name, "g'(z) = g(z)(1 − g(z)) is right for a scalar, a vector, a matrix and saturated z "
                        "(g'(0) = 0.25, g'(±40) ≈ 0).")


def _forward_variant(thetas, X, bias_last=False, sigmoid_out=True):
    a = X
    for l, theta in enumerate(thetas):
        ones = np.ones((a.shape[0], 1))
        a_b = np.hstack([a, ones]) if bias_last else np.hstack([ones, a])
        z = a_b @ theta.T
        a = sigmoid(z) if (sigmoid_out or l < len(thetas) - 1) else z
    return a


@checker
def check_forward(fn):
    """Check ``fn(thetas, X)`` returns the network output h = a^(L), shape (n, K), on several networks."""
    name = "check_forward"
    for case in network_cases():
        got = call(name, fn, case.thetas, case.X, case=case.label)
        if hasattr(got, "h") and not isinstance(got, np.ndarray):
            got = got.h
        want = forward(case.thetas, case.X).h
        compare(name, got, want, f"h for {case.label}", diagnoses=[
            (_forward_variant(case.thetas, case.X, sigmoid_out=False),
             "the output layer is missing its sigmoid (you returned z^(L)).",
             "Apply g to every layer, the last one included: a^(L) = g(z^(L))."),
            (_forward_variant(case.thetas, case.X, bias_last=True),
             "the bias unit is in the last column.",
             "Column 0 of Θ^(l) multiplies the bias: prepend the ones, np.hstack([ones, a])."),
        ], hint="Per layer: add the bias column of ones in front of a^(l), z = a_bias @ Θ.T, a = sigmoid(z).")
    return passed(name, "your forward pass gives the reference h = a^(L) on 4 networks "
                        "(one instance, K = 1, K = 3, and the deck's L = 4).")


@checker
def check_init_weights(fn):
    """Check ``fn(layer_sizes, rng=None, epsilon_init=0.12)`` gives Θ^(l) of shape (s_{l+1}, s_l + 1) in [−ε, ε]."""
    name = "check_init_weights"
    for sizes, eps in [([2, 3, 1], 0.12), ([4, 5, 5, 3], 0.5), ([64, 25, 10], 0.12)]:
        thetas = call(name, fn, sizes, rng=0, epsilon_init=eps)
        if not isinstance(thetas, (list, tuple)):
            raise LearnerError(failed(name, f"init_weights({sizes}) returned a {type(thetas).__name__}, "
                                            "expected a list of matrices", "Return [Θ^(1), Θ^(2), ...] as a list."))
        if len(thetas) != len(sizes) - 1:
            raise LearnerError(failed(name, f"init_weights({sizes}) returned {len(thetas)} matrices, expected "
                                            f"{len(sizes) - 1} (one between each pair of layers)",
                                      "L layers are joined by L − 1 weight matrices."))
        for l, theta in enumerate(thetas, start=1):
            theta = as_array(name, theta, f"Θ^({l})")
            want = (sizes[l], sizes[l - 1] + 1)
            if theta.shape != want:
                hint = "Θ^(l) has s_{l+1} rows and s_l + 1 columns (the + 1 is the bias column)."
                if theta.shape == want[::-1]:
                    hint = "It is transposed: rows are the units of layer l + 1, columns the units of layer l plus bias."
                elif theta.shape == (sizes[l], sizes[l - 1]):
                    hint = "The bias column is missing: Θ^(l) needs s_l + 1 columns."
                raise LearnerError(failed(name, f"for layer_sizes {sizes}, Θ^({l}) has shape {theta.shape}, "
                                                f"expected {want}", hint))
            if np.ptp(theta) == 0:
                raise LearnerError(failed(name, f"for layer_sizes {sizes}, every entry of Θ^({l}) is the same "
                                                f"({theta.flat[0]:g})",
                                          "Identical weights make every hidden unit compute the same thing forever "
                                          "(the symmetry problem). Draw them at random: rng.uniform(-eps, eps, size)."))
            if theta.min() < -eps or theta.max() > eps:
                raise LearnerError(failed(name, f"for epsilon_init = {eps}, Θ^({l}) has values in "
                                                f"[{theta.min():.3g}, {theta.max():.3g}], outside [−ε, ε]",
                                          "Scale and shift uniform numbers: rng.uniform(-epsilon_init, epsilon_init, size)."))
            if theta.size >= 50 and (theta.min() > -eps / 4 or theta.max() < eps / 4):
                raise LearnerError(failed(name, f"Θ^({l}) only uses [{theta.min():.3g}, {theta.max():.3g}] "
                                                f"of [−{eps}, {eps}]",
                                          "Draw from the whole interval, negative and positive: "
                                          "rng.uniform(-epsilon_init, epsilon_init, size)."))
    a = call(name, fn, [3, 4, 2], rng=1, epsilon_init=0.12)
    b = call(name, fn, [3, 4, 2], rng=1, epsilon_init=0.12)
    c = call(name, fn, [3, 4, 2], rng=2, epsilon_init=0.12)
    if not all(np.array_equal(x, y) for x, y in zip(a, b)):
        raise LearnerError(failed(name, "the same seed gave different weights",
                                  "Make a generator from the argument: rng = np.random.default_rng(rng)."))
    if all(np.array_equal(x, y) for x, y in zip(a, c)):
        raise LearnerError(failed(name, "different seeds gave the same weights",
                                  "Use the rng argument (np.random.default_rng(rng)) rather than a fixed seed."))
    return passed(name, "shapes (s_{l+1}, s_l + 1), values spread over [−ε, ε] (not all equal), "
                        "reproducible with a seed.")


def _as_shape_list(name, got, sizes):
    """The learner's answer as a list of (rows, cols) int pairs, or stop with a failure saying what came back."""
    if got is None:
        raise LearnerError(failed(name, f"theta_shapes({sizes}) returned None",
                                  "Your function computes something but does not `return` it."))
    if isinstance(got, (str, bytes, dict)) or not hasattr(got, "__len__"):
        raise LearnerError(failed(name, f"theta_shapes({sizes}) returned a {type(got).__name__}, "
                                        "expected a list of (rows, columns) pairs",
                                  "Return one tuple per weight matrix, e.g. [(3, 3), (1, 4)]."))
    shapes = []
    for item in got:
        if np.ndim(item) == 2:
            raise LearnerError(failed(name, f"theta_shapes({sizes}) returned matrices, not their shapes",
                                      "Return the shapes only, e.g. [(3, 3), (1, 4)] (or theta.shape for each matrix)."))
        try:
            pair = tuple(int(k) for k in item)
            ok = len(pair) == 2 and all(float(k) == int(k) for k in item)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise LearnerError(failed(name, f"theta_shapes({sizes}) contains {item!r}, not a (rows, columns) pair",
                                      "Each entry is a tuple of two ints, like (s_{l+1}, s_l + 1)."))
        shapes.append(pair)
    return shapes


@checker
def check_theta_shapes(fn):
    """Check ``fn(layer_sizes)`` returns the shape (s_{l+1}, s_l + 1) of every Θ^(l), l = 1, ..., L − 1."""
    name = "check_theta_shapes"
    for sizes in ([2, 3, 1], [3, 5, 5, 4], [400, 25, 10], [4, 3, 3, 2], [1, 1]):
        got = _as_shape_list(name, call(name, fn, list(sizes)), sizes)
        want = [(b, a + 1) for a, b in zip(sizes[:-1], sizes[1:])]
        if got == want:
            continue
        what = f"for layer_sizes {sizes} you gave {got}, expected {want}"
        if len(got) != len(want):
            hint = (f"L = {len(sizes)} layers are joined by L − 1 = {len(want)} weight matrices: "
                    "Θ^(l) goes from layer l to layer l + 1, and the output layer has none.")
            if len(got) == len(sizes):
                hint = "One matrix per layer is one too many: " + hint
            raise LearnerError(failed(name, what, hint))
        mistakes = [
            ([(a + 1, b) for a, b in zip(sizes[:-1], sizes[1:])], "every shape is transposed.",
             "Θ^(l) has one row per unit of layer l + 1 (it makes z^(l+1) = Θ^(l) a^(l)) "
             "and one column per unit of layer l plus the bias."),
            ([(b, a) for a, b in zip(sizes[:-1], sizes[1:])], "the bias column is missing.",
             "Column 0 of Θ^(l) multiplies the bias unit a_0 = 1, so Θ^(l) has s_l + 1 columns."),
            ([(b + 1, a + 1) for a, b in zip(sizes[:-1], sizes[1:])], "there is a row for the next layer's bias unit.",
             "The bias unit of layer l + 1 is always 1: nothing computes it, so Θ^(l) has s_{l+1} rows, not s_{l+1} + 1."),
            ([(a, b + 1) for a, b in zip(sizes[:-1], sizes[1:])], "every shape is transposed, and the + 1 is on the wrong layer.",
             "Rows: the s_{l+1} units of layer l + 1. Columns: the s_l units of layer l, plus 1 for the bias."),
        ]
        for variant, explanation, hint in mistakes:
            if got == variant:
                raise LearnerError(failed(name, f"{what}: {explanation}", hint))
        raise LearnerError(failed(name, what,
                                  "Θ^(l) joins layer l (s_l units + the bias) to layer l + 1 (s_{l+1} units): "
                                  "shape (s_{l+1}, s_l + 1), for l = 1, ..., L − 1."))
    return passed(name, "Θ^(l) has shape (s_{l+1}, s_l + 1) for every layer of 5 architectures, "
                        "including [400, 25, 10] (Θ^(1): (25, 401), Θ^(2): (10, 26)).")
