"""Checkers for notebook 01 (δ as blame): a δ by hand, the most blamed node, one blame step."""

from __future__ import annotations

import numpy as np

from ..blame import blame_shares, deck_example
from . import _mistakes as mistakes
from ._base import (
    as_number,
    as_whole_number,
    call,
    checker,
    compare,
    judge_typed_number,
    passed,
    stop,
)
from ._cases import network_cases


def _deck_split():
    return blame_shares(*deck_example())


@checker
def check_delta_by_hand(answer):
    """Check the learner's δ_1^(2) of the deck example, worked out by hand from the diagram's
    numbers.

    A typed answer is judged at the precision it is written with: 0.089 or 0.0891 passes; 0.09 is
    δ_1^(2) rounded to two decimals, but so is a classic slip (g' applied to a, 0.0902), so it asks
    for one more digit rather than guessing.
    """
    name = check_delta_by_hand.__name__
    got = as_number(answer, "answer")
    split = _deck_split()
    want = float(split.delta[2][0])
    judge_typed_number(
        got,
        answer,
        want,
        mistakes.delta_by_hand_table(split),
        "δ_1^(2)",
        hint="Three steps: the two shares that reach node 1 of layer 2, their sum, × g'. Keep "
        "three decimals.",
        more=mistakes.BY_HAND_FIX,
        keep="three significant figures (0.0xyz)",
    )
    return passed(
        name,
        f"δ_1^(2) = (Θ_11^(2) δ_1^(3) + Θ_21^(2) δ_2^(3)) × a_1^(2)(1 − a_1^(2)) ≈ {want:.4f}. "
        "Blame from both nodes of layer 3 is added, then scaled by g'.",
    )


@checker
def check_most_blamed(most_raw_share, most_delta):
    """Check the prediction of which node of layer 3 gets the larger raw share and the larger
    δ^(3)."""
    name = check_most_blamed.__name__
    s = _deck_split()
    raw_winner = int(np.argmax(np.abs(s.sums[3]))) + 1
    delta_winner = int(np.argmax(np.abs(s.delta[3]))) + 1
    answers = {}
    for what, value in (("most_raw_share", most_raw_share), ("most_delta", most_delta)):
        if value is None:
            stop(
                f"not attempted yet ({what} is still None)",
                "Write 1 or 2: the number of the node of layer 3.",
            )
        node = as_whole_number(value, what)
        if node not in (1, 2):
            stop(
                f"{what} = {node}; expected the node number, 1 or 2",
                "Nodes are numbered from the top of layer 3: a_1^(3) is 1, a_2^(3) is 2.",
            )
        answers[what] = node
    th3, a3 = s.thetas[2][0], s.a[3]
    if answers["most_raw_share"] != raw_winner:
        stop(
            f"node {answers['most_raw_share']} does not get the larger raw share",
            "Both shares split the same δ_1^(4): only the weights differ. Compare |Θ_11^(3)| and "
            "|Θ_12^(3)|.",
            f"|Θ_11^(3)| = {abs(th3[1]):.1f}, |Θ_12^(3)| = {abs(th3[2]):.1f}: the stronger "
            "connection takes more blame.",
        )
    if answers["most_delta"] != delta_winner:
        stop(
            f"node {answers['most_delta']} has the larger raw share but not the larger δ^(3)",
            "Connection strength is only half the story (the deck's slide leaves g' out): look at "
            "a^(3) of each node and at g' = a(1 − a).",
            f"Node 2 is nearly saturated (a_2^(3) ≈ {a3[1]:.3f}), so g' = a(1 − a) ≈ "
            f"{a3[1] * (1 - a3[1]):.3f}, against {a3[0] * (1 - a3[0]):.3f} for node 1.",
        )
    return passed(
        name,
        f"node {raw_winner} gets the larger share (stronger weight), but node {delta_winner} ends "
        "with the larger δ: g'(z) = a(1 − a) is tiny for the saturated node (a_2^(3) ≈ "
        f"{a3[1]:.3f}). A saturated node passes little blame on.",
    )


def _blame_step_cases():
    s = _deck_split()
    cases = [
        ("Θ^(2) of the deck example", s.thetas[1], s.delta[3], s.a[2]),
        ("Θ^(3) of the deck example", s.thetas[2], s.delta[4], s.a[3]),
    ]
    for c in network_cases():
        sp = blame_shares(c.thetas, c.X[0], c.y[0])
        l = sp.L - 1
        cases.append(
            (f"Θ^({l}) of {c.label.split(',')[0]}", sp.thetas[l - 1], sp.delta[l + 1], sp.a[l])
        )
    return cases


BLAME_STEP_FIX = (
    "shares = theta[:, 1:] * delta_next[:, None]    # shares[i, j] = Θ_ij δ_i; column 0 (bias) "
    "dropped\nreturn shares.sum(axis=0) * a * (1 - a)         # add up over i, then × g'(z) = a(1 "
    "− a)\n# the same as (theta[:, 1:].T @ delta_next) * a * (1 - a)"
)


@checker
def check_blame_step(fn):
    """Check ``fn(theta, delta_next, a)`` = δ^(l) = (Σ_i Θ_ij δ_i^(l+1)) a_j (1 − a_j), bias row
    dropped, for one instance: ``delta_next`` (s_{l+1},), ``a`` (s_l,), result (s_l,)."""
    crash = [
        mistakes.hidden_delta_crashes()[0],
        (
            lambda exc, line: any(w in str(exc) for w in ("broadcast", "shapes", "matmul")),
            "If the shapes clash: theta has s_l + 1 columns but a has s_l. Which column is the "
            "bias unit's, which takes no blame?",
            BLAME_STEP_FIX,
        ),
    ]
    for label, theta, delta_next, a in _blame_step_cases():
        got = call(
            fn,
            (theta, delta_next, a),
            ("theta", "delta_next", "a"),
            case=label,
            crash=crash,
            signature="(theta, delta_next, a)",
        )
        compare(
            got,
            (theta[:, 1:].T @ delta_next) * a * (1 - a),
            f"δ for {label}",
            mistakes.blame_step_table(theta, delta_next, a),
            hint="Three steps: the shares Θ_ij δ_i, their sum for each j (leave out the bias), × "
            "a_j (1 − a_j).",
            more=BLAME_STEP_FIX,
        )
    return passed(
        check_blame_step.__name__,
        "δ^(l) = (Θ^(l)ᵀ δ^(l+1) without the bias row) .* a(1 − a) is right on the deck example "
        "and 4 more networks.",
    )
