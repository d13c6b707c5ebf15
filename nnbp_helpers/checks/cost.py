"""Checkers for the cost function J(Θ) and the one-hot targets it compares h with."""

from __future__ import annotations

import numpy as np

from .. import _validate as v
from ..network import cost, forward
from ._base import call, checker, compare, passed
from ._cases import network_cases, saturated_case


def _cost_variant(case, sign=1.0, average=True, reg_bias=False, reg_scale="half"):
    """J computed with one classic mistake (naive log(h): only for unsaturated cases)."""
    h = forward(case.thetas, case.X).h
    n = case.X.shape[0]
    Y = v.check_targets(case.y, n, h.shape[1])
    data = -sign * np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h))
    data = data / n if average else data
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


@checker
def check_cost(fn, regularised=True, saturation=False):
    """Check ``fn(thetas, X, y, lam)`` = J(Θ) on several networks.

    ``regularised=False`` checks only λ = 0; ``saturation=True`` also demands a finite, exact J when
    |z^(L)| is in the hundreds (the stable form from z rather than log(h)).
    """
    name = "check_cost"
    cases = network_cases() + (network_cases(lam=0.7) if regularised else [])
    for case in cases:
        got = call(name, fn, case.thetas, case.X, case.y, case.lam, case=case.label)
        compare(name, got, cost(case.thetas, case.X, case.y, case.lam), f"J for {case.label}",
                diagnoses=_diagnoses(case),
                hint="Turn labels into one-hot rows Y first, then J = −(1/n) Σ_i Σ_k [Y log h + (1 − Y) log(1 − h)]"
                     + (" + (λ/2) Σ Θ² over the non-bias columns." if case.lam else "."))
    done = "J matches on 4 networks" + (" with λ = 0 and λ = 0.7" if regularised else " (λ = 0)")
    if saturation:
        case = saturated_case()
        got = call(name, fn, case.thetas, case.X, case.y, case.lam, case=case.label)
        compare(name, got, cost(case.thetas, case.X, case.y), f"J for {case.label}",
                hint="At saturation h rounds to exactly 0 or 1 and log(0) = −inf. Work from z = z^(L): "
                     "−log g(z) = log(1 + e^(−z)) = np.logaddexp(0, −z) and −log(1 − g(z)) = np.logaddexp(0, z).")
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
