"""Checkers for the forward pass: g'(z), forward propagation, random initialisation."""

from __future__ import annotations

import numpy as np

from ..network import forward, sigmoid, sigmoid_gradient
from ._base import LearnerError, as_array, call, checker, compare, failed, passed
from ._cases import network_cases


@checker
def check_sigmoid_gradient(fn):
    """Check ``fn(z)`` = g'(z) = g(z)(1 − g(z)) on a vector, a scalar, a matrix and saturated z."""
    name = "check_sigmoid_gradient"
    # The vector comes first: at z = 0 alone several mistakes give the right 0.25 or agree with each
    # other, so a mistake is named only where it differs from the answer and from every other mistake.
    cases = [np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), np.array(0.0),
             np.array([[1.0, -1.0, 3.0], [0.25, -4.0, 10.0]]), np.array([-40.0, 40.0])]
    crash_hint = ("Use numpy operations (np.exp, *, -) so it works on whole arrays; math.exp and float() only "
                  "take single numbers. And @ is the matrix product: use * for elementwise.")
    for z in cases:
        got = call(name, fn, z, error_hint=crash_hint)
        what = f"sigmoid_gradient({np.array2string(z, precision=2)})"
        want = sigmoid_gradient(z)
        g = sigmoid(z)
        mistakes = [
            (g, "you returned g(z) itself.", "The derivative is g(z) (1 − g(z)): compute a = sigmoid(z) first."),
            (z * (1 - z), "you computed z (1 − z).", "The formula uses a = g(z), not z: a = sigmoid(z); return a * (1 - a)."),
            (g * (1 - z), "you computed g(z) (1 − z): the second factor uses z instead of g(z).",
             "Both factors use a = g(z): a = sigmoid(z); return a * (1 - a)."),
            (np.exp(-z) / (1 + np.exp(-z)), "you returned 1 − g(z).", "Multiply by g(z) as well: g(z) (1 − g(z))."),
            (sigmoid_gradient(g), "you applied the sigmoid twice: g′(g(z)).",
             "a = sigmoid(z) already is g(z); return a * (1 - a)."),
        ]
        if z.ndim == 1:   # on a vector, a @ (1 − a) is one number (a dot product), not five
            mistakes.append((g @ (1 - g), "@ is the matrix product (here a dot product: one number).",
                             "Use * for elementwise: return a * (1 - a)."))
        distinct = [m for k, m in enumerate(mistakes)
                    if not np.allclose(m[0], want) and not any(np.allclose(m[0], o[0])
                                                                for o in mistakes[:k] + mistakes[k + 1:])]
        compare(name, got, want, what, diagnoses=distinct,
                hint="g'(z) = g(z) (1 − g(z)); it is 0.25 at z = 0 and close to 0 for large |z|.")
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
    crash_hint = ("X holds one instance per row, shape (n, s_1), not the deck's single column x: per layer add "
                  "a column of ones in front, np.hstack([np.ones((n, 1)), a]), then z = a_bias @ Θ.T.")
    for case in network_cases():
        got = call(name, fn, case.thetas, case.X, case=case.label, error_hint=crash_hint)
        if hasattr(got, "h") and not isinstance(got, np.ndarray):
            got = got.h
        want = forward(case.thetas, case.X).h
        n = case.X.shape[0]
        one = [] if n == 1 else [
            (want[0], f"you returned one instance; X has n = {n} rows.",
             "Keep every row: a^(l) has shape (n, s_l), and h has shape (n, K), one row per instance."),
            (want[:1], f"you returned one instance; X has n = {n} rows.",
             "Keep every row: a^(l) has shape (n, s_l), and h has shape (n, K), one row per instance.")]
        compare(name, got, want, f"h for {case.label}", diagnoses=one + [
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
    crash_hint = ("If an index is out of range: L layers → L − 1 matrices, so pair each layer with the next, "
                  "zip(sizes[:-1], sizes[1:]), rather than looping over range(len(sizes)).")
    for sizes in ([2, 3, 1], [3, 5, 5, 4], [400, 25, 10], [4, 3, 3, 2], [1, 1]):
        got = _as_shape_list(name, call(name, fn, list(sizes), case=f"layer_sizes {sizes}",
                                        error_hint=crash_hint), sizes)
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
             "Θ^(l) has one row per unit of layer l + 1 (it makes z^(l+1) = Θ^(l) [1; a^(l)]) "
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


def _digit_weights(sizes):
    return sum(b * (a + 1) for a, b in zip(sizes[:-1], sizes[1:]))


@checker
def check_digit_network(layer_sizes, n_weights):
    """Check Exercise 2.4: 8 × 8 digit images (64 features), 10 classes, one hidden layer of 25 units."""
    name = "check_digit_network"
    want_sizes, want_n = [64, 25, 10], _digit_weights([64, 25, 10])
    if layer_sizes is None or n_weights is None:
        missing = "digit_layer_sizes" if layer_sizes is None else "n_weights"
        return failed(name, f"not attempted yet ({missing} is still None)",
                      "Replace both None with your answers, run that cell, then this one.")
    try:
        if isinstance(layer_sizes, (str, bytes)):
            raise TypeError("a string")
        sizes = [int(s) for s in layer_sizes]
    except (TypeError, ValueError):
        return failed(name, f"digit_layer_sizes = {layer_sizes!r} is not a list of unit counts",
                      "Write a list of three numbers, [s_1, s_2, s_3].")
    if sizes != want_sizes:
        if len(sizes) != 3:
            hint = "Input layer, one hidden layer, output layer: three numbers."
        elif sizes[0] != 64:
            hint = ("# input units = # features: an 8 × 8 image has 64 pixels"
                    + (" (400 is the deck's 20 × 20 images)." if sizes[0] == 400 else "."))
        elif sizes[2] != 10:
            hint = "# output units = # classes: one output per digit 0–9, so 10."
        else:
            hint = "The hidden layer has 25 units (the bias unit is not counted in layer_sizes)."
        return failed(name, f"digit_layer_sizes = {sizes}, expected [s_1, 25, s_3] with s_1 = # features and "
                            "s_3 = # classes", hint)
    if isinstance(n_weights, bool) or not isinstance(n_weights, (int, np.integer, float)):
        return failed(name, f"n_weights is a {type(n_weights).__name__}, not a number",
                      "Write the number itself (no quotes), or an expression such as 25 * 65 + 10 * 26.")
    if n_weights == want_n:
        return passed(name, f"layer_sizes = {want_sizes}: Θ^(1) has shape (25, 65) and Θ^(2) shape (10, 26), "
                            f"25·65 + 10·26 = {want_n} weights (bias weights included).")
    wrong = {
        25 * 64 + 10 * 25: ("the bias weights are missing.",
                            "Each Θ^(l) has s_l + 1 columns: (25, 65) and (10, 26)."),
        25 * 65 + 10 * 25: ("Θ^(2) is missing its bias column.", "Θ^(2) has shape (10, 25 + 1)."),
        25 * 64 + 10 * 26: ("Θ^(1) is missing its bias column.", "Θ^(1) has shape (25, 64 + 1)."),
        26 * 65 + 11 * 26: ("there is a row for the next layer's bias unit.",
                            "Nothing computes a bias unit: Θ^(l) has s_{l+1} rows, (25, 65) and (10, 26)."),
        64 + 25 + 10: ("that counts units, not weights.", "Count the entries of Θ^(1) (25, 65) and Θ^(2) (10, 26)."),
        25 * 401 + 10 * 26: ("that is the deck's 400-pixel network.", "Here the images have 8 × 8 = 64 pixels."),
    }
    explanation, hint = wrong.get(int(n_weights) if float(n_weights).is_integer() else -1,
                                  ("that is not the count.", "Θ^(l) has shape (s_{l+1}, s_l + 1): "
                                   "add rows × columns of Θ^(1) and Θ^(2)."))
    return failed(name, f"n_weights = {n_weights:g}: {explanation}", hint)
