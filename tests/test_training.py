"""Training: the cost goes down, XOR is learned, options behave."""

import numpy as np
import pytest

import nnbp_helpers as nn

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_y = np.array([0, 1, 1, 0])


def test_training_lowers_the_cost():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    res = nn.train(X, y, [3, 4, 1], alpha=1.0, epochs=50, rng=0)
    assert len(res.history) == 50
    assert res.history[-1] < 0.5 * res.history[0]
    assert np.all(np.diff(res.history) < 1e-12)  # full-batch GD with a small step: monotone


def test_full_batch_history_is_the_cost_before_each_step():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(10, 2)), rng.integers(0, 2, 10)
    start = nn.init_weights([2, 3, 1], rng=5)
    res = nn.train(X, y, [2, 3, 1], alpha=0.5, epochs=3, initial_thetas=start, lam=0.1)
    assert res.history[0] == pytest.approx(nn.cost(start, X, y, 0.1), rel=1e-14)
    # the same three steps by hand: Θ ← Θ − α D
    thetas = [t.copy() for t in start]
    for _ in range(3):
        thetas = [t - 0.5 * D for t, D in zip(thetas, nn.backprop(thetas, X, y, 0.1))]
    for a, b in zip(thetas, res.thetas):
        np.testing.assert_allclose(a, b, rtol=1e-13)
    assert all(
        np.array_equal(a, b) for a, b in zip(start, nn.init_weights([2, 3, 1], rng=5))
    )  # not mutated


def test_learns_xor():
    res = nn.train(XOR_X, XOR_y, [2, 3, 1], alpha=5.0, epochs=5000, rng=1)
    np.testing.assert_array_equal(nn.predict(res.thetas, XOR_X), XOR_y)
    assert res.history[-1] < 0.05


def test_mini_batches_and_callback_and_tol():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(50, 2))
    y = (X[:, 0] > 0).astype(int)
    seen = []
    res = nn.train(
        X,
        y,
        [2, 3, 2],
        alpha=0.5,
        epochs=10,
        batch_size=8,
        rng=3,
        callback=lambda e, J, th: seen.append((e, J)),
    )
    assert [e for e, _ in seen] == list(range(10)) and len(res.history) == 10
    again = nn.train(X, y, [2, 3, 2], alpha=0.5, epochs=10, batch_size=8, rng=3)
    assert res.history == again.history  # seeded: identical runs
    stopped = nn.train(
        X, y, [2, 3, 2], alpha=0.5, epochs=10, rng=3, callback=lambda e, J, th: e < 3
    )
    assert stopped.epochs_run == 4
    conv = nn.train(X, y, [2, 3, 2], alpha=0.5, epochs=10_000, rng=3, tol=1e-6)
    assert conv.converged and conv.epochs_run < 10_000


def test_zero_epochs_returns_the_initial_weights():
    res = nn.train(XOR_X, XOR_y, [2, 2, 1], alpha=1.0, epochs=0, rng=4)
    assert res.history == []
    assert all(np.array_equal(a, b) for a, b in zip(res.thetas, nn.init_weights([2, 2, 1], rng=4)))
