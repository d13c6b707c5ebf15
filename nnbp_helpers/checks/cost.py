"""Checkers for the cost J(Θ), a cost predicted by hand, the one-hot targets it compares h with, and
its derivative."""

from __future__ import annotations

import re

import numpy as np

from .. import cost, forward, sigmoid
from . import _mistakes as mistakes
from ._base import (
    LearnerError,
    as_number,
    call,
    calls,
    checker,
    compare,
    judge_typed_number,
    package_stand_in,
    passed,
    short,
    stop,
    with_globals,
)
from ._cases import network_cases, saturated_case
from .forward import check_forward, reference_forward

_STABLE = (
    "−log g(z) = softplus(−z) and −log(1 − g(z)) = softplus(z), so per unit the cost is "
    "softplus(z) − y z with softplus(z) = np.logaddexp(0, z), z = z^(L)"
)
_TARGETS_CRASH = mistakes.TARGETS_CRASH
_COST_CRASHES = [
    (
        lambda exc, line: any(w in str(exc) for w in ("broadcast", "shapes", "matmul", "index")),
        "If two shapes clash: " + mistakes.LABELS_HINT,
        "",
    ),
]


@checker
def check_cost(fn, regularised=True, saturation=False):
    """Check ``fn(thetas, X, y, lam)`` = J(Θ) on several networks.

    ``regularised=False`` checks only λ = 0; ``saturation=True`` also demands a finite, exact J when
    |z^(L)| is in the hundreds (the stable form from z rather than log(h)). A cost that fails only
    because it calls the learner's own ``forward`` (notebook 07), which fails its check, is told
    so: it passes with ``nn.forward(...).h`` in that forward's place.
    """
    try:
        return _check_cost(fn, regularised, saturation)
    except LearnerError:
        if not _fails_by_its_forward(fn, regularised, saturation):
            raise
        stop(
            "it calls your forward, which does not pass its check yet; with nn.forward(...).h in "
            "its place, your cost passes",
            'Fix your forward first (checks.check_forward("forward") says what is wrong); your '
            "cost itself needs no change.",
        )


def _fails_by_its_forward(fn, regularised, saturation) -> bool:
    """Whether the learner's cost ``fn`` calls a learner's function named ``forward`` that fails
    its check, and passes with the package's forward pass (its h) in that function's place."""
    mine = getattr(fn, "__globals__", {}).get("forward")
    names = calls(fn, mine)
    if not names or not callable(mine) or package_stand_in(mine, forward):
        return False
    if check_forward(mine).passed:
        return False
    try:
        _check_cost(
            with_globals(fn, dict.fromkeys(names, reference_forward)), regularised, saturation
        )
    except LearnerError:
        return False
    return True


def _check_cost(fn, regularised, saturation):
    """The checks of :func:`check_cost`: a NOT YET stops it with :class:`LearnerError`."""
    cases = network_cases() + (network_cases(lam=0.7) if regularised else [])
    for case in cases:
        crash = (_TARGETS_CRASH if np.ndim(case.y) == 2 else []) + _COST_CRASHES
        got = call(
            fn,
            (case.thetas, case.X, case.y, case.lam),
            ("thetas", "X", "y", "lam"),
            case=case.label,
            crash=crash,
            signature="(thetas, X, y, lam=0.0)",
        )
        penalty = " + (λ/2) Σ Θ² over the non-bias columns" if case.lam else ""
        if saturation:  # the exercise asks for the stable form: hint at that, not at log(h)
            hint = "Compare each term with the stable form of J, computed from z = z^(L)."
            more = (
                f"Turn labels into targets Y (n, K) first. {_STABLE}: J = (1/n) Σ_i Σ_k "
                f"[softplus(z) − Y z]{penalty}."
            )
        else:
            hint = (
                "Compare each part with the formula: the targets Y, the two logs, the sum, the "
                "1/n, the sign."
            )
            more = (
                "Y = one-hot targets (n, K); J = −(1/n) Σ_i Σ_k [Y log h + (1 − Y) log(1 − h)]"
                + penalty
                + ".\nIn code: -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / n"
            )
        table = mistakes.cost_table(case)
        if saturation:  # the stable form's own slips too
            table = table + mistakes.stable_cost_table(case)
        compare(
            got,
            cost(case.thetas, case.X, case.y, case.lam),
            f"J for {case.label}",
            table,
            hint=hint,
            more=more,
            shape_hint=mistakes.cost_shape_hint(case),
        )
    done = "J matches on 4 networks" + (" with λ = 0 and λ = 0.7" if regularised else " (λ = 0)")
    if saturation:
        case = saturated_case()
        got = call(
            fn,
            (case.thetas, case.X, case.y, case.lam),
            ("thetas", "X", "y", "lam"),
            case=case.label,
            crash=_COST_CRASHES,
            signature="(thetas, X, y, lam=0.0)",
        )
        compare(
            got,
            cost(case.thetas, case.X, case.y),
            f"J for {case.label}",
            hint="At saturation h rounds to exactly 0 or 1, and log(0) = −inf: work from z = "
            "z^(L), not h.",
            more=f"{_STABLE}; np.logaddexp never forms h, so it never takes log(0).",
            nonfinite_hint="At saturation h rounds to exactly 0 or 1, and log(0) = −inf: work "
            "from z = z^(L), not h (np.logaddexp gives softplus without overflow).",
            shape_hint=mistakes.cost_shape_hint(case),
        )
        done += ", and it stays exact when the output units saturate"
    return passed(check_cost.__name__, done + ".")


@checker
def check_confident_mistake(answer):
    """Check the prediction of J (λ = 0) for 4 instances: 3 answered right with h within 0.001 of
    the label, 1 with y = 1 answered h = 0.001. Leaving out the right ones' costs (about 0.001
    each) is fine: J ≈ 1.727 either way."""
    got = as_number(answer, "J_confident")
    want = float((-np.log(0.001) - 3 * np.log(0.999)) / 4)
    judge_typed_number(
        got,
        answer,
        want,
        mistakes.confident_mistake_table(),
        "J for these four answers",
        hint="Price each answer on its own: −log h for y = 1, −log(1 − h) for y = 0 (natural log); "
        "then J is their average.",
        more=mistakes.CONFIDENT_FIX,
        tol=2e-3,
        slip_tol=2e-3,
        keep="three decimals",
    )
    return passed(
        check_confident_mistake.__name__,
        f"J ≈ {want:.3f}: the one confident mistake costs −log(0.001) ≈ 6.91 by itself, and the "
        "three right answers almost nothing, so the average is about 6.91 / 4. That is more than "
        "the log 2 ≈ 0.693 of a network that answers 0.5 for everything, although this one is "
        "right on 3 of 4: J punishes being sure and wrong.",
    )


@checker
def check_one_hot(fn):
    """Check ``fn(y, K)`` turns labels y (n,) in 0..K−1 into one-hot targets Y (n, K): Y[i, y_i] =
    1, else 0."""
    for y, K in (
        ([0, 2, 1, 2], 3),
        ([1, 0, 0, 1, 1], 2),
        ([9, 0, 4], 10),
        ([0, 1, 1], 4),
        ([2], 3),
    ):
        y = np.array(y)
        got = call(fn, (y, K), ("y", "K"), signature="(y, K)")
        compare(
            got,
            np.eye(K)[y],
            f"one_hot({y.tolist()}, K={K})",
            mistakes.one_hot_table(y, K),
            shape_hint=lambda shape, n=len(y), K=K: (
                None,
                f"Y has one row per instance and one column per class: shape (n, K) = ({n}, {K}), "
                "each row a single 1 in the column of its label.",
                "Y = np.zeros((len(y), K)); Y[np.arange(len(y)), y] = 1.0   (or np.eye(K)[y])",
            ),
            hint="Row i is instance i: a single 1 in the column of its label y[i], 0 elsewhere.",
            more="Y = np.zeros((len(y), K)); Y[np.arange(len(y)), y] = 1.0   (or np.eye(K)[y])",
        )
    return passed(
        check_one_hot.__name__,
        "every label becomes a row with a single 1 in its class's column, shape (n, K), even when "
        "the batch misses some classes.",
    )


@checker
def check_dc_dz(fn):
    """Check ``fn(z, y)`` = dc/dz of c(z) = softplus(z) − y z, i.e. g(z) − y, elementwise (y = 0 or
    1)."""
    z = np.array([-30.0, -2.0, -0.5, 0.0, 0.8, 3.0, 30.0])
    for y in (1.0, 0.0, np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0])):
        label = f"y = {y:g}" if np.ndim(y) == 0 else "y an array of 0s and 1s"
        got = call(fn, (z, y), ("z", "y"), case=label, signature="(z, y)")
        what = f"dc_dz(z, y = {y:g})" if np.ndim(y) == 0 else "dc_dz(z, y) for y an array"
        compare(
            got,
            sigmoid(z) - y,
            what,
            mistakes.dc_dz_table(z, y),
            hint="Differentiate each of the two terms of softplus(z) − y z on its own.",
            more="softplus′(z) = e^z / (1 + e^z) = g(z), so c′(z) = g(z) − y (use nn.sigmoid).",
        )
    return passed(
        check_dc_dz.__name__,
        "c′(z) = g(z) − y = a − y: the stable cost's derivative is the deck's δ^(L).",
    )


_SIGN_CHOICES = {
    "a": "λ is too large",
    "b": "the minus sign in front of the data term is missing (the slide's log-likelihood)",
    "c": "the data term is summed over the instances instead of averaged",
    "d": "the bias column is regularised",
}
_LETTER = re.compile(r"^\(?\s*([a-d])\s*(?:[).:,]|$|\s)", re.IGNORECASE)


@checker(letter_answers=("mistake",))
def check_negative_cost(mistake):
    """Check the answer to "J = −0.35 after training: which mistake?" (one letter, a–d; "b", "(b)",
    "B" and "b) the minus sign" all answer b)."""
    name = check_negative_cost.__name__
    if mistake is None:
        stop(
            "not attempted yet (mistake is still None)",
            'Replace None with one letter in quotes, e.g. "a".',
        )
    found = _LETTER.match(mistake.strip()) if isinstance(mistake, str) else None
    if not found:
        stop(
            f"{short(mistake)} is not one of the choices",
            'Answer with one letter: "a", "b", "c" or "d".',
        )
    letter = found.group(1).lower()
    if letter == "b":
        return passed(
            name,
            "the minus sign was dropped. For h in (0, 1), log h < 0 and log(1 − h) < 0, so −[y log "
            "h + (1 − y) log(1 − h)] ≥ 0; the penalty (λ/2) Σ Θ² ≥ 0 too. A correct J is never "
            "negative, whatever λ.",
        )
    why = {
        "a": "A larger λ adds a larger penalty (λ/2) Σ Θ² ≥ 0: it can only raise J.",
        "c": "Summing instead of averaging changes the size of J (× n), not its sign.",
        "d": "Penalising the bias adds more squares (λ/2) Θ_i0² ≥ 0: it can only raise J.",
    }[letter]
    stop(
        f"({letter}) {_SIGN_CHOICES[letter]}: that cannot make J negative",
        why
        + " Which part of J could be negative? Look at the signs of log h and log(1 − h) for h in "
        "(0, 1).",
    )
