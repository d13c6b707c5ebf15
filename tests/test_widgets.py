"""The widgets of notebooks 01 and 02 build without a browser, follow their sliders, and display nothing."""

import io
from contextlib import redirect_stdout

import numpy as np
import pytest
from matplotlib.figure import Figure

from nnbp_helpers.viz import widgets
from nnbp_helpers.blame import blame_shares, deck_example
from nnbp_helpers.viz.diagram import _step_formulas, draw_blame_step

PNG = b"\x89PNG"


def test_architecture_explorer_starts_at_its_arguments_and_follows_the_sliders():
    out = io.StringIO()
    with redirect_stdout(out):
        box = widgets.architecture_explorer(inputs=3, hidden_layers=1, hidden_units=4, outputs=2)
    assert out.getvalue() == ""                              # the package never prints or displays
    assert box.layer_sizes() == [3, 4, 2]
    first = bytes(box.controls["image"].value)
    assert first.startswith(PNG)
    box.controls["hidden_layers"].value = 2
    box.controls["hidden_units"].value = 5
    assert box.layer_sizes() == [3, 5, 5, 2]
    now = bytes(box.controls["image"].value)
    assert now.startswith(PNG) and now != first
    box.controls["hidden_layers"].value = 0
    assert box.layer_sizes() == [3, 2]


@pytest.mark.parametrize("kwargs, error", [
    ({"inputs": 0}, ValueError), ({"hidden_layers": 4}, ValueError), ({"outputs": 2.5}, TypeError),
    ({"dpi": -1}, ValueError),
])
def test_architecture_explorer_validates(kwargs, error):
    with pytest.raises(error):
        widgets.architecture_explorer(**kwargs)


@pytest.mark.parametrize("sizes", [[1, 1], [3, 4, 2], [6, 6, 6, 6, 5]])
def test_architecture_figure_is_sized_to_the_drawing(sizes):
    fig = widgets.architecture_figure(sizes)
    assert isinstance(fig, Figure)
    w, h = fig.get_size_inches()
    assert 3 < w < 11 and 3 < h < 10
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith(f"layer_sizes = {sizes}") for t in texts)
    shapes = [(b, a + 1) for a, b in zip(sizes[:-1], sizes[1:])]
    for l, shape in enumerate(shapes, start=1):
        assert f"Θ$^{{({l})}}$: {shape}" in texts
    assert f"{sum(r * c for r, c in shapes)} weights" in texts[-1]


def test_blame_frames_use_three_significant_figures_and_approx():
    split = blame_shares(*deck_example())
    gprime_step = next(s for s in split.steps if s.kind == "gprime" and s.layer == 3)
    lines = _step_formulas(split, gprime_step)
    assert "+1.83 × 0.0355 ≈ +0.065" in lines[1], lines
    shares_step = next(s for s in split.steps if s.kind == "shares" and s.layer == 3)
    assert "≈" in _step_formulas(split, shares_step)[0]


def test_blame_step_note_is_a_second_title_line():
    import matplotlib.pyplot as plt
    split = blame_shares(*deck_example())
    fig, ax = plt.subplots()
    draw_blame_step(split, 2, ax=ax, note="all 8 steps are in the animation below")
    assert ax.get_title(loc="left").endswith("\n(all 8 steps are in the animation below)")
    with pytest.raises(TypeError):
        draw_blame_step(split, 2, ax=ax, note=3)
    plt.close(fig)


def test_static_animation_is_drawn_at_the_projector_font_size_and_stays_small():
    html = widgets.blame_animation_html(blame_shares(*deck_example()))
    assert html.count("data:image/png;base64,") == 8
    assert len(html) < 1.5e6
