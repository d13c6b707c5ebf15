"""The widgets of notebooks 01 and 02, made of core ipywidgets only, and their kernel-free twins.

:func:`blame_widget` redraws :func:`nnbp_helpers.diagram.draw_blame_step` whenever a slider moves;
:func:`blame_animation_html` plays the same frames as a self-contained JavaScript animation
(matplotlib's ``to_jshtml``), so the notebook still shows them as a static HTML page.
Every number comes from :func:`nnbp_helpers.blame.blame_shares`; nothing here computes.

:func:`architecture_explorer` (notebook 02) draws the network a choice of layers and units
describes; :func:`architecture_figure` is the same picture as a plain matplotlib Figure.
:func:`progress_bar` is notebook 06's bar for long runs, moved by ``nn.train``'s callback.
Nothing here displays anything: the functions return widgets and figures, the notebook shows them.
"""

from __future__ import annotations

import html
import io
import time

import ipywidgets as W
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import _validate as v
from ..blame import BlameSplit, blame_shares, deck_example
from .animation import recorded_jshtml
from .diagram import architecture_extent, draw_architecture, draw_blame_step, step_caption

__all__ = [
    "weight_label",
    "step_png",
    "delta_readout_html",
    "screen_reader_html",
    "blame_alt_text",
    "blame_widget",
    "blame_animation_html",
    "architecture_figure",
    "architecture_alt_text",
    "architecture_explorer",
    "progress_bar",
]

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")
FIGSIZE = (11.0, 6.2)
FONTSIZE = 18
# Projector-sized labels and readouts for the sliders (core widgets take no font size of their own).
_CSS = """<style>
.nnbp-blame-widget .widget-label, .nnbp-blame-widget .widget-readout { font-size: 16px; }
.nnbp-blame-widget .widget-readout { min-width: 52px; }
.nnbp-blame-widget .jupyter-button { font-size: 16px; height: 32px; width: 48px; }
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


# An Image widget's <img> has no alt attribute (ipywidgets offers none), so each widget carries its
# alt text in an HTML widget beside the picture: a span that screen readers read as an image with
# that label, and that takes no room on screen.
_SCREEN_READER_STYLE = (
    "position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
    "clip:rect(0 0 0 0);white-space:nowrap;border:0"
)


def screen_reader_html(text, cls="nnbp-alt") -> str:
    """``text`` as alt text for a widget's picture: a span with ``role="img"`` and ``aria-label``,
    visually hidden (the usual screen-reader-only style), with the CSS class ``cls``."""
    if not isinstance(text, str) or not text.strip():
        raise TypeError("text must be a non-empty str: one line describing the picture")
    return (
        f"<span class='{html.escape(cls, quote=True)}' role='img' "
        f"aria-label='{html.escape(text.strip(), quote=True)}' "
        f"style='{_SCREEN_READER_STYLE}'></span>"
    )


def _alt_widget(cls):
    # Zero height: the span inside is positioned absolutely and clipped, so nothing shows or moves.
    box = W.HTML(layout=W.Layout(height="0px", margin="0", padding="0"))
    box.add_class(cls)
    return box


def _signed(x) -> str:
    return f"{float(x):+.3f}".replace("-", "−")


def _step_figure(split, step, dpi):
    fig = Figure(figsize=FIGSIZE, dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0.02, 0.19, 0.96, 0.74])
    draw_blame_step(split, step, ax=ax, fontsize=FONTSIZE)
    return fig, ax


def step_png(split, step, dpi=100) -> bytes:
    """Frame ``step`` of the backward pass of ``split`` as PNG bytes (a fixed size, so nothing
    jumps)."""
    fig, _ = _step_figure(split, step, dpi)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def delta_readout_html(split, step=None) -> str:
    """Every δ_j^(l) of ``split`` (4 decimals) in one wrapping line, with the caption of ``step`` on
    top.

    Each value sits in an element of class ``nnbp-delta nnbp-delta-<l>-<j>`` so a page can find it.
    """
    if not isinstance(split, BlameSplit):
        raise TypeError(
            f"split must be a BlameSplit from nn.blame.blame_shares, got a {type(split).__name__}"
        )
    if step is not None and (
        isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < len(split.steps)
    ):
        raise ValueError(f"step must be None or an int in 0..{len(split.steps) - 1}, got {step!r}")
    rows = []
    for l in sorted(split.delta, reverse=True):
        for j, d in enumerate(split.delta[l], start=1):
            rows.append(
                f"<span style='white-space:nowrap;margin-right:1.1em'>{_delta_label(j, l)} = "
                f"<span class='nnbp-delta nnbp-delta-{l}-{j}'>{_fmt(d)}</span></span>"
            )
    head = ""
    if step is not None:
        cur = split.steps[step]
        head = (
            f"<div class='nnbp-step' style='font-size:16px;color:#444'>"
            f"Step {step + 1} of {len(split.steps)}: {html.escape(step_caption(cur))}</div>"
        )
    a_out = split.a[split.L]
    out = ", ".join(_fmt(a)[1:] for a in a_out)
    y = ", ".join(f"{float(t):g}" for t in split.y)
    return (
        f"<div style='font-size:16px;line-height:1.45;font-family:sans-serif'>{head}"
        f"<div>output a = {out}, target y = {y}</div>"
        f"<div style='font-size:17px;font-variant-numeric:tabular-nums'>{''.join(rows)}</div></div>"
    )


def blame_alt_text(split, step) -> str:
    """One line for screen readers: frame ``step`` (0-based) of the backward pass of ``split``, with
    the numbers the picture shows for that step."""
    if not isinstance(split, BlameSplit):
        raise TypeError(
            f"split must be a BlameSplit from nn.blame.blame_shares, got a {type(split).__name__}"
        )
    n = len(split.steps)
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < n:
        raise ValueError(f"step must be an int in 0..{n - 1}, got {step!r}")
    cur, L, sizes = split.steps[step], split.L, split.layer_sizes
    l = cur.layer
    out = ", ".join(f"{float(a):.3f}" for a in split.a[L])
    target = ", ".join(f"{float(t):g}" for t in split.y)
    head = (
        f"Network diagram of the backward pass, step {step + 1} of {n}: {step_caption(cur)}. "
        f"Output a = {out}, target y = {target}."
    )
    if cur.kind == "forward":
        return head
    if cur.kind == "output":
        return (
            head
            + " "
            + ", ".join(
                f"{_delta_label(k, L)} = {_signed(d)}"
                for k, d in enumerate(split.delta[L], start=1)
            )
            + "."
        )
    parts = []
    for j in range(1, sizes[l - 1] + 1):
        if cur.kind == "shares":
            got = " and ".join(
                _signed(split.shares[l][i - 1, j - 1]) for i in range(1, sizes[l] + 1)
            )
            parts.append(f"node {j} of layer {l} receives {got}")
        elif cur.kind == "sum":
            parts.append(f"node {j} of layer {l} adds up to {_signed(split.sums[l][j - 1])}")
        else:
            parts.append(f"{_delta_label(j, l)} = {_signed(split.delta[l][j - 1])}")
    sign = (
        " Solid edges carry positive blame, dashed edges negative." if cur.kind == "shares" else ""
    )
    body = "; ".join(parts)
    body = "N" + body[1:] if body.startswith("node") else body  # never "Δ" for δ
    return f"{head} {body}.{sign}"


def _check_weights(weights, thetas):
    out = []
    for key in weights:
        if not (isinstance(key, tuple) and len(key) == 3):
            raise TypeError(f"weights must be a list of (l, i, j) tuples for Θ_ij^(l), got {key!r}")
        l, i, j = key
        if not (
            1 <= l <= len(thetas)
            and 1 <= i <= thetas[l - 1].shape[0]
            and 0 <= j < thetas[l - 1].shape[1]
        ):
            raise ValueError(
                f"weights: Θ_{i}{j}^({l}) is not a weight of this network "
                f"(layer sizes {[thetas[0].shape[1] - 1] + [t.shape[0] for t in thetas]})"
            )
        out.append((int(l), int(i), int(j)))
    return out


class BlameWidget(W.VBox):
    """The δ-split widget (a ``VBox``). Saved without a kernel, its plain-text form says what to
    do."""

    def __repr__(self):
        return "δ-split widget: run this cell (with a kernel) to start the widget."


BLAME_CONTROLS = ("help", "play", "weights", "input", "target", "readout")


def blame_widget(thetas=None, x=None, y=None, weights=None, step=None, dpi=100, controls=None):
    """The δ-split widget: Play / step slider through the backward pass, sliders for weights, input,
    target.

    Defaults to :func:`nnbp_helpers.blame.deck_example`. ``weights``: (l, i, j) keys of the Θ_ij^(l)
    to give a slider. ``step``: the first frame shown (default: the deck's worked example, δ^(L)
    split along Θ^(L−1)). ``controls``: which groups to show, from ``BLAME_CONTROLS`` (default all);
    e.g. ``controls=("play", "weights")`` for a projector. The picture takes the width it is given
    (up to its own) and the controls wrap under it. Returns a :class:`BlameWidget` (an
    ``ipywidgets.VBox``); its ``.controls`` dict names every control.
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
    dpi = v.check_positive(dpi, "dpi")
    if controls is None:
        controls = BLAME_CONTROLS
    controls = (controls,) if isinstance(controls, str) else tuple(controls)
    if any(name not in BLAME_CONTROLS for name in controls):
        raise ValueError(f"controls must name groups from {BLAME_CONTROLS}, got {controls!r}")
    n = len(split.steps)
    if step is None:
        step = next(k for k, s in enumerate(split.steps) if s.kind == "shares")
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < n:
        raise ValueError(f"step must be an int in 0..{n - 1}, got {step!r}")

    style = {"description_width": "52px"}
    # No fixed widths: each slider takes 240–330 px and they wrap under the picture on a narrow
    # screen.
    flexible = dict(flex="1 1 240px", min_width="240px", max_width="330px", width="auto")
    # Play and the slider count steps from 1, as the figure's title does ("Step 3 of 8").
    play = W.Play(
        value=step + 1,
        min=1,
        max=n,
        step=1,
        interval=1400,
        description="Play the backward pass",
        tooltip="Play the backward pass",
        show_repeat=False,
    )
    play.add_class("nnbp-play")
    step_slider = W.IntSlider(
        value=step + 1, min=1, max=n, description="step", style=style, layout=W.Layout(**flexible)
    )
    step_slider.add_class("nnbp-step-slider")
    # Kernel-side links (observe), not jslink: they also work where browser-side links do not.
    play.observe(lambda ch: setattr(step_slider, "value", ch["new"]), names="value")
    step_slider.observe(lambda ch: setattr(play, "value", ch["new"]), names="value")

    w_sliders = []
    for l, i, j in weights:
        s = W.FloatSlider(
            value=float(thetas[l - 1][i - 1, j]),
            min=-3.0,
            max=3.0,
            step=0.1,
            description=weight_label(l, i, j),
            readout_format=".2f",
            continuous_update=False,
            style=style,
            layout=W.Layout(**flexible),
        )
        s.add_class("nnbp-weight-slider")
        w_sliders.append(s)
    x_sliders = []
    for k in range(len(x)):
        s = W.FloatSlider(
            value=float(x[k]),
            min=-2.0,
            max=2.0,
            step=0.1,
            description="x" + str(k + 1).translate(_SUB),
            readout_format=".2f",
            continuous_update=False,
            style=style,
            layout=W.Layout(**flexible),
        )
        s.add_class("nnbp-input-slider")
        x_sliders.append(s)
    y_sliders = []
    for k in range(len(target)):
        s = W.FloatSlider(
            value=float(target[k]),
            min=0.0,
            max=1.0,
            step=0.05,
            description="y" + (str(k + 1).translate(_SUB) if len(target) > 1 else ""),
            readout_format=".2f",
            continuous_update=False,
            style=style,
            layout=W.Layout(**flexible),
        )
        s.add_class("nnbp-target-slider")
        y_sliders.append(s)

    # The picture: its own width at most, less on a narrow screen, never taller than most of the
    # screen.
    width = int(round(FIGSIZE[0] * dpi))
    image = W.Image(
        format="png",
        layout=W.Layout(
            width=f"{width}px",
            max_width="100%",
            height="auto",
            max_height="50vh",
            object_fit="contain",
        ),
    )
    image.add_class("nnbp-blame-figure")
    alt = _alt_widget("nnbp-blame-alt")
    readout = W.HTML(layout=W.Layout(padding="0 12px 0 0"))
    readout.add_class(READOUT_CLASS)
    state = {"split": split}

    def redraw(*_):
        k = step_slider.value - 1
        image.value = step_png(state["split"], k, dpi=dpi)
        readout.value = delta_readout_html(state["split"], k)
        alt.value = screen_reader_html(blame_alt_text(state["split"], k), "nnbp-blame-alt-text")

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

    header = W.HTML(
        _CSS + "<div style='font-size:15px;line-height:1.35'><b>δ as blame.</b> ▶ or <i>step</i> "
        "walks the backward pass (orange: the layer being worked on); move a slider and every "
        "number is recomputed. Edge width ∝ |Θᵢⱼ δᵢ|: solid blue +, dashed orange −.</div>"
    )
    wrap = W.Layout(flex_flow="row wrap", align_items="center")
    shown = []
    if "weights" in controls:
        shown += w_sliders
    if "input" in controls:
        shown += x_sliders
    if "target" in controls:
        shown += y_sliders
    rows = [header] if "help" in controls else [W.HTML(_CSS)]
    if "play" in controls:
        rows.append(W.HBox([play, step_slider], layout=wrap))
    rows += [image, alt]
    if shown:
        rows.append(W.HBox(shown, layout=wrap))
    if "readout" in controls:
        rows.append(readout)
    box = BlameWidget(rows)
    box.add_class("nnbp-blame-widget")
    box.controls = {
        "play": play,
        "step": step_slider,
        "image": image,
        "readout": readout,
        "alt": alt,
        "weights": dict(zip(weights, w_sliders)),
        "x": x_sliders,
        "y": y_sliders,
    }
    box.state = state
    return box


def blame_animation_html(split, dpi=90, interval=1600) -> str:
    """The backward pass of ``split`` as a self-contained JavaScript animation (HTML), one frame per
    step.

    Made with matplotlib's JavaScript player (see :func:`viz.animation.recorded_jshtml`):
    it plays in a static HTML page, with no kernel and no network, and shows its first frame on
    opening. Every frame is drawn at the widget's projector font size; at the default dpi the page
    is about 1 MB.
    """
    dpi = v.check_positive(dpi, "dpi")
    interval = v.check_positive(interval, "interval")
    fig, ax = _step_figure(split, 0, dpi)
    # Unicode buttons (no Font Awesome from a CDN: they stay visible offline) and frame 1 in the
    # page.
    alt = (
        f"The backward pass on a {'-'.join(map(str, split.layer_sizes))} network in "
        f"{len(split.steps)} frames: δ is split along the weights, layer by layer, from the output "
        "back to layer 2."
    )
    return recorded_jshtml(
        fig,
        lambda k: draw_blame_step(split, int(k), ax=ax, fontsize=FONTSIZE),
        len(split.steps),
        alt,
        interval=interval,
        dpi=dpi,
    )


# --- notebook 02: choosing an architecture ---------------------------------------------------

ARCH_INCH = 0.8  # inches per data unit of the architecture picture: labels stay inside their nodes


def architecture_figure(layer_sizes, fontsize=13) -> Figure:
    """The network ``layer_sizes`` as a matplotlib Figure (not pyplot's), each Θ^(l)'s shape over
    its edges.

    The figure is sized to the drawing, so there is no empty margin and the labels fit their nodes.
    """
    sizes = v.check_layer_sizes(layer_sizes)
    x0, x1, y0, y1 = architecture_extent(sizes)
    inch = ARCH_INCH * max(fontsize, 13) / 13  # bigger labels need bigger nodes
    fig = Figure(figsize=((x1 - x0) * inch, (y1 - y0) * inch))
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    draw_architecture(sizes, ax=ax, fontsize=fontsize)
    return fig


def _figure_png(fig, dpi) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def architecture_alt_text(layer_sizes) -> str:
    """One line for screen readers: the network ``layer_sizes`` as :func:`architecture_figure` draws
    it."""
    sizes = v.check_layer_sizes(layer_sizes)
    hidden = sizes[1:-1]

    def units(k, what):
        return f"{k} {what}{'' if k == 1 else 's'}"

    if not hidden:
        middle = "no hidden layer"
    elif len(hidden) == 1:
        middle = f"one hidden layer of {units(hidden[0], 'unit')}"
    else:
        middle = f"{len(hidden)} hidden layers of {units(hidden[0], 'unit')} each"
    shapes = [(b, a + 1) for a, b in zip(sizes[:-1], sizes[1:])]
    thetas = ", ".join(
        f"Θ{f'({l})'.translate(_SUP)}: {r} × {c}" for l, (r, c) in enumerate(shapes, start=1)
    )
    return (
        f"A network of sizes {sizes}: {units(sizes[0], 'input')}, {middle}, "
        f"{units(sizes[-1], 'output')}, and a +1 bias unit on every layer but the last; {thetas}; "
        f"{sum(r * c for r, c in shapes)} weights in all."
    )


class ArchitectureExplorer(W.VBox):
    """The architecture explorer (a ``VBox``). Saved without a kernel, its plain-text form says what
    to do."""

    def __repr__(self):
        return "Architecture explorer: run this cell (with a kernel) to start the widget."


def architecture_explorer(
    inputs=3, hidden_layers=1, hidden_units=4, outputs=2, dpi=80, fontsize=15
):
    """Sliders for the deck's "putting it together" choices, and the network they describe.

    One slider for the number of hidden layers and one for the units in *each* of them (the deck:
    equal widths). The picture (:func:`architecture_figure`) is redrawn when a slider is released,
    with its alt text (:func:`architecture_alt_text`) for screen readers. Returns an
    :class:`ArchitectureExplorer` (an ``ipywidgets.VBox``); ``.controls`` names the sliders, the
    image and its alt text, and ``.layer_sizes()`` gives the current ``[s_1, ..., s_L]``.
    """
    values = {}
    for name, value, lo, hi in (
        ("inputs", inputs, 1, 6),
        ("hidden_layers", hidden_layers, 0, 3),
        ("hidden_units", hidden_units, 1, 6),
        ("outputs", outputs, 1, 5),
    ):
        values[name] = v.check_count(value, name, minimum=lo)
        if values[name] > hi:
            raise ValueError(f"{name} must be at most {hi}, got {value}")
    dpi = v.check_positive(dpi, "dpi")
    style = {"description_width": "120px"}
    sliders = {
        "inputs": W.IntSlider(value=values["inputs"], min=1, max=6, description="# inputs"),
        "hidden_layers": W.IntSlider(
            value=values["hidden_layers"], min=0, max=3, description="# hidden layers"
        ),
        "hidden_units": W.IntSlider(
            value=values["hidden_units"], min=1, max=6, description="units / hidden"
        ),
        "outputs": W.IntSlider(value=values["outputs"], min=1, max=5, description="# outputs"),
    }
    for s in sliders.values():
        s.continuous_update = False  # redraw when the slider is released
        s.style = style
    # Its own size at most (never blown up by the page), and never taller than most of the screen.
    image = W.Image(
        format="png",
        layout=W.Layout(max_width="100%", height="auto", max_height="60vh", object_fit="contain"),
    )
    image.add_class("nnbp-architecture-figure")
    alt = _alt_widget("nnbp-architecture-alt")

    def layer_sizes():
        return (
            [sliders["inputs"].value]
            + [sliders["hidden_units"].value] * sliders["hidden_layers"].value
            + [sliders["outputs"].value]
        )

    def redraw(*_):
        # Kernel-side (observe); each redraw makes a new Figure, so nothing is shared between
        # redraws.
        fig = architecture_figure(layer_sizes(), fontsize=fontsize)
        image.value = _figure_png(fig, dpi)
        image.layout.width = f"{int(round(fig.get_figwidth() * dpi))}px"
        alt.value = screen_reader_html(
            architecture_alt_text(layer_sizes()), "nnbp-architecture-alt-text"
        )

    for s in sliders.values():
        s.observe(redraw, names="value")
    redraw()
    s = list(sliders.values())
    box = ArchitectureExplorer([W.HBox([W.VBox(s[:2]), W.VBox(s[2:])]), image, alt])
    box.add_class("nnbp-architecture-explorer")
    box.controls = dict(sliders, image=image, alt=alt)
    box.layer_sizes = layer_sizes
    return box


def progress_bar(
    total, description="training", unit="epoch", every_s=0.25, clock=time.perf_counter
):
    """A progress bar for ``total`` steps and the callback that moves it: ``(box, callback)``.

    ``callback(step, J, thetas=None)`` is ``nn.train``'s (``step`` counts from 0; or call it after
    each of ``total`` runs, with ``unit="run"``). It redraws the bar and its label ("epoch 12 of
    30: J = 0.1234") at most once every ``every_s`` seconds and always at the last step: each
    redraw is a message to the browser, so a short run draws it once and a long one a few times a
    second. ``clock`` (seconds) is replaceable for tests.
    """
    total = v.check_count(total, "total", minimum=1)
    bar = W.IntProgress(value=0, min=0, max=total, description=description)
    label = W.Label(value="starting ...")
    last = [clock()]

    def callback(step, J, thetas=None):
        now = clock()
        if now - last[0] >= every_s or step + 1 >= total:
            last[0] = now
            bar.value = min(step + 1, total)
            label.value = f"{unit} {step + 1} of {total}: J = {J:.4f}"

    return W.HBox([bar, label]), callback
