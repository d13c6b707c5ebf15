"""Notebooks 01 and 06 in a real browser: JupyterLab on 127.0.0.1,
driven by headless Chromium through Playwright.

Notebook 01: it runs every cell, checks that nothing printed an error, moves a weight slider and
waits for the δ the page shows to become the one ``nn.deltas`` computes, presses Play and waits for
the step to advance. Notebook 06: it runs every cell, runs the playground's cell again as a reader
told "run this cell" would, presses Play for a few seconds and checks that the epoch counter and the
picture advance (and stop on Pause), moves the descent explorer's α, and checks that the recorded
run shows its first frame. Screenshots go to ``test-artifacts/``. Each notebook is served from a
temporary copy, so the file in the repository is never saved over, and the server is shut down
whatever happens.

Without Chromium the test is skipped, except under ``CI=true``, where it fails: CI must run it.
"""

import re
import shutil
import time
from pathlib import Path

import pytest
from lab_server import CHROMIUM_ARGS, chromium, serve, wait_until
from widget_pages import frames, open_and_run, watch

import nnbp_helpers as nn
from nnbp_helpers.viz.playground import TrainingRun

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "01_delta_blame_intuition.ipynb"
NOTEBOOK_06 = ROOT / "notebooks" / "06_training_a_network.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
UPDATE_S = 30  # one widget round trip (slider → kernel → redraw)

pytestmark = pytest.mark.browser


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on a temporary copy of notebook 01;
    yields (base_url, token, notebook name)."""
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(NOTEBOOK, served / NOTEBOOK.name)
    with serve("lab", served, tmp_path) as (base, token):
        yield base, token, NOTEBOOK.name


def _number(text):
    return float(text.strip().replace("−", "-"))


def test_notebook_01_widget_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    executable = chromium()
    base, token, name = lab
    ARTIFACTS.mkdir(exist_ok=True)
    thetas, x, y = nn.blame.deck_example()
    original = NOTEBOOK.read_bytes()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1300})
            page.set_default_timeout(60_000)
            _drive(page, base, token, name, thetas, x, y)
        except Exception:
            if "page" in locals():
                page.screenshot(path=str(ARTIFACTS / "01_lab_FAILED.png"))
            raise
        finally:
            browser.close()
    assert NOTEBOOK.read_bytes() == original, "the notebook in the repository was modified"


def _drive(page, base, token, name, thetas, x, y):
    """Run all cells, check for errors, move a weight, press Play; screenshot each stage."""
    open_and_run(page, "lab", base, token, name)  # Run → Run All Cells, as a student would
    readout = page.locator(".nnbp-delta-readout")
    readout.wait_for(state="visible")
    page.screenshot(path=str(ARTIFACTS / "01_lab_after_run_all.png"))

    # No error output anywhere: no error output areas, no Traceback on stderr.
    errors = page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        has_text="Traceback",
    )
    assert errors.count() == 0, errors.first.inner_text()[:2000]
    errors = page.locator(
        ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']", has_text="Traceback"
    )
    assert errors.count() == 0, errors.first.inner_text()[:2000]
    tracebacks = page.locator(".jp-OutputArea-output", has_text="Traceback")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()[:2000]

    # Two widgets: the lecture view (Play and the weights only), then the full one with the readout.
    assert page.locator(".nnbp-blame-widget").count() == 2
    _drive_compact(page, page.locator(".nnbp-blame-widget").first, thetas, x, y)
    widget = page.locator(".nnbp-blame-widget", has=page.locator(".nnbp-delta-readout"))
    widget.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_widget_initial.png"))
    step_text = readout.locator(".nnbp-step").inner_text()
    assert step_text.startswith("Step 3 of 8"), step_text  # opens on the deck's worked example
    want = nn.deltas(thetas, x[None, :], [y])
    assert abs(_number(readout.locator(".nnbp-delta-3-2").inner_text()) - want[3][0, 1]) < 5e-5

    # Move Θ₁₂⁽³⁾ to −1 by typing into the slider's readout, as a student can.
    slider = widget.locator(".nnbp-weight-slider", has_text="Θ₁₂⁽³⁾")
    assert slider.count() == 1
    value_box = slider.locator(".widget-readout")
    value_box.click()
    value_box.fill("-1.00")
    value_box.press("Enter")
    thetas[2][0, 2] = -1.0
    want = nn.deltas(thetas, x[None, :], [y])
    for l, j in [(3, 2), (3, 1), (2, 1), (2, 2), (4, 1)]:
        target = float(want[l][0, j - 1])
        wait_until(
            lambda: (
                abs(_number(readout.locator(f".nnbp-delta-{l}-{j}").inner_text()) - target) < 5e-5
            ),
            UPDATE_S,
            f"the readout of δ_{j}^({l}) to show {target:+.4f} (nn.deltas)",
        )
    page.wait_for_timeout(300)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_widget_after_weight_change.png"))

    # Press Play: the step must advance past the one shown.
    widget.locator(".nnbp-play button").first.click()
    wait_until(
        lambda: (
            int(re.match(r"Step (\d+)", readout.locator(".nnbp-step").inner_text()).group(1)) >= 5
        ),
        UPDATE_S,
        "Play to advance the animation to step 5",
    )
    page.wait_for_timeout(300)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_widget_playing.png"))


def _drive_compact(page, widget, thetas, x, y):
    """The lecture view: its picture is described for screen readers, and the description follows a
    weight moved to −1 (the notebook's prompt: a negative share, −0.369, to node 2)."""
    widget.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_compact_widget_initial.png"))
    assert (
        widget.locator(".nnbp-delta-readout").count() == 0
        and widget.locator(".nnbp-input-slider").count() == 0
    )
    alt = widget.locator(".nnbp-blame-alt-text")
    assert alt.count() == 1 and alt.get_attribute("role") == "img"
    label = alt.get_attribute("aria-label")
    assert (
        label.startswith("Network diagram of the backward pass, step 3 of 8") and "+1.826" in label
    ), label
    box = alt.bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1), box  # takes no room on screen
    value_box = widget.locator(".nnbp-weight-slider", has_text="Θ₁₂⁽³⁾").locator(".widget-readout")
    value_box.click()
    value_box.fill("-1.00")
    value_box.press("Enter")
    wait_until(
        lambda: "receives −0.369" in (alt.get_attribute("aria-label") or ""),
        UPDATE_S,
        "the compact widget's alt text to give the negative share −0.369 to node 2",
    )
    page.wait_for_timeout(300)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_compact_widget_negative_weight.png"))


# --- notebook 06: the training playground and the descent explorer --------------------------------

PLAYGROUND_CELL = "Run this cell to start the widget"


def _no_tracebacks(page):
    tracebacks = page.locator(".jp-OutputArea-output", has_text="Traceback")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()[:2000]


def _epoch(page):
    return int(page.locator(".nnbp-pg-epoch").first.inner_text())


def test_notebook_06_playground_in_jupyterlab(tmp_path):
    from playwright.sync_api import sync_playwright

    executable = chromium()
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(NOTEBOOK_06, served / NOTEBOOK_06.name)
    ARTIFACTS.mkdir(exist_ok=True)
    original = NOTEBOOK_06.read_bytes()
    with serve("lab", served, tmp_path) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = None
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            open_and_run(page, "lab", base, token, NOTEBOOK_06.name)  # Run → Run All Cells
            _drive_06(page)
        except Exception:
            if page is not None:
                page.screenshot(path=str(ARTIFACTS / "06_lab_FAILED.png"))
            raise
        finally:
            browser.close()
    assert NOTEBOOK_06.read_bytes() == original, "the notebook in the repository was modified"


def _drive_06(page):
    _no_tracebacks(page)
    cell = page.locator(".jp-CodeCell", has_text=PLAYGROUND_CELL)
    assert cell.count() == 1, "one cell says 'Run this cell to start the widget'"
    widget = cell.locator(".nnbp-playground")
    widget.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    widget.screenshot(path=str(ARTIFACTS / "06_lab_playground_after_run_all.png"))

    # A reader told "run this cell": run it again; a new widget starts at epoch 0.
    prompt = cell.locator(".jp-InputPrompt").first
    before = prompt.inner_text()
    cell.locator(".jp-InputArea-editor").first.click()
    page.keyboard.press("Shift+Enter")
    wait_until(
        lambda: prompt.inner_text() not in (before, "[*]:"),
        UPDATE_S,
        "the playground cell to run again",
    )
    widget = cell.locator(".nnbp-playground")
    widget.wait_for(state="visible")
    widget.scroll_into_view_if_needed()
    assert _epoch(page) == 0
    watch(page, ".nnbp-pg-figure")

    # Play for a few seconds: the epoch counter and the picture advance.
    play = cell.locator(".nnbp-pg-play button").first
    play.click()
    time.sleep(4)
    painted = frames(page, ".nnbp-pg-figure")
    e1 = _epoch(page)
    assert e1 > 0 and len(painted) >= 2, (e1, len(painted))
    widget.screenshot(path=str(ARTIFACTS / "06_lab_playground_playing.png"))
    wait_until(lambda: _epoch(page) > e1, UPDATE_S, "the epoch counter to go on advancing")

    # Pause: the counter stops.
    play.click()
    time.sleep(1.0)
    e2 = _epoch(page)
    time.sleep(1.5)
    assert _epoch(page) == e2, "the epoch counter moved after Pause"
    print(
        f"playground in notebook 06: epoch {e2} after about 5 s of Play, {len(painted)} pictures "
        "in the first 4 s"
    )

    # What the page shows is the run the notebook's prose describes: α is still 3 (drawing the
    # slider did not move it to its scale's 3.16), and J is nn.train's from the same start after as
    # many epochs.
    assert float(cell.locator(".nnbp-pg-alpha .widget-readout").first.inner_text()) == 3.0
    run = TrainingRun()
    trained = nn.train(
        run.X_train, run.y_train, run.layer_sizes, 3.0, epochs=e2, initial_thetas=run.start
    )
    want = nn.cost(trained.thetas, run.X_train, run.y_train)
    shown = float(page.locator(".nnbp-pg-jtrain").first.inner_text())
    assert abs(shown - want) < 6e-4, (
        f"the page shows J = {shown} at epoch {e2}; nn.train gives {want:.4f}"
    )

    # The descent explorer: a key press on α gives a new picture and a new J.
    explorer = page.locator(".nnbp-descent-explorer").first
    explorer.scroll_into_view_if_needed()
    watch(page, ".nnbp-gd-image")
    J_before = page.locator(".nnbp-gd-J").first.inner_text()
    handle = page.locator(".nnbp-gd-alpha .noUi-handle").first
    for _ in range(4):
        handle.press("ArrowRight")
    wait_until(
        lambda: page.locator(".nnbp-gd-J").first.inner_text() != J_before,
        UPDATE_S,
        "the descent explorer's J to change with α",
    )
    wait_until(lambda: len(frames(page, ".nnbp-gd-image")) >= 1, UPDATE_S, "a new descent picture")
    page.wait_for_timeout(300)
    explorer.screenshot(path=str(ARTIFACTS / "06_lab_descent_explorer.png"))

    # The recorded run (the playground's kernel-free twin) shows its first frame, with alt text.
    recorded = page.locator(".jp-OutputArea-output .animation").first
    recorded.scroll_into_view_if_needed()
    img = recorded.locator("img").first
    assert img.get_attribute("src").startswith("data:image/png"), (
        "the recording shows its first frame"
    )
    assert img.get_attribute("alt").startswith("A recorded run of the training playground")
    page.wait_for_timeout(300)
    recorded.screenshot(path=str(ARTIFACTS / "06_lab_recorded_run.png"))
    _no_tracebacks(page)
