"""Checkers for backpropagation: one hidden δ step for a batch, and the list of gradients D^(l)."""

from __future__ import annotations

import inspect

import numpy as np

from .. import backprop, deltas, forward
from . import _mistakes as mistakes
from ._base import call, checker, compare, layer_of, name_list_mistake, once, passed, short, stop
from ._cases import network_cases


def _hidden_delta_cases():
    """(label, Θ^(l), δ^(l+1), a^(l), δ^(l)) for every hidden layer of the shared test networks.

    Cases whose n, s_l, s_l + 1 and s_{l+1} all differ come first (δ^(3) of the deck's L = 4
    network: n = 6, s_l = 3, s_l + 1 = 4, s_{l+1} = 2), so a wrong axis or the slide's column-vector
    form cannot broadcast silently and every wrong shape names one mistake; the degenerate ones (n =
    1 or s_{l+1} = 1) come last.
    """
    out = []
    for case in network_cases():
        fp = forward(case.thetas, case.X)
        d = deltas(case.thetas, case.X, case.y)
        for l in range(fp.L - 1, 1, -1):
            out.append((f"δ^({l}) of {case.label}", case.thetas[l - 1], d[l + 1], fp.a[l], d[l]))

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


@checker
def check_hidden_delta(fn):
    """Check ``fn(theta, delta_next, a)`` = δ^(l) = ((Θ^(l))ᵀ δ^(l+1))_{no bias row} .* a^(l) .* (1
    − a^(l)).

    Arguments as in a batch with one instance per row: ``theta`` Θ^(l) (s_{l+1}, s_l + 1),
    ``delta_next`` δ^(l+1) (n, s_{l+1}), ``a`` a^(l) without the bias column (n, s_l); result (n,
    s_l).
    """
    cases = _hidden_delta_cases()
    crash = mistakes.hidden_delta_crashes(_first_parameter(fn, "theta")) if callable(fn) else []
    for label, theta, delta_next, a, want in cases:
        got = call(
            fn,
            (theta, delta_next, a),
            ("theta", "delta_next", "a"),
            crash=crash,
            case=label,
            signature="(theta, delta_next, a)",
        )
        compare(
            got,
            want,
            label,
            mistakes.hidden_delta_table(theta, delta_next, a),
            hint="Three steps to compare with the formula: send δ^(l+1) back through Θ^(l), leave "
            "out the bias, multiply by g'(z^(l)).",
            more=mistakes.HIDDEN_DELTA_FIX,
        )
    return passed(
        check_hidden_delta.__name__,
        f"δ^(l) is right for {len(cases)} hidden layers (both hidden layers of the deck's L = 4, "
        "batches with K = 3 and K = 1, one instance).",
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
