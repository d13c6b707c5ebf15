"""Hand-out copies without solutions: ``make student`` (or ``python tools/make_student.py``).

Writes ``student/`` with one copy of every notebook in which each hidden solution (a cell tagged
``solution``: an exercise's worked solution, or a written question's model answer) is replaced by a
short note, outputs are cleared, and the launch links (which open the repository's copy, solutions
included) are left out. A markdown cell that talks about solutions or launch links carries its
hand-out wording in its metadata, ``{"nnbp": {"student_copy": "..."}}``, and the copy shows that
text instead (``{requirement}`` in it becomes the package's pip requirement). Everything else,
exercises and checks included, is unchanged, so the copies run top to bottom exactly like the
originals: every check says NOT YET until the student solves its exercise.

    python tools/make_student.py [--out student] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell

sys.path.insert(0, str(Path(__file__).resolve().parent))
from launch_links import install_requirement, repository  # noqa: E402  (the address in pyproject.toml)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"

NOTE = (
    "*The worked solution to this exercise is not part of this copy. Run the check cell above "
    "until it says ✔ PASSED; ask your lecturer if you are stuck.*"
)
NOTE_ANSWER = (
    "*The model answer to this question is not part of this copy. Write your own answer down, "
    "then compare it with a classmate's or ask your lecturer.*"
)
NOTE_TAG = "solution-removed"
STUDENT_TEXT = (
    "student_copy"  # cell.metadata["nnbp"][STUDENT_TEXT]: the cell's text in a hand-out copy
)
LAUNCH_LINE = re.compile(r"^\[Open in Colab\]\([^)]*\).*$\n?", re.M)


def tags(cell) -> set:
    return set(cell.get("metadata", {}).get("tags", []))


def student_copy(nb):
    """A copy of ``nb`` without solutions (each replaced by a note cell),
    outputs or launch links."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        if "solution" in tags(cell):
            # a worked solution holds code; a written question's model answer is prose only
            note = new_markdown_cell(NOTE if "```python" in cell.source else NOTE_ANSWER)
            note.metadata["tags"] = [NOTE_TAG]
            cells.append(note)
            continue
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        own = cell.metadata.get("nnbp", {})
        if STUDENT_TEXT in own:
            cell.source = own.pop(STUDENT_TEXT).replace(
                "{requirement}", install_requirement(repository())
            )
            if not own:
                del cell.metadata["nnbp"]
        cells.append(cell)
    if cells and cells[0].cell_type == "markdown":
        cells[0].source = LAUNCH_LINE.sub("", cells[0].source).rstrip("\n")
    nb.cells = cells
    nb.metadata.setdefault("nnbp", {})["student_copy"] = True
    nb.metadata.pop("widgets", None)
    return nb


def make_student(out: Path, notebooks=None) -> list[Path]:
    """Write the student copies of ``notebooks`` (default: every notebooks/NN_*.ipynb)
    into ``out``."""
    paths = [Path(p) for p in (notebooks or sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")))]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        nb = student_copy(nbformat.read(path, as_version=4))
        target = out / path.name
        nbformat.write(nb, target)
        written.append(target)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "student")
    args = parser.parse_args(argv)
    written = make_student(args.out, args.notebooks or None)
    removed = sum(
        sum(NOTE_TAG in tags(c) for c in nbformat.read(p, as_version=4).cells) for p in written
    )
    print(f"student copies: {len(written)} notebooks, {removed} solutions removed, in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
