"""Figures and widgets of the series (matplotlib and core ipywidgets):
``from nnbp_helpers import viz``.

``viz.plotting``: the lecture style and its colours; ``viz.diagram``: the network drawn like the
deck's figure and the δ-split frames of notebook 01; ``viz.widgets``: the widgets of notebooks 01
and 02 and their kernel-free twins; ``viz.playground``: a network learning live (notebook 06, any
notebook); ``viz.explorers``: one-slider explorers of ε (05), gradient descent (03 / 06) and
saturation (04); ``viz.animation``: fast redraws for widgets and offline animations.
``viz.use_lecture_style()`` sets the style for every figure that follows; ``viz.show(fig, alt)``
shows a figure with its alt text. The numbers they show come from the maths in ``nnbp_helpers``
(which imports numpy only).
"""

from . import animation, diagram, explorers, playground, plotting, widgets
from .plotting import show, use_lecture_style

__all__ = [
    "animation",
    "diagram",
    "explorers",
    "playground",
    "plotting",
    "widgets",
    "show",
    "use_lecture_style",
]
