"""The checkers for Θ's shapes and one-hot targets accept the right answer, name classic mistakes, never raise."""

import numpy as np
import pytest

from nnbp_helpers import checks
from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK


def theta_shapes(layer_sizes):
    return [(s_next, s + 1) for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]


def one_hot(y, K):
    return np.eye(K)[y]


def _fails_with(check, fn, *words):
    result = check(fn)
    assert not result.passed, f"{check.__name__} accepted a wrong answer"
    text = str(result) + result._repr_html_()
    assert FAIL_MARK in text
    for w in words:
        assert w in str(result), f"{w!r} not in feedback:\n{result}"
    return result


@pytest.mark.parametrize("check, answer", [
    (checks.check_theta_shapes, theta_shapes),
    (checks.check_theta_shapes, lambda sizes: [np.zeros((b, a + 1)).shape for a, b in zip(sizes, sizes[1:])]),
    (checks.check_theta_shapes, lambda sizes: [np.array([b, a + 1]) for a, b in zip(sizes, sizes[1:])]),
    (checks.check_one_hot, one_hot),
    (checks.check_one_hot, lambda y, K: (np.arange(K) == np.asarray(y)[:, None])),  # booleans are fine
])
def test_accepts_right_answers(check, answer):
    result = check(answer)
    assert result.passed, str(result)
    assert PASS_MARK in str(result) and PASS_MARK in result._repr_html_()


@pytest.mark.parametrize("mistake, words", [
    (lambda s: [(a + 1, b) for a, b in zip(s, s[1:])], ["transposed"]),
    (lambda s: [(b, a) for a, b in zip(s, s[1:])], ["bias column is missing"]),
    (lambda s: [(b + 1, a + 1) for a, b in zip(s, s[1:])], ["next layer's bias"]),
    (lambda s: [(a, b + 1) for a, b in zip(s, s[1:])], ["transposed", "wrong layer"]),
    (lambda s: [(b, a + 1) for a, b in zip(s, s[1:] + [1])], ["One matrix per layer", "L − 1"]),
    (lambda s: [(b, a + 1) for a, b in zip(s[:-2], s[1:-1])], ["L − 1"]),
    (lambda s: [np.zeros((b, a + 1)) for a, b in zip(s, s[1:])], ["matrices, not their shapes"]),
    (lambda s: [(b, a + 2) for a, b in zip(s, s[1:])], ["(s_{l+1}, s_l + 1)"]),
    (lambda s: "(3, 3), (1, 4)", ["expected a list"]),
    (lambda s: [(1, 2, 3)], ["not a (rows, columns) pair"]),
    (lambda s: [(1.5, 2)], ["not a (rows, columns) pair"]),
])
def test_theta_shapes_mistakes_are_named(mistake, words):
    _fails_with(checks.check_theta_shapes, mistake, *words)


@pytest.mark.parametrize("mistake, words", [
    (lambda y, K: np.eye(K)[y].T, ["transposed"]),
    (lambda y, K: np.eye(K)[np.asarray(y) - 1], ["starting at 1"]),
    (lambda y, K: np.eye(int(np.max(y)) + 1)[y], ["largest label"]),
    (lambda y, K: np.asarray(y), ["shape"]),
    (lambda y, K: 2 * np.eye(K)[y], ["wrong values"]),
])
def test_one_hot_mistakes_are_named(mistake, words):
    _fails_with(checks.check_one_hot, mistake, *words)


CRASHES = [
    lambda *a, **k: (_ for _ in ()).throw(NotImplementedError()),
    lambda *a, **k: 1 / 0,
    lambda *a, **k: None,
    lambda *a, **k: "text",
    lambda *a, **k: 42,
    lambda *a, **k: [None, None],
    lambda *a, **k: np.full(3, np.nan),
    lambda *a, **k: np.ones((7, 7, 7)),
    lambda *a, **k: {"a": 1},
    lambda *a, **k: [[object(), object()]],
]


@pytest.mark.parametrize("check", [checks.check_theta_shapes, checks.check_one_hot])
@pytest.mark.parametrize("bad", CRASHES)
def test_broken_learner_code_gets_feedback_not_a_traceback(check, bad):
    result = check(bad)
    assert not result.passed and result.message and FAIL_MARK in str(result)


@pytest.mark.parametrize("check", [checks.check_theta_shapes, checks.check_one_hot])
def test_not_attempted_and_not_a_function(check):
    r = check(lambda *a: (_ for _ in ()).throw(NotImplementedError()))
    assert not r.passed and "not attempted" in r.message
    r = check(None)
    assert not r.passed and "function" in r.message


def test_cost_checkers_for_the_stable_exercise():
    """The reference passes the saturation check (Exercise 3.4) and the λ = 0 check (Exercise 3.2)."""
    import nnbp_helpers as nn
    assert checks.check_cost(nn.cost, saturation=True).passed
    assert checks.check_cost(lambda t, X, y, lam=0.0: nn.cost(t, X, y, 0.0), regularised=False).passed


def _anything():
    from hypothesis import strategies as st
    leaf = st.one_of(st.none(), st.integers(-5, 500), st.floats(allow_nan=True), st.text(max_size=3),
                     st.tuples(st.integers(-3, 500), st.integers(-3, 500)))
    return st.recursive(leaf, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner), max_leaves=8)


def test_no_return_value_makes_a_checker_raise():
    """Whatever a learner's function returns, the checkers answer with a verdict, never an exception."""
    from hypothesis import given

    @given(_anything())
    def run(value):
        for check in (checks.check_theta_shapes, checks.check_one_hot):
            result = check(lambda *a, **k: value)
            assert not result.passed and result.message
    run()
