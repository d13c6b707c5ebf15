"""The capstone (notebook 07): the learner's own pieces, assembled and used as the deck's six steps
say.

:func:`your_network` gathers the learner's ``init_weights``, ``forward``, ``cost``, ``backprop`` and
``numerical_gradient``: each one that passes its checker is used, and each one that is missing or
broken is replaced by the package's reference, saying so, so the notebook always runs to the end.
:func:`check_your_network` runs the six steps on the learner's own code and says which fails first.
Where one piece fails only because it calls another of the learner's pieces that fails (a cost built
on a broken forward), or two pieces that pass their checks disagree in the gradient check, the
verdict says which piece to fix, found by putting the package's version in place of one piece at a
time (each step is run once per piece tried), or says that no single piece is to blame. A piece
that is the package's own function, or calls the package's function of the same role, is the
package's, not the learner's.
"""

from __future__ import annotations

import html
import inspect
import re
import sys
from dataclasses import dataclass, field

import numpy as np

from ..gradcheck import numerical_gradient as _nn_numerical_gradient
from ..gradcheck import relative_difference, roll, unroll
from ..network import backprop as _nn_backprop
from ..network import cost as _nn_cost
from ..network import forward as _nn_forward
from ..network import init_weights as _nn_init_weights
from ..training import train
from ._base import (
    CheckResult,
    LearnerError,
    call,
    calls,
    checker,
    failed,
    is_name,
    look_up,
    low_precision,
    package_stand_in,
    passed,
    with_globals,
)
from .backprop import check_backprop
from .cost import check_cost
from .forward import check_forward, check_init_weights, reference_forward
from .gradcheck import check_numerical_gradient


@dataclass(frozen=True)
class Piece:
    name: str  # the learner's function name
    step: int  # the deck's step that needs it
    exercise: str  # where notebook 07 asks for it
    written_in: str  # where the series first asks for it
    reference: object  # the package's stand-in, same interface
    reference_name: str
    package: object  # the package's function of the same role (a forward's is nn.forward)

    def check(self, fn) -> CheckResult:
        return _CHECKERS[self.name](fn)


PIECES = (
    Piece(
        "init_weights",
        1,
        "7.1",
        "notebook 07",
        _nn_init_weights,
        "nn.init_weights",
        _nn_init_weights,
    ),
    Piece("forward", 2, "7.2", "notebook 02", reference_forward, "nn.forward(...).h", _nn_forward),
    Piece("cost", 3, "7.3", "notebook 03", _nn_cost, "nn.cost", _nn_cost),
    Piece("backprop", 4, "7.4", "notebook 04", _nn_backprop, "nn.backprop", _nn_backprop),
    Piece(
        "numerical_gradient",
        5,
        "7.5",
        "notebook 05",
        _nn_numerical_gradient,
        "nn.numerical_gradient",
        _nn_numerical_gradient,
    ),
)
_PIECE = {p.name: p for p in PIECES}
_CHECKERS = {
    "init_weights": check_init_weights,
    "forward": check_forward,
    "cost": lambda fn: check_cost(fn, regularised=True),
    "backprop": lambda fn: check_backprop(fn, regularised=True),
    "numerical_gradient": check_numerical_gradient,
}
STEPS = {
    1: "initialise randomly",
    2: "forward propagation",
    3: "the cost J(Θ)",
    4: "backprop",
    5: "gradient checking (DVec ≈ gradApprox)",
    6: "gradient descent with your backprop",
}


class _Missing:
    """A name the notebook has not defined (yet)."""

    def __init__(self, name: str):
        self.name = name


def _look_up_pieces(given: dict):
    """Each piece as given, or, when given by name, what that name holds where the package was
    called from (the notebook); a name not defined there becomes a :class:`_Missing`. Also returns
    the names defined there (to recognise a piece pasted under its old name)."""
    frame = sys._getframe(1)
    while (
        frame is not None
        and frame.f_globals.get("__name__", "").split(".")[0] == __name__.split(".")[0]
    ):
        frame = frame.f_back
    out = {}
    for piece, value in given.items():
        if not is_name(value):
            out[piece] = value
            continue
        found, obj = look_up(frame, value) if frame is not None else (False, None)
        out[piece] = obj if found else _Missing(value)
    defined = set() if frame is None else set(frame.f_globals) | set(frame.f_locals)
    del frame
    return out, defined


# The names earlier notebooks gave these pieces (pasted as they were, they leave the stub in place).
_OLD_NAMES = {"cost": ("cost_reg", "cost_stable", "cost_unreg")}
# Helpers an earlier notebook asked for, which a pasted piece may call.
_HELPERS = {
    "one_hot": "notebook 03",
    "as_targets": "notebook 03",
    "hidden_delta": "notebook 04",
    "sigmoid_gradient": "notebook 02",
    "theta_shapes": "notebook 02",
    "gradient_step": "notebook 06",
}


def _and(items) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _first_line(result: CheckResult) -> str:
    return result.message.splitlines()[0] if result.message else ""


def _where(piece: Piece) -> str:
    """Where the learner puts ``piece``: "Exercise 7.4, your backprop from notebook 04"."""
    if piece.written_in == "notebook 07":
        return f"your {piece.name} in the cell of Exercise {piece.exercise}"
    return f"your {piece.name} from {piece.written_in} into the cell of Exercise {piece.exercise}"


def _verdict(piece: Piece, value, defined=frozenset()) -> CheckResult:
    """The checker's verdict on the learner's ``value`` for ``piece`` (a missing name is a verdict
    too), with a hint for the slips of pasting: nothing pasted yet, an old name, a helper left
    behind."""
    if isinstance(value, _Missing):
        return failed(
            piece.name,
            f"`{value.name}` is not defined yet: run the cell of Exercise "
            f"{piece.exercise} above first",
            f"Paste your {piece.name} from {piece.written_in} into that cell (or write it "
            "there), run it, then this cell.",
        )
    if package_stand_in(value, piece.package):
        return failed(
            piece.name,
            f"this {piece.name} is the package's, not yours (it is or calls "
            f"{piece.reference_name.replace('(...).h', '')})",
            f"Using nn.* for a piece does not count as your own: "
            f"{'write' if piece.written_in == 'notebook 07' else 'paste'} "
            f"{_where(piece).replace('your ', 'your own ', 1)}, run that cell, then this one.",
        )
    result = piece.check(value)
    if result.passed:
        return result
    if "NotImplementedError" in result.message:
        verb = "Write" if piece.written_in == "notebook 07" else "Paste"
        result.hint = (
            f"{verb} {_where(piece)} (in place of the `raise` line), run that cell, then this one."
        )
    old = [name for name in _OLD_NAMES.get(piece.name, ()) if name in defined]
    if old and "NotImplementedError" in result.message:
        result.hint = (
            f"Your {old[0]} is defined, but the exercise needs the name {piece.name}: rename it "
            f"(def {piece.name}(...)) in the cell of Exercise {piece.exercise}, or add the line "
            f"{piece.name} = {old[0]} there."
        )
    missing = re.search(r"NameError.*name '(\w+)' is not defined", result.message)
    if missing:
        helper = missing.group(1)
        where = f" (you wrote it in {_HELPERS[helper]})" if helper in _HELPERS else ""
        result.hint = (
            f"Your {piece.name} calls {helper}, which is not defined in this notebook{where}: "
            f"paste it into the cell of Exercise {piece.exercise}, above your {piece.name}, and "
            "run that cell"
            + (", or use nn.one_hot for labels" if helper == "one_hot" else "")
            + "."
        )
    return result


def _blamed_on(
    piece: Piece, value, verdict: CheckResult, values: dict, verdicts: dict
) -> CheckResult:
    """``verdict``, or, when ``value`` fails only because it calls another of the learner's pieces
    that fails its own check (a cost built on a broken forward), a verdict that says so: ``value``
    is checked again with the package's version in place of each such piece (in a copy of its
    globals)."""
    if verdict.passed:
        return verdict
    swaps, culprits = {}, []
    for other in PIECES:
        if other is piece or verdicts.get(other.name) is None or verdicts[other.name].passed:
            continue
        names = calls(value, values[other.name])
        if names:
            swaps.update({n: other.reference for n in names})
            culprits.append(other)
    if not culprits or not piece.check(with_globals(value, swaps)).passed:
        return verdict
    names = " and ".join(f"your {c.name}" for c in culprits)
    refs = " and ".join(c.reference_name for c in culprits)
    exercises = ", ".join(f"Exercise {c.exercise}" for c in culprits)
    return failed(
        piece.name,
        f"it calls {names}, which does not pass its check yet; with {refs} in its "
        f"place, your {piece.name} passes",
        f"Fix {names} first ({exercises}); your {piece.name} itself needs no change.",
    )


def _all_verdicts(values: dict, defined) -> dict:
    verdicts = {}
    for p in PIECES:
        verdicts[p.name] = _verdict(p, values[p.name], defined)
    return {
        p.name: _blamed_on(p, values[p.name], verdicts[p.name], values, verdicts) for p in PIECES
    }


@dataclass
class YourNetwork:
    """The five pieces the six steps use: the learner's where they pass their checks, else the
    package's.

    Each attribute (``init_weights``, ``forward``, ``cost``, ``backprop``, ``numerical_gradient``)
    is a function with the learner's interface; ``verdicts[name]`` is the check of the learner's own
    piece.
    """

    init_weights: object
    forward: object
    cost: object
    backprop: object
    numerical_gradient: object
    verdicts: dict = field(repr=False)

    @property
    def yours(self) -> list:
        """The names of the pieces that are the learner's own."""
        return [p.name for p in PIECES if self.verdicts[p.name].passed]

    def stand_ins(self) -> list:
        """The names of the pieces the package's reference stands in for."""
        return [p.name for p in PIECES if not self.verdicts[p.name].passed]

    def whose(self, name: str) -> str:
        """Who computes piece ``name`` here: "your backprop", or "nn.backprop (standing in for
        yours)"."""
        if name not in _PIECE:
            raise ValueError(f"name must be one of {list(_PIECE)}, got {name!r}")
        if self.verdicts[name].passed:
            return f"your {name}"
        return f"{_PIECE[name].reference_name} (standing in for yours)"

    def _rows(self):
        for p in PIECES:
            verdict = self.verdicts[p.name]
            if verdict.passed:
                yield p, True, f"yours (Exercise {p.exercise} passes its check)"
            else:
                yield p, False, f"{p.reference_name} stands in. Yours: {_first_line(verdict)}"

    def __str__(self) -> str:
        lines = [f"Your network: {len(self.yours)} of {len(PIECES)} pieces are your own code."]
        for p, mine, text in self._rows():
            lines.append(f"  {'✔' if mine else '✘'} step {p.step} · {p.name}: {text}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td style='text-align:center'>{'✔' if mine else '✘'}</td><td>{p.step}</td>"
            f"<td><code>{p.name}</code></td>"
            f"<td style='text-align:left'>{html.escape(text)}</td></tr>"
            for p, mine, text in self._rows()
        )
        head = html.escape(
            f"Your network: {len(self.yours)} of {len(PIECES)} pieces are your own code."
        )
        return (
            f"<div style='font-size:1.05em;color:#111'><b>{head}</b><table>"
            "<tr><th></th><th>step</th><th>piece</th><th style='text-align:left'>used</th></tr>"
            f"{rows}</table></div>"
        )


def your_network(
    init_weights="init_weights",
    forward="forward",
    cost="cost",
    backprop="backprop",
    numerical_gradient="numerical_gradient",
) -> YourNetwork:
    """Gather the learner's five pieces (each named, or given as a function) for the six steps.

    A piece that passes its checker, and with the learner's other pieces passes the gradient check
    (step 5) and trains as ``nn.train`` does (step 6), is used as it is; one that is missing or
    fails is replaced by the package's reference with the same interface. Never raises.
    """
    given = {
        "init_weights": init_weights,
        "forward": forward,
        "cost": cost,
        "backprop": backprop,
        "numerical_gradient": numerical_gradient,
    }
    values, defined = _look_up_pieces(given)
    verdicts = _all_verdicts(values, defined)
    _, blamed = _cross_steps(values, verdicts)
    verdicts.update(blamed)
    chosen = {p.name: values[p.name] if verdicts[p.name].passed else p.reference for p in PIECES}
    return YourNetwork(verdicts=verdicts, **chosen)


# --- the six steps on the learner's own code ------------------------------------------------------


def _per_layer_check(backprop, cost, numerical_gradient, thetas, X, y, lam):
    """Relative difference ‖D − gradApprox‖ / ‖D + gradApprox‖ for each layer, with the given
    pieces."""
    sizes = [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]
    D = backprop(thetas, X, y, lam)

    def J(vec):
        return cost(roll(vec, sizes), X, y, lam)

    approx = roll(np.asarray(numerical_gradient(J, unroll(thetas)), dtype=np.float64), sizes)
    return [relative_difference(D_l, G_l) for D_l, G_l in zip(D, approx)]


def _with_planted_bug(backprop, layer):
    """``backprop`` with one classic slip planted in D^(layer): the bias column regularised too."""

    def planted(thetas, X, y, lam=0.0):
        D = [np.array(D_l, dtype=np.float64) for D_l in backprop(thetas, X, y, lam)]
        D[layer - 1][:, 0] += lam * thetas[layer - 1][:, 0]
        return D

    return planted


def _minibatch_descent(backprop, cost, thetas, X, y, alpha, lam, epochs, batch_size, seed):
    """Gradient descent on mini-batches exactly as ``nn.train(..., rng=seed)`` shuffles and records
    them, with the given ``backprop`` and ``cost``. Returns (thetas, history)."""
    order_rng = np.random.default_rng(seed)
    n, history = X.shape[0], []
    for _ in range(epochs):
        order, total = order_rng.permutation(n), 0.0
        for start in range(0, n, batch_size):
            rows = order[start : start + batch_size]
            total += float(cost(thetas, X[rows], y[rows], lam)) * rows.size
            D = backprop(thetas, X[rows], y[rows], lam)
            thetas = [theta - alpha * D_l for theta, D_l in zip(thetas, D)]
        history.append(total / n)
    return thetas, history


_TOLERANCE = 1e-7


def _default_epsilon(fn):
    try:
        return inspect.signature(fn).parameters["epsilon"].default
    except (TypeError, ValueError, KeyError):
        return None


def _epsilon_hint(fn) -> str:
    eps = _default_epsilon(fn)
    hint = (
        "Look at your numerical_gradient as step 5 calls it, numerical_gradient(J, vec), with the "
        "ε it then uses"
    )
    if isinstance(eps, (int, float)) and eps != 1e-4:
        hint += (
            f": its default ε is {eps:g}, and the error of the two-sided difference grows like ε² "
            "(notebook 05)"
        )
    return hint + "."


_CULPRIT_HINTS = {
    "numerical_gradient": _epsilon_hint,
    "cost": lambda fn: (
        "Your cost and your backprop differ about J when λ > 0: step 5 calls "
        "cost(thetas, X, y, lam). Does yours use lam, with the penalty over the "
        "columns j ≥ 1, as backprop's D has it?"
    ),
    "backprop": lambda fn: (
        "Try your backprop on the deck's L = 4 network [4, 5, 5, 3] with λ = 0.5 "
        "and compare each D^(l) with nn.backprop's."
    ),
    "forward": lambda fn: (
        "Your forward passes its own check, but the pieces that call it need its h exact to the "
        "last digit: compare your forward(thetas, X) with nn.forward(thetas, X).h, digit by digit."
    ),
    "init_weights": lambda fn: (
        "Compare what your init_weights(layer_sizes, rng=0) returns with nn.init_weights's: the "
        "same shapes, numbers and dtype (float64)?"
    ),
}
_STEP_PIECES = {
    5: ("numerical_gradient", "cost", "backprop"),
    6: ("backprop", "cost", "init_weights"),
}


def _precisions(net: dict) -> dict:
    """{piece name: "float32" or "float16"} for each of the learner's pieces in ``net`` that returns
    numbers stored at less than float64 on a small float64 network."""
    rng = np.random.default_rng(0)
    sizes = [3, 4, 2]
    thetas = [rng.uniform(-1, 1, size=(t, s + 1)) for s, t in zip(sizes[:-1], sizes[1:])]
    X, y, lam = rng.normal(size=(5, 3)), np.array([0, 1, 1, 0, 1]), 0.5
    probes = {
        "init_weights": ((sizes,), ("layer_sizes",)),
        "forward": ((thetas, X), ("thetas", "X")),
        "cost": ((thetas, X, y, lam), ("thetas", "X", "y", "lam")),
        "backprop": ((thetas, X, y, lam), ("thetas", "X", "y", "lam")),
        "numerical_gradient": ((lambda v: float(np.sum(v**2)), unroll(thetas)), ("f", "vec")),
    }
    found = {}
    for name, (args, names) in probes.items():
        if net[name] is _PIECE[name].reference:
            continue
        try:
            dtype = low_precision(call(net[name], args, names))
        except LearnerError:
            continue
        if dtype:
            found[name] = dtype
    return found


def _precision_hint(precisions: dict) -> str:
    names = " and ".join(f"your {n}" for n in precisions)
    dtypes = "/".join(sorted(set(precisions.values())))
    return (
        f"{names[0].upper()}{names[1:]} {'return' if len(precisions) > 1 else 'returns'} "
        f"{dtypes} numbers; the check runs in float64. {dtypes} keeps about "
        f"{3 if 'float16' in dtypes else 7} significant digits, too few for a difference "
        "quotient with ε = 1e-4 and for training to match nn.train's: compute in float64 "
        "(leave out dtype=np.float32 and .astype(np.float32))."
    )


def _callers(net: dict, name: str) -> dict:
    """{piece name: [global names]} for each other piece of ``net`` whose code calls
    ``net[name]``."""
    found = {other: calls(fn, net[name]) for other, fn in net.items() if other != name}
    return {other: names for other, names in found.items() if names}


def _substituted(net: dict, name: str) -> dict:
    """``net`` with the package's version in place of piece ``name``: as that piece, and inside each
    of the learner's other pieces that calls it (a cost that calls the learner's forward)."""
    reference = _PIECE[name].reference
    out = dict(net, **{name: reference})
    for other, names in _callers(net, name).items():
        out[other] = with_globals(net[other], {n: reference for n in names})
    return out


def _culprit(run, step: int, net: dict):
    """The first piece whose replacement by the package's version (everywhere the step's pieces
    use it) makes ``run(pieces)`` pass, or None. ``run`` evaluates the step once, without any
    search of its own, so the search ends after one try per piece. The learner's forward comes
    first: a cost that calls it passes when either is replaced, and the forward is the cause."""
    for name in ("forward",) + _STEP_PIECES[step]:
        if name not in _STEP_PIECES[step] and not set(_callers(net, name)) & set(
            _STEP_PIECES[step]
        ):
            continue  # the step does not use this piece of the learner's
        if net[name] is _PIECE[name].reference:
            continue
        if run(_substituted(net, name))[0].passed:
            return _PIECE[name]
    return None


def _suspects(step: int, net: dict) -> list:
    """The pieces a failing step may be blamed on: its own, and the learner's forward when one of
    them calls it."""
    own = list(_STEP_PIECES[step])
    return (["forward"] if set(_callers(net, "forward")) & set(own) else []) + own


def _culprit_hint(piece: Piece, net: dict, precisions: dict) -> str:
    if piece.name in precisions:
        return _precision_hint({piece.name: precisions[piece.name]})
    return _CULPRIT_HINTS[piece.name](net[piece.name])


def _no_single_piece(step: int, net: dict, precisions: dict):
    """(message, hint) for a step that no single replacement makes pass."""
    names = ", ".join(_suspects(step, net))
    message = (
        "no single piece is to blame: with the package's version in place of any one of your "
        f"{names}, step {step} still fails"
    )
    look = (
        "Look at what your pieces share: numbers kept in float32 anywhere (the check runs in "
        "float64), and how they meet: "
    )
    if step == 5:
        look += (
            "step 5 calls numerical_gradient(J, vec) with J(vec) = cost(thetas, X, y, lam) for "
            "λ > 0, and compares it with backprop(thetas, X, y, lam)."
        )
    else:
        look += (
            "does your backprop or cost depend on anything besides its arguments (a variable of "
            "the notebook, a count of its calls), or return arrays it reuses between calls?"
        )
    if precisions:
        look = _precision_hint(precisions) + " " + look
    return message, look


def _run_gradient_check(net: dict):
    """Step 5 once, with the pieces in ``net``: the learner's backprop against the learner's
    numerical gradient of the learner's cost, then with a bug planted in D^(2). Returns (result,
    the relative differences per layer when they disagree, else None)."""
    name = "step 5"
    rng = np.random.default_rng(5)
    sizes, lam = [4, 5, 5, 3], 0.5
    thetas = [rng.uniform(-1, 1, size=(t, s + 1)) for s, t in zip(sizes[:-1], sizes[1:])]
    X, y = rng.normal(size=(6, 4)), np.array([0, 1, 2, 2, 1, 0])
    try:
        rds = call(
            _per_layer_check,
            (net["backprop"], net["cost"], net["numerical_gradient"], thetas, X, y, lam),
        )
    except LearnerError as stop:
        return stop.result, None
    if not all(r < _TOLERANCE for r in rds):
        worst = int(np.argmax(rds)) + 1
        return (
            failed(
                name,
                f"your backprop and your numerical gradient disagree on D^({worst}) (relative "
                f"difference {max(rds):.1e})",
                details=[f"D^({l}): {r:.1e}" for l, r in enumerate(rds, start=1)],
            ),
            rds,
        )
    try:
        planted = call(
            _per_layer_check,
            (
                _with_planted_bug(net["backprop"], 2),
                net["cost"],
                net["numerical_gradient"],
                thetas,
                X,
                y,
                lam,
            ),
        )
    except LearnerError as stop:
        return stop.result, None
    if not (planted[1] > 1e-3 and planted[0] < _TOLERANCE and planted[2] < _TOLERANCE):
        return failed(
            name,
            "the per-layer check did not single out the bug planted in D^(2)",
            "Compare each D^(l) with its own slice of gradApprox (nn.roll splits it by layer).",
            details=[f"D^({l}): {r:.1e}" for l, r in enumerate(planted, start=1)],
        ), None
    return passed(
        name,
        f"DVec ≈ gradApprox in every layer (largest relative difference "
        f"{max(rds):.1e}); a bug planted in D^(2) shows up there alone "
        f"({planted[1]:.1e}).",
    ), None


def _step_and_culprit(run, step: int, net: dict, verb: str, hint_for):
    """Step ``step`` run once by ``run(net)``; when it fails, the piece to blame: the one whose
    package stand-in makes the step pass (``verb`` says what the two sides then do), or none.
    ``hint_for(culprit, net, precisions)`` is the first hint for a culprit. Returns (result, the
    names of the pieces to blame: [] when it passes)."""
    result, gap = run(net)
    if result.passed:
        return result, []
    if gap is None:
        return result, _suspects(step, net)
    culprit = _culprit(run, step, net)
    precisions = _precisions(net)
    if culprit is None:
        message, hint = _no_single_piece(step, net, precisions)
        message = f"{result.message}; {message}"
    else:
        message = (
            f"{result.message}; with {culprit.reference_name} in place of your {culprit.name}, "
            f"they {verb}"
        )
        hint = hint_for(culprit, net, precisions)
    return (
        failed(result.name, message, hint, details=result.details),
        [culprit.name] if culprit else _suspects(step, net),
    )


def _gradient_check_step(net: dict):
    """Step 5: the learner's backprop against the learner's numerical gradient of the learner's
    cost."""
    return _step_and_culprit(_run_gradient_check, 5, net, "agree", _culprit_hint)


def _run_descent(net: dict):
    """Step 6 once, with the pieces in ``net``: three epochs of mini-batch descent against
    nn.train. Returns (result, the distance from nn.train's weights when they differ, else
    None)."""
    name = "step 6"
    rng = np.random.default_rng(6)
    X = rng.uniform(0, 1, size=(48, 8))
    y = np.arange(48) % 3
    sizes, alpha, lam = [8, 6, 3], 2.0, 0.01
    try:
        start = call(net["init_weights"], (sizes,), ("layer_sizes",), keywords={"rng": 0})
        thetas, history = call(
            _minibatch_descent, (net["backprop"], net["cost"], start, X, y, alpha, lam, 3, 16, 0)
        )
        ref = train(
            X,
            y,
            sizes,
            alpha=alpha,
            lam=lam,
            epochs=3,
            batch_size=16,
            rng=0,
            initial_thetas=[np.asarray(t, dtype=np.float64) for t in start],
        )
        gap = float(np.max(np.abs(np.asarray(history, dtype=np.float64) - ref.history)))
        gap_thetas = max(
            float(np.max(np.abs(np.asarray(a, dtype=np.float64) - b)))
            for a, b in zip(thetas, ref.thetas)
        )
    except LearnerError as stop:
        return stop.result, None
    except (TypeError, ValueError) as exc:  # what the learner's pieces returned cannot be compared
        return failed(
            name,
            f"training with your pieces gave something nn.train's cannot be compared with ({exc})",
            "Check what your init_weights, cost and backprop return.",
        ), None
    if not (gap <= 1e-9 and gap_thetas <= 1e-9):
        return failed(
            name,
            f"three epochs with your backprop end {gap_thetas:.1e} away from nn.train's weights "
            "from the same start",
        ), gap_thetas
    return passed(
        name,
        f"your backprop trains exactly as nn.train does (largest difference in J "
        f"{gap:.1e} over three epochs).",
    ), None


def _descent_step(net: dict):
    """Step 6: three epochs of mini-batch descent with the learner's pieces, against nn.train."""

    def hint_for(culprit, net, precisions):
        if culprit.name in precisions or culprit.name in ("forward", "init_weights"):
            return _culprit_hint(culprit, net, precisions)
        return (
            "Steps 1–5 pass, yet training with your pieces drifts from nn.train's: does your "
            f"{culprit.name} depend on anything besides its arguments (a variable of the "
            "notebook, a count of its calls), or return arrays it reuses between calls?"
        )

    return _step_and_culprit(_run_descent, 6, net, "do not", hint_for)


def _cross_steps(values: dict, verdicts: dict):
    """Steps 5 and 6, which need several pieces at once: ({5: result, 6: result}, {name: verdict}
    for each piece that passes its own check but is blamed for a failing step)."""
    steps, blamed = {}, {}
    if not verdicts["numerical_gradient"].passed:
        steps[5] = verdicts["numerical_gradient"]
    elif not (verdicts["cost"].passed and verdicts["backprop"].passed):
        steps[5] = failed("step 5", "needs your cost (step 3) and your backprop (step 4) first")
    else:
        steps[5], culprits = _gradient_check_step(values)
        blamed.update({c: _blame(c, 5, steps[5], len(culprits) == 1) for c in culprits})
        _blame_callers(values, verdicts, blamed, 5)
    if not all(verdicts[p].passed for p in ("init_weights", "cost", "backprop")):
        steps[6] = failed(
            "step 6", "needs your init_weights, cost and backprop (steps 1, 3, 4) first"
        )
    elif {"cost", "backprop"} & set(blamed):
        steps[6] = failed("step 6", "needs a cost and a backprop that pass step 5 first")
    else:
        steps[6], culprits = _descent_step(values)
        blamed.update({c: _blame(c, 6, steps[6], len(culprits) == 1) for c in culprits})
        _blame_callers(values, verdicts, blamed, 6)
    return steps, blamed


def _blame_callers(values: dict, verdicts: dict, blamed: dict, step: int) -> None:
    """Add to ``blamed`` each piece that passes its own check but calls one of the learner's pieces
    blamed for ``step``: used as it is, it would still call that piece."""
    for name in list(blamed):
        for caller in _callers(values, name):
            if caller not in blamed and verdicts[caller].passed:
                blamed[caller] = failed(
                    caller,
                    f"passes its own check, but calls your {name}, which fails step {step} "
                    f"({STEPS[step]}) with your other pieces",
                    f"Fix your {name} first (Exercise {_PIECE[name].exercise}); then your "
                    f"{caller} is used as it is.",
                )


def _blame(name: str, step: int, result: CheckResult, alone: bool) -> CheckResult:
    """The verdict on a piece that passes its own check but fails ``step`` with the learner's
    others."""
    piece = _PIECE[name]
    why = (
        f"with {piece.reference_name} in its place, step {step} passes"
        if alone
        else f"step {step} fails with your other pieces"
    )
    return failed(
        name,
        f"passes its own check, but not step {step} ({STEPS[step]}) with your other pieces: {why}",
        result.hint,
        more=result.further,
    )


@checker
def check_your_network(
    init_weights="init_weights",
    forward="forward",
    cost="cost",
    backprop="backprop",
    numerical_gradient="numerical_gradient",
):
    """Run the deck's six steps on the learner's own pieces and say which step fails first."""
    name = "check_your_network"
    given = {
        "init_weights": init_weights,
        "forward": forward,
        "cost": cost,
        "backprop": backprop,
        "numerical_gradient": numerical_gradient,
    }
    values, defined = _look_up_pieces(given)
    verdicts = _all_verdicts(values, defined)
    steps = {p.step: verdicts[p.name] for p in PIECES if p.step <= 4}
    steps.update(_cross_steps(values, verdicts)[0])
    details = [
        f"{'✔' if steps[k].passed else '✘'} step {k} · {STEPS[k]}"
        + ("" if steps[k].passed else f": {_first_line(steps[k])}")
        for k in sorted(steps)
    ]
    package = [
        p
        for p in PIECES
        if not isinstance(values[p.name], _Missing) and package_stand_in(values[p.name], p.package)
    ]
    if package:
        names = _and([p.name for p in package])
        return failed(
            name,
            f"{names} {'are' if len(package) > 1 else 'is'} the package's, not yours: this check "
            "must run on code you wrote",
            verdicts[package[0].name].hint
            if len(package) == 1
            else f"Using nn.* for a piece does not count as your own: put your own {names} in the "
            f"cells of Exercises {_and([p.exercise for p in package])}, run them, then this cell.",
            details,
        )
    first = next((k for k in sorted(steps) if not steps[k].passed), None)
    if first is None:
        return passed(
            name,
            "all six steps run on your own code: your init_weights, forward, cost, "
            "backprop and numerical_gradient build, check and train a network.",
            details,
        )
    own = next((p for p in PIECES if p.step == first and steps[first] is verdicts[p.name]), None)
    where = f" (Exercise {own.exercise}, your {own.name})" if own else ""
    return failed(
        name,
        f"step {first} · {STEPS[first]} fails first{where}: {_first_line(steps[first])}",
        steps[first].hint,
        details,
        more=steps[first].further,
    )


__all__ = ["your_network", "YourNetwork", "check_your_network", "PIECES", "STEPS"]
