"""Checker for backpropagation: the list of gradients D^(l)."""

from __future__ import annotations

import numpy as np

from .. import _validate as v
from ..network import backprop, deltas, forward, sigmoid_gradient
from ._base import LearnerError, call, checker, compare, failed, passed
from ._cases import network_cases


def _backprop_variant(case, use_gprime=True, reg_bias=False, average=True, reg_scale=1.0, sign=1.0,
                      gprime_of_a=False):
    """D^(l) computed with one classic mistake, to name it when a learner makes it."""
    thetas, X = case.thetas, case.X
    fp = forward(thetas, X)
    n, L = X.shape[0], fp.L
    Y = v.check_targets(case.y, n, thetas[-1].shape[0])
    d = {L: sign * (fp.a[L] - Y)}
    for l in range(L - 1, 1, -1):
        a = fp.a[l]
        if gprime_of_a:                # g applied twice: sigmoid_gradient(a^(l)) instead of a (1 − a)
            factor = sigmoid_gradient(a)
        else:
            factor = a * (1 - a) if use_gprime else 1.0
        d[l] = (d[l + 1] @ thetas[l - 1][:, 1:]) * factor
    out = []
    for l, theta in enumerate(thetas, start=1):
        a_b = np.hstack([np.ones((n, 1)), fp.a[l]])
        D = d[l + 1].T @ a_b / (n if average else 1)
        reg = case.lam * reg_scale * theta
        if not reg_bias:
            reg[:, 0] = 0
        out.append(D + reg)
    return out


@checker
def check_backprop(fn, regularised=True):
    """Check ``fn(thetas, X, y, lam)`` returns [D^(1), ..., D^(L−1)] equal to ∂J/∂Θ^(l) on several networks."""
    name = "check_backprop"
    cases = network_cases() + (network_cases(lam=0.7) if regularised else [])
    for case in cases:
        # a learner who always one-hot encodes y crashes on the case whose y is already a target matrix
        targets_hint = ("y may already be an (n, K) target matrix; use it as Y (one-hot encode only labels "
                        "of shape (n,))." if np.ndim(case.y) == 2 else None)
        got = call(name, fn, case.thetas, case.X, case.y, case.lam, error_hint=targets_hint, case=case.label)
        want = backprop(case.thetas, case.X, case.y, case.lam)
        if not isinstance(got, (list, tuple)) or len(got) != len(want):
            what = f"{len(got)} item(s)" if isinstance(got, (list, tuple)) else f"a {type(got).__name__}"
            raise LearnerError(failed(name, f"for {case.label}, expected a list of {len(want)} gradient "
                                            f"matrices [D^(1), ..., D^({len(want)})], got {what}",
                                      "Return one D^(l) per Θ^(l), in the same order, each of the same shape."))
        shapes, want_shapes = [np.shape(g) for g in got], [w.shape for w in want]
        if shapes != want_shapes and shapes == want_shapes[::-1]:
            raise LearnerError(failed(name, f"for {case.label}, your list is in reverse order: its shapes "
                                            f"{shapes} are those of [D^({len(want)}), ..., D^(1)]",
                                      "The backward pass meets D^(L−1) first, but the list must start with "
                                      "D^(1), like thetas: fill D[l - 1] (or reverse the list before returning)."))
        n = case.X.shape[0]
        variants = {
            "gprime": (_backprop_variant(case, use_gprime=False), "the hidden δ is missing the factor g'(z).",
                       "δ^(l) = ((Θ^(l))ᵀ δ^(l+1) without the bias row) .* a^(l) .* (1 − a^(l))."),
            "gprime_of_a": (_backprop_variant(case, gprime_of_a=True),
                            "g' was applied to a^(l) rather than to z^(l) in the hidden δ.",
                            "a^(l) is already g(z^(l)), so g'(z^(l)) = a * (1 - a); "
                            "sigmoid_gradient(a) would apply g twice."),
            "sign": (_backprop_variant(case, sign=-1.0), "the sign is flipped.",
                     "δ^(L) = a^(L) − y (output minus target), not y − a^(L)."),
            "average": (_backprop_variant(case, average=False), f"Δ is not divided by n = {n}.",
                        "D^(l) = (1/n) Δ^(l) (+ λ Θ for j ≠ 0): average over the instances."),
        }
        if case.lam > 0:
            variants["reg_bias"] = (_backprop_variant(case, reg_bias=True), "the bias column is regularised.",
                                    "Add λ Θ_ij only for j ≠ 0: leave column 0 of D^(l) as (1/n) Δ.")
            variants["reg_n"] = (_backprop_variant(case, reg_scale=1.0 / n), "the penalty uses (λ/n) Θ (Ng's convention).",
                                 "With J's penalty written as (λ/2) Σ Θ², its gradient is λ Θ (no 1/n).")
            variants["no_reg"] = (_backprop_variant(case, reg_scale=0.0), "the regularisation term is missing.",
                                  "Add λ Θ^(l) to every column except column 0.")
        for l, (g, w) in enumerate(zip(got, want), start=1):
            diagnoses = [(var[l - 1], expl, hint) for var, expl, hint in variants.values()]
            compare(name, g, w, f"D^({l}) for {case.label}", diagnoses=diagnoses,
                    hint="δ^(L) = a^(L) − y; δ^(l) = (δ^(l+1) @ Θ^(l)[:, 1:]) * a(1 − a); "
                         "D^(l) = δ^(l+1)ᵀ [1, a^(l)] / n, plus λ Θ for j ≠ 0.")
    return passed(name, "every D^(l) matches ∂J/∂Θ^(l) on 4 networks"
                        + (", with λ = 0 and λ = 0.7." if regularised else " (λ = 0)."))


def _hidden_delta_cases():
    """(label, Θ^(l), δ^(l+1), a^(l), δ^(l)) for every hidden layer of the shared test networks.

    Cases whose n, s_l, s_l + 1 and s_{l+1} all differ come first (δ^(3) of the deck's L = 4 network: n = 6,
    s_l = 3, s_l + 1 = 4, s_{l+1} = 2), so a wrong axis or the slide's column-vector form cannot broadcast
    silently and every wrong shape names one mistake; the degenerate ones (n = 1 or s_{l+1} = 1) come last.
    """
    out = []
    for case in network_cases():
        thetas = case.thetas
        fp = forward(thetas, case.X)
        d = deltas(thetas, case.X, case.y)
        for l in range(fp.L - 1, 1, -1):
            out.append((f"δ^({l}) of {case.label}", thetas[l - 1], d[l + 1], fp.a[l], d[l]))

    def order(item):
        n, s_l = item[3].shape
        s_next = item[2].shape[1]
        return len({n, s_l, s_l + 1, s_next}) < 4, min(n, s_next) < 2
    return sorted(out, key=order)


@checker
def check_hidden_delta(fn):
    """Check ``fn(theta, delta_next, a)`` = δ^(l) = ((Θ^(l))ᵀ δ^(l+1))_{no bias row} .* a^(l) .* (1 − a^(l)).

    Arguments as in a batch with one instance per row: ``theta`` Θ^(l) (s_{l+1}, s_l + 1),
    ``delta_next`` δ^(l+1) (n, s_{l+1}), ``a`` a^(l) without the bias column (n, s_l); result (n, s_l).
    """
    name = "check_hidden_delta"
    cases = _hidden_delta_cases()
    crash_hint = ("delta_next @ theta has s_l + 1 columns but a has s_l: drop the bias column, theta[:, 1:]. "
                  "(With rows as instances the slide's (Θ^(l))ᵀ δ^(l+1) is delta_next @ theta, "
                  "not theta.T @ delta_next.)")
    # used for wrong shapes only, where the two are joined: "<explanation> <hint>"
    column_form = ("it looks like the column-vector form from the slide (one column per instance);",
                   "with rows as instances use delta_next @ theta[:, 1:], then multiply by a * (1 - a): "
                   "the result is (n, s_l), like a.")
    for label, theta, delta_next, a, want in cases:
        got = call(name, fn, theta, delta_next, a, error_hint=crash_hint, case=label)
        # (n, s_l + 1): still holds the bias column
        back = delta_next @ theta
        s_l, n = a.shape[1], a.shape[0]
        # shapes only (the values are not compared): (s_l, n) as from (Θᵀ δᵀ)[1:] .* aᵀ .* (1 − aᵀ),
        # (s_l, s_l) as from (Θᵀ δᵀ)[1:] @ (a .* (1 − a)); never for n = s_l, where they would be (n, s_l)
        slide_shapes = [(np.zeros(shape), *column_form) for shape in ((s_l, n), (s_l, s_l)) if n != s_l]
        compare(name, got, want, label, diagnoses=slide_shapes + [
            (back[:, 1:], "the factor g'(z^(l)) is missing.",
             "Multiply elementwise by g'(z^(l)) = a^(l) .* (1 − a^(l)) after sending the blame back."),
            (back * np.hstack([np.ones((a.shape[0], 1)), a]) * (1 - np.hstack([np.ones((a.shape[0], 1)), a])),
             "it still has the bias row: one column too many.",
             "The bias unit a_0 = 1 has no z, so no δ: drop column 0 of Θ^(l) (theta[:, 1:]) before multiplying."),
            (back.T, "it looks like the slide's column-vector form (Θ^(l))ᵀ δ^(l+1), with instances as columns.",
             "Here each instance is a row, so (Θ^(l))ᵀ δ^(l+1) becomes delta_next @ theta (then drop column 0)."),
            (back[:, :-1] * a * (1 - a), "the wrong column of Θ^(l) was dropped (the last instead of the first).",
             "Column 0 of Θ^(l) multiplies the bias: use theta[:, 1:], not theta[:, :-1]."),
            (back[:, 1:] * sigmoid_gradient(a), "g' was applied to a^(l) rather than to z^(l).",
             "a^(l) is already g(z^(l)), so g'(z^(l)) = a * (1 - a); sigmoid_gradient(a) would apply g twice."),
            (back[:, 1:] * a, "the factor is a^(l), not a^(l) .* (1 − a^(l)).",
             "g'(z^(l)) = a^(l) .* (1 − a^(l)): multiply by a * (1 - a)."),
        ], hint="With one instance per row, (Θ^(l))ᵀ δ^(l+1) is delta_next @ theta; "
                "then drop the bias column and multiply by a * (1 - a): "
                "(delta_next @ theta[:, 1:]) * a * (1 - a).")
    return passed(name, f"δ^(l) is right for {len(cases)} hidden layers "
                        "(both hidden layers of the deck's L = 4, batches with K = 3 and K = 1, one instance).")
