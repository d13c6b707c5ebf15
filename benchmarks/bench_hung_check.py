"""What a hung learner function costs a student: seconds from pressing Shift-Enter on a check cell
to its ✘ NOT YET, in a real notebook kernel, with the checkers' default time limit.

Run from the repository root:

    .venv/bin/python benchmarks/bench_hung_check.py            # default limit (checks.time_limit())
    .venv/bin/python benchmarks/bench_hung_check.py --limit 2  # another limit

Each learner function is defined in one cell and checked in the next, as in the notebooks; the time
is the check cell's, from the execute request to the kernel going idle (what the student waits). A
right function's check is timed the same way, as the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import time

from jupyter_client.manager import start_new_kernel

LEARNERS = {
    "right": "def sigmoid_gradient(z):\n    a = nn.sigmoid(z)\n    return a * (1 - a)",
    "while True: pass": "def sigmoid_gradient(z):\n    while True:\n        pass",
    "time.sleep(10**6)": "import time\ndef sigmoid_gradient(z):\n    time.sleep(10**6)",
    "loop never updated": (
        "def sigmoid_gradient(z):\n    a, k = nn.sigmoid(z), 0\n    while k < 10:\n"
        "        a = a * (1 - a)\n    return a"
    ),
}


def execute(kc, code, timeout=600):
    """Run ``code``; (seconds until the kernel is idle again, the text of its result)."""
    start = time.perf_counter()
    msg_id = kc.execute(code)
    text = ""
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            text = msg["content"]["data"]["text/plain"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return time.perf_counter() - start, text


def main():
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--limit", type=float, default=None, help="checks.set_time_limit(seconds)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        setup = "import nnbp_helpers as nn\nfrom nnbp_helpers import checks"
        if args.limit is not None:
            setup += f"\nchecks.set_time_limit({args.limit})"
        execute(kc, setup)
        _, limit = execute(kc, "checks.time_limit()")
        print(
            f"time limit per call of learner code: {limit} s; "
            f"best and median of {args.repeats} runs\n"
        )
        print(f"{'learner function':24s} {'best s':>8s} {'median s':>9s}  verdict")
        for label, cell in LEARNERS.items():
            execute(kc, cell)
            times, verdict = [], ""
            for _ in range(args.repeats):
                seconds, verdict = execute(kc, 'checks.check_sigmoid_gradient("sigmoid_gradient")')
                times.append(seconds)
            print(
                f"{label:24s} {min(times):8.2f} {statistics.median(times):9.2f}  "
                f"{verdict.splitlines()[0][:70]}"
            )
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
