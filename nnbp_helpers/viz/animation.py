"""Moving pictures: figures a widget redraws many times a second, and animations that play without a
kernel.

:class:`FastFigure` draws a matplotlib Figure's axes, ticks and labels once and afterwards only the
artists that move (blitting, as interactive matplotlib backends do), and hands the result over as
PNG bytes for an ``ipywidgets.Image``; the picture is the same as a full redraw, several times
faster.

matplotlib's JavaScript player (``FuncAnimation(...).to_jshtml()``) draws its buttons with Font
Awesome icons loaded from a CDN, so offline (a lecture hall, a USB stick) the buttons are blank; and
its image is filled in by a script, so a saved notebook reopened in Jupyter (whose outputs are not
trusted, so no script runs) shows an empty box. :func:`offline_jshtml` fixes both: Unicode symbols
on the buttons, no stylesheet from anywhere, and the first frame written into the page itself, with
alt text for screen readers. :func:`recorded_jshtml` makes the same page from a figure and a
function that draws frame k, drawing each frame once (``to_jshtml`` draws every frame twice).
"""

from __future__ import annotations

import html
import re
import struct
import tempfile
import zlib
from pathlib import Path

import matplotlib as mpl
import numpy as np
from matplotlib import colors as mcolors
from matplotlib.animation import HTMLWriter
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg

__all__ = [
    "FastFigure",
    "PixelImage",
    "png_bytes",
    "offline_jshtml",
    "recorded_jshtml",
    "BUTTON_SYMBOLS",
]


class FastFigure:
    """A matplotlib ``Figure`` redrawn fast: the still parts once, then only the artists marked as
    moving.

    ``fig``: a ``matplotlib.figure.Figure`` (not pyplot's). Mark each artist that changes between
    frames with :meth:`moving` (it is then left out of the background and drawn over it, in the
    order marked); call :meth:`restage` after changing anything still (axis limits, labels), and
    :meth:`png` for a frame. ``blit=False`` redraws everything every time (for recording with
    ``FuncAnimation``).
    """

    def __init__(self, fig, blit=True):
        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
        self.blit = bool(blit)
        self.artists = []
        self._background = None

    def moving(self, artist):
        artist.set_animated(self.blit)
        self.artists.append(artist)
        return artist

    def still(self, artist):
        """No longer moving (e.g. before it is removed)."""
        if artist in self.artists:
            self.artists.remove(artist)
        return artist

    def restage(self):
        self._background = None

    def render(self) -> np.ndarray:
        """The picture as an (height, width, 4) uint8 RGBA array (a view of the canvas)."""
        if not self.blit:
            self.canvas.draw()
        else:
            if self._background is None:
                self.canvas.draw()  # everything but the moving artists
                self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            else:
                self.canvas.restore_region(self._background)
            renderer = self.canvas.get_renderer()
            for artist in self.artists:
                artist.draw(renderer)
        return np.asarray(self.canvas.buffer_rgba())

    def png(self) -> bytes:
        """The picture as PNG bytes."""
        return png_bytes(self.render()[..., :3])


class PixelImage(Artist):
    """Pictures pasted pixel for pixel into an Agg canvas, each into a rectangle given in data
    coordinates.

    For many small pictures redrawn every frame (the playground's units): no resampling, no alpha
    compositing, one numpy copy each; nearest-neighbour scaling to the rectangle's pixels.
    ``items``: a list of ((x0, x1, y0, y1), rgba) with rgba an (h, w, 4) uint8 array whose row 0 is
    the top. Drawn like any artist of ``ax`` (by z-order in a full redraw, in turn when
    :class:`FastFigure` blits); only on matplotlib's Agg renderer (PNG), where it is clipped to the
    axes.
    """

    def __init__(self, ax, zorder=0):
        super().__init__()
        self.axes = ax
        self.set_figure(ax.get_figure())
        self.set_zorder(zorder)
        self.items = []

    def draw(self, renderer):
        if not self.get_visible() or not hasattr(renderer, "buffer_rgba"):
            return
        buf = np.asarray(renderer.buffer_rgba())
        H = buf.shape[0]
        (bx0, by0), (bx1, by1) = self.axes.bbox.get_points()
        for (x0, x1, y0, y1), rgba in self.items:
            (px0, py0), (px1, py1) = self.axes.transData.transform([(x0, y0), (x1, y1)])
            c0, c1 = int(round(max(px0, bx0))), int(round(min(px1, bx1)))
            r0, r1 = int(round(H - min(py1, by1))), int(round(H - max(py0, by0)))
            if c1 <= c0 or r1 <= r0:
                continue
            rows = (
                np.linspace(0, rgba.shape[0] - 1, r1 - r0).round().astype(int)
            )  # first to last row
            cols = np.linspace(0, rgba.shape[1] - 1, c1 - c0).round().astype(int)
            buf[r0:r1, c0:c1] = rgba[rows][:, cols]
        self.stale = False


def png_bytes(rgb) -> bytes:
    """An (height, width, 3) uint8 array as a PNG file: no row filter, zlib level 1.

    A figure is mostly flat colour, which zlib alone packs well; Pillow's encoder tries a filter on
    every row first and takes about 3 times as long for a file about 15 % larger (22 ms against 8 ms
    for a 900 × 350 frame on the development machine), and a live widget sends several frames a
    second.
    """
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    if rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ValueError(f"rgb must have shape (height, width, 3), got {rgb.shape}")
    h, w, _ = rgb.shape
    rows = np.zeros((h, 1 + 3 * w), np.uint8)  # each row: filter type 0 ("none"), then its pixels
    rows[:, 1:] = rgb.reshape(h, 3 * w)

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8 bits per channel, RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows.tobytes(), 1))
        + chunk(b"IEND", b"")
    )


# Characters every common font has (⏮ ⏸ ⏭ are missing from many), keyed by the Font Awesome icon.
BUTTON_SYMBOLS = {
    "fa-minus": "−",
    "fa-fast-backward": "|◀◀",
    "fa-step-backward": "|◀",
    "fa-play fa-flip-horizontal": "◀",
    "fa-pause": "‖",
    "fa-play": "▶",
    "fa-step-forward": "▶|",
    "fa-fast-forward": "▶▶|",
    "fa-plus": "+",
}
_STYLESHEET = re.compile(r'<link rel="stylesheet"\s*href="https?://[^"]*font-awesome[^"]*">\s*')
_ICON = re.compile(r'<i class="fa ([a-z\- ]+)"></i>')
_IMG = re.compile(r'<img id="(_anim_img[0-9a-f]+)">')
# Frame 0 as the script holds it: a base64 string broken into lines that end in a backslash.
_FIRST_FRAME = re.compile(r'frames\[0\] = "(data:image/[a-z]+;base64,[A-Za-z0-9+/=\\\n]*)"')


def _check_jshtml_args(alt, default_mode):
    if not isinstance(alt, str) or not alt.strip():
        raise TypeError("alt must be a non-empty str: one line describing what the animation shows")
    if default_mode not in ("once", "loop", "reflect"):
        raise ValueError(f"default_mode must be 'once', 'loop' or 'reflect', got {default_mode!r}")


def _offline(page, alt) -> str:
    """matplotlib's player page with Unicode buttons, no stylesheet from a CDN, frame 0 and ``alt``
    in it."""
    page = _STYLESHEET.sub("", page)
    page = _ICON.sub(
        lambda m: f"<span aria-hidden='true'>{BUTTON_SYMBOLS.get(m.group(1).strip(), '•')}</span>",
        page,
    )
    first = _FIRST_FRAME.search(page)
    src = f' src="{re.sub(r"[^A-Za-z0-9+/=:;,]", "", first.group(1))}"' if first else ""
    return _IMG.sub(
        lambda m: f'<img id="{m.group(1)}"{src} alt="{html.escape(alt.strip(), quote=True)}">',
        page,
        count=1,
    )


def offline_jshtml(anim, alt, dpi=None, default_mode="once") -> str:
    """``anim.to_jshtml(default_mode=...)`` with no CDN: Unicode buttons, frame 0 in the page,
    ``alt`` text.

    ``anim``: a ``matplotlib.animation.Animation``; ``alt``: one line describing what the animation
    shows (read by screen readers, and shown where the image cannot be); ``dpi``: the frames'
    resolution (default: ``savefig.dpi``). Returns the HTML, to show with ``IPython.display.HTML``.
    """
    _check_jshtml_args(alt, default_mode)
    with mpl.rc_context({} if dpi is None else {"savefig.dpi": dpi}):
        page = anim.to_jshtml(default_mode=default_mode)
    return _offline(page, alt)


def recorded_jshtml(fig, draw, frames, alt, interval=200, dpi=None, default_mode="once") -> str:
    """The page :func:`offline_jshtml` makes of ``FuncAnimation(fig, draw, frames, interval)``, each
    frame drawn once.

    ``draw(k)`` changes ``fig`` to frame k, for k = 0, …, ``frames`` − 1. matplotlib's ``to_jshtml``
    draws every frame twice, once on the canvas (``draw_idle``) and once more to save it; here the
    saving is the only drawing. ``alt``, ``dpi`` and ``default_mode`` as for :func:`offline_jshtml`.
    """
    _check_jshtml_args(alt, default_mode)
    dpi = mpl.rcParams["savefig.dpi"] if dpi is None else dpi
    dpi = fig.dpi if dpi == "figure" else dpi
    # as Animation.save does for a writer without transparency: the background composited onto white
    face = mpl.rcParams["savefig.facecolor"]
    r, g, b, a = mcolors.to_rgba(fig.get_facecolor() if face == "auto" else face)
    face = (a * r + 1 - a, a * g + 1 - a, a * b + 1 - a)
    writer = HTMLWriter(fps=1000 / interval, embed_frames=True, default_mode=default_mode)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "animation.html"
        with writer.saving(fig, path, dpi):
            for k in range(frames):
                draw(k)
                writer.grab_frame(facecolor=face, transparent=False)
        page = path.read_text(encoding="utf-8")
    return _offline(page, alt)
