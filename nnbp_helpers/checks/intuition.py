"""Checkers for notebook 01 (δ as blame): a δ by hand, which node takes the most blame, one blame step."""

from __future__ import annotations

import numbers

import numpy as np

from ..blame import blame_shares, deck_example
from ..network import sigmoid, sigmoid_gradient
from ._base import LearnerError, call, checker, compare, failed, passed
from ._cases import network_cases


def _deck_split():
    return blame_shares(*deck_example())


def _as_number(name, value, what):
    if value is None:
        raise LearnerError(failed(name, f"not attempted yet ({what} is still None)",
                                  "Replace None with your number, run the cell, then this one."))
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.ndarray)):
        raise LearnerError(failed(name, f"{what} is a {type(value).__name__}, not a number",
                                  "Write the number itself, e.g. 0.25 (no quotes)."))
    arr = np.asarray(value, dtype=np.float64)
    if arr.size != 1 or not np.isfinite(arr).all():
        raise LearnerError(failed(name, f"{what} should be one finite number, got {arr!r}",
                                  "Write a single number such as 0.123."))
    return float(arr.reshape(()))


@checker
def check_delta_by_hand(answer):
    """Check the learner's δ_1^(2) of the deck example, worked out by hand from the diagram's numbers."""
    name = "check_delta_by_hand"
    got = _as_number(name, answer, "answer")
    s = _deck_split()
    th2, d3, a2, g2 = s.thetas[1], s.delta[3], s.a[2], s.gprime[2]
    want = float(s.delta[2][0])
    raw = float(s.sums[2][0])
    wrong = [
        (raw, "that is the sum of the shares before × g'(z_1^(2)) (the deck's slide stops there).",
         f"Multiply the sum by g'(z_1^(2)) = a_1^(2)(1 − a_1^(2)) = {a2[0]:.3f} × {1 - a2[0]:.3f}."),
        (-want, "the sign is flipped.",
         "δ^(4) = a^(4) − y (not y − a): with the cost's minus sign the output error is a − y."),
        (th2[0, 1] * d3[0] * g2[0], "only the share from node 1 of layer 3 is there.",
         "Node 1 of layer 2 feeds both nodes of layer 3: add Θ_11^(2) δ_1^(3) and Θ_21^(2) δ_2^(3)."),
        (th2[1, 1] * d3[1] * g2[0], "only the share from node 2 of layer 3 is there.",
         "Node 1 of layer 2 feeds both nodes of layer 3: add Θ_11^(2) δ_1^(3) and Θ_21^(2) δ_2^(3)."),
        ((th2[0, 1] * d3[0] + th2[0, 2] * d3[1]) * g2[0], "you used Θ_11^(2) and Θ_12^(2) (a row of Θ^(2)).",
         "Blame flows back along the edges that leave node 1 of layer 2: Θ_11^(2) and Θ_21^(2) "
         "(column j = 1 of Θ^(2), i.e. (Θ^(2))ᵀ δ^(3))."),
        (raw * a2[0], "you multiplied by a_1^(2) instead of g' = a_1^(2)(1 − a_1^(2)).",
         "g'(z) = a(1 − a): multiply by a_1^(2) and by (1 − a_1^(2))."),
        (raw * float(sigmoid_gradient(a2[0])), "you used g'(a) = g(a)(1 − g(a)), the sigmoid applied twice.",
         "The derivative is taken at z, and g(z) = a is known already: g'(z) = a(1 − a)."),
        ((th2[0, 1] * s.sums[3][0] + th2[1, 1] * s.sums[3][1]) * g2[0],
         "you used layer 3's sums Σ before × g', not its δ^(3).",
         "Split δ^(3) (the numbers in the δ boxes of layer 3), not the raw sums."),
    ]
    if abs(got - want) <= 5e-4:
        return passed(name, f"δ_1^(2) = (Θ_11^(2) δ_1^(3) + Θ_21^(2) δ_2^(3)) × a_1^(2)(1 − a_1^(2)) ≈ {want:.4f}. "
                            "Blame from both nodes of layer 3 is added, then scaled by g'.")
    for value, explanation, hint in wrong:
        if abs(got - float(value)) <= 3e-4:
            return failed(name, f"{got:.4g} is off: {explanation}", hint)
    return failed(name, f"{got:.4g} is not δ_1^(2)",
                  "Three steps: the two shares Θ_11^(2) δ_1^(3) and Θ_21^(2) δ_2^(3); their sum; "
                  "× a_1^(2)(1 − a_1^(2)). Keep three decimals.")


@checker
def check_most_blamed(most_raw_share, most_delta):
    """Check the prediction of which node of layer 3 gets the larger raw share and the larger δ^(3)."""
    name = "check_most_blamed"
    s = _deck_split()
    raw_winner = int(np.argmax(np.abs(s.sums[3]))) + 1
    delta_winner = int(np.argmax(np.abs(s.delta[3]))) + 1
    answers = {}
    for what, value in (("most_raw_share", most_raw_share), ("most_delta", most_delta)):
        if value is None:
            return failed(name, f"not attempted yet ({what} is still None)",
                          "Write 1 or 2: the number of the node of layer 3.")
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value not in (1, 2):
            return failed(name, f"{what} = {value!r}; expected the node number, 1 or 2",
                          "Nodes are numbered from the top of layer 3: a_1^(3) is 1, a_2^(3) is 2.")
        answers[what] = int(value)
    th3, a3 = s.thetas[2][0], s.a[3]
    if answers["most_raw_share"] != raw_winner:
        return failed(name, f"node {answers['most_raw_share']} does not get the larger raw share",
                      f"Both shares split the same δ_1^(4); the weights decide: |Θ_11^(3)| = {abs(th3[1]):.1f}, "
                      f"|Θ_12^(3)| = {abs(th3[2]):.1f}. The stronger connection takes more blame.")
    if answers["most_delta"] != delta_winner:
        return failed(name, f"node {answers['most_delta']} has the larger raw share but not the larger δ^(3)",
                      f"Connection strength is only half the story (the deck's slide leaves g' out). "
                      f"Node 2 is nearly saturated (a_2^(3) ≈ {a3[1]:.3f}), so g' = a(1 − a) ≈ "
                      f"{a3[1] * (1 - a3[1]):.3f}, against {a3[0] * (1 - a3[0]):.3f} for node 1.")
    return passed(name, f"node {raw_winner} gets the larger share (stronger weight), but node {delta_winner} "
                        f"ends with the larger δ: g'(z) = a(1 − a) is tiny for the saturated node "
                        f"(a_2^(3) ≈ {a3[1]:.3f}). A saturated node passes little blame on.")


def _blame_step_cases():
    s = _deck_split()
    cases = [("Θ^(2) of the deck example", s.thetas[1], s.delta[3], s.a[2]),
             ("Θ^(3) of the deck example", s.thetas[2], s.delta[4], s.a[3])]
    for c in network_cases():
        sp = blame_shares(c.thetas, c.X[0], c.y[0])
        l = sp.L - 1
        cases.append((f"Θ^({l}) of {c.label.split(',')[0]}", sp.thetas[l - 1], sp.delta[l + 1], sp.a[l]))
    return cases


@checker
def check_blame_step(fn):
    """Check ``fn(theta, delta_next, a)`` = δ^(l) = (Σ_i Θ_ij δ_i^(l+1)) a_j (1 − a_j), bias row dropped."""
    name = "check_blame_step"
    crash_hint = ("If the shapes clash: theta has s_l + 1 columns but a has s_l. Drop column 0 (the bias "
                  "unit, which takes no blame) with theta[:, 1:].")
    for label, theta, delta_next, a in _blame_step_cases():
        got = call(name, fn, theta, delta_next, a, case=label, error_hint=crash_hint)
        raw = theta[:, 1:].T @ delta_next
        want = raw * a * (1 - a)
        diagnoses = [
            (raw, "the sum of the shares is right but × g' is missing.",
             "Multiply elementwise by g'(z) = a * (1 - a)."),
            (-want, "the sign is flipped.", "Use Θ.T @ delta_next as it is; δ^(L) = a − y starts positive blame."),
            ((theta.T @ delta_next) * np.concatenate([[1.0], a * (1 - a)]),
             "the bias unit got a δ too (one entry too many).",
             "The bias unit a_0 = 1 has no input, so it takes no blame: use theta[:, 1:], dropping column 0."),
            (theta.T @ delta_next, "the bias row is kept and × g' is missing.",
             "Drop column 0 of Θ (the bias) and multiply by a * (1 - a)."),
            (raw * a, "you multiplied by a instead of a(1 − a).", "g'(z) = a * (1 - a)."),
            (raw * sigmoid_gradient(a), "you used sigmoid_gradient(a): that is g'(a), not g'(z).",
             "a = g(z) is known already, so g'(z) = a * (1 - a)."),
            (raw * sigmoid(a), "you multiplied by g(a).", "g'(z) = a * (1 - a)."),
        ]
        if theta.shape[0] == theta.shape[1] - 1:
            diagnoses.append(((theta[:, 1:] @ delta_next) * a * (1 - a),
                              "Θ is not transposed: you sent blame along Θ_ji instead of Θ_ij.",
                              "Node j collects Θ_ij δ_i over i: that is theta[:, 1:].T @ delta_next."))
        compare(name, got, want, f"δ for {label}", diagnoses=diagnoses,
                hint="δ^(l) = (theta[:, 1:].T @ delta_next) * a * (1 - a).")
    return passed(name, "δ^(l) = (Θ^(l)ᵀ δ^(l+1) without the bias row) .* a(1 − a) is right on the deck "
                        "example and 4 more networks.")
