"""How fast the live widgets update: in the kernel (where the time goes) and in Chromium (what a
lecture sees).

Part 1, in this process: one frame of the playground (2-8-8-1 network, 200 points, 10 epochs a
frame) split into training, the picture's data, drawing and PNG encoding, with the full-redraw and
Pillow-encoder baselines measured in the same run (median of --frames frames each); and one update
of each explorer.

Part 2, with --browser: JupyterLab in headless Chromium (Debian's, through Playwright) on a notebook
with the playground: Play for --seconds, then the rate of new pictures on screen and the median
frame interval; Step clicks (click → new picture painted); then each explorer's slider (key press →
new picture painted). Prints the machine's load (uptime) before and after: on a shared machine the
numbers move with it.

    .venv/bin/python benchmarks/bench_widgets.py              # part 1
    .venv/bin/python benchmarks/bench_widgets.py --browser    # parts 1 and 2
"""

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from nnbp_helpers.viz import explorers
from nnbp_helpers.viz import playground as pg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def ms(xs):
    return f"{1000 * statistics.median(xs):6.1f} ms"


def kernel_side(frames):
    run = pg.TrainingRun("moons", hidden=(8, 8), n=200)
    fast = pg.PlaygroundFigure(run)
    full = pg.PlaygroundFigure(run, blit=False)
    t = {
        k: []
        for k in ("train", "update", "draw (blit)", "png", "readout", "draw (full)", "png (Pillow)")
    }
    for _ in range(frames):
        t0 = time.perf_counter()
        run.train(10)
        t1 = time.perf_counter()
        fast.update(run)
        t2 = time.perf_counter()
        rgba = fast.render()
        t3 = time.perf_counter()
        fast.fast.png()  # draws again (from the background) and encodes
        t4 = time.perf_counter()
        accuracy = run.accuracy()
        pg.readout_html(run, accuracy), pg.alt_text(run, fast.views, accuracy)
        t5 = time.perf_counter()
        full.update(run)
        t6 = time.perf_counter()
        full.render()
        t7 = time.perf_counter()
        buf = io.BytesIO()
        Image.fromarray(rgba[..., :3]).save(buf, format="png", compress_level=1)
        t8 = time.perf_counter()
        for key, dt in zip(
            t, (t1 - t0, t2 - t1, t3 - t2, (t4 - t3) - (t3 - t2), t5 - t4, t7 - t6, t8 - t7)
        ):
            t[key].append(dt)
    frame = [
        a + b + c + d + e
        for a, b, c, d, e in zip(t["train"], t["update"], t["draw (blit)"], t["png"], t["readout"])
    ]
    base = [
        a + b + c + d + e
        for a, b, c, d, e in zip(
            t["train"], t["update"], t["draw (full)"], t["png (Pillow)"], t["readout"]
        )
    ]
    print(f"playground frame, kernel side ({frames} frames, median):")
    for key, xs in t.items():
        print(f"  {key:14s} {ms(xs)}")
    print(
        f"  one frame      {ms(frame)}  (full redraw and Pillow's PNG: {ms(base)}, "
        f"{statistics.median(base) / statistics.median(frame):.1f}× slower)"
    )
    for name, make, control, values in (
        ("epsilon", explorers.epsilon_explorer, "epsilon", [1e-8, 1e-6, 1e-4, 1e-2]),
        ("descent", explorers.descent_explorer, "alpha", [0.1, 1.0, 10.0, 50.0]),
        ("saturation", explorers.saturation_explorer, "scale", [0.3, 1.0, 3.0, 10.0]),
    ):
        box = make()
        times = []
        for _ in range(max(1, frames // 20)):
            for value in values:
                t0 = time.perf_counter()
                box.controls[control].value = value
                times.append(time.perf_counter() - t0)
        print(f"  {name} explorer update {ms(times)}")


def browser_side(seconds):
    from lab_server import CHROMIUM_ARGS, chromium, serve
    from playwright.sync_api import sync_playwright
    from widget_pages import frames, latency_of, median, notebook_with, open_and_run, rate, watch

    source = (
        "from nnbp_helpers import viz\nfrom ipywidgets import VBox\n"
        "VBox([viz.playground.playground(), viz.explorers.epsilon_explorer(),\n"
        "      viz.explorers.descent_explorer(), viz.explorers.saturation_explorer()])"
    )
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        served = tmp / "served"
        served.mkdir()
        notebook_with(served / "bench.ipynb", source)
        with serve("lab", served, tmp) as (base, token), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(60_000)
                open_and_run(page, "lab", base, token, "bench.ipynb")
                watch(page, ".nnbp-pg-figure")
                page.locator(".nnbp-pg-play button").first.click()
                time.sleep(seconds)
                page.locator(".nnbp-pg-play button").first.click()
                fr = frames(page, ".nnbp-pg-figure")
                gaps = [b[1] - a[1] for a, b in zip(fr, fr[1:])]
                print(
                    f"playground in Chromium: {len(fr)} pictures in {seconds} s of Play: "
                    f"{rate(fr):.1f} a second, median interval {median(gaps):.0f} ms (Play ticks "
                    "every 100 ms)"
                )
                time.sleep(1)
                step = page.locator(".nnbp-pg-step").first
                lat = [latency_of(page, ".nnbp-pg-figure", step.click) for _ in range(10)]
                print(
                    f"playground Step click → new picture painted: median {median(lat):.0f} ms "
                    f"(min {min(lat):.0f}, max {max(lat):.0f})"
                )
                for name, image, slider in (
                    ("epsilon", ".nnbp-eps-image", ".nnbp-eps-epsilon"),
                    ("descent", ".nnbp-gd-image", ".nnbp-gd-alpha"),
                    ("saturation", ".nnbp-sat-image", ".nnbp-sat-scale"),
                ):
                    watch(page, image)
                    handle = page.locator(f"{slider} .noUi-handle").first
                    handle.scroll_into_view_if_needed()
                    lat = [
                        latency_of(page, image, lambda: handle.press(key))
                        for key in ["ArrowRight"] * 5 + ["ArrowLeft"] * 5
                    ]
                    print(
                        f"{name} explorer key press → new picture painted: median "
                        f"{median(lat):.0f} ms"
                    )
            finally:
                browser.close()


def main():
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument(
        "--browser", action="store_true", help="also measure in JupyterLab and Chromium"
    )
    parser.add_argument(
        "--seconds", type=float, default=10.0, help="how long to press Play (--browser)"
    )
    args = parser.parse_args()
    print("load before:", uptime())
    kernel_side(args.frames)
    if args.browser:
        browser_side(args.seconds)
    print("load after: ", uptime())


if __name__ == "__main__":
    np.seterr(over="ignore")
    main()
