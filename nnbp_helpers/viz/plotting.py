"""One look for every figure of the series: readable from the back of a lecture hall, colour-blind safe.

Colours are the Okabe–Ito palette; wherever a sign matters it is also shown by line style
(solid = positive, dashed = negative) or a +/− label, never by colour alone.
"""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
}
POSITIVE = OKABE_ITO["blue"]        # with solid lines
NEGATIVE = OKABE_ITO["vermillion"]  # with dashed lines
POSITIVE_STYLE = "-"
NEGATIVE_STYLE = "--"

__all__ = ["OKABE_ITO", "POSITIVE", "NEGATIVE", "POSITIVE_STYLE", "NEGATIVE_STYLE", "use_lecture_style",
           "sign_style"]


def use_lecture_style() -> None:
    """Large fonts, thick lines and the Okabe–Ito colour cycle for every figure that follows."""
    mpl.rcParams.update({
        "figure.figsize": (8.0, 4.8),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "font.size": 14,
        "axes.titlesize": 16,
        "axes.labelsize": 15,
        "xtick.labelsize": 13,
        "ytick.labelsize": 13,
        "legend.fontsize": 13,
        "lines.linewidth": 2.5,
        "lines.markersize": 8,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=[OKABE_ITO[k] for k in
                                         ("blue", "orange", "green", "vermillion", "purple", "sky", "black")]),
        "image.cmap": "viridis",
    })


def sign_style(value: float) -> dict:
    """Colour and line style for a signed quantity: blue solid if ≥ 0, vermillion dashed if < 0."""
    if value >= 0:
        return {"color": POSITIVE, "linestyle": POSITIVE_STYLE}
    return {"color": NEGATIVE, "linestyle": NEGATIVE_STYLE}
