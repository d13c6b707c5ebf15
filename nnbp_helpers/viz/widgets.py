"""The widgets of notebooks 01 and 02, made of core ipywidgets only, and their kernel-free twins.

:func:`blame_widget` redraws :func:`nnbp_helpers.diagram.draw_blame_step` whenever a slider moves;
:func:`blame_animation_html` plays the same frames as a self-contained JavaScript animation
(matplotlib's ``to_jshtml``), so the notebook still shows them as a static HTML page.
Every number comes from :func:`nnbp_helpers.blame.blame_shares`; nothing here computes.

:func:`architecture_explorer` (notebook 02) draws the network a choice of layers and units describes;
:func:`architecture_figure` is the same picture as a plain matplotlib Figure.
Nothing here displays anything: the functions return widgets and figures, the notebook shows them.
"""

from __future__ import annotations

import html
import io

import ipywidgets as W
import matplotlib as mpl
from matplotlib.animation import FuncAnimation
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import _validate as v
from ..blame import BlameSplit, blame_shares, deck_example
from .diagram import architecture_extent, draw_architecture, draw_blame_step, step_caption

__all__ = ["weight_label", "step_png", "delta_readout_html", "blame_widget", "blame_animation_html",
           "architecture_figure", "architecture_explorer"]

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")
FIGSIZE = (11.0, 6.6)
FONTSIZE = 17
# Projector-sized labels and readouts for the sliders (core widgets take no font size of their own).
_CSS = """<style>
.nnbp-blame-widget .widget-label, .nnbp-blame-widget .widget-readout { font-size: 20px; }
.nnbp-blame-widget .widget-label { min-width: 80px; }
.nnbp-blame-widget .widget-readout { min-width: 64px; }
.nnbp-blame-widget .jupyter-button { font-size: 18px; height: 36px; width: 56px; }
</style>"""
READOUT_CLASS = "nnbp-delta-readout"

# The weights a learner can move: the deck's Θ_11^(3), Θ_12^(3), and the two weights that carry
# blame back to node 1 of layer 2. Keys are (l, i, j) for Θ_ij^(l).
DEFAULT_WEIGHTS = [(3, 1, 1), (3, 1, 2), (2, 1, 1), (2, 2, 1)]


def weight_label(l, i, j) -> str:
    """The symbol Θ_ij^(l) as plain Unicode text, e.g. weight_label(3, 1, 2) == "Θ₁₂⁽³⁾"."""
    for name, value in (("l", l), ("i", i), ("j", j)):
        v.check_count(value, name, minimum=0)
    return "Θ" + f"{i}{j}".translate(_SUB) + f"({l})".translate(_SUP)


def _delta_label(j, l) -> str:
    return "δ" + str(j).translate(_SUB) + f"({l})".translate(_SUP)


def _fmt(x) -> str:
    return f"{float(x):+.4f}".replace("-", "−")


def _step_figure(split, step, dpi):
    fig = Figure(figsize=FIGSIZE, dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0.02, 0.19, 0.96, 0.74])
    draw_blame_step(split, step, ax=ax, fontsize=FONTSIZE)
    return fig, ax


def step_png(split, step, dpi=72) -> bytes:
    """Frame ``step`` of the backward pass of ``split`` as PNG bytes (a fixed size, so nothing jumps)."""
    fig, _ = _step_figure(split, step, dpi)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def delta_readout_html(split, step=None) -> str:
    """An HTML table of every δ_j^(l) of ``split`` (4 decimals), with the caption of ``step`` on top.

    Each value sits in an element of class ``nnbp-delta nnbp-delta-<l>-<j>`` so a page can find it.
    """
    if not isinstance(split, BlameSplit):
        raise TypeError(f"split must be a BlameSplit from nn.blame.blame_shares, got a {type(split).__name__}")
    if step is not None and (isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < len(split.steps)):
        raise ValueError(f"step must be None or an int in 0..{len(split.steps) - 1}, got {step!r}")
    rows = []
    for l in sorted(split.delta, reverse=True):
        for j, d in enumerate(split.delta[l], start=1):
            rows.append(f"<tr><td>{_delta_label(j, l)}</td><td>=</td>"
                        f"<td class='nnbp-delta nnbp-delta-{l}-{j}' style='text-align:right'>{_fmt(d)}</td></tr>")
    head = ""
    if step is not None:
        cur = split.steps[step]
        head = (f"<div class='nnbp-step' style='font-size:16px;color:#444'>"
                f"Step {step + 1} of {len(split.steps)}: {html.escape(step_caption(cur))}</div>")
    a_out = split.a[split.L]
    out = ", ".join(_fmt(a)[1:] for a in a_out)
    y = ", ".join(f"{float(t):g}" for t in split.y)
    return (f"<div style='font-size:20px;line-height:1.5;font-family:sans-serif'>{head}"
            f"<div>output a = {out}, target y = {y}</div>"
            f"<table style='font-size:22px;font-variant-numeric:tabular-nums'>{''.join(rows)}</table></div>")


def _check_weights(weights, thetas):
    out = []
    for key in weights:
        if not (isinstance(key, tuple) and len(key) == 3):
            raise TypeError(f"weights must be a list of (l, i, j) tuples for Θ_ij^(l), got {key!r}")
        l, i, j = key
        if not (1 <= l <= len(thetas) and 1 <= i <= thetas[l - 1].shape[0] and 0 <= j < thetas[l - 1].shape[1]):
            raise ValueError(f"weights: Θ_{i}{j}^({l}) is not a weight of this network "
                             f"(layer sizes {[thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]})")
        out.append((int(l), int(i), int(j)))
    return out


def blame_widget(thetas=None, x=None, y=None, weights=None, step=None, dpi=72):
    """The δ-split widget: Play / step slider through the backward pass, sliders for weights, input, target.

    Defaults to :func:`nnbp_helpers.blame.deck_example`. ``weights``: (l, i, j) keys of the Θ_ij^(l)
    to give a slider. ``step``: the first frame shown (default: the deck's worked example, δ^(L)
    split along Θ^(L−1)). Returns an ``ipywidgets.VBox``; its ``.controls`` dict names every control.
    """
    if thetas is None:
        thetas, x0, y0 = deck_example()
        x = x0 if x is None else x
        y = y0 if y is None else y
    thetas = [t.copy() for t in v.check_thetas(thetas)]
    split = blame_shares(thetas, x, y)
    x = split.x.copy()
    target = split.y.copy()
    weights = _check_weights(DEFAULT_WEIGHTS if weights is None else weights, thetas)
    n = len(split.steps)
    if step is None:
        step = next(k for k, s in enumerate(split.steps) if s.kind == "shares")
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < n:
        raise ValueError(f"step must be an int in 0..{n - 1}, got {step!r}")

    style = {"description_width": "80px"}
    big = W.Layout(width="340px")
    # Play and the slider count steps from 1, as the figure's title does ("Step 3 of 8").
    play = W.Play(value=step + 1, min=1, max=n, step=1, interval=1400, description="Play the backward pass",
                  tooltip="Play the backward pass")
    play.add_class("nnbp-play")
    step_slider = W.IntSlider(value=step + 1, min=1, max=n, description="step", style=style,
                              layout=W.Layout(width="480px"))
    step_slider.add_class("nnbp-step-slider")
    # Kernel-side links (observe), not jslink: they also work where browser-side links do not.
    play.observe(lambda ch: setattr(step_slider, "value", ch["new"]), names="value")
    step_slider.observe(lambda ch: setattr(play, "value", ch["new"]), names="value")

    w_sliders = []
    for (l, i, j) in weights:
        s = W.FloatSlider(value=float(thetas[l - 1][i - 1, j]), min=-3.0, max=3.0, step=0.1,
                          description=weight_label(l, i, j), readout_format=".2f", continuous_update=False,
                          style=style, layout=big)
        s.add_class("nnbp-weight-slider")
        w_sliders.append(s)
    x_sliders = []
    for k in range(len(x)):
        s = W.FloatSlider(value=float(x[k]), min=-2.0, max=2.0, step=0.1,
                          description="x" + str(k + 1).translate(_SUB), readout_format=".2f",
                          continuous_update=False, style=style, layout=big)
        s.add_class("nnbp-input-slider")
        x_sliders.append(s)
    y_sliders = []
    for k in range(len(target)):
        s = W.FloatSlider(value=float(target[k]), min=0.0, max=1.0, step=0.05,
                          description="y" + (str(k + 1).translate(_SUB) if len(target) > 1 else ""),
                          readout_format=".2f", continuous_update=False, style=style, layout=big)
        s.add_class("nnbp-target-slider")
        y_sliders.append(s)

    image = W.Image(format="png", layout=W.Layout(width="100%", max_width="1000px"))
    image.add_class("nnbp-blame-figure")
    readout = W.HTML(layout=W.Layout(width="290px", padding="0 12px 0 0"))
    readout.add_class(READOUT_CLASS)
    state = {"split": split}

    def redraw(*_):
        image.value = step_png(state["split"], step_slider.value - 1, dpi=dpi)
        readout.value = delta_readout_html(state["split"], step_slider.value - 1)

    def recompute(*_):
        for (l, i, j), s in zip(weights, w_sliders):
            thetas[l - 1][i - 1, j] = s.value
        xs = [s.value for s in x_sliders]
        ys = [s.value for s in y_sliders]
        state["split"] = blame_shares(thetas, xs, ys)
        redraw()

    step_slider.observe(redraw, names="value")
    for s in w_sliders + x_sliders + y_sliders:
        s.observe(recompute, names="value")
    redraw()

    header = W.HTML(_CSS + "<div style='font-size:20px;line-height:1.4'><b>δ as blame.</b> Press ▶ or drag "
                    "<i>step</i> to walk the backward pass; move a weight, the input or the target and every "
                    "number is recomputed. Edge width ∝ |share Θᵢⱼ δᵢ|; solid blue = positive, dashed orange = "
                    "negative.</div>")
    controls = W.HBox([
        readout,
        W.VBox([W.HTML("<b style='font-size:20px'>weights</b>")] + w_sliders),
        W.VBox([W.HTML("<b style='font-size:20px'>input and target</b>")] + x_sliders + y_sliders),
    ])
    box = W.VBox([header, W.HBox([play, step_slider]), image, controls])
    box.add_class("nnbp-blame-widget")
    box.controls = {"play": play, "step": step_slider, "image": image, "readout": readout,
                    "weights": dict(zip(weights, w_sliders)), "x": x_sliders, "y": y_sliders}
    box.state = state
    return box


def blame_animation_html(split, dpi=90, interval=1600) -> str:
    """The backward pass of ``split`` as a self-contained JavaScript animation (HTML), one frame per step.

    Made with matplotlib's ``FuncAnimation(...).to_jshtml()``: it plays in a static HTML page, no kernel.
    Every frame is drawn at the widget's projector font size; at the default dpi the page is about 1 MB.
    """
    dpi = v.check_positive(dpi, "dpi")
    interval = v.check_positive(interval, "interval")
    fig, ax = _step_figure(split, 0, dpi)
    anim = FuncAnimation(fig, lambda k: draw_blame_step(split, int(k), ax=ax, fontsize=FONTSIZE),
                         frames=len(split.steps), interval=interval, repeat=False)
    with mpl.rc_context({"savefig.dpi": dpi}):
        return anim.to_jshtml(default_mode="once")


# --- notebook 02: choosing an architecture ---------------------------------------------------

ARCH_INCH = 0.8   # inches per data unit of the architecture picture: labels stay inside their nodes


def architecture_figure(layer_sizes, fontsize=13) -> Figure:
    """The network ``layer_sizes`` as a matplotlib Figure (not pyplot's), each Θ^(l)'s shape over its edges.

    The figure is sized to the drawing, so there is no empty margin and the labels fit their nodes.
    """
    sizes = v.check_layer_sizes(layer_sizes)
    x0, x1, y0, y1 = architecture_extent(sizes)
    fig = Figure(figsize=((x1 - x0) * ARCH_INCH, (y1 - y0) * ARCH_INCH))
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    draw_architecture(sizes, ax=ax, fontsize=fontsize)
    return fig


def _figure_png(fig, dpi) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def architecture_explorer(inputs=3, hidden_layers=1, hidden_units=4, outputs=2, dpi=80):
    """Sliders for the deck's "putting it together" choices, and the network they describe.

    One slider for the number of hidden layers and one for the units in *each* of them (the deck:
    equal widths). The picture (:func:`architecture_figure`) is redrawn when a slider is released.
    Returns an ``ipywidgets.VBox``; ``.controls`` names the sliders and the image, and
    ``.layer_sizes()`` gives the current ``[s_1, ..., s_L]``.
    """
    values = {}
    for name, value, lo, hi in (("inputs", inputs, 1, 6), ("hidden_layers", hidden_layers, 0, 3),
                                ("hidden_units", hidden_units, 1, 6), ("outputs", outputs, 1, 5)):
        values[name] = v.check_count(value, name, minimum=lo)
        if values[name] > hi:
            raise ValueError(f"{name} must be at most {hi}, got {value}")
    dpi = v.check_positive(dpi, "dpi")
    style = {"description_width": "120px"}
    sliders = {
        "inputs": W.IntSlider(value=values["inputs"], min=1, max=6, description="# inputs"),
        "hidden_layers": W.IntSlider(value=values["hidden_layers"], min=0, max=3, description="# hidden layers"),
        "hidden_units": W.IntSlider(value=values["hidden_units"], min=1, max=6, description="units / hidden"),
        "outputs": W.IntSlider(value=values["outputs"], min=1, max=5, description="# outputs"),
    }
    for s in sliders.values():
        s.continuous_update = False        # redraw when the slider is released
        s.style = style
    image = W.Image(format="png", layout=W.Layout(max_width="100%"))
    image.add_class("nnbp-architecture-figure")

    def layer_sizes():
        return ([sliders["inputs"].value] + [sliders["hidden_units"].value] * sliders["hidden_layers"].value
                + [sliders["outputs"].value])

    def redraw(*_):
        # Kernel-side (observe); each redraw makes a new Figure, so nothing is shared between redraws.
        image.value = _figure_png(architecture_figure(layer_sizes()), dpi)

    for s in sliders.values():
        s.observe(redraw, names="value")
    redraw()
    s = list(sliders.values())
    box = W.VBox([W.HBox([W.VBox(s[:2]), W.VBox(s[2:])]), image])
    box.add_class("nnbp-architecture-explorer")
    box.controls = dict(sliders, image=image)
    box.layer_sizes = layer_sizes
    return box
