"""Checkers for training: one gradient-descent step, and a whole run of full-batch gradient descent."""

from __future__ import annotations

import numpy as np

from ..network import backprop, cost
from ..training import train
from ._base import LearnerError, call, call_and_watch, checker, close, compare, failed, fmt, passed
from ._cases import network_cases


def _as_theta_list(name, got, want, what):
    """The learner's answer as a list of matrices shaped like ``want``, or stop with a failure saying what came."""
    if got is None:
        raise LearnerError(failed(name, f"{what} returned None",
                                  "Your function computes something but does not `return` it."))
    if isinstance(got, np.ndarray) or not isinstance(got, (list, tuple)):
        raise LearnerError(failed(name, f"{what} returned a {type(got).__name__}, expected a list "
                                        f"[Θ^(1), ..., Θ^({len(want)})]",
                                  "Return one updated matrix per layer: [theta - alpha * D_l for ...]."))
    if len(got) != len(want):
        raise LearnerError(failed(name, f"{what} returned {len(got)} matrices, expected {len(want)}",
                                  "One Θ^(l) per weight matrix of the network, in the same order."))
    return list(got)


@checker
def check_gradient_step(fn):
    """Check ``fn(thetas, X, y, alpha, lam)`` returns [Θ^(l) − α D^(l)] with D = backprop(thetas, X, y, lam)."""
    name = "check_gradient_step"
    cases = [(c, alpha) for c in network_cases() + network_cases(lam=0.7) for alpha in (0.5,)]
    cases[1] = (cases[1][0], 2.0)                              # one case with α > 1, so α and 1/α differ
    in_place = False
    for case, alpha in cases:
        what = f"gradient_step for {case.label}, α = {alpha:g}"
        got, changed = call_and_watch(name, fn, case.thetas, case.X, case.y, alpha, case.lam,
                                      error_hint=_list_arithmetic_hint)
        in_place = in_place or changed
        got = _as_theta_list(name, got, case.thetas, what)
        D = backprop(case.thetas, case.X, case.y, case.lam)
        D0 = backprop(case.thetas, case.X, case.y, 0.0)
        n = case.X.shape[0]
        rerun = _layer_by_layer(case.thetas, case.X, case.y, alpha, case.lam)
        for l, (g, theta, D_l, D0_l) in enumerate(zip(got, case.thetas, D, D0), start=1):
            diagnoses = [
                (theta + alpha * D_l, "you stepped uphill (Θ + α D).",
                 "D^(l) points uphill, the way J grows: subtract it, Θ^(l) − α D^(l)."),
                (theta - D_l, "the learning rate α is missing.", "Scale the gradient: Θ^(l) − α D^(l)."),
                (-alpha * D_l, "you returned the change −α D^(l), not the new weights.",
                 "Return Θ^(l) − α D^(l): the old weights plus the change."),
                (D_l, "you returned the gradient D^(l), not the new weights.",
                 "Return Θ^(l) − α D^(l)."),
                (theta - alpha / D_l if np.all(D_l != 0) else theta, "you divided by the gradient.",
                 "Multiply: Θ^(l) − α · D^(l)."),
            ]
            if n > 1:
                diagnoses.append((theta - alpha * D_l / n, "you divided the gradient by n again.",
                                  "D^(l) is already averaged over the n instances: Θ^(l) − α D^(l), no extra / n."))
            if l > 1:
                diagnoses.append((rerun[l - 1], f"Θ^({l}) was stepped with a gradient from a second backprop, "
                                                f"run after Θ^(1) had already changed.",
                                  "Call nn.backprop once, before changing any layer, and update every layer "
                                  "from that same list D."))
            if case.lam > 0:
                diagnoses.append((theta - alpha * D0_l, "λ was not passed on to backprop.",
                                  "Call nn.backprop(thetas, X, y, lam): the step uses the regularised gradient."))
                diagnoses.append((theta - alpha * (D0_l + case.lam * theta),
                                  "the bias column got the regularisation term λΘ too.",
                                  "nn.backprop(thetas, X, y, lam) already adds λΘ^(l), to every column but the "
                                  "bias column 0; use its D^(l) as it is."))
                diagnoses.append((theta - alpha * (D_l + case.lam * theta),
                                  "λΘ was added on top of nn.backprop's D^(l), which already contains it "
                                  "(and the bias column got it too).",
                                  "Use D^(l) from nn.backprop(thetas, X, y, lam) as it is: Θ^(l) − α D^(l)."))
            compare(name, g, theta - alpha * D_l, f"Θ^({l}) after the step ({case.label}, α = {alpha:g})",
                    diagnoses=diagnoses, hint="D = nn.backprop(thetas, X, y, lam); then Θ^(l) − α D^(l) for each l.")
    note = ([] if not in_place else
            ["A note, not a mistake: your function also changed the matrices it was given (in place, e.g. `-=`), "
             "so the caller's thetas change too. Building a new list leaves them untouched."])
    return passed(name, "Θ^(l) ← Θ^(l) − α D^(l) is right on 4 networks, with λ = 0 and λ = 0.7.", note)


def _list_arithmetic_hint(exc):
    """The hint for arithmetic on the whole list of matrices at once (thetas - alpha * D), else None."""
    text = str(exc)
    if (isinstance(exc, TypeError) and ("sequence" in text or "'list'" in text or "'tuple'" in text)) \
            or "inhomogeneous" in text:
        return ("thetas and D are lists of matrices of different shapes, so numpy cannot do them in one go: "
                "loop over the layers, [theta - alpha * D_l for theta, D_l in zip(thetas, D)].")
    return None


def _layer_by_layer(thetas, X, y, alpha, lam):
    """The mistake of re-running backprop after each layer's update: layer l sees the already-updated layers."""
    thetas = [t.copy() for t in thetas]
    for l in range(len(thetas)):
        thetas[l] = thetas[l] - alpha * backprop(thetas, X, y, lam)[l]
    return thetas


def _per_instance(thetas, X, y, alpha, lam, epochs):
    """The mistake of one step per instance (stochastic updates): history and final weights."""
    history = []
    for _ in range(epochs):
        history.append(cost(thetas, X, y, lam))
        for i in range(X.shape[0]):
            D = backprop(thetas, X[i:i + 1], y[i:i + 1], lam)
            thetas = [t - alpha * d for t, d in zip(thetas, D)]
    return thetas, history


def _training_cases():
    """Tiny problems: XOR on [2, 3, 1], and a regularised [3, 4, 3] with one-hot targets."""
    xor_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    xor_y = np.array([0, 1, 1, 0])
    c = network_cases(lam=0.1)[2]
    xor_thetas = [t * 0.5 for t in network_cases()[1].thetas]
    return [("XOR, layer_sizes [2, 3, 1], λ = 0", xor_thetas, xor_X, xor_y, 2.0, 0.0, 30),
            (c.label, [t * 0.5 for t in c.thetas], c.X, c.y, 0.5, c.lam, 20)]


def _looks_like_thetas(obj, n_layers):
    return isinstance(obj, (list, tuple)) and len(obj) == n_layers and all(
        isinstance(t, np.ndarray) and t.ndim == 2 for t in obj)


def _split(name, got, what, n_layers):
    """The learner's (thetas, history) pair, or stop with a failure saying what came back instead."""
    if got is None:
        raise LearnerError(failed(name, f"{what} returned None",
                                  "End with `return thetas, history`."))
    if isinstance(got, (list, tuple)) and len(got) == n_layers and all(
            isinstance(t, np.ndarray) and t.ndim == 2 for t in got):
        raise LearnerError(failed(name, f"{what} returned only the weights",
                                  "Return both: `return thetas, history`, with history the list of costs."))
    if isinstance(got, (list, tuple)) and len(got) == 2 and _looks_like_thetas(got[1], n_layers) \
            and not _looks_like_thetas(got[0], n_layers):
        raise LearnerError(failed(name, f"{what} returned (history, thetas): the pair is the other way round",
                                  "Return (thetas, history) in that order: `return thetas, history`."))
    if not isinstance(got, (list, tuple)) or len(got) != 2:
        raise LearnerError(failed(name, f"{what} returned a {type(got).__name__}, expected the pair (thetas, history)",
                                  "End with `return thetas, history`."))
    return got


def _costs_along(thetas, X, y, alpha, lam, epochs, cost_lam):
    """J with ``cost_lam`` at the start of each epoch of the correct run (regularised steps with ``lam``)."""
    history = []
    for _ in range(epochs):
        history.append(cost(thetas, X, y, cost_lam))
        thetas = [t - alpha * d for t, d in zip(thetas, backprop(thetas, X, y, lam))]
    return history


@checker
def check_training_loop(fn):
    """Check ``fn(thetas, X, y, alpha, lam, epochs)`` returns (thetas, history) equal to nn.train from that start.

    history[e] must be J(Θ) at the weights step e starts from, as in ``train``.
    """
    name = "check_training_loop"
    for label, thetas, X, y, alpha, lam, epochs in _training_cases():
        what = f"your loop on {label} ({epochs} epochs, α = {alpha:g})"
        got_thetas, history = _split(name, call(name, fn, thetas, X, y, alpha, lam, epochs), what, len(thetas))
        ref = train(X, y, [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas], alpha=alpha, lam=lam,
                    epochs=epochs, initial_thetas=thetas)
        try:
            hist = np.asarray([float(np.asarray(J, dtype=np.float64).reshape(())) for J in history])
        except (TypeError, ValueError):
            raise LearnerError(failed(name, f"history from {what} is not a list of numbers",
                                      "Append one number per epoch: history.append(nn.cost(thetas, X, y, lam)).")) from None
        want = np.asarray(ref.history)
        J_end = cost(ref.thetas, X, y, lam)
        if hist.size != epochs:
            raise LearnerError(failed(name, f"history has {hist.size} entries after {epochs} epochs, expected {epochs}",
                                      "Append exactly one cost per epoch, inside the loop, before the step."))
        per_thetas, per_hist = _per_instance(thetas, X, y, alpha, lam, epochs)
        if hist.size == epochs and close(hist, per_hist):
            raise LearnerError(failed(name, "your loop takes one step per instance (n steps per epoch)",
                                      "The deck adds Δ up over all n instances and takes one step per epoch: "
                                      "D = nn.backprop(thetas, X, y, lam) on the whole X, then one update."))
        if hist.size > 1 and np.allclose(hist, hist[0], rtol=1e-12, atol=0):
            raise LearnerError(failed(name, f"the cost never changes ({fmt(hist[0])} every epoch)",
                                      "Assign the new weights back: thetas = [theta - alpha * D_l ...] "
                                      "inside the loop, so the next epoch starts from them."))
        if hist[-1] > hist[0]:
            raise LearnerError(failed(name, f"the cost went up, from {fmt(hist[0])} to {fmt(hist[-1])}",
                                      "Step downhill: Θ^(l) − α D^(l), not +."))
        if close(hist, np.append(want[1:], J_end)):
            raise LearnerError(failed(name, "each cost is recorded after its step, one epoch late",
                                      "Record J(Θ) at the top of the loop, before the step, as nn.train does."))
        diagnoses = []
        if lam > 0:
            diagnoses.append((_costs_along(thetas, X, y, alpha, lam, epochs, cost_lam=0.0),
                              "the costs in history leave out the regularisation term (λ = 0 in nn.cost).",
                              "Record the regularised cost: history.append(nn.cost(thetas, X, y, lam))."))
        compare(name, hist, want, f"history for {label}", diagnoses=diagnoses,
                hint="history[e] = J(Θ) before step e: nn.cost(thetas, X, y, lam) at the top of the loop.")
        got_list = _as_theta_list(name, got_thetas, ref.thetas, what)
        for l, (g, w) in enumerate(zip(got_list, ref.thetas), start=1):
            compare(name, g, w, f"the final Θ^({l}) for {label}",
                    hint="Each epoch: D = nn.backprop(thetas, X, y, lam); thetas = [Θ − α D for each layer].")
    return passed(name, "your loop gives nn.train's weights and cost history on XOR and on a regularised "
                        "3-class network; the cost falls every run.")
