"""δ as blame: how the error of each node is split over the weights that feed it, for one instance.

The deck's intuition: node i of layer l + 1 hands node j of layer l the share Θ_ij^(l) δ_i^(l+1)
("divided according to the strength of the connection"); node j adds up what it receives and
multiplies by g'(z_j^(l)) = a_j^(l) (1 − a_j^(l)) to get its own δ_j^(l). The deck's slide shows the
shares only; the factor g' is what makes δ the derivative ∂cost/∂z.

Every δ here comes from :func:`nnbp_helpers.deltas`; this module only splits it into its parts,
so a picture drawn from a :class:`BlameSplit` shows exactly the reference numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .network import deltas, forward

__all__ = ["BlameStep", "BlameSplit", "blame_shares", "deck_example"]


@dataclass(frozen=True)
class BlameStep:
    """One frame of the backward pass: ``kind`` is "forward", "output", "shares", "sum" or "gprime";
    ``layer`` is the deck's l whose δ is being made (L for "output", None for "forward").
    Its caption is figure text: ``nnbp_helpers.viz.diagram.step_caption(step)``."""

    kind: str
    layer: int | None


@dataclass
class BlameSplit:
    """Everything the δ-split picture shows, for one instance, keyed by the deck's layer number l.

    ``a[l]``, ``z[l]``, ``delta[l]``: vectors (s_l,) (``delta`` for l ≥ 2, from ``nn.deltas``).
    ``shares[l]``: (s_{l+1}, s_l), entry [i − 1, j − 1] = Θ_ij^(l) δ_i^(l+1) (bias column dropped),
    for l = 2, ..., L − 1. ``sums[l]``: (s_l,), Σ_i of ``shares[l]`` (the "raw blame" before g').
    ``gprime[l]``: (s_l,), g'(z^(l)) = a^(l) (1 − a^(l)). So ``delta[l] = sums[l] * gprime[l]``.
    """

    thetas: list
    x: np.ndarray
    y: np.ndarray
    a: dict
    z: dict
    delta: dict
    shares: dict
    sums: dict
    gprime: dict
    steps: list

    @property
    def L(self) -> int:
        """Number of layers, input and output included."""
        return len(self.thetas) + 1

    @property
    def layer_sizes(self) -> list:
        """[s_1, ..., s_L]."""
        return [self.thetas[0].shape[1] - 1] + [t.shape[0] for t in self.thetas]


def blame_shares(thetas, x, y) -> BlameSplit:
    """Split the backward pass of one instance into shares Θ_ij^(l) δ_i^(l+1), their sums, g' and δ.

    ``x``: one instance, shape (s_1,); ``y``: its target, a label (int) or a vector (K,) in [0, 1].
    δ^(L) = a^(L) − y;  δ_j^(l) = g'(z_j^(l)) Σ_i Θ_ij^(l) δ_i^(l+1)  for l = L − 1, ..., 2.
    Returns a :class:`BlameSplit` whose ``steps`` list the frames of the animated backward pass.
    """
    thetas = v.check_thetas(thetas)
    s1, K = thetas[0].shape[1] - 1, thetas[-1].shape[0]
    x = v.as_float_array(x, "x", (1, 2))
    if x.ndim == 2 and x.shape[0] != 1:
        raise ValueError(f"x is one instance, shape ({s1},), got shape {x.shape}")
    X = v.check_X(x.reshape(1, -1), s1)
    y_arr = np.asarray(y) if not isinstance(y, (str, bytes)) else y
    if isinstance(y_arr, np.ndarray) and y_arr.ndim == 0:
        Y = v.check_targets(y_arr.reshape(1), 1, K)  # one label
    else:
        Y = v.check_targets(
            np.reshape(v.as_float_array(y, "y", 1), (1, -1)), 1, K
        )  # one target vector

    fp = forward(thetas, X)  # the reference a^(l), z^(l) and δ^(l), unchanged
    d = deltas(thetas, X, Y)
    L = fp.L
    a = {l: fp.a[l][0] for l in fp.a}
    z = {l: fp.z[l][0] for l in fp.z}
    delta = {l: d[l][0] for l in d}
    shares, sums, gprime = {}, {}, {}
    for l in range(L - 1, 1, -1):
        # share of node j from node i: Θ_ij^(l) δ_i^(l+1); column 0 (the bias unit) gets no δ
        shares[l] = thetas[l - 1][:, 1:] * delta[l + 1][:, None]
        sums[l] = shares[l].sum(axis=0)
        gprime[l] = a[l] * (1.0 - a[l])
    return BlameSplit(
        thetas=[t.copy() for t in thetas],
        x=X[0].copy(),
        y=Y[0].copy(),
        a=a,
        z=z,
        delta=delta,
        shares=shares,
        sums=sums,
        gprime=gprime,
        steps=_steps(L),
    )


def _steps(L) -> list:
    steps = [BlameStep("forward", None), BlameStep("output", L)]
    for l in range(L - 1, 1, -1):
        steps += [BlameStep("shares", l), BlameStep("sum", l), BlameStep("gprime", l)]
    return steps


def deck_example():
    """The network of notebook 01: layer sizes [2, 2, 2, 1] like the deck's figure, one instance.

    Returns ``(thetas, x, y)``. Hidden node 2 of layer 3 has the stronger connection to the output
    (|Θ_12^(3)| > |Θ_11^(3)|) but is nearly saturated, so g' shrinks its δ below node 1's.
    """
    thetas = [
        np.array(
            [
                [0.1, 0.8, -0.4],  # Θ^(1): row i = unit i of layer 2; columns: bias, x_1, x_2
                [-0.3, 0.5, 0.9],
            ]
        ),
        np.array(
            [
                [0.2, 1.0, -0.6],  # Θ^(2): into layer 3
                [2.0, 1.2, 0.7],
            ]
        ),
        np.array([[-0.5, 1.5, 2.0]]),  # Θ^(3): into the output; Θ_11^(3) = 1.5, Θ_12^(3) = 2.0
    ]
    x = np.array([1.0, 0.5])
    y = 0
    return thetas, x, y
