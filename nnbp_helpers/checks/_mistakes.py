"""The classic mistakes of each concept, written once, used by every checker the concept is in.

Each table is a function of the concept's inputs returning ``(value, Mistake)`` pairs: the value the
mistake gives, computed from the package's public functions with that one slip, and the
:class:`~._base.Mistake` that names it (explanation), says where to look (hint) and, only on
request, how to fix it (more). A table leaves out a mistake where it does not apply (its value is
None).

The hidden δ is the example of "built once": :func:`hidden_delta` is the one list of its slips, in
the batch form of notebook 04. The one-instance step of notebook 01 (:func:`blame_step`), the number
worked out by hand in notebook 01 (``check_delta_by_hand``) and the full backprop of notebook 04
(:func:`backprop`, through :func:`backprop_with`) all take their mistakes from it.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from .. import (
    add_bias,
    backprop,
    cost,
    deltas,
    forward,
    numerical_gradient,
    one_hot,
    sigmoid,
    sigmoid_gradient,
)
from ._base import Mistake as M


def by_key(rows, key):
    """The value of the mistake ``key`` in a table's ``rows``, or None."""
    return next((value for value, mistake in rows if mistake.key == key), None)


# --- g'(z) ----------------------------------------------------------------------------------------

GPRIME_FIX = "a = nn.sigmoid(z)\nreturn a * (1 - a)       # g'(z) = g(z) (1 − g(z)), elementwise"


def sigmoid_gradient_table(z):
    g = sigmoid(z)
    rows = [
        (
            g,
            M(
                "g",
                "you returned g(z) itself.",
                "The derivative has two factors: compare your return line with g(z) (1 − g(z)).",
                GPRIME_FIX,
            ),
        ),
        (
            z * (1 - z),
            M(
                "z",
                "you computed z (1 − z): the factors use z where the formula has g(z).",
                "Where the formula says g(z), compute the sigmoid of z first.",
                GPRIME_FIX,
            ),
        ),
        (
            g * (1 - z),
            M(
                "g1z",
                "you computed g(z) (1 − z): the second factor uses z instead of g(z).",
                "Look at the second factor: both factors use g(z).",
                GPRIME_FIX,
            ),
        ),
        (
            1 - g,
            M("1g", "you returned 1 − g(z).", "One of the two factors is missing.", GPRIME_FIX),
        ),
        (
            sigmoid_gradient(g),
            M(
                "twice",
                "you applied the sigmoid twice: g′(g(z)).",
                "Is the value you pass to the sigmoid already g(z)?",
                GPRIME_FIX,
            ),
        ),
    ]
    if np.ndim(z) == 1:  # on a vector, a @ (1 − a) is one number (a dot product), not five
        rows.append(
            (
                g @ (1 - g),
                M(
                    "matmul",
                    "@ is the matrix product (here a dot product: one number).",
                    "Look at the operator between the two factors: the formula is elementwise.",
                    "Use * for elementwise products: return a * (1 - a).",
                ),
            )
        )
    return rows


# --- reading the notation: Θ_ij^(l) in code -------------------------------------------------------

WEIGHT_INDEX_FIX = (
    "return thetas[l - 1][i - 1, j]\n# Θ^(l) is thetas[l − 1] (the list starts at 0); row i − 1 "
    "is unit i of layer l + 1\n# (rows start at 0); column j is unit j of layer l (column 0 is the "
    "bias unit)"
)


def weight_index_table(thetas, l, i, j):
    """The slips of reading Θ_ij^(l) out of ``thetas`` (notebook 00): each the entry it picks, or
    None where that index does not exist (the learner's code then raises IndexError)."""

    def at(k, row, col):  # thetas[k][row, col], if those are valid non-negative indices
        ok = (
            0 <= k < len(thetas) and 0 <= row < thetas[k].shape[0] and 0 <= col < thetas[k].shape[1]
        )
        return float(thetas[k][row, col]) if ok else None

    shift = "Python lists and numpy rows count from 0, the deck's layers and units from 1"
    return [
        (
            at(l, i, j),
            M(
                "as_python",
                "the deck's l and i are used as Python indices: thetas[l] is Θ^(l+1), and row i "
                "is unit i + 1.",
                f"{shift}: which of l, i, j need a shift, and which one does not?",
                WEIGHT_INDEX_FIX,
            ),
        ),
        (
            at(l, i - 1, j),
            M(
                "list_from_0",
                "thetas[l] is Θ^(l+1): the list starts at 0, the deck's layers at 1.",
                "Which entry of the list thetas holds Θ^(1)?",
                WEIGHT_INDEX_FIX,
            ),
        ),
        (
            at(l - 1, i, j),
            M(
                "row_from_0",
                "row i of Θ^(l) belongs to unit i + 1 of layer l + 1: rows count from 0, units "
                "from 1.",
                "Which row of Θ^(l) belongs to unit 1 of layer l + 1?",
                WEIGHT_INDEX_FIX,
            ),
        ),
        (
            at(l - 1, i - 1, j - 1),
            M(
                "bias_column",
                "column j − 1 belongs to unit j − 1: column 0 is the bias unit's, so the columns "
                "of units 1, 2, … do not shift.",
                "Which column of Θ^(l) multiplies the bias unit a_0 = 1?",
                WEIGHT_INDEX_FIX,
            ),
        ),
        (
            at(l - 1, j - 1, i),
            M(
                "swapped",
                "i and j are swapped: Θ_ij^(l) goes to unit i of layer l + 1 (a row) from unit j "
                "of layer l (a column).",
                "Θ^(l) has one row per unit of layer l + 1: which of i and j picks the row?",
                WEIGHT_INDEX_FIX,
            ),
        ),
    ]


# --- forward propagation --------------------------------------------------------------------------

FORWARD_FIX = (
    "a = X                                      # a^(1), one instance per row\nfor theta in "
    "thetas:                       # Θ^(1), ..., Θ^(L−1)\n    a = nn.sigmoid(nn.add_bias(a) @ "
    "theta.T)   # a^(l+1) = g([1, a^(l)] Θ^(l)ᵀ)\nreturn a"
)


def _forward_with(
    thetas, X, bias_last=False, output_sigmoid=True, hidden_sigmoid=True, no_bias=False
):
    a = X
    for l, theta in enumerate(thetas, start=1):
        if no_bias:  # the bias units and their weights (column 0 of Θ^(l)) left out
            z = a @ theta[:, 1:].T
        else:
            a_b = np.hstack([a, np.ones((a.shape[0], 1))]) if bias_last else add_bias(a)
            z = a_b @ theta.T
        last = l == len(thetas)
        a = sigmoid(z) if (output_sigmoid if last else hidden_sigmoid) else z
    return a


def forward_table(thetas, X):
    fp = forward(thetas, X)
    n, L = X.shape[0], fp.L
    rows = [
        (
            _forward_with(thetas, X, output_sigmoid=False),
            M(
                "no_g_out",
                "the output layer is missing its sigmoid (you returned z^(L)).",
                "Look at the last layer: is g applied there too?",
                FORWARD_FIX,
            ),
        ),
        (
            _forward_with(thetas, X, hidden_sigmoid=False),
            M(
                "no_g_hidden",
                "the hidden layers are missing their sigmoid.",
                "Every layer after the input applies g, not only the last.",
                FORWARD_FIX,
            ),
        ),
        (
            _forward_with(thetas, X, bias_last=True),
            M(
                "bias_last",
                "the bias unit is in the last column.",
                "Which column of Θ^(l) multiplies the bias unit? Put the ones where that column "
                "expects them.",
                "Column 0 of Θ^(l) multiplies the bias: prepend the ones, nn.add_bias(a) or "
                "np.hstack([np.ones((n, 1)), a]).",
            ),
        ),
        (
            _forward_with(thetas, X, no_bias=True),
            M(
                "no_bias",
                "the bias units are left out: column 0 of each Θ^(l), the bias weights, never "
                "reaches z.",
                "z^(l+1) = Θ^(l) [1; a^(l)]: where does the 1 of the bias unit come in?",
                FORWARD_FIX,
            ),
        ),
    ]
    if n > 1:
        one = M(
            "one_instance",
            f"you returned one instance; X has n = {n} rows.",
            "Keep every row: a^(l) has shape (n, s_l), one row per instance.",
            "Work on the whole batch at once: a = X, then a = g([1, a] Θᵀ) per layer; never X[0].",
        )
        rows += [(fp.h[0], one), (fp.h[:1], one)]
    for l in range(2, L):  # stopped after l − 1 matrices: a^(l) instead of a^(L)
        if fp.a[l].shape != fp.h.shape:
            rows.append(
                (
                    fp.a[l],
                    M(
                        f"stopped_{l}",
                        f"it has the shape of a^({l}), as if your code stopped after {l - 1} "
                        f"weight matrix{'es' if l > 2 else ''}; this network has L = {L} layers, "
                        f"so {L - 1} of them.",
                        "Does your code apply a fixed number of layers (thetas[0], thetas[1], …)? "
                        "The checks try networks of different depths.",
                        "Loop over every Θ in thetas: `for theta in thetas:` …",
                        shape_only=True,
                    ),
                )
            )
    return rows


ZERO_INPUT_FIX = (
    "a = x = (0, 0); in each layer z = Θ^(l) [1; a] (the 1 is the bias unit), then a = g(z):\n"
    "z^(2) = Θ^(1) [1; 0; 0] is column 0 of Θ^(1), a^(2) = g(z^(2)), z^(3) = Θ^(2) [1; a^(2)], "
    "h = g(z^(3))."
)


def _one_pass(thetas, x, hidden=True, output=True, bias=True, first=None):
    """h for one instance ``x`` with one slip: no g in the hidden layers or at the output, no bias
    units at all, or ``first`` standing in for a^(2)."""
    a = np.asarray(x, dtype=float)
    for l, theta in enumerate(thetas, start=1):
        if l == 2 and first is not None:
            a = first
        z = theta @ np.concatenate([[1.0], a]) if bias else theta[:, 1:] @ a
        last = l == len(thetas)
        a = sigmoid(z) if (output if last else hidden) else z
    return float(a[0])


def zero_input_table(thetas):
    """The slips of h for the input x = 0, worked out by hand for notebook 02's network (one output
    unit): what each gives."""
    x = np.zeros(thetas[0].shape[1] - 1)
    s2 = thetas[0].shape[0]
    no_output_bias = None
    if len(thetas) == 2:
        no_output_bias = float(sigmoid(thetas[1][0, 1:] @ sigmoid(thetas[0][:, 0])))
    rows = [
        (
            0.0,
            M(
                "zero",
                "a sigmoid unit never outputs 0: g(z) > 0 for every z, and a zero input does not "
                "make z zero.",
                "Which terms of z^(2) = Θ^(1) [1; x] are left when x = 0?",
                ZERO_INPUT_FIX,
            ),
        ),
        (
            0.5,
            M(
                "half",
                "that is g(0): as if every z were 0. With x = 0 the inputs add nothing, but the "
                "bias units still do.",
                "Which terms of z^(2) = Θ^(1) [1; x] are left when x = 0?",
                ZERO_INPUT_FIX,
            ),
        ),
        (
            _one_pass(thetas, x, first=np.zeros(s2)),
            M(
                "hidden_zero",
                "the hidden units were taken as 0. A zero input does not make them 0: each outputs "
                "g of its bias weight.",
                "What is a_1^(2) = g(z_1^(2)) when z_1^(2) is just the bias weight Θ_10^(1)?",
                ZERO_INPUT_FIX,
            ),
        ),
        (
            _one_pass(thetas, x, bias=False),
            M(
                "no_bias",
                "the bias units are left out: every z^(l) = Θ^(l) [1; a^(l)] starts with the bias "
                "unit's 1.",
                "Put the 1 of the bias unit in front of x and of a^(2).",
                ZERO_INPUT_FIX,
            ),
        ),
        (
            _one_pass(thetas, x, output=False),
            M(
                "no_g_out",
                "that is z^(3): the output's sigmoid is missing.",
                "h = a^(3) = g(z^(3)): one more step.",
                ZERO_INPUT_FIX,
            ),
        ),
        (
            _one_pass(thetas, x, hidden=False),
            M(
                "no_g_hidden",
                "the hidden units' sigmoid is missing: a^(2) = g(z^(2)), not z^(2).",
                "Every layer after the input applies g, the hidden layer too.",
                ZERO_INPUT_FIX,
            ),
        ),
        (
            no_output_bias,
            M(
                "no_output_bias",
                "the output's bias weight Θ_10^(2) is missing from z^(3).",
                "z^(3) = Θ^(2) [1; a^(2)]: the bias unit of layer 2 counts too.",
                ZERO_INPUT_FIX,
            ),
        ),
    ]
    if thetas[0].shape[0] == thetas[0].shape[1]:  # Θ^(1) square: a transposed Θ^(1) still fits
        rows.append(
            (
                _one_pass(thetas, x, first=sigmoid(thetas[0][0, :])),
                M(
                    "row_as_bias",
                    "the bias weights were read from row 0 of Θ^(1); they are its column 0 "
                    "(Θ_i0^(1), one per hidden unit).",
                    "Θ^(1) has one row per hidden unit: where in each row is its bias weight?",
                    ZERO_INPUT_FIX,
                ),
            )
        )
    return rows


# --- one-hot targets -----------------------------------------------------------------------------


def one_hot_table(y, K):
    y = np.asarray(y)
    fix = "Y = np.zeros((len(y), K))\nY[np.arange(len(y)), y] = 1.0      # or: np.eye(K)[y]"
    return [
        (
            np.eye(K)[y].T,
            M("T", "it is transposed.", "One row per instance, one column per class.", fix),
        ),
        (
            np.eye(K)[y - 1],
            M(
                "from1",
                "the 1s are one column to the left (labels treated as starting at 1).",
                "Labels here run from 0 to K − 1: which column does label 0 go to?",
                fix,
            ),
        ),
        (
            np.eye(int(y.max()) + 1)[y],
            M(
                "maxK",
                "K was taken from the largest label, not from the argument.",
                "A batch need not contain every class: where does your K come from?",
                "Use the K you are given: np.zeros((len(y), K)).",
            ),
        ),
    ]


# --- the cost J(Θ) --------------------------------------------------------------------------------


def _cost_parts(case):
    """The reference's J as its data term and its penalty (``nn.cost`` with and without λ)."""
    data = cost(case.thetas, case.X, case.y, 0.0)
    return data, cost(case.thetas, case.X, case.y, case.lam) - data


def _cost_on_raw_labels(case):
    """J with labels y (n,) used as they are against h (n, 1): the product broadcasts to (n, n)."""
    h = forward(case.thetas, case.X).h
    y = np.asarray(case.y, dtype=float)
    with np.errstate(all="ignore"):
        return -np.sum(y * np.log(h) + (1 - y) * np.log(1 - h)) / case.X.shape[0]


def _cost_on_label_column(case):
    """J's data term with the labels y as a column (n, 1) against h (n, K), instead of one-hot
    targets."""
    h = forward(case.thetas, case.X).h
    Y = np.asarray(case.y, dtype=float).reshape(-1, 1)
    with np.errstate(all="ignore"):
        return -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / case.X.shape[0]


def _targets(case):
    """The case's targets Y (n, K): one-hot rows from labels, a column for K = 1."""
    y, K = np.asarray(case.y), case.thetas[-1].shape[0]
    if y.ndim == 2:
        return y.astype(float)
    return y.reshape(-1, 1).astype(float) if K == 1 else one_hot(y, K)


def _one_term(case):
    """J's data term without its (1 − y) log(1 − h) part."""
    h = forward(case.thetas, case.X).h
    return -np.sum(_targets(case) * np.log(h)) / case.X.shape[0]


def stable_cost_table(case):
    """The slips of J computed from z = z^(L) in the stable form softplus(z) − y z (Exercise
    3.4)."""
    fp = forward(case.thetas, case.X)
    z, Y, n = fp.z[fp.L], _targets(case), case.X.shape[0]
    penalty = cost(case.thetas, case.X, case.y, case.lam) - cost(case.thetas, case.X, case.y)
    fix = "J = np.sum(np.logaddexp(0, z) - Y * z) / n + penalty,  z = z^(L)"
    return [
        (
            np.sum(np.logaddexp(0.0, z) + Y * z) / n + penalty,
            M(
                "plus_yz",
                "the y z term has the wrong sign (+ y z).",
                "−log g(z) = softplus(z) − z: where does the − y z come from?",
                fix,
            ),
        ),
        (
            np.sum(np.logaddexp(0.0, -z) - Y * z) / n + penalty,
            M(
                "softplus_neg",
                "softplus(−z) stands where softplus(z) belongs.",
                "Check the identity for y = 0: −log(1 − g(z)) = softplus of what?",
                fix,
            ),
        ),
    ]


LABELS_HINT = (
    "y may be labels (n,) while h is (n, K): turn labels into targets Y of shape (n, K) first, the "
    "shape of h (nn.one_hot(y, K), or your one_hot of Exercise 3.2)."
)
# A learner who always one-hot encodes y crashes on a case whose y is already a target matrix.
TARGETS_CRASH = [
    (
        lambda exc, line: isinstance(exc, (IndexError, ValueError)),
        "y may already be an (n, K) target matrix: one-hot encode only labels of shape (n,).",
        "Y = np.asarray(y, dtype=float) if np.ndim(y) == 2 else nn.one_hot(y, K)",
    )
]
_PENALTY_FIX = (
    "penalty = lam / 2 * sum(np.sum(theta[:, 1:] ** 2) for theta in thetas)   # j ≥ 1 only"
)


def cost_table(case):
    """The slips of J(Θ), each the number it gives, from the reference's data term and penalty."""
    K, n = case.thetas[-1].shape[0], case.X.shape[0]
    data, penalty = _cost_parts(case)
    bias_squares = sum(np.sum(t[:, 0] ** 2) for t in case.thetas)
    fix = (
        "h = nn.forward(thetas, X).h; Y = targets (n, K)\nJ = -np.sum(Y * np.log(h) + (1 - Y) * "
        "np.log(1 - h)) / n" + (" + penalty" if case.lam else "")
    )
    rows = [
        (
            -data + penalty,
            M(
                "sign",
                "the sign is flipped (the deck's slide drops the minus).",
                "The logs of numbers between 0 and 1 are negative: what makes J ≥ 0?",
                "J = −(1/n) Σ [y log h + (1 − y) log(1 − h)]: keep the minus in front.",
            ),
        ),
        (
            n * data + penalty,
            M(
                "sum",
                "it is summed over the instances, not averaged.",
                "J is an average over the n instances.",
                "Divide the data term by n, the number of rows of X.",
            ),
        ),
        (
            data / np.log(10) + penalty,
            M(
                "log10",
                "it uses the base-10 logarithm (np.log10).",
                "The cost's log is the natural logarithm, np.log.",
            ),
        ),
        (
            _one_term(case) + penalty,
            M(
                "only_y_term",
                "the (1 − y) log(1 − h) term is missing: every target 0 costs nothing.",
                "The bracket has two terms: one prices the targets that are 1, the other the "
                "targets that are 0.",
            ),
        ),
    ]
    if K > 1:
        rows.append(
            (
                data / K + penalty,
                M(
                    "mean_nK",
                    "it is divided by n·K (np.mean over the (n, K) matrix).",
                    "J averages over the n instances but adds up the K output units.",
                    "np.sum(...) / n, not np.mean(...).",
                ),
            )
        )
    if K > 1 and np.ndim(case.y) == 1:
        rows.append(
            (
                _cost_on_label_column(case) + penalty,
                M(
                    "labels_not_one_hot",
                    "the labels y are used as the targets: y as a column (n, 1) broadcast against "
                    "h (n, K), so every output unit is compared with the label number itself.",
                    "For K > 1, what should the target of output unit k be for an instance of "
                    "class y_i? (Notebook 03's one-hot targets.)",
                    "Y = nn.one_hot(y, K), shape (n, K), like h.",
                ),
            )
        )
    if K == 1 and np.ndim(case.y) == 1 and case.X.shape[0] > 1:
        rows.append(
            (
                _cost_on_raw_labels(case),
                M(
                    "raw_labels",
                    "y has shape (n,) but h has (n, 1), so y * log(h) broadcast to an (n, n) "
                    "matrix.",
                    LABELS_HINT,
                    "Y = y.reshape(-1, 1) for K = 1 (one-hot rows for K > 1): "
                    "shape (n, K), like h.",
                ),
            )
        )
    if case.lam > 0:
        rows += [
            (
                data + penalty + case.lam / 2 * bias_squares,
                M(
                    "reg_bias",
                    "the bias column is regularised.",
                    "Which columns of Θ^(l) does the penalty run over (j ≥ 1)?",
                    _PENALTY_FIX,
                ),
            ),
            (
                data + penalty / n,
                M(
                    "reg_n",
                    "the penalty uses λ/(2n) (Ng's convention).",
                    "This series writes the penalty as (λ/2) Σ Θ²: look at what divides λ.",
                    _PENALTY_FIX,
                ),
            ),
            (
                data + 2 * penalty,
                M(
                    "reg_full",
                    "the penalty is missing the 1/2.",
                    "Compare your penalty's factor with (λ/2).",
                    _PENALTY_FIX,
                ),
            ),
            (
                data,
                M(
                    "no_reg",
                    "the regularisation term is missing.",
                    "J(Θ) has a second term, the penalty on the weights.",
                    _PENALTY_FIX,
                ),
            ),
            (
                data + case.lam / 2 * sum(np.sum(t[:, :-1] ** 2) for t in case.thetas),
                M(
                    "reg_last_column",
                    "the penalty drops the last column of each Θ^(l) instead of column 0.",
                    "Which column of Θ^(l) holds the bias weights, which the penalty leaves out?",
                    _PENALTY_FIX,
                ),
            ),
        ]
        if len(case.thetas) > 1:
            one_layer = [case.lam / 2 * np.sum(t[:, 1:] ** 2) for t in case.thetas]
            rows += [
                (
                    data + one_layer[-1],
                    M(
                        "reg_last_layer",
                        "the penalty covers only the last weight matrix Θ^(L−1).",
                        "The penalty sums over every layer l = 1, ..., L − 1, not one Θ.",
                        _PENALTY_FIX,
                    ),
                ),
                (
                    data + one_layer[0],
                    M(
                        "reg_first_layer",
                        "the penalty covers only the first weight matrix Θ^(1).",
                        "The penalty sums over every layer l = 1, ..., L − 1, not one Θ.",
                        _PENALTY_FIX,
                    ),
                ),
            ]
    return [
        (value, mistake if mistake.more else replace(mistake, more=fix)) for value, mistake in rows
    ]


def cost_shape_hint(case):
    """The message for a cost of the wrong shape: J is one number."""
    n, K = case.X.shape[0], case.thetas[-1].shape[0]

    def hint(shape):
        if shape in ((n,), (n, 1)) and n > 1:
            return (
                f"J is one number, but yours has shape {shape}: one cost per instance",
                "J averages the instances' costs into one number.",
                "np.sum over the whole (n, K) matrix, then / n.",
            )
        if shape == (n, K):
            return (
                f"J is one number, but yours has shape {shape}: one cost per instance and unit",
                "J adds up the K units and averages over the n instances: one number.",
                "np.sum over the whole (n, K) matrix, then / n.",
            )
        if shape == (K,) and K > 1:
            return (
                f"J is one number, but yours has shape {shape}: one cost per output unit",
                "J adds up the K units too.",
                "np.sum over both axes, then / n.",
            )
        if shape == (n, n) and n > 1:
            return (f"J is one number, but yours has shape {shape}", LABELS_HINT, "")
        return (
            f"J is one number, but yours has shape {shape}",
            "Add everything up into one number: the sum over instances and units, / n.",
            "",
        )

    return hint


CONFIDENT_FIX = (
    "J = −(1/n) Σ_i [y_i log h_i + (1 − y_i) log(1 − h_i)], n = 4: the wrong instance costs "
    "−log(0.001),\neach right one −log(0.999) ≈ 0.001; add the four costs, then divide by 4 "
    "(np.log is the natural log)."
)


def confident_mistake_table(h_right=0.999, h_wrong=0.001, n=4):
    """The slips of J for ``n`` instances: n − 1 answered right with confidence ``h_right`` (h
    within 1 − h_right of the label), and one with y = 1 answered ``h_wrong`` (notebook 03)."""
    right, wrong = -np.log(h_right), -np.log(h_wrong)
    J = (wrong + (n - 1) * right) / n
    where = "Each instance costs −log h if y = 1 and −log(1 − h) if y = 0"
    not_averaged = M(
        "not_averaged",
        f"that is the wrong instance's cost (or the sum of all {n}): J is their average.",
        f"J = −(1/n) Σ_i [...]: add up the {n} costs, then divide by n.",
        CONFIDENT_FIX,
    )
    return [
        (
            -J,
            M(
                "sign",
                "the sign is flipped: that is the log-likelihood, the slide's formula without its "
                "minus.",
                "The logs of numbers between 0 and 1 are negative: what makes J ≥ 0?",
                CONFIDENT_FIX,
            ),
        ),
        (n * J, not_averaged),
        (wrong, not_averaged),
        (
            J / np.log(10),
            M(
                "log10",
                "that uses the base-10 logarithm: log10(0.001) = −3.",
                "The cost uses the natural logarithm (np.log), in which log(0.001) ≈ −6.9.",
                CONFIDENT_FIX,
            ),
        ),
        (
            1 / n,
            M(
                "error_rate",
                f"that is the error rate, 1 wrong out of {n}. J does not count mistakes: it "
                "weighs how sure each answer was.",
                f"{where}: price each of the {n} answers, then average.",
                CONFIDENT_FIX,
            ),
        ),
        (
            ((1 - h_wrong) ** 2 + (n - 1) * (1 - h_right) ** 2) / n,
            M(
                "squared",
                "that is the mean squared error (h − y)², not the cost of this series.",
                f"{where}.",
                CONFIDENT_FIX,
            ),
        ),
        (
            np.log(2),
            M(
                "log2",
                "log 2 ≈ 0.693 is the cost of a network that answers 0.5 for everything.",
                "This network answers 0.999 or 0.001, not 0.5: price the four answers it gives.",
                CONFIDENT_FIX,
            ),
        ),
        (
            (-np.log(1 - h_wrong) + (n - 1) * right) / n,
            M(
                "wrong_term",
                "the wrong instance is priced as if its label were 0: −log(1 − h) instead of "
                "−log h.",
                "Its label is y = 1: which of the two logs does the formula keep then?",
                CONFIDENT_FIX,
            ),
        ),
    ]


# --- dc/dz of the stable cost ---------------------------------------------------------------------


def dc_dz_table(z, y):
    g = sigmoid(z)
    fix = "return nn.sigmoid(z) - y      # softplus′(z) = e^z / (1 + e^z) = g(z)"
    return [
        (
            g - y * z,
            M(
                "yz_kept",
                "the term − y z is not differentiated: its derivative is a number, not − y z.",
                "What is the derivative of − y z with respect to z (y does not depend on z)?",
                fix,
            ),
        ),
        (
            y - g,
            M(
                "sign",
                "the sign is flipped.",
                "Differentiate each term: what does − y z give?",
                fix,
            ),
        ),
        (g + 0 * z, M("no_y", "the − y is missing.", "The term − y z has a derivative too.", fix)),
        (
            g * (1 - g) - y,
            M(
                "gprime",
                "softplus′(z) is not g′(z).",
                "softplus(z) = log(1 + e^z): differentiate it once, with the chain rule.",
                fix,
            ),
        ),
        (
            (1 - g) - y,
            M(
                "g_minus",
                "you used g(−z) = 1 − g(z).",
                "Write softplus′(z) = e^z / (1 + e^z) and divide top and bottom by e^z.",
                fix,
            ),
        ),
        (
            np.logaddexp(0.0, z) - y,
            M(
                "not_diff",
                "you returned softplus(z) − y: softplus is not differentiated.",
                "The first term needs its derivative, softplus′(z).",
                fix,
            ),
        ),
    ]


# --- the hidden δ: one table for notebooks 01 and 04 ----------------------------------------------

HIDDEN_DELTA_FIX = (
    "(delta_next @ theta[:, 1:]) * a * (1 - a)\n# (Θ^(l))ᵀ δ^(l+1) for one instance per row is "
    "delta_next @ theta; [:, 1:] drops the bias\n# column; g'(z^(l)) = a^(l) .* (1 − a^(l)) "
    "because a^(l) = g(z^(l))"
)
# Exercise 4.1 asks for the row form of the slide's (Θ^(l))ᵀ δ^(l+1): a first hint points at it, the
# code is in more help only.
_ROW_FORM_HINT = "Which product of delta_next and theta has one row per instance?"
_ROW_FORM_MORE = (
    "For a column δ the slide writes (Θ^(l))ᵀ δ; a row is that column transposed, δᵀ Θ^(l): for "
    "one instance per row, (Θ^(l))ᵀ δ^(l+1) is delta_next @ theta, not theta.T @ delta_next.\n"
)


def hidden_delta_table(theta, delta_next, a, slope=None):
    """The slips of δ^(l) = ((Θ^(l))ᵀ δ^(l+1))_{no bias row} .* a^(l) .* (1 − a^(l)), in batch form:
    ``theta`` (s_{l+1}, s_l + 1), ``delta_next`` (n, s_{l+1}), ``a`` (n, s_l); result (n, s_l).

    ``slope(a)``: the hidden units' g'(z^(l)) written with a^(l) (default the sigmoid's a (1 − a));
    with another slope only the slips of the step's structure are listed (the sigmoid's own slips
    are left out: see :func:`tanh_hidden_delta_table`)."""
    n, s_l = a.shape
    s_next = delta_next.shape[1]
    back = delta_next @ theta  # (n, s_l + 1): still holds the bias column
    sigmoid_units = slope is None
    slope = _sigmoid_slope if sigmoid_units else slope
    gp = slope(a)
    ab = add_bias(a)
    want = back[:, 1:] * gp
    rows = [
        (
            back[:, 1:],
            M(
                "no_gprime",
                "the factor g'(z^(l)) is missing.",
                "After sending the blame back through Θ^(l), each unit scales it by its own slope "
                "g'.",
                HIDDEN_DELTA_FIX,
            ),
        ),
        (
            -want,
            M(
                "sign",
                "the sign is flipped.",
                "Nothing in the hidden step changes the sign: δ^(L) = a^(L) − y starts it.",
                HIDDEN_DELTA_FIX,
            ),
        ),
        (
            back * slope(ab),
            M(
                "bias_kept",
                "it still has the bias row: one column too many.",
                "The bias unit a_0 = 1 has no z, so no δ: which column of Θ^(l) is the bias?",
                HIDDEN_DELTA_FIX,
            ),
        ),
        (
            back,
            M(
                "bias_kept_no_gprime",
                "it still has the bias row, and the factor g'(z^(l)) is missing.",
                "Two things: the bias unit gets no δ, and each unit scales its blame by g'.",
                HIDDEN_DELTA_FIX,
            ),
        ),
        (
            back[:, :-1] * gp,
            M(
                "last_column",
                "the wrong column of Θ^(l) was dropped (the last instead of the first).",
                "Which column of Θ^(l) belongs to the bias unit?",
                HIDDEN_DELTA_FIX,
            ),
        ),
    ]
    if sigmoid_units:  # the sigmoid's own slips with its slope a (1 − a)
        rows[1:1] = [
            (
                back[:, 1:] * sigmoid_gradient(a),
                M(
                    "gprime_of_a",
                    "g' was applied to a^(l) rather than to z^(l): the sigmoid applied twice.",
                    "a^(l) is already g(z^(l)): what is g'(z^(l)) in terms of a^(l)?",
                    HIDDEN_DELTA_FIX,
                ),
            ),
            (
                back[:, 1:] * a,
                M(
                    "factor_a",
                    "the factor is a^(l), not a^(l) .* (1 − a^(l)).",
                    "Look at the factor g'(z^(l)): it has two parts.",
                    HIDDEN_DELTA_FIX,
                ),
            ),
            (
                back[:, 1:] * sigmoid(a),
                M(
                    "factor_g_a",
                    "the factor is g(a^(l)), not g'(z^(l)).",
                    "Look at the factor: it is the slope g'(z^(l)), from a^(l).",
                    HIDDEN_DELTA_FIX,
                ),
            ),
        ]
    if s_l == s_next:  # Θ^(l) without its bias column is square: the other way round fits too
        rows.append(
            (
                (delta_next @ theta[:, 1:].T) * gp,
                M(
                    "not_transposed",
                    "Θ^(l) is used the wrong way round: blame went back along Θ_ji "
                    "instead of Θ_ij.",
                    "Node j collects Θ_ij δ_i over the units i of the next layer: a column of "
                    "Θ^(l), not a row.",
                    HIDDEN_DELTA_FIX,
                ),
            )
        )
    # the slide's column-vector form, recognised by its shape (values not compared);
    # never when n = s_l, where those shapes would be (n, s_l) too
    column_form = M(
        "column_form",
        "it looks like the column-vector form from the slide (one column per instance).",
        "Here each instance is a row, and the result is (n, s_l), like a. " + _ROW_FORM_HINT,
        _ROW_FORM_MORE + HIDDEN_DELTA_FIX,
        shape_only=True,
    )
    if n != s_l:
        rows += [(np.zeros((s_l, n)), column_form), (np.zeros((s_l, s_l)), column_form)]
    rows.append(
        (
            back.T,
            M(
                "column_form_T",
                "it looks like the slide's column-vector form (Θ^(l))ᵀ δ^(l+1), with instances as "
                "columns.",
                "Here each instance is a row. " + _ROW_FORM_HINT,
                _ROW_FORM_MORE + HIDDEN_DELTA_FIX,
            ),
        )
    )
    return rows


def _sigmoid_slope(a):
    return a * (1 - a)


def _tanh_slope(a):
    return 1 - a**2


TANH_HIDDEN_DELTA_FIX = (
    "(delta_next @ theta[:, 1:]) * (1 - a ** 2)\n# tanh′(z) = 1 − tanh(z)², and a^(l) = "
    "tanh(z^(l)), so g'(z^(l)) = 1 − (a^(l))²;\n# the rest of the step is the sigmoid's: (Θ^(l))ᵀ "
    "δ^(l+1) without the bias row"
)


def tanh_hidden_delta_table(theta, delta_next, a):
    """The slips of δ^(l) for tanh hidden units, a^(l) = tanh(z^(l)):
    ((Θ^(l))ᵀ δ^(l+1))_{no bias row} .* (1 − (a^(l))²), batch form as in :func:`hidden_delta_table`.
    The step's structure slips of the sigmoid's table with tanh's slope, and the slips of the slope
    itself."""
    rows = [
        (value, replace(mistake, more=TANH_HIDDEN_DELTA_FIX))
        for value, mistake in hidden_delta_table(theta, delta_next, a, slope=_tanh_slope)
    ]
    back = (delta_next @ theta)[:, 1:]
    write_with_a = "Write tanh′(z^(l)) = 1 − tanh²(z^(l)) with a^(l), which is tanh(z^(l))."
    rows += [
        (
            back * a * (1 - a),
            M(
                "sigmoid_slope",
                "the factor is a^(l) .* (1 − a^(l)), the sigmoid's slope; these units are tanh "
                "units.",
                "a(1 − a) is the sigmoid's slope g(1 − g): which slope belongs to tanh units, and "
                "how do you write it with a^(l)?",
                TANH_HIDDEN_DELTA_FIX,
            ),
        ),
        (
            back * (1 - a),
            M(
                "one_minus_a",
                "the factor is 1 − a^(l): the square is missing.",
                "Look again at what is squared in 1 − tanh²(z).",
                TANH_HIDDEN_DELTA_FIX,
            ),
        ),
        (
            back * (1 - a) ** 2,
            M(
                "square_of_difference",
                "the factor is (1 − a^(l))²: the whole difference is squared.",
                "In 1 − tanh²(z) only the tanh is squared, not 1 − tanh(z).",
                TANH_HIDDEN_DELTA_FIX,
            ),
        ),
        (
            back * (1 - np.tanh(a) ** 2),
            M(
                "tanh_twice",
                "the factor is 1 − tanh(a^(l))²: tanh applied twice.",
                "a^(l) is already tanh(z^(l)). " + write_with_a,
                TANH_HIDDEN_DELTA_FIX,
            ),
        ),
        (
            back * (1 + a**2),
            M(
                "plus",
                "the factor is 1 + (a^(l))²: the sign inside is flipped.",
                "tanh is steepest at z = 0 and flattens as |z| grows: its slope must shrink as |a| "
                "grows. Look at the sign in front of tanh².",
                TANH_HIDDEN_DELTA_FIX,
            ),
        ),
    ]
    return rows


def hidden_delta_crashes(theta_name=None):
    """Crash hints of the hidden δ step. ``theta_name``: the name the learner gave Θ^(l) (None: any
    name with "theta" in it); the first entry also serves backprop, the second only the step on its
    own."""
    return [
        (
            lambda exc, line: row_slice(line, theta_name),
            "Row 0 of Θ^(l) was dropped (`[1:, :]`): rows are the units of layer l + 1; the bias "
            "is a column.",
            "Drop column 0 instead: theta[:, 1:]. " + HIDDEN_DELTA_FIX,
        ),
        (
            lambda exc, line: (
                "matmul" in str(exc) or "broadcast" in str(exc) or "shapes" in str(exc)
            ),
            "A shape mismatch in the step: with one instance per row, delta_next is (n, s_{l+1}), "
            "theta (s_{l+1}, s_l + 1) and a (n, s_l). " + _ROW_FORM_HINT + " And which of the "
            "s_l + 1 columns that gives belongs to the bias unit?",
            "delta_next @ theta has s_l + 1 columns but a has s_l: leave out the bias column, "
            "theta[:, 1:]. " + _ROW_FORM_MORE + HIDDEN_DELTA_FIX,
        ),
    ]


def row_slice(line, name=None):
    """Whether a source line drops the first row of Θ (``theta[1:, :]``, ``theta[1:]``) rather than
    a column."""
    from ._base import squash

    text = squash(line)
    names = re.escape(name) if name else r"[\w.]*theta[\w.]*(?:\[[^\]]*\])?"
    return re.search(rf"(?:{names})\[1:(?:,:)?\]", text) is not None


def blame_step_table(theta, delta_next, a):
    """The hidden-δ slips for one instance, as notebook 01 writes it: ``delta_next`` (s_{l+1},),
    ``a`` (s_l,), result (s_l,). The batch table on a batch of one, minus the batch-only shape
    clues."""
    rows = []
    for value, mistake in hidden_delta_table(theta, delta_next[None, :], a[None, :]):
        if mistake.shape_only or mistake.key == "column_form_T":
            continue
        value = np.asarray(value)
        rows.append((value[0] if value.shape[0] == 1 else None, mistake))
    # Only the one-instance form has a matrix of shares to add up: summed along the wrong axis, each
    # node of layer l + 1 adds up what it sends instead of each node of layer l what it receives.
    if theta.shape[0] == a.shape[0]:
        shares = theta[:, 1:] * delta_next[:, None]  # shares[i, j] = Θ_ij δ_i
        rows.append(
            (
                shares.sum(axis=1) * a * (1 - a),
                M(
                    "sum_over_j",
                    "the shares were added up along the wrong axis: over j (what node i of layer "
                    "l + 1 sends), not over i (what node j of layer l receives).",
                    "In shares[i, j] = Θ_ij δ_i, which axis runs over i, the nodes of layer l + 1?",
                    HIDDEN_DELTA_FIX,
                ),
            )
        )
    return rows


# How the hidden-δ slips read when δ_1^(2) of the deck example is worked out by hand (notebook 01).
_BY_HAND_WORDING = {
    "last_column": "you used the bias weights Θ_10^(2) and Θ_20^(2) (column 0) instead of "
    "Θ_11^(2) and Θ_21^(2).",
    "not_transposed": "you used Θ_11^(2) and Θ_12^(2) (a row of Θ^(2)).",
}
BY_HAND_FIX = (
    "The two shares Θ_11^(2) δ_1^(3) and Θ_21^(2) δ_2^(3) (the column of Θ^(2) for node 1); their "
    "sum;\n× g'(z_1^(2)) = a_1^(2) (1 − a_1^(2)). Three decimals of each number are enough."
)


def delta_by_hand_table(split):
    """The slips of δ_1^(2) of the deck example, worked out by hand (notebook 01): the hidden-δ
    table on node 1 (in the exercise's words), plus the slips only a hand computation makes."""
    th2, d3, a2 = split.thetas[1], split.delta[3], split.a[2]
    rows = []
    for value, mistake in blame_step_table(th2, d3, a2):
        if value is None or np.shape(value) != a2.shape:  # the bias "δ": no node 1 to compare
            continue
        explanation = _BY_HAND_WORDING.get(mistake.key, mistake.explanation)
        rows.append((float(value[0]), replace(mistake, explanation=explanation, more=BY_HAND_FIX)))
    g = float(a2[0] * (1 - a2[0]))
    share = "Node 1 of layer 2 feeds both nodes of layer 3: its blame is the sum of two shares."
    rows += [
        (
            float(split.delta[2][1]),
            M(
                "other_node",
                "that is δ_2^(2), the blame of node 2 of layer 2 (the lower one).",
                "Node 1 is the top node of layer 2: which two edges leave it, and which weights do "
                "they carry?",
                BY_HAND_FIX,
            ),
        ),
        (
            th2[0, 1] * d3[0] * g,
            M("one_share_1", "only the share from node 1 of layer 3 is there.", share, BY_HAND_FIX),
        ),
        (
            th2[1, 1] * d3[1] * g,
            M("one_share_2", "only the share from node 2 of layer 3 is there.", share, BY_HAND_FIX),
        ),
        (
            (th2[0, 1] * split.sums[3][0] + th2[1, 1] * split.sums[3][1]) * g,
            M(
                "sums_not_delta",
                "you used layer 3's sums Σ before × g', not its δ^(3).",
                "Split δ^(3), the numbers in layer 3's δ boxes, not the raw sums.",
                BY_HAND_FIX,
            ),
        ),
    ]
    return rows


# --- output δ and the gradient D ------------------------------------------------------------------

D_FIX = (
    "D^(l) = delta_next.T @ nn.add_bias(a) / n      # (1/n) Δ^(l), Δ^(l) = δ^(l+1)ᵀ [1, "
    "a^(l)]\nD^(l)[:, 1:] += lam * theta[:, 1:]           # + λ Θ^(l) for j ≠ 0: the bias column "
    "is not regularised"
)


def gradient_table(D, D0, theta, lam, n):
    """The slips of D^(l) = (1/n) Δ^(l) + λ Θ^(l) (j ≠ 0), from the reference's D^(l) with λ
    (``D``) and without (``D0``): ``D0`` is (1/n) Δ^(l), ``D − D0`` the penalty's gradient."""
    reg = D - D0
    rows = [
        (
            n * D0 + reg,
            M(
                "no_average",
                f"Δ is not divided by n = {n}.",
                "D^(l) averages over the instances.",
                D_FIX,
            ),
        )
    ]
    if lam > 0:
        bias_reg = np.hstack([lam * theta[:, :1], np.zeros_like(theta[:, 1:])])
        rows += [
            (
                D + bias_reg,
                M(
                    "reg_bias",
                    "the bias column is regularised.",
                    "Which columns of D^(l) get λ Θ (j ≠ 0)?",
                    D_FIX,
                ),
            ),
            (
                D0 + reg / n,
                M(
                    "reg_n",
                    "the penalty uses (λ/n) Θ (Ng's convention).",
                    "With J's penalty written as (λ/2) Σ Θ², what is its derivative?",
                    D_FIX,
                ),
            ),
            (
                D0 + reg / 2,
                M(
                    "reg_half",
                    "the penalty's gradient is (λ/2) Θ: the 2 of Θ² was not brought down.",
                    "Differentiate (λ/2) Θ²: the 2 of the square cancels the 1/2.",
                    D_FIX,
                ),
            ),
            (
                D0,
                M(
                    "no_reg",
                    "the regularisation term is missing.",
                    "J has a penalty, so its gradient has a term from it too.",
                    D_FIX,
                ),
            ),
        ]
    if D.shape[0] == D.shape[1]:  # a square D: its transpose has the same shape
        rows.append(
            (
                D.T,
                M(
                    "transposed",
                    "D^(l) is transposed (its shape hides it: Θ^(l) is square here).",
                    "D^(l) has Θ^(l)'s layout: row i for unit i of layer l + 1, column j for unit "
                    "j of layer l. Look at the order of the product.",
                    D_FIX,
                ),
            )
        )
    return rows


BACKPROP_FIX = (
    "Y = targets (n, K); a = the forward pass's activations\ndelta = a^(L) − Y                     "
    "          # δ^(L)\nfor l = L − 1, ..., 1:\n    D^(l) = delta.T @ nn.add_bias(a^(l)) / n;  "
    "D^(l)[:, 1:] += lam * Θ^(l)[:, 1:]\n    if l > 1: delta = (delta @ Θ^(l)[:, 1:]) * a^(l) * (1 "
    "− a^(l))   # δ^(l)"
)


def backprop_with(case, hidden=None, output_sign=1.0, label_column=False):
    """[D^(1), ..., D^(L−1)] of ``case`` with one slip in its δ: ``hidden(theta, delta_next, a)``
    replacing the hidden δ step, or a flipped ``output_sign``; None where the slip gives an array of
    another shape than the hidden δ (it cannot flow on). The rest is the reference's: its forward
    pass, and D^(l) = (1/n) δ^(l+1)ᵀ [1, a^(l)] + λ Θ^(l) for j ≠ 0 from whatever δ the slip
    left. ``label_column``: δ^(L) = h − y with the labels y as a column (n, 1), not one-hot."""
    thetas, X = case.thetas, case.X
    fp = forward(thetas, X)
    L, n = fp.L, X.shape[0]
    delta = {L: output_sign * deltas(thetas, X, case.y)[L]}
    if label_column:
        delta[L] = fp.h - np.asarray(case.y, dtype=float).reshape(-1, 1)
    for l in range(L - 1, 1, -1):
        if hidden is None:
            d = (delta[l + 1] @ thetas[l - 1][:, 1:]) * fp.a[l] * (1 - fp.a[l])
        else:
            d = hidden(thetas[l - 1], delta[l + 1], fp.a[l])
        if d is None or np.shape(d) != fp.a[l].shape:
            return None
        delta[l] = d
    out = []
    for l, theta in enumerate(thetas, start=1):
        D = delta[l + 1].T @ add_bias(fp.a[l]) / n
        D[:, 1:] += case.lam * theta[:, 1:]
        out.append(D)
    return out


def backprop_table(case):
    """The slips of a full backprop, each a list [D^(1), ..., D^(L−1)]: the hidden-δ table's slips
    fed through the rest of the algorithm, the output δ's sign, and the gradient table's slips."""
    fp = forward(case.thetas, case.X)
    d = deltas(case.thetas, case.X, case.y)
    l = fp.L - 1  # the last hidden layer: every hidden-δ slip shows there
    rows = []
    for _, mistake in hidden_delta_table(case.thetas[l - 1], d[l + 1], fp.a[l]):
        if mistake.shape_only:
            continue

        def hidden(theta, delta_next, a, key=mistake.key):
            return by_key(hidden_delta_table(theta, delta_next, a), key)

        D = backprop_with(case, hidden=hidden)
        if D is not None:
            rows.append(
                (
                    D,
                    M(
                        "hidden_" + mistake.key,
                        "in the hidden δ step, " + mistake.explanation,
                        mistake.hint,
                        BACKPROP_FIX,
                    ),
                )
            )
    rows.append(
        (
            backprop_with(case, output_sign=-1.0),
            M(
                "sign",
                "the sign is flipped.",
                "Look at δ^(L): output minus target, or the other way round?",
                BACKPROP_FIX,
            ),
        )
    )
    if case.thetas[-1].shape[0] > 1 and np.ndim(case.y) == 1:
        rows.append(
            (
                backprop_with(case, label_column=True),
                M(
                    "labels_not_one_hot",
                    "δ^(L) uses the labels y as the targets: y as a column (n, 1) broadcast "
                    "against h (n, K), so every output unit is compared with the label number.",
                    "For K > 1, what should the target of output unit k be for an instance of "
                    "class y_i? (Notebook 03's one-hot targets.)",
                    "Y = nn.one_hot(y, K); δ^(L) = h − Y. " + BACKPROP_FIX,
                ),
            )
        )
    D = backprop(case.thetas, case.X, case.y, case.lam)
    D0 = backprop(case.thetas, case.X, case.y, 0.0)
    n = case.X.shape[0]
    per_layer = [gradient_table(d, d0, t, case.lam, n) for d, d0, t in zip(D, D0, case.thetas)]
    keys = dict.fromkeys(m.key for table in per_layer for _, m in table)
    for key in keys:
        mistake = next(m for table in per_layer for _, m in table if m.key == key)
        slipped = [by_key(table, key) for table in per_layer]
        slipped = [right if v is None else v for v, right in zip(slipped, D)]  # a layer it skips
        rows.append((slipped, M("D_" + key, mistake.explanation, mistake.hint, BACKPROP_FIX)))
    return rows


# --- D when every weight is equal: the symmetry (a prediction, notebook 04) -----------------------

EQUAL_WEIGHTS_CHOICES = {
    "a": "D^(1) is all zeros: with equal weights there is nothing to learn",
    "b": "every entry of D^(1) is the same number",
    "c": "every row of D^(1) is the same",
    "d": "every column of D^(1) is the same",
    "e": "no pattern: the instances differ, so the entries all differ",
}
EQUAL_WEIGHTS_ANSWER = "c"
EQUAL_WEIGHTS_WHY = (
    "Hidden unit i computes z_i^(2) = Θ_i0^(1) + Σ_j Θ_ij^(1) x_j: the same for every i when the "
    "rows of Θ^(1) are equal, so the same a_i^(2) and g'(z_i^(2)). Its blame δ_i^(2) = (Σ_k "
    "Θ_ki^(2) δ_k^(3)) g'(z_i^(2)) is the same for every i when the columns of Θ^(2) are equal. "
    "Entry (i, j) of D^(1) is (1/n) Σ_t δ_i^(2) a_j^(1): it depends on the input j, but not on the "
    "unit i."
)


def equal_weights_table():
    """The wrong choices of the prediction "every weight 0.5: what does D^(1) look like?", as
    (letter, Mistake) pairs."""
    return [
        (
            "a",
            M(
                "zero",
                "D^(1) is zero only when no blame reaches layer 2.",
                "That happens when every weight is 0: Θ^(2) then sends nothing back. Here every "
                "weight is 0.5. What δ^(2) does each hidden unit get, and how do the units' δ's "
                "compare with each other?",
                EQUAL_WEIGHTS_WHY,
            ),
        ),
        (
            "b",
            M(
                "all_same",
                "that would need every input x_j, and the bias unit's 1, to be equal.",
                "Entry (i, j) of D^(1) is (1/n) Σ_t δ_i^(2) a_j^(1): compare the factors a_j^(1) "
                "of different columns j (column 0 is the bias unit, a_0 = 1).",
                EQUAL_WEIGHTS_WHY,
            ),
        ),
        (
            "d",
            M(
                "columns",
                "rows and columns are swapped.",
                "Row i of D^(1) belongs to hidden unit i, column j to input j (0: the bias). Which "
                "of the two, the units or the inputs, are copies of each other?",
                EQUAL_WEIGHTS_WHY,
            ),
        ),
        (
            "e",
            M(
                "no_pattern",
                "the instances do differ, but D^(1) adds them all up; what matters is how the "
                "hidden units differ.",
                "Two hidden units with the same weights in and the same weights out: for any one "
                "instance, do they compute a different z, a or δ?",
                EQUAL_WEIGHTS_WHY,
            ),
        ),
    ]


# --- gradApprox -----------------------------------------------------------------------------------

NUMERICAL_GRADIENT_FIX = (
    "theta = np.array(vec, dtype=float)           # a copy: the caller's vec stays as it is\nfor p "
    "in range(theta.size):\n    old = theta[p]\n    theta[p] = old + epsilon; f_plus = f(theta)\n  "
    "  theta[p] = old - epsilon; f_minus = f(theta)\n    theta[p] = old                            "
    "# put it back before the next p\n    grad[p] = (f_plus - f_minus) / (2 * epsilon)"
)


def _one_sided(f, vec, eps, backward=False):
    g = np.empty_like(vec)
    f0 = f(vec)
    for p in range(vec.size):
        e = np.zeros_like(vec)
        e[p] = eps
        g[p] = (f0 - f(vec - e)) / eps if backward else (f(vec + e) - f0) / eps
    return g


def numerical_gradient_table(f, vec, eps):
    want = numerical_gradient(f, vec, eps)
    rows = [
        (
            _one_sided(f, vec, eps),
            M(
                "one_sided",
                "it is a one-sided difference (f(θ + ε e_p) − f(θ)) / ε.",
                "The deck's gradApprox uses both sides of θ.",
                NUMERICAL_GRADIENT_FIX,
            ),
        ),
        (
            _one_sided(f, vec, eps, backward=True),
            M(
                "one_sided_back",
                "it is a one-sided difference (f(θ) − f(θ − ε e_p)) / ε.",
                "The deck's gradApprox uses both sides of θ.",
                NUMERICAL_GRADIENT_FIX,
            ),
        ),
        (
            2 * want,
            M(
                "twice",
                "it is twice the expected value.",
                "What distance separates θ − ε e_p and θ + ε e_p? Divide by that.",
                NUMERICAL_GRADIENT_FIX,
            ),
        ),
        (
            want / 2,
            M(
                "half",
                "it is half the expected value.",
                "What distance separates θ − ε e_p and θ + ε e_p? Divide by that.",
                NUMERICAL_GRADIENT_FIX,
            ),
        ),
        (
            want * eps**2,
            M(
                "parentheses",
                f"it is about ε² = {eps**2:g} times the expected value: (fp - fm) / 2 * epsilon "
                "divides by 2 and then multiplies by ε.",
                "Look at the parentheses around the divisor.",
                "Use / (2 * epsilon).",
            ),
        ),
    ]
    for other in (1e-4, 1e-5, 1e-6, 1e-7, 1e-3, 1e-2):
        if other != eps:
            rows.append(
                (
                    numerical_gradient(f, vec, other),
                    M(
                        "fixed_eps",
                        "your function ignores its `epsilon` argument: the result is what a fixed "
                        f"step gives, not the asked-for ε = {eps:g}.",
                        "Look for a fixed step size inside your function: the step must be the "
                        "`epsilon` argument.",
                        "Use the parameter everywhere: theta[p] = old + epsilon, …, / (2 * "
                        "epsilon).",
                    ),
                )
            )
    return rows


# --- what a gradient check costs, and what its numbers say (predictions, notebook 05) -------------


def gradapprox_count_table(layer_sizes, n):
    """The slips of counting the evaluations of J that gradApprox makes (2P) for ``layer_sizes`` and
    ``n`` instances, as (count, Mistake) pairs."""
    pairs = list(zip(layer_sizes[:-1], layer_sizes[1:]))
    P = sum(s_next * (s + 1) for s, s_next in pairs)
    formula = (
        "gradApprox_p = (J(θ + ε e_p) − J(θ − ε e_p)) / (2ε): two evaluations of J for each of the "
        "P weights (bias weights included), each evaluation covering the whole batch. P = Σ_l "
        "s_{l+1} (s_l + 1)."
    )
    both_sides = "How many values of J does one entry gradApprox_p use? Count them in the formula."
    return [
        (P, M("one_per_weight", "that is one evaluation per weight.", both_sides, formula)),
        (
            P + 1,
            M(
                "one_sided",
                "that is what the one-sided difference (J(θ + ε e_p) − J(θ)) / ε costs.",
                "The deck's gradApprox is two-sided: " + both_sides,
                formula,
            ),
        ),
        (
            2 * P + 1,
            M(
                "plus_J",
                "J(θ) itself is counted, but the two-sided difference never uses it.",
                "List the values of J in the formula for gradApprox_p: is J(θ) one of them?",
                formula,
            ),
        ),
        (
            2 * P * n,
            M(
                "per_instance",
                f"that counts every instance separately, but one evaluation of J covers all {n}.",
                f"J(θ) is one number, the cost averaged over all {n} instances: one call computes "
                "it for the whole batch.",
                formula,
            ),
        ),
        (
            P * n,
            M(
                "per_instance_one",
                f"that counts one evaluation per weight and instance; one evaluation of J covers "
                f"all {n} instances, and the two-sided difference needs two per weight.",
                f"J(θ) is one number for the whole batch of {n}. " + both_sides,
                formula,
            ),
        ),
        (
            2 * sum(s_next * s for s, s_next in pairs),
            M(
                "no_bias",
                "the bias weights are missing.",
                "Each Θ^(l) has a bias column (column 0), and gradApprox nudges those weights too.",
                formula,
            ),
        ),
        (
            2 * sum((s_next + 1) * (s + 1) for s, s_next in pairs),
            M(
                "bias_rows",
                "that gives each Θ^(l) a row for the next layer's bias unit.",
                "Nothing computes a bias unit: Θ^(l) has s_{l+1} rows and s_l + 1 columns.",
                formula,
            ),
        ),
        (
            2 * sum(layer_sizes[1:]),
            M(
                "units",
                "that counts units, not weights.",
                "gradApprox has one entry per weight: count the entries of every Θ^(l).",
                formula,
            ),
        ),
        (
            2 * sum(layer_sizes),
            M(
                "all_units",
                "that counts units, not weights.",
                "gradApprox has one entry per weight: count the entries of every Θ^(l).",
                formula,
            ),
        ),
    ]


DOUBLE_GRADIENT_WHY = (
    "With DVec = 2 g (g = gradApprox): ‖DVec − g‖ = ‖2g − g‖ = ‖g‖ and ‖DVec + g‖ = ‖3g‖ = 3 ‖g‖, "
    "so the relative difference is ‖g‖ / (3 ‖g‖) = 1/3, whatever g is."
)


def double_gradient_table():
    """The slips of predicting the relative difference ‖DVec − gradApprox‖ / ‖DVec + gradApprox‖
    when DVec = 2 gradApprox (1/3), as (value, Mistake) pairs."""
    return [
        (
            1.0,
            M(
                "over_g",
                "that is ‖DVec − gradApprox‖ / ‖gradApprox‖: the error relative to gradApprox "
                "alone.",
                "The relative difference divides by ‖DVec + gradApprox‖: what is DVec + gradApprox "
                "here, in terms of gradApprox?",
                DOUBLE_GRADIENT_WHY,
            ),
        ),
        (
            0.5,
            M(
                "over_D",
                "that is ‖DVec − gradApprox‖ / ‖DVec‖.",
                "The denominator is the norm of the sum, DVec + gradApprox.",
                DOUBLE_GRADIENT_WHY,
            ),
        ),
        (
            2.0,
            M(
                "ratio",
                "that is the ratio DVec / gradApprox, not the relative difference.",
                "The relative difference compares the difference DVec − gradApprox with the sum.",
                DOUBLE_GRADIENT_WHY,
            ),
        ),
        (
            3.0,
            M(
                "upside_down",
                "that is upside down: the sum over the difference.",
                "The difference goes on top, the sum below.",
                DOUBLE_GRADIENT_WHY,
            ),
        ),
        (
            1 / 9,
            M(
                "squared",
                "that uses squared norms: ‖·‖ is the length itself, the square root of the sum of "
                "squares.",
                "Work out ‖DVec − gradApprox‖ and ‖DVec + gradApprox‖ as multiples of ‖gradApprox‖ "
                "(‖c g‖ = |c| ‖g‖).",
                DOUBLE_GRADIENT_WHY,
            ),
        ),
        (
            0.0,
            M(
                "zero",
                "0 would mean DVec and gradApprox are equal; here one is twice the other.",
                "Work out ‖DVec − gradApprox‖ and ‖DVec + gradApprox‖ as multiples of "
                "‖gradApprox‖.",
                DOUBLE_GRADIENT_WHY,
            ),
        ),
    ]


NO_GPRIME_LAYERS = {
    1,
    2,
}  # [4, 5, 5, 3]: the hidden δ step makes δ^(3) and δ^(2); D^(l) uses δ^(l+1)
NO_GPRIME_WHY = (
    "In an L = 4 network the hidden δ step makes δ^(3) and δ^(2) (δ^(4) = a^(4) − y is not made by "
    "it). D^(l) = (1/n) (δ^(l+1))ᵀ [1, a^(l)] uses δ^(l+1): D^(3) uses δ^(4), D^(2) uses δ^(3), "
    "D^(1) uses δ^(2)."
)


def no_gprime_layers_table():
    """The slips of predicting which D^(l) of the [4, 5, 5, 3] network a backprop that forgets g' in
    the hidden δ step gets wrong ({1, 2}), as (set of layers, Mistake) pairs."""
    which = "Which δ does each D^(l) use, and which δ's does the hidden δ step make?"
    return [
        (
            {1, 2, 3},
            M(
                "all",
                "not every layer: one D^(l) never meets the hidden δ step.",
                "D^(l) = (1/n) (δ^(l+1))ᵀ [1, a^(l)]. Which δ does D^(3) use, and is that δ made "
                "by the hidden δ step?",
                NO_GPRIME_WHY,
            ),
        ),
        (
            {2, 3},
            M(
                "same_index",
                "that pairs D^(l) with δ^(l), but D^(l) is built from δ^(l+1).",
                "Θ^(l) connects layer l to layer l + 1: D^(l) = (1/n) (δ^(l+1))ᵀ [1, a^(l)]. "
                + which,
                NO_GPRIME_WHY,
            ),
        ),
        (
            {3},
            M(
                "output",
                "D^(3) is the one layer the hidden δ step cannot reach.",
                "D^(3) uses δ^(4) = a^(4) − y: is that made by the hidden δ step? " + which,
                NO_GPRIME_WHY,
            ),
        ),
        (
            {2},
            M(
                "first_only",
                "the wrong δ^(3) does not stay in D^(2): the step runs again for δ^(2).",
                "δ^(2) comes from the same step (without g' again), fed with the wrong δ^(3). "
                + which,
                NO_GPRIME_WHY,
            ),
        ),
        (
            {1},
            M(
                "last_only",
                "δ^(2) is not the only δ the hidden step makes.",
                "In an L = 4 network the hidden δ step runs for l = 3 and for l = 2. " + which,
                NO_GPRIME_WHY,
            ),
        ),
        (
            {0, 1},
            M(
                "python_index",
                "those look like Python list indices (D[0], D[1]); the deck numbers the matrices "
                "D^(1), D^(2), D^(3).",
                "Give the deck's layer numbers l of D^(l): 1, 2 or 3.",
                NO_GPRIME_WHY,
            ),
        ),
        (
            set(),
            M(
                "none",
                "forgetting g' does change some of the gradients.",
                "g'(z^(l)) is a factor of the hidden δ^(l): without it δ^(l) is off. " + which,
                NO_GPRIME_WHY,
            ),
        ),
    ]


# --- one gradient-descent step --------------------------------------------------------------------

STEP_FIX = (
    "D = nn.backprop(thetas, X, y, lam)             # once, before any layer changes\nreturn "
    "[theta - alpha * D_l for theta, D_l in zip(thetas, D)]"
)


def _step_slips(lam, n):
    """The slips of one step, each ``(key, step(thetas, X, y, alpha, backprop) -> new thetas,
    Mistake)``."""

    def with_D(change):
        return lambda ts, X, y, alpha, bp: change(ts, bp(ts, X, y, lam), alpha)

    slips = [
        (
            "uphill",
            with_D(lambda ts, D, alpha: [t + alpha * d for t, d in zip(ts, D)]),
            M(
                "uphill",
                "you stepped uphill (Θ + α D).",
                "D^(l) points the way J grows: which way is downhill?",
                STEP_FIX,
            ),
        ),
        (
            "no_alpha",
            with_D(lambda ts, D, alpha: [t - d for t, d in zip(ts, D)]),
            M(
                "no_alpha",
                "the learning rate α is missing.",
                "Something sets the size of the step.",
                STEP_FIX,
            ),
        ),
        (
            "change_only",
            with_D(lambda ts, D, alpha: [-alpha * d for d in D]),
            M(
                "change_only",
                "you returned the change −α D^(l), not the new weights.",
                "The step gives new weights: the old ones plus the change.",
                STEP_FIX,
            ),
        ),
        (
            "gradient_only",
            with_D(lambda ts, D, alpha: list(D)),
            M(
                "gradient_only",
                "you returned the gradient D^(l), not the new weights.",
                "Return the new weights Θ^(l) after the step.",
                STEP_FIX,
            ),
        ),
        (
            "divided",
            with_D(
                lambda ts, D, alpha: [
                    t - alpha / d if np.all(d != 0) else None for t, d in zip(ts, D)
                ]
            ),
            M(
                "divided",
                "you divided by the gradient.",
                "Look at the operator between α and D^(l).",
                STEP_FIX,
            ),
        ),
        (
            "rerun",
            lambda ts, X, y, alpha, bp: _layer_by_layer(ts, X, y, alpha, lam, bp),
            M(
                "rerun",
                "each Θ^(l) after the first was stepped with a gradient from a new backprop, run "
                "after Θ^(1) had already changed.",
                "How many times does your step call nn.backprop, and when?",
                STEP_FIX,
            ),
        ),
    ]
    if n > 1:
        slips.append(
            (
                "extra_n",
                with_D(lambda ts, D, alpha: [t - alpha * d / n for t, d in zip(ts, D)]),
                M(
                    "extra_n",
                    "you divided the gradient by n again.",
                    "nn.backprop's D^(l) is already averaged over the n instances.",
                    STEP_FIX,
                ),
            )
        )
    if lam > 0:

        def unregularised(change):
            return lambda ts, X, y, alpha, bp: change(ts, bp(ts, X, y, 0.0), alpha)

        slips += [
            (
                "lam_not_passed",
                unregularised(lambda ts, D0, alpha: [t - alpha * d for t, d in zip(ts, D0)]),
                M(
                    "lam_not_passed",
                    "λ was not passed on to backprop.",
                    "Look at the arguments of your nn.backprop call.",
                    STEP_FIX,
                ),
            ),
            (
                "reg_bias",
                unregularised(
                    lambda ts, D0, alpha: [t - alpha * (d + lam * t) for t, d in zip(ts, D0)]
                ),
                M(
                    "reg_bias",
                    "the bias column got the regularisation term λΘ too.",
                    "nn.backprop(thetas, X, y, lam) already adds λΘ^(l) where it belongs.",
                    STEP_FIX,
                ),
            ),
            (
                "reg_twice",
                with_D(lambda ts, D, alpha: [t - alpha * (d + lam * t) for t, d in zip(ts, D)]),
                M(
                    "reg_twice",
                    "λΘ was added on top of nn.backprop's D^(l), which already contains it.",
                    "nn.backprop(thetas, X, y, lam) already adds λΘ^(l): use its D^(l) as it is.",
                    STEP_FIX,
                ),
            ),
        ]
    return slips


def gradient_step_table(thetas, X, y, alpha, lam, backprop):
    """The slips of one step Θ^(l) ← Θ^(l) − α D^(l), each as the list of new Θ^(l).
    ``backprop`` is the package's (passed in so that this module needs no training import)."""
    return [
        (step(thetas, X, y, alpha, backprop), mistake)
        for _, step, mistake in _step_slips(lam, X.shape[0])
    ]


def _layer_by_layer(thetas, X, y, alpha, lam, backprop):
    """The slip of re-running backprop after each layer's update: layer l sees the already-updated
    layers."""
    thetas = [t.copy() for t in thetas]
    for l in range(len(thetas)):
        thetas[l] = thetas[l] - alpha * backprop(thetas, X, y, lam)[l]
    return thetas


# --- a whole training run -------------------------------------------------------------------------

LOOP_FIX = (
    "history = []\nfor epoch in range(epochs):\n    history.append(nn.cost(thetas, X, y, lam))     "
    "# J at the start of this epoch\n    D = nn.backprop(thetas, X, y, lam)\n    thetas = [theta - "
    "alpha * D_l for theta, D_l in zip(thetas, D)]\nreturn thetas, history"
)


def training_table(thetas, X, y, alpha, lam, epochs, backprop):
    """The slips of full-batch gradient descent, each as the run it gives: (history, final thetas).

    Every slip of one step (:func:`gradient_step_table`) repeated for ``epochs`` epochs, and the
    slips of the loop itself: the cost recorded after the step, without λ, one step per instance,
    the new weights never assigned back."""

    def run(step=None, record="before", cost_lam=None, per_instance=False, assign=True):
        ts, history = [t.copy() for t in thetas], []
        cost_lam = lam if cost_lam is None else cost_lam
        for _ in range(epochs):
            if record == "before":
                history.append(cost(ts, X, y, cost_lam))
            if per_instance:
                new = ts
                for i in range(X.shape[0]):
                    D = backprop(new, X[i : i + 1], y[i : i + 1], lam)
                    new = [t - alpha * d for t, d in zip(new, D)]
            elif step is None:
                new = [t - alpha * d for t, d in zip(ts, backprop(ts, X, y, lam))]
            else:
                new = step(ts)
                if new is None:
                    return None
            if assign:
                ts = new
            if record == "after":
                history.append(cost(ts, X, y, cost_lam))
        return history, ts

    rows = []
    for key, slip, mistake in _step_slips(lam, X.shape[0]):
        if key in ("change_only", "gradient_only", "divided"):
            continue  # these never make a training run: the loop blows up or stalls at once
        result = run(step=lambda ts, slip=slip: slip(ts, X, y, alpha, backprop))
        if result is not None:
            rows.append(
                (
                    result,
                    M(
                        "step_" + mistake.key,
                        "in each step, " + mistake.explanation,
                        mistake.hint,
                        LOOP_FIX,
                    ),
                )
            )
    rows += [
        (
            run(record="after"),
            M(
                "late",
                "each cost is recorded after its step, one epoch late.",
                "history[e] is J at the weights epoch e starts from: where in the loop is that?",
                LOOP_FIX,
            ),
        ),
        (
            run(per_instance=True),
            M(
                "per_instance",
                "your loop takes one step per instance (n steps per epoch).",
                "The deck adds Δ up over all n instances and takes one step per epoch.",
                LOOP_FIX,
            ),
        ),
        (
            run(assign=False),
            M(
                "not_assigned",
                "the cost never changes: the new weights are not used.",
                "Does the next epoch start from the new weights? Look at what you assign.",
                LOOP_FIX,
            ),
        ),
    ]
    if lam > 0:
        rows.append(
            (
                run(cost_lam=0.0),
                M(
                    "history_no_lam",
                    "the costs in history leave out the penalty (λ = 0 in nn.cost).",
                    "history holds the regularised cost: look at your nn.cost call.",
                    LOOP_FIX,
                ),
            )
        )
    return rows
