"""The δ-blame split of notebook 01: the network drawing, the share arithmetic and its checkers."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnbp_helpers.viz.diagram import draw_network, edge_keys, node_positions  # noqa: E402

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
    assert (2, 1, 2) in edge_keys([2, 2, 1])  # Θ_12^(2): unit 2 of layer 2 → unit 1 of layer 3
    assert (2, 2, 1) not in edge_keys([2, 2, 1])
    assert len(edge_keys([2, 2, 1], show_bias=False)) == 4 + 2


def test_edge_values_set_width_and_sign_style():
    fig, ax = plt.subplots()
    draw_network(
        [1, 1],
        ax=ax,
        show_bias=True,
        edge_values={(1, 1, 0): 2.0, (1, 1, 1): -1.0},
        edge_labels={(1, 1, 1): "Θ"},
    )
    bias_edge, unit_edge = ax.lines
    assert bias_edge.get_linewidth() > unit_edge.get_linewidth()
    assert bias_edge.get_linestyle() == "-" and unit_edge.get_linestyle() == "--"
    assert any(t.get_text() == "Θ" for t in ax.texts)
    plt.close(fig)


@pytest.mark.parametrize(
    "kwargs, error",
    [
        (dict(layer_sizes=[2]), ValueError),
        (dict(layer_sizes="2,1"), TypeError),
        (dict(layer_sizes=[2, 1], node_labels=["a"]), TypeError),
        (dict(layer_sizes=[2, 1], edge_label_position=1.5), ValueError),
    ],
)
def test_draw_network_rejects_bad_input(kwargs, error):
    with pytest.raises(error):
        draw_network(**kwargs)
    plt.close("all")


# --- the arithmetic: the shares add up to the reference δ and gradients ----------------

import re  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import nnbp_helpers as nn  # noqa: E402
from nnbp_helpers import checks  # noqa: E402
from nnbp_helpers.blame import blame_shares, deck_example  # noqa: E402
from nnbp_helpers.viz import widgets  # noqa: E402
from nnbp_helpers.viz.diagram import draw_blame_step  # noqa: E402


def _network(sizes, seed):
    rng = np.random.default_rng(seed)
    thetas = nn.init_weights(sizes, rng, epsilon_init=2.0)
    x = rng.normal(size=sizes[0])
    y = rng.uniform(size=sizes[-1])
    return thetas, x, y


@given(sizes=st.lists(st.integers(1, 5), min_size=3, max_size=5), seed=st.integers(0, 10_000))
def test_shares_sum_times_gprime_is_the_reference_delta(sizes, seed):
    thetas, x, y = _network(sizes, seed)
    s = blame_shares(thetas, x, y)
    ref = nn.deltas(thetas, x[None, :], y[None, :])
    fp = nn.forward(thetas, x[None, :])
    assert sorted(s.delta) == sorted(ref) == list(range(2, len(sizes) + 1))
    for l in ref:
        np.testing.assert_allclose(s.delta[l], ref[l][0], rtol=0, atol=1e-12, err_msg=f"δ^({l})")
    for l in range(2, len(sizes)):
        np.testing.assert_allclose(
            s.sums[l] * s.gprime[l],
            ref[l][0],
            rtol=0,
            atol=1e-12,
            err_msg=f"Σ shares × g' for layer {l}",
        )
        np.testing.assert_allclose(s.gprime[l], nn.sigmoid_gradient(fp.z[l][0]), rtol=0, atol=1e-12)
        for i in range(sizes[l]):
            for j in range(sizes[l - 1]):
                assert s.shares[l][i, j] == thetas[l - 1][i, j + 1] * ref[l + 1][0, i]


@given(sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4), seed=st.integers(0, 10_000))
def test_gradient_is_source_activation_times_blame(sizes, seed):
    # ∂cost/∂Θ_ij^(l) = a_j^(l) δ_i^(l+1) for one instance:
    # the δ the picture shows is what backprop uses
    thetas, x, y = _network(sizes, seed)
    s = blame_shares(thetas, x, y)
    D = nn.backprop(thetas, x[None, :], y[None, :])
    for l in range(1, len(sizes)):
        a_bias = np.concatenate([[1.0], s.a[l]])
        np.testing.assert_allclose(np.outer(s.delta[l + 1], a_bias), D[l - 1], rtol=0, atol=1e-12)


def test_the_deck_example_and_its_steps():
    thetas, x, y = deck_example()
    assert [t.shape for t in thetas] == [(2, 3), (2, 3), (1, 3)]
    s = blame_shares(thetas, x, y)
    assert s.layer_sizes == [2, 2, 2, 1] and s.L == 4
    # the deck's worked example: the raw shares Θ_11^(3) δ_1^(4) and Θ_12^(3) δ_1^(4)
    assert s.shares[3][0, 0] == thetas[2][0, 1] * s.delta[4][0]
    assert s.shares[3][0, 1] == thetas[2][0, 2] * s.delta[4][0]
    # node 2 gets the larger share but, saturated, ends with the smaller δ (the notebook's point)
    assert s.sums[3][1] > s.sums[3][0] and s.delta[3][0] > s.delta[3][1]
    assert [st_.kind for st_ in s.steps] == [
        "forward",
        "output",
        "shares",
        "sum",
        "gprime",
        "shares",
        "sum",
        "gprime",
    ]
    assert blame_shares(thetas, x, np.array([0.0])).delta[2].tolist() == s.delta[2].tolist()


@pytest.mark.parametrize(
    "args, error",
    [
        ((np.zeros((2, 3)), [1.0, 0.5], 0), TypeError),
        (("deck", [1.0, 0.5, 3.0], 0), ValueError),
        (("deck", [[1.0, 0.5], [0.0, 0.0]], 0), ValueError),
        (("deck", [1.0, 0.5], 2), ValueError),
        (("deck", [1.0, 0.5], "0"), TypeError),
        (("deck", [1.0, np.nan], 0), ValueError),
    ],
)
def test_blame_shares_rejects_bad_input(args, error):
    thetas = deck_example()[0]
    args = tuple(thetas if a == "deck" else a for a in args) if isinstance(args[0], str) else args
    with pytest.raises(error):
        blame_shares(*args)


def test_every_step_draws_and_bad_steps_are_refused():
    s = blame_shares(*deck_example())
    fig, ax = plt.subplots()
    for k in range(len(s.steps)):
        draw_blame_step(s, k, ax=ax)
        assert ax.get_title(loc="left").startswith(f"Step {k + 1} of 8")
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "= +0.089" in texts and "= −0.034" in texts  # the last frame shows δ^(2)
    for bad in (-1, 8, 1.0, True):
        with pytest.raises(ValueError):
            draw_blame_step(s, bad, ax=ax)
    with pytest.raises(TypeError):
        draw_blame_step({"delta": {}}, 0, ax=ax)
    plt.close(fig)


# --- the widget: every number it shows is the reference's ------------------------------


def _readout_delta(box, l, j):
    html = box.controls["readout"].value
    m = re.search(rf"nnbp-delta-{l}-{j}'[^>]*>([^<]*)<", html)
    return float(m.group(1).replace("−", "-"))


def test_widget_recomputes_from_its_sliders():
    box = widgets.blame_widget()
    c = box.controls
    assert c["weights"][(3, 1, 2)].description == "Θ₁₂⁽³⁾" == widgets.weight_label(3, 1, 2)
    # opens on the deck's worked example
    assert c["step"].value == 3 and c["image"].value[:4] == b"\x89PNG"
    assert "Step 3 of 8" in c["readout"].value
    c["weights"][(3, 1, 2)].value = -1.0
    c["x"][0].value = -0.5
    c["y"][0].value = 1.0
    thetas, _, _ = deck_example()
    thetas[2][0, 2] = -1.0
    ref = nn.deltas(thetas, np.array([[-0.5, 0.5]]), np.array([[1.0]]))
    for l in (2, 3, 4):
        for j in range(1, ref[l].shape[1] + 1):
            assert abs(_readout_delta(box, l, j) - ref[l][0, j - 1]) <= 5e-5
    assert "δ₂⁽³⁾" in c["readout"].value


def test_play_and_step_slider_are_linked_in_the_kernel():
    box = widgets.blame_widget(step=0)
    c = box.controls
    before = c["image"].value
    assert c["step"].value == 1 and "Step 1 of 8" in c["readout"].value
    c["play"].value = 5
    assert (
        c["step"].value == 5 and "Step 5 of 8" in c["readout"].value and c["image"].value != before
    )
    c["step"].value = 2
    assert c["play"].value == 2


def test_widget_rejects_bad_arguments():
    with pytest.raises(ValueError):
        widgets.blame_widget(weights=[(4, 1, 1)])
    with pytest.raises(TypeError):
        widgets.blame_widget(weights=[(3, 1)])
    with pytest.raises(ValueError):
        widgets.blame_widget(step=99)


def test_readout_and_labels_reject_bad_input():
    with pytest.raises(TypeError):
        widgets.delta_readout_html({"delta": {}})
    with pytest.raises(ValueError):
        widgets.delta_readout_html(blame_shares(*deck_example()), step=8)
    with pytest.raises(TypeError):
        widgets.weight_label(3, 1.5, 2)


def test_static_animation_has_one_frame_per_step():
    html = widgets.blame_animation_html(blame_shares(*deck_example()), dpi=20)
    # 8 frames for the script, and the first once more in the <img>, shown before any script runs
    assert "<script" in html and html.count("data:image/png;base64") == 8 + 1


# --- the checkers of notebook 01 ---------------------------------------------------------


def _reference_blame_step(theta, delta_next, a):
    return (theta[:, 1:].T @ delta_next) * a * (1 - a)


def test_checkers_accept_the_right_answers():
    s = blame_shares(*deck_example())
    assert checks.check_delta_by_hand(float(s.delta[2][0])).passed
    assert checks.check_delta_by_hand(0.402 * 0.222).passed  # by hand, from three-decimal numbers
    assert checks.check_most_blamed(2, 1).passed
    assert checks.check_most_blamed(np.array(2), np.int64(1)).passed
    for answer in (0.089, 0.0891, 0.08912):
        assert checks.check_delta_by_hand(answer).passed, answer
    assert checks.check_blame_step(_reference_blame_step).passed


@pytest.mark.parametrize(
    "answer, named",
    [
        (None, "not attempted"),
        ("0.09", "not a number"),
        (0.4017, "g'(z^(l)) is missing"),
        (-0.0891, "sign"),
        (0.0718, "only the share from node 1"),
        (0.0902, "sigmoid applied twice"),
        (0.0632, "a row of Θ^(2)"),
        (0.2684, "the factor is a^(l)"),
        (0.5, "is not δ_1^(2)"),
        (0.09, "too rounded to tell"),
        (-0.0335, "node 2 of layer 2"),
    ],
)
def test_delta_by_hand_names_the_mistake(answer, named):
    result = checks.check_delta_by_hand(answer)
    assert not result.passed and named in str(result) + result.more(), str(result)


@pytest.mark.parametrize(
    "raw, delta, named",
    [
        (None, 1, "not attempted"),
        (1, 1, "does not get the larger raw share"),
        (2, 2, "saturated"),
        (2, "1", "text"),
        (2, 3, "expected the node number"),
        (True, 1, "not a number"),
    ],
)
def test_most_blamed_names_the_mistake(raw, delta, named):
    result = checks.check_most_blamed(raw, delta)
    assert not result.passed and named in str(result) + result.more(), str(result)


def _no_gprime(theta, d, a):
    return theta[:, 1:].T @ d


def _with_bias(theta, d, a):
    return (theta.T @ d) * np.concatenate([[1.0], a * (1 - a)])


def _not_transposed(theta, d, a):
    return (theta[:, 1:] @ d) * a * (1 - a)


def _sigmoid_twice(theta, d, a):
    return (theta[:, 1:].T @ d) * nn.sigmoid_gradient(a)


def _sum_over_j(theta, d, a):
    return (theta[:, 1:] * d[:, None]).sum(axis=1) * a * (1 - a)


def _stub(theta, d, a):
    raise NotImplementedError


def _crash(theta, d, a):
    return theta @ d


@pytest.mark.parametrize(
    "fn, named",
    [
        (_no_gprime, "g'(z^(l)) is missing"),
        (_with_bias, "bias row"),
        (_not_transposed, "wrong way round"),
        (_sigmoid_twice, "applied to a^(l) rather than to z^(l)"),
        (_stub, "not attempted"),
        (_crash, "raised ValueError"),
        (_sum_over_j, "along the wrong axis"),
        (lambda t, d, a: None, "returned None"),
        (42, "expected a function"),
    ],
)
def test_blame_step_names_the_mistake(fn, named):
    result = checks.check_blame_step(fn)
    assert not result.passed and named in str(result) + result.more(), str(result)
