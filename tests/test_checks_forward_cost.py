"""The checkers of notebooks 02 and 03 accept right answers, name mistakes and never raise."""

import re

import numpy as np
import pytest
from conftest import CRASHES, assert_fails

from nnbp_helpers import checks
from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK


def theta_shapes(layer_sizes):
    return [(s_next, s + 1) for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]


def one_hot(y, K):
    return np.eye(K)[y]


@pytest.mark.parametrize(
    "check, answer",
    [
        (checks.check_theta_shapes, theta_shapes),
        (
            checks.check_theta_shapes,
            lambda sizes: [np.zeros((b, a + 1)).shape for a, b in zip(sizes, sizes[1:])],
        ),
        (
            checks.check_theta_shapes,
            lambda sizes: [np.array([b, a + 1]) for a, b in zip(sizes, sizes[1:])],
        ),
        (checks.check_one_hot, one_hot),
        (
            checks.check_one_hot,
            lambda y, K: np.arange(K) == np.asarray(y)[:, None],
        ),  # booleans are fine
    ],
)
def test_accepts_right_answers(check, answer):
    result = check(answer)
    assert result.passed, str(result)
    assert PASS_MARK in str(result) and PASS_MARK in result._repr_html_()


@pytest.mark.parametrize(
    "mistake, words",
    [
        (lambda s: [(a + 1, b) for a, b in zip(s, s[1:])], ["transposed"]),
        (lambda s: [(b, a) for a, b in zip(s, s[1:])], ["bias column is missing"]),
        (lambda s: [(b + 1, a + 1) for a, b in zip(s, s[1:])], ["next layer's bias"]),
        (lambda s: [(a, b + 1) for a, b in zip(s, s[1:])], ["transposed", "wrong layer"]),
        (lambda s: [(b, a + 1) for a, b in zip(s, s[1:] + [1])], ["One matrix per layer", "L − 1"]),
        (lambda s: [(b, a + 1) for a, b in zip(s[:-2], s[1:-1])], ["L − 1"]),
        (
            lambda s: [np.zeros((b, a + 1)) for a, b in zip(s, s[1:])],
            ["matrices, not their shapes"],
        ),
        (lambda s: [(b, a + 2) for a, b in zip(s, s[1:])], ["(s_{l+1}, s_l + 1)"]),
        (lambda s: "(3, 3), (1, 4)", ["expected a list"]),
        (lambda s: [(1, 2, 3)], ["not a (rows, columns) pair"]),
        (lambda s: [(1.5, 2)], ["not a (rows, columns) pair"]),
    ],
)
def test_theta_shapes_mistakes_are_named(mistake, words):
    assert_fails(checks.check_theta_shapes(mistake), *words)


@pytest.mark.parametrize(
    "mistake, words",
    [
        (lambda y, K: np.eye(K)[y].T, ["transposed"]),
        (lambda y, K: np.eye(K)[np.asarray(y) - 1], ["starting at 1"]),
        (lambda y, K: np.eye(int(np.max(y)) + 1)[y], ["largest label"]),
        (lambda y, K: np.asarray(y), ["shape"]),
        (lambda y, K: 2 * np.eye(K)[y], ["wrong values"]),
    ],
)
def test_one_hot_mistakes_are_named(mistake, words):
    assert_fails(checks.check_one_hot(mistake), *words)


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
    """The reference passes the saturation check (Exercise 3.4) and the λ = 0 check
    (regularised=False)."""
    import nnbp_helpers as nn

    assert checks.check_cost(nn.cost, saturation=True).passed
    assert checks.check_cost(
        lambda t, X, y, lam=0.0: nn.cost(t, X, y, 0.0), regularised=False
    ).passed


def _anything():
    from hypothesis import strategies as st

    leaf = st.one_of(
        st.none(),
        st.integers(-5, 500),
        st.floats(allow_nan=True),
        st.text(max_size=3),
        st.tuples(st.integers(-3, 500), st.integers(-3, 500)),
    )
    return st.recursive(
        leaf, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner), max_leaves=8
    )


def test_no_return_value_makes_a_checker_raise():
    """Whatever a learner's function returns, the checkers answer with a verdict, never an
    exception."""
    from hypothesis import given

    @given(_anything())
    def run(value):
        for check in (checks.check_theta_shapes, checks.check_one_hot):
            result = check(lambda *a, **k: value)
            assert not result.passed and result.message

    run()


# --- diagnoses added after the notebooks' review ------------------------------------------------

import nnbp_helpers as nn  # noqa: E402


def _targets(y, K):
    y = np.asarray(y)
    return (
        y.astype(float)
        if y.ndim == 2
        else (np.eye(K)[y] if K > 1 else y.reshape(-1, 1).astype(float))
    )


def test_every_checker_case_with_labels_has_both_classes():
    from nnbp_helpers.checks._cases import network_cases

    for c in network_cases():
        labels = c.y if np.ndim(c.y) == 1 else np.argmax(c.y, axis=1)
        if len(labels) > 1:
            assert len(set(labels.tolist())) >= 2, c.label


def test_cost_raw_labels_broadcast_is_named():
    def raw_labels(thetas, X, y, lam=0.0):
        h = nn.forward(thetas, X).h
        return -np.sum(y * np.log(h) + (1 - y) * np.log(1 - h)) / len(
            X
        )  # (n,) against (n, 1): (n, n)

    r = checks.check_cost(raw_labels, regularised=False)
    assert_fails(r, "(n,) but h has (n, 1)", "turn labels into targets")
    assert "not averaged" not in str(r)


def test_cost_mean_over_n_times_k_is_named():
    def mean_all(thetas, X, y, lam=0.0):
        h = nn.forward(thetas, X).h
        Y = _targets(y, h.shape[1])
        return -np.mean(Y * np.log(h) + (1 - Y) * np.log(1 - h))

    assert_fails(checks.check_cost(mean_all, regularised=False), "n·K", "np.mean")


def test_cost_label_shape_crash_gets_the_targets_hint():
    def labels_against_k(thetas, X, y, lam=0.0):
        h = nn.forward(thetas, X).h
        if h.shape[1] > 1 and np.ndim(y) == 1:
            return -np.sum(y * np.log(h) + (1 - y) * np.log(1 - h)) / len(
                X
            )  # (n,) against (n, K): a clash
        return nn.cost(thetas, X, y, lam)

    assert_fails(
        checks.check_cost(labels_against_k, regularised=False),
        "raised ValueError",
        "turn labels into targets",
    )
    assert "as_targets" not in str(
        checks.check_cost(labels_against_k, regularised=False)
    )  # a notebook's name


def test_cost_with_saturation_gives_the_stable_hint_on_every_case():
    def wrong_scale(thetas, X, y, lam=0.0):
        return 1.1 * nn.cost(thetas, X, y, lam)

    r = checks.check_cost(wrong_scale, saturation=True)
    assert_fails(r, "stable form", "softplus", "logaddexp")
    assert "log(1 − h)" not in r.hint


def test_dc_dz_checker():
    assert checks.check_dc_dz(lambda z, y: nn.sigmoid(z) - y).passed
    assert_fails(checks.check_dc_dz(lambda z, y: y - nn.sigmoid(z)), "sign is flipped")
    assert_fails(checks.check_dc_dz(lambda z, y: nn.sigmoid(z) + 0 * y), "− y is missing")
    assert_fails(checks.check_dc_dz(lambda z, y: nn.sigmoid_gradient(z) - y), "not g′(z)")
    assert_fails(checks.check_dc_dz(lambda z, y: nn.sigmoid(-z) - y), "g(−z)")
    assert_fails(checks.check_dc_dz(lambda z, y: np.logaddexp(0, z) - y), "not differentiated")
    assert_fails(
        checks.check_dc_dz(lambda z, y: (_ for _ in ()).throw(NotImplementedError())),
        "not attempted",
    )
    for bad in CRASHES:
        assert not checks.check_dc_dz(bad).passed


def test_negative_cost_multiple_choice():
    assert checks.check_negative_cost("b").passed and checks.check_negative_cost("(B)").passed
    assert_fails(checks.check_negative_cost(None), "not attempted")
    for letter in "acd":
        assert_fails(checks.check_negative_cost(letter), "cannot make J negative")
    assert_fails(checks.check_negative_cost("e"), "not one of the choices")


@pytest.mark.parametrize(
    "sizes, n_weights, words",
    [
        ([64, 25, 10], 1850, ["bias weights are missing"]),
        ([64, 25, 10], 64 * 25 + 10 * 26, ["Θ^(1) is missing its bias"]),
        ([64, 25, 10], 26 * 65 + 11 * 26, ["next layer's bias"]),
        ([64, 25, 10], 99, ["counts units"]),
        ([64, 25, 10], 1000, ["not the count"]),
        ([400, 25, 10], 10285, ["8 × 8 image", "deck's 20 × 20"]),
        ([65, 26, 10], 1885, ["bias units are counted"]),
        ([64, 25, 1], 1651, ["one output per digit"]),
        ([64, 26, 10], 1885, ["bias unit is not counted"]),
        (None, None, ["not attempted"]),
        ([64, 25, 10], "1885", ["not a number"]),
        (["64", "25", "10"], 1885, ["text", "not a number"]),
        ("64, 25, 10", 1885, ["not a list"]),
    ],
)
def test_digit_network_mistakes(sizes, n_weights, words):
    assert_fails(checks.check_digit_network(sizes, n_weights), *words)


def test_digit_network_accepts_the_answer():
    assert checks.check_digit_network([64, 25, 10], 25 * 65 + 10 * 26).passed
    assert checks.check_digit_network(np.array([64, 25, 10]), 1885.0).passed
    assert checks.check_digit_network([64, 25, 10], np.array(1885)).passed


def test_theta_shapes_index_error_gets_the_pairing_hint():
    r = checks.check_theta_shapes(lambda s: [(s[l + 1], s[l] + 1) for l in range(len(s))])
    assert_fails(r, "IndexError", "L − 1 matrices", "zip(sizes[:-1], sizes[1:])")


def test_theta_shapes_hint_uses_the_bias_notation():
    r = checks.check_theta_shapes(lambda s: [(a + 1, b) for a, b in zip(s, s[1:])])
    assert "Θ^(l) [1; a^(l)]" in r.hint + r.more()


def test_forward_one_instance_is_named():
    def deck_style(thetas, X):
        a = X[0]  # the deck's single column vector x
        for t in thetas:
            a = nn.sigmoid(t @ np.concatenate([[1.0], a]))
        return a

    assert_fails(checks.check_forward(deck_style), "you returned one instance", "X has n = 4 rows")

    def column_vector(thetas, X):
        a = X
        for t in thetas:
            a = nn.sigmoid(t @ np.concatenate([[1.0], a]))
        return a

    assert_fails(checks.check_forward(column_vector), "raised ValueError", "one instance per row")


@pytest.mark.parametrize(
    "mistake, words",
    [
        (lambda z: nn.sigmoid(z) * (1 - z), ["g(z) (1 − z)"]),
        (lambda z: nn.sigmoid(z), ["g(z) itself"]),
        (lambda z: nn.sigmoid_gradient(nn.sigmoid(z)), ["sigmoid twice"]),
        (lambda z: 1 - nn.sigmoid(z), ["1 − g(z)"]),
    ],
)
def test_sigmoid_gradient_names_the_mistake_where_variants_differ(mistake, words):
    assert_fails(checks.check_sigmoid_gradient(mistake), *words)


def test_blame_step_with_the_bias_row_gets_the_column_hint():
    r = checks.check_blame_step(lambda theta, d, a: (theta.T @ d) * a * (1 - a))
    assert_fails(r, "Θ^(2) of the deck example", "s_l + 1 columns", "theta[:, 1:]")


def test_a_package_function_that_refuses_its_input_is_named_with_the_learners_line():
    def always_one_hot(thetas, X, y, lam=0.0):
        h = nn.forward(thetas, X).h
        Y = nn.one_hot(y, h.shape[1])  # y is already (n, K) in one case
        return -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / len(X)

    r = checks.check_cost(always_one_hot, regularised=False)
    assert_fails(
        r,
        "nn.one_hot, called from your code",
        "Y = nn.one_hot(y, h.shape[1])",
        "y must be labels of shape (n,)",
        "y may already be an (n, K) target matrix",
    )
    assert "_validate" not in str(r)


def test_forward_without_bias_units_is_named():
    def no_bias(thetas, X):
        a = X
        for t in thetas:
            a = nn.sigmoid(a @ t[:, 1:].T)
        return a

    assert_fails(checks.check_forward(no_bias), "bias units are left out", "where does the 1")


def test_forward_returning_every_activation_is_told_to_return_h():
    def every_a(thetas, X):
        out = [X]
        for t in thetas:
            out.append(nn.sigmoid(nn.add_bias(out[-1]) @ t.T))
        return out

    assert_fails(checks.check_forward(every_a), "a list of 3 arrays", "h = a^(L) only")


def test_sigmoid_gradient_of_the_wrong_shape_is_told_it_is_elementwise():
    r = assert_fails(
        checks.check_sigmoid_gradient(lambda z: np.ravel(nn.sigmoid_gradient(z))), "elementwise"
    )
    assert "one instance per row" not in str(r)
    assert "\n" not in r.message  # the input is shown on one line


@pytest.mark.parametrize("n_weights, words", [(1625, "Θ^(1) alone"), (260, "Θ^(2) alone")])
def test_digit_network_counts_one_matrix_only(n_weights, words):
    assert_fails(checks.check_digit_network([64, 25, 10], n_weights), words)


def _cost_with(data, penalty=True):
    """A learner's cost_reg with ``data(h, Y, n)`` as its data term."""

    def cost_reg(thetas, X, y, lam=0.0):
        h = nn.forward(thetas, X).h
        Y = _targets(y, h.shape[1])
        reg = lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in thetas) if penalty else 0.0
        return data(h, Y, X.shape[0]) + reg

    return cost_reg


@pytest.mark.parametrize(
    "data, words",
    [
        (lambda h, Y, n: -np.sum(Y * np.log(h)) / n, ["(1 − y) log(1 − h) term is missing"]),
        (
            lambda h, Y, n: -np.sum(Y * np.log10(h) + (1 - Y) * np.log10(1 - h)) / n,
            ["base-10", "np.log"],
        ),
    ],
)
def test_cost_slips_of_the_data_term_are_named(data, words):
    assert_fails(checks.check_cost(_cost_with(data)), *words)


def _stable_with(term):
    def cost_stable(thetas, X, y, lam=0.0):
        fp = nn.forward(thetas, X)
        z = fp.z[fp.L]
        Y = _targets(y, z.shape[1])
        reg = lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in thetas)
        return np.sum(term(z, Y)) / X.shape[0] + reg

    return cost_stable


@pytest.mark.parametrize(
    "term, words",
    [
        (lambda z, Y: np.logaddexp(0, z) + Y * z, ["wrong sign (+ y z)"]),
        (lambda z, Y: np.logaddexp(0, -z) - Y * z, ["softplus(−z) stands where"]),
    ],
)
def test_stable_cost_slips_are_named(term, words):
    assert_fails(checks.check_cost(_stable_with(term), saturation=True), *words)
    assert checks.check_cost(_stable_with(lambda z, Y: np.logaddexp(0, z) - Y * z), saturation=True)


def test_one_hot_returning_the_labels_gets_the_shape_of_y():
    r = assert_fails(checks.check_one_hot(lambda y, K: np.asarray(y)), "one column per class")
    assert "one unit per column" not in str(r)


def test_dc_dz_with_yz_not_differentiated_is_named():
    assert_fails(
        checks.check_dc_dz(lambda z, y: nn.sigmoid(z) - y * z), "− y z is not differentiated"
    )


def test_cost_with_labels_as_targets_is_named():
    def cost(thetas, X, y, lam=0.0):  # Y = y as a column against h (n, K)
        h = nn.forward(thetas, X).h
        Y = np.asarray(y, dtype=float).reshape(len(X), -1)
        J = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / len(X)
        return J + lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in thetas)

    result = assert_fails(checks.check_cost(cost), "labels y are used as the targets", "one-hot")
    assert "nn.one_hot(y, K)" not in str(result) and "nn.one_hot(y, K)" in result.more()


def _data_term(thetas, X, y):
    h = nn.forward(thetas, X).h
    K = h.shape[1]
    if np.ndim(y) == 2:
        Y = np.asarray(y, dtype=float)
    else:
        Y = np.asarray(y, dtype=float).reshape(-1, 1) if K == 1 else nn.one_hot(y, K)
    return -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / len(X)


@pytest.mark.parametrize(
    "penalty, words",
    [
        (lambda t, lam: lam / 2 * np.sum(t[-1][:, 1:] ** 2), "only the last weight matrix"),
        (lambda t, lam: lam / 2 * np.sum(t[0][:, 1:] ** 2), "only the first weight matrix"),
        (lambda t, lam: lam / 2 * sum(np.sum(x[:, :-1] ** 2) for x in t), "drops the last column"),
    ],
)
def test_cost_names_a_penalty_over_the_wrong_weights(penalty, words):
    def cost(thetas, X, y, lam=0.0):
        return _data_term(thetas, X, y) + penalty(thetas, lam)

    assert_fails(checks.check_cost(cost), words, "penalty")


def test_a_cost_that_only_calls_the_package_does_not_pass_under_its_exercise_names():
    for name in ("cost_reg", "cost_stable"):
        namespace = {"nn": nn, "checks": checks}
        exec(
            f"def {name}(thetas, X, y, lam=0.0):\n    return nn.cost(thetas, X, y, lam)", namespace
        )
        exec(f'result = checks.check_cost("{name}")', namespace)
        assert_fails(namespace["result"], "a call of nn.cost", "not your own code")


def test_a_change_in_the_last_digits_of_an_input_is_shown_with_digits_that_differ():
    def forward(thetas, X):
        X[0, 0] += 1
        X[0, 0] -= 1  # back, nearly: the last digits differ
        return nn.forward(thetas, X).h

    result = assert_fails(checks.check_forward(forward), "changed its input `X`")
    was, now = re.search(r"was (\S+), is now (\S+)", str(result)).groups()
    assert was.rstrip(",") != now.rstrip(","), str(result)
