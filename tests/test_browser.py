"""Notebook 01 in a real browser: JupyterLab on 127.0.0.1, driven by headless Chromium through Playwright.

It runs every cell, checks that nothing printed an error, moves a weight slider and waits for the δ the
page shows to become the one ``nn.deltas`` computes, presses Play and waits for the step to advance.
Screenshots go to ``test-artifacts/``. The notebook is served from a temporary copy, so the file in the
repository is never saved over, and the server is shut down whatever happens.

Without Chromium the test is skipped, except under ``CI=true``, where it fails: CI must run it.
"""

import re
import shutil
from pathlib import Path

import pytest

import nnbp_helpers as nn
from jupyter_server import CHROMIUM_ARGS, chromium, serve, wait_until
from widget_pages import open_and_run

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "01_delta_blame_intuition.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
UPDATE_S = 30            # one widget round trip (slider → kernel → redraw)

pytestmark = pytest.mark.browser


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on a temporary copy of notebook 01; yields (base_url, token, notebook name)."""
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
    open_and_run(page, "lab", base, token, name)       # Run → Run All Cells, as a student would
    readout = page.locator(".nnbp-delta-readout")
    readout.wait_for(state="visible")
    page.screenshot(path=str(ARTIFACTS / "01_lab_after_run_all.png"))

    # No error output anywhere: no error output areas, no Traceback on stderr.
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
                          has_text="Traceback")
    assert errors.count() == 0, errors.first.inner_text()[:2000]
    errors = page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']",
                          has_text="Traceback")
    assert errors.count() == 0, errors.first.inner_text()[:2000]
    tracebacks = page.locator(".jp-OutputArea-output", has_text="Traceback")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()[:2000]

    widget = page.locator(".nnbp-blame-widget")
    widget.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_widget_initial.png"))
    step_text = readout.locator(".nnbp-step").inner_text()
    assert step_text.startswith("Step 3 of 8"), step_text      # opens on the deck's worked example
    want = nn.deltas(thetas, x[None, :], [y])
    assert abs(_number(readout.locator(".nnbp-delta-3-2").inner_text()) - want[3][0, 1]) < 5e-5

    # Move Θ₁₂⁽³⁾ to −1 by typing into the slider's readout, as a student can.
    slider = page.locator(".nnbp-weight-slider", has_text="Θ₁₂⁽³⁾")
    assert slider.count() == 1
    value_box = slider.locator(".widget-readout")
    value_box.click()
    value_box.fill("-1.00")
    value_box.press("Enter")
    thetas[2][0, 2] = -1.0
    want = nn.deltas(thetas, x[None, :], [y])
    for (l, j) in [(3, 2), (3, 1), (2, 1), (2, 2), (4, 1)]:
        target = float(want[l][0, j - 1])
        wait_until(lambda: abs(_number(readout.locator(f".nnbp-delta-{l}-{j}").inner_text()) - target)
                    < 5e-5, UPDATE_S, f"the readout of δ_{j}^({l}) to show {target:+.4f} (nn.deltas)")
    page.wait_for_timeout(300)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_widget_after_weight_change.png"))

    # Press Play: the step must advance past the one shown.
    page.locator(".nnbp-play button").first.click()
    wait_until(lambda: int(re.match(r"Step (\d+)", readout.locator(".nnbp-step").inner_text()).group(1)) >= 5,
                UPDATE_S, "Play to advance the animation to step 5")
    page.wait_for_timeout(300)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_widget_playing.png"))
