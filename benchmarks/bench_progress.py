"""What notebook 06's progress bar costs its digits run: seconds of the run with and without the
bar, in a real notebook kernel, and the overhead in per cent.

Run from the repository root:

    .venv/bin/python benchmarks/bench_progress.py
    .venv/bin/python benchmarks/bench_progress.py --repeats 30

The kernel runs notebook 06's own ``progress_bar`` and ``fit`` cells (read from the notebook, so
the benchmark measures what the notebook does), then trains the 30-epoch digits run of split 0 again
and again, in turn without a bar, with a bar shown but never moved (what displaying it costs, once
per run) and with the bar moved by ``nn.train``'s callback; each run is timed inside the kernel. A
widget's messages go to the kernel's iopub channel whether or not a browser shows them, so their
cost is included. The best run of each kind is compared (the least disturbed by other work on the
machine).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06_training_a_network.ipynb"

TIMED = """
import json, time
times = {"bar": [], "shown": [], "none": []}
for repeat in range(%(repeats)d):
    for kind in ("none", "shown", "bar"):
        runs.clear()
        clock = time.perf_counter()
        callback = progress_bar(30, "digits") if kind != "none" else None
        fit(0, callback=callback if kind == "bar" else None)
        times[kind].append(time.perf_counter() - clock)
print(json.dumps(times))
"""


def cells_up_to_fit() -> str:
    """The code of notebook 06 from its first cell to the cell that defines ``fit``."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        code.append(cell.source)
        if "def fit(" in cell.source:
            return "\n\n".join(code)
    raise SystemExit(f"{NOTEBOOK.name} has no cell that defines fit")


def execute(kc, code, timeout=900) -> str:
    """Run ``code`` in the kernel; its printed output (an error in it is raised here)."""
    msg_id = kc.execute(code)
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream" and content["name"] == "stdout":
            out.append(content["text"])
        if kind == "error":
            raise RuntimeError("\n".join(content["traceback"]))
        if kind == "status" and content["execution_state"] == "idle":
            return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(NOTEBOOK.parent))
    try:
        execute(kc, cells_up_to_fit())
        times = json.loads(execute(kc, TIMED % {"repeats": args.repeats}).strip().splitlines()[-1])
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    bar, shown, none = (min(times[k]) for k in ("bar", "shown", "none"))
    print(f"digits run, 30 epochs (best of {args.repeats}):")
    print(f"  without a progress bar               {none:.4f} s")
    print(f"  with the bar shown, never moved      {shown:.4f} s")
    print(f"  with the bar moved by nn.train       {bar:.4f} s")
    print(f"  moving the bar: {100 * (bar - shown) / none:+.1f} % of the training time")
    print(f"  showing it once: {1000 * (shown - none):.1f} ms")


if __name__ == "__main__":
    main()
