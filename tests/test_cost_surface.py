"""The descent explorer's cost surface (notebook 06): ``nn.cost`` of one sigmoid unit at every point
of a grid, computed at once, equals ``nn.cost`` called point by point."""

import numpy as np

import nnbp_helpers as nn
from nnbp_helpers.viz import explorers


def test_cost_surface_is_nn_cost_at_every_grid_point():
    X, y = explorers._one_unit_data()
    t0, t1 = np.linspace(-10, 10, 7), np.linspace(-6, 9, 5)  # not square: rows are Θ_11
    surface = explorers.cost_surface(t0, t1, X, y)
    expected = np.array([[nn.cost([np.array([[a, b]])], X, y) for a in t0] for b in t1])
    assert surface.shape == (5, 7)
    np.testing.assert_allclose(surface, expected, rtol=1e-13, atol=0)


def test_cost_surface_takes_labels_as_a_column_too():
    X, y = explorers._one_unit_data(n=9, seed=3)
    t = np.linspace(-2, 2, 3)
    np.testing.assert_array_equal(
        explorers.cost_surface(t, t, X, y), explorers.cost_surface(t, t, X, y.reshape(-1, 1))
    )
