"""Unusual, wrong and hostile learner code against every checker it applies to.

Each case is the source of a learner's exercise cell, run in a process of its own (forked from a
server that has imported the package once) with a time limit on the whole process. The checks are
called as a notebook's check cells call them, by name, and each must give the verdict it should: ✔
for right answers however unusual, ✘ naming the mistake for wrong ones, and feedback (never an
exception, never a hang) for hostile ones. KeyboardInterrupt, the Stop button, is the one
exception that must still come out.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass, field

import pytest

PROCESS_LIMIT = 120  # seconds for one case's process, all its checks included
HANG_LIMIT = 0.25  # checks.set_time_limit for the cases that hang on purpose

FUNCTION_CHECKS = [
    "check_weight_index",
    "check_sigmoid_gradient",
    "check_forward",
    "check_init_weights",
    "check_cost",
    "check_theta_shapes",
    "check_one_hot",
    "check_backprop",
    "check_numerical_gradient",
    "check_hidden_delta",
    "check_tanh_hidden_delta",
    "check_dc_dz",
    "check_blame_step",
    "check_gradient_step",
    "check_training_loop",
]


def every_checker(name="f"):
    return [f'checks.{c}("{name}")' for c in FUNCTION_CHECKS]


@dataclass
class Case:
    id: str
    code: str  # the learner's cell
    calls: list  # check cells, each run after the learner's cell
    passed: bool | None  # the verdict every call must give (None: KeyboardInterrupt must escape)
    words: tuple = ()  # must appear in the feedback (first hint, or with more help if more=True)
    absent: tuple = ()  # must not appear in the first feedback (str(result))
    more: bool = False  # the words may be in result.more() too
    limit: float | None = None  # checks.set_time_limit for this case
    short: int | None = None  # str(result) must be shorter than this
    extra: dict = field(default_factory=dict)


REF_STEP = """
def gradient_step(thetas, X, y, alpha, lam):
    return [t - alpha * D for t, D in zip(thetas, nn.backprop(thetas, X, y, lam))]
"""

CASES = [
    # --- side effects: a function that changes its inputs -----------------------------------------
    Case(
        "backprop zeroes the caller's bias column (reg = theta aliasing)",
        """
def backprop(thetas, X, y, lam=0.0):
    D = nn.backprop(thetas, X, y, lam)
    for theta in thetas:
        reg = theta
        reg[:, 0] = 0
    return D
""",
        ['checks.check_backprop("backprop")'],
        False,
        ("changed its input `thetas`", "Θ^(1)[0, 0] was", "network's weights"),
    ),
    Case(
        "cost normalises X in place",
        """
def cost(thetas, X, y, lam=0.0):
    X -= X.mean(axis=0)
    return nn.cost(thetas, X, y, lam)
""",
        ['checks.check_cost("cost")'],
        False,
        ("changed its input `X`", "training data"),
    ),
    Case(
        "one_hot sorts the labels in place",
        """
def one_hot(y, K):
    y.sort()
    return np.eye(K)[y]
""",
        ['checks.check_one_hot("one_hot")'],
        False,
        ("changed its input `y`",),
    ),
    Case(
        "numerical gradient perturbs the caller's vec and never puts it back",
        """
def numerical_gradient(f, vec, epsilon=1e-4):
    g = np.zeros(len(vec))
    for p in range(vec.size):
        old = vec[p]
        vec[p] = old + epsilon
        fp = f(vec)
        vec[p] = old - epsilon
        fm = f(vec)
        g[p] = (fp - fm) / (2 * epsilon)
    return g
""",
        ['checks.check_numerical_gradient("numerical_gradient")'],
        False,
        ("changed its input `vec`", "gradient check"),
    ),
    Case(
        "numerical gradient puts vec back with += and -= (rounding only): right, with a note",
        """
def numerical_gradient(f, vec, epsilon=1e-4):
    g = np.zeros(len(vec))
    for p in range(vec.size):
        vec[p] += epsilon
        fp = f(vec)
        vec[p] -= 2 * epsilon
        fm = f(vec)
        vec[p] += epsilon
        g[p] = (fp - fm) / (2 * epsilon)
    return g
""",
        ['checks.check_numerical_gradient("numerical_gradient")'],
        True,
        ("rounding",),
    ),
    Case(
        "hidden delta multiplies a in place",
        """
def hidden_delta(theta, delta_next, a):
    a *= 1 - a
    return (delta_next @ theta[:, 1:]) * a
""",
        ['checks.check_hidden_delta("hidden_delta")'],
        False,
        ("changed its input `a`",),
    ),
    Case(
        "gradient step updates the caller's weights in place",
        """
def gradient_step(thetas, X, y, alpha, lam):
    for theta, D in zip(thetas, nn.backprop(thetas, X, y, lam)):
        theta -= alpha * D
    return thetas
""",
        ['checks.check_gradient_step("gradient_step")'],
        False,
        ("changed its input `thetas`",),
    ),
    Case(
        "training loop updates the caller's weights in place",
        """
def gradient_descent(thetas, X, y, alpha, lam, epochs):
    history = []
    for _ in range(epochs):
        history.append(nn.cost(thetas, X, y, lam))
        for theta, D in zip(thetas, nn.backprop(thetas, X, y, lam)):
            theta -= alpha * D
    return thetas, history
""",
        ['checks.check_training_loop("gradient_descent")'],
        False,
        ("changed its input `thetas`",),
    ),
    Case(
        "init_weights pops the caller's layer_sizes",
        """
def init_weights(layer_sizes, rng=None, epsilon_init=0.12):
    rng = np.random.default_rng(rng)
    out = []
    while len(layer_sizes) > 1:
        s = layer_sizes.pop(0)
        out.append(rng.uniform(-epsilon_init, epsilon_init, (layer_sizes[0], s + 1)))
    return out
""",
        ['checks.check_init_weights("init_weights")'],
        False,
        ("changed its input `layer_sizes`",),
    ),
    # --- exceptions: every BaseException becomes feedback, KeyboardInterrupt stops the cell -------
    Case(
        "sys.exit() in every function",
        "import sys\ndef f(*args, **kwargs):\n    sys.exit()\n",
        every_checker(),
        False,
        ("called sys.exit()",),
    ),
    Case(
        "raise SystemExit(0) in every function",
        "def f(*args, **kwargs):\n    raise SystemExit(0)\n",
        every_checker(),
        False,
        ("called sys.exit()",),
    ),
    Case(
        "exit() (the site builtin) in every function",
        "def f(*args, **kwargs):\n    exit()\n",
        every_checker(),
        False,
        ("called sys.exit()",),
    ),
    Case(
        "GeneratorExit in every function",
        "def f(*args, **kwargs):\n    raise GeneratorExit('bye')\n",
        every_checker(),
        False,
        ("raised GeneratorExit",),
    ),
    Case(
        "a custom BaseException subclass",
        """
class Stop(BaseException):
    pass
def f(*args, **kwargs):
    raise Stop("my own")
""",
        every_checker(),
        False,
        ("raised Stop", "BaseException"),
    ),
    Case(
        "KeyboardInterrupt still stops the cell",
        "def f(*args, **kwargs):\n    raise KeyboardInterrupt\n",
        every_checker(),
        None,
    ),
    Case(
        "infinite recursion",
        "def f(*args, **kwargs):\n    return f(*args, **kwargs)\n",
        every_checker(),
        False,
        ("RecursionError",),
    ),
    Case(
        "an impossible allocation",
        "def f(*args, **kwargs):\n    return np.ones((10**7, 10**7))\n",
        every_checker(),
        False,
        ("MemoryError",),
    ),
    # --- hangs: every call of learner code has a time limit ---------------------------------------
    Case(
        "a loop that never ends",
        "def f(*args, **kwargs):\n    while True:\n        pass\n",
        every_checker(),
        False,
        ("did not return within 0.25 s", "a loop that never ends?"),
        limit=HANG_LIMIT,
    ),
    Case(
        "a sleep that never ends",
        "import time\ndef f(*args, **kwargs):\n    time.sleep(10**6)\n",
        every_checker(),
        False,
        ("did not return within 0.25 s",),
        limit=HANG_LIMIT,
    ),
    Case(
        "a loop with a bare except around its body",
        """
def f(*args, **kwargs):
    total = 0
    while True:
        try:
            total += sum(range(100))
        except:
            pass
""",
        every_checker(),
        False,
        ("did not return within 0.25 s",),
        limit=HANG_LIMIT,
    ),
    Case(
        "numerical gradient whose loop never ends (it calls f forever)",
        """
import itertools
def numerical_gradient(f, vec, epsilon=1e-4):
    theta = np.array(vec, dtype=float)
    for p in itertools.count():
        f(theta)
""",
        ['checks.check_numerical_gradient("numerical_gradient")'],
        False,
        ("did not return within 0.25 s",),
        limit=HANG_LIMIT,
    ),
    # --- floods: megabytes of output or of message ------------------------------------------------
    Case(
        "a right function that prints megabytes",
        """
def sigmoid_gradient(z):
    for i in range(20000):
        print("debugging", i)
    print("x" * 5_000_000)
    a = nn.sigmoid(z)
    return a * (1 - a)
""",
        ['checks.check_sigmoid_gradient("sigmoid_gradient")'],
        True,
        ("Your code printed", "more characters not shown"),
        short=5000,
    ),
    Case(
        "an exception with a message of megabytes",
        """
def f(*args, **kwargs):
    raise ValueError("x" * 10**7)
""",
        every_checker(),
        False,
        ("raised ValueError", "more characters"),
        short=6000,
    ),
    Case(
        "a returned list of a million entries",
        "def f(*args, **kwargs):\n    return list(range(10**6))\n",
        every_checker(),
        False,
        (),
        short=6000,
    ),
    # --- right but unusual answers ----------------------------------------------------------------
    Case(
        "sigmoid gradient in float32",
        """
def sigmoid_gradient(z):
    a = 1 / (1 + np.exp(-np.asarray(z, dtype=np.float32)))
    return a * (1 - a)
""",
        ['checks.check_sigmoid_gradient("sigmoid_gradient")'],
        True,
        ("float32 precision",),
    ),
    Case(
        "a training loop with float32 weights (6.2)",
        """
def gradient_descent(thetas, X, y, alpha, lam, epochs):
    thetas = [t.astype(np.float32) for t in thetas]
    history = []
    for _ in range(epochs):
        history.append(nn.cost(thetas, X, y, lam))
        D = nn.backprop(thetas, X, y, lam)
        thetas = [(t - alpha * d).astype(np.float32) for t, d in zip(thetas, D)]
    return thetas, history
""",
        ['checks.check_training_loop("gradient_descent")'],
        True,
        ("float32",),
    ),
    Case(
        "whole-number answers as numpy 0-d arrays, and a spelled-out choice",
        """
digit_layer_sizes = [64, 25, 10]
n_weights = np.array(1885)
bad_layer = np.array(1)
mistake = "b) the minus sign"
most_raw_share, most_delta = np.int64(2), np.array(1)
h_zero = np.array([[0.5317]])
J_confident = np.float32(1.7277)
symmetry = "(C) every row of D^(1) is the same"
n_evaluations = np.array(230.0)
predicted_rd = np.float32(1 / 3)
wrong_layers = np.array([2, 1])
""",
        [
            'checks.check_digit_network("digit_layer_sizes", "n_weights")',
            'checks.check_planted_bug("bad_layer")',
            'checks.check_negative_cost("mistake")',
            'checks.check_most_blamed("most_raw_share", "most_delta")',
            'checks.check_zero_input("h_zero")',
            'checks.check_confident_mistake("J_confident")',
            'checks.check_equal_weights("symmetry")',
            'checks.check_gradapprox_count("n_evaluations")',
            'checks.check_double_gradient("predicted_rd")',
            'checks.check_bug_layers("wrong_layers")',
        ],
        True,
    ),
    Case(
        "δ_1^(2) by hand with three or four decimals",
        "answer = 0.089\nanswer4 = 0.0891\n",
        ['checks.check_delta_by_hand("answer")', 'checks.check_delta_by_hand("answer4")'],
        True,
    ),
    Case(
        "g'(z) from e^(−z)",
        """
def sigmoid_gradient(z):
    e = np.exp(-z)
    return e / (1 + e) ** 2
""",
        ['checks.check_sigmoid_gradient("sigmoid_gradient")'],
        True,
    ),
    Case(
        "the package's loop over instances handed in as backprop",
        "backprop = nn.backprop_loop\n",
        ['checks.check_backprop("backprop")'],
        False,
        ("the package's function (nn.backprop_loop)", "not your own code"),
    ),
    Case(
        "forward and backprop that only call the package's",
        """
def forward(thetas, X):
    return nn.forward(thetas, X)
def backprop(thetas, X, y, lam=0.0):
    D = nn.backprop(thetas, X, y, lam)
    return [np.array(D_l) for D_l in D]
""",
        ['checks.check_forward("forward")', 'checks.check_backprop("backprop")'],
        False,
        ("a call of nn.", "not your own code"),
    ),
    Case(
        "forward returning a ForwardPass of its own, one_hot as booleans, shapes as lists",
        """
def forward(thetas, X):
    a, z = {1: np.asarray(X, dtype=float)}, {}
    for l, theta in enumerate(thetas, start=1):
        z[l + 1] = nn.add_bias(a[l]) @ theta.T
        a[l + 1] = nn.sigmoid(z[l + 1])
    return nn.ForwardPass(a=a, z=z)
def one_hot(y, K):
    return np.arange(K) == np.asarray(y)[:, None]
def theta_shapes(layer_sizes):
    return [[b, a + 1] for a, b in zip(layer_sizes, layer_sizes[1:])]
""",
        [
            'checks.check_forward("forward")',
            'checks.check_one_hot("one_hot")',
            'checks.check_theta_shapes("theta_shapes")',
        ],
        True,
    ),
    Case(
        "the tanh δ step with np.tanh's own slope (1 / cosh² of the inverse) and einsum",
        """
def tanh_hidden_delta(theta, delta_next, a):
    back = np.einsum("ni,ij->nj", delta_next, theta[:, 1:])
    return back / np.cosh(np.arctanh(a)) ** 2
""",
        ['checks.check_tanh_hidden_delta("tanh_hidden_delta")'],
        True,
    ),
    Case(
        "the tanh δ step that changes a in place",
        """
def tanh_hidden_delta(theta, delta_next, a):
    a **= 2
    return (delta_next @ theta[:, 1:]) * (1 - a)
""",
        ['checks.check_tanh_hidden_delta("tanh_hidden_delta")'],
        False,
        ("changed its input `a`",),
    ),
    Case(
        "symmetry answered with an object that is not a letter",
        "symmetry = ['c']\nwrong_layers = {'a': 1}\n",
        ['checks.check_equal_weights("symmetry")', 'checks.check_bug_layers("wrong_layers")'],
        False,
        ("not",),
    ),
    Case(
        "einsum and a 1 × 1 cost",
        """
def hidden_delta(theta, delta_next, a):
    return np.einsum("ni,ij->nj", delta_next, theta[:, 1:]) * a * (1 - a)
def cost(thetas, X, y, lam=0.0):
    h, K = nn.forward(thetas, X).h, thetas[-1].shape[0]
    Y = np.asarray(y, dtype=float) if np.ndim(y) == 2 else nn.one_hot(y, K)
    J = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / len(X)
    J += lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in thetas)
    return np.array([[J]])
""",
        ['checks.check_hidden_delta("hidden_delta")', 'checks.check_cost("cost")'],
        True,
    ),
    Case(
        "gradApprox with a perturbation vector per p, and a gradient step on copies",
        """
def numerical_gradient(f, vec, epsilon=1e-4):
    g = np.zeros_like(vec, dtype=float)
    for p in range(len(vec)):
        e = np.zeros_like(vec, dtype=float)
        e[p] = epsilon
        g[p] = (f(vec + e) - f(vec - e)) / (2 * epsilon)
    return g
def gradient_step(thetas, X, y, alpha, lam):
    new = [t.copy() for t in thetas]
    for t, D in zip(new, nn.backprop(thetas, X, y, lam)):
        t -= alpha * D
    return new
""",
        [
            'checks.check_numerical_gradient("numerical_gradient")',
            'checks.check_gradient_step("gradient_step")',
        ],
        True,
    ),
    Case(
        "a learner's numpy settings do not leak into the checker",
        """
def sigmoid_gradient(z):
    np.seterr(all="raise")
    import warnings
    warnings.simplefilter("error")
    a = nn.sigmoid(z)
    return a * (1 - a)
""",
        ['checks.check_sigmoid_gradient("sigmoid_gradient")', "checks.check_cost(nn.cost)"],
        True,
    ),
    # --- wrong answers that used to pass ----------------------------------------------------------
    Case(
        "init_weights with identical rows (the symmetry mistake)",
        """
def init_weights(layer_sizes, rng=None, epsilon_init=0.12):
    rng = np.random.default_rng(rng)
    return [np.tile(rng.uniform(-epsilon_init, epsilon_init, (1, s + 1)), (s_next, 1))
            for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]
""",
        ['checks.check_init_weights("init_weights")'],
        False,
        ("every row of Θ^(1) is the same", "symmetry"),
    ),
    Case(
        "init_weights that ignores epsilon_init",
        """
def init_weights(layer_sizes, rng=None, epsilon_init=0.12):
    rng = np.random.default_rng(rng)
    pairs = zip(layer_sizes[:-1], layer_sizes[1:])
    return [rng.uniform(-0.12, 0.12, (s_next, s + 1)) for s, s_next in pairs]
""",
        ['checks.check_init_weights("init_weights")'],
        False,
        ("ignores its epsilon_init",),
    ),
    Case(
        "numbers written as strings",
        """
answer = "0.0891"
digit_layer_sizes, n_weights = ["64", "25", "10"], "1885"
bad_layer = "1"
most_raw_share, most_delta = "2", "1"
h_zero, J_confident = "0.532", "1.727"
n_evaluations, predicted_rd, wrong_layers = "230", "0.33", "1, 2"
""",
        [
            'checks.check_delta_by_hand("answer")',
            'checks.check_digit_network("digit_layer_sizes", "n_weights")',
            'checks.check_planted_bug("bad_layer")',
            'checks.check_most_blamed("most_raw_share", "most_delta")',
            'checks.check_zero_input("h_zero")',
            'checks.check_confident_mistake("J_confident")',
            'checks.check_gradapprox_count("n_evaluations")',
            'checks.check_double_gradient("predicted_rd")',
            'checks.check_bug_layers("wrong_layers")',
        ],
        False,
        ("text",),
    ),
    Case(
        "Θ_ij^(l) read through a view that the function then changes",
        """
def weight(thetas, l, i, j):
    row = thetas[l - 1][i - 1]
    value = row[j]
    row[j] = 0.0
    return value
""",
        ['checks.check_weight_index("weight")'],
        False,
        ("changed its input `thetas`", "network's weights"),
    ),
    Case(
        "predictions typed as expressions and rounded as asked",
        """
Theta1 = np.array([[0.1, 0.3, -0.5], [-0.2, 0.4, 0.1], [0.3, -0.6, 0.2]])
Theta2 = np.array([[-0.3, 0.5, -0.4, 0.6]])
h_zero = nn.sigmoid(Theta2 @ np.r_[1.0, nn.sigmoid(Theta1[:, 0])])
h_rounded = 0.532
J_confident = -(np.log(0.001) + 3 * np.log(0.999)) / 4
J_rounded = 1.73
""",
        [
            'checks.check_zero_input("h_zero")',
            'checks.check_zero_input("h_rounded")',
            'checks.check_confident_mistake("J_confident")',
            'checks.check_confident_mistake("J_rounded")',
        ],
        True,
    ),
    # --- misdiagnoses -----------------------------------------------------------------------------
    Case(
        "δ_1^(2) rounded to 0.09 is a precision matter, not g′(a)",
        "answer = 0.09\n",
        ['checks.check_delta_by_hand("answer")'],
        False,
        ("too rounded to tell",),
        absent=("sigmoid",),
    ),
    Case(
        "the last column of Θ dropped instead of the first",
        """
def hidden_delta(theta, delta_next, a):
    return (delta_next @ theta[:, :-1]) * a * (1 - a)
def blame_step(theta, delta_next, a):
    return (theta[:, :-1].T @ delta_next) * a * (1 - a)
""",
        ['checks.check_hidden_delta("hidden_delta")', 'checks.check_blame_step("blame_step")'],
        False,
        ("the wrong column of Θ^(l) was dropped",),
    ),
    Case(
        "a row of Θ dropped instead of the bias column",
        """
def hidden_delta(theta, delta_next, a):
    return (delta_next @ theta[1:, :]) * a * (1 - a)
def blame_step(theta, delta_next, a):
    return (theta[1:, :].T @ delta_next) * a * (1 - a)
def backprop(thetas, X, y, lam=0.0):
    fp = nn.forward(thetas, X)
    n, L = len(X), len(thetas) + 1
    delta = nn.deltas(thetas, X, y)[L]
    D = [None] * len(thetas)
    for l in range(L - 1, 0, -1):
        D[l - 1] = delta.T @ nn.add_bias(fp.a[l]) / n
        if l > 1:
            delta = (delta @ thetas[l - 1][1:, :]) * fp.a[l] * (1 - fp.a[l])
    return D
""",
        [
            'checks.check_hidden_delta("hidden_delta")',
            'checks.check_blame_step("blame_step")',
            'checks.check_backprop("backprop", regularised=False)',
        ],
        False,
        ("Row 0 of Θ^(l) was dropped",),
    ),
    Case(
        "D transposed (Θ^(1) square in the first case)",
        """
def backprop(thetas, X, y, lam=0.0):
    return [D.T for D in nn.backprop(thetas, X, y, lam)]
""",
        ['checks.check_backprop("backprop")'],
        False,
        ("D^(1)", "transposed"),
    ),
    Case(
        "one cost per instance",
        """
def cost(thetas, X, y, lam=0.0):
    h = nn.forward(thetas, X).h
    Y = np.eye(h.shape[1])[y] if h.shape[1] > 1 else np.asarray(y, float).reshape(-1, 1)
    return -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h), axis=1)
""",
        ['checks.check_cost("cost", regularised=False)'],
        False,
        ("J is one number",),
        absent=("axis",),
    ),
    Case(
        "lam dropped from the signature",
        """
def cost(thetas, X, y):
    return nn.cost(thetas, X, y)
def backprop(thetas, X, y):
    return nn.backprop(thetas, X, y)
""",
        ['checks.check_cost("cost")', 'checks.check_backprop("backprop")'],
        False,
        ("cannot be called as the exercise calls it", "lam=0.0"),
        absent=("shape",),
    ),
    Case(
        "forward and backprop hard-coded for two weight matrices",
        """
def forward(thetas, X):
    a2 = nn.sigmoid(nn.add_bias(X) @ thetas[0].T)
    return nn.sigmoid(nn.add_bias(a2) @ thetas[1].T)
def backprop(thetas, X, y, lam=0.0):
    if len(thetas) == 2:
        return nn.backprop(thetas, X, y, lam)
    return nn.backprop(thetas, X, y, lam)[1:]
""",
        ['checks.check_forward("forward")', 'checks.check_backprop("backprop")'],
        False,
        ("L = 4",),
        absent=("which axis",),
    ),
    Case(
        "the bias units counted in layer_sizes",
        "digit_layer_sizes, n_weights = [65, 26, 10], 1885\n",
        ['checks.check_digit_network("digit_layer_sizes", "n_weights")'],
        False,
        ("bias units are counted",),
        absent=("64 pixels",),
    ),
    Case(
        "6.2 with λ not passed to backprop",
        """
def gradient_descent(thetas, X, y, alpha, lam, epochs):
    history = []
    for _ in range(epochs):
        history.append(nn.cost(thetas, X, y, lam))
        thetas = [t - alpha * D for t, D in zip(thetas, nn.backprop(thetas, X, y))]
    return thetas, history
""",
        ['checks.check_training_loop("gradient_descent")'],
        False,
        ("λ was not passed on to backprop",),
        absent=("recorded",),
    ),
    Case(
        "6.2 with an extra / n",
        """
def gradient_descent(thetas, X, y, alpha, lam, epochs):
    history = []
    for _ in range(epochs):
        history.append(nn.cost(thetas, X, y, lam))
        thetas = [t - alpha * D / len(X) for t, D in zip(thetas, nn.backprop(thetas, X, y, lam))]
    return thetas, history
""",
        ['checks.check_training_loop("gradient_descent")'],
        False,
        ("divided the gradient by n again",),
        absent=("recorded",),
    ),
    Case(
        "5.1 as shipped (the stub)",
        """
def numerical_gradient(f, vec, epsilon=1e-4):
    raise NotImplementedError
""",
        ['checks.check_numerical_gradient("numerical_gradient")'],
        False,
        ("not attempted",),
        absent=("nn.numerical_gradient",),
    ),
    Case(
        "5.1 ignoring ε",
        """
def numerical_gradient(f, vec, epsilon=1e-4):
    return nn.numerical_gradient(f, vec, 1e-4)
""",
        ['checks.check_numerical_gradient("numerical_gradient")'],
        False,
        ("ignores its `epsilon`",),
    ),
    Case(
        "a cost on raw labels: the hint names no notebook-only helper",
        """
def cost(thetas, X, y, lam=0.0):
    h = nn.forward(thetas, X).h
    return -np.sum(y * np.log(h) + (1 - y) * np.log(1 - h)) / len(X)
""",
        ['checks.check_cost("cost", regularised=False)'],
        False,
        ("turn labels into targets",),
        absent=("as_targets",),
    ),
    # --- no answer in the first hint --------------------------------------------------------------
    Case(
        "a wrong one_hot: the first hint does not print np.eye(K)[y]",
        """
def one_hot(y, K):
    return 2 * (np.arange(K) == np.asarray(y)[:, None])
""",
        ['checks.check_one_hot("one_hot")'],
        False,
        ("np.eye(K)[y]",),
        absent=("np.eye(K)[y]",),
        more=True,
    ),
    Case(
        "a wrong blame step: the first hint does not print the solution line",
        """
def blame_step(theta, delta_next, a):
    return (theta[:, 1:].T @ delta_next) * a * (1 - a) * 1.5
""",
        ['checks.check_blame_step("blame_step")'],
        False,
        ("theta[:, 1:]",),
        absent=("theta[:, 1:]", "@"),
        more=True,
    ),
    Case(
        "a wrong δ by hand: the first hint does not print the deck's numbers",
        "answer = 0.5\n",
        ['checks.check_delta_by_hand("answer")'],
        False,
        ("Θ_11^(2) δ_1^(3)",),
        absent=("0.668", "0.324", "0.402"),
        more=True,
    ),
    # --- show the difference ----------------------------------------------------------------------
    Case(
        "one entry of D off by 1e-5",
        """
def backprop(thetas, X, y, lam=0.0):
    D = nn.backprop(thetas, X, y, lam)
    D[0][1, 2] += 1e-5
    return D
""",
        ['checks.check_backprop("backprop")'],
        False,
        ("largest difference at [1, 2]", "yours:\n", "expected:\n"),
    ),
    # --- hostile return values --------------------------------------------------------------------
    Case(
        "a returned object whose __array__ calls sys.exit()",
        """
import sys
class Sneaky:
    def __array__(self, *args, **kwargs):
        sys.exit("gotcha")
def f(*args, **kwargs):
    return Sneaky()
""",
        every_checker(),
        False,
        (),
    ),
    Case(
        "a returned generator",
        "def f(*args, **kwargs):\n    return (x for x in range(3))\n",
        every_checker(),
        False,
        ("generator",),
    ),
    Case(
        "NaN, complex numbers and text as results",
        """
def sigmoid_gradient(z):
    return np.full(np.shape(z), np.nan)
def forward(thetas, X):
    return nn.forward(thetas, X).h + 0j
def cost(thetas, X, y, lam=0.0):
    return "0.5"
""",
        [
            'checks.check_sigmoid_gradient("sigmoid_gradient")',
            'checks.check_forward("forward")',
            'checks.check_cost("cost")',
        ],
        False,
        (),
    ),
    Case(
        "replacing the package's backprop does not fool the checker",
        """
def backprop(thetas, X, y, lam=0.0):
    nn.backprop = lambda thetas, X, y, lam=0.0: [np.zeros_like(t) for t in thetas]
    return nn.backprop(thetas, X, y, lam)
""",
        ['checks.check_backprop("backprop")'],
        False,
        (),
    ),
    Case(
        "a learner that replaces sys.stdout",
        """
import io, sys
def sigmoid_gradient(z):
    sys.stdout = io.StringIO()
    a = nn.sigmoid(z)
    return a * (1 - a)
""",
        ['checks.check_sigmoid_gradient("sigmoid_gradient")'],
        True,
    ),
    Case(
        "a check cell run before its exercise cell",
        "",
        ['checks.check_backprop("backprop")', 'checks.check_delta_by_hand("answer")'],
        False,
        ("is not defined yet: run the exercise cell above first",),
    ),
]


def _run_case(code, calls, limit, conn):
    """In the case's own process: the learner's cell, then each check cell; send the verdicts."""
    import linecache

    import numpy as np

    import nnbp_helpers as nn
    from nnbp_helpers import checks

    if limit is not None:
        checks.set_time_limit(limit)
    filename = "<learner cell>"
    linecache.cache[filename] = (
        len(code),
        None,
        code.splitlines(True),
        filename,
    )  # as IPython does
    ns = {"np": np, "nn": nn, "checks": checks, "__name__": "__main__"}
    exec(compile(code, filename, "exec"), ns)
    out = {}
    for call in calls:
        try:
            r = eval(call, ns)
            out[call] = ("result", bool(r.passed), str(r), str(r.more()))
        except KeyboardInterrupt:
            out[call] = ("KeyboardInterrupt",)
        except BaseException as exc:  # a checker that raised: the test reports it
            out[call] = ("raised", f"{type(exc).__name__}: {str(exc)[:300]}")
    conn.send(out)


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["numpy", "nnbp_helpers"])
    return ctx


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_learner_code_gets_the_right_verdict(case):
    ctx = _context()
    here, there = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_run_case, args=(case.code, case.calls, case.limit, there))
    process.start()
    there.close()
    got = here.recv() if here.poll(PROCESS_LIMIT) else None
    process.join(5)
    if process.is_alive():
        process.kill()
    assert got is not None, (
        f"the process did not answer within {PROCESS_LIMIT} s (exit code {process.exitcode})"
    )
    for call in case.calls:
        outcome = got[call]
        if case.passed is None:
            assert outcome == ("KeyboardInterrupt",), (call, outcome)
            continue
        assert outcome[0] == "result", f"{call} raised instead of answering: {outcome}"
        _, passed, text, more = outcome
        assert passed == case.passed, f"{call}: expected {'✔' if case.passed else '✘'}, got\n{text}"
        for word in case.words:
            where = text + "\n" + more if case.more else text
            assert word in where, f"{call}: {word!r} not in\n{where}"
        for word in case.absent:
            assert word not in text, (
                f"{call}: {word!r} should not be in the first feedback:\n{text}"
            )
        if case.short:
            assert len(text) < case.short, f"{call}: feedback of {len(text)} characters"


def test_there_are_enough_cases_and_verdicts():
    assert len(CASES) >= 40
    assert sum(len(c.calls) for c in CASES) >= 150
