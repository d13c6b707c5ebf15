"""Checkers for training: one gradient-descent step, and a whole full-batch training run."""

from __future__ import annotations

import numpy as np

from .. import backprop, train
from . import _mistakes as mistakes
from ._base import (
    as_array,
    call,
    checker,
    close,
    compare,
    fmt,
    layer_of,
    low_precision,
    name_list_mistake,
    once,
    passed,
    short,
    stop,
)
from ._cases import network_cases


def _as_theta_list(got, want, what):
    """The learner's answer as a list of matrices shaped like ``want``, or stop with a failure
    saying what came."""
    if got is None:
        stop(f"{what} returned None", "Your function computes something but does not `return` it.")
    if not isinstance(got, (list, tuple)):
        stop(
            f"{what} returned {short(got)}, expected a list [Θ^(1), ..., Θ^({len(want)})]",
            "Return one updated matrix per layer, as a list.",
            mistakes.STEP_FIX,
        )
    if len(got) != len(want):
        stop(
            f"{what} returned {len(got)} matrices, expected {len(want)}",
            "One Θ^(l) per weight matrix of the network, in the same order.",
            mistakes.STEP_FIX,
        )
    return list(got)


def _list_arithmetic(exc, line):
    """Arithmetic on the whole list of matrices at once (thetas - alpha * D)."""
    text = str(exc)
    return (
        isinstance(exc, TypeError) and ("sequence" in text or "'list'" in text or "'tuple'" in text)
    ) or "inhomogeneous" in text


_STEP_CRASHES = [
    (
        _list_arithmetic,
        "thetas and D are lists of matrices of different shapes, so numpy cannot do them in one "
        "go: work layer by layer.",
        "[theta - alpha * D_l for theta, D_l in zip(thetas, D)]",
    )
]


@checker
def check_gradient_step(fn):
    """Check ``fn(thetas, X, y, alpha, lam)`` returns [Θ^(l) − α D^(l)] with D = backprop(thetas, X,
    y, lam).

    The caller's ``thetas`` must stay as they were: the step returns new matrices (an update in
    place would change the caller's starting weights, so running a cell again starts from trained
    weights).
    """
    cases = [(c, 0.5) for c in network_cases() + network_cases(lam=0.7)]
    cases[1] = (cases[1][0], 2.0)  # one case with α > 1, so α and 1/α differ
    for case, alpha in cases:
        what = f"gradient_step for {case.label}, α = {alpha:g}"
        got = call(
            fn,
            (case.thetas, case.X, case.y, alpha, case.lam),
            ("thetas", "X", "y", "alpha", "lam"),
            crash=_STEP_CRASHES,
            case=f"{case.label}, α = {alpha:g}",
            signature="(thetas, X, y, alpha, lam)",
        )
        got = _as_theta_list(got, case.thetas, what)
        D = backprop(case.thetas, case.X, case.y, case.lam)
        table = once(
            lambda case=case, alpha=alpha: mistakes.gradient_step_table(
                case.thetas, case.X, case.y, alpha, case.lam, backprop
            )
        )
        name_list_mistake(
            got,
            [t - alpha * d for t, d in zip(case.thetas, D)],
            table,
            lambda l: f"Θ^({l}) after the step ({case.label}, α = {alpha:g})",
        )
        for l, (g, theta, D_l) in enumerate(zip(got, case.thetas, D), start=1):
            rows = layer_of(table, l)
            compare(
                g,
                theta - alpha * D_l,
                f"Θ^({l}) after the step ({case.label}, α = {alpha:g})",
                rows,
                hint="Compare with step 6 of the deck: every layer moves by α times its D^(l), "
                "downhill.",
                more=mistakes.STEP_FIX,
            )
    return passed(
        check_gradient_step.__name__,
        "Θ^(l) ← Θ^(l) − α D^(l) is right on 4 networks, with λ = 0 and λ = 0.7.",
    )


def _training_cases():
    """Tiny problems: XOR on [2, 3, 1], and a regularised [3, 4, 3] with one-hot targets."""
    xor_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    xor_y = np.array([0, 1, 1, 0])
    c = network_cases(lam=0.1)[2]
    xor_thetas = [t * 0.5 for t in network_cases()[1].thetas]
    return [
        ("XOR, layer_sizes [2, 3, 1], λ = 0", xor_thetas, xor_X, xor_y, 2.0, 0.0, 30),
        (c.label, [t * 0.5 for t in c.thetas], c.X, c.y, 0.5, c.lam, 20),
    ]


def _looks_like_thetas(obj, n_layers):
    return (
        isinstance(obj, (list, tuple))
        and len(obj) == n_layers
        and all(isinstance(t, np.ndarray) and t.ndim == 2 for t in obj)
    )


def _split(got, what, n_layers):
    """The learner's (thetas, history) pair, or stop with a failure saying what came back
    instead."""
    if got is None:
        stop(f"{what} returned None", "End with `return thetas, history`.")
    if _looks_like_thetas(got, n_layers):
        stop(
            f"{what} returned only the weights",
            "Return both: `return thetas, history`, with history the list of costs.",
        )
    if (
        isinstance(got, (list, tuple))
        and len(got) == 2
        and _looks_like_thetas(got[1], n_layers)
        and not _looks_like_thetas(got[0], n_layers)
    ):
        stop(
            f"{what} returned (history, thetas): the pair is the other way round",
            "Return (thetas, history) in that order: `return thetas, history`.",
        )
    if not isinstance(got, (list, tuple)) or len(got) != 2:
        stop(
            f"{what} returned {short(got)}, expected the pair (thetas, history)",
            "End with `return thetas, history`.",
        )
    return got


def _history(history, what):
    if not isinstance(history, (list, tuple, np.ndarray)):
        stop(
            f"history from {what} is {short(history)}, not a list of numbers",
            "Append one number per epoch: history.append(nn.cost(thetas, X, y, lam)).",
        )
    values = []
    for J in history:
        arr = as_array(J, f"an entry of history from {what}")
        if arr.size != 1:
            stop(
                f"an entry of history from {what} has shape {arr.shape}, not one number",
                "Append J itself, one number per epoch.",
            )
        values.append(float(arr.reshape(())))
    return np.asarray(values)


@checker
def check_training_loop(fn):
    """Check ``fn(thetas, X, y, alpha, lam, epochs)`` returns (thetas, history) equal to nn.train
    from that start.

    history[e] must be J(Θ) at the weights step e starts from, as in ``train``. The caller's
    ``thetas`` must stay as they were (the loop builds new matrices).
    """
    for label, thetas, X, y, alpha, lam, epochs in _training_cases():
        what = f"your loop on {label} ({epochs} epochs, α = {alpha:g})"
        got = call(
            fn,
            (thetas, X, y, alpha, lam, epochs),
            ("thetas", "X", "y", "alpha", "lam", "epochs"),
            crash=_STEP_CRASHES,
            case=label,
            signature="(thetas, X, y, alpha, lam, epochs)",
        )
        got_thetas, history = _split(got, what, len(thetas))
        hist = _history(history, what)
        sizes = [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]
        ref = train(X, y, sizes, alpha=alpha, lam=lam, epochs=epochs, initial_thetas=thetas)
        want = np.asarray(ref.history)
        got_list = _as_theta_list(got_thetas, ref.thetas, what)
        if hist.size != epochs:
            stop(
                f"history has {hist.size} entries after {epochs} epochs, expected {epochs}",
                "Append exactly one cost per epoch, inside the loop.",
                mistakes.LOOP_FIX,
            )
        # a whole run with one slip: name it when both the costs and the final weights match it
        right = close(hist, want) and all(
            np.shape(g) == np.shape(t) and close(as_array(g, "Θ"), t)
            for g, t in zip(got_list, ref.thetas)
        )
        table = [] if right else mistakes.training_table(thetas, X, y, alpha, lam, epochs, backprop)
        for (run_history, run_thetas), mistake in [(r, m) for r, m in table if r is not None]:
            if (
                close(hist, run_history)
                and not close(want, run_history)
                and all(
                    np.shape(g) == np.shape(t) and close(as_array(g, "Θ"), t)
                    for g, t in zip(got_list, run_thetas)
                )
            ):
                stop(f"{what}: {mistake.explanation}", mistake.hint, mistake.more)
        if hist.size > 1 and np.allclose(hist, hist[0], rtol=1e-12, atol=0):
            stop(
                f"the cost never changes ({fmt(hist[0])} every epoch)",
                "Does the next epoch start from the new weights? Look at what you assign.",
                mistakes.LOOP_FIX,
            )
        if hist[-1] > hist[0] and want[-1] < want[0]:
            stop(
                f"the cost went up, from {fmt(hist[0])} to {fmt(hist[-1])}",
                "Which way does each step go? D^(l) points uphill.",
                mistakes.LOOP_FIX,
            )
        precision = low_precision(got_thetas) or low_precision(history)
        compare(
            hist,
            want,
            f"history for {label}",
            precision=precision,
            hint="history[e] = J(Θ) at the weights epoch e starts from, with λ: compare each "
            "epoch's step and cost with the deck's loop.",
            more=mistakes.LOOP_FIX,
        )
        for l, (g, w) in enumerate(zip(got_list, ref.thetas), start=1):
            compare(
                g,
                w,
                f"the final Θ^({l}) for {label}",
                hint="The costs are right but the final weights are not: is the last step's "
                "result what you return?",
                more=mistakes.LOOP_FIX,
            )
    return passed(
        check_training_loop.__name__,
        "your loop gives nn.train's weights and cost history on XOR and on a regularised 3-class "
        "network; the cost falls every run.",
    )
