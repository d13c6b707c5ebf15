"""Checkers for the cost function J(Θ) and the one-hot targets it compares h with."""

from __future__ import annotations

import numpy as np

from .. import _validate as v
from ..network import cost, forward, sigmoid
from ._base import call, checker, compare, failed, passed
from ._cases import network_cases, saturated_case


def _cost_variant(case, sign=1.0, average=True, reg_bias=False, reg_scale="half", raw_labels=False,
                  mean_all=False):
    """J computed with one classic mistake (naive log(h): only for unsaturated cases).

    ``raw_labels``: labels y (n,) used as they are against h (n, 1), which broadcasts to (n, n).
    ``mean_all``: np.mean over the (n, K) matrix, i.e. divided by n·K instead of n.
    """
    h = forward(case.thetas, case.X).h
    n = case.X.shape[0]
    Y = np.asarray(case.y, dtype=float) if raw_labels else v.check_targets(case.y, n, h.shape[1])
    terms = Y * np.log(h) + (1 - Y) * np.log(1 - h)
    data = -sign * np.sum(terms)
    data = data / terms.size if mean_all else (data / n if average else data)
    start = 0 if reg_bias else 1
    sq = sum(np.sum(t[:, start:] ** 2) for t in case.thetas)
    scale = {"half": case.lam / 2, "half_n": case.lam / (2 * n), "full": case.lam}[reg_scale]
    return data + scale * sq


def _diagnoses(case):
    out = [
        (_cost_variant(case, sign=-1.0), "the sign is flipped (the deck's slide drops the minus).",
         "J(Θ) = −(1/n) Σ [y log h + (1 − y) log(1 − h)]: the logs are negative, so the minus makes J ≥ 0."),
        (_cost_variant(case, average=False), "it is summed over the instances, not averaged.",
         "Divide the data term by n, the number of rows of X."),
    ]
    K = case.thetas[-1].shape[0]
    if K > 1:
        out.append((_cost_variant(case, mean_all=True), "it is divided by n·K (np.mean over the (n, K) matrix).",
                    "J averages over the n instances but adds up the K output units: np.sum(...) / n, not np.mean(...)."))
    if K == 1 and np.ndim(case.y) == 1 and case.X.shape[0] > 1:
        out.append((_cost_variant(case, raw_labels=True),
                    "y has shape (n,) but h has (n, 1), so y * log(h) broadcast to an (n, n) matrix.",
                    _LABELS_HINT))
    if case.lam > 0:
        out += [
            (_cost_variant(case, reg_bias=True), "the bias column is regularised.",
             "Leave column 0 of each Θ^(l) out of the penalty: sum theta[:, 1:] ** 2."),
            (_cost_variant(case, reg_scale="half_n"), "the penalty uses λ/(2n) (Ng's convention).",
             "This series writes the penalty as (λ/2) Σ Θ², without dividing by n."),
            (_cost_variant(case, reg_scale="full"), "the penalty is missing the 1/2.",
             "The penalty is (λ/2) Σ_l Σ_i Σ_{j≥1} (Θ_ij^(l))²."),
            (_cost_variant(case, reg_scale="half") - case.lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in case.thetas),
             "the regularisation term is missing.", "Add (λ/2) times the sum of the squared non-bias weights."),
        ]
    return out


_LABELS_HINT = "Turn labels into targets first, Y = as_targets(y, h.shape[1]): shape (n, K), the same as h."
_STABLE = ("−log g(z) = softplus(−z) and −log(1 − g(z)) = softplus(z), so per unit the cost is "
           "softplus(z) − y z with softplus(z) = np.logaddexp(0, z), z = z^(L)")


@checker
def check_cost(fn, regularised=True, saturation=False):
    """Check ``fn(thetas, X, y, lam)`` = J(Θ) on several networks.

    ``regularised=False`` checks only λ = 0; ``saturation=True`` also demands a finite, exact J when
    |z^(L)| is in the hundreds (the stable form from z rather than log(h)).
    """
    name = "check_cost"
    cases = network_cases() + (network_cases(lam=0.7) if regularised else [])
    crash_hint = ("If two shapes clash: y may be labels (n,) while h is (n, K). " + _LABELS_HINT
                  + " Otherwise read the message above and fix the line it names.")
    for case in cases:
        got = call(name, fn, case.thetas, case.X, case.y, case.lam, case=case.label, error_hint=crash_hint)
        penalty = " + (λ/2) Σ Θ² over the non-bias columns" if case.lam else ""
        if saturation:   # the exercise asks for the stable form: hint at that, not at log(h)
            hint = (f"Turn labels into targets Y (n, K) first. {_STABLE}: J = (1/n) Σ_i Σ_k [softplus(z) − Y z]"
                    f"{penalty}.")
        else:
            hint = ("Turn labels into one-hot rows Y first, then J = −(1/n) Σ_i Σ_k [Y log h + (1 − Y) log(1 − h)]"
                    f"{penalty}.")
        compare(name, got, cost(case.thetas, case.X, case.y, case.lam), f"J for {case.label}",
                diagnoses=_diagnoses(case), hint=hint)
    done = "J matches on 4 networks" + (" with λ = 0 and λ = 0.7" if regularised else " (λ = 0)")
    if saturation:
        case = saturated_case()
        got = call(name, fn, case.thetas, case.X, case.y, case.lam, case=case.label, error_hint=crash_hint)
        compare(name, got, cost(case.thetas, case.X, case.y), f"J for {case.label}",
                hint=f"At saturation h rounds to exactly 0 or 1 and log(0) = −inf. Work from z = z^(L): {_STABLE}.")
        done += ", and it stays exact when the output units saturate"
    return passed(name, done + ".")


@checker
def check_one_hot(fn):
    """Check ``fn(y, K)`` turns labels y (n,) in 0..K−1 into one-hot targets Y (n, K): Y[i, y_i] = 1, else 0."""
    name = "check_one_hot"
    for y, K in (([0, 2, 1, 2], 3), ([1, 0, 0, 1, 1], 2), ([9, 0, 4], 10), ([0, 1, 1], 4), ([2], 3)):
        y = np.array(y)
        got = call(name, fn, y, K)
        want = np.eye(K)[y]
        compare(name, got, want, f"one_hot({y.tolist()}, K={K})", diagnoses=[
            (np.eye(K)[y].T, "it is transposed.", "One row per instance, one column per class: shape (n, K)."),
            (np.eye(K)[y - 1], "the 1s are one column to the left (labels treated as starting at 1).",
             "Labels here run from 0 to K − 1, so label k sets column k: Y[i, y[i]] = 1."),
            (np.eye(int(y.max()) + 1)[y], "K was taken from the largest label, not from the argument.",
             "A batch need not contain every class: use the K you are given, np.zeros((len(y), K))."),
        ], hint="Start from np.zeros((n, K)) and set Y[i, y[i]] = 1 for every row i (or use np.eye(K)[y]).")
    return passed(name, "every label becomes a row with a single 1 in its class's column, shape (n, K), "
                        "even when the batch misses some classes.")


@checker
def check_dc_dz(fn):
    """Check ``fn(z, y)`` = dc/dz of c(z) = softplus(z) − y z, i.e. g(z) − y, elementwise (y = 0 or 1)."""
    name = "check_dc_dz"
    z = np.array([-30.0, -2.0, -0.5, 0.0, 0.8, 3.0, 30.0])
    for y in (1.0, 0.0, np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0])):
        got = call(name, fn, z, y, case=f"y = {y:g}" if np.ndim(y) == 0 else "y an array of 0s and 1s")
        g = sigmoid(z)
        what = f"dc_dz(z, y = {y:g})" if np.ndim(y) == 0 else "dc_dz(z, y) for y an array"
        compare(name, got, g - y, what, diagnoses=[
            (y - g, "the sign is flipped.", "d/dz [softplus(z) − y z] = softplus′(z) − y: the y z term gives −y."),
            (g + 0 * z, "the − y is missing.", "The term − y z has derivative − y."),
            (g * (1 - g) - y, "softplus′(z) is not g′(z).",
             "softplus(z) = log(1 + e^z), so softplus′(z) = e^z / (1 + e^z) = g(z): one derivative, not two."),
            ((1 - g) - y, "you used g(−z) = 1 − g(z).",
             "softplus′(z) = e^z / (1 + e^z); divide top and bottom by e^z: 1 / (1 + e^(−z)) = g(z)."),
            (np.logaddexp(0.0, z) - y, "you returned softplus(z) − y: softplus is not differentiated.",
             "softplus′(z) = e^z / (1 + e^z) = g(z)."),
        ], hint="softplus′(z) = e^z / (1 + e^z) = g(z), so c′(z) = g(z) − y (use nn.sigmoid).")
    return passed(name, "c′(z) = g(z) − y = a − y: the stable cost's derivative is the deck's δ^(L).")


_SIGN_CHOICES = {
    "a": "λ is too large",
    "b": "the minus sign in front of the data term is missing (the slide's log-likelihood)",
    "c": "the data term is summed over the instances instead of averaged",
    "d": "the bias column is regularised",
}


@checker(letter_answers=("mistake",))
def check_negative_cost(mistake):
    """Check the answer to "J = −0.35 after training: which mistake?" (one letter, a–d)."""
    name = "check_negative_cost"
    if mistake is None:
        return failed(name, "not attempted yet (mistake is still None)",
                      "Replace None with one letter in quotes, e.g. \"a\".")
    letter = str(mistake).strip().lower().strip("()")
    if letter not in _SIGN_CHOICES:
        return failed(name, f"{mistake!r} is not one of the choices", "Answer with one letter: \"a\", \"b\", \"c\" or \"d\".")
    if letter == "b":
        return passed(name, "the minus sign was dropped. For h in (0, 1), log h < 0 and log(1 − h) < 0, so "
                            "−[y log h + (1 − y) log(1 − h)] ≥ 0; the penalty (λ/2) Σ Θ² ≥ 0 too. A correct J is never "
                            "negative, whatever λ.")
    why = {
        "a": "A larger λ adds a larger penalty (λ/2) Σ Θ² ≥ 0: it can only raise J.",
        "c": "Summing instead of averaging changes the size of J (× n), not its sign.",
        "d": "Penalising the bias adds more squares (λ/2) Θ_i0² ≥ 0: it can only raise J.",
    }[letter]
    return failed(name, f"({letter}) {_SIGN_CHOICES[letter]}: that cannot make J negative", why
                  + " Which part of J could be negative? Look at the signs of log h and log(1 − h) for h in (0, 1).")
