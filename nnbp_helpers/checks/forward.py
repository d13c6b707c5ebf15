"""Checkers for the network's notation and its forward pass: Θ_ij^(l) in code, g'(z), Θ's shapes,
a forward pass by hand and in code, initialisation."""

from __future__ import annotations

import numpy as np

from .. import forward, sigmoid, sigmoid_gradient
from ..blame import deck_example
from . import _mistakes as mistakes
from ._base import (
    Opaque,
    as_array,
    as_number,
    as_whole_number,
    call,
    checker,
    close,
    compare,
    digits_to_tell_apart,
    judge_typed_number,
    passed,
    short,
    stop,
)
from ._cases import hand_made_network, network_cases, self_naming_network


def reference_forward(thetas, X):
    """The package's forward pass with the learner's interface: the output h = a^(L), (n, K)."""
    return forward(thetas, X).h


_MATMUL = (
    "@ is the matrix product: the formula multiplies elementwise.",
    "Use * for elementwise products: a * (1 - a).",
)


_INDEX_CRASHES = [
    (
        lambda exc, line: isinstance(exc, IndexError) and "list index" in str(exc),
        "thetas holds the L − 1 matrices Θ^(1), …, Θ^(L−1), and a Python list counts from 0: "
        "which list index holds Θ^(l)?",
        mistakes.WEIGHT_INDEX_FIX,
    ),
    (
        lambda exc, line: isinstance(exc, IndexError) and "axis 0" in str(exc),
        "A row index ran past the end: Θ^(l) has one row per unit of layer l + 1, numbered from "
        "0. Which row belongs to unit i?",
        mistakes.WEIGHT_INDEX_FIX,
    ),
    (
        lambda exc, line: isinstance(exc, IndexError) and "axis 1" in str(exc),
        "A column index ran past the end: Θ^(l) has s_l + 1 columns, column 0 for the bias unit. "
        "Which column belongs to unit j?",
        mistakes.WEIGHT_INDEX_FIX,
    ),
    (
        lambda exc, line: isinstance(exc, TypeError) and "list indices" in str(exc),
        "thetas is a list of matrices: pick the matrix first, thetas[...], then its entry, "
        "[row, column].",
        mistakes.WEIGHT_INDEX_FIX,
    ),
]


def _weight_index_cases():
    """(label, thetas, (l, i, j), names): ``names`` maps each weight's value to its symbol for a
    network whose weights name themselves (Θ_21^(1) = 1.21), else None."""
    named = self_naming_network([3, 4, 4, 2])
    deck = deck_example()[0]
    wide = [t * 0.7 - 0.05 for t in self_naming_network([2, 3, 1])]
    symbols = [
        (float(t[i - 1, j]), f"Θ_{i}{j}^({l})")
        for l, t in enumerate(named, start=1)
        for i in range(1, t.shape[0] + 1)
        for j in range(t.shape[1])
    ]
    net = "the [3, 4, 4, 2] network whose weights name themselves (Θ_ij^(l) = l.ij)"
    return [
        (net, named, (1, 2, 1), symbols),
        (net, named, (2, 4, 3), symbols),
        (net, named, (3, 2, 0), symbols),
        ("the deck's [2, 2, 2, 1] network", deck, (3, 1, 2), None),
        ("the deck's [2, 2, 2, 1] network", deck, (2, 2, 1), None),
        ("the deck's [2, 2, 2, 1] network", deck, (1, 1, 0), None),
        ("a [2, 3, 1] network", wide, (2, 1, 3), None),
        ("a [2, 3, 1] network", wide, (1, 3, 2), None),
    ]


@checker
def check_weight_index(fn):
    """Check ``fn(thetas, l, i, j)`` returns Θ_ij^(l), the weight from unit j of layer l (j = 0: the
    bias unit) to unit i of layer l + 1: ``thetas[l - 1][i - 1, j]``."""
    hint = (
        "Θ^(l) is one matrix of the list thetas, with one row per unit of layer l + 1 and a column "
        "per unit of layer l plus column 0 for the bias. Which of l, i, j need a shift of 1?"
    )
    for label, thetas, (l, i, j), symbols in _weight_index_cases():
        got = call(
            fn,
            (thetas, l, i, j),
            ("thetas", "l", "i", "j"),
            case=label,
            crash=_INDEX_CRASHES,
            signature="(thetas, l, i, j)",
        )
        want = float(thetas[l - 1][i - 1, j])
        what = f"weight(thetas, {l}, {i}, {j}) on {label}"
        table = mistakes.weight_index_table(thetas, l, i, j)
        value = as_array(got, what)
        if symbols and value.size == 1 and not close(value.reshape(()), want):
            slips = [m for v, m in table if v is not None and close(value.reshape(()), v)]
            read = [name for v, name in symbols if close(value.reshape(()), v)]
            if read and not slips:
                stop(
                    f"{what} is off: you returned {value.reshape(()).item():g}, which is "
                    f"{read[0]}, not Θ_{i}{j}^({l})",
                    hint,
                    mistakes.WEIGHT_INDEX_FIX,
                )
        value = value.reshape(()) if value.size == 1 else value
        if value.ndim > 0:
            whole = "the whole matrix Θ^(l)" if value.ndim == 2 else "a row or column of Θ^(l)"
            stop(
                f"{what} returned {value.size} numbers, {whole}, not one weight",
                "Θ_ij^(l) is a single number, one entry of the matrix: index it by both its row "
                "and its column. " + hint,
                mistakes.WEIGHT_INDEX_FIX,
            )
        if value.ndim == 0 and np.isfinite(value) and not close(value, want):
            if not any(v is not None and close(value, v) for v, _ in table):
                d = digits_to_tell_apart(value.item(), want, start=3)
                stop(
                    f"{what} should be Θ_{i}{j}^({l}) = {want:.{d}g}, not {value.item():.{d}g}",
                    hint,
                    mistakes.WEIGHT_INDEX_FIX,
                )
        compare(got, want, what, table, hint=hint, more=mistakes.WEIGHT_INDEX_FIX)
    return passed(
        check_weight_index.__name__,
        "Θ_ij^(l) is thetas[l − 1][i − 1, j] on 3 networks, bias weights (j = 0) included: the "
        "list and the rows count from 0, the deck from 1, and column 0 is the bias unit's, so j "
        "needs no shift. Your setup works too: the package and its checkers are installed.",
    )


@checker
def check_zero_input(answer):
    """Check the prediction of h for the input x = (0, 0) of notebook 02's hand-made [2, 3, 1]
    network (a typed number, three decimals)."""
    got = as_number(answer, "h_zero")
    thetas = hand_made_network()
    want = float(forward(thetas, np.zeros((1, 2))).h[0, 0])
    judge_typed_number(
        got,
        answer,
        want,
        mistakes.zero_input_table(thetas),
        "h for x = (0, 0)",
        hint="Two layers, the same two moves in each: z = Θ^(l) [1; a^(l)], then a = g(z). With "
        "x = 0, which terms of z^(2) are left?",
        more=mistakes.ZERO_INPUT_FIX,
        tol=1e-3,
        keep="three decimals",
    )
    a2 = ", ".join(f"{float(v):.3f}" for v in sigmoid(thetas[0][:, 0]))
    return passed(
        check_zero_input.__name__,
        f"h ≈ {want:.4f}. With x = 0 only the bias weights reach z^(2), so the hidden units are "
        f"not 0 but g of their bias weights ({a2}), and h = g(Θ^(2) [1; a^(2)]). A zero input "
        "does not give a zero (or a 0.5) output: the bias weights decide it.",
    )


@checker
def check_sigmoid_gradient(fn):
    """Check ``fn(z)`` = g'(z) = g(z)(1 − g(z)) on a vector, a scalar, a matrix and saturated z."""
    # The vector comes first: at z = 0 alone several mistakes give the right 0.25 or agree with each
    # other, so a mistake is named only where it differs from the answer and from every other
    # mistake.
    cases = [
        np.array([-2.0, -0.5, 0.0, 0.5, 2.0]),
        np.array(0.0),
        np.array([[1.0, -1.0, 3.0], [0.25, -4.0, 10.0]]),
        np.array([-40.0, 40.0]),
    ]
    crash = [(lambda exc, line: "matmul" in str(exc), *_MATMUL)]

    def same_shape(shape):
        return (
            None,
            "g'(z) works elementwise: return an array of the shape of z (a number for a number).",
            mistakes.GPRIME_FIX,
        )

    for z in cases:
        got = call(fn, (z,), ("z",), crash=crash, signature="(z)")
        shown = " ".join(
            np.array2string(z, separator=", ", formatter={"float_kind": "{:g}".format}).split()
        )
        compare(
            got,
            sigmoid_gradient(z),
            f"sigmoid_gradient({shown})",
            mistakes.sigmoid_gradient_table(z),
            shape_hint=same_shape,
            hint="Compare each factor with the formula g'(z) = g(z) (1 − g(z)); g'(0) = 0.25 and "
            "g'(z) is close to 0 for large |z|.",
            more=mistakes.GPRIME_FIX,
        )
    return passed(
        check_sigmoid_gradient.__name__,
        "g'(z) = g(z)(1 − g(z)) is right for a scalar, a vector, a matrix and saturated z (g'(0) = "
        "0.25, g'(±40) ≈ 0).",
    )


_FORWARD_CRASHES = [
    (
        lambda exc, line: "matmul" in str(exc) or "shapes" in str(exc) or "broadcast" in str(exc),
        "X holds one instance per row, shape (n, s_1), not the deck's single column x: check the "
        "shapes you multiply, and where the bias column of ones goes.",
        mistakes.FORWARD_FIX,
    ),
]


@checker
def check_forward(fn):
    """Check ``fn(thetas, X)`` returns the network output h = a^(L), shape (n, K), on several
    networks."""
    for case in network_cases():
        got = call(
            fn,
            (case.thetas, case.X),
            ("thetas", "X"),
            case=case.label,
            crash=_FORWARD_CRASHES,
            signature="(thetas, X)",
        )
        if not isinstance(got, np.ndarray) and hasattr(got, "h") and not isinstance(got, Opaque):
            got = got.h
        if (
            isinstance(got, (list, tuple))
            and len(got) > 1
            and all(isinstance(a, np.ndarray) and a.ndim == 2 for a in got)
        ):
            stop(
                f"for {case.label} your forward returned a list of {len(got)} arrays (every "
                "a^(l)?); the exercise asks for h = a^(L) only",
                "Return the output layer's activation alone, shape (n, K).",
                mistakes.FORWARD_FIX,
            )
        compare(
            got,
            forward(case.thetas, case.X).h,
            f"h for {case.label}",
            mistakes.forward_table(case.thetas, case.X),
            hint="Go layer by layer: the bias column of ones in front of a^(l), the product with "
            "Θ^(l), g.",
            more=mistakes.FORWARD_FIX,
        )
    return passed(
        check_forward.__name__,
        "your forward pass gives the reference h = a^(L) on 4 networks (one instance, K = 1, K = "
        "3, and the deck's L = 4).",
    )


@checker
def check_init_weights(fn):
    """Check ``fn(layer_sizes, rng=None, epsilon_init=0.12)``: Θ^(l) of shape (s_{l+1}, s_l + 1),
    drawn at random from all of [−ε, ε] with ε = ``epsilon_init``, no two units alike, reproducible
    with a seed."""
    name = check_init_weights.__name__
    sig = "(layer_sizes, rng=None, epsilon_init=0.12)"

    def draw(sizes, seed, eps):
        thetas = call(
            fn,
            (list(sizes),),
            ("layer_sizes",),
            keywords={"rng": seed, "epsilon_init": eps},
            signature=sig,
            case=f"layer_sizes {sizes}",
        )
        if not isinstance(thetas, (list, tuple)):
            stop(
                f"init_weights({sizes}) returned {short(thetas)}, expected a list of matrices",
                "Return [Θ^(1), Θ^(2), ...] as a list.",
            )
        if len(thetas) != len(sizes) - 1:
            stop(
                f"init_weights({sizes}) returned {len(thetas)} matrices, expected {len(sizes) - 1} "
                "(one between each pair of layers)",
                "L layers are joined by L − 1 weight matrices.",
            )
        return [
            as_array(t, f"Θ^({l}) for layer_sizes {sizes}") for l, t in enumerate(thetas, start=1)
        ]

    for sizes, eps in [
        ([2, 3, 1], 0.12),
        ([4, 5, 5, 3], 0.5),
        ([64, 25, 10], 0.12),
        ([64, 25, 10], 2.0),
    ]:
        thetas = draw(sizes, 0, eps)
        for l, theta in enumerate(thetas, start=1):
            want = (sizes[l], sizes[l - 1] + 1)
            if theta.shape != want:
                hint = "Θ^(l) has s_{l+1} rows and s_l + 1 columns (the + 1 is the bias column)."
                if theta.shape == want[::-1]:
                    hint = (
                        "It is transposed: rows are the units of layer l + 1, columns the units of "
                        "layer l plus bias."
                    )
                elif theta.shape == (sizes[l], sizes[l - 1]):
                    hint = "The bias column is missing: Θ^(l) needs s_l + 1 columns."
                stop(
                    f"for layer_sizes {sizes}, Θ^({l}) has shape {theta.shape}, expected {want}",
                    hint,
                )
            if not np.all(np.isfinite(theta)):
                stop(
                    f"for layer_sizes {sizes}, Θ^({l}) contains NaN or inf",
                    "Draw finite numbers in [−ε, ε].",
                )
            if np.ptp(theta) == 0:
                stop(
                    f"for layer_sizes {sizes}, every entry of Θ^({l}) is the same "
                    f"({theta.flat[0]:g})",
                    "Identical weights make every hidden unit compute the same thing forever (the "
                    "symmetry problem): the weights must be drawn at random.",
                    "rng = np.random.default_rng(rng); rng.uniform(-epsilon_init, epsilon_init, "
                    "size=(s_next, s + 1))",
                )
            if theta.shape[0] > 1 and np.all(theta == theta[0]):
                stop(
                    f"for layer_sizes {sizes}, every row of Θ^({l}) is the same: all "
                    f"{theta.shape[0]} units of layer {l + 1} start with identical weights",
                    "That is the symmetry problem again, one row at a time: units that start alike "
                    "get the same gradient and stay alike. Draw every entry at random, not one row "
                    "copied.",
                    "rng.uniform(-epsilon_init, epsilon_init, size=(s_next, s + 1)): one draw per "
                    "entry.",
                )
            low, high = float(theta.min()), float(theta.max())
            if low < -eps or high > eps:
                stop(
                    f"for epsilon_init = {eps}, Θ^({l}) has values in [{low:.3g}, {high:.3g}], "
                    "outside [−ε, ε]",
                    "The interval is [−epsilon_init, epsilon_init]: look at how you scale and "
                    "shift.",
                    "rng.uniform(-epsilon_init, epsilon_init, size).",
                )
            if theta.size >= 50 and (low > -eps / 4 or high < eps / 4):
                if eps > 1 and max(abs(low), abs(high)) <= 0.12 + 1e-12:
                    stop(
                        f"for epsilon_init = {eps}, Θ^({l}) stays within [{low:.3g}, {high:.3g}]: "
                        "your function ignores its epsilon_init argument",
                        "Look for a fixed 0.12 inside your function: the interval's size is the "
                        "argument.",
                        "rng.uniform(-epsilon_init, epsilon_init, size).",
                    )
                stop(
                    f"for epsilon_init = {eps}, Θ^({l}) only uses [{low:.3g}, {high:.3g}] of "
                    f"[−{eps}, {eps}]",
                    "Draw from the whole interval, negative and positive.",
                    "rng.uniform(-epsilon_init, epsilon_init, size).",
                )
    a, b, c = draw([3, 4, 2], 1, 0.12), draw([3, 4, 2], 1, 0.12), draw([3, 4, 2], 2, 0.12)
    if not all(np.array_equal(x, y) for x, y in zip(a, b)):
        stop(
            "the same seed gave different weights",
            "Make the generator from the rng argument, so that a seed gives the same draw every "
            "time.",
            "rng = np.random.default_rng(rng)",
        )
    if all(np.array_equal(x, y) for x, y in zip(a, c)):
        stop(
            "different seeds gave the same weights",
            "Use the rng argument rather than a fixed seed.",
            "rng = np.random.default_rng(rng)",
        )
    return passed(
        name,
        "shapes (s_{l+1}, s_l + 1), values spread over all of [−ε, ε] for ε = 0.12, 0.5 and 2, no "
        "two units alike, reproducible with a seed.",
    )


def _as_shape_list(got, sizes):
    """The learner's answer as a list of (rows, cols) int pairs, or stop with a failure saying what
    came back."""
    if got is None:
        stop(
            f"theta_shapes({sizes}) returned None",
            "Your function computes something but does not `return` it.",
        )
    if not isinstance(got, (list, tuple)):
        stop(
            f"theta_shapes({sizes}) returned {short(got)}, "
            "expected a list of (rows, columns) pairs",
            "Return one tuple per weight matrix, e.g. [(3, 3), (1, 4)].",
        )
    shapes = []
    for item in got:
        if isinstance(item, np.ndarray) and item.ndim == 2:
            stop(
                f"theta_shapes({sizes}) returned matrices, not their shapes",
                "Return the shapes only, e.g. [(3, 3), (1, 4)] (or theta.shape for each matrix).",
            )
        ok = False
        if (
            isinstance(item, (list, tuple, np.ndarray))
            and len(item) == 2
            and all(
                type(k) in (int, float) or isinstance(k, (np.integer, np.floating)) for k in item
            )
        ):
            ok = all(float(k).is_integer() for k in item) and not any(
                isinstance(k, bool) for k in item
            )
        if not ok:
            stop(
                f"theta_shapes({sizes}) contains {short(item)}, not a (rows, columns) pair",
                "Each entry is a tuple of two whole numbers, like (s_{l+1}, s_l + 1).",
            )
        shapes.append(tuple(int(k) for k in item))
    return shapes


@checker
def check_theta_shapes(fn):
    """Check ``fn(layer_sizes)`` returns the shape (s_{l+1}, s_l + 1) of every Θ^(l), l = 1, ..., L
    − 1."""
    crash = [
        (
            lambda exc, line: isinstance(exc, IndexError),
            "An index ran past the end of layer_sizes: L layers give L − 1 matrices, one per pair "
            "of neighbouring layers.",
            "Pair each layer with the next, zip(sizes[:-1], sizes[1:]), rather than looping over "
            "range(len(sizes)).",
        )
    ]
    fix = "[(s_next, s + 1) for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]"
    for sizes in ([2, 3, 1], [3, 5, 5, 4], [400, 25, 10], [4, 3, 3, 2], [1, 1]):
        got = _as_shape_list(
            call(
                fn,
                (list(sizes),),
                ("layer_sizes",),
                case=f"layer_sizes {sizes}",
                crash=crash,
                signature="(layer_sizes)",
            ),
            sizes,
        )
        want = [(b, a + 1) for a, b in zip(sizes[:-1], sizes[1:])]
        if got == want:
            continue
        what = f"for layer_sizes {sizes} you gave {got}, expected {want}"
        if len(got) != len(want):
            hint = (
                f"L = {len(sizes)} layers are joined by L − 1 = {len(want)} weight matrices: Θ^(l) "
                "goes from layer l to layer l + 1, and the output layer has none."
            )
            if len(got) == len(sizes):
                hint = "One matrix per layer is one too many: " + hint
            stop(what, hint, fix)
        table = [
            (
                [(a + 1, b) for a, b in zip(sizes[:-1], sizes[1:])],
                "every shape is transposed.",
                "Θ^(l) has one row per unit of layer l + 1 (it makes z^(l+1) = Θ^(l) [1; a^(l)]) "
                "and one column per unit of layer l plus the bias.",
            ),
            (
                [(b, a) for a, b in zip(sizes[:-1], sizes[1:])],
                "the bias column is missing.",
                "Column 0 of Θ^(l) multiplies the bias unit a_0 = 1: count it among the columns.",
            ),
            (
                [(b + 1, a + 1) for a, b in zip(sizes[:-1], sizes[1:])],
                "there is a row for the next layer's bias unit.",
                "The bias unit of layer l + 1 is always 1: nothing computes it, so it has no row "
                "in Θ^(l).",
            ),
            (
                [(a, b + 1) for a, b in zip(sizes[:-1], sizes[1:])],
                "every shape is transposed, and the + 1 is on the wrong layer.",
                "Rows: the units of layer l + 1. Columns: the units of layer l, plus 1 for the "
                "bias.",
            ),
        ]
        for variant, explanation, hint in table:
            if got == variant:
                stop(f"{what}: {explanation}", hint, fix)
        stop(
            what,
            "Θ^(l) joins layer l (s_l units + the bias) to layer l + 1 (s_{l+1} units): shape "
            "(s_{l+1}, s_l + 1), for l = 1, ..., L − 1.",
            fix,
        )
    return passed(
        check_theta_shapes.__name__,
        "Θ^(l) has shape (s_{l+1}, s_l + 1) for every layer of 5 architectures, including [400, "
        "25, 10] (Θ^(1): (25, 401), Θ^(2): (10, 26)).",
    )


def _digit_weights(sizes):
    return sum(b * (a + 1) for a, b in zip(sizes[:-1], sizes[1:]))


def _ndim(value) -> int | None:
    """The number of dimensions of a learner's list, None for a ragged one ([64, [25], 10])."""
    try:
        return np.ndim(value)
    except ValueError:
        return None


@checker
def check_digit_network(layer_sizes, n_weights):
    """Check Exercise 2.5: 8 × 8 digit images (64 features), 10 classes, one hidden layer of 25
    units."""
    name = check_digit_network.__name__
    want_sizes, want_n = [64, 25, 10], _digit_weights([64, 25, 10])
    if layer_sizes is None or n_weights is None:
        missing = "digit_layer_sizes" if layer_sizes is None else "n_weights"
        stop(
            f"not attempted yet ({missing} is still None)",
            "Replace both None with your answers, run that cell, then this one.",
        )
    if not isinstance(layer_sizes, (list, tuple, np.ndarray)) or _ndim(layer_sizes) != 1:
        stop(
            f"digit_layer_sizes = {short(layer_sizes)} is not a list of unit counts",
            "Write a list of three numbers, [s_1, s_2, s_3].",
        )
    sizes = [as_whole_number(s, f"digit_layer_sizes[{k}]") for k, s in enumerate(layer_sizes)]
    if sizes != want_sizes:
        if len(sizes) != 3:
            hint = "Input layer, one hidden layer, output layer: three numbers."
        elif sizes[:2] == [65, 26] or sizes[:2] == [65, 25]:
            hint = (
                "The bias units are counted: layer_sizes counts each layer's units without its "
                "bias unit (s_l); the + 1 for the bias goes into the shape of Θ^(l), not into s_l."
            )
        elif sizes[0] != 64:
            hint = "# input units = # features: how many pixels has an 8 × 8 image?" + (
                " (400 is the deck's 20 × 20 images.)" if sizes[0] == 400 else ""
            )
        elif sizes[2] != 10:
            hint = "# output units = # classes: one output per digit 0–9."
        else:
            hint = (
                "The exercise gives the hidden layer's size "
                "(the bias unit is not counted in layer_sizes)."
            )
        stop(
            f"digit_layer_sizes = {sizes}, expected [s_1, 25, s_3] with s_1 = # features and s_3 = "
            "# classes",
            hint,
        )
    count = as_whole_number(n_weights, "n_weights")
    if count == want_n:
        return passed(
            name,
            f"layer_sizes = {want_sizes}: Θ^(1) has shape (25, 65) and Θ^(2) shape (10, 26), 25·65 "
            f"+ 10·26 = {want_n} weights (bias weights included).",
        )
    wrong = {
        25 * 65: ("that is Θ^(1) alone.", "The network has two weight matrices: add Θ^(2)'s."),
        10 * 26: ("that is Θ^(2) alone.", "The network has two weight matrices: add Θ^(1)'s."),
        25 * 64 + 10 * 25: ("the bias weights are missing.", "Each Θ^(l) has s_l + 1 columns."),
        25 * 65 + 10 * 25: ("Θ^(2) is missing its bias column.", "Θ^(2) has s_2 + 1 columns."),
        25 * 64 + 10 * 26: ("Θ^(1) is missing its bias column.", "Θ^(1) has s_1 + 1 columns."),
        26 * 65 + 11 * 26: (
            "there is a row for the next layer's bias unit.",
            "Nothing computes a bias unit: Θ^(l) has s_{l+1} rows.",
        ),
        64 + 25 + 10: (
            "that counts units, not weights.",
            "Count the entries of Θ^(1) and Θ^(2): rows × columns.",
        ),
        25 * 401 + 10 * 26: (
            "that is the deck's 400-pixel network.",
            "Here the images have 8 × 8 pixels.",
        ),
    }
    explanation, hint = wrong.get(
        count,
        (
            "that is not the count.",
            "Θ^(l) has shape (s_{l+1}, s_l + 1): add rows × columns of Θ^(1) and Θ^(2).",
        ),
    )
    stop(
        f"n_weights = {count}: {explanation}",
        hint,
        "Θ^(1): (25, 64 + 1) → 1625 weights; Θ^(2): (10, 25 + 1) → 260 weights.",
    )
