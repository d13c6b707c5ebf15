"""One look for every figure of the series: readable from the back of a lecture hall, colour-blind
safe.

Colours are the Okabe–Ito palette; wherever a sign matters it is also shown by line style
(solid = positive, dashed = negative) or a +/− label, never by colour alone.
"""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib as mpl
from cycler import cycler
from matplotlib.figure import Figure

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
POSITIVE = OKABE_ITO["blue"]  # with solid lines
NEGATIVE = OKABE_ITO["vermillion"]  # with dashed lines
POSITIVE_STYLE = "-"
NEGATIVE_STYLE = "--"

__all__ = [
    "OKABE_ITO",
    "POSITIVE",
    "NEGATIVE",
    "POSITIVE_STYLE",
    "NEGATIVE_STYLE",
    "use_lecture_style",
    "sign_style",
    "figure_bundle",
    "show",
]


def use_lecture_style() -> None:
    """Large fonts, thick lines and the Okabe–Ito colour cycle for every figure that follows."""
    mpl.rcParams.update(
        {
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
            "axes.prop_cycle": cycler(
                color=[
                    OKABE_ITO[k]
                    for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "black")
                ]
            ),
            "image.cmap": "viridis",
        }
    )


def sign_style(value: float) -> dict:
    """Colour and line style for a signed quantity: blue solid if ≥ 0, vermillion dashed if < 0."""
    if value >= 0:
        return {"color": POSITIVE, "linestyle": POSITIVE_STYLE}
    return {"color": NEGATIVE, "linestyle": NEGATIVE_STYLE}


def _check_alt(alt) -> str:
    if not isinstance(alt, str):
        raise TypeError(
            f"alt must be a str (one line a screen reader reads), got {type(alt).__name__}"
        )
    alt = " ".join(alt.split())
    if not alt:
        raise ValueError("alt must describe the figure in one line; it is empty")
    return alt


def figure_bundle(fig, alt: str) -> tuple:
    """The figure as a display bundle with alt text: ``(data, metadata)`` for ``IPython.display``.

    ``image/png`` carries the alt text in its metadata (``{"image/png": {"alt": ...}}``, the key
    IPython's ``Image(alt=...)`` and nbconvert use); ``text/html`` is the same PNG as
    ``<img alt="...">``, which is what JupyterLab, Notebook 7, VS Code and Colab show (they ignore
    the metadata); ``text/plain`` is the alt text itself. ``fig`` is a matplotlib Figure (saved as
    the inline backend saves it), or the HTML of an animation (matplotlib's ``to_jshtml``), whose
    frame image gets the alt text.
    """
    alt = _check_alt(alt)
    quoted = html.escape(alt, quote=True)
    if isinstance(fig, str):
        # the frame image gets this alt text, in place of any it came with (offline_jshtml writes
        # its own)
        page = re.sub(
            r"<img\b[^>]*>",
            lambda m: re.sub(r'\s+alt="[^"]*"', "", m.group(0)).replace(
                "<img", f'<img alt="{quoted}"', 1
            ),
            fig,
        )
        return {"text/html": page, "text/plain": f"[animation] {alt}"}, {}
    if not isinstance(fig, Figure):
        raise TypeError(
            f"fig must be a matplotlib Figure or an animation's HTML, got {type(fig).__name__}"
        )
    buffer = io.BytesIO()
    fig.savefig(
        buffer,
        format="png",
        dpi=fig.dpi,
        bbox_inches="tight",
        facecolor=fig.get_facecolor(),
        edgecolor=fig.get_edgecolor(),
    )
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    data = {
        "image/png": png,
        "text/html": f'<img src="data:image/png;base64,{png}" alt="{quoted}">',
        "text/plain": f"[figure] {alt}",
    }
    return data, {"image/png": {"alt": alt}}


def show(fig, alt: str) -> None:
    """Show a figure (or an animation's HTML) in the notebook with its alt text, then close the
    figure.

    Use it where ``plt.show()`` would go: ``viz.show(fig, alt="The sigmoid rises from 0 to 1")``.
    The alt text is one line a screen reader reads instead of the picture; the static site uses it
    too.
    """
    from IPython.display import display

    data, metadata = figure_bundle(fig, alt)
    display(data, raw=True, metadata=metadata)
    if isinstance(fig, Figure):
        import matplotlib.pyplot as plt

        plt.close(fig)
