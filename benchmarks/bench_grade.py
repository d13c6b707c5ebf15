"""Throughput of the grader: a class of submissions of one notebook, graded with tools/grade.py.

    python benchmarks/bench_grade.py [--notebook 04] [--students 26] [--jobs 2]

Writes ``students`` submissions into a temporary folder (a third solved, a third unsolved, a third
with the first exercise wrong), grades them as an instructor would and prints submissions per
minute, with the machine's load average before and after (other work on the machine slows the
grader down).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def make_class(folder: Path, notebook: str, students: int) -> None:
    reference = nbformat.read(next((ROOT / "notebooks").glob(f"{notebook}_*.ipynb")), as_version=4)
    for k in range(students):
        nb = nbformat.from_dict(reference)
        first = True
        for i, cell in enumerate(nb.cells):
            if "exercise" in cell.metadata.get("tags", []):
                head = cell.source.splitlines()[0]
                solution = re.findall(r"```python\n(.*?)```", nb.cells[i + 2].source, re.S)[0]
                if k % 3 == 0 or (k % 3 == 2 and not first):
                    cell.source = head + "\n" + solution
                elif (
                    k % 3 == 2
                ):  # a wrong first answer: the right code, one sign flipped where there is one
                    cell.source = head + "\n" + solution.replace(" - ", " + ", 1)
                first = False
        (folder / f"student{k:03d}").mkdir()
        nbformat.write(nb, folder / f"student{k:03d}" / f"{notebook}.ipynb")


def main() -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--notebook", default="04")
    parser.add_argument("--students", type=int, default=26)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "submissions"
        folder.mkdir()
        make_class(folder, args.notebook, args.students)
        load_before = os.getloadavg()
        start = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "tools" / "grade.py"),
                str(folder),
                "--csv",
                str(Path(tmp) / "grades.csv"),
                "--jobs",
                str(args.jobs),
                "--timeout",
                str(args.timeout),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds = time.monotonic() - start
        load_after = os.getloadavg()
        rows = (Path(tmp) / "grades.csv").read_text(encoding="utf-8").splitlines()[1:]
    print(
        f"notebook {args.notebook}: {args.students} submissions, {len(rows)} exercises graded "
        f"in {seconds:.0f} s with --jobs {args.jobs} on {os.cpu_count()} cores: "
        f"{args.students / seconds * 60:.1f} submissions "
        f"per minute (load average {load_before[0]:.1f} before, {load_after[0]:.1f} after)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
