"""Notebook 01 in a real browser: JupyterLab on 127.0.0.1, driven by headless Chromium through Playwright.

It runs every cell, checks that nothing printed an error, moves a weight slider and waits for the δ the
page shows to become the one ``nn.deltas`` computes, presses Play and waits for the step to advance.
Screenshots go to ``test-artifacts/``. The notebook is served from a temporary copy, so the file in the
repository is never saved over, and the server is shut down whatever happens.

Without Chromium the test is skipped, except under ``CI=true``, where it fails: CI must run it.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

import nnbp_helpers as nn
from conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "01_delta_blame_intuition.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_S = 90      # a busy 2-core machine can be slow to import JupyterLab
RUN_ALL_S = 120          # kernel start + every cell of notebook 01
UPDATE_S = 30            # one widget round trip (slider → kernel → redraw)

pytestmark = pytest.mark.browser


def _chromium():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path = None
        why = "the playwright package is not installed (pip install -e '.[test]')"
    else:
        why = "Debian's chromium is not installed (apt-get install chromium; .ci/run does it)"
    if path and os.path.exists(path):
        return path
    if IN_CI:
        pytest.fail(f"CI=true but the browser test cannot run: {why}")
    pytest.skip(why)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on a temporary copy of notebook 01; yields (base_url, token, notebook name)."""
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(NOTEBOOK, served / NOTEBOOK.name)
    settings = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    # No news or update pop-ups over the notebook in the screenshots.
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    # Start the notebook's own kernel without asking (as "Always start the preferred kernel" would).
    tracker = tmp_path / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"autoStartDefaultKernel": True}))
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    port, token = _free_port(), secrets.token_hex(16)
    log = open(tmp_path / "jupyter.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--port-retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={served}",
         "--ServerApp.open_browser=False", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),  # CI containers run as root
        cwd=served, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with code {proc.returncode}:\n"
                            + (tmp_path / "jupyter.log").read_text(errors="replace")[-3000:])
            try:
                if _get(f"{base}/api/status?token={token}")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer within {SERVER_START_S} s:\n"
                            + (tmp_path / "jupyter.log").read_text(errors="replace")[-3000:])
            time.sleep(0.5)
        yield base, token, NOTEBOOK.name
    finally:
        # Ask the server to stop its kernels and itself; then make sure the whole process group is gone.
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(req, timeout=5)
        except OSError:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        log.close()


def _number(text):
    return float(text.strip().replace("−", "-"))


def _kernels_idle(base, token):
    """True when the server runs at least one kernel and every kernel is idle."""
    kernels = json.loads(_get(f"{base}/api/kernels?token={token}")[1])
    return bool(kernels) and all(k.get("execution_state") == "idle" for k in kernels)


def _wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as exc:  # the page may be mid-update
            last = exc
        time.sleep(0.25)
    pytest.fail(f"timed out after {timeout} s waiting for {what} (last: {last!r})")


def test_notebook_01_widget_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    executable = _chromium()
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
    page.goto(f"{base}/lab/tree/{name}?token={token}", wait_until="domcontentloaded")
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=SERVER_START_S * 1000)
    # Wait for the kernel before running anything (accept the kernel dialog should it still appear).
    def kernel_ready():
        dialog = page.locator(".jp-Dialog button.jp-mod-accept")
        if dialog.count() and dialog.first.is_visible():
            dialog.first.click()
            return False
        return _kernels_idle(base, token)
    _wait_until(kernel_ready, RUN_ALL_S, "the kernel to start (status 'Idle')")

    # Run → Run All Cells, through the menu a student would use.
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()

    readout = page.locator(".nnbp-delta-readout")
    readout.wait_for(state="visible", timeout=RUN_ALL_S * 1000)

    def finished():
        return page.locator(".jp-InputPrompt", has_text="[*]").count() == 0 and _kernels_idle(base, token)
    _wait_until(finished, RUN_ALL_S, "every cell to finish ([*] prompts gone, kernel idle)")
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
        _wait_until(lambda: abs(_number(readout.locator(f".nnbp-delta-{l}-{j}").inner_text()) - target)
                    < 5e-5, UPDATE_S, f"the readout of δ_{j}^({l}) to show {target:+.4f} (nn.deltas)")
    page.wait_for_timeout(300)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_widget_after_weight_change.png"))

    # Press Play: the step must advance past the one shown.
    page.locator(".nnbp-play button").first.click()
    _wait_until(lambda: int(re.match(r"Step (\d+)", readout.locator(".nnbp-step").inner_text()).group(1)) >= 5,
                UPDATE_S, "Play to advance the animation to step 5")
    page.wait_for_timeout(300)
    widget.screenshot(path=str(ARTIFACTS / "01_lab_widget_playing.png"))
