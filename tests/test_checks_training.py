"""The training checkers and the shared crash hints name notebook 06's classic mistakes."""

import math

import numpy as np
import pytest
from conftest import assert_fails

import nnbp_helpers as nn
from nnbp_helpers import checks
from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK, describe_args


def step(thetas, X, y, alpha, lam):
    return [t - alpha * D for t, D in zip(thetas, nn.backprop(thetas, X, y, lam))]


def loop(thetas, X, y, alpha, lam, epochs):
    history = []
    for _ in range(epochs):
        history.append(nn.cost(thetas, X, y, lam))
        thetas = step(thetas, X, y, alpha, lam)
    return thetas, history


def layer_by_layer(thetas, X, y, alpha, lam):
    thetas = list(thetas)
    for l in range(len(thetas)):
        thetas[l] = thetas[l] - alpha * nn.backprop(thetas, X, y, lam)[l]
    return thetas


@pytest.mark.parametrize(
    "mistake, words",
    [
        (
            layer_by_layer,
            [
                "a new backprop, run after Θ^(1) had already changed",
                "once, before any layer changes",
            ],
        ),
        (
            lambda t, X, y, a, l: [x - a * D / len(X) for x, D in zip(t, nn.backprop(t, X, y, l))],
            ["divided the gradient by n again", "already averaged"],
        ),
        (
            lambda t, X, y, a, l: [x - a * (D + l * x) for x, D in zip(t, nn.backprop(t, X, y))],
            ["bias column got the regularisation"],
        ),
        (
            lambda t, X, y, a, l: [x - a * (D + l * x) for x, D in zip(t, nn.backprop(t, X, y, l))],
            ["already contains it"],
        ),
        (lambda t, X, y, a, l: t - a * nn.backprop(t, X, y, l), ["TypeError", "layer by layer"]),
        (
            lambda t, X, y, a, l: np.array(t) - a * np.array(nn.backprop(t, X, y, l)),
            ["layer by layer"],
        ),
    ],
)
def test_gradient_step_mistakes_are_named(mistake, words):
    assert_fails(checks.check_gradient_step(mistake), *words)


def test_gradient_step_in_place_changes_the_callers_weights():
    # The exercise asks for new matrices: an update in place changes the caller's starting weights,
    # so running a cell again (or comparing with nn.train from the same start) starts from trained
    # weights.
    def in_place(thetas, X, y, alpha, lam):
        for t, D in zip(thetas, nn.backprop(thetas, X, y, lam)):
            t -= alpha * D
        return thetas

    assert_fails(
        checks.check_gradient_step(in_place),
        "changed its input `thetas`",
        "Θ^(1)[0, 0] was",
        "network's weights",
    )
    r = checks.check_gradient_step(step)
    assert r.passed and PASS_MARK in str(r) and "changed" not in str(r)


def test_training_loop_mistakes_are_named():
    def swapped(*args):
        thetas, history = loop(*args)
        return history, thetas

    def per_instance(thetas, X, y, alpha, lam, epochs):
        history = []
        for _ in range(epochs):
            history.append(nn.cost(thetas, X, y, lam))
            for i in range(len(X)):
                thetas = step(thetas, X[i : i + 1], y[i : i + 1], alpha, lam)
        return thetas, history

    def history_without_lam(thetas, X, y, alpha, lam, epochs):
        history = []
        for _ in range(epochs):
            history.append(nn.cost(thetas, X, y))
            thetas = step(thetas, X, y, alpha, lam)
        return thetas, history

    assert_fails(
        checks.check_training_loop(swapped), "other way round", "(thetas, history) in that order"
    )
    assert_fails(
        checks.check_training_loop(per_instance), "one step per instance", "one step per epoch"
    )
    assert_fails(
        checks.check_training_loop(history_without_lam),
        "leave out the penalty",
        "nn.cost(thetas, X, y, lam)",
    )


def test_an_unfinished_helper_is_named_not_called_unattempted():
    def gradient_step(thetas, X, y, alpha, lam):
        raise NotImplementedError

    def gradient_descent(thetas, X, y, alpha, lam, epochs):
        history = []
        for _ in range(epochs):
            history.append(nn.cost(thetas, X, y, lam))
            thetas = gradient_step(thetas, X, y, alpha, lam)
        return thetas, history

    def stub(thetas, X, y, alpha, lam, epochs):
        raise NotImplementedError

    r = checks.check_training_loop(gradient_descent)
    assert_fails(r, "gradient_step (called from your code) is not written yet", "nn.backprop")
    assert "not attempted" not in str(r)
    assert_fails(checks.check_training_loop(stub), "not attempted")


def test_scalar_only_functions_get_the_numpy_hint_not_the_shape_paragraph():
    r = checks.check_sigmoid_gradient(lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2)
    assert_fails(r, "np.exp", "math.exp, math.log and float() take one number only")
    assert "Θ^(l) has shape" not in str(r) + r.more()


def test_matrix_product_in_sigmoid_gradient_is_named():
    def matmul(z):
        a = nn.sigmoid(z)
        return a @ (1 - a)

    assert_fails(
        checks.check_sigmoid_gradient(matmul), "@ is the matrix product", "Use * for elementwise"
    )


def test_a_package_function_called_by_its_bare_name():
    def uses_bare_sigmoid(z):
        a = sigmoid(z)  # noqa: F821 (the mistake under test)
        return a * (1 - a)

    assert_fails(checks.check_sigmoid_gradient(uses_bare_sigmoid), "NameError", "nn.sigmoid(...)")

    def uses_undefined(z):
        return undefined_thing * z  # noqa: F821

    r = checks.check_sigmoid_gradient(uses_undefined)
    assert_fails(r, "`undefined_thing` is not defined in this kernel: run the cell that defines it")


def test_arguments_are_described_by_shape_not_like_contents():
    text = describe_args((np.zeros(5), [np.zeros((3, 3)), np.zeros((1, 4))], 0.5))
    assert text == "(array of shape (5,), [array of shape (3, 3), array of shape (1, 4)], 0.5)"


def test_training_checkers_accept_the_reference_and_name_mistakes():
    def late(thetas, X, y, alpha, lam, epochs):
        history = []
        for _ in range(epochs):
            thetas = step(thetas, X, y, alpha, lam)
            history.append(nn.cost(thetas, X, y, lam))
        return thetas, history

    assert checks.check_gradient_step(step).passed
    assert checks.check_training_loop(loop).passed
    cases = [
        (
            checks.check_gradient_step,
            lambda t, X, y, a, l: [x + a * D for x, D in zip(t, nn.backprop(t, X, y, l))],
            "uphill",
        ),
        (
            checks.check_gradient_step,
            lambda t, X, y, a, l: [x - a * D for x, D in zip(t, nn.backprop(t, X, y))],
            "λ",
        ),
        (
            checks.check_gradient_step,
            lambda t, X, y, a, l: [x - D for x, D in zip(t, nn.backprop(t, X, y, l))],
            "α",
        ),
        (checks.check_gradient_step, lambda t, X, y, a, l: None, "None"),
        (checks.check_training_loop, late, "after its step"),
        (checks.check_training_loop, lambda *args: loop(*args)[0], "only the weights"),
        (checks.check_training_loop, lambda t, X, y, a, l, e: (t, [1.0] * e), "never changes"),
        (
            checks.check_training_loop,
            lambda t, X, y, a, l, e: loop(t, X, y, a, l, e + 1),
            "entries",
        ),
        (checks.check_training_loop, lambda *args: 1 / 0, "ZeroDivisionError"),
    ]
    for check, fn, word in cases:
        r = check(fn)
        assert not r.passed and FAIL_MARK in str(r) and word in str(r), str(r)


def test_an_unambiguous_crash_hint_wins_over_a_checkers_own_hint():
    # check_cost and check_forward give their own shape hints for crashes; math.exp / float() on an
    # array is a different, certain cause, and gets the numpy hint in every checker.
    r = checks.check_cost(lambda t, X, y, lam=0.0: float(nn.forward(t, X).h))
    assert not r.passed and "math.exp, math.log and float() take one number only" in str(r), str(r)
    r = checks.check_forward(lambda t, X: math.exp(X))
    assert not r.passed and "math.exp, math.log and float() take one number only" in str(r), str(r)
