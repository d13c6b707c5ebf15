"""The checkers of notebooks 04 and 05: the hidden δ step and the planted-bug hunt.

Each accepts the reference, names the classic mistakes, and never raises.
"""

import numpy as np
import pytest

import nnbp_helpers as nn
from nnbp_helpers import checks
from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK


def hidden_delta(theta, delta_next, a):
    return (delta_next @ theta[:, 1:]) * a * (1 - a)


def _fails_with(result, *words):
    text = str(result)
    assert not result.passed and FAIL_MARK in text, text
    for w in words:
        assert w in text, f"{w!r} not in feedback:\n{text}"


# --- check_hidden_delta -------------------------------------------------------------------

def test_hidden_delta_accepts_the_reference_and_the_package():
    r = checks.check_hidden_delta(hidden_delta)
    assert r.passed and PASS_MARK in str(r) and PASS_MARK in r._repr_html_(), str(r)

    def from_package(theta, delta_next, a):  # the same step as nn.deltas, written with the slide's column vectors
        return np.stack([(theta.T @ d)[1:] * ai * (1 - ai) for d, ai in zip(delta_next, a)])
    assert checks.check_hidden_delta(from_package).passed


def test_hidden_delta_is_the_packages_delta_recursion():
    thetas = nn.init_weights([3, 4, 4, 2], rng=1, epsilon_init=1.0)
    X = np.random.default_rng(2).normal(size=(5, 3))
    y = np.array([0, 1, 1, 0, 1])
    d, fp = nn.deltas(thetas, X, y), nn.forward(thetas, X)
    for l in (3, 2):
        np.testing.assert_allclose(hidden_delta(thetas[l - 1], d[l + 1], fp.a[l]), d[l], rtol=1e-12)


@pytest.mark.parametrize("mistake, words", [
    (lambda t, d, a: d @ t[:, 1:], ["g'(z^(l)) is missing"]),
    (lambda t, d, a: (d @ t[:, 1:]) * nn.sigmoid_gradient(a), ["applied to a^(l) rather than to z^(l)"]),
    (lambda t, d, a: (d @ t[:, :-1]) * a * (1 - a), ["wrong column", "theta[:, 1:]"]),
    (lambda t, d, a: (d @ t[:, 1:]) * a, ["a^(l) .* (1 − a^(l))"]),
    (lambda t, d, a: (d @ t) * nn.add_bias(a) * (1 - nn.add_bias(a)), ["bias row", "one column too many"]),
    (lambda t, d, a: d @ t, ["bias row"]),
    (lambda t, d, a: -hidden_delta(t, d, a), ["wrong values", "delta_next @ theta[:, 1:]"]),
    (lambda t, d, a: t.T @ d.T, ["column-vector form", "delta_next @ theta"]),
])
def test_hidden_delta_names_classic_mistakes(mistake, words):
    _fails_with(checks.check_hidden_delta(mistake), *words)


@pytest.mark.parametrize("bad", [
    lambda *a: (_ for _ in ()).throw(NotImplementedError()),
    lambda *a: 1 / 0,
    lambda *a: None,
    lambda *a: "text",
    lambda *a: np.full((1, 3), np.nan),
    "not a function",
])
def test_hidden_delta_turns_crashes_into_feedback(bad):
    r = checks.check_hidden_delta(bad)
    assert not r.passed and r.message


def test_hidden_delta_does_not_let_the_learner_change_the_cases():
    def in_place(theta, delta_next, a):
        theta[:] = 0
        a *= 2
        return hidden_delta(theta, delta_next, a)
    _fails_with(checks.check_hidden_delta(in_place))
    assert checks.check_hidden_delta(hidden_delta).passed


# --- the planted bug ----------------------------------------------------------------------

def _per_layer(backprop_fn, thetas, X, y, lam):
    sizes = [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]
    approx = nn.roll(nn.numerical_gradient(lambda v: nn.cost(nn.roll(v, sizes), X, y, lam), nn.unroll(thetas)),
                     sizes)
    return [nn.relative_difference(D, G) for D, G in zip(backprop_fn(thetas, X, y, lam), approx)]


def test_the_planted_bug_is_found_by_a_gradient_check_only_when_lam_is_positive():
    thetas = nn.init_weights([4, 5, 5, 3], rng=0, epsilon_init=1.0)
    X = np.random.default_rng(1).normal(size=(8, 4))
    y = np.arange(8) % 3
    clean = _per_layer(checks.suspect_backprop, thetas, X, y, 0.0)
    assert max(clean) < 1e-7, clean                    # λ = 0: the buggy line never matters
    regularised = _per_layer(checks.suspect_backprop, thetas, X, y, 0.5)
    assert regularised[0] > 1e-3 and max(regularised[1:]) < 1e-7, regularised
    assert int(np.argmax(regularised)) + 1 == checks.gradcheck.PLANTED_BUG_LAYER


def test_planted_bug_checker_accepts_the_right_layer_in_any_numeric_form():
    for answer in (1, np.int64(1), 1.0):
        assert checks.check_planted_bug(answer).passed


@pytest.mark.parametrize("answer, words", [
    (None, ["not attempted"]),
    (0, ["Python list index"]),
    (2, ["D^(2) is not the one", "λ > 0"]),
    (3, ["D^(3) is not the one"]),
    (-1, ["no D^(-1)"]),
    (1.5, ["whole number"]),
    ("1", ["whole number"]),
    (True, ["whole number"]),
])
def test_planted_bug_checker_explains_wrong_answers(answer, words):
    _fails_with(checks.check_planted_bug(answer), *words)
