"""Checkers for backpropagation: one hidden δ step for a batch (sigmoid units, and the tanh variant
derived in notebook 04), the list of gradients D^(l), and the prediction of D for equal weights."""

from __future__ import annotations

import inspect

import numpy as np

from .. import add_bias, backprop, deltas, forward, one_hot, sigmoid
from . import _mistakes as mistakes
from ._base import (
    as_choice,
    call,
    checker,
    compare,
    layer_of,
    name_list_mistake,
    once,
    passed,
    short,
    stop,
)
from ._cases import network_cases


def _hidden_delta_cases(tanh=False):
    """(label, Θ^(l), δ^(l+1), a^(l), δ^(l)) for every hidden layer of the shared test networks.

    Cases whose n, s_l, s_l + 1 and s_{l+1} all differ come first (δ^(3) of the deck's L = 4
    network: n = 6, s_l = 3, s_l + 1 = 4, s_{l+1} = 2), so a wrong axis or the slide's column-vector
    form cannot broadcast silently and every wrong shape names one mistake; the degenerate ones (n =
    1 or s_{l+1} = 1) come last. With ``tanh`` the hidden units are tanh units
    (:func:`tanh_network`) and δ^(l) is the finite difference of the cost in z^(l), not a formula.
    """
    out = []
    for case in network_cases():
        if tanh:
            a, d = tanh_network(case.thetas, case.X, case.y)
            L = len(case.thetas) + 1
        else:
            fp = forward(case.thetas, case.X)
            a, d, L = fp.a, deltas(case.thetas, case.X, case.y), fp.L
        for l in range(L - 1, 1, -1):
            want = tanh_delta_by_finite_difference(case.thetas, case.X, case.y, l) if tanh else d[l]
            out.append((f"δ^({l}) of {case.label}", case.thetas[l - 1], d[l + 1], a[l], want))

    def order(item):
        n, s_l = item[3].shape
        s_next = item[2].shape[1]
        return len({n, s_l, s_l + 1, s_next}) < 4, min(n, s_next) < 2

    return sorted(out, key=order)


def _first_parameter(fn, default):
    try:
        return next(iter(inspect.signature(fn).parameters))
    except (TypeError, ValueError, StopIteration):
        return default


def _check_delta_step(fn, cases, table, hint, more, units="", **tolerance) -> None:
    """Call the learner's hidden δ step ``fn(theta, delta_next, a)`` on each case and compare it
    with the case's δ^(l), naming the slips of ``table(theta, delta_next, a)``; stops at the first
    difference."""
    crash = mistakes.hidden_delta_crashes(_first_parameter(fn, "theta")) if callable(fn) else []
    for label, theta, delta_next, a, want in cases:
        got = call(
            fn,
            (theta, delta_next, a),
            ("theta", "delta_next", "a"),
            crash=crash,
            case=label + units,
            signature="(theta, delta_next, a)",
        )
        compare(
            got,
            want,
            label + units,
            table(theta, delta_next, a),
            hint=hint,
            more=more,
            **tolerance,
        )


@checker
def check_hidden_delta(fn):
    """Check ``fn(theta, delta_next, a)`` = δ^(l) = ((Θ^(l))ᵀ δ^(l+1))_{no bias row} .* a^(l) .* (1
    − a^(l)).

    Arguments as in a batch with one instance per row: ``theta`` Θ^(l) (s_{l+1}, s_l + 1),
    ``delta_next`` δ^(l+1) (n, s_{l+1}), ``a`` a^(l) without the bias column (n, s_l); result (n,
    s_l).
    """
    cases = _hidden_delta_cases()
    _check_delta_step(
        fn,
        cases,
        mistakes.hidden_delta_table,
        hint="Three steps to compare with the formula: send δ^(l+1) back through Θ^(l), leave "
        "out the bias, multiply by g'(z^(l)).",
        more=mistakes.HIDDEN_DELTA_FIX,
    )
    return passed(
        check_hidden_delta.__name__,
        f"δ^(l) is right for {len(cases)} hidden layers (both hidden layers of the deck's L = 4, "
        "batches with K = 3 and K = 1, one instance).",
    )


# --- the tanh variant: derived by the learner, checked against a finite difference ----------------


def _targets(y, K):
    return np.asarray(y, dtype=np.float64) if np.ndim(y) == 2 else one_hot(y, K)


def _tanh_from(thetas, l, z):
    """The output a^(L) of the tanh network when layer l's weighted input is ``z`` (rows are
    instances): a^(m) = tanh(z^(m)) for the hidden layers, the sigmoid at the output."""
    L = len(thetas) + 1
    a = sigmoid(z) if l == L else np.tanh(z)
    for m in range(l, L):
        z = add_bias(a) @ thetas[m - 1].T
        a = sigmoid(z) if m + 1 == L else np.tanh(z)
    return a


def tanh_network(thetas, X, y):
    """({l: a^(l)}, {l: δ^(l)}) of a network with tanh hidden units and a sigmoid output with the
    cross-entropy cost: δ^(L) = a^(L) − y, δ^(l) = (δ^(l+1) Θ^(l))_{no bias} .* (1 − (a^(l))²)."""
    L = len(thetas) + 1
    a = {1: np.asarray(X, dtype=np.float64)}
    for l in range(1, L):
        z = add_bias(a[l]) @ thetas[l - 1].T
        a[l + 1] = sigmoid(z) if l + 1 == L else np.tanh(z)
    d = {L: a[L] - _targets(y, a[L].shape[1])}
    for l in range(L - 1, 1, -1):
        d[l] = (d[l + 1] @ thetas[l - 1][:, 1:]) * (1 - a[l] ** 2)
    return a, d


def tanh_delta_by_finite_difference(thetas, X, y, l, epsilon=1e-5):
    """δ^(l) = ∂cost/∂z^(l) of the tanh network, instance by instance, by two-sided differences:
    each instance's cost depends on its own row of z^(l) only, so one column is nudged at a time."""
    a, _ = tanh_network(thetas, X, y)
    z = add_bias(a[l - 1]) @ thetas[l - 2].T
    Y = _targets(y, a[len(thetas) + 1].shape[1])

    def costs(z):  # the cost of each instance, with the minus sign
        h = _tanh_from(thetas, l, z)
        return -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h), axis=1)

    d = np.empty_like(z)
    for j in range(z.shape[1]):
        step = np.zeros_like(z)
        step[:, j] = epsilon
        d[:, j] = (costs(z + step) - costs(z - step)) / (2 * epsilon)
    return d


@checker
def check_tanh_hidden_delta(fn):
    """Check ``fn(theta, delta_next, a)`` = δ^(l) for tanh hidden units, a^(l) = tanh(z^(l)).

    The expected δ^(l) is not a formula but a finite difference of the cost in z^(l) (the network's
    output stays a sigmoid with the cross-entropy cost), so a learner's derivation is tested against
    the definition δ^(l) = ∂cost/∂z^(l) itself. Shapes as in :func:`check_hidden_delta`.
    """
    cases = _hidden_delta_cases(tanh=True)
    _check_delta_step(
        fn,
        cases,
        mistakes.tanh_hidden_delta_table,
        hint="The step is the sigmoid's, except for one factor: the slope of tanh at z^(l), "
        "written with a^(l).",
        more=mistakes.TANH_HIDDEN_DELTA_FIX,
        units=", tanh hidden units",
        rtol=1e-6,
        atol=1e-8,
    )
    return passed(
        check_tanh_hidden_delta.__name__,
        f"your δ^(l) matches a finite difference of the cost in z^(l) on {len(cases)} hidden "
        "layers of tanh units: only the slope changed, from a (1 − a) to 1 − a².",
    )


# --- predicting D for a network whose weights are all equal ---------------------------------------


@checker(letter_answers=("answer",))
def check_equal_weights(answer):
    """Check the prediction of D^(1) for a network whose weights are all equal (one letter, a–e:
    "c", "(c)", "C" and "c) every row ..." all answer c)."""
    name = check_equal_weights.__name__
    letter = as_choice(answer, mistakes.EQUAL_WEIGHTS_CHOICES, "symmetry")
    if letter == mistakes.EQUAL_WEIGHTS_ANSWER:
        return passed(
            name,
            "every row of D^(1) is the same. Hidden units with the same weights in compute the "
            "same z and a; with the same weights out they get the same share of the blame, so the "
            "same δ, and row i of D^(1), (1/n) Σ δ_i a_j, is the same for every unit i. The cell "
            "below shows it.",
        )
    mistake = dict(mistakes.equal_weights_table())[letter]
    stop(
        f"({letter}) {mistakes.EQUAL_WEIGHTS_CHOICES[letter]}: {mistake.explanation}",
        mistake.hint,
        mistake.more,
    )


def _d_shape_hint(theta):
    rows, cols = theta.shape

    def hint(shape):
        if shape == (cols, rows):
            return (
                "",
                "D^(l) is transposed: it has Θ^(l)'s layout, row i for unit i of layer l + 1.",
                mistakes.D_FIX,
            )
        if shape == (rows, cols - 1):
            return (
                "",
                "The bias column is missing: D^(l) has a column 0 for the bias weights too (its Δ "
                "uses the bias unit's a_0 = 1).",
                mistakes.D_FIX,
            )
        return None

    return hint


@checker
def check_backprop(fn, regularised=True):
    """Check ``fn(thetas, X, y, lam)`` returns [D^(1), ..., D^(L−1)] equal to ∂J/∂Θ^(l) on several
    networks."""
    cases = network_cases() + (network_cases(lam=0.7) if regularised else [])
    for case in cases:
        # a learner who always one-hot encodes y crashes on the case whose y is already a target
        # matrix
        crash = list(mistakes.TARGETS_CRASH) if np.ndim(case.y) == 2 else []
        crash += mistakes.hidden_delta_crashes()[:1]
        got = call(
            fn,
            (case.thetas, case.X, case.y, case.lam),
            ("thetas", "X", "y", "lam"),
            crash=crash,
            case=case.label,
            signature="(thetas, X, y, lam=0.0)",
        )
        want = backprop(case.thetas, case.X, case.y, case.lam)
        L = len(want) + 1
        if not isinstance(got, (list, tuple)) or len(got) != len(want):
            what = f"{len(got)} item(s)" if isinstance(got, (list, tuple)) else short(got)
            hint = "Return one D^(l) per Θ^(l), in the same order, each of the same shape."
            if isinstance(got, (list, tuple)) and 0 < len(got) < len(want):
                hint = (
                    f"This network has L = {L} layers, so {L - 1} weight matrices. Does your code "
                    "handle a fixed number of layers? Loop over the layers instead."
                )
            stop(
                f"for {case.label}, expected a list of {len(want)} gradient matrices [D^(1), ..., "
                f"D^({len(want)})], got {what}",
                hint,
                mistakes.BACKPROP_FIX,
            )
        shapes, want_shapes = [np.shape(g) for g in got], [w.shape for w in want]
        if shapes != want_shapes and shapes == want_shapes[::-1]:
            stop(
                f"for {case.label}, your list is in reverse order: its shapes {shapes} are those "
                f"of [D^({len(want)}), ..., D^(1)]",
                "The backward pass meets D^(L−1) first, but the list must start with D^(1), like "
                "thetas.",
                "Fill D[l - 1] for layer l (or reverse the list before returning).",
            )
        table = once(lambda case=case: mistakes.backprop_table(case))
        name_list_mistake(got, want, table, lambda l: f"D^({l}) for {case.label}")
        for l, (g, w) in enumerate(zip(got, want), start=1):
            rows = layer_of(table, l)
            compare(
                g,
                w,
                f"D^({l}) for {case.label}",
                rows,
                hint="Compare each step with the algorithm: δ^(L), the δ recursion, Δ^(l), then "
                "D^(l) with its 1/n and the penalty for j ≠ 0.",
                more=mistakes.BACKPROP_FIX,
                shape_hint=_d_shape_hint(case.thetas[l - 1]),
            )
    return passed(
        check_backprop.__name__,
        "every D^(l) matches ∂J/∂Θ^(l) on 4 networks"
        + (", with λ = 0 and λ = 0.7." if regularised else " (λ = 0)."),
    )
