"""Each checker accepts the reference, rejects classic mistakes by name, and never raises."""

import numpy as np
import pytest
from conftest import CRASHES, assert_fails

import nnbp_helpers as nn
from nnbp_helpers import checks
from nnbp_helpers.checks._base import PASS_MARK


def forward_h(thetas, X):
    return nn.forward(thetas, X).h


REFERENCES = [
    (checks.check_sigmoid_gradient, nn.sigmoid_gradient),
    (checks.check_forward, forward_h),
    (checks.check_init_weights, nn.init_weights),
    (checks.check_cost, nn.cost),
    (checks.check_backprop, nn.backprop),
    (checks.check_backprop, nn.backprop_loop),
    (checks.check_numerical_gradient, nn.numerical_gradient),
]


@pytest.mark.parametrize("check, reference", REFERENCES, ids=lambda x: getattr(x, "__name__", ""))
def test_accepts_the_reference(check, reference):
    result = check(reference)
    assert result.passed, str(result)
    assert PASS_MARK in str(result) and PASS_MARK in result._repr_html_()


def test_cost_checker_demands_stability_only_when_asked():
    def naive(thetas, X, y, lam=0.0):
        h = nn.forward(thetas, X).h
        y = np.asarray(y)
        Y = y if y.ndim == 2 else np.eye(h.shape[1])[y] if h.shape[1] > 1 else y.reshape(-1, 1)
        return -np.mean(np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h), axis=1)) + lam / 2 * sum(
            np.sum(t[:, 1:] ** 2) for t in thetas
        )

    assert checks.check_cost(naive).passed
    r = checks.check_cost(naive, saturation=True)
    assert not r.passed and "logaddexp" in r.hint


@pytest.mark.parametrize(
    "check", [c for c, _ in REFERENCES[:-2]] + [checks.check_numerical_gradient]
)
@pytest.mark.parametrize("bad", CRASHES)
def test_broken_learner_code_gets_feedback_not_a_traceback(check, bad):
    result = check(bad)
    assert not result.passed and result.message


def test_not_a_function():
    r = checks.check_cost(3)
    assert not r.passed and "function" in r.message


def test_sigmoid_gradient_mistakes():
    assert_fails(checks.check_sigmoid_gradient(nn.sigmoid), "g(z) itself")
    assert_fails(checks.check_sigmoid_gradient(lambda z: z * (1 - z)), "z (1 − z)")
    assert_fails(
        checks.check_sigmoid_gradient(lambda z: (_ for _ in ()).throw(NotImplementedError())),
        "not attempted",
    )


def test_forward_mistakes():
    def no_output_sigmoid(thetas, X):
        a = X
        for l, t in enumerate(thetas):
            z = nn.add_bias(a) @ t.T
            a = nn.sigmoid(z) if l < len(thetas) - 1 else z
        return a

    def no_bias(thetas, X):
        a = X
        for t in thetas:
            a = nn.sigmoid(a @ t.T)
        return a

    assert_fails(checks.check_forward(no_output_sigmoid), "missing its sigmoid")
    assert_fails(checks.check_forward(no_bias), "raised ValueError", "column of ones")
    assert_fails(checks.check_forward(lambda t, X: forward_h(t, X).T), "transposed")


def test_init_weights_mistakes():
    def zeros(sizes, rng=None, epsilon_init=0.12):
        return [np.zeros((b, a + 1)) for a, b in zip(sizes, sizes[1:])]

    assert_fails(checks.check_init_weights(zeros), "symmetry")

    def no_bias(sizes, rng=None, epsilon_init=0.12):
        rng = np.random.default_rng(rng)
        return [rng.uniform(-epsilon_init, epsilon_init, (b, a)) for a, b in zip(sizes, sizes[1:])]

    assert_fails(checks.check_init_weights(no_bias), "bias column is missing")

    def positive(sizes, rng=None, epsilon_init=0.12):
        rng = np.random.default_rng(rng)
        return [rng.uniform(0, epsilon_init, (b, a + 1)) for a, b in zip(sizes, sizes[1:])]

    assert_fails(checks.check_init_weights(positive), "whole interval")

    def fixed_seed(sizes, rng=None, epsilon_init=0.12):
        return nn.init_weights(sizes, 0, epsilon_init)

    assert_fails(checks.check_init_weights(fixed_seed), "different seeds")


@pytest.mark.parametrize(
    "mistake, words",
    [
        (lambda t, X, y, lam=0.0: -nn.cost(t, X, y, lam), ["sign is flipped"]),
        (
            lambda t, X, y, lam=0.0: (
                nn.cost(t, X, y, 0.0) * len(X) + lam / 2 * sum(np.sum(th[:, 1:] ** 2) for th in t)
            ),
            ["not averaged"],
        ),
        (
            lambda t, X, y, lam=0.0: (
                nn.cost(t, X, y, 0.0) + lam / 2 * sum(np.sum(th**2) for th in t)
            ),
            ["bias column is regularised"],
        ),
        (
            lambda t, X, y, lam=0.0: (
                nn.cost(t, X, y, 0.0) + lam / (2 * len(X)) * sum(np.sum(th[:, 1:] ** 2) for th in t)
            ),
            ["λ/(2n)"],
        ),
        (lambda t, X, y, lam=0.0: nn.cost(t, X, y, 0.0), ["regularisation term is missing"]),
    ],
)
def test_cost_mistakes(mistake, words):
    assert_fails(checks.check_cost(mistake), *words)


def test_backprop_mistakes_are_named():
    def no_gprime(thetas, X, y, lam=0.0):
        fp = nn.forward(thetas, X)
        d = nn.deltas(thetas, X, y)
        # recompute hidden deltas without g'
        L = fp.L
        dd = {L: d[L]}
        for l in range(L - 1, 1, -1):
            dd[l] = dd[l + 1] @ thetas[l - 1][:, 1:]
        out = []
        for l, t in enumerate(thetas, 1):
            D = dd[l + 1].T @ nn.add_bias(fp.a[l]) / len(X)
            D[:, 1:] += lam * t[:, 1:]
            out.append(D)
        return out

    def reg_bias(thetas, X, y, lam=0.0):
        return [
            D - 0 + np.column_stack([lam * t[:, 0], np.zeros_like(t[:, 1:])])
            for D, t in zip(nn.backprop(thetas, X, y, lam), thetas)
        ]

    def no_average(thetas, X, y, lam=0.0):
        return [D * len(X) for D in nn.backprop(thetas, X, y, 0.0)]

    def flipped(thetas, X, y, lam=0.0):
        return [-D for D in nn.backprop(thetas, X, y, 0.0)]

    assert_fails(checks.check_backprop(no_gprime), "the factor g'(z^(l)) is missing")
    assert_fails(checks.check_backprop(reg_bias), "bias column is regularised")
    assert_fails(checks.check_backprop(no_average), "not divided by n")
    assert_fails(checks.check_backprop(flipped), "sign is flipped")
    assert_fails(
        checks.check_backprop(lambda t, X, y, lam=0.0: nn.backprop(t, X, y, lam)[:-1]), "list of"
    )


def test_numerical_gradient_mistakes():
    def one_sided(f, vec, epsilon=1e-4):
        g = np.zeros_like(vec)
        for p in range(len(vec)):
            e = np.zeros_like(vec)
            e[p] = epsilon
            g[p] = (f(vec + e) - f(vec)) / epsilon
        return g

    def twice(f, vec, epsilon=1e-4):
        return 2 * nn.numerical_gradient(f, vec, epsilon)

    def no_epsilon(f, vec):
        return nn.numerical_gradient(f, vec)

    assert_fails(checks.check_numerical_gradient(one_sided), "one-sided")
    assert_fails(checks.check_numerical_gradient(twice), "twice")
    assert_fails(checks.check_numerical_gradient(no_epsilon), "epsilon")
