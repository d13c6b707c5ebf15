"""The widgets of notebooks 01 and 02 build without a browser,
follow their sliders, and display nothing."""

import html
import io
import re
from contextlib import redirect_stdout

import numpy as np
import pytest
from matplotlib.figure import Figure

from nnbp_helpers.blame import blame_shares, deck_example
from nnbp_helpers.viz import widgets
from nnbp_helpers.viz.diagram import _step_formulas, draw_blame_step

PNG = b"\x89PNG"


def test_architecture_explorer_starts_at_its_arguments_and_follows_the_sliders():
    out = io.StringIO()
    with redirect_stdout(out):
        box = widgets.architecture_explorer(inputs=3, hidden_layers=1, hidden_units=4, outputs=2)
    assert out.getvalue() == ""  # the package never prints or displays
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


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"inputs": 0}, ValueError),
        ({"hidden_layers": 4}, ValueError),
        ({"outputs": 2.5}, TypeError),
        ({"dpi": -1}, ValueError),
    ],
)
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
    lines = _step_formulas(split, shares_step)
    assert lines[0] == "to node 1 of layer 3:" and "≈" in lines[1], lines


def test_blame_captions_say_each_sum_once():
    """A node that receives one share: its sum is that share,
    said once (not "≈ +1.369 ≈ +1.369")."""
    split = blame_shares(*deck_example())
    sum_step = next(s for s in split.steps if s.kind == "sum" and s.layer == 3)
    for line in _step_formulas(split, sum_step):
        values = re.findall(r"[+−]\d\.\d{3}", line)
        assert len(values) == len(set(values)), line
        assert "only share" in line


def test_blame_widget_is_responsive_and_says_run_this_cell():
    box = widgets.blame_widget()
    sliders = box.controls["x"] + box.controls["y"] + list(box.controls["weights"].values())
    assert all(s.layout.width == "auto" and s.layout.flex for s in sliders)  # no fixed pixel widths
    assert box.controls["image"].layout.max_width == "100%"
    assert "run this cell" in repr(box)
    small = widgets.blame_widget(controls=("play", "weights"))
    classes = {
        c
        for child in small.children
        for w in getattr(child, "children", [child])
        for c in w._dom_classes
    }
    assert "nnbp-weight-slider" in classes and "nnbp-input-slider" not in classes
    with pytest.raises(ValueError):
        widgets.blame_widget(controls=("sliders",))


def test_current_step_is_marked_strongly_and_finished_splits_are_dimmed():
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Circle

    from nnbp_helpers.viz import diagram

    split = blame_shares(*deck_example())
    step = next(k for k, s in enumerate(split.steps) if s.kind == "shares" and s.layer == 2)
    fig, ax = plt.subplots()
    draw_blame_step(split, step, ax=ax)
    fills = {
        to_rgb(p.get_facecolor()[:3]) for p in ax.patches if isinstance(p, Circle) and p.get_fill()
    }
    assert to_rgb(diagram.ACTIVE_FILL) in fills and to_rgb(diagram.DONE_FILL) in fills

    def luminance(colour):  # WCAG 2 relative luminance
        c = np.array(to_rgb(colour))
        c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    def contrast(a, b):
        hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    # the pale yellow and pale blue of before: 1.1 : 1; now a saturated orange against grey and
    # white
    assert contrast(diagram.ACTIVE_FILL, diagram.DONE_FILL) > 1.8
    assert contrast(diagram.ACTIVE_FILL, "white") > 2.2
    # the split along Θ^(3) is finished: its share lines are faint, those along Θ^(2) are not
    widths = {round(line.get_alpha() or 1, 2) for line in ax.lines if line.get_linewidth() > 2}
    assert 0.15 in widths and 0.9 in widths
    plt.close(fig)


def test_static_animation_needs_no_network_and_shows_its_first_frame():
    page = widgets.blame_animation_html(blame_shares(*deck_example()))
    assert "http" not in page.replace("http://www.w3.org", "") and "fa-play" not in page
    assert re.search(
        r'<img id="_anim_img\w+" src="data:image/png;base64,[^"]+" alt="The backward pass', page
    )


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
    # 8 frames, and the first again in the <img>
    assert html.count("data:image/png;base64,") == 8 + 1
    assert len(html) < 1.6e6


# --- alt text: each widget's picture is described for screen readers ------------------------------

ALT = re.compile(
    r"<span class='([\w-]+)' role='img' aria-label='([^']*)' style='position:absolute;"
    r"width:1px;height:1px;[^']*clip:rect\(0 0 0 0\)[^']*'></span>"
)


def _alt(box):
    """The alt text a widget carries: (its class, its words),
    from the hidden span beside its picture."""
    found = ALT.fullmatch(box.controls["alt"].value)
    assert found, box.controls["alt"].value
    return found.group(1), html.unescape(found.group(2))


def _children(box):
    out, todo = [], list(box.children)
    while todo:
        w = todo.pop(0)
        out.append(w)
        todo += list(getattr(w, "children", []))
    return out


def test_screen_reader_html_is_one_hidden_labelled_span():
    text = widgets.screen_reader_html("a 'quoted' <b>picture</b> & more", "nnbp-x")
    assert ALT.fullmatch(text) and "&#x27;quoted&#x27; &lt;b&gt;" in text and "nnbp-x" in text
    with pytest.raises(TypeError):
        widgets.screen_reader_html("  ")


@pytest.mark.parametrize("controls", [None, ("play", "weights"), ("weights",)])
def test_blame_widget_describes_its_picture_and_follows_it(controls):
    box = widgets.blame_widget(controls=controls)
    assert box.controls["alt"] in _children(box)  # shown with every choice of controls
    cls, text = _alt(box)
    split = box.state["split"]
    assert cls == "nnbp-blame-alt-text" and text == widgets.blame_alt_text(split, 2)
    assert text.startswith("Network diagram of the backward pass, step 3 of 8") and "+1.369" in text
    box.controls["weights"][(3, 1, 2)].value = -1.0  # Θ_12^(3) negative: the share turns negative
    text = _alt(box)[1]
    share = box.state["split"].shares[3][0, 1]
    assert (
        share < 0 and f"{share:+.3f}".replace("-", "−") in text and "dashed edges negative" in text
    )
    box.controls["step"].value = 8
    assert "step 8 of 8" in _alt(box)[1] and "δ₁⁽²⁾ = " in _alt(box)[1]


def test_blame_alt_text_says_the_numbers_of_every_step():
    split = blame_shares(*deck_example())
    texts = [widgets.blame_alt_text(split, k) for k in range(len(split.steps))]
    assert "Output a = 0.913, target y = 0." in texts[0]
    assert "δ₁⁽⁴⁾ = +0.913" in texts[1]
    assert "Node 1 of layer 2 receives +0.324 and +0.078" in texts[5]
    assert "; node 2 of layer 2 adds up to −0.149" in texts[6]
    assert "δ₁⁽³⁾ = +0.324; δ₂⁽³⁾ = +0.065" in texts[4]
    with pytest.raises(ValueError):
        widgets.blame_alt_text(split, 8)
    with pytest.raises(TypeError):
        widgets.blame_alt_text("split", 0)


def test_architecture_explorer_describes_its_picture_and_says_run_this_cell():
    box = widgets.architecture_explorer(inputs=3, hidden_layers=1, hidden_units=4, outputs=2)
    assert "run this cell" in repr(box) and box.controls["alt"] in _children(box)
    cls, text = _alt(box)
    assert cls == "nnbp-architecture-alt-text"
    assert text == (
        "A network of sizes [3, 4, 2]: 3 inputs, one hidden layer of 4 units, 2 outputs, and "
        "a +1 bias unit on every layer but the last; Θ⁽¹⁾: 4 × 4, Θ⁽²⁾: 2 × 5; 26 weights in all."
    )
    box.controls["hidden_layers"].value = 2
    assert "2 hidden layers of 4 units each" in _alt(box)[1] and "Θ⁽³⁾: 2 × 5" in _alt(box)[1]
    box.controls["hidden_layers"].value = 0
    assert "no hidden layer" in _alt(box)[1] and "8 weights in all" in _alt(box)[1]


def test_progress_bar_redraws_at_most_every_quarter_second_and_at_the_end():
    now = [0.0]
    box, callback = widgets.progress_bar(30, "digits", clock=lambda: now[0])
    bar, label = box.children
    for step in range(29):  # 29 epochs within 0.1 s: no redraw yet
        now[0] += 0.1 / 29
        callback(step, 1.0)
    assert bar.value == 0 and label.value == "starting ..."
    callback(29, 0.5)  # the last step always redraws
    assert bar.value == 30 and label.value == "epoch 30 of 30: J = 0.5000"
    box, callback = widgets.progress_bar(100, unit="run", clock=lambda: now[0])
    bar, label = box.children
    redraws = 0
    for step in range(100):  # 1/16 s a run: a redraw every fourth run
        now[0] += 1 / 16
        before = bar.value
        callback(step, 1.0)
        redraws += bar.value != before
    assert redraws == 25, redraws
    with pytest.raises(ValueError, match="total"):
        widgets.progress_bar(0)
