"""The widgets in a real browser (headless Chromium): the training playground in JupyterLab and
Notebook 7, the δ-split widget and the playground on a projector, the explorers in JupyterLab.

A small notebook made for the test shows ``viz.playground()``. The test presses Play for a few
seconds and checks that the epoch counter and the picture advance, at a live rate; runs another cell
while playing (the kernel is free between frames); changes α mid-run; pauses (the counter must stop
at once); times Step (click → new picture on screen); presses Reset (epoch 0 and the starting J of a
fresh ``TrainingRun``); and takes screenshots, also at a projector's 1024 × 768 with 150 % zoom.
Timings are printed and saved to ``test-artifacts/``, never asserted beyond "it moves": the speed
target is measured by ``benchmarks/bench_widgets.py``.
"""

import subprocess
import time
from pathlib import Path

import pytest
from lab_server import CHROMIUM_ARGS, chromium, serve, wait_until
from widget_pages import (
    frames,
    latency_of,
    median,
    notebook_with,
    open_and_run,
    rate,
    save_json,
    watch,
)

from nnbp_helpers.viz.playground import TrainingRun

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
FIGURE = ".nnbp-pg-figure"
NAME = "playground.ipynb"
SOURCE = "from nnbp_helpers.viz.playground import playground\npg = playground()\npg"
LECTURE_SOURCE = (
    "from nnbp_helpers.viz.playground import playground\n"
    "playground(controls=('play', 'step', 'reset', 'alpha'),\n"
    "           views=('network', 'boundary'))"
)

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
    notebook_with(served / NAME, SOURCE, "print('the kernel answered', 6 * 7)")
    ARTIFACTS.mkdir(exist_ok=True)
    timings = {
        "app": app,
        "load": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
    }
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
                [b[1] - a[1] for a, b in zip(playing, playing[1:])]
            )
            widget.screenshot(path=str(ARTIFACTS / f"playground_{app}_playing.png"))

            # The kernel is not blocked while playing:
            # another cell runs (its prompt number goes up).
            last = page.locator(".jp-Cell").nth(1)
            prompt = last.locator(".jp-InputPrompt").first
            before = prompt.inner_text()
            last.locator(".jp-InputArea-editor").first.click()
            t0 = time.monotonic()
            page.keyboard.press("Shift+Enter")
            wait_until(
                lambda: prompt.inner_text() not in (before, "[*]:"),
                30,
                "another cell to run during Play",
            )
            timings["other_cell_during_play_s"] = round(time.monotonic() - t0, 2)
            assert _epoch(page) > e1, "Play stopped when another cell ran"

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
                lat.append(
                    latency_of(page, FIGURE, lambda: _type_into(page, ".nnbp-pg-noise", value))
                )
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
    """JupyterLab on a 1024 × 768 projector at 150 % zoom (683 × 512 CSS pixels): the lecture's
    controls and the picture fit on one screen (about 700 × 500 of the projector's pixels)."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    served = tmp_path / "served"
    served.mkdir()
    notebook_with(served / NAME, LECTURE_SOURCE)
    ARTIFACTS.mkdir(exist_ok=True)
    with serve("lab", served, tmp_path) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = _projector_page(browser)
            open_and_run(page, "lab", base, token, NAME)
            _hide_file_browser(page)
            widget = page.locator(".nnbp-playground").first
            widget.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            box = widget.bounding_box()
            page.screenshot(path=str(ARTIFACTS / "playground_lab_projector.png"))
            widget.screenshot(path=str(ARTIFACTS / "playground_lab_projector_widget.png"))
            width, height = box["width"] * 1.5, box["height"] * 1.5  # in the projector's pixels
            print(f"playground on the projector: {width:.0f} × {height:.0f} px")
            assert width <= 1024 and height <= 560, (width, height)
        finally:
            browser.close()


BLAME_SOURCE = (
    "from nnbp_helpers import viz\nviz.widgets.blame_widget(controls=('play', 'weights'))"
)


def _projector_page(browser):
    """JupyterLab as on a 1024 × 768 projector at 150 % zoom:
    683 × 512 CSS pixels, 1.5 device pixels each."""
    page = browser.new_page(viewport={"width": 683, "height": 512}, device_scale_factor=1.5)
    page.set_default_timeout(60_000)
    return page


def _hide_file_browser(page):
    # As the instructor guide says: hide the file browser (View → Show Left Sidebar, Ctrl+B).
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.keyboard.press("Escape")
    page.keyboard.press("Control+b")


def test_blame_widget_fits_a_projector(tmp_path):
    """The δ-split widget with a lecture's controls on a 1024 × 768 projector at 150 %:
    one screen."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    served = tmp_path / "served"
    served.mkdir()
    notebook_with(served / "blame.ipynb", BLAME_SOURCE)
    ARTIFACTS.mkdir(exist_ok=True)
    with serve("lab", served, tmp_path) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = _projector_page(browser)
            open_and_run(page, "lab", base, token, "blame.ipynb")
            _hide_file_browser(page)
            widget = page.locator(".nnbp-blame-widget").first
            widget.scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            box = widget.bounding_box()
            page.screenshot(path=str(ARTIFACTS / "blame_lab_projector.png"))
            width, height = box["width"] * 1.5, box["height"] * 1.5
            print(f"δ-split widget on the projector: {width:.0f} × {height:.0f} px")
            assert width <= 1024 and height <= 620, (width, height)
            # nothing overflows sideways: every slider's value is inside the widget
            right = box["x"] + box["width"]
            for readout in page.locator(".nnbp-weight-slider .widget-readout").all():
                r = readout.bounding_box()
                assert r["x"] + r["width"] <= right + 1, "a slider's value is cut off at the right"
        finally:
            browser.close()


ARCHITECTURE_SOURCE = (
    "from nnbp_helpers.viz.widgets import architecture_explorer\n"
    "architecture_explorer(inputs=3, hidden_layers=1, hidden_units=4, outputs=2)"
)


def test_architecture_explorer_fits_a_projector_and_describes_its_picture(tmp_path):
    """Notebook 02's explorer on a 1024 × 768 projector at 150 %: its picture fits the width, and
    its alt text (a hidden span a screen reader reads as an image) is in the page, takes no room and
    follows a slider."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    served = tmp_path / "served"
    served.mkdir()
    notebook_with(served / "architecture.ipynb", ARCHITECTURE_SOURCE)
    ARTIFACTS.mkdir(exist_ok=True)
    with serve("lab", served, tmp_path) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = _projector_page(browser)
            open_and_run(page, "lab", base, token, "architecture.ipynb")
            _hide_file_browser(page)
            widget = page.locator(".nnbp-architecture-explorer").first
            widget.scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            page.screenshot(path=str(ARTIFACTS / "architecture_lab_projector.png"))
            box = widget.bounding_box()
            assert box["width"] * 1.5 <= 1024, box
            alt = widget.locator(".nnbp-architecture-alt-text")
            assert alt.count() == 1 and alt.get_attribute("role") == "img"
            label = alt.get_attribute("aria-label")
            assert (
                label.startswith("A network of sizes [3, 4, 2]") and "26 weights in all" in label
            ), label
            r = alt.bounding_box()
            assert r is None or (r["width"] <= 1 and r["height"] <= 1), r
            value_box = widget.locator(".widget-slider", has_text="# hidden layers").locator(
                ".widget-readout"
            )
            value_box.click()
            value_box.fill("2")
            value_box.press("Enter")
            wait_until(
                lambda: (
                    "2 hidden layers of 4 units each" in (alt.get_attribute("aria-label") or "")
                ),
                30,
                "the alt text to follow the # hidden layers slider",
            )
        finally:
            browser.close()


EXPLORERS_SOURCE = (
    "from nnbp_helpers import viz\n"
    "from ipywidgets import VBox\n"
    "VBox([viz.explorers.epsilon_explorer(), viz.explorers.descent_explorer(),\n"
    "      viz.explorers.saturation_explorer()])"
)
EXPLORERS = {
    "epsilon": (".nnbp-eps-image", ".nnbp-eps-epsilon", ".nnbp-eps-rel"),
    "descent": (".nnbp-gd-image", ".nnbp-gd-alpha", ".nnbp-gd-J"),
    "saturation": (".nnbp-sat-image", ".nnbp-sat-scale", ".nnbp-sat-ratio"),
}


def test_explorers_follow_their_sliders_in_jupyterlab(tmp_path):
    """Each explorer: a key press on its slider → a new picture and a new number;
    the latency is saved."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    served = tmp_path / "served"
    served.mkdir()
    notebook_with(served / "explorers.ipynb", EXPLORERS_SOURCE)
    ARTIFACTS.mkdir(exist_ok=True)
    timings = {"load": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}
    with serve("lab", served, tmp_path) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = None
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            open_and_run(page, "lab", base, token, "explorers.ipynb")
            for name, (image, slider, number) in EXPLORERS.items():
                watch(page, image)
                handle = page.locator(f"{slider} .noUi-handle").first
                handle.scroll_into_view_if_needed()
                before = page.locator(number).first.inner_text()
                lat = [
                    latency_of(page, image, lambda: handle.press(key))
                    for key in ["ArrowLeft"] * 4 + ["ArrowRight"] * 4
                ]
                page.wait_for_timeout(300)
                assert (
                    page.locator(number).first.inner_text() != "" and len(frames(page, image)) >= 8
                )
                page.locator(f".nnbp-{name}-explorer").first.screenshot(
                    path=str(ARTIFACTS / f"explorer_{name}_lab.png")
                )
                timings[f"{name}_latency_ms"] = lat
                timings[f"{name}_latency_ms_median"] = median(lat)
                print(name, before, "→", page.locator(number).first.inner_text())
        except Exception:
            if page is not None:
                page.screenshot(path=str(ARTIFACTS / "explorers_lab_FAILED.png"))
            raise
        finally:
            browser.close()
    save_json(ARTIFACTS / "explorers_lab_timings.json", timings)
    print(timings)
