"""Explorers: one slider where it teaches more than a paragraph. Core ipywidgets, PNG in an
``Image``.

* :func:`epsilon_explorer` (notebook 05): the relative difference between DVec and gradApprox
  against the step ε, a "V" on log–log axes; a float32 toggle moves the V up and to the right (a
  reason gradient checks run in float64).
* :func:`descent_explorer` (notebooks 03 / 06): the cost surface of one sigmoid unit over its two
  weights Θ_10 and Θ_11, with the gradient-descent path for a chosen α and start (too small crawls,
  too large oscillates or runs away).
* :func:`saturation_explorer` (notebook 04): scale every weight of a deep network and watch the
  typical (median) |δ^(l)| fall layer by layer: small weights pass little blame back, and large
  weights saturate the sigmoids (01's "a saturated node passes little blame").

Each has a ``*_figure`` twin that draws the same picture as a plain matplotlib Figure, for a page
without a kernel. Every number comes from the package's reference (``cost``, ``backprop``,
``deltas``, ``numerical_gradient``); nothing here computes a formula of its own, except
:func:`cost_surface`, which evaluates ``cost``'s formula at 3,721 points at once (tested equal to
``cost``, point by point). Nothing is displayed: the functions return widgets and figures, the
notebook shows them.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure

from .. import _validate as v
from ..gradcheck import numerical_gradient, relative_difference, roll, unroll
from ..network import backprop, cost, deltas, forward, init_weights, softplus
from .animation import FastFigure
from .plotting import OKABE_ITO

__all__ = [
    "EpsilonCurve",
    "epsilon_curve",
    "epsilon_figure",
    "epsilon_explorer",
    "cost_surface",
    "descent_path",
    "descent_figure",
    "descent_explorer",
    "saturation_sizes",
    "saturation_figure",
    "saturation_explorer",
]

DPI = 100
_PT = 72 / DPI
FONT_PX = 14
TOLERANCE = 1e-7  # nn.gradient_check's default: "passed" below it


class Explorer(W.VBox):
    """An explorer widget (a ``VBox``); ``.controls`` names its controls. Saved without a kernel,
    its plain-text form says what to do."""

    def __repr__(self):
        return "Explorer: run this cell (with a kernel) to use the sliders."


def _sci(x) -> str:
    """1.2e-07 as 1.2 × 10⁻⁷ (plain Unicode, for HTML and titles)."""
    if x == 0 or not np.isfinite(x):
        return f"{x:g}"
    m, e = f"{x:.1e}".split("e")
    sup = str(int(e)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{m} × 10{sup}"


def _image(fig):
    """An Image widget for ``fig``: its own size at most (never blown up by the page), smaller on a
    narrow or short screen, never distorted."""
    width = int(round(fig.get_figwidth() * fig.dpi))
    return W.Image(
        format="png",
        layout=W.Layout(
            width=f"{width}px",
            max_width="100%",
            height="auto",
            max_height="60vh",
            object_fit="contain",
        ),
    )


def _alt_widget():
    return W.HTML(layout=W.Layout(width="0px", height="0px", overflow="hidden", margin="0"))


def _alt_html(text):
    return f"<span role='img' aria-label='{html.escape(text, quote=True)}'></span>"


def _style_axes(ax):
    ax.tick_params(labelsize=(FONT_PX - 1) * _PT, length=3, pad=2)
    ax.grid(True, alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# --- 05: choosing ε ----------------------------------------------------------------------------


class EpsilonCurve:
    """The relative difference ‖DVec − gradApprox‖ / ‖DVec + gradApprox‖ of a small network as a
    function of ε, in float64 or (``float32=True``) with θ and J rounded to single precision.

    ``layer_sizes``, ``seed``: the network and data (``nn.init_weights`` with ε_init = 1, a few
    random instances); ``at(epsilon, float32)`` gives one relative difference.
    """

    def __init__(self, layer_sizes=(3, 4, 2), n=5, seed=0):
        self.layer_sizes = v.check_layer_sizes(list(layer_sizes))
        rng = np.random.default_rng(v.check_count(seed, "seed", 0))
        self.thetas = init_weights(self.layer_sizes, rng, epsilon_init=1.0)
        self.X = rng.normal(size=(v.check_count(n, "n", 1), self.layer_sizes[0]))
        K = self.layer_sizes[-1]
        self.y = rng.integers(0, max(K, 2), size=n)
        self.D_vec = unroll(backprop(self.thetas, self.X, self.y))
        self._seen = {}

    def J(self, vec, float32=False):
        if (
            float32
        ):  # single precision: the weights and the cost each keep about 7 significant digits
            vec = np.asarray(vec, dtype=np.float32).astype(np.float64)
            return float(np.float32(cost(roll(vec, self.layer_sizes), self.X, self.y)))
        return cost(roll(vec, self.layer_sizes), self.X, self.y)

    def at(self, epsilon, float32=False) -> float:
        eps = v.check_positive(epsilon, "epsilon")
        key = (
            round(float(np.log10(eps)), 9),
            bool(float32),
        )  # 10^x from the browser may differ in the last bit
        if key not in self._seen:  # 2P costs each: remembered, so a slider going back is instant
            grad_approx = numerical_gradient(
                lambda vec: self.J(vec, float32), unroll(self.thetas), eps
            )
            self._seen[key] = relative_difference(self.D_vec, grad_approx)
        return self._seen[key]


def epsilon_curve(curve=None, epsilons=None):
    """(ε values, relative differences in float64, in float32) over ``epsilons``
    (default 10⁻¹² … 10⁻¹)."""
    curve = EpsilonCurve() if curve is None else curve
    eps = (
        10.0 ** np.arange(-12, -0.99, 0.25)
        if epsilons is None
        else v.as_float_array(epsilons, "epsilons", 1)
    )
    return eps, np.array([curve.at(e) for e in eps]), np.array([curve.at(e, True) for e in eps])


class _EpsilonPicture:
    def __init__(self, curve, blit=True):
        self.curve = curve
        self.eps, self.rel64, self.rel32 = epsilon_curve(curve)
        self.fig = Figure(figsize=(6.4, 3.9), dpi=DPI)
        self.fast = FastFigure(self.fig, blit=blit)
        ax = self.ax = self.fig.add_axes([0.14, 0.16, 0.82, 0.72])
        self.lines = {
            False: ax.loglog(
                self.eps,
                np.maximum(self.rel64, 1e-17),
                color=OKABE_ITO["blue"],
                lw=2.5,
                label="float64",
            )[0],
            True: ax.loglog(
                self.eps,
                np.maximum(self.rel32, 1e-17),
                color=OKABE_ITO["vermillion"],
                lw=2.5,
                ls="--",
                label="float32",
            )[0],
        }
        ax.axhline(TOLERANCE, color="black", lw=1.2, ls=":")
        ax.text(
            1.5e-12,
            TOLERANCE * 1.6,
            "tolerance 10⁻⁷: below passes",
            fontsize=(FONT_PX - 1) * _PT,
            va="bottom",
        )
        ax.set_xlabel("ε", fontsize=FONT_PX * _PT, labelpad=1)
        ax.set_ylabel("relative difference", fontsize=FONT_PX * _PT)
        ax.set_title(
            "‖DVec − gradApprox‖ / ‖DVec + gradApprox‖ against ε", fontsize=FONT_PX * _PT, pad=6
        )
        ax.set_ylim(1e-13, 3)
        ax.set_xlim(self.eps[0] / 1.5, self.eps[-1] * 1.5)
        ax.legend(loc="upper right", fontsize=(FONT_PX - 1) * _PT, frameon=True)
        _style_axes(ax)
        self.point = self.fast.moving(
            ax.plot([], [], "o", ms=12, mfc=OKABE_ITO["orange"], mec="black", mew=1.5)[0]
        )
        self._active = None
        self.label = self.fast.moving(
            ax.text(
                0,
                0,
                "",
                fontsize=FONT_PX * _PT,
                ha="center",
                va="bottom",
                bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="#777777"),
            )
        )

    def show(self, epsilon, float32):
        rel = self.curve.at(epsilon, float32)
        if self._active is not float32:  # the other precision chosen: redraw the curves
            self._active = float32
            self.lines[float32].set_alpha(1.0)
            self.lines[not float32].set_alpha(0.3)
            self.fast.restage()
        y = max(rel, 1e-13)
        self.point.set_data([epsilon], [y])
        self.label.set_position((epsilon, y * 4))
        self.label.set_text(f"{_sci(rel)}")
        return rel


def epsilon_figure(epsilon=1e-4, float32=False, curve=None) -> Figure:
    """The "V" of the relative difference against ε (both precisions), with the point at
    ``epsilon``."""
    pic = _EpsilonPicture(EpsilonCurve() if curve is None else curve, blit=False)
    pic.show(v.check_positive(epsilon, "epsilon"), bool(float32))
    return pic.fig


def epsilon_explorer(epsilon=1e-4, float32=False, curve=None):
    """A log slider for ε (10⁻¹² … 10⁻¹) moving a point along the relative-difference "V", and a
    float32 toggle. Returns an :class:`Explorer`; ``.controls``: "epsilon", "float32", "readout",
    "image"."""
    pic = _EpsilonPicture(EpsilonCurve() if curve is None else curve)
    # Quarter decades, as the curve's points: a move of the slider needs no new computation.
    c = {
        "epsilon": W.FloatLogSlider(
            value=v.check_positive(epsilon, "epsilon"),
            base=10,
            min=-12,
            max=-1,
            step=0.25,
            description="ε",
            readout_format=".1e",
            layout=W.Layout(width="360px"),
            style={"description_width": "30px"},
        ),
        "float32": W.ToggleButtons(
            options=[("float64", False), ("float32", True)],
            value=bool(float32),
            style={"button_width": "80px"},
        ),
    }
    readout, image, alt = W.HTML(), _image(pic.fig), _alt_widget()
    for name, widget in dict(c, readout=readout, image=image).items():
        widget.add_class(f"nnbp-eps-{name}")

    def redraw(*_):
        eps, f32 = c["epsilon"].value, c["float32"].value
        rel = pic.show(eps, f32)
        image.value = pic.fast.png()
        verdict = "passes" if rel < TOLERANCE else "fails"
        readout.value = (
            f"<span style='font-size:15px'>ε = <b>{_sci(eps)}</b> · relative difference "
            f"<b class='nnbp-eps-rel'>{rel:.2e}</b> · {verdict} (tolerance 10⁻⁷) in "
            f"{'float32' if f32 else 'float64'}</span>"
        )
        alt.value = _alt_html(
            "Log-log plot of the relative difference between DVec and gradApprox against ε: a V "
            "in float64, lowest near ε = 10⁻⁵, shifted up and right in float32; the point at ε = "
            f"{eps:.0e} is {rel:.1e} ({'float32' if f32 else 'float64'})."
        )

    for widget in c.values():
        widget.observe(redraw, names="value")
    redraw()
    box = Explorer(
        [
            W.HBox([c["epsilon"], c["float32"]], layout=W.Layout(flex_flow="row wrap")),
            readout,
            image,
            alt,
        ]
    )
    box.add_class("nnbp-epsilon-explorer")
    box.controls = dict(c, readout=readout, image=image, alt=alt)
    box.curve = pic.curve
    return box


# --- 03 / 06: gradient descent on a cost surface -------------------------------------------------


def _one_unit_data(n=40, seed=0):
    """1-D inputs and labels that overlap near x = 0.5, so J has a finite minimum."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 2.0, size=(n, 1))
    y = (X[:, 0] + 0.5 * rng.normal(size=n) > 0.5).astype(int)
    return X, y


def descent_path(start, alpha, steps, X=None, y=None):
    """Gradient descent on one sigmoid unit h = g(Θ_10 + Θ_11 x): the list of (Θ_10, Θ_11) and of J.

    Each step is Θ ← Θ − α D with D from ``nn.backprop``; ``start`` = (Θ_10, Θ_11). Stops early (the
    lists are then shorter) if the weights run beyond 10⁶.
    """
    X, y = _one_unit_data() if X is None else (X, y)
    theta = v.as_float_array(start, "start", 1).reshape(1, 2).copy()
    if theta.size != 2:
        raise ValueError(f"start must be two numbers (Θ_10, Θ_11), got {np.shape(start)}")
    alpha = v.check_positive(alpha, "alpha")
    steps = v.check_count(steps, "steps", 0)
    path, J = [theta[0].copy()], [cost([theta], X, y)]
    for _ in range(steps):
        theta = theta - alpha * backprop([theta], X, y)[0]
        if not np.all(np.abs(theta) < 1e6):
            break
        path.append(theta[0].copy())
        J.append(cost([theta], X, y))
    return np.array(path), np.array(J)


def cost_surface(t0, t1, X, y):
    """J(Θ_10, Θ_11) of one sigmoid unit at every point of the grid ``t0`` × ``t1``, shape (len(t1),
    len(t0)): ``nn.cost([[[a, b]]], X, y)`` at (a, b) = (t0[j], t1[i]) in entry [i, j], all at once.

    Every grid point is one output unit of a [1, G] network, so one forward pass gives each point's
    z for every instance, and J per unit is ``nn.cost``'s (1/n) Σ_i [softplus(z) − y z].
    """
    points = np.column_stack([np.tile(t0, len(t1)), np.repeat(t1, len(t0))])  # (G, 2): [Θ_10, Θ_11]
    z = forward([points], X).z[2]  # (n, G)
    J = np.mean(softplus(z) - np.reshape(y, (-1, 1)) * z, axis=0)
    return J.reshape(len(t1), len(t0))


class _DescentPicture:
    LIMITS = (-10.0, 10.0, -10.0, 10.0)

    def __init__(self, X, y, blit=True, resolution=61):
        self.X, self.y = X, y
        lo0, hi0, lo1, hi1 = self.LIMITS
        t0, t1 = np.linspace(lo0, hi0, resolution), np.linspace(lo1, hi1, resolution)
        surface = cost_surface(t0, t1, X, y)
        self.fig = Figure(figsize=(7.6, 3.7), dpi=DPI)
        self.fast = FastFigure(self.fig, blit=blit)
        ax = self.ax = self.fig.add_axes([0.09, 0.15, 0.42, 0.74])
        levels = np.quantile(surface, np.linspace(0.02, 0.98, 12))
        cs = ax.contour(t0, t1, surface, levels=np.unique(levels), colors="#666666", linewidths=1.0)
        ax.clabel(cs, fmt="%.2f", fontsize=(FONT_PX - 1) * _PT)
        best = np.unravel_index(np.argmin(surface), surface.shape)
        ax.plot(t0[best[1]], t1[best[0]], "*", ms=14, color="black")
        ax.set_xlim(lo0, hi0)
        ax.set_ylim(lo1, hi1)
        ax.set_xlabel("$\\Theta_{10}$ (bias)", fontsize=FONT_PX * _PT, labelpad=1)
        ax.set_ylabel("$\\Theta_{11}$", fontsize=FONT_PX * _PT, labelpad=0)
        ax.set_title("J(Θ) contours (★ lowest) and the path", fontsize=FONT_PX * _PT, pad=5)
        _style_axes(ax)
        ax.grid(False)
        self.path = self.fast.moving(
            ax.plot([], [], "-o", color=OKABE_ITO["vermillion"], ms=4, lw=1.8)[0]
        )
        self.start = self.fast.moving(
            ax.plot([], [], "s", ms=9, mfc=OKABE_ITO["orange"], mec="black")[0]
        )
        bx = self.bx = self.fig.add_axes([0.62, 0.15, 0.35, 0.74])
        bx.set_xlabel("step", fontsize=FONT_PX * _PT, labelpad=1)
        bx.set_ylabel("J", fontsize=FONT_PX * _PT, labelpad=2)
        bx.set_title("J after each step", fontsize=FONT_PX * _PT, pad=5)
        _style_axes(bx)
        self.curve = self.fast.moving(bx.plot([], [], "-o", color=OKABE_ITO["blue"], ms=3, lw=2)[0])
        self._limits = None

    def show(self, start, alpha, steps):
        path, J = descent_path(start, alpha, steps, self.X, self.y)
        self.path.set_data(path[:, 0], path[:, 1])
        self.start.set_data([path[0, 0]], [path[0, 1]])
        self.curve.set_data(np.arange(len(J)), J)
        limits = (max(steps, 1), float(np.ceil(max(J.max(), 0.5) * 4) / 4))
        if limits != self._limits:
            self.bx.set_xlim(0, limits[0])
            self.bx.set_ylim(0, limits[1])
            self._limits = limits
            self.fast.restage()
        return path, J


def descent_figure(start=(-8.0, -8.0), alpha=1.0, steps=30) -> Figure:
    """J(Θ_10, Θ_11) of one sigmoid unit as contours, the descent path from ``start``, and J per
    step."""
    X, y = _one_unit_data()
    pic = _DescentPicture(X, y, blit=False)
    pic.show(start, alpha, steps)
    pic.bx.set_title(f"J after each step, α = {alpha:.3g}", fontsize=FONT_PX * _PT, pad=5)
    return pic.fig


def descent_explorer(start=(-8.0, -8.0), alpha=1.0, steps=30):
    """Sliders for α (log), the start (Θ_10, Θ_11) and the number of steps; the path on the cost
    surface.

    Returns an :class:`Explorer`; ``.controls``: "alpha", "theta0", "theta1", "steps", "readout",
    "image".
    """
    X, y = _one_unit_data()
    pic = _DescentPicture(X, y)
    style, wide = {"description_width": "48px"}, W.Layout(width="300px")
    start = v.as_float_array(start, "start", 1)
    c = {
        "alpha": W.FloatLogSlider(
            value=v.check_positive(alpha, "alpha"),
            base=10,
            min=-2,
            max=2.5,
            step=0.05,
            description="α",
            readout_format=".3g",
            style=style,
            layout=wide,
        ),
        "theta0": W.FloatSlider(
            value=float(start[0]),
            min=-10,
            max=10,
            step=0.5,
            description="Θ₁₀ start",
            style={"description_width": "80px"},
            layout=wide,
        ),
        "theta1": W.FloatSlider(
            value=float(start[1]),
            min=-10,
            max=10,
            step=0.5,
            description="Θ₁₁ start",
            style={"description_width": "80px"},
            layout=wide,
        ),
        "steps": W.IntSlider(
            value=v.check_count(steps, "steps", 0),
            min=0,
            max=100,
            description="steps",
            style=style,
            layout=wide,
        ),
    }
    readout, image, alt = W.HTML(), _image(pic.fig), _alt_widget()
    for name, widget in dict(c, readout=readout, image=image).items():
        widget.add_class(f"nnbp-gd-{name}")

    def redraw(*_):
        path, J = pic.show(
            (c["theta0"].value, c["theta1"].value), c["alpha"].value, c["steps"].value
        )
        image.value = pic.fast.png()
        gone = " (the weights ran away: stopped)" if len(J) < c["steps"].value + 1 else ""
        readout.value = (
            f"<span style='font-size:15px'>after <b>{len(J) - 1}</b> steps: "
            f"J = <b class='nnbp-gd-J'>{J[-1]:.4f}</b> at Θ = ({path[-1, 0]:.2f}, "
            f"{path[-1, 1]:.2f}){gone}</span>"
        )
        alt.value = _alt_html(
            f"Contours of the cost of one sigmoid unit over its bias Θ10 and weight Θ11, with the "
            f"gradient-descent path of {len(J) - 1} steps at α = {c['alpha'].value:.3g} from "
            f"({path[0, 0]:.1f}, {path[0, 1]:.1f}); beside it J after each step, ending at "
            f"{J[-1]:.3f}."
        )

    for widget in c.values():
        widget.observe(redraw, names="value")
    redraw()
    box = Explorer(
        [W.HBox(list(c.values()), layout=W.Layout(flex_flow="row wrap")), readout, image, alt]
    )
    box.add_class("nnbp-descent-explorer")
    box.controls = dict(c, readout=readout, image=image, alt=alt)
    box.data = (X, y)
    return box


# --- 04: saturation and vanishing blame -----------------------------------------------------------


def _saturation_setup(layer_sizes=(2, 5, 5, 5, 5, 1), n=200, seed=0):
    sizes = v.check_layer_sizes(list(layer_sizes))
    rng = np.random.default_rng(seed)
    base = init_weights(sizes, rng, epsilon_init=1.0)
    X = rng.normal(size=(n, sizes[0]))
    y = rng.integers(0, 2, size=n) if sizes[-1] == 1 else rng.integers(0, sizes[-1], size=n)
    return base, X, y


def saturation_sizes(scale, base=None, X=None, y=None):
    """With every weight multiplied by ``scale``: ({l: median |δ^(l)|}, {l: median g'(z^(l))}) for
    l = 2..L, from ``nn.deltas`` and ``nn.forward`` (g'(z) = a (1 − a)), each over every instance
    and unit of the layer.

    The median, not the mean: it is what a typical instance gets. With large weights most units are
    saturated for most instances and pass almost no blame, while the few instances that land on the
    steep part of a sigmoid get a large δ (the large Θ multiplies it): they keep the mean up, not
    the median.
    """
    if base is None:
        base, X, y = _saturation_setup()
    s = v.check_positive(scale, "scale")
    thetas = [s * t for t in base]
    d = deltas(thetas, X, y)
    a = forward(thetas, X).a
    return (
        {l: float(np.median(np.abs(d[l]))) for l in sorted(d)},
        {l: float(np.median(a[l] * (1 - a[l]))) for l in sorted(d)},
    )


class _SaturationPicture:
    FLOOR = 1e-12  # the log axis starts here; a smaller median draws no bar (the readout has it)

    def __init__(self, base, X, y, blit=True):
        self.base, self.X, self.y = base, X, y
        L = len(base) + 1
        self.layers = list(range(L, 1, -1))  # the order blame flows: L, L − 1, ..., 2
        self.fig = Figure(figsize=(7.6, 3.5), dpi=DPI)
        self.fast = FastFigure(self.fig, blit=blit)
        labels = [f"{l}" for l in self.layers]
        x = np.arange(len(labels))
        ax = self.ax = self.fig.add_axes([0.09, 0.17, 0.4, 0.7])
        self.delta_bars = [
            self.fast.moving(b)
            for b in ax.bar(
                x,
                np.ones(len(x)),
                bottom=self.FLOOR,
                color=OKABE_ITO["sky"],
                hatch="///",
                edgecolor="#333333",
            )
        ]
        ax.set_yscale("log")
        ax.set_ylim(self.FLOOR, 1)
        ax.set_yticks([1e-12, 1e-9, 1e-6, 1e-3, 1])
        ax.set_xticks(x, labels)
        ax.set_xlabel("layer l (blame flows left to right)", fontsize=FONT_PX * _PT, labelpad=1)
        ax.set_title("typical |δ$^{(l)}$| (median)", fontsize=FONT_PX * _PT, pad=5)
        _style_axes(ax)
        bx = self.bx = self.fig.add_axes([0.6, 0.17, 0.37, 0.7])
        # δ^(L) = a^(L) − y has no g' factor: the hidden layers only
        self.gprime_bars = [
            self.fast.moving(b)
            for b in bx.bar(
                x[1:], np.zeros(len(x) - 1), color=OKABE_ITO["green"], edgecolor="#333333"
            )
        ]
        bx.axhline(0.25, color="black", ls=":", lw=1.2)
        bx.text(
            len(x) - 0.6,
            0.255,
            "largest: ¼ at z = 0",
            ha="right",
            va="bottom",
            fontsize=(FONT_PX - 1) * _PT,
        )
        bx.set_ylim(0, 0.3)
        bx.set_xlim(-0.6, len(x) - 0.4)
        bx.set_xticks(x[1:], labels[1:])
        bx.set_xlabel("layer l", fontsize=FONT_PX * _PT, labelpad=1)
        bx.set_title("typical g′(z$^{(l)}$) = a(1 − a)", fontsize=FONT_PX * _PT, pad=5)
        _style_axes(bx)

    def show(self, scale):
        d, gp = saturation_sizes(scale, self.base, self.X, self.y)
        for bar, l in zip(self.delta_bars, self.layers):
            bar.set_height(max(d[l], self.FLOOR) - self.FLOOR)
        for bar, l in zip(self.gprime_bars, self.layers[1:]):
            bar.set_height(gp[l])
        return d, gp


def saturation_figure(scale=1.0) -> Figure:
    """Median |δ^(l)| (log scale) and median g'(z^(l)) per layer of a 2-5-5-5-5-1 network, weights ×
    ``scale``."""
    pic = _SaturationPicture(*_saturation_setup(), blit=False)
    pic.show(scale)
    pic.ax.text(
        0.97,
        0.96,
        f"weights × {scale:g}",
        transform=pic.ax.transAxes,
        ha="right",
        va="top",
        fontsize=FONT_PX * _PT,
        bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="#777777"),
    )
    return pic.fig


def saturation_explorer(scale=1.0):
    """A log slider for the weight scale (0.1 … 30) of a deep sigmoid network; the typical (median)
    size of δ per layer.

    Returns an :class:`Explorer`; ``.controls``: "scale", "readout", "image".
    """
    base, X, y = _saturation_setup()
    pic = _SaturationPicture(base, X, y)
    c = {
        "scale": W.FloatLogSlider(
            value=v.check_positive(scale, "scale"),
            base=10,
            min=-1,
            max=1.5,
            step=0.05,
            description="weights ×",
            readout_format=".3g",
            style={"description_width": "80px"},
            layout=W.Layout(width="380px"),
        )
    }
    readout, image, alt = W.HTML(), _image(pic.fig), _alt_widget()
    for name, widget in dict(c, readout=readout, image=image).items():
        widget.add_class(f"nnbp-sat-{name}")
    L = len(base) + 1

    def redraw(*_):
        d, gp = pic.show(c["scale"].value)
        image.value = pic.fast.png()
        ratio = d[2] / d[L]
        readout.value = (
            f"<span style='font-size:15px'>typical |δ<sup>(2)</sup>| is "
            f"<b class='nnbp-sat-ratio'>{ratio:.2g}</b> × typical |δ<sup>({L})</sup>|; "
            f"typical g′ in layer 2: <b class='nnbp-sat-gprime'>{gp[2]:.3f}</b></span>"
        )
        alt.value = _alt_html(
            "Bars of the median |δ| per layer on a log scale and of the median g'(z) per layer, "
            f"weights scaled by {c['scale'].value:.3g}: δ in layer 2 is {ratio:.2g} times δ in the "
            "output layer."
        )

    c["scale"].observe(redraw, names="value")
    redraw()
    box = Explorer([c["scale"], readout, image, alt])
    box.add_class("nnbp-saturation-explorer")
    box.controls = dict(c, readout=readout, image=image, alt=alt)
    box.setup = (base, X, y)
    return box
