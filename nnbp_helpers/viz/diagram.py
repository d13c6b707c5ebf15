"""A network drawn like the deck's figure: one column of nodes per layer, bias units as "+1"
squares.

Keys follow the deck: node ``(l, j)`` is unit j of layer l (j = 0 is the bias unit a_0 = 1), and
edge ``(l, i, j)`` carries Θ_ij^(l), from unit j of layer l to unit i of layer l + 1.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyBboxPatch

from .. import _validate as v
from ..blame import BlameSplit, BlameStep
from .plotting import OKABE_ITO, sign_style

__all__ = [
    "node_positions",
    "edge_keys",
    "draw_network",
    "draw_architecture",
    "architecture_extent",
    "draw_blame_step",
    "step_caption",
]

NODE_RADIUS = 0.30
LAYER_GAP = 2.6  # horizontal distance between two columns
UNIT_GAP = 1.25  # vertical distance between two nodes of a column


def node_positions(layer_sizes, show_bias=True) -> dict:
    """The (x, y) centre of every node, keyed by (l, j); layer l is column l − 1, bias (j = 0) on
    top.

    Output layer gets no bias unit. Columns are centred vertically on y = 0.
    """
    sizes = v.check_layer_sizes(layer_sizes)
    L = len(sizes)
    pos = {}
    for l, s in enumerate(sizes, start=1):
        has_bias = show_bias and l < L
        n = s + (1 if has_bias else 0)
        top = (n - 1) * UNIT_GAP / 2
        first = 0 if has_bias else 1
        for k, j in enumerate(range(first, s + 1)):
            pos[(l, j)] = ((l - 1) * LAYER_GAP, top - k * UNIT_GAP)
    return pos


def edge_keys(layer_sizes, show_bias=True) -> list:
    """Every edge (l, i, j): Θ_ij^(l) joins unit j of layer l (j = 0: bias) to unit i of
    layer l + 1."""
    sizes = v.check_layer_sizes(layer_sizes)
    first = 0 if show_bias else 1
    return [
        (l, i, j)
        for l in range(1, len(sizes))
        for i in range(1, sizes[l] + 1)
        for j in range(first, sizes[l - 1] + 1)
    ]


def _layer_name(l, L):
    if l == 1:
        return "input"
    if l == L:
        return "output"
    return "hidden"


def draw_network(
    layer_sizes,
    ax=None,
    show_bias=True,
    node_labels=None,
    edge_labels=None,
    edge_values=None,
    node_colors=None,
    layer_titles=True,
    title=None,
    fontsize=15,
    edge_label_position=0.5,
    max_edge_width=9.0,
    dim_edges=(),
    edge_value_max=None,
):
    """Draw a fully connected network (nodes, bias units, edges) into ``ax`` and return the Axes.

    ``layer_sizes`` = [s_1, ..., s_L] (bias units not counted).
    ``node_labels``: {(l, j): text} drawn inside the node; default a_j^(l) (and "+1" for bias
    units). ``edge_labels``: {(l, i, j): text} drawn on edge Θ_ij^(l), at ``edge_label_position`` of
    the way from layer l to layer l + 1.
    ``edge_values``: {(l, i, j): number}: line width ∝ |value|, colour and line style show the sign
    (``nn.plotting.sign_style``), the widest for ``edge_value_max`` (default: the largest |value|);
    edges not in the dict are thin grey. ``dim_edges``: keys drawn faint.
    ``node_colors``: {(l, j): colour} fill of a node (default white).
    """
    sizes = v.check_layer_sizes(layer_sizes)
    node_labels = _check_mapping(node_labels, "node_labels")
    edge_labels = _check_mapping(edge_labels, "edge_labels")
    edge_values = _check_mapping(edge_values, "edge_values")
    node_colors = _check_mapping(node_colors, "node_colors")
    if not 0.0 < float(edge_label_position) < 1.0:
        raise ValueError(f"edge_label_position must be between 0 and 1, got {edge_label_position}")
    if ax is None:
        width = 2.6 + 2.4 * (len(sizes) - 1)
        _, ax = plt.subplots(figsize=(width, 1.2 + 1.1 * (max(sizes) + 1)))
    L = len(sizes)
    pos = node_positions(sizes, show_bias)
    dim = set(dim_edges)

    # Edges first, so that nodes sit on top of them.
    biggest = max((abs(float(val)) for val in edge_values.values()), default=0.0)
    if edge_value_max is not None:
        biggest = float(edge_value_max)
    for key in edge_keys(sizes, show_bias):
        l, i, j = key
        (x0, y0), (x1, y1) = pos[(l, j)], pos[(l + 1, i)]
        if key in edge_values:
            val = float(edge_values[key])
            style = sign_style(val)
            lw = 0.8 + (max_edge_width - 0.8) * min(1.0, abs(val) / biggest if biggest > 0 else 0.0)
            kw = dict(color=style["color"], linestyle=style["linestyle"], linewidth=lw, alpha=0.9)
        else:
            kw = dict(color="#8c8c8c", linestyle="-", linewidth=1.3, alpha=0.8)
        if key in dim:
            kw.update(alpha=0.15)
        ax.plot([x0, x1], [y0, y1], zorder=1, solid_capstyle="round", dash_capstyle="round", **kw)
        if key in edge_labels:
            t = float(edge_label_position)
            xm, ym = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
            ax.text(
                xm,
                ym,
                str(edge_labels[key]),
                ha="center",
                va="center",
                fontsize=fontsize * 0.9,
                zorder=4,
                alpha=0.35 if key in dim else 1.0,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85),
            )

    # Nodes: circles for units, "+1" squares for bias units.
    for (l, j), (x, y) in pos.items():
        face = node_colors.get((l, j), "white")
        if j == 0:
            r = NODE_RADIUS * 0.85
            ax.add_patch(
                FancyBboxPatch(
                    (x - r, y - r),
                    2 * r,
                    2 * r,
                    boxstyle="round,pad=0.02",
                    fc=node_colors.get((l, j), "#f2f2f2"),
                    ec="#555555",
                    lw=1.8,
                    linestyle=":",
                    zorder=2,
                )
            )
            label = node_labels.get((l, j), "+1")
        else:
            ax.add_patch(Circle((x, y), NODE_RADIUS, fc=face, ec="black", lw=2.0, zorder=2))
            label = node_labels.get((l, j), f"$a_{{{j}}}^{{({l})}}$")
        ax.text(x, y, str(label), ha="center", va="center", fontsize=fontsize, zorder=3)

    if layer_titles:
        y_bottom = min(y for _, y in pos.values()) - NODE_RADIUS - 0.45
        for l in range(1, L + 1):
            ax.text(
                (l - 1) * LAYER_GAP,
                y_bottom,
                f"layer {l}\n({_layer_name(l, L)})",
                ha="center",
                va="top",
                fontsize=fontsize * 0.85,
                color=OKABE_ITO["black"],
            )
    if title is not None:
        ax.set_title(str(title))

    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - (1.6 if layer_titles else 0.6), max(ys) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


ARCH_TOP = 1.65  # room above the top node for the title and the Θ shapes of draw_architecture


def _theta_shapes(layer_sizes) -> list:
    """[(s_{l+1}, s_l + 1) for l = 1, ..., L − 1]: the shape of every Θ^(l)."""
    sizes = v.check_layer_sizes(layer_sizes)
    return [(b, a + 1) for a, b in zip(sizes[:-1], sizes[1:])]


def architecture_extent(layer_sizes) -> tuple:
    """(x_min, x_max, y_min, y_max) of what :func:`draw_architecture` draws, in data units."""
    pos = node_positions(layer_sizes)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, x1 = min(xs) - 0.95, max(xs) + 0.95
    pad = max(0.0, 5.4 - (x1 - x0)) / 2  # wide enough for the title line, even for [1, 1]
    return x0 - pad, x1 + pad, min(ys) - 1.55, max(ys) + NODE_RADIUS + ARCH_TOP


def draw_architecture(layer_sizes, ax, fontsize=13):
    """Draw ``layer_sizes`` with the shape of each Θ^(l) over its connections and a title line on
    top.

    The Axes fills the area :func:`architecture_extent` gives (equal aspect, no axes); a figure of
    about 0.8 inch per data unit keeps every label inside its circle or "+1" square.
    """
    sizes = v.check_layer_sizes(layer_sizes)
    shapes = _theta_shapes(sizes)
    n_weights = sum(r * c for r, c in shapes)
    ax.clear()
    draw_network(sizes, ax=ax, fontsize=fontsize)
    pos = node_positions(sizes)
    x0, x1, y0, y1 = architecture_extent(sizes)
    y_top = max(p[1] for p in pos.values()) + NODE_RADIUS
    for l, shape in enumerate(shapes, start=1):
        x_mid = (pos[(l, 1)][0] + pos[(l + 1, 1)][0]) / 2  # halfway between layer l and l + 1
        ax.text(
            x_mid,
            y_top + 0.25,
            f"Θ$^{{({l})}}$: {shape}",
            ha="center",
            va="bottom",
            fontsize=fontsize * 1.05,
            color=OKABE_ITO["blue"],
            fontweight="bold",
        )
    ax.text(
        (x0 + x1) / 2,
        y1 - 0.2,
        f"layer_sizes = {sizes}: L = {len(sizes)}, {n_weights} weights",
        ha="center",
        va="top",
        fontsize=fontsize * 1.1,
    )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return ax


def _check_mapping(value, name):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(
            f"{name} must be a dict keyed by node (l, j) or edge (l, i, j), got a "
            f"{type(value).__name__}"
        )
    return value


# --- the δ-split picture of notebook 01 ----------------------------------------------

ACTIVE_FILL = OKABE_ITO[
    "orange"
]  # the layer whose δ is being made: strong, even on a washed-out projector
DONE_FILL = "#e8e8e8"  # layers whose δ is known: quiet grey
ACTIVE_EDGE = 3.2  # the active nodes' outline width (the others: 2.0)


def _num(x, digits=3):
    return f"{float(x):+.{digits}f}".replace("-", "−")


def _sig(x, signed=True):
    """x to three significant figures (0.0357, 1.37, −0.149): factors that are multiplied on
    screen."""
    text = f"{float(x):{'+' if signed else ''}#.3g}"
    if "e" in text:  # tiny or huge: keep it readable rather than 3.57e-05
        text = f"{float(x):{'+' if signed else ''}.2e}"
    return text.replace("-", "−")


_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


def step_caption(step) -> str:
    """The one-line caption of a frame of the backward pass (a :class:`BlameStep`), in plain
    Unicode."""
    if not isinstance(step, BlameStep):
        raise TypeError(
            f"step must be a BlameStep from a BlameSplit's steps, got a {type(step).__name__}"
        )

    def up(l):
        return f"({l})".translate(_SUP)

    l = step.layer
    if step.kind == "forward":
        return "forward pass done, no blame yet"
    if step.kind == "output":
        return f"the output error δ{up(l)} = a{up(l)} − y"
    if step.kind == "shares":
        return f"δ{up(l + 1)} is split along Θ{up(l)}: share Θᵢⱼ δᵢ on each edge"
    if step.kind == "sum":
        return f"each node of layer {l} adds up the shares it receives"
    return f"the sum × g'(z) = a(1 − a) is δ{up(l)}"


def _sym(name, j, l):
    return f"${name}_{{{j}}}^{{({l})}}$"


def draw_blame_step(split, step, ax=None, fontsize=15, note=None):
    """Draw frame ``step`` (0-based index into ``split.steps``) of the backward pass of a
    BlameSplit.

    ``note``: an optional second title line, e.g. "all 8 steps are in the animation below".
    Nodes show a and, once known, δ; each Θ^(l) edge shows Θ_ij until δ^(l+1) flows back along it,
    then the share Θ_ij^(l) δ_i^(l+1), with width ∝ |share| and sign by colour and line style.
    Returns the Axes; the formulas of the step are in its lower part.
    """
    if not isinstance(split, BlameSplit):
        raise TypeError(
            f"split must be a BlameSplit from nn.blame.blame_shares, got a {type(split).__name__}"
        )
    n = len(split.steps)
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or not 0 <= step < n:
        raise ValueError(f"step must be an int in 0..{n - 1}, got {step!r}")
    if note is not None and not isinstance(note, str):
        raise TypeError(f"note must be a str or None, got a {type(note).__name__}")
    if ax is None:
        _, ax = plt.subplots(figsize=(13, 7.2))
    ax.clear()
    cur = split.steps[step]
    L, sizes = split.L, split.layer_sizes
    # How far back the blame has got: layers with a finished δ, and the layer being worked on.
    done = set()
    shared = set()  # Θ^(l) layers whose edges carry shares
    stage = {}  # layer → "sum" / "gprime" reached
    for s in split.steps[: step + 1]:
        if s.kind == "output":
            done.add(L)
        elif s.kind == "shares":
            shared.add(s.layer)
        elif s.kind == "sum":
            stage[s.layer] = "sum"
        elif s.kind == "gprime":
            stage[s.layer] = "gprime"
            done.add(s.layer)

    biggest = (
        max(float(np.max(np.abs(sh))) for sh in split.shares.values()) if split.shares else 1.0
    )
    edge_values, edge_labels, dim = {}, {}, []
    for l in range(1, L):
        theta = split.thetas[l - 1]
        for i in range(1, sizes[l] + 1):
            for j in range(0, sizes[l - 1] + 1):
                key = (l, i, j)
                if l in shared:
                    if j == 0:
                        dim.append(key)  # a bias unit takes no blame: nothing flows to it
                        continue
                    share = split.shares[l][i - 1, j - 1]
                    edge_values[key] = share
                    edge_labels[key] = _num(share, 2)
                    if cur.layer is not None and l > cur.layer:
                        dim.append(key)  # an earlier split, finished: faint, so this one stands out
                else:
                    edge_labels[key] = f"{float(theta[i - 1, j]):.1f}".replace("-", "−")
    node_colors = {}
    for l in range(2, L + 1):
        for j in range(1, sizes[l - 1] + 1):
            if cur.layer == l:
                node_colors[(l, j)] = ACTIVE_FILL
            elif l in done:
                node_colors[(l, j)] = DONE_FILL

    draw_network(
        sizes,
        ax=ax,
        show_bias=True,
        edge_labels=edge_labels,
        edge_values=edge_values,
        node_colors=node_colors,
        dim_edges=dim,
        fontsize=fontsize,
        edge_value_max=biggest,
        edge_label_position=0.3,
        layer_titles=True,
    )
    pos = node_positions(sizes)
    if cur.layer is not None:  # a thick outline round the nodes being worked on
        for j in range(1, sizes[cur.layer - 1] + 1):
            ax.add_patch(
                Circle(
                    pos[(cur.layer, j)],
                    NODE_RADIUS,
                    fill=False,
                    ec="black",
                    lw=ACTIVE_EDGE,
                    zorder=2.5,
                )
            )
    small = fontsize * 0.85
    for l in range(1, L + 1):
        for j in range(1, sizes[l - 1] + 1):
            x, y = pos[(l, j)]
            # a sits above the node, nudged left, clear of the shares labelled on its outgoing edges
            ax.text(
                x - 0.2,
                y + NODE_RADIUS + 0.05,
                f"a = {float(split.a[l][j - 1]):.3f}",
                ha="center",
                va="bottom",
                fontsize=small,
                color="#333333",
                zorder=5,
            )
            if l < 2:
                continue
            text = None
            if l in done:
                text = f"δ = {_num(split.delta[l][j - 1])}"
            elif stage.get(l) == "sum":
                text = f"Σ = {_num(split.sums[l][j - 1])}"
            if text:
                # Below the node and shifted left: the labels of the edges leaving the node sit to
                # its lower right (Θ_21 and its share), and the next exercise reads them. The
                # product that makes δ is written out in full under the picture.
                active = cur.layer == l
                ax.text(
                    x + 0.12,
                    y - NODE_RADIUS - 0.08,
                    text,
                    ha="center",
                    va="top",
                    fontsize=small,
                    fontweight="bold" if active else "normal",
                    color="black" if active else "#444444",
                    zorder=6,
                    bbox=dict(
                        boxstyle="round,pad=0.2",
                        fc="white",
                        ec="black" if active else "#999999",
                        lw=2.0 if active else 1.0,
                    ),
                )
    title = f"Step {step + 1} of {n}: {step_caption(cur)}"
    if note:
        title += f"\n({note})"
    ax.set_title(title, fontsize=fontsize * 1.1, loc="left")
    lines = _step_formulas(split, cur)
    if lines:
        # Long lists (the shares of a layer, one per line) go in columns, one per receiving node.
        columns, col = [], []
        for line in lines:
            if line.startswith("to node") and col:
                columns.append(col)
                col = []
            col.append(line)
        columns.append(col)
        for k, col in enumerate(columns):
            ax.text(
                k / len(columns),
                -0.02,
                "\n".join(col),
                transform=ax.transAxes,
                ha="left",
                va="top",
                fontsize=fontsize * (0.95 if len(columns) == 1 else 0.85),
                family="DejaVu Sans",
            )
    return ax


def _step_formulas(split, cur):
    L, sizes = split.L, split.layer_sizes
    l = cur.layer
    if cur.kind == "forward":
        return [
            "Numbers on the edges are the weights Θ; a is each node's activation.",
            f"Target y = {float(split.y[0]):g}, output a = {float(split.a[L][0]):.3f}: "
            "how much is each node to blame?",
        ]
    if cur.kind == "output":
        return [
            f"{_sym('δ', k, L)} = {_sym('a', k, L)} − y = {float(split.a[L][k - 1]):.3f} − "
            f"{float(split.y[k - 1]):g} = {_num(split.delta[L][k - 1])}"
            for k in range(1, sizes[-1] + 1)
        ]
    # Every factor multiplied on screen has three significant figures, and a product of rounded
    # factors is written "≈": 1.83 × 0.0357 ≈ 0.065 checks, where 1.83 × 0.036 = 0.065 would not.
    out = []
    for j in range(1, sizes[l - 1] + 1):

        def share(i):
            return f"$\\Theta_{{{i}{j}}}^{{({l})}}\\delta_{{{i}}}^{{({l + 1})}}$"

        if cur.kind == "shares":
            out.append(f"to node {j} of layer {l}:")
            out += [
                f"   {share(i)} = {_sig(split.thetas[l - 1][i - 1, j])} × "
                f"{_sig(split.delta[l + 1][i - 1])} ≈ {_num(split.shares[l][i - 1, j - 1])}"
                for i in range(1, sizes[l] + 1)
            ]
        elif cur.kind == "sum" and sizes[l] == 1:  # one share only: the sum is that share
            out.append(
                f"node {j}:   Σ = {share(1)} ≈ {_num(split.sums[l][j - 1])} (its only share)"
            )
        elif cur.kind == "sum":
            terms = " + ".join(share(i) for i in range(1, sizes[l] + 1))
            values = " + ".join(_num(split.shares[l][i - 1, j - 1]) for i in range(1, sizes[l] + 1))
            out.append(f"node {j}:   {terms} ≈ {values} ≈ {_num(split.sums[l][j - 1])}")
        else:
            out.append(
                f"{_sym('δ', j, l)} = Σ × g'({_sym('z', j, l)}) = Σ × {_sym('a', j, l)}(1 − "
                f"{_sym('a', j, l)}) = {_sig(split.sums[l][j - 1])} × "
                f"{_sig(split.gprime[l][j - 1], signed=False)} ≈ {_num(split.delta[l][j - 1])}"
            )
    return out
