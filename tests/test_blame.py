"""The δ-blame split of notebook 01: the network drawing, the share arithmetic and its checkers."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnbp_helpers.diagram import draw_network, edge_keys, node_positions  # noqa: E402


# --- the drawing ---------------------------------------------------------------------

def test_draw_network_returns_its_axes_with_every_node_and_edge():
    fig, ax = plt.subplots()
    out = draw_network([3, 2, 2, 1], ax=ax)
    assert out is ax
    # 3 + 2 + 2 + 1 units and 3 bias units; (3+1)*2 + (2+1)*2 + (2+1)*1 = 17 edges
    assert len(ax.patches) == 11
    assert len(ax.lines) == 17
    plt.close(fig)


def test_draw_network_without_bias_and_without_axes():
    ax = draw_network([2, 3, 1], show_bias=False, title="no bias")
    assert len(ax.patches) == 6 and len(ax.lines) == 2 * 3 + 3 * 1
    assert ax.get_title() == "no bias"
    plt.close(ax.figure)


def test_positions_and_edges_follow_the_deck_indexing():
    pos = node_positions([2, 2, 1])
    assert set(pos) == {(1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2), (3, 1)}
    assert pos[(1, 0)][1] > pos[(1, 1)][1] > pos[(1, 2)][1]  # bias on top, then a_1, a_2
    assert pos[(1, 1)][0] < pos[(2, 1)][0] < pos[(3, 1)][0]
    assert (2, 1, 2) in edge_keys([2, 2, 1])          # Θ_12^(2): unit 2 of layer 2 → unit 1 of layer 3
    assert (2, 2, 1) not in edge_keys([2, 2, 1])
    assert len(edge_keys([2, 2, 1], show_bias=False)) == 4 + 2


def test_edge_values_set_width_and_sign_style():
    fig, ax = plt.subplots()
    draw_network([1, 1], ax=ax, show_bias=True, edge_values={(1, 1, 0): 2.0, (1, 1, 1): -1.0},
                 edge_labels={(1, 1, 1): "Θ"})
    bias_edge, unit_edge = ax.lines
    assert bias_edge.get_linewidth() > unit_edge.get_linewidth()
    assert bias_edge.get_linestyle() == "-" and unit_edge.get_linestyle() == "--"
    assert any(t.get_text() == "Θ" for t in ax.texts)
    plt.close(fig)


@pytest.mark.parametrize("kwargs, error", [
    (dict(layer_sizes=[2]), ValueError),
    (dict(layer_sizes="2,1"), TypeError),
    (dict(layer_sizes=[2, 1], node_labels=["a"]), TypeError),
    (dict(layer_sizes=[2, 1], edge_label_position=1.5), ValueError),
])
def test_draw_network_rejects_bad_input(kwargs, error):
    with pytest.raises(error):
        draw_network(**kwargs)
    plt.close("all")
