"""A network drawn like the deck's figure: one column of nodes per layer, bias units as "+1" squares.

Keys follow the deck: node ``(l, j)`` is unit j of layer l (j = 0 is the bias unit a_0 = 1), and edge
``(l, i, j)`` carries Θ_ij^(l), from unit j of layer l to unit i of layer l + 1.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyBboxPatch

from . import _validate as v
from .plotting import OKABE_ITO, sign_style

__all__ = ["node_positions", "edge_keys", "draw_network"]

NODE_RADIUS = 0.30
LAYER_GAP = 2.6   # horizontal distance between two columns
UNIT_GAP = 1.25   # vertical distance between two nodes of a column


def node_positions(layer_sizes, show_bias=True) -> dict:
    """The (x, y) centre of every node, keyed by (l, j); layer l is column l − 1, bias (j = 0) on top.

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
    """Every edge (l, i, j): Θ_ij^(l) joins unit j of layer l (j = 0: bias) to unit i of layer l + 1."""
    sizes = v.check_layer_sizes(layer_sizes)
    first = 0 if show_bias else 1
    return [(l, i, j) for l in range(1, len(sizes))
            for i in range(1, sizes[l] + 1) for j in range(first, sizes[l - 1] + 1)]


def _layer_name(l, L):
    if l == 1:
        return "input"
    if l == L:
        return "output"
    return "hidden"


def draw_network(layer_sizes, ax=None, show_bias=True, node_labels=None, edge_labels=None,
                 edge_values=None, node_colors=None, layer_titles=True, title=None,
                 fontsize=15, edge_label_position=0.5, max_edge_width=9.0, dim_edges=()):
    """Draw a fully connected network (nodes, bias units, edges) into ``ax`` and return the Axes.

    ``layer_sizes`` = [s_1, ..., s_L] (bias units not counted).
    ``node_labels``: {(l, j): text} drawn inside the node; default a_j^(l) (and "+1" for bias units).
    ``edge_labels``: {(l, i, j): text} drawn on edge Θ_ij^(l), at ``edge_label_position`` of the way
    from layer l to layer l + 1.
    ``edge_values``: {(l, i, j): number}: line width ∝ |value|, colour and line style show the sign
    (``nn.plotting.sign_style``); edges not in the dict are thin grey. ``dim_edges``: keys drawn faint.
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
    for key in edge_keys(sizes, show_bias):
        l, i, j = key
        (x0, y0), (x1, y1) = pos[(l, j)], pos[(l + 1, i)]
        if key in edge_values:
            val = float(edge_values[key])
            style = sign_style(val)
            lw = 0.8 + (max_edge_width - 0.8) * (abs(val) / biggest if biggest > 0 else 0.0)
            kw = dict(color=style["color"], linestyle=style["linestyle"], linewidth=lw, alpha=0.9)
        else:
            kw = dict(color="#8c8c8c", linestyle="-", linewidth=1.3, alpha=0.8)
        if key in dim:
            kw.update(alpha=0.15)
        ax.plot([x0, x1], [y0, y1], zorder=1, solid_capstyle="round", dash_capstyle="round", **kw)
        if key in edge_labels:
            t = float(edge_label_position)
            xm, ym = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
            ax.text(xm, ym, str(edge_labels[key]), ha="center", va="center", fontsize=fontsize * 0.8,
                    zorder=4, alpha=0.35 if key in dim else 1.0,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))

    # Nodes: circles for units, "+1" squares for bias units.
    for (l, j), (x, y) in pos.items():
        face = node_colors.get((l, j), "white")
        if j == 0:
            r = NODE_RADIUS * 0.85
            ax.add_patch(FancyBboxPatch((x - r, y - r), 2 * r, 2 * r, boxstyle="round,pad=0.02",
                                        fc=node_colors.get((l, j), "#f2f2f2"), ec="#555555", lw=1.8,
                                        linestyle=":", zorder=2))
            label = node_labels.get((l, j), "+1")
        else:
            ax.add_patch(Circle((x, y), NODE_RADIUS, fc=face, ec="black", lw=2.0, zorder=2))
            label = node_labels.get((l, j), f"$a_{{{j}}}^{{({l})}}$")
        ax.text(x, y, str(label), ha="center", va="center", fontsize=fontsize, zorder=3)

    if layer_titles:
        y_bottom = min(y for _, y in pos.values()) - NODE_RADIUS - 0.45
        for l in range(1, L + 1):
            ax.text((l - 1) * LAYER_GAP, y_bottom, f"layer {l}\n({_layer_name(l, L)})", ha="center",
                    va="top", fontsize=fontsize * 0.85, color=OKABE_ITO["black"])
    if title is not None:
        ax.set_title(str(title))

    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - (1.6 if layer_titles else 0.6), max(ys) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _check_mapping(value, name):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be a dict keyed by node (l, j) or edge (l, i, j), got a {type(value).__name__}")
    return value
