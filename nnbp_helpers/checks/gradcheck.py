"""Checkers for gradient checking: the numerical gradient, notebook 05's predictions (how many
evaluations of J gradApprox makes, what the relative difference says, which layers a bug spoils)
and its planted-bug hunt."""

from __future__ import annotations

import numpy as np

from .. import numerical_gradient
from ..exercises import EXERCISE_MATRICES
from . import _mistakes as mistakes
from ._base import (
    as_number,
    as_whole_number,
    call,
    changed_input,
    checker,
    compare,
    current,
    decimals_given,
    failed,
    passed,
    short,
    stop,
)

# The answer to Exercise 5.5, kept with its checker rather than in nnbp_helpers.exercises, where the
# learner looks for the bug: suspect_backprop regularises D^(2), ..., D^(L−1) but never D^(1).
PLANTED_BUG_LAYER = 1


def _f(vec):
    """A test function with a known gradient: f(θ) = Σ sin(θ_p) + 0.5 θ·θ + θ_0 θ_1."""
    return float(np.sum(np.sin(vec)) + 0.5 * vec @ vec + vec[0] * vec[1])


@checker
def check_numerical_gradient(fn):
    """Check ``fn(f, vec, epsilon=1e-4)`` returns gradApprox_p = (f(θ + ε e_p) − f(θ − ε e_p)) /
    (2ε).

    ``vec`` must come back as it was given. Changing it and putting each entry back is fine; if the
    entries come back off by rounding only (θ_p + ε − ε need not be exactly θ_p), the check passes
    with a note.
    """
    for vec, eps in [
        (np.array([0.3, -1.2, 2.0]), 1e-4),
        (np.linspace(-1, 1, 7), 1e-3),
        (np.array([0.5, 0.25]), 1e-2),
    ]:
        case = f"θ = {np.round(vec, 3)}, ε = {eps:g}"
        calls = []

        def f(theta):
            calls.append(1)
            return _f(theta)

        kept = []
        got = call(
            fn,
            (f, vec),
            ("f", "vec"),
            keywords={"epsilon": eps},
            may_change=("vec",),
            keep=kept,
            case=case,
            signature="(f, vec, epsilon=1e-4)",
        )
        after = kept[1]
        if (
            isinstance(after, np.ndarray)
            and after.shape == vec.shape
            and not np.array_equal(after, vec)
        ):
            drift = float(np.max(np.abs(after - vec)))
            if drift <= 1e-12 * max(1.0, float(np.max(np.abs(vec)))):
                current().note(
                    f"your function leaves the caller's vec off by up to {drift:.1e} (rounding: "
                    "θ_p + ε − ε need not give θ_p back exactly). Harmless here; saving old = "
                    "theta[p] and putting it back avoids it."
                )
            else:
                changed_input("vec", vec, after, case)
        compare(
            got,
            numerical_gradient(_f, vec, eps),
            f"gradApprox for {case}",
            mistakes.numerical_gradient_table(_f, vec, eps),
            rtol=1e-8,
            atol=1e-10,
            hint="Check the formula piece by piece: which entry moves, by how much, both sides, "
            "the divisor.",
            more=mistakes.NUMERICAL_GRADIENT_FIX,
        )
        if len(calls) > 2 * vec.size + 1:
            stop(
                f"f was called {len(calls)} times for {vec.size} parameters",
                "Two calls per parameter are enough: f(θ + ε e_p) and f(θ − ε e_p).",
                mistakes.NUMERICAL_GRADIENT_FIX,
            )
    return passed(
        check_numerical_gradient.__name__,
        "your two-sided differences match on three vectors and three step sizes (2 calls of f per "
        "parameter).",
    )


# --- predictions ------------------------------------------------------------------------
# Each asks for a number (or a set of layers) before the cell that shows it runs.

COUNT_SIZES, COUNT_N = [10, 8, 3], 50  # Exercise 5.2: the first network of notebook 05's step 4


@checker
def check_gradapprox_count(n_evaluations):
    """Check the prediction of how many times gradApprox evaluates J for layer sizes [10, 8, 3] and
    50 instances: 2P = 230."""
    name = check_gradapprox_count.__name__
    count = as_whole_number(n_evaluations, "n_evaluations")
    pairs = list(zip(COUNT_SIZES[:-1], COUNT_SIZES[1:]))
    P = sum(s_next * (s + 1) for s, s_next in pairs)
    if count == 2 * P:
        terms = " + ".join(f"{s_next}·{s + 1}" for s, s_next in pairs)
        return passed(
            name,
            f"2P = {2 * P}: J(θ + ε e_p) and J(θ − ε e_p) for each of the P = {terms} = {P} "
            f"weights; one evaluation of J covers all {COUNT_N} instances.",
        )
    for value, mistake in mistakes.gradapprox_count_table(COUNT_SIZES, COUNT_N):
        if count == value:
            stop(f"n_evaluations = {count}: {mistake.explanation}", mistake.hint, mistake.more)
    stop(
        f"n_evaluations = {count} is not the count",
        "Two steps: how many values of J one entry gradApprox_p needs, and how many entries (one "
        "per weight, bias weights included) there are.",
        "P = Σ_l s_{l+1} (s_l + 1): the entries of every Θ^(l).",
    )


@checker
def check_double_gradient(answer):
    """Check the prediction of the relative difference when DVec = 2 gradApprox: 1/3 (0.33, 0.333
    and 1 / 3 all pass)."""
    name = check_double_gradient.__name__
    got = as_number(answer, "predicted_rd")
    decimals = decimals_given(answer)
    # judged at the precision typed: 0.33 and 0.333 pass, 0.338 does not; a computed 1/3 passes
    typed = 0.5 * 10.0**-decimals + 1e-12 if decimals is not None and decimals >= 2 else 5e-4
    if abs(got - 1 / 3) <= max(typed, 5e-4):
        return passed(
            name,
            "‖2g − g‖ / ‖2g + g‖ = ‖g‖ / (3 ‖g‖) = 1/3, whatever g is: a gradient off by a factor "
            "of 2 anywhere gives 0.33, nowhere near 1e-7.",
        )
    if decimals is not None and decimals <= 1 and abs(got - 1 / 3) < 0.05:
        stop(
            f"predicted_rd = {got:g} is close, but too rounded to tell",
            "Give two decimals, or the exact fraction (an expression such as 2 / 7 is fine).",
        )
    for value, mistake in mistakes.double_gradient_table():
        if abs(got - value) <= 0.005 * max(1.0, abs(value)):
            stop(f"predicted_rd = {got:g}: {mistake.explanation}", mistake.hint, mistake.more)
    stop(
        f"predicted_rd = {got:.4g} is not the relative difference",
        "Write DVec − gradApprox and DVec + gradApprox as multiples of gradApprox, then their "
        "norms: ‖c g‖ = |c| ‖g‖.",
        mistakes.DOUBLE_GRADIENT_WHY,
    )


def _layer_set(value, what):
    """A learner's set of layer numbers ({1, 2}, [1, 2], (1, 2), np.array([1, 2]), or one number)
    as a Python set of ints, or stop."""
    if value is None:
        stop(
            f"not attempted yet ({what} is still None)",
            "Replace None with the layer numbers l of the D^(l) you expect to fail, e.g. {3} or "
            "{1, 3}.",
        )
    if type(value) in (str, bytes):
        stop(
            f"{what} is text ({short(value)}), not layer numbers",
            "Write the numbers themselves, without quotes: e.g. {1, 3}.",
        )
    items = value if isinstance(value, (set, frozenset, list, tuple, np.ndarray)) else [value]
    items = list(items) if isinstance(value, (set, frozenset)) else items
    if any(isinstance(x, (bool, np.bool_)) for x in items):
        stop(
            f"{what} holds True or False, not only layer numbers",
            "Write the layer numbers l themselves: e.g. {1, 3}.",
        )
    try:
        items = np.asarray(items)
    except ValueError:  # ragged, such as [1, [2]]
        items = np.asarray([[]])
    if items.ndim > 1 or (items.size and items.dtype.kind not in "iuf"):
        stop(
            f"{what} = {short(value)} is not a set of layer numbers",
            "Write the layer numbers l in braces: e.g. {1, 3}.",
        )
    return {as_whole_number(x, f"each layer number in {what}") for x in items.tolist()}


@checker
def check_bug_layers(layers):
    """Check the prediction of which D^(l) of notebook 05's [4, 5, 5, 3] network a backprop that
    forgets g' in the hidden δ step gets wrong: {1, 2} (a set, list, tuple or array)."""
    name = check_bug_layers.__name__
    got = _layer_set(layers, "wrong_layers")
    if got == mistakes.NO_GPRIME_LAYERS:
        return passed(
            name,
            "D^(1) and D^(2): the hidden δ step makes δ^(3) and δ^(2), and D^(2) uses δ^(3), D^(1) "
            "uses δ^(2). D^(3) uses only δ^(4) = a^(4) − y, which the step never touches: it "
            "stays right. The cells below show it.",
        )
    outside = sorted(x for x in got if not 1 <= x <= 3)
    shown = "{" + ", ".join(map(str, sorted(got))) + "}" if got else "an empty set"
    for value, mistake in mistakes.no_gprime_layers_table():
        if got == value:
            stop(f"wrong_layers = {shown}: {mistake.explanation}", mistake.hint, mistake.more)
    if outside:
        stop(
            f"there is no D^({outside[0]}): the network [4, 5, 5, 3] has D^(1), D^(2) and D^(3)",
            "Layers count from 1; L = 4 layers have L − 1 = 3 weight matrices.",
        )
    stop(
        f"wrong_layers = {shown} is not what the check will show",
        "Which δ's does the hidden δ step make, and which D^(l) uses each? D^(l) is built from "
        "δ^(l+1).",
        mistakes.NO_GPRIME_WHY,
    )


# --- the planted bug ------------------------------------------------------------------
# For the exercise "use the check to find the bug": find it with a gradient check before reading on.


@checker
def check_planted_bug(bad_layer):
    """Check ``bad_layer``: the deck's l of the one D^(l) that ``suspect_backprop`` gets wrong."""
    name = check_planted_bug.__name__
    if bad_layer is None:
        return failed(
            name,
            "not attempted yet (bad_layer is still None)",
            "Compare suspect_backprop's D^(l) with gradApprox layer by layer, and set bad_layer to "
            "the l whose relative difference is large.",
        )
    number = as_number(bad_layer, "bad_layer")
    if not float(number).is_integer():
        return failed(
            name,
            f"bad_layer should be a whole number l (as in D^(l)), got {number:g}",
            "Write e.g. bad_layer = 2 for D^(2).",
        )
    bad_layer = int(number)
    if bad_layer == PLANTED_BUG_LAYER:
        return passed(
            name,
            "yes: D^(1) is wrong, and only when λ > 0. suspect_backprop adds λ Θ in `for l in "
            "range(1, len(thetas))`, which mixes the deck's layer numbers with Python's list "
            "indices: it regularises thetas[1], thetas[2], ... and skips thetas[0] = Θ^(1).",
        )
    if bad_layer == PLANTED_BUG_LAYER - 1:
        return failed(
            name,
            "bad_layer = 0 is a Python list index, not a layer number",
            "The deck numbers the matrices Θ^(1), Θ^(2), ...; D^(l) is D[l - 1] in the list.",
        )
    if bad_layer < 1:
        return failed(
            name,
            f"there is no D^({bad_layer}): the matrices are D^(1), ..., D^(L−1)",
            "Layers are numbered from 1; the first weight matrix is Θ^(1).",
        )
    if bad_layer > EXERCISE_MATRICES:
        return failed(
            name,
            f"there is no D^({bad_layer}): this network has D^(1)…D^({EXERCISE_MATRICES})",
            "The exercise's network [4, 5, 5, 3] has L = 4 layers, so L − 1 = 3 weight matrices; "
            "set bad_layer to one of 1, 2, 3.",
        )
    return failed(
        name,
        f"D^({bad_layer}) is not the one",
        "Compute the relative difference separately for each D^(l), with every option the training "
        "will use.",
        more="If every layer agrees, use λ > 0: a check only tests the code that runs, and some "
        "code only runs when λ ≠ 0.",
    )
