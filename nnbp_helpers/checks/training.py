"""Checkers for training: one gradient-descent step, and a whole run of full-batch gradient descent."""

from __future__ import annotations

import numpy as np

from ..network import backprop, cost
from ..training import train
from ._base import LearnerError, call, checker, close, compare, failed, fmt, passed
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
    for case, alpha in cases:
        what = f"gradient_step for {case.label}, α = {alpha:g}"
        got = _as_theta_list(name, call(name, fn, case.thetas, case.X, case.y, alpha, case.lam),
                             case.thetas, what)
        D = backprop(case.thetas, case.X, case.y, case.lam)
        D0 = backprop(case.thetas, case.X, case.y, 0.0)
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
            if case.lam > 0:
                diagnoses.append((theta - alpha * D0_l, "λ was not passed on to backprop.",
                                  "Call nn.backprop(thetas, X, y, lam): the step uses the regularised gradient."))
            compare(name, g, theta - alpha * D_l, f"Θ^({l}) after the step ({case.label}, α = {alpha:g})",
                    diagnoses=diagnoses, hint="D = nn.backprop(thetas, X, y, lam); then Θ^(l) − α D^(l) for each l.")
    return passed(name, "Θ^(l) ← Θ^(l) − α D^(l) is right on 4 networks, with λ = 0 and λ = 0.7.")


def _training_cases():
    """Tiny problems: XOR on [2, 3, 1], and a regularised [3, 4, 3] with one-hot targets."""
    xor_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    xor_y = np.array([0, 1, 1, 0])
    c = network_cases(lam=0.1)[2]
    xor_thetas = [t * 0.5 for t in network_cases()[1].thetas]
    return [("XOR, layer_sizes [2, 3, 1], λ = 0", xor_thetas, xor_X, xor_y, 2.0, 0.0, 30),
            (c.label, [t * 0.5 for t in c.thetas], c.X, c.y, 0.5, c.lam, 20)]


def _split(name, got, what, n_layers):
    """The learner's (thetas, history) pair, or stop with a failure saying what came back instead."""
    if got is None:
        raise LearnerError(failed(name, f"{what} returned None",
                                  "End with `return thetas, history`."))
    if isinstance(got, (list, tuple)) and len(got) == n_layers and all(
            isinstance(t, np.ndarray) and t.ndim == 2 for t in got):
        raise LearnerError(failed(name, f"{what} returned only the weights",
                                  "Return both: `return thetas, history`, with history the list of costs."))
    if not isinstance(got, (list, tuple)) or len(got) != 2:
        raise LearnerError(failed(name, f"{what} returned a {type(got).__name__}, expected the pair (thetas, history)",
                                  "End with `return thetas, history`."))
    return got


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
        compare(name, hist, want, f"history for {label}",
                hint="history[e] = J(Θ) before step e: nn.cost(thetas, X, y, lam) at the top of the loop.")
        got_list = _as_theta_list(name, got_thetas, ref.thetas, what)
        for l, (g, w) in enumerate(zip(got_list, ref.thetas), start=1):
            compare(name, g, w, f"the final Θ^({l}) for {label}",
                    hint="Each epoch: D = nn.backprop(thetas, X, y, lam); thetas = [Θ − α D for each layer].")
    return passed(name, "your loop gives nn.train's weights and cost history on XOR and on a regularised "
                        "3-class network; the cost falls every run.")
