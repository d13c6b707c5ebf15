"""The reference against hand-worked values, closed forms and float64 numerical gradients."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnbp_helpers as nn


def test_sigmoid_values_and_gradient():
    z = np.array([-np.log(3.0), 0.0, np.log(3.0)])
    np.testing.assert_allclose(nn.sigmoid(z), [0.25, 0.5, 0.75], rtol=1e-15)
    np.testing.assert_allclose(nn.sigmoid_gradient(z), [0.1875, 0.25, 0.1875], rtol=1e-15)


def test_sigmoid_is_stable_and_warning_free_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = nn.sigmoid(np.array([-1000.0, -40.0, 40.0, 1000.0]))
    assert g[0] == 0.0 and g[-1] == 1.0
    np.testing.assert_allclose(
        g[1], np.exp(-40.0) / (1 + np.exp(-40.0)), rtol=1e-14
    )  # relative accuracy kept


def test_softplus_is_logaddexp_without_overflow():
    t = np.concatenate([np.linspace(-800, 800, 161), [-40.0, 0.0, 40.0]])
    np.testing.assert_allclose(nn.softplus(t), np.logaddexp(0.0, t), rtol=1e-15, atol=0)
    assert nn.softplus(-40.0) > 0 and nn.softplus(800.0) == 800.0
    assert nn.softplus(np.float32(1.0)).dtype == np.float64
    assert nn.softplus(np.ones(2, np.float32)).dtype == np.float32


def test_init_weights_shapes_range_and_seed():
    thetas = nn.init_weights([4, 5, 3, 2], rng=7, epsilon_init=0.3)
    assert [t.shape for t in thetas] == [(5, 5), (3, 6), (2, 4)]
    assert all(np.abs(t).max() <= 0.3 for t in thetas)
    again = nn.init_weights([4, 5, 3, 2], rng=np.random.default_rng(7), epsilon_init=0.3)
    assert all(np.array_equal(a, b) for a, b in zip(thetas, again))
    assert len({t.tobytes() for t in nn.init_weights([3, 3, 3], rng=1)}) == 2


def _deck_network():
    """A 2-2-1 network small enough to work through by hand."""
    theta1 = np.array([[0.1, 0.3, -0.2], [-0.4, 0.5, 0.6]])
    theta2 = np.array([[0.2, -0.7, 0.8]])
    return [theta1, theta2], np.array([[1.0, 2.0]]), np.array([1])


def test_hand_worked_forward_cost_and_deltas():
    thetas, X, y = _deck_network()
    # z^(2) = Θ^(1) [1, 1, 2] = [0.1 + 0.3 − 0.4, −0.4 + 0.5 + 1.2] = [0.0, 1.3]
    z2 = np.array([0.0, 1.3])
    a2 = 1 / (1 + np.exp(-z2))
    z3 = 0.2 - 0.7 * a2[0] + 0.8 * a2[1]
    a3 = 1 / (1 + np.exp(-z3))
    fp = nn.forward(thetas, X)
    np.testing.assert_allclose(fp.z[2][0], z2, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(fp.h[0, 0], a3, rtol=1e-14)
    np.testing.assert_allclose(nn.cost(thetas, X, y), -np.log(a3), rtol=1e-13)
    d = nn.deltas(thetas, X, y)
    d3 = a3 - 1.0  # δ^(3) = a^(3) − y
    np.testing.assert_allclose(d[3][0, 0], d3, rtol=1e-14)
    # the deck's blame split: δ_j^(2) = Θ_1j^(2) δ_1^(3) · g'(z_j^(2))
    np.testing.assert_allclose(d[2][0], np.array([-0.7, 0.8]) * d3 * a2 * (1 - a2), rtol=1e-13)
    D = nn.backprop(thetas, X, y)
    np.testing.assert_allclose(
        D[1][0], d3 * np.array([1.0, a2[0], a2[1]]), rtol=1e-13
    )  # a_j^(2) δ_1^(3)
    np.testing.assert_allclose(D[0], np.outer(d[2][0], [1.0, 1.0, 2.0]), rtol=1e-13)


def test_regularisation_skips_the_bias_column():
    thetas, X, y = _deck_network()
    lam = 0.5
    penalty = lam / 2 * (0.3**2 + 0.2**2 + 0.5**2 + 0.6**2 + 0.7**2 + 0.8**2)
    np.testing.assert_allclose(
        nn.cost(thetas, X, y, lam) - nn.cost(thetas, X, y), penalty, rtol=1e-13
    )
    D0, D = nn.backprop(thetas, X, y), nn.backprop(thetas, X, y, lam)
    for t, g0, g in zip(thetas, D0, D):
        np.testing.assert_allclose(g[:, 0], g0[:, 0], rtol=0, atol=0)
        np.testing.assert_allclose(g[:, 1:], g0[:, 1:] + lam * t[:, 1:], rtol=1e-14)


def test_cost_of_one_hot_targets_equals_cost_of_labels():
    rng = np.random.default_rng(3)
    thetas = nn.init_weights([3, 4, 3], rng, 1.0)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    assert nn.cost(thetas, X, y) == pytest.approx(nn.cost(thetas, X, np.eye(3)[y]), rel=1e-15)
    for a, b in zip(nn.backprop(thetas, X, y), nn.backprop(thetas, X, np.eye(3)[y])):
        np.testing.assert_array_equal(a, b)


def test_one_hot_turns_labels_into_the_targets_the_cost_uses():
    np.testing.assert_array_equal(
        nn.one_hot([2, 0, 1, 1], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 1, 0]]
    )
    np.testing.assert_array_equal(
        nn.one_hot(np.array([1, 0, 1]), 1), [[1], [0], [1]]
    )  # K = 1: y as a column
    assert nn.one_hot([0, 0], 4).shape == (2, 4)  # a batch need not hold every class
    rng = np.random.default_rng(4)
    thetas = nn.init_weights([3, 4, 3], rng, 1.0)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    assert nn.cost(thetas, X, nn.one_hot(y, 3)) == nn.cost(thetas, X, y)


def test_cost_stays_finite_and_exact_when_units_saturate():
    rng = np.random.default_rng(0)
    thetas = [t * 400 for t in nn.init_weights([2, 3, 2], rng, 1.0)]
    X, y = rng.normal(size=(5, 2)), rng.integers(0, 2, 5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        J = nn.cost(thetas, X, y)
        D = nn.backprop(thetas, X, y)
    zL = nn.forward(thetas, X).z[3]
    assert np.abs(zL).max() > 100
    Y = np.eye(2)[y]
    # −log g(z) = log(1 + e^−z) ≈ max(−z, 0) once |z| is in the hundreds
    expected = np.sum(Y * np.maximum(-zL, 0) + (1 - Y) * np.maximum(zL, 0)) / 5
    assert np.isfinite(J) and J == pytest.approx(expected, rel=1e-12)
    assert all(np.all(np.isfinite(g)) for g in D)


@st.composite
def networks(draw):
    L = draw(st.integers(2, 5))
    sizes = draw(st.lists(st.integers(1, 5), min_size=L, max_size=L))
    n = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    thetas = nn.init_weights(sizes, rng, epsilon_init=draw(st.sampled_from([0.12, 1.0, 2.0])))
    X = rng.normal(size=(n, sizes[0]))
    K = sizes[-1]
    if draw(st.booleans()):
        y = rng.integers(0, 2 if K == 1 else K, n)
    else:
        y = rng.random((n, K))  # soft targets in [0, 1]
    lam = draw(st.sampled_from([0.0, 0.1, 1.0]))
    return thetas, X, y, lam


@given(networks())
def test_backprop_matches_numerical_gradient(net):
    thetas, X, y, lam = net
    report = nn.gradient_check(thetas, X, y, lam)
    assert report.relative_difference < 1e-7, str(report)


@given(networks())
def test_backprop_matches_the_deck_loop(net):
    thetas, X, y, lam = net
    for l, (fast, slow) in enumerate(
        zip(nn.backprop(thetas, X, y, lam), nn.backprop_loop(thetas, X, y, lam)), 1
    ):
        np.testing.assert_allclose(
            fast, slow, rtol=1e-12, atol=1e-14, err_msg=f"D^({l}): vectorised vs loop"
        )


@given(networks())
def test_roll_inverts_unroll(net):
    thetas = net[0]
    sizes = [thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]
    vec = nn.unroll(thetas)
    assert vec.shape == (sum(t.size for t in thetas),)
    for a, b in zip(nn.roll(vec, sizes), thetas):
        np.testing.assert_array_equal(a, b)


def test_unroll_order_is_row_by_row():
    thetas = [np.arange(6.0).reshape(2, 3), np.array([[6.0, 7.0, 8.0]])]
    np.testing.assert_array_equal(nn.unroll(thetas), np.arange(9.0))


def test_numerical_gradient_of_a_closed_form():
    def f(v):
        return np.sum(v**3) + v[0] * v[1]

    v = np.array([1.0, -2.0, 0.5])
    np.testing.assert_allclose(nn.numerical_gradient(f, v), 3 * v**2 + [v[1], v[0], 0], rtol=1e-7)
    np.testing.assert_array_equal(v, [1.0, -2.0, 0.5])  # the caller's vector is left alone


def test_gradient_check_catches_a_wrong_gradient_per_layer():
    rng = np.random.default_rng(1)
    thetas = nn.init_weights([3, 4, 2], rng, 1.0)
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 2, 5)
    good = nn.gradient_check(thetas, X, y, lam=0.1)
    assert good.passed and len(good.per_layer) == 2 and max(good.per_layer) < 1e-7
    # A wrong D in layer 2 shows up in the per-layer difference of layer 2 only.
    from nnbp_helpers.gradcheck import relative_difference

    D = nn.backprop(thetas, X, y, 0.1)
    D[1] = D[1] * 1.5
    approx = good.grad_approx
    split = thetas[0].size
    assert relative_difference(nn.unroll(D)[:split], approx[:split]) < 1e-7
    assert relative_difference(nn.unroll(D)[split:], approx[split:]) > 0.1


def test_predict_labels_and_binary():
    thetas = [np.array([[0.0, 1.0], [0.0, -1.0]]), np.array([[0.0, 5.0, -5.0], [0.0, -5.0, 5.0]])]
    np.testing.assert_array_equal(nn.predict(thetas, np.array([[3.0], [-3.0]])), [0, 1])
    binary = [np.array([[0.0, 1.0]]), np.array([[-5.0, 10.0]])]
    np.testing.assert_array_equal(nn.predict(binary, np.array([[4.0], [-4.0]])), [1, 0])
