"""Driving a notebook with widgets in JupyterLab or Notebook 7 from Playwright: open it, run every
cell, watch an image widget for new pictures and time them. Shared by the browser tests and
``benchmarks/bench_widgets.py``.
"""

import json
import re
import time

import nbformat
from lab_server import SERVER_START_S, kernels_idle, wait_until

RUN_ALL_S = 120

# Every time the <img> of an Image widget gets a new picture, note when (page time, ms) the new src
# was set and when it was decoded and painted (the next animation frame after decoding).
WATCH_JS = """(selector) => {
  const img = document.querySelector(selector);
  window.__nnbpFrames = window.__nnbpFrames || {};
  const frames = window.__nnbpFrames[selector] = [];
  new MutationObserver(() => {
    const set = performance.now();
    img.decode().then(() => requestAnimationFrame(() => frames.push([set, performance.now()])))
       .catch(() => {});
  }).observe(img, {attributes: true, attributeFilter: ['src']});
  return true;
}"""


def notebook_with(path, *sources, kernel="python3"):
    """Write a notebook of code cells (no outputs) with the kernelspec Lab stores."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": kernel,
    }
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nb, path)
    return path


def open_and_run(page, app, base, token, name):
    """Open notebook ``name`` in ``app`` ("lab" or "notebook"),
    wait for its kernel, Run All, wait idle."""
    url = (
        f"{base}/lab/tree/{name}?token={token}"
        if app == "lab"
        else f"{base}/notebooks/{name}?token={token}"
    )
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=SERVER_START_S * 1000)

    def kernel_ready():
        dialog = page.locator(".jp-Dialog button.jp-mod-accept")
        if dialog.count() and dialog.first.is_visible():
            dialog.first.click()
            return False
        return kernels_idle(base, token)

    wait_until(kernel_ready, RUN_ALL_S, "the kernel to start (status 'Idle')")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()

    def finished():
        return page.locator(".jp-InputPrompt", has_text="[*]").count() == 0 and kernels_idle(
            base, token
        )

    time.sleep(0.5)
    wait_until(finished, RUN_ALL_S, "every cell to finish ([*] prompts gone, kernel idle)")
    tracebacks = page.locator(".jp-OutputArea-output", has_text="Traceback")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()[:2000]


def watch(page, selector):
    page.locator(selector).first.wait_for(state="visible", timeout=RUN_ALL_S * 1000)
    page.evaluate(WATCH_JS, selector)


def frames(page, selector):
    """[(set_ms, painted_ms), ...] of the pictures seen since ``watch``."""
    return [tuple(f) for f in page.evaluate("(s) => window.__nnbpFrames[s]", selector)]


def now_ms(page):
    return page.evaluate("() => performance.now()")


def latency_of(page, selector, act, timeout=30):
    """ms from ``act()`` (a click or a key press, done now) to the next new picture painted."""
    before = len(frames(page, selector))
    t0 = now_ms(page)
    act()
    wait_until(
        lambda: len(frames(page, selector)) > before,
        timeout,
        f"a new picture in {selector}",
        poll=0.02,
    )
    return frames(page, selector)[before][1] - t0


def rate(fr):
    """Pictures per second over the run: (count − 1) / (last − first), from the painted times."""
    if len(fr) < 2:
        return 0.0
    return (len(fr) - 1) / ((fr[-1][1] - fr[0][1]) / 1000)


def median(xs):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = len(xs) // 2
    return xs[k] if len(xs) % 2 else (xs[k - 1] + xs[k]) / 2


def save_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1))
