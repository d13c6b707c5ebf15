"""train's fast twin (reused arrays, gathered mini-batches, float32) gives the textbook numbers."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnbp_helpers as nn
from nnbp_helpers.training import _FastTwin


def _by_hand(X, Y, thetas, alpha, lam, batches):
    """Mini-batch gradient descent with the public functions only: Θ ← Θ − α backprop(batch)."""
    thetas, costs = [t.copy() for t in thetas], []
    for rows in batches:
        costs.append(nn.cost(thetas, X[rows], Y[rows], lam) * len(rows))
        thetas = [t - alpha * D for t, D in zip(thetas, nn.backprop(thetas, X[rows], Y[rows], lam))]
    return thetas, sum(costs) / X.shape[0]


@pytest.mark.parametrize("batch_size", [1, 7, 16, 50])
def test_mini_batches_match_the_textbook_loop(batch_size):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(50, 3)), rng.integers(0, 3, 50)
    start = nn.init_weights([3, 5, 3], rng=1)
    res = nn.train(
        X,
        y,
        [3, 5, 3],
        alpha=0.3,
        lam=0.05,
        epochs=2,
        batch_size=batch_size,
        rng=2,
        initial_thetas=start,
    )
    order_rng = np.random.default_rng(2)  # train draws one permutation per epoch from rng
    thetas, history = start, []
    for _ in range(2):
        order = order_rng.permutation(50) if batch_size < 50 else np.arange(50)
        batches = [order[i : i + batch_size] for i in range(0, 50, batch_size)]
        thetas, J = _by_hand(X, np.asarray(y), thetas, 0.3, 0.05, batches)
        history.append(J)
    for a, b in zip(thetas, res.thetas):
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(res.history, history, rtol=1e-12)


def test_train_does_not_change_its_inputs_and_returns_float64():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(30, 4)), rng.integers(0, 2, 30)
    X0, y0 = X.copy(), y.copy()
    for dtype in (np.float64, np.float32):
        res = nn.train(X, y, [4, 3, 1], alpha=0.5, epochs=3, batch_size=8, rng=0, dtype=dtype)
        assert all(t.dtype == np.float64 for t in res.thetas)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_float32_training_follows_float64():
    X, y = nn.datasets.load_digits()
    kw = dict(layer_sizes=[64, 25, 10], alpha=1.0, epochs=5, batch_size=64, rng=0)
    r64, r32 = nn.train(X, y, **kw), nn.train(X, y, dtype=np.float32, **kw)
    np.testing.assert_allclose(r32.history, r64.history, rtol=1e-4)
    for a, b in zip(r32.thetas, r64.thetas):
        np.testing.assert_allclose(a, b, atol=1e-4)


def test_dtype_is_checked():
    X, y = np.ones((3, 2)), np.array([0, 1, 0])
    with pytest.raises(ValueError, match="dtype"):
        nn.train(X, y, [2, 2, 1], alpha=0.1, dtype=np.int32)
    with pytest.raises(TypeError, match="dtype"):
        nn.train(X, y, [2, 2, 1], alpha=0.1, dtype="no such type")


def test_the_in_place_sigmoid_is_accurate_everywhere():
    z = np.concatenate([np.linspace(-745, 745, 2001), [-40.0, 0.0, 40.0]])
    e = np.exp(-np.abs(z))  # an independent, overflow-free formulation
    reference = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    out = np.empty_like(z)
    g = nn.sigmoid(z, out=out)  # pytest turns any RuntimeWarning into an error
    assert g is out
    np.testing.assert_allclose(g, reference, rtol=4e-15, atol=1e-300)
    np.testing.assert_array_equal(nn.sigmoid(z), g)
    assert np.all(g[z < -709] >= 0) and g[-3] > 0


def test_reused_arrays_give_the_same_forward_pass():
    thetas = nn.init_weights([4, 6, 3], rng=0)
    X = np.random.default_rng(1).normal(size=(5, 4))
    twin = _FastTwin([4, 6, 3], 8, np.float64)
    for arr in list(twin.a.values()) + [twin.z_out]:
        arr.fill(np.nan)
    twin.scaled_gradients(thetas, X, nn.one_hot(np.zeros(5, int), 3), 0.0, 1.0)
    np.testing.assert_allclose(twin.a[3][:5], nn.forward(thetas, X).h, rtol=1e-15)


@given(
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    n=st.integers(1, 9),
    b_extra=st.integers(0, 3),
    lam=st.sampled_from([0.0, 0.1, 1.0]),
    seed=st.integers(0, 2**32 - 1),
)
def test_the_fast_twin_computes_the_reference_gradient_and_cost(sizes, n, b_extra, lam, seed):
    """The training loop's twin of forward/cost/backprop equals the reference to 1e-12."""
    rng = np.random.default_rng(seed)
    thetas = nn.init_weights(sizes, rng, epsilon_init=2.0)
    X, Y = rng.normal(size=(n, sizes[0])), rng.random((n, sizes[-1]))
    twin = _FastTwin(sizes, n + b_extra, np.float64)  # arrays may have rows to spare
    for scale in (1.0, 0.3):
        J, G = twin.scaled_gradients(thetas, X, Y, lam, scale)
        assert J == pytest.approx(nn.cost(thetas, X, Y, lam), rel=1e-12, abs=1e-12)
        for l, (G_l, D_l) in enumerate(zip(G, nn.backprop(thetas, X, Y, lam)), start=1):
            np.testing.assert_allclose(
                G_l, scale * D_l, rtol=1e-12, atol=1e-12, err_msg=f"{scale} D^({l})"
            )


def test_digits_network_reaches_about_97_percent_on_test_digits():
    """As notebook 06 trains it: five splits (60 / 20 / 20 %), 30 epochs, batches of 32, α = 1."""
    X, y = nn.datasets.load_digits()
    accuracies = []
    for seed in range(5):
        X_rest, X_te, y_rest, y_te = nn.datasets.train_test_split(X, y, test_fraction=0.2, rng=seed)
        X_tr, _, y_tr, _ = nn.datasets.train_test_split(
            X_rest, y_rest, test_fraction=0.25, rng=seed
        )
        res = nn.train(
            X_tr,
            y_tr,
            [64, 25, 10],
            alpha=1.0,
            epochs=30,
            batch_size=32,
            rng=seed,
            initial_thetas=nn.init_weights([64, 25, 10], rng=seed),
        )
        accuracies.append(np.mean(nn.predict(res.thetas, X_te) == y_te))
    assert min(accuracies) > 0.95 and 0.96 < np.mean(accuracies) < 0.975, accuracies
