"""The package's own verdicts: a gradient check of a (nearly) zero gradient, comparisons of arrays
of different shapes, an f that is not finite, and training that diverges."""

import numpy as np
import pytest

import nnbp_helpers as nn
from nnbp_helpers.gradcheck import ABSOLUTE_FLOOR, GradientCheckReport


def test_a_zero_gradient_passes_the_check_on_the_absolute_floor():
    # Θ = 0 and targets 0.5: every output is 0.5, so DVec = 0 exactly and gradApprox is rounding
    # noise, which makes the relative difference 1.0 however right backprop is.
    thetas = [np.zeros((3, 3)), np.zeros((1, 4))]
    X = np.random.default_rng(0).normal(size=(6, 2))
    report = nn.gradient_check(thetas, X, np.full((6, 1), 0.5))
    assert np.all(report.D_vec == 0) and report.relative_difference > 0.5
    assert report.passed and report.absolute_difference < ABSOLUTE_FLOOR
    assert "PASSED" in str(report) and "absolute floor" in str(report)


def test_a_trained_regularised_network_passes_its_gradient_check():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(30, 3)), rng.integers(0, 2, 30)
    res = nn.train(X, y, [3, 4, 1], alpha=1.0, lam=0.3, epochs=20000, tol=1e-16, rng=3)
    report = nn.gradient_check(res.thetas, X, y, lam=0.3)
    assert np.linalg.norm(report.D_vec) < 1e-6, "the network is trained to a minimum"
    assert report.passed, str(report)


def test_the_floor_does_not_pass_a_wrong_gradient():
    D_vec, grad_approx = np.array([1e-3, 0.0, -2e-3]), np.array([1e-3, 5e-4, -2e-3])
    report = GradientCheckReport(nn.relative_difference(D_vec, grad_approx), [], D_vec, grad_approx)
    assert not report.passed and "absolute floor" not in str(report)
    tiny = GradientCheckReport(1.0, [], np.zeros(3), np.full(3, 1e-12))
    assert tiny.passed


def test_relative_difference_compares_arrays_of_one_shape_only():
    g = np.array([0.1, -0.2, 0.3])
    assert nn.relative_difference(g, g) == 0.0
    with pytest.raises(ValueError, match=r"a has shape \(3,\) but b has shape \(3, 1\)"):
        nn.relative_difference(g, g[:, None])
    with pytest.raises(TypeError, match="b"):
        nn.relative_difference(g, "0.1")


def test_numerical_gradient_names_the_parameter_where_f_is_not_finite():
    def f(v):
        return np.inf if v[2] > 1.0 else float(v @ v)

    with pytest.raises(
        ValueError, match=r"f returned inf at θ \+ ε e_p for parameter p = 2 \(vec\[2\] = 1\)"
    ):
        nn.numerical_gradient(f, np.array([0.5, 0.5, 1.0]))
    with pytest.raises(ValueError, match="p = 0"):
        nn.numerical_gradient(lambda v: float("nan"), np.ones(2))


def test_train_refuses_alpha_times_lambda_above_two():
    X, y = nn.datasets.xor(n=20, rng=0)
    with pytest.raises(ValueError, match=r"alpha·lam = 3·1 = 3 > 2") as info:
        nn.train(X, y, [2, 3, 1], alpha=3.0, lam=1.0)
    assert "(1 − α λ) = -2" in str(info.value) and "smaller alpha or lam" in str(info.value)
    assert (
        nn.train(X, y, [2, 3, 1], alpha=2.0, lam=1.0, epochs=5, rng=0).epochs_run == 5
    )  # α λ = 2 runs


@pytest.mark.parametrize("batch_size", [None, 3])
def test_train_stops_with_an_error_naming_alpha_when_it_diverges(batch_size):
    X, y = nn.datasets.xor(n=20, rng=0)
    with pytest.raises(
        ValueError,
        match=r"training diverged in epoch \d+: the cost J is (inf|nan).*alpha = 1e\+308",
    ):
        nn.train(X, y, [2, 3, 1], alpha=1e308, epochs=50, batch_size=batch_size, rng=0)
