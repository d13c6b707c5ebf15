"""The explorers without a browser: each slider changes the picture, and the numbers shown are the
reference's (``nn.gradient_check``, ``nn.backprop``, ``nn.deltas``)."""

import io
import re
from contextlib import redirect_stdout

import numpy as np
import pytest
from matplotlib.figure import Figure

import nnbp_helpers as nn
from nnbp_helpers.viz import explorers as ex

PNG = b"\x89PNG"


def _number(box, cls):
    return float(re.search(rf"class='{cls}'>([^<]+)<", box.controls["readout"].value).group(1))


@pytest.fixture(scope="module")
def eps_box():
    out = io.StringIO()
    with redirect_stdout(out):
        box = ex.epsilon_explorer()
    assert out.getvalue() == ""
    return box


def test_epsilon_explorer_shows_nn_gradient_check(eps_box):
    c, curve = eps_box.controls, eps_box.curve
    images = set()
    for eps in (1e-10, 1e-6, 1e-4, 1e-2):
        c["epsilon"].value = eps
        report = nn.gradient_check(curve.thetas, curve.X, curve.y, epsilon=c["epsilon"].value)
        assert _number(eps_box, "nnbp-eps-rel") == pytest.approx(
            report.relative_difference, rel=0.01
        )
        assert ("passes" in c["readout"].value) == report.passed
        images.add(bytes(c["image"].value))
    assert len(images) == 4 and all(i.startswith(PNG) for i in images)


def test_epsilon_explorer_float32_moves_the_v(eps_box):
    eps, rel64, rel32 = ex.epsilon_curve(eps_box.curve)
    best64, best32 = eps[np.argmin(rel64)], eps[np.argmin(rel32)]
    assert 1e-7 <= best64 <= 1e-3 and best32 > best64 * 10  # the bottom of the V moves right ...
    assert rel32.min() > 100 * rel64.min()  # ... and up
    # a V: rounding left, truncation right
    assert rel64[0] > 1e3 * rel64.min() and rel64[-1] > 1e3 * rel64.min()
    c = eps_box.controls
    c["epsilon"].value = 1e-4
    c["float32"].value = False
    r64 = _number(eps_box, "nnbp-eps-rel")
    c["float32"].value = True
    r32 = _number(eps_box, "nnbp-eps-rel")
    assert r32 > 1e-7 > r64 and "float32" in c["readout"].value
    assert "run this cell" in repr(eps_box)


def test_descent_path_is_gradient_descent_with_nn_backprop():
    X, y = ex._one_unit_data()
    path, J = ex.descent_path((-2.0, 3.0), 0.5, 4, X, y)
    theta = np.array([[-2.0, 3.0]])
    for k in range(1, 5):
        theta = theta - 0.5 * nn.backprop([theta], X, y)[0]
        np.testing.assert_allclose(path[k], theta[0], atol=1e-12)
        assert J[k] == pytest.approx(nn.cost([theta], X, y), abs=1e-12)
    with pytest.raises(ValueError):
        ex.descent_path((1.0, 2.0, 3.0), 0.5, 4, X, y)
    with pytest.raises(ValueError):
        ex.descent_path((1.0, 2.0), 0.0, 4, X, y)


def test_descent_explorer_small_alpha_crawls_large_alpha_oscillates():
    box = ex.descent_explorer(start=(-8.0, -8.0), alpha=0.05, steps=30)
    c = box.controls
    X, y = box.data
    path, J = ex.descent_path((-8.0, -8.0), 0.05, 30, X, y)
    assert _number(box, "nnbp-gd-J") == pytest.approx(J[-1], abs=5e-5)
    assert np.all(np.diff(J) < 0) and J[-1] > 2.0  # too small: every step down, far from the bottom
    first = bytes(c["image"].value)
    c["alpha"].value = 100.0
    path, J = ex.descent_path((-8.0, -8.0), c["alpha"].value, 30, X, y)
    assert np.sum(np.diff(J) > 0) >= 3  # too large: J goes up again and again
    assert bytes(c["image"].value) != first
    c["steps"].value = 5
    assert "after <b>5</b> steps" in c["readout"].value
    c["theta0"].value, c["theta1"].value = 0.0, 2.0
    path, J = ex.descent_path((0.0, 2.0), c["alpha"].value, 5, X, y)
    assert _number(box, "nnbp-gd-J") == pytest.approx(J[-1], abs=5e-5)


def test_saturation_explorer_shows_nn_deltas():
    box = ex.saturation_explorer(scale=1.0)
    base, X, y = box.setup
    L = len(base) + 1
    ratios = {}
    for scale in (0.3, 1.0, 3.0, 20.0):
        box.controls["scale"].value = scale
        s = box.controls["scale"].value
        d = nn.deltas([s * t for t in base], X, y)
        want = np.median(np.abs(d[2])) / np.median(np.abs(d[L]))
        assert _number(box, "nnbp-sat-ratio") == pytest.approx(want, rel=0.05)
        a2 = nn.forward([s * t for t in base], X).a[2]
        assert _number(box, "nnbp-sat-gprime") == pytest.approx(np.median(a2 * (1 - a2)), abs=5e-4)
        ratios[scale] = want
    # saturated units pass little blame: large weights shrink g' and the blame reaching layer 2
    assert ratios[20.0] < ratios[3.0]
    assert _number(box, "nnbp-sat-gprime") < 0.1


@pytest.mark.parametrize("seed", range(8))
def test_saturation_blame_is_smallest_at_both_ends_on_many_networks(seed):
    """The typical |δ^(2)| / |δ^(L)| on the explorer's architecture, other random networks: tiny
    weights pass little blame (g' ≈ 1/4, but |Θ| is small), large ones saturate every hidden layer
    (median g' below 0.05) and pass less than moderate ones."""
    base, X, y = ex._saturation_setup(seed=seed)
    L = len(base) + 1
    sizes = {s: ex.saturation_sizes(s, base, X, y) for s in (0.3, 1.0, 3.0, 10.0)}
    ratio = {s: d[2] / d[L] for s, (d, _) in sizes.items()}
    hidden_gprime = {s: [g for l, g in gp.items() if l < L] for s, (_, gp) in sizes.items()}
    assert ratio[0.3] < 1e-4 and min(hidden_gprime[0.3]) > 0.24
    assert ratio[10.0] < ratio[3.0] / 10 and max(hidden_gprime[10.0]) < 0.05
    assert ratio[0.3] < ratio[1.0] < ratio[3.0] * 2


@pytest.mark.parametrize("make", [ex.epsilon_figure, ex.descent_figure, ex.saturation_figure])
def test_kernel_free_twins_are_plain_figures(make):
    fig = make()
    assert isinstance(fig, Figure) and fig.axes
    assert all(ax.get_title() or ax.get_title(loc="left") for ax in fig.axes)
