"""Grade submitted notebooks offline with the exercise checkers.

Runs each submitted notebook top to bottom in a fresh kernel (a cell that raises does not stop the
run) and reads the verdict of every check cell: ``passed`` (✔ PASSED), ``not yet`` (✘ NOT YET) or
``error`` (the check cell itself raised or printed nothing, e.g. the learner's cell has a syntax error).
Prints one line per submission and, with ``--csv``, writes one row per submission and exercise.

    python tools/grade.py submissions/*.ipynb [--csv grades.csv] [--timeout 120]

Submitted notebooks are code written by others: run this inside a container or as an unprivileged
user with no access to anything you care about.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

PASS_MARK = "✔ PASSED"
FAIL_MARK = "✘ NOT YET"
EXERCISE_LABEL = re.compile(r"^#\s*(Exercise\s+[\w.]+)\s*:?\s*(.*)$", re.M)


@dataclass
class Verdict:
    """One check cell of one submission."""

    submission: str
    exercise: str
    status: str  # "passed", "not yet" or "error"
    feedback: str


def _tags(cell) -> set:
    return set(cell.get("metadata", {}).get("tags", []))


def _text(outputs) -> str:
    parts = []
    for out in outputs:
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}")
        elif "data" in out:
            parts.append(out["data"].get("text/plain", ""))
    return "\n".join(parts)


def check_cells(cells) -> list[int]:
    """The check cells: those tagged ``check``; if a notebook lost its tags, code cells calling a checker."""
    tagged = [i for i, c in enumerate(cells) if c.cell_type == "code" and "check" in _tags(c)]
    return tagged or [i for i, c in enumerate(cells) if c.cell_type == "code" and "checks.check_" in c.source]


def exercise_label(cells, index: int, number: int) -> str:
    """The "Exercise N.M" named in the first comment of the nearest code cell above the check, or else
    the checker's name and the check's number."""
    for j in range(index - 1, -1, -1):
        if cells[j].cell_type == "code":
            found = EXERCISE_LABEL.search(cells[j].source)
            if found:
                return found.group(1)
            break
    checker = re.search(r"checks\.(check_\w+)", cells[index].source)
    return f"check {number} ({checker.group(1)})" if checker else f"check {number}"


def grade(path: Path, timeout: int = 120) -> list[Verdict]:
    """Execute one submission and return the verdict of each of its check cells, in order."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except Exception as exc:  # a cell ran past the timeout, or the kernel died: grade what ran
        print(f"{path.name}: stopped early ({type(exc).__name__}); grading the cells that ran", file=sys.stderr)
    verdicts = []
    for i in check_cells(nb.cells):
        cell = nb.cells[i]
        out = _text(cell.get("outputs", []))
        if PASS_MARK in out and FAIL_MARK not in out:
            status = "passed"
        elif FAIL_MARK in out:
            status = "not yet"
        else:
            status = "error"
        verdicts.append(Verdict(path.name, exercise_label(nb.cells, i, len(verdicts) + 1), status,
                                out.strip().splitlines()[0] if out.strip() else "(no output)"))
    return verdicts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", nargs="+", type=Path)
    parser.add_argument("--csv", type=Path, help="write one row per submission and exercise")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    args = parser.parse_args(argv)
    rows = []
    for path in args.submissions:
        verdicts = grade(path, args.timeout)
        rows.extend(verdicts)
        done = sum(v.status == "passed" for v in verdicts)
        missing = ", ".join(v.exercise for v in verdicts if v.status != "passed") or "none"
        print(f"{path.name}: {done}/{len(verdicts)} checks passed (not passed: {missing})")
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["submission", "exercise", "status", "feedback"])
            writer.writerows((v.submission, v.exercise, v.status, v.feedback) for v in rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
