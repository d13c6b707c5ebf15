"""The capstone's checkers (notebook 07) and notebook 06's prediction of J at the start: right
answers pass, classic wrong ones are named, a missing or broken piece is replaced by the reference
and named."""

import math

import numpy as np
import pytest

import nnbp_helpers as nn
from nnbp_helpers import checks
from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK

# --- a learner's five pieces, written as the series asks (rows are instances) ---------------------


def init_weights(layer_sizes, rng=None, epsilon_init=0.12):
    rng = np.random.default_rng(rng)
    return [
        rng.uniform(-epsilon_init, epsilon_init, size=(s_next, s + 1))
        for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])
    ]


def forward(thetas, X):
    a = X
    for theta in thetas:
        a = nn.sigmoid(np.hstack([np.ones((a.shape[0], 1)), a]) @ theta.T)
    return a


def _targets(y, K):
    y = np.asarray(y)
    return (
        y.astype(float)
        if y.ndim == 2
        else y.reshape(-1, 1).astype(float)
        if K == 1
        else np.eye(K)[y]
    )


def cost(thetas, X, y, lam=0.0):
    h = forward(thetas, X)
    Y = _targets(y, h.shape[1])
    data = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / X.shape[0]
    return data + lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in thetas)


def backprop(thetas, X, y, lam=0.0):
    n, K = X.shape[0], thetas[-1].shape[0]
    a = [X]
    for theta in thetas:
        a.append(nn.sigmoid(nn.add_bias(a[-1]) @ theta.T))
    delta = a[-1] - _targets(y, K)
    D = [None] * len(thetas)
    for l in range(len(thetas), 0, -1):
        D[l - 1] = delta.T @ nn.add_bias(a[l - 1]) / n
        D[l - 1][:, 1:] += lam * thetas[l - 1][:, 1:]
        if l > 1:
            delta = (delta @ thetas[l - 1][:, 1:]) * a[l - 1] * (1 - a[l - 1])
    return D


def numerical_gradient(f, vec, epsilon=1e-4):
    theta = np.array(vec, dtype=float)
    grad = np.zeros_like(theta)
    for p in range(theta.size):
        old = theta[p]
        theta[p] = old + epsilon
        f_plus = f(theta)
        theta[p] = old - epsilon
        f_minus = f(theta)
        theta[p] = old
        grad[p] = (f_plus - f_minus) / (2 * epsilon)
    return grad


def stub(*args, **kwargs):
    raise NotImplementedError


MINE = dict(
    init_weights=init_weights,
    forward=forward,
    cost=cost,
    backprop=backprop,
    numerical_gradient=numerical_gradient,
)


# --- the prediction of J at the start (notebook 06) ---------------------------------------------


@pytest.mark.parametrize("answer", [10 * math.log(2), 6.93, np.float64(7.0), np.array(6.6), 7])
def test_initial_cost_accepts_K_log_2(answer):
    result = checks.check_initial_cost(answer)
    assert result.passed, str(result)


def test_initial_cost_is_looked_up_by_name():
    J_at_start = 10 * math.log(2)
    assert checks.check_initial_cost("J_at_start").passed
    del J_at_start
    result = checks.check_initial_cost("J_at_start")
    assert not result.passed and "not defined" in result.message


@pytest.mark.parametrize(
    "answer, named",
    [
        (math.log(2), "one output unit"),
        (10 * math.log10(2), "base-10"),
        (10.0, "base-2"),
        (math.log(10), "softmax"),
        (3.25, "first epoch"),
        (-6.93, "never negative"),
        (0.5, "not what it costs"),
        (7472.0, "averages over the instances"),
        ("6.93", "text, not a number"),
        ([6.9, 1.0], "not a number"),
        (None, "not attempted"),
        (1.5, "not what J is at the start"),
    ],
)
def test_initial_cost_names_the_classic_mistakes(answer, named):
    result = checks.check_initial_cost(answer)
    assert not result.passed and named in result.message, str(result)
    assert "6.93" not in result.hint and "K log 2" not in result.hint, (
        "the first hint gives the answer away"
    )


# --- assembling the learner's network -------------------------------------------------------------


def test_every_piece_of_a_right_network_is_used():
    net = checks.your_network(**MINE)
    assert net.yours == list(MINE) and net.stand_ins() == []
    assert all(getattr(net, name) is fn for name, fn in MINE.items())
    assert "5 of 5" in str(net) and "5 of 5" in net._repr_html_()


def test_missing_and_broken_pieces_are_replaced_by_the_reference_and_named():
    def forward_bias_last(thetas, X):
        a = X
        for theta in thetas:
            a = nn.sigmoid(np.hstack([a, np.ones((a.shape[0], 1))]) @ theta.T)
        return a

    net = checks.your_network(
        init_weights=init_weights,
        forward=forward_bias_last,
        cost=stub,
        backprop=backprop,
        numerical_gradient="no_such_name",
    )
    assert net.stand_ins() == ["forward", "cost", "numerical_gradient"]
    X = np.random.default_rng(0).normal(size=(5, 2))
    thetas = nn.init_weights([2, 3, 2], rng=0)
    np.testing.assert_array_equal(net.forward(thetas, X), nn.forward(thetas, X).h)
    assert net.cost is nn.cost and net.numerical_gradient is nn.numerical_gradient
    text = str(net)
    assert "nn.forward(...).h stands in" in text and "bias unit is in the last column" in text
    assert "nn.cost stands in" in text and "not attempted" in text
    assert "`no_such_name` is not defined yet" in text and "Exercise 7.5" in text


def test_pieces_given_by_name_are_found_where_the_call_was_made():
    init_weights, forward, cost = MINE["init_weights"], MINE["forward"], MINE["cost"]
    backprop, numerical_gradient = MINE["backprop"], MINE["numerical_gradient"]
    net = checks.your_network()
    assert net.yours == list(MINE)
    del init_weights, forward, cost, backprop, numerical_gradient


def test_the_unsolved_notebook_gets_the_reference_everywhere():
    net = checks.your_network(stub, stub, stub, stub, stub)
    assert net.yours == [] and len(net.stand_ins()) == 5
    assert "0 of 5" in str(net)


# --- which step fails first -----------------------------------------------------------------------


def test_a_right_network_passes_all_six_steps():
    result = checks.check_your_network(**MINE)
    assert result.passed and PASS_MARK in str(result), str(result)
    assert len(result.details) == 6


def _bias_regularised(thetas, X, y, lam=0.0):
    D = backprop(thetas, X, y, lam)
    D[0][:, 0] += lam * thetas[0][:, 0]
    return D


def _one_sided(f, vec, epsilon=1e-4):
    theta = np.array(vec, dtype=float)
    f0, grad = f(theta), np.zeros_like(theta)
    for p in range(theta.size):
        theta[p] += epsilon
        grad[p] = (f(theta) - f0) / epsilon
        theta[p] -= epsilon
    return grad


def _same_weights(layer_sizes, rng=None, epsilon_init=0.12):
    return [
        np.full((t, s + 1), epsilon_init / 2) for s, t in zip(layer_sizes[:-1], layer_sizes[1:])
    ]


def _cost_without_lam(thetas, X, y, lam=0.0):
    return cost(thetas, X, y, 0.0)


@pytest.mark.parametrize(
    "piece, wrong, step, named",
    [
        ("init_weights", _same_weights, 1, "every entry"),
        ("cost", _cost_without_lam, 3, "regularisation term is missing"),
        ("backprop", _bias_regularised, 4, "bias column is regularised"),
        ("numerical_gradient", _one_sided, 5, "one-sided"),
        ("backprop", stub, 4, "not attempted"),
    ],
)
def test_the_first_failing_step_is_named(piece, wrong, step, named):
    result = checks.check_your_network(**dict(MINE, **{piece: wrong}))
    assert not result.passed and FAIL_MARK in str(result)
    assert result.message.startswith(f"step {step} "), result.message
    assert named in result.message, str(result)
    assert result.hint, "a failing step comes with its checker's hint"


def test_steps_that_need_a_failing_piece_say_so():
    result = checks.check_your_network(**dict(MINE, backprop=_bias_regularised))
    lines = "\n".join(result.details)
    assert "step 5" in lines and "needs your cost (step 3) and your backprop (step 4)" in lines
    assert "step 6" in lines and "needs your init_weights, cost and backprop" in lines


def test_a_cost_that_ignores_lambda_fails_the_gradient_check_step_too():
    # it passes nothing on its own, but step 5 must not be reported as passing with it
    result = checks.check_your_network(**dict(MINE, cost=_cost_without_lam))
    assert "✘ step 5" in "\n".join(result.details)


def test_a_check_never_raises_whatever_the_pieces_do():
    def explode(*args, **kwargs):
        raise ValueError("boom")

    for piece in MINE:
        result = checks.check_your_network(**dict(MINE, **{piece: explode}))
        assert not result.passed and "boom" in str(result)
    result = checks.check_your_network(**dict(MINE, backprop=42))
    assert not result.passed


def test_a_piece_pasted_under_its_old_name_is_pointed_out():
    cost = stub  # the exercise cell's stub, still in place
    cost_reg = MINE["cost"]  # the learner's function, pasted under notebook 03's name
    net = checks.your_network(init_weights, forward, "cost", backprop, numerical_gradient)
    assert net.stand_ins() == ["cost"]
    assert "cost = cost_reg" in net.verdicts["cost"].hint
    del cost, cost_reg


def test_a_helper_left_behind_is_named_with_where_it_came_from():
    def backprop_with_helper(thetas, X, y, lam=0.0):
        one_hot(y, thetas[-1].shape[0])  # noqa: F821 - the point of the test
        return backprop(thetas, X, y, lam)

    result = checks.check_your_network(**dict(MINE, backprop=backprop_with_helper))
    assert result.message.startswith("step 4 ")
    assert "calls one_hot" in result.hint and "notebook 03" in result.hint
    # pasted into the exercise's own cell, it travels with the function (a grader runs that cell)
    assert "into the cell of Exercise 7.4, above your backprop" in result.hint


def test_the_failing_step_names_its_exercise_and_what_to_paste_there():
    result = checks.check_your_network(**dict(MINE, backprop=stub))
    assert result.message.startswith(
        "step 4 · backprop fails first (Exercise 7.4, your backprop): "
    )
    assert "Paste your backprop from notebook 04 into the cell of Exercise 7.4" in result.hint
    result = checks.check_your_network(**dict(MINE, init_weights=stub))
    assert "Write your init_weights in the cell of Exercise 7.1" in result.hint


def _forward_without_bias(thetas, X):
    a = X
    for theta in thetas:
        a = nn.sigmoid(a @ theta[:, 1:].T)
    return a


def test_a_right_cost_on_a_broken_forward_blames_the_forward():
    namespace = dict(globals(), forward=_forward_without_bias)
    exec(
        compile(
            "def cost(thetas, X, y, lam=0.0):\n"
            "    h = forward(thetas, X)\n"
            "    Y = _targets(y, h.shape[1])\n"
            "    data = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / X.shape[0]\n"
            "    return data + lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in thetas)\n",
            "<learner>",
            "exec",
        ),
        namespace,
    )
    pieces = dict(MINE, forward=namespace["forward"], cost=namespace["cost"])
    net = checks.your_network(**pieces)
    assert net.stand_ins() == ["forward", "cost"]
    verdict = net.verdicts["cost"]
    assert "calls your forward, which does not pass its check yet" in verdict.message
    assert "Exercise 7.2" in verdict.hint and "needs no change" in verdict.hint
    result = checks.check_your_network(**pieces)
    assert result.message.startswith("step 2 · forward propagation fails first (Exercise 7.2")
    assert "✘ step 3 · the cost J(Θ): it calls your forward" in "\n".join(result.details)
    # the learner's cost is left as it was
    assert namespace["cost"].__globals__["forward"] is _forward_without_bias


def test_a_cost_that_is_wrong_on_its_own_is_not_blamed_on_the_forward():
    namespace = dict(globals(), forward=_forward_without_bias)
    exec(
        compile(
            "def cost(thetas, X, y, lam=0.0):\n"
            "    h = forward(thetas, X)\n"
            "    Y = _targets(y, h.shape[1])\n"
            "    return np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / X.shape[0]\n",
            "<learner>",
            "exec",
        ),
        namespace,
    )
    net = checks.your_network(**dict(MINE, forward=namespace["forward"], cost=namespace["cost"]))
    assert "calls your forward" not in net.verdicts["cost"].message


def _numerical_gradient_eps_2(f, vec, epsilon=1e-2):
    return numerical_gradient(f, vec, epsilon)


def test_two_pieces_that_pass_but_disagree_name_the_one_to_look_at():
    result = checks.check_your_network(**dict(MINE, numerical_gradient=_numerical_gradient_eps_2))
    assert result.message.startswith("step 5 · gradient checking"), result.message
    assert (
        "with nn.numerical_gradient in place of your numerical_gradient, they agree"
        in result.message
    )
    assert "its default ε is 0.01" in result.hint


def test_whose_says_who_computes_each_piece():
    net = checks.your_network(**dict(MINE, backprop=stub))
    assert net.whose("forward") == "your forward"
    assert net.whose("backprop") == "nn.backprop (standing in for yours)"
    with pytest.raises(ValueError, match="name"):
        net.whose("train")


def test_a_forward_without_its_bias_weights_is_named_not_given_away():
    result = checks.check_forward(_forward_without_bias)
    assert not result.passed and "bias units are left out" in result.message, str(result)
    assert "add_bias" not in result.hint and "add_bias" in result.further


def test_a_piece_that_fails_only_with_the_others_is_not_used():
    # passes its own check, but its default ε makes the gradient check (step 5) fail: the notebook
    # must not run its gradient check and training on it, or its claims would not hold
    net = checks.your_network(**dict(MINE, numerical_gradient=_numerical_gradient_eps_2))
    assert net.stand_ins() == ["numerical_gradient"]
    assert net.numerical_gradient is nn.numerical_gradient
    verdict = net.verdicts["numerical_gradient"]
    assert verdict.message.startswith("passes its own check, but not step 5"), verdict.message
    assert "with nn.numerical_gradient in its place, step 5 passes" in verdict.message
    assert "its default ε is 0.01" in verdict.hint


def test_the_steps_wrap_on_a_narrow_screen_and_matrices_keep_their_layout():
    html = checks.check_your_network(**dict(MINE, init_weights=stub))._repr_html_()
    assert html.count("white-space:pre-wrap") == 6, "each step's line wraps (a projector is narrow)"
    html = checks.check_backprop(_bias_regularised)._repr_html_()
    assert "white-space:pre'" in html, "a matrix keeps its columns"


# --- pieces that pass their own checks but not together: one verdict, found without recursion ----

_FLOAT32_FORWARD = (
    "def forward(thetas, X):\n"
    "    a = np.asarray(X, dtype=np.float32)\n"
    "    for t in thetas:\n"
    "        ones = np.ones((len(a), 1), np.float32)\n"
    "        a = nn.sigmoid(np.hstack([ones, a]) @ t.T.astype(np.float32))\n"
    "    return a\n"
)
_COST_ON_FORWARD = (
    "def cost(thetas, X, y, lam=0.0):\n"
    "    h = forward(thetas, X)\n"
    "    Y = _targets(y, h.shape[1])\n"
    "    data = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / X.shape[0]\n"
    "    return data + lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in thetas)\n"
)


def _learner(source: str) -> dict:
    """The functions ``source`` defines, in a namespace of their own (as a notebook's)."""
    namespace = dict(globals())
    exec(compile(source, "<learner>", "exec"), namespace)
    return namespace


def test_a_float32_forward_under_a_right_cost_is_named_without_recursion():
    namespace = _learner(_FLOAT32_FORWARD + _COST_ON_FORWARD)
    pieces = dict(MINE, forward=namespace["forward"], cost=namespace["cost"])
    assert checks.check_forward(pieces["forward"]).passed  # each passes its own check
    assert checks.check_cost(pieces["cost"]).passed
    net = checks.your_network(**pieces)  # raised RecursionError
    assert net.stand_ins() == ["forward", "cost"], str(net)
    assert "with nn.forward(...).h in its place, step 5 passes" in net.verdicts["forward"].message
    assert "calls your forward" in net.verdicts["cost"].message
    result = checks.check_your_network(**pieces)
    assert "could not finish" not in result.message, str(result)
    assert result.message.startswith("step 5 · gradient checking"), result.message
    assert "with nn.forward(...).h in place of your forward, they agree" in result.message
    assert "Your forward returns float32 numbers; the check runs in float64" in result.hint


def test_a_cost_that_returns_float32_is_named_with_its_precision():
    def cost32(thetas, X, y, lam=0.0):
        return np.float32(cost(thetas, X, y, lam))

    result = checks.check_your_network(**dict(MINE, cost=cost32))
    assert "could not finish" not in result.message, str(result)
    assert result.message.startswith("step 5 "), result.message
    assert "with nn.cost in place of your cost, they agree" in result.message
    assert "Your cost returns float32 numbers" in result.hint


def test_a_step_no_single_swap_fixes_says_no_single_piece_is_to_blame():
    namespace = _learner(_FLOAT32_FORWARD + _COST_ON_FORWARD)
    pieces = dict(
        MINE,
        forward=namespace["forward"],
        cost=namespace["cost"],
        numerical_gradient=_numerical_gradient_eps_2,
    )
    result = checks.check_your_network(**pieces)
    assert "could not finish" not in result.message, str(result)
    assert "no single piece is to blame" in result.message, result.message
    assert "forward, numerical_gradient, cost, backprop" in result.message
    assert "float32" in result.hint and "float64" in result.hint
    net = checks.your_network(**pieces)
    assert {"forward", "cost", "numerical_gradient", "backprop"} <= set(net.stand_ins())


# --- the package's functions are not the learner's own -------------------------------------------


def _package_pieces() -> dict:
    namespace = _learner(
        "init_weights = nn.init_weights\n"
        "cost = nn.cost\n"
        "backprop = nn.backprop\n"
        "numerical_gradient = nn.numerical_gradient\n"
        "def forward(t, X):\n"
        "    return nn.forward(t, X).h\n"
    )
    return {name: namespace[name] for name in MINE}


def test_the_package_s_functions_are_not_counted_as_the_learner_s():
    net = checks.your_network(**_package_pieces())
    assert net.yours == [], str(net)
    text = str(net)
    assert "0 of 5" in text and text.count("the package's, not yours") == 5, text
    result = checks.check_your_network(**_package_pieces())
    assert not result.passed and "your own code" not in result.message, str(result)
    assert result.message.startswith(
        "init_weights, forward, cost, backprop and numerical_gradient are the package's"
    ), result.message
    assert "does not count as your own" in result.hint and "Exercises 7.1" in result.hint


@pytest.mark.parametrize(
    "source",
    [
        "def backprop(thetas, X, y, lam=0.0):\n    return nn.backprop(thetas, X, y, lam)\n",
        "backprop = lambda thetas, X, y, lam=0.0: (\n"
        "    nnbp_helpers.network.backprop(thetas, X, y, lam))\n",
        "from nnbp_helpers import backprop as bp\n"
        "def backprop(thetas, X, y, lam=0.0):\n"
        "    return [D.copy() for D in bp(thetas, X, y, lam)]\n",
    ],
)
def test_a_thin_wrapper_of_the_package_s_piece_is_the_package_s(source):
    namespace = _learner("import nnbp_helpers\n" + source)
    result = checks.check_your_network(**dict(MINE, backprop=namespace["backprop"]))
    assert not result.passed, str(result)
    assert result.message.startswith("backprop is the package's, not yours"), result.message
    assert (
        "own: paste your own backprop from notebook 04 into the cell of Exercise 7.4" in result.hint
    )


def test_a_piece_that_calls_the_package_for_another_role_is_the_learner_s():
    # a cost on nn.forward, a backprop on nn.sigmoid and nn.add_bias: the learner's own code
    def cost_on_nn_forward(thetas, X, y, lam=0.0):
        h = nn.forward(thetas, X).h
        Y = _targets(y, h.shape[1])
        data = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / X.shape[0]
        return data + lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in thetas)

    result = checks.check_your_network(**dict(MINE, cost=cost_on_nn_forward))
    assert result.passed, str(result)


# --- 07's check of the cost, on a broken forward of the learner's --------------------------------


def _forward_without_g(thetas, X):
    a = X
    for theta in thetas:
        a = np.hstack([np.ones((a.shape[0], 1)), a]) @ theta.T  # z, never g(z)
    return a


@pytest.mark.parametrize("broken", [_forward_without_bias, _forward_without_g, stub])
def test_the_cost_check_blames_a_broken_forward_the_right_cost_calls(broken):
    namespace = _learner(_COST_ON_FORWARD)
    namespace["forward"] = broken
    cost = namespace["cost"]
    result = checks.check_cost("cost")
    assert not result.passed
    assert result.message == (
        "it calls your forward, which does not pass its check yet; with nn.forward(...).h in its "
        "place, your cost passes"
    ), str(result)
    assert result.hint.startswith("Fix your forward first"), result.hint
    assert "Compare each part with the formula" not in str(result) and "log(0)" not in str(result)
    del cost


def test_the_cost_check_still_names_a_cost_wrong_on_its_own_over_a_broken_forward():
    namespace = _learner(_COST_ON_FORWARD.replace("return data +", "return -data +"))
    namespace["forward"] = _forward_without_bias
    result = checks.check_cost(namespace["cost"])
    assert not result.passed and "calls your forward" not in result.message, str(result)
    # a right forward: the cost's own check, unchanged
    namespace["forward"] = forward
    assert "calls your forward" not in checks.check_cost(namespace["cost"]).message


# --- a helper left in another notebook's kernel ---------------------------------------------------


def test_a_missing_helper_s_hint_names_both_causes():
    namespace = _learner(
        "def backprop(thetas, X, y, lam=0.0):\n"
        "    hidden_delta(None, None, None)\n"
        "    return nn.backprop(thetas, X, y, lam)\n"
    )
    result = checks.check_backprop(namespace["backprop"])
    assert not result.passed and "NameError" in result.message, str(result)
    assert result.hint == (
        "`hidden_delta` is not defined in this kernel: run the cell that defines it, or, if it "
        "comes from another notebook, paste it into this exercise cell above the function that "
        "uses it."
    ), result.hint
    assert "did you run the cells above" not in str(result)


def test_a_missing_import_points_at_the_setup_cell():
    namespace = {}  # a kernel whose setup cell has not run
    exec(
        "def init_weights(layer_sizes, rng=None, epsilon_init=0.12):\n    np.zeros(3)\n", namespace
    )
    result = checks.check_init_weights(namespace["init_weights"])
    assert "`np` is not defined in this kernel: run the setup cell" in result.hint, str(result)
