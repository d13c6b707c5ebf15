"""How long each notebook takes, top to bottom in a fresh kernel:
``python tools/time_notebooks.py``.

Runs every ``notebooks/NN_*.ipynb`` (or the notebooks named) one after another, each in its own
fresh kernel started in ``notebooks/``, and prints its wall-clock time, the series' total, and the
machine's load average before and after (``os.getloadavg``, as ``uptime`` shows it): timings on a
busy machine mean little, so the load goes with every figure quoted. With ``--repeat N`` each
notebook runs N times and the fastest run is reported (the least disturbed by other work). Kernel
start-up is included, as a reader pressing *Restart Kernel and Run All* would see it.

    python tools/time_notebooks.py [--repeat N] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"


def run_once(path: Path, timeout: int = 600) -> float:
    """Seconds to execute ``path`` top to bottom in a fresh kernel
    (an error in a cell is raised)."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute(stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per notebook; the fastest is reported"
    )
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    print(f"before: {load()}", flush=True)
    total = 0.0
    for path in paths:
        seconds = min(run_once(path) for _ in range(max(1, args.repeat)))
        total += seconds
        print(f"{path.name:40s} {seconds:6.1f} s", flush=True)
    print(f"{'series':40s} {total:6.1f} s")
    print(f"after:  {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
