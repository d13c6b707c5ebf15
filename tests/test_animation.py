"""The kernel-free animations: ``recorded_jshtml`` gives the page ``offline_jshtml`` gives for a
``FuncAnimation`` of the same frames, drawing each frame once instead of twice."""

import re

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.animation import FuncAnimation  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nnbp_helpers.viz.animation import offline_jshtml, recorded_jshtml  # noqa: E402


def _figure():
    fig = Figure(figsize=(3, 2), dpi=50)
    FigureCanvasAgg(fig)  # as the package's figures have (a bare Figure's canvas draws nothing)
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1], [0, 0])
    ax.set_ylim(-1, 4)
    draws = []
    fig.canvas.mpl_connect("draw_event", lambda event: draws.append(1))

    def draw(k):
        line.set_ydata([0, k])

    return fig, draw, draws


def _same_page(page):
    return re.sub(r"[0-9a-f]{32}", "ID", page)  # the player's random element id


def test_recorded_jshtml_is_the_animation_page_with_each_frame_drawn_once():
    fig, draw, draws = _figure()
    old = offline_jshtml(FuncAnimation(fig, draw, frames=4, interval=300), alt="A line rising")
    drawn_by_animation = len(draws)
    draws.clear()
    fig, draw, draws = _figure()
    new = recorded_jshtml(fig, draw, 4, alt="A line rising", interval=300)
    assert _same_page(new) == _same_page(old)
    assert len(draws) == 4, f"{len(draws)} draws for 4 frames"
    assert drawn_by_animation == 8, (
        "to_jshtml draws every frame twice (if not, recorded_jshtml can go)"
    )
    assert 'alt="A line rising"' in new and "font-awesome" not in new


def test_recorded_jshtml_refuses_a_missing_alt_text_and_an_unknown_mode():
    fig, draw, _ = _figure()
    with pytest.raises(TypeError, match="alt"):
        recorded_jshtml(fig, draw, 2, alt=" ")
    with pytest.raises(ValueError, match="default_mode"):
        recorded_jshtml(fig, draw, 2, alt="two frames", default_mode="bounce")
