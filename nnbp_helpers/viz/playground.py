"""A network that learns while the lecturer talks: the series' own training loop, drawn live.

:class:`TrainingRun` holds one run (data, Θ, epoch, the J curves) and trains it with
:func:`nnbp_helpers.train`, a few epochs at a time, so every number is the reference's.
:class:`PlaygroundFigure` draws a run: each hidden unit's activation over the input plane at its
node of the network (the "black box" opened), the decision boundary with the data, the training and
validation J, and the size of δ^(l) and D^(l) per layer. :func:`playground` puts both behind core
ipywidgets (Play, Step, Reset, sliders; the figure is a PNG in an ``Image``), and
:func:`playground_animation_html` records a run as an animation for pages without a kernel.

How Play works with core widgets only: ``ipywidgets.Play`` counts in the browser, one tick every
``interval`` ms, and sends each new value to the kernel, where an ``observe`` callback trains a few
epochs and redraws. The browser holds at most one unanswered update per widget and merges the ticks
that arrive meanwhile into the next one, so a slow redraw skips frames instead of queueing them:
Pause stops the ticks at once, at most one frame is still drawn after it, and the kernel is free
between frames.
"""

from __future__ import annotations

import html
import math

import ipywidgets as W
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from .. import _validate as v
from .. import datasets
from ..network import backprop, cost, deltas, forward, init_weights, predict
from ..training import train
from .animation import FastFigure, PixelImage, recorded_jshtml
from .plotting import NEGATIVE, OKABE_ITO, POSITIVE, POSITIVE_STYLE

__all__ = [
    "TrainingRun",
    "PlaygroundFigure",
    "playground",
    "playground_animation_html",
    "DATASETS",
    "INITS",
    "CONTROLS",
    "VIEWS",
    "ACTIVATION_CMAP",
]

DATASETS = {"xor": datasets.xor, "moons": datasets.moons, "spirals": datasets.spirals}
DEFAULT_NOISE = {"xor": 0.15, "moons": 0.1, "spirals": 0.05}
# The part of the input plane each picture shows (x1_lo, x1_hi, x2_lo, x2_hi): fixed per data set,
# so a new seed or more noise moves the points, not the axes; widened only when points fall outside.
PLANES = {
    "xor": (-0.75, 1.75, -0.75, 1.75),
    "moons": (-1.5, 2.5, -1.25, 1.75),
    "spirals": (-1.5, 1.5, -1.5, 1.5),
}
INITS = {"random": "random ±ε_init", "equal": "all equal (ε_init)", "zero": "all zero"}

# a = 0 blue, a = 1 orange (as notebook 06 shades h), through white at 0.5: readable with every
# common colour-vision deficiency; the class of a point is also shown by its marker (o or ×).
ACTIVATION_CMAP = LinearSegmentedColormap.from_list(
    "nnbp_activation", [OKABE_ITO["blue"], "#ffffff", OKABE_ITO["orange"]]
)
# The same, paler, under the data points of the decision boundary (so the points stand out).
BOUNDARY_CMAP = LinearSegmentedColormap.from_list(
    "nnbp_boundary", ["#a9cbe3", "#ffffff", "#f5d48f"]
)


# --- the run: data, weights, epochs, curves -----------------------------------------------------


class TrainingRun:
    """One training run of a network with sigmoid units on a 2-D data set, trained by
    :func:`nn.train`.

    * ``dataset``: "xor", "moons" or "spirals" (``nn.datasets``), ``n`` points with ``noise``
      (default: the generator's), of which ``validation`` (a fraction) is held out.
    * ``hidden``: the hidden layers' widths, e.g. ``(8, 8)`` for the network 2-8-8-1.
    * ``alpha``, ``lam``, ``batch_size`` (None: full batch, the deck's loop): as in ``nn.train``;
      they may change between calls of :meth:`train`.
    * ``init``: "random" (``nn.init_weights`` with ``epsilon_init``), "equal" (every Θ_ij = ε_init)
      or "zero"; the last two show why the start must break the symmetry.
    * ``seed`` draws the data, the split, the random start and the mini-batch shuffles, in that
      order.

    ``thetas`` are the current Θ^(l); ``epochs``, ``J_train``, ``J_val`` the curves: J(Θ) on the
    training and the validation part after each epoch (index 0: at the start). After ``train(k)``
    the weights are exactly those of ``nn.train(X_train, y_train, layer_sizes, alpha, lam, epochs=k,
    batch_size, rng=generator, initial_thetas=start)``.
    """

    def __init__(
        self,
        dataset="moons",
        hidden=(8, 8),
        alpha=3.0,
        lam=0.0,
        init="random",
        epsilon_init=0.12,
        batch_size=None,
        n=200,
        noise=None,
        validation=0.25,
        seed=0,
    ):
        if dataset not in DATASETS:
            raise ValueError(f"dataset must be one of {sorted(DATASETS)}, got {dataset!r}")
        if init not in INITS:
            raise ValueError(f"init must be one of {list(INITS)}, got {init!r}")
        if isinstance(hidden, (int, np.integer)) or not hasattr(hidden, "__len__"):
            raise TypeError(
                f"hidden must be a list of hidden-layer widths like (8, 8), got {hidden!r}"
            )
        self.layer_sizes = v.check_layer_sizes([2, *hidden, 1])
        self.dataset = dataset
        self.init = init
        self.epsilon_init = v.check_positive(epsilon_init, "epsilon_init")
        self.alpha = v.check_positive(alpha, "alpha")
        self.lam = v.check_nonnegative(lam, "lam")
        self.batch_size = None if batch_size is None else v.check_count(batch_size, "batch_size", 1)
        self.n = v.check_count(n, "n", 4)
        self.noise = (
            DEFAULT_NOISE[dataset] if noise is None else v.check_nonnegative(noise, "noise")
        )
        self.validation = v.check_positive(validation, "validation")
        if self.validation >= 1:
            raise ValueError(f"validation must be a fraction between 0 and 1, got {validation}")
        self.seed = v.check_count(seed, "seed", 0)
        self.reset()

    def reset(self):
        """Back to epoch 0: the same data and, for the same seed, the same start."""
        rng = np.random.default_rng(self.seed)
        X, y = DATASETS[self.dataset](n=self.n, noise=self.noise, rng=rng)
        self.X_train, self.X_val, self.y_train, self.y_val = datasets.train_test_split(
            X, y, test_fraction=self.validation, rng=rng
        )
        self.rng = rng  # goes on to the start (random init) and the shuffles
        self.start = self.initial_thetas()
        self.thetas = [t.copy() for t in self.start]
        self.epoch = 0
        self.diverged = None
        self.epochs, self.J_train, self.J_val = [0], [], []
        self._record(self.thetas)
        return self

    def initial_thetas(self):
        sizes, eps = self.layer_sizes, self.epsilon_init
        if self.init == "random":
            return init_weights(sizes, self.rng, epsilon_init=eps)
        fill = eps if self.init == "equal" else 0.0
        return [np.full((b, a + 1), fill) for a, b in zip(sizes[:-1], sizes[1:])]

    def _record(self, thetas):
        self.J_train.append(cost(thetas, self.X_train, self.y_train, self.lam))
        self.J_val.append(cost(thetas, self.X_val, self.y_val, self.lam))

    def train(self, epochs=1):
        """``epochs`` more epochs of gradient descent (``nn.train``), recording J after each one."""
        epochs = v.check_count(epochs, "epochs", 0)
        if epochs == 0 or self.diverged:
            return self

        def after_epoch(epoch, J, thetas):
            self._record(thetas)  # raises ValueError once a weight has overflowed
            self.epochs.append(self.epochs[-1] + 1)
            last[:] = [t.copy() for t in thetas]

        last = list(self.thetas)  # the weights after the last finite epoch

        try:
            # α λ > 2 makes the weights grow without bound; when they overflow, the run stops here.
            with np.errstate(over="ignore", invalid="ignore"):
                result = train(
                    self.X_train,
                    self.y_train,
                    self.layer_sizes,
                    self.alpha,
                    lam=self.lam,
                    epochs=epochs,
                    batch_size=self.batch_size,
                    rng=self.rng,
                    initial_thetas=self.thetas,
                    callback=after_epoch,
                )
        except ValueError as exc:
            self.diverged = str(exc)
            n_curve = len(self.epochs)
            del self.J_train[n_curve:], self.J_val[n_curve:]
            self.thetas, self.epoch = [t.copy() for t in last], self.epochs[-1]
            return self
        self.thetas = result.thetas
        self.epoch += result.epochs_run
        return self

    @property
    def L(self) -> int:
        return len(self.layer_sizes)

    def accuracy(self):
        """(training, validation) fraction of points on the right side of h = 0.5."""
        return (
            float(np.mean(predict(self.thetas, self.X_train) == self.y_train)),
            float(np.mean(predict(self.thetas, self.X_val) == self.y_val)),
        )

    def blame_sizes(self):
        """({l: mean |δ^(l)|} for l = 2..L, {l: mean |D^(l)|} for l = 1..L−1) on the training
        part."""
        d = deltas(self.thetas, self.X_train, self.y_train)
        D = backprop(self.thetas, self.X_train, self.y_train, self.lam)
        return (
            {l: float(np.mean(np.abs(d[l]))) for l in sorted(d)},
            {l: float(np.mean(np.abs(D_l))) for l, D_l in enumerate(D, start=1)},
        )

    def plane(self):
        """(x1_lo, x1_hi, x2_lo, x2_hi): the input plane the pictures cover (``PLANES``, or all the
        data)."""
        X = np.vstack([self.X_train, self.X_val])
        lo, hi = np.floor((X.min(axis=0) - 0.1) * 4) / 4, np.ceil((X.max(axis=0) + 0.1) * 4) / 4
        box = PLANES[self.dataset]
        return (
            min(box[0], float(lo[0])),
            max(box[1], float(hi[0])),
            min(box[2], float(lo[1])),
            max(box[3], float(hi[1])),
        )

    def activations_on_grid(self, resolution):
        """{l: (resolution, resolution, s_l)}: every unit's a^(l) over the plane (row 0 at the
        bottom)."""
        x1_lo, x1_hi, x2_lo, x2_hi = self.plane()
        g1, g2 = np.meshgrid(
            np.linspace(x1_lo, x1_hi, resolution), np.linspace(x2_lo, x2_hi, resolution)
        )
        fp = forward(self.thetas, np.column_stack([g1.ravel(), g2.ravel()]))
        return {l: a.reshape(resolution, resolution, -1) for l, a in fp.a.items()}


# --- the picture -------------------------------------------------------------------------------

VIEWS = ("network", "boundary", "cost", "gradients")
FONT_PX = 14  # the smallest text in the PNG, in its pixels
DPI = 100
_PT = 72 / DPI  # points per pixel: matplotlib sizes text in points
_NET_W = 300  # pixel width of the network view
_GAP = 50  # room left of a view for its tick labels, and below it for its x label


def _layout(views, sizes):
    """{view: (x, y, w, h)} in pixels from the top left of the figure, and the figure's (width,
    height).

    One row, landscape like a projector: the network, then the boundary, then the J curves above the
    bars of |δ| and |D|. A view that is not asked for leaves no gap.
    """
    height = max(300, int(34 * max(sizes) + 74)) if "network" in views else 300
    rects, x = {}, 0
    if "network" in views:
        rects["network"] = (x, 0, 300, height)
        x += 300
    if "boundary" in views:
        side = min(240, height - 74)
        rects["boundary"] = (x + 50, 26 + (height - 74 - side) // 2, side, side)
        x += 50 + side + 12
    stack = [name for name in ("cost", "gradients") if name in views]
    if stack:
        n_bars = 2 * (len(sizes) - 1)
        want = {"cost": 120, "gradients": 16 * n_bars}
        room = height - 26 * len(stack) - 44 * len(stack)  # titles above, tick labels below
        scale = min(1.0, room / sum(want[k] for k in stack))
        y = 26
        for name in stack:
            h = int(want[name] * scale) if len(stack) > 1 else min(room, 200)
            rects[name] = (x + 52, y, 236, h)
            y += h + 44 + 26
        x += 52 + 236 + 14
    return rects, (x, height)


class PlaygroundFigure:
    """The playground's picture of a :class:`TrainingRun`, as one reused matplotlib Figure.

    ``views``: any of "network" (each unit's activation a over the input plane, drawn at its node;
    edge width ∝ |Θ_ij|, solid blue for +, dashed vermillion for −), "boundary" (h_Θ(x) with the
    data and the line h = 0.5), "cost" (J on the training and validation part after each epoch) and
    "gradients" (mean |δ^(l)| and |D^(l)| per layer, on a log scale). :meth:`update` redraws from a
    run; :meth:`png` gives the PNG. ``blit``: draw axes, ticks and labels once and afterwards only
    what changes (the same picture, several times faster); the figure is rebuilt when the
    architecture or the data change.
    """

    def __init__(self, run, views=("network", "boundary", "cost"), resolution=64, blit=True):
        self.views = _check_views(views)
        self.resolution = v.check_count(resolution, "resolution", 8)
        self.blit = bool(blit)
        self.fig = Figure(dpi=DPI)
        self.fast = FastFigure(self.fig, blit=self.blit)
        self._key = None
        self.update(run)

    def _build(self, run):
        self.fig.clear()
        rects, (W_px, H_px) = _layout(self.views, run.layer_sizes)
        self.fig.set_size_inches(W_px / DPI, H_px / DPI)
        self.size = (W_px, H_px)
        self.axes = {}
        self.fast.artists.clear()
        for name in VIEWS:
            if name in rects:
                x, y, w, h = rects[name]
                ax = self.fig.add_axes([x / W_px, 1 - (y + h) / H_px, w / W_px, h / H_px])
                self.axes[name] = ax
                getattr(self, f"_build_{name}")(ax, run, w, h)
        self.fast.restage()

    def _animated(self, name, artist):
        """An artist that changes every frame (drawn over the cached background)."""
        return self.fast.moving(artist)

    def update(self, run):
        """Show ``run`` as it is now (rebuilding the views if its architecture or plane changed)."""
        key = (tuple(run.layer_sizes), run.plane())
        if key != self._key:
            self._key = key
            self._build(run)
        grid = (
            run.activations_on_grid(self.resolution)
            if {"network", "boundary"} & set(self.views)
            else None
        )
        for name, ax in self.axes.items():
            getattr(self, f"_update_{name}")(ax, run, grid)

    def render(self) -> np.ndarray:
        """The picture as an (height, width, 4) uint8 RGBA array."""
        return self.fast.render()

    def png(self) -> bytes:
        return self.fast.png()

    # --- network: the units' pictures at their nodes, in pixel coordinates
    def _build_network(self, ax, run, w, h):
        sizes, L = run.layer_sizes, run.L
        ax.set_axis_off()
        ax.set_xlim(0, w)
        ax.set_ylim(0, h)
        top, bottom = h - 40, 28  # room for the layer names and the caption
        pitch = (top - bottom) / max(sizes)
        side = pitch * 0.8
        xs = np.linspace(32, w - 32, L)
        pos = {}
        for l, s in enumerate(sizes, start=1):
            mid = (top + bottom) / 2
            for j in range(1, s + 1):
                pos[(l, j)] = (float(xs[l - 1]), mid + ((s + 1) / 2 - j) * pitch)
        self._edges = [
            (l, i, j)
            for l in range(1, L)
            for i in range(1, sizes[l] + 1)
            for j in range(1, sizes[l - 1] + 1)
        ]
        segs = [[pos[(l, j)], pos[(l + 1, i)]] for (l, i, j) in self._edges]
        self._edge_lines = self._animated(
            "network", LineCollection(segs, colors="#999999", linewidths=1.0, zorder=1)
        )
        ax.add_collection(self._edge_lines)
        # Every unit's picture, framed, pasted into the canvas pixel for pixel over the edges.
        self._node_extents = {
            key: (x - side / 2, x + side / 2, y - side / 2, y + side / 2)
            for key, (x, y) in pos.items()
        }
        self._nodes = self._animated("network", ax.add_artist(PixelImage(ax, zorder=2)))
        for l in range(1, L + 1):
            name = "input" if l == 1 else "output" if l == L else "hidden"
            symbol = "x" if l == 1 else "$h_\\Theta$" if l == L else f"$a^{{({l})}}$"
            ax.text(
                xs[l - 1],
                h - 4,
                f"{symbol}\n{name}",
                ha="center",
                va="top",
                fontsize=FONT_PX * _PT,
                linespacing=1.1,
            )
        ax.text(
            w / 2,
            4,
            "a over the plane: 0 blue, 1 orange",
            ha="center",
            va="bottom",
            fontsize=FONT_PX * _PT,
            color="#333333",
        )

    def _update_network(self, ax, run, grid):
        step = max(1, self.resolution // 32)  # the pictures are small: every other grid point
        items = []
        for (l, j), extent in self._node_extents.items():
            values = grid[l][::-step, ::step, j - 1]  # row 0 at the top
            tile = ACTIVATION_CMAP(values if l > 1 else _input_picture(values), bytes=True)
            tile[[0, -1], :] = tile[:, [0, -1]] = (51, 51, 51, 255)  # a frame round the picture
            items.append((extent, tile))
        self._nodes.items = items
        w = np.array([run.thetas[l - 1][i - 1, j] for (l, i, j) in self._edges])
        biggest = float(np.max(np.abs(w))) if w.size else 0.0
        if biggest > 0:
            self._edge_lines.set_linewidths(0.4 + 3.6 * np.abs(w) / biggest)
            self._edge_lines.set_colors([POSITIVE if x >= 0 else NEGATIVE for x in w])
            self._edge_lines.set_linestyles([POSITIVE_STYLE if x >= 0 else (0, (3, 2)) for x in w])
        else:
            self._edge_lines.set_linewidths(0.8)
            self._edge_lines.set_colors("#999999")
            self._edge_lines.set_linestyles("-")

    # --- boundary: h over the plane, the line h = 0.5, the data
    def _build_boundary(self, ax, run, w, h):
        x1_lo, x1_hi, x2_lo, x2_hi = run.plane()
        self._h_image = self._animated("boundary", ax.add_artist(PixelImage(ax, zorder=0)))
        self._contour = None
        blue, orange = OKABE_ITO["blue"], OKABE_ITO["orange"]
        # Class by marker shape as well as colour (o: y = 0, ×: y = 1); validation points are
        # hollow.
        self._points = [
            ax.scatter([], [], marker="o", s=24, fc=blue, ec="black", lw=0.7, zorder=3),
            ax.scatter([], [], marker="X", s=40, fc=orange, ec="black", lw=0.7, zorder=3),
            ax.scatter([], [], marker="o", s=24, fc="none", ec="black", lw=1.2, zorder=3),
            ax.scatter([], [], marker="+", s=40, color="black", lw=1.5, zorder=3),
        ]
        ax.set_xlim(x1_lo, x1_hi)
        ax.set_ylim(x2_lo, x2_hi)
        ax.set_xlabel("$x_1$", fontsize=FONT_PX * _PT, labelpad=0)
        ax.set_ylabel("$x_2$", fontsize=FONT_PX * _PT, labelpad=0)
        ax.tick_params(labelsize=FONT_PX * _PT, length=3, pad=2)
        ax.grid(False)
        ax.set_title("$h_\\Theta(x)$; black line: h = 0.5", fontsize=FONT_PX * _PT, pad=4)

    def _update_boundary(self, ax, run, grid):
        for points, (X, y, label) in zip(
            self._points,
            (
                (run.X_train, run.y_train, 0),
                (run.X_train, run.y_train, 1),
                (run.X_val, run.y_val, 0),
                (run.X_val, run.y_val, 1),
            ),
        ):
            points.set_offsets(X[y == label])
        h = grid[run.L][:, :, 0]
        self._h_image.items = [(run.plane(), BOUNDARY_CMAP(h[::-1], bytes=True))]
        if self._contour is not None:
            self.fast.still(self._contour).remove()
            self._contour = None
        for p in self._points:  # the points stay on top of the picture
            self.fast.still(p)
        if h.min() < 0.5 < h.max():
            x1_lo, x1_hi, x2_lo, x2_hi = run.plane()
            r = self.resolution
            self._contour = self._animated(
                "boundary",
                ax.contour(
                    np.linspace(x1_lo, x1_hi, r),
                    np.linspace(x2_lo, x2_hi, r),
                    h,
                    levels=[0.5],
                    colors="black",
                    linewidths=1.8,
                ),
            )
        for p in self._points:
            self._animated("boundary", p)

    # --- cost: J per epoch
    def _build_cost(self, ax, run, w, h):
        self._J_lines = (
            self._animated(
                "cost", ax.plot([], [], color=OKABE_ITO["blue"], lw=2, label="training")[0]
            ),
            self._animated(
                "cost",
                ax.plot([], [], color=OKABE_ITO["vermillion"], lw=2, ls="--", label="validation")[
                    0
                ],
            ),
        )
        ax.set_xlabel("epoch", fontsize=FONT_PX * _PT, labelpad=0)
        ax.set_title("J(Θ)", fontsize=FONT_PX * _PT, pad=4, loc="left")
        ax.tick_params(labelsize=FONT_PX * _PT, length=3, pad=2)
        ax.legend(
            handles=self._J_lines,
            loc="lower right",
            bbox_to_anchor=(1.02, 0.98),
            ncol=2,
            fontsize=FONT_PX * _PT,
            frameon=False,
            handlelength=1.5,
            borderpad=0,
            columnspacing=0.8,
            handletextpad=0.4,
        )
        ax.grid(True, alpha=0.3)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        self._J_limits = None

    def _update_cost(self, ax, run, grid):
        e = np.asarray(run.epochs)
        self._J_lines[0].set_data(e, run.J_train)
        self._J_lines[1].set_data(e, run.J_val)
        # The limits grow in steps, so the axes (and the background) are redrawn only now and then.
        x_max = max(20, 2 ** math.ceil(math.log2(max(e[-1], 1) * 1.02)))
        top = max(max(run.J_train), max(run.J_val))
        y_max = 0.25 * math.ceil(top * 1.05 / 0.25) if top > 0 else 0.25
        if (x_max, y_max) != self._J_limits:
            ax.set_xlim(0, x_max)
            ax.set_ylim(0, y_max)
            self._J_limits = (x_max, y_max)
            self.fast.restage()

    # --- gradients: mean |δ^(l)| and |D^(l)| per layer
    def _build_gradients(self, ax, run, w, h):
        L = run.L
        labels = [f"δ$^{{({l})}}$" for l in range(L, 1, -1)] + [
            f"D$^{{({l})}}$" for l in range(L - 1, 0, -1)
        ]
        y = np.arange(len(labels))
        n = L - 1
        bars = ax.barh(
            y,
            np.ones(len(y)),
            left=_TINY,
            height=0.72,
            color=[OKABE_ITO["sky"]] * n + [OKABE_ITO["green"]] * n,
            hatch=["///"] * n + [""] * n,
            edgecolor="#333333",
            lw=0.8,
        )
        self._grad_bars = [self._animated("gradients", b) for b in bars]
        ax.set_yticks(y, labels, fontsize=FONT_PX * _PT)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.set_xscale("log")
        ax.set_xlim(_TINY, 1)
        ax.set_xticks([1e-6, 1e-4, 1e-2, 1], ["10⁻⁶", "10⁻⁴", "0.01", "1"])
        ax.tick_params(labelsize=FONT_PX * _PT, length=3, pad=2)
        ax.set_title("mean |δ| and |D| per layer", fontsize=FONT_PX * _PT, pad=4, loc="left")
        ax.grid(True, axis="x", alpha=0.3)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

    def _update_gradients(self, ax, run, grid):
        d, D = run.blame_sizes()
        values = [d[l] for l in range(run.L, 1, -1)] + [D[l] for l in range(run.L - 1, 0, -1)]
        for bar, value in zip(self._grad_bars, values):
            bar.set_width(max(value, _TINY) - _TINY)


_TINY = 1e-6  # the left end of the log-scaled bars


def _input_picture(values):
    """An input's value over the plane scaled to 0..1, so x_1 and x_2 show as ramps."""
    lo, hi = float(values.min()), float(values.max())
    return (values - lo) / (hi - lo) if hi > lo else np.full_like(values, 0.5)


def _check_views(views):
    if isinstance(views, str):
        views = (views,)
    views = tuple(views)
    bad = [x for x in views if x not in VIEWS]
    if bad or not views:
        raise ValueError(f"views must name at least one of {VIEWS}, got {views!r}")
    return views


# --- the widget ----------------------------------------------------------------------------------

CONTROLS = (
    "play",
    "step",
    "reset",
    "alpha",
    "lam",
    "batch",
    "dataset",
    "noise",
    "layers",
    "units",
    "init",
    "epsilon_init",
    "speed",
    "seed",
)
BATCHES = (("full batch", 0), ("1", 1), ("10", 10), ("32", 32))
MAX_LAYERS, MAX_UNITS = 3, 8
CSS_CLASS = "nnbp-playground"


class Playground(W.VBox):
    """The playground widget (a ``VBox``): ``.controls`` names every control, ``.run`` is the
    :class:`TrainingRun` on screen, ``.figure`` its :class:`PlaygroundFigure`. Saved without a
    kernel, its plain-text form says what to do."""

    def __repr__(self):
        return "Training playground: run this cell (with a kernel) to start the widget."


def playground(
    dataset="moons",
    hidden=(8, 8),
    alpha=3.0,
    lam=0.0,
    init="random",
    epsilon_init=0.12,
    batch_size=None,
    n=200,
    noise=None,
    validation=0.25,
    seed=0,
    controls=None,
    views=("network", "boundary", "cost"),
    epochs_per_frame=10,
    interval=100,
):
    """The training playground: press Play and watch a network learn, with the series' own
    ``nn.train``.

    The first arguments are those of :class:`TrainingRun`. ``controls``: the names (from
    ``CONTROLS``) of the controls to show, in that order; default all. For example
    ``controls=("play", "reset", "alpha")`` shows only Play, Reset and α. The epoch counter and the
    current J and accuracy are always shown. ``views``: the panels of the picture (see
    :class:`PlaygroundFigure`). ``epochs_per_frame``: epochs trained per tick of Play (the "speed"
    control). ``interval``: ms between Play's ticks (a slower kernel shows fewer frames, never a
    backlog).

    α, λ and the batch size take effect at the next epoch, mid-run (α and λ when their slider is
    released); the data, the architecture, the start and the seed start a new run at epoch 0.
    Returns a :class:`Playground` (an ``ipywidgets.VBox``).
    """
    run = TrainingRun(
        dataset,
        hidden=hidden,
        alpha=alpha,
        lam=lam,
        init=init,
        epsilon_init=epsilon_init,
        batch_size=batch_size,
        n=n,
        noise=noise,
        validation=validation,
        seed=seed,
    )
    figure = PlaygroundFigure(run, views=views)
    shown = _check_controls(controls)
    epochs_per_frame = v.check_count(epochs_per_frame, "epochs_per_frame", 1)
    interval = v.check_count(interval, "interval", 10)

    wide = W.Layout(width="250px")
    narrow = W.Layout(width="190px")
    style = {"description_width": "62px"}
    # A slider with continuous_update sends the browser's value back as soon as it is drawn, moved
    # to the nearest step of its scale: α = 3 would become 10^0.5 = 3.16 before the first epoch. α
    # and λ are set from the kernel to any value, so theirs take effect when released.
    c = {
        "play": W.Play(
            value=0,
            min=0,
            max=10**9,
            step=1,
            interval=interval,
            show_repeat=False,
            tooltip="Play / pause: train and redraw",
            layout=W.Layout(width="auto"),
        ),
        "step": W.Button(description="Step", tooltip="one epoch", layout=W.Layout(width="64px")),
        "reset": W.Button(
            description="Reset",
            tooltip="back to epoch 0, the same start",
            layout=W.Layout(width="64px"),
        ),
        "alpha": W.FloatLogSlider(
            value=run.alpha,
            base=10,
            min=-3,
            max=1.5,
            step=0.05,
            description="α",
            readout_format=".3g",
            style=style,
            layout=wide,
            continuous_update=False,
        ),
        "lam": W.FloatSlider(
            value=run.lam,
            min=0.0,
            max=0.05,
            step=0.0005,
            description="λ",
            readout_format=".4f",
            style=style,
            layout=wide,
            continuous_update=False,
        ),
        "batch": W.Dropdown(
            options=BATCHES,
            value=run.batch_size or 0,
            description="batch",
            style=style,
            layout=narrow,
        ),
        "dataset": W.Dropdown(
            options=list(DATASETS),
            value=run.dataset,
            description="data",
            style=style,
            layout=narrow,
        ),
        "noise": W.FloatSlider(
            value=run.noise,
            min=0.0,
            max=0.5,
            step=0.01,
            description="noise",
            style=style,
            layout=wide,
            continuous_update=False,
        ),
        "layers": W.IntSlider(
            value=len(run.layer_sizes) - 2,
            min=0,
            max=MAX_LAYERS,
            description="layers",
            style=style,
            layout=narrow,
            continuous_update=False,
        ),
        "units": W.IntSlider(
            value=max(run.layer_sizes[1:-1] or [4]),
            min=1,
            max=MAX_UNITS,
            description="units",
            style=style,
            layout=narrow,
            continuous_update=False,
        ),
        "init": W.Dropdown(
            options=[(label, key) for key, label in INITS.items()],
            value=run.init,
            description="start",
            style=style,
            layout=W.Layout(width="250px"),
        ),
        "epsilon_init": W.FloatLogSlider(
            value=run.epsilon_init,
            base=10,
            min=-2,
            max=1,
            step=0.05,
            description="ε_init",
            readout_format=".3g",
            style=style,
            layout=wide,
            continuous_update=False,
        ),
        "speed": W.IntSlider(
            value=epochs_per_frame,
            min=1,
            max=50,
            description="epochs/frame",
            style={"description_width": "90px"},
            layout=wide,
        ),
        "seed": W.BoundedIntText(
            value=run.seed,
            min=0,
            max=99999,
            description="seed",
            style=style,
            layout=W.Layout(width="150px"),
        ),
    }
    for name, widget in c.items():
        widget.add_class(f"nnbp-pg-{name.replace('_', '-')}")
    readout = W.HTML(layout=W.Layout(margin="0 0 0 8px"))
    readout.add_class("nnbp-pg-readout")
    # Its own size, or smaller on a narrow or short screen (a projector at 150 %), never distorted.
    image = W.Image(
        format="png",
        layout=W.Layout(max_width="100%", height="auto", max_height="55vh", object_fit="contain"),
    )
    image.add_class("nnbp-pg-figure")
    state = {"frames": 0}

    def show():
        image.value = figure.png()
        image.layout.width = f"{figure.size[0]}px"
        accuracy = run.accuracy()
        # One message for the numbers and the alt text (a line only screen readers see: the Image
        # widget takes no alt text).
        readout.value = (
            readout_html(run, accuracy) + "<span class='nnbp-pg-alt' role='img' style='position:"
            "absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)' aria-label='"
            f"{html.escape(alt_text(run, figure.views, accuracy), quote=True)}'></span>"
        )
        state["frames"] += 1

    def redraw():
        figure.update(run)
        show()

    def advance(epochs):
        run.train(epochs)
        redraw()

    def on_tick(change):
        # A tick (or several merged into one) from the browser; Stop sets the value back to 0.
        if change["new"] > change["old"] and not run.diverged:
            advance(c["speed"].value)

    def pause():
        c["play"].playing = False

    def restart(*_):
        """A new run at epoch 0 from the controls (Reset: the same start again)."""
        pause()
        run.dataset, run.noise = c["dataset"].value, c["noise"].value
        run.init, run.epsilon_init, run.seed = (
            c["init"].value,
            c["epsilon_init"].value,
            c["seed"].value,
        )
        run.reset()
        redraw()

    def retune(*_):
        run.alpha = c["alpha"].value
        run.lam = c["lam"].value
        run.batch_size = c["batch"].value or None

    def on_architecture(*_):
        run.layer_sizes = v.check_layer_sizes([2, *[c["units"].value] * c["layers"].value, 1])
        restart()

    def on_dataset(change):
        # each data set with its own usual noise (moving the noise slider starts the new run)
        if c["noise"].value != DEFAULT_NOISE[change["new"]]:
            c["noise"].value = DEFAULT_NOISE[change["new"]]
        else:
            restart()

    c["play"].observe(on_tick, names="value")
    c["step"].on_click(lambda _: advance(1))
    c["reset"].on_click(restart)
    for name in ("alpha", "lam", "batch"):
        c[name].observe(retune, names="value")
    c["dataset"].observe(on_dataset, names="value")
    for name in ("layers", "units"):
        c[name].observe(on_architecture, names="value")
    for name in ("noise", "init", "epsilon_init", "seed"):
        c[name].observe(restart, names="value")
    redraw()

    buttons = [c[name] for name in ("play", "step", "reset") if name in shown]
    others = [c[name] for name in shown if name not in ("play", "step", "reset")]
    wrap = W.Layout(flex_flow="row wrap", align_items="center")
    box = Playground([W.HBox(buttons + [readout], layout=wrap), image, W.HBox(others, layout=wrap)])
    box.add_class(CSS_CLASS)
    box.controls = dict(c, readout=readout, image=image)
    box.run, box.figure, box.state = run, figure, state
    return box


def _check_controls(controls):
    if controls is None:
        return CONTROLS
    if isinstance(controls, str):
        controls = (controls,)
    controls = tuple(controls)
    bad = [name for name in controls if name not in CONTROLS]
    if bad:
        raise ValueError(f"controls: unknown name(s) {bad}; choose from {CONTROLS}")
    return controls


def _fmt(x) -> str:
    return f"{x:.3f}" if abs(x) < 100 else f"{x:.3g}"


def readout_html(run, accuracy=None) -> str:
    """The numbers beside Play: the epoch, J on both parts, the share of points classified right."""
    acc_train, acc_val = run.accuracy() if accuracy is None else accuracy
    diverged = (
        "<span class='nnbp-pg-diverged' style='color:#b00'> — the weights overflowed: "
        "lower α or λ and press Reset</span>"
        if run.diverged
        else ""
    )
    return (
        f"<span style='font-size:14px;font-variant-numeric:tabular-nums'>"
        f"epoch <b class='nnbp-pg-epoch'>{run.epoch}</b> · "
        f"J <span class='nnbp-pg-jtrain'>{_fmt(run.J_train[-1])}</span>"
        f" (val <span class='nnbp-pg-jval'>{_fmt(run.J_val[-1])}</span>) · "
        f"<span class='nnbp-pg-acc'>{acc_train:.0%}</span>"
        f" (<span class='nnbp-pg-accval'>{acc_val:.0%}</span>) right{diverged}</span>"
    )


def alt_text(run, views=VIEWS, accuracy=None) -> str:
    """One line for screen readers: what the picture shows now."""
    sizes = "-".join(str(s) for s in run.layer_sizes)
    acc_train, acc_val = run.accuracy() if accuracy is None else accuracy
    parts = [f"A {sizes} network learning the {run.dataset} data, epoch {run.epoch}"]
    if "network" in views:
        parts.append("each unit's activation over the input plane at its node")
    if "boundary" in views:
        parts.append(
            f"decision boundary with the data: {acc_train:.0%} of training and "
            f"{acc_val:.0%} of validation points on the right side"
        )
    if "cost" in views:
        parts.append(
            f"J(Θ) per epoch, now {_fmt(run.J_train[-1])} (training) and {_fmt(run.J_val[-1])} "
            "(validation)"
        )
    if "gradients" in views:
        parts.append("mean |δ| and |D| per layer on a log scale")
    return "; ".join(parts) + "."


def playground_animation_html(
    epochs=600, frames=30, views=("network", "boundary", "cost"), interval=200, **run_args
) -> str:
    """A recorded run as a self-contained animation (no kernel, no network): ``frames`` pictures
    spread over ``epochs`` epochs of a :class:`TrainingRun` made from ``run_args``. For the static
    site."""
    epochs = v.check_count(epochs, "epochs", 1)
    frames = v.check_count(frames, "frames", 2)
    run = TrainingRun(**run_args)
    figure = PlaygroundFigure(run, views=views, blit=False)
    marks = np.linspace(0, epochs, frames).round().astype(int)

    def draw(k):
        run.train(int(marks[k]) - run.epoch)
        figure.update(run)
        stamp.set_text(f"epoch {run.epoch}")

    stamp = figure.fig.text(
        0.995, 0.005, "", ha="right", va="bottom", fontsize=FONT_PX * _PT, weight="bold"
    )

    return recorded_jshtml(
        figure.fig,
        draw,
        frames,
        interval=interval,
        dpi=DPI,
        alt=f"Recorded training run, {frames} frames over {epochs} epochs: " + alt_text(run, views),
    )
