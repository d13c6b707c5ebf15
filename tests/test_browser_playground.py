"""The training playground in a real browser, in JupyterLab and in Notebook 7 (headless Chromium).

A small notebook made for the test shows ``viz.playground()``. The test presses Play for a few seconds and
checks that the epoch counter and the picture advance, at a live rate; changes α mid-run; pauses (the
counter must stop at once); times Step (click → new picture on screen); presses Reset (epoch 0 and the
starting J of a fresh ``TrainingRun``); and takes screenshots, also at a projector's 1024 × 768 with
150 % zoom. Timings are printed and saved to ``test-artifacts/``, never asserted beyond "it moves":
the speed target is measured by ``benchmarks/bench_widgets.py``.
"""

import re
import subprocess
import time

import pytest

from jupyter_server import CHROMIUM_ARGS, chromium, serve, wait_until
from nnbp_helpers.viz.playground import TrainingRun
from widget_pages import latency_of, median, notebook_with, open_and_run, rate, save_json, frames, watch
from widget_pages import RUN_ALL_S  # noqa: F401  (documented timeout)

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
FIGURE = ".nnbp-pg-figure"
NAME = "playground.ipynb"
SOURCE = ("from nnbp_helpers.viz.playground import playground\n"
          "pg = playground()\n"
          "pg")
LECTURE_SOURCE = ("from nnbp_helpers.viz.playground import playground\n"
                  "playground(controls=('play', 'step', 'reset', 'alpha'),\n"
                  "           views=('network', 'boundary'))")

pytestmark = pytest.mark.browser


def _epoch(page):
    return int(page.locator(".nnbp-pg-epoch").first.inner_text())


def _type_into(page, selector, text):
    box = page.locator(selector).first.locator(".widget-readout")
    box.click()
    box.fill(text)
    box.press("Enter")


@pytest.mark.parametrize("app", ["lab", "notebook"])
def test_playground_plays_pauses_and_resets(app, tmp_path):
    from playwright.sync_api import sync_playwright

    executable = chromium()
    served = tmp_path / "served"
    served.mkdir()
    notebook_with(served / NAME, SOURCE)
    ARTIFACTS.mkdir(exist_ok=True)
    timings = {"app": app, "load": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}
    with serve(app, served, tmp_path) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = None
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            open_and_run(page, app, base, token, NAME)
            watch(page, FIGURE)
            widget = page.locator(".nnbp-playground").first
            widget.scroll_into_view_if_needed()
            assert _epoch(page) == 0
            widget.screenshot(path=str(ARTIFACTS / f"playground_{app}_start.png"))

            # Play for a few seconds: the epoch counter and the picture advance.
            play = page.locator(".nnbp-pg-play button").first
            play.click()
            time.sleep(4)
            playing = frames(page, FIGURE)
            e1 = _epoch(page)
            assert e1 > 0 and len(playing) >= 4, (e1, len(playing))
            timings["play_rate_per_s"] = rate(playing)
            timings["play_frame_interval_ms_median"] = median(
                [b[1] - a[1] for a, b in zip(playing, playing[1:])])
            assert timings["play_rate_per_s"] >= 1, timings       # live, not stuck (the target is benchmarked)
            widget.screenshot(path=str(ARTIFACTS / f"playground_{app}_playing.png"))

            # α mid-run: training goes on.
            _type_into(page, ".nnbp-pg-alpha", "10")
            wait_until(lambda: _epoch(page) > e1 + 20, 30, "training to go on after α changed")

            # Pause: the counter stops within a frame or two.
            play.click()
            time.sleep(1.0)
            e2 = _epoch(page)
            time.sleep(1.5)
            assert _epoch(page) == e2, "the epoch counter moved after Pause"

            # Step: one epoch per click; click → new picture on screen.
            step = page.locator(".nnbp-pg-step").first
            lat = [latency_of(page, FIGURE, step.click) for _ in range(8)]
            assert _epoch(page) == e2 + 8
            timings["step_latency_ms"] = lat
            timings["step_latency_ms_median"] = median(lat)

            # Reset: epoch 0 and the starting J of the same run.
            page.locator(".nnbp-pg-reset").first.click()
            want = TrainingRun().J_train[0]
            wait_until(lambda: _epoch(page) == 0, 30, "Reset to bring the epoch back to 0")
            shown = float(page.locator(".nnbp-pg-jtrain").first.inner_text())
            assert abs(shown - want) < 5e-4, (shown, want)

            # A slider that starts a new run (the noise): release → new picture on screen.
            lat = []
            for value in ("0.20", "0.25", "0.30", "0.15", "0.10"):
                lat.append(latency_of(page, FIGURE, lambda: _type_into(page, ".nnbp-pg-noise", value)))
            timings["slider_latency_ms"] = lat
            timings["slider_latency_ms_median"] = median(lat)
            widget.screenshot(path=str(ARTIFACTS / f"playground_{app}_after_reset.png"))
        except Exception:
            if page is not None:
                page.screenshot(path=str(ARTIFACTS / f"playground_{app}_FAILED.png"))
            raise
        finally:
            browser.close()
    save_json(ARTIFACTS / f"playground_{app}_timings.json", timings)
    print(timings)


def test_playground_fits_a_projector(tmp_path):
    """JupyterLab on a 1024 × 768 projector at 150 % zoom (683 × 512 CSS pixels): the lecture's controls
    and the picture fit on one screen (about 700 × 500 of the projector's pixels)."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    served = tmp_path / "served"
    served.mkdir()
    notebook_with(served / NAME, LECTURE_SOURCE)
    ARTIFACTS.mkdir(exist_ok=True)
    with serve("lab", served, tmp_path) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 683, "height": 512}, device_scale_factor=1.5)
            page.set_default_timeout(60_000)
            open_and_run(page, "lab", base, token, NAME)
            # As the instructor guide says: hide the file browser (View → Show Left Sidebar, Ctrl+B).
            page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
            page.keyboard.press("Escape")
            page.keyboard.press("Control+b")
            widget = page.locator(".nnbp-playground").first
            widget.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            box = widget.bounding_box()
            page.screenshot(path=str(ARTIFACTS / "playground_lab_projector.png"))
            widget.screenshot(path=str(ARTIFACTS / "playground_lab_projector_widget.png"))
            width, height = box["width"] * 1.5, box["height"] * 1.5      # in the projector's pixels
            print(f"playground on the projector: {width:.0f} × {height:.0f} px")
            assert width <= 1024 and height <= 560, (width, height)
        finally:
            browser.close()
