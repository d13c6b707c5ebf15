"""The checkers of notebooks 04 and 05: the hidden δ step and the planted-bug hunt.

Each accepts the reference, names the classic mistakes, and never raises.
"""

import numpy as np
import pytest
from conftest import CRASHES, assert_fails

import nnbp_helpers as nn
from nnbp_helpers import checks
from nnbp_helpers.checks._base import PASS_MARK
from nnbp_helpers.checks.gradcheck import PLANTED_BUG_LAYER


def hidden_delta(theta, delta_next, a):
    return (delta_next @ theta[:, 1:]) * a * (1 - a)


# --- check_hidden_delta -------------------------------------------------------------------


def test_hidden_delta_accepts_the_reference_and_the_package():
    r = checks.check_hidden_delta(hidden_delta)
    assert r.passed and PASS_MARK in str(r) and PASS_MARK in r._repr_html_(), str(r)

    def from_package(
        theta, delta_next, a
    ):  # the same step as nn.deltas, written with the slide's column vectors
        return np.stack([(theta.T @ d)[1:] * ai * (1 - ai) for d, ai in zip(delta_next, a)])

    assert checks.check_hidden_delta(from_package).passed


def test_hidden_delta_is_the_packages_delta_recursion():
    thetas = nn.init_weights([3, 4, 4, 2], rng=1, epsilon_init=1.0)
    X = np.random.default_rng(2).normal(size=(5, 3))
    y = np.array([0, 1, 1, 0, 1])
    d, fp = nn.deltas(thetas, X, y), nn.forward(thetas, X)
    for l in (3, 2):
        np.testing.assert_allclose(hidden_delta(thetas[l - 1], d[l + 1], fp.a[l]), d[l], rtol=1e-12)


@pytest.mark.parametrize(
    "mistake, words",
    [
        (lambda t, d, a: d @ t[:, 1:], ["g'(z^(l)) is missing"]),
        (
            lambda t, d, a: (d @ t[:, 1:]) * nn.sigmoid_gradient(a),
            ["applied to a^(l) rather than to z^(l)"],
        ),
        (lambda t, d, a: (d @ t[:, :-1]) * a * (1 - a), ["wrong column", "theta[:, 1:]"]),
        (lambda t, d, a: (d @ t[:, 1:]) * a, ["a^(l) .* (1 − a^(l))"]),
        (
            lambda t, d, a: (d @ t) * nn.add_bias(a) * (1 - nn.add_bias(a)),
            ["bias row", "one column too many"],
        ),
        (lambda t, d, a: d @ t, ["bias row"]),
        (lambda t, d, a: -hidden_delta(t, d, a), ["sign is flipped", "delta_next @ theta[:, 1:]"]),
        (lambda t, d, a: t.T @ d.T, ["column-vector form", "delta_next @ theta"]),
    ],
)
def test_hidden_delta_names_classic_mistakes(mistake, words):
    assert_fails(checks.check_hidden_delta(mistake), *words)


@pytest.mark.parametrize(
    "bad",
    [
        lambda *a: (_ for _ in ()).throw(NotImplementedError()),
        lambda *a: 1 / 0,
        lambda *a: None,
        lambda *a: "text",
        lambda *a: np.full((1, 3), np.nan),
        "not a function",
    ],
)
def test_hidden_delta_turns_crashes_into_feedback(bad):
    r = checks.check_hidden_delta(bad)
    assert not r.passed and r.message


def test_hidden_delta_first_case_is_not_degenerate():
    # the slide's column form, literally: broadcasts silently when n = s_{l+1} = 1, must not pass
    # here
    def slide_literally(theta, delta_next, a):
        return (theta.T @ delta_next)[1:] * a * (1 - a)

    assert_fails(checks.check_hidden_delta(slide_literally), "raised", "theta.T @ delta_next")
    label, theta, delta_next, a, _ = checks.backprop._hidden_delta_cases()[0]
    n, s_l, s_next = a.shape[0], a.shape[1], delta_next.shape[1]
    assert n >= 2 and s_next >= 2 and len({n, s_l, s_l + 1, s_next}) == 4, label


def test_hidden_delta_crash_from_keeping_the_bias_column_gets_a_backward_hint():
    r = checks.check_hidden_delta(lambda t, d, a: (d @ t) * a * (1 - a))
    assert_fails(
        r,
        "broadcast",
        "δ^(3) of layer_sizes [4, 3, 3, 2]",
        "delta_next @ theta has s_l + 1 columns but a has s_l",
        "theta[:, 1:]",
    )
    assert "a @ Θ.T" not in str(r) and "prepend" not in str(r)


@pytest.mark.parametrize(
    "mistake",
    [
        lambda t, d, a: hidden_delta(t, d, a).T,  # (s_l, n): transposed
        lambda t, d, a: (t[:, 1:].T @ d.T) * a.T * (1 - a.T),  # (s_l, n): columns as instances
        lambda t, d, a: (t[:, 1:].T @ d.T) @ (a * (1 - a)),  # (s_l, s_l)
    ],
)
def test_hidden_delta_names_the_column_vector_form_by_its_shape(mistake):
    r = checks.check_hidden_delta(mistake)
    assert_fails(
        r,
        "column-vector form from the slide",
        "each instance is a row",
        "delta_next @ theta[:, 1:]",
    )
    assert "a @ Θ.T" not in str(r)


def test_hidden_delta_does_not_let_the_learner_change_the_cases():
    def in_place(theta, delta_next, a):
        theta[:] = 0
        a *= 2
        return hidden_delta(theta, delta_next, a)

    assert_fails(checks.check_hidden_delta(in_place))
    assert checks.check_hidden_delta(hidden_delta).passed


# --- check_backprop: the mistakes of Exercise 4.2 ------------------------------------------


def test_backprop_always_one_hot_gets_the_target_matrix_hint():
    def always_one_hot(thetas, X, y, lam=0.0):
        K = thetas[-1].shape[0]
        Y = np.eye(K)[y] if K > 1 else np.asarray(y, dtype=float).reshape(-1, 1)
        return nn.backprop(thetas, X, Y, lam)

    assert_fails(
        checks.check_backprop(always_one_hot),
        "IndexError",
        "one-hot targets",
        "y may already be an (n, K) target matrix",
    )


def test_backprop_other_crashes_keep_the_generic_hint():
    r = checks.check_backprop(lambda thetas, X, y, lam=0.0: [X @ t for t in thetas])
    assert_fails(r, "layer_sizes [2, 3, 1], one instance", "shape mismatch")
    assert "target matrix" not in str(r)


def test_backprop_names_sigmoid_gradient_of_a():
    def twice_g(thetas, X, y, lam=0.0):
        fp, L, n = nn.forward(thetas, X), len(thetas) + 1, X.shape[0]
        delta = {L: nn.deltas(thetas, X, y)[L]}
        for l in range(L - 1, 1, -1):
            delta[l] = (delta[l + 1] @ thetas[l - 1][:, 1:]) * nn.sigmoid_gradient(fp.a[l])
        D = []
        for l, theta in enumerate(thetas, start=1):
            D_l = delta[l + 1].T @ nn.add_bias(fp.a[l]) / n
            D_l[:, 1:] += lam * theta[:, 1:]
            D.append(D_l)
        return D

    assert_fails(
        checks.check_backprop(twice_g),
        "applied to a^(l) rather than to z^(l)",
        "a^(l) is already g(z^(l))",
    )


def test_backprop_names_a_reversed_list():
    assert_fails(
        checks.check_backprop(lambda thetas, X, y, lam=0.0: nn.backprop(thetas, X, y, lam)[::-1]),
        "reverse order",
        "the list must start with D^(1)",
    )


# --- check_numerical_gradient -------------------------------------------------------------


def test_numerical_gradient_names_the_missing_parentheses():
    def no_parentheses(f, vec, epsilon=1e-4):
        theta, g = np.array(vec, dtype=float), np.zeros(len(vec))
        for p in range(theta.size):
            old = theta[p]
            theta[p] = old + epsilon
            fp = f(theta)
            theta[p] = old - epsilon
            fm = f(theta)
            theta[p] = old
            g[p] = (fp - fm) / 2 * epsilon
        return g

    assert_fails(
        checks.check_numerical_gradient(no_parentheses), "ε² = 1e-08 times", "Use / (2 * epsilon)"
    )


def _in_place(restore):
    def numerical_gradient(f, vec, epsilon=1e-4):  # perturbs the caller's vec itself
        g = np.zeros(len(vec))
        for p in range(vec.size):
            old = vec[p]
            vec[p] = old + epsilon
            fp = f(vec)
            vec[p] = old - epsilon
            fm = f(vec)
            if restore:
                vec[p] = old
            g[p] = (fp - fm) / (2 * epsilon)
        return g

    return numerical_gradient


def test_numerical_gradient_must_leave_the_callers_vec_unchanged():
    assert_fails(
        checks.check_numerical_gradient(_in_place(restore=False)),
        "changed its input `vec`",
        "vec[0] was 0.3, is now 0.2999",
        "network's weights",
        "copy",
    )
    assert checks.check_numerical_gradient(_in_place(restore=True)).passed  # put back exactly: fine


def test_numerical_gradient_checker_still_reports_crashes_and_non_functions():
    assert_fails(checks.check_numerical_gradient("not a function"), "expected a function")
    r = checks.check_numerical_gradient(lambda f, vec, epsilon=1e-4: 1 / 0)
    assert_fails(r, "ZeroDivisionError")


# --- the planted bug ----------------------------------------------------------------------


def _per_layer(backprop_fn, thetas, X, y, lam):
    sizes = [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]
    approx = nn.roll(
        nn.numerical_gradient(lambda v: nn.cost(nn.roll(v, sizes), X, y, lam), nn.unroll(thetas)),
        sizes,
    )
    return [nn.relative_difference(D, G) for D, G in zip(backprop_fn(thetas, X, y, lam), approx)]


def test_the_planted_bug_is_found_by_a_gradient_check_only_when_lam_is_positive():
    thetas = nn.init_weights([4, 5, 5, 3], rng=0, epsilon_init=1.0)
    X = np.random.default_rng(1).normal(size=(8, 4))
    y = np.arange(8) % 3
    clean = _per_layer(nn.exercises.suspect_backprop, thetas, X, y, 0.0)
    assert max(clean) < 1e-7, clean  # λ = 0: the buggy line never matters
    regularised = _per_layer(nn.exercises.suspect_backprop, thetas, X, y, 0.5)
    assert regularised[0] > 1e-3 and max(regularised[1:]) < 1e-7, regularised
    assert int(np.argmax(regularised)) + 1 == PLANTED_BUG_LAYER


def test_planted_bug_checker_accepts_the_right_layer_in_any_numeric_form():
    for answer in (1, np.int64(1), 1.0):
        assert checks.check_planted_bug(answer).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        (None, ["not attempted"]),
        (4, ["no D^(4)", "this network has D^(1)…D^(3)"]),
        (0, ["Python list index"]),
        (2, ["D^(2) is not the one", "λ > 0"]),
        (3, ["D^(3) is not the one"]),
        (-1, ["no D^(-1)"]),
        (1.5, ["whole number"]),
        ("1", ["text", "without quotes"]),
        (True, ["not a number"]),
    ],
)
def test_planted_bug_checker_explains_wrong_answers(answer, words):
    assert_fails(checks.check_planted_bug(answer), *words)


def test_planted_bug_hints_keep_the_answer_out_of_the_unattempted_message():
    assert "λ" not in str(checks.check_planted_bug(None))  # the exercise asks what λ changes
    assert "λ > 0" not in str(checks.check_planted_bug(2))  # not in the first hint either
    assert "λ > 0" in checks.check_planted_bug(2).more()  # only on request


# --- check_tanh_hidden_delta: the derived variant, against a finite difference ------------------


def tanh_hidden_delta(theta, delta_next, a):
    return (delta_next @ theta[:, 1:]) * (1 - a**2)


def test_tanh_hidden_delta_accepts_the_derivation():
    r = checks.check_tanh_hidden_delta(tanh_hidden_delta)
    assert r.passed and "finite difference" in r.message, str(r)


def test_the_tanh_checker_compares_with_a_finite_difference_not_a_formula():
    from nnbp_helpers.checks.backprop import (
        _hidden_delta_cases,
        tanh_delta_by_finite_difference,
        tanh_network,
    )

    cases = _hidden_delta_cases(tanh=True)
    assert len(cases) == 5
    for _, theta, delta_next, a, want in cases:  # the formula agrees with the definition
        np.testing.assert_allclose(tanh_hidden_delta(theta, delta_next, a), want, atol=1e-9)
    thetas = nn.init_weights([3, 4, 4, 2], rng=5, epsilon_init=1.0)
    X, y = np.random.default_rng(6).normal(size=(5, 3)), np.array([0, 1, 1, 0, 1])
    _, d = tanh_network(thetas, X, y)
    for l in (3, 2):
        np.testing.assert_allclose(
            tanh_delta_by_finite_difference(thetas, X, y, l), d[l], rtol=1e-7, atol=1e-10
        )


@pytest.mark.parametrize(
    "mistake, words",
    [
        (hidden_delta, ["the sigmoid's slope", "tanh units", "1 - a ** 2"]),
        (lambda t, d, a: (d @ t[:, 1:]) * (1 - a), ["the square is missing"]),
        (lambda t, d, a: (d @ t[:, 1:]) * (1 - a) ** 2, ["the whole difference is squared"]),
        (lambda t, d, a: (d @ t[:, 1:]) * (1 - np.tanh(a) ** 2), ["tanh applied twice"]),
        (lambda t, d, a: (d @ t[:, 1:]) * (1 + a**2), ["sign inside is flipped"]),
        (lambda t, d, a: d @ t[:, 1:], ["g'(z^(l)) is missing"]),
        (lambda t, d, a: (d @ t[:, :-1]) * (1 - a**2), ["wrong column"]),
        (lambda t, d, a: -tanh_hidden_delta(t, d, a), ["sign is flipped"]),
    ],
)
def test_tanh_hidden_delta_names_classic_mistakes(mistake, words):
    assert_fails(checks.check_tanh_hidden_delta(mistake), *words)


def test_tanh_hidden_delta_first_hint_keeps_the_answer_back():
    r = checks.check_tanh_hidden_delta(hidden_delta)  # the sigmoid's step, copied from 4.1
    assert "1 - a ** 2" not in str(r) and "1 − a²" not in str(r)
    assert "1 - a ** 2" in r.more()


@pytest.mark.parametrize("bad", [*CRASHES, "not a function"])
def test_tanh_hidden_delta_turns_crashes_into_feedback(bad):
    r = checks.check_tanh_hidden_delta(bad)
    assert not r.passed and r.message


# --- check_equal_weights: the symmetry, predicted -----------------------------------------------


def test_equal_weights_prediction_is_what_backprop_gives():
    X = np.random.default_rng(26).normal(size=(40, 3))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    D1 = nn.backprop([np.full((4, 4), 0.5), np.full((2, 5), 0.5)], X, y, 0.1)[0]
    assert np.all(D1 == D1[0]) and len(np.unique(D1[0])) == 4  # equal rows, different columns
    for answer in ("c", "C", "(c)", "c)", " c) every row of D^(1) is the same"):
        assert checks.check_equal_weights(answer).passed, answer


@pytest.mark.parametrize(
    "answer, words",
    [
        ("a", ["zero only when no blame reaches layer 2", "every weight is 0.5"]),
        ("b", ["every input x_j", "bias unit"]),
        ("d", ["rows and columns are swapped"]),
        ("e", ["the instances do differ", "same weights in and the same weights out"]),
        (None, ["not attempted yet (symmetry is still None)"]),
        ("f", ["not one of the choices"]),
        (3, ["not one of the choices"]),
    ],
)
def test_equal_weights_names_the_wrong_choices(answer, words):
    r = assert_fails(checks.check_equal_weights(answer), *words)
    assert "every row of D^(1) is the same" not in str(r) or answer == "c"


# --- the predictions of notebook 05 -------------------------------------------------------------


def test_gradapprox_count_is_what_numerical_gradient_does():
    sizes = [10, 8, 3]
    thetas = nn.init_weights(sizes, rng=0)
    X, y = np.random.default_rng(1).normal(size=(50, 10)), np.arange(50) % 3
    calls = []

    def J(vec):
        calls.append(1)
        return nn.cost(nn.roll(vec, sizes), X, y)

    nn.numerical_gradient(J, nn.unroll(thetas))
    assert len(calls) == 230
    for answer in (230, 230.0, np.int64(230), np.array(230)):
        assert checks.check_gradapprox_count(answer).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        (115, ["one evaluation per weight"]),
        (116, ["one-sided"]),
        (231, ["J(θ) itself"]),
        (11500, ["one evaluation of J covers all 50"]),
        (208, ["bias weights are missing"]),
        (270, ["bias unit"]),
        (22, ["counts units"]),
        (100, ["not the count"]),
        ("230", ["text"]),
        (None, ["not attempted"]),
    ],
)
def test_gradapprox_count_names_classic_wrong_counts(answer, words):
    r = assert_fails(checks.check_gradapprox_count(answer), *words)
    assert "230" not in str(r).replace(str(answer), "")


def test_double_gradient_is_one_third_for_any_gradient():
    g = np.random.default_rng(3).normal(size=17)
    assert nn.relative_difference(2 * g, g) == pytest.approx(1 / 3)
    for answer in (1 / 3, 0.33, 0.333, np.float64(1 / 3)):
        assert checks.check_double_gradient(answer).passed, answer


@pytest.mark.parametrize(
    "answer, words",
    [
        (1, ["relative to gradApprox alone"]),
        (1.0, ["relative to gradApprox alone"]),
        (0.5, ["‖DVec‖"]),
        (2, ["ratio"]),
        (3, ["upside down"]),
        (1 / 9, ["squared norms"]),
        (0, ["equal"]),
        (0.3, ["too rounded"]),
        (0.7, ["not the relative difference"]),
        (None, ["not attempted yet (predicted_rd is still None)"]),
    ],
)
def test_double_gradient_names_classic_wrong_values(answer, words):
    r = assert_fails(checks.check_double_gradient(answer), *words)
    assert "1/3" not in str(r) and "0.33" not in str(r)


def test_bug_layers_are_what_the_gradient_check_shows():
    thetas = nn.init_weights([4, 5, 5, 3], rng=5, epsilon_init=1.0)
    X, y = np.random.default_rng(6).normal(size=(20, 4)), np.arange(20) % 3

    def no_gprime(thetas, X, y, lam):
        fp, n, L = nn.forward(thetas, X), X.shape[0], len(thetas) + 1
        delta = {L: nn.deltas(thetas, X, y)[L]}
        for l in range(L - 1, 1, -1):
            delta[l] = delta[l + 1] @ thetas[l - 1][:, 1:]
        return [delta[l + 1].T @ nn.add_bias(fp.a[l]) / n for l in range(1, L)]

    rds = _per_layer(no_gprime, thetas, X, y, 0.0)
    assert {l for l, r in enumerate(rds, 1) if r > 1e-7} == {1, 2}, rds
    for answer in ({1, 2}, [2, 1], (1, 2), np.array([1, 2])):
        assert checks.check_bug_layers(answer).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        ({1, 2, 3}, ["not every layer"]),
        ({2, 3}, ["δ^(l+1)"]),
        ({3}, ["cannot reach"]),
        ({2}, ["runs again for δ^(2)"]),
        (2, ["runs again for δ^(2)"]),
        ({1}, ["not the only δ"]),
        ({0, 1}, ["Python list indices"]),
        (set(), ["does change some"]),
        ({4}, ["no D^(4)"]),
        ({1, 3}, ["not what the check will show"]),
        ("1, 2", ["text"]),
        (None, ["not attempted"]),
    ],
)
def test_bug_layers_name_classic_wrong_predictions(answer, words):
    assert_fails(checks.check_bug_layers(answer), *words)


def test_backprop_with_labels_as_targets_is_named():
    def backprop(thetas, X, y, lam=0.0):  # δ^(L) = h − y, y a column: no one-hot targets
        n, fp = len(X), nn.forward(thetas, X)
        a, L = fp.a, fp.L
        delta = {L: a[L] - np.asarray(y, dtype=float).reshape(n, -1)}
        for l in range(L - 1, 1, -1):
            delta[l] = (delta[l + 1] @ thetas[l - 1][:, 1:]) * a[l] * (1 - a[l])
        D = [delta[l + 1].T @ nn.add_bias(a[l]) / n for l in range(1, L)]
        for D_l, theta in zip(D, thetas):
            D_l[:, 1:] += lam * theta[:, 1:]
        return D

    result = assert_fails(checks.check_backprop(backprop), "labels y as the targets", "one-hot")
    assert "nn.one_hot(y, K)" not in str(result) and "nn.one_hot(y, K)" in result.more()
