"""The Voilà lecture route: `make voila NB=01_delta_blame_intuition` serves notebook 01 as an app
on 127.0.0.1 with every code cell hidden, and headless Chromium sees its δ-blame widget (weight
sliders, the step slider and Play) drawn. The screenshot is test-artifacts/voila_01.png.

Without Chromium the test is skipped, except under ``CI=true``, where it fails: CI must run it.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser_tools import CHROMIUM_ARGS, chromium_or_skip, free_port

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "01_delta_blame_intuition.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
RENDER_S = 150  # Voilà runs the whole notebook before the last widget appears

pytestmark = pytest.mark.browser


def voila_command(notebook: Path, port: int) -> list[str]:
    """The Makefile's `voila` target, as an argument list for this Python."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^voila:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    line = " ".join(part.strip().rstrip("\\") for part in recipe.splitlines())
    args = line.split()
    assert args[:3] == ["$(PY)", "-m", "voila"], line
    out = [sys.executable, "-m", "voila"]
    for arg in args[3:]:
        arg = arg.replace("notebooks/$(NB).ipynb", str(notebook)).replace("$(PORT)", str(port))
        out.append(arg)
    return out


def test_the_make_target_serves_on_this_machine_only_with_code_hidden():
    cmd = voila_command(NOTEBOOK, 8866)
    assert "--Voila.ip=127.0.0.1" in cmd and "--strip_sources=True" in cmd and "--no-browser" in cmd
    assert str(NOTEBOOK) in cmd


def test_voila_renders_the_blame_widget_of_notebook_01(tmp_path):
    chromium = chromium_or_skip("the Voilà test", "voila")
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
    )
    log = open(tmp_path / "voila.log", "wb")
    proc = subprocess.Popen(
        voila_command(NOTEBOOK, port),
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                deadline = time.monotonic() + 60
                while True:
                    try:
                        page.goto(
                            f"http://127.0.0.1:{port}/",
                            wait_until="domcontentloaded",
                            timeout=RENDER_S * 1000,
                        )
                        break
                    except Exception:
                        if proc.poll() is not None or time.monotonic() > deadline:
                            raise
                        time.sleep(1)
                slider = page.locator(".nnbp-weight-slider").first
                slider.wait_for(state="visible", timeout=RENDER_S * 1000)
                page.locator(".nnbp-play").first.wait_for(state="visible", timeout=30_000)
                assert page.locator(".nnbp-weight-slider").count() >= 2
                assert page.locator(".nnbp-step-slider").count() >= 1
                slider.scroll_into_view_if_needed()
                page.wait_for_timeout(1500)  # the figure beside the sliders
                page.screenshot(path=str(ARTIFACTS / "voila_01.png"))
                text = page.inner_text("body")
                assert "import numpy" not in text and "def blame_step" not in text, "code is shown"
                assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
                assert "Traceback" not in text
            finally:
                browser.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        proc.wait()
        log.close()
