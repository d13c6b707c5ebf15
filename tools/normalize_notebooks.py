"""Put the series' notebooks in their committed form: ``python tools/normalize_notebooks.py``.

The mechanical parts of CONTRIBUTING.md's conventions, applied to every ``notebooks/NN_*.ipynb``
(or the notebooks named):

- the notebook metadata JupyterLab writes when it opens a notebook with the series' kernel (so that
  opening a notebook does not mark it modified): ``KERNELSPEC`` and ``LANGUAGE_INFO`` below;
- every claims cell (a code cell tagged ``hide-input``) folded in JupyterLab and Notebook 7
  (``jupyter.source_hidden``) and shown as a form in Colab (``cellView: form``); its first line must
  be a ``#@title ...`` line, which is reported, not invented;
- no outputs and no execution counts.

Everything else (sources, other metadata, cell ids) is left as it is, and files are written by
``nbformat.write`` (indent 1), so diffs stay small. ``--check`` only reports (exit status 1 if a
notebook would change).

    python tools/normalize_notebooks.py [--check] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# What ipykernel reports and JupyterLab stores, for the series' reference Python (CI runs 3.11.7).
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": "3.11.7",
}
CLAIMS_TAG = "hide-input"
CLAIMS_TITLE = "#@title "


def tags(cell) -> set:
    return set(cell.get("metadata", {}).get("tags", []))


def is_claims_cell(cell) -> bool:
    return cell.cell_type == "code" and CLAIMS_TAG in tags(cell)


def normalized(nb):
    """A copy of ``nb`` in committed form (see the module docstring)."""
    nb = copy.deepcopy(nb)
    nb.metadata["kernelspec"] = copy.deepcopy(KERNELSPEC)
    nb.metadata["language_info"] = copy.deepcopy(LANGUAGE_INFO)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = []
        cell.execution_count = None
        if is_claims_cell(cell):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            cell.metadata["cellView"] = "form"
    return nb


def title_problems(nb, name: str) -> list[str]:
    return [
        f"{name} cell {i}: a claims cell starts with a '{CLAIMS_TITLE}...' line (Colab shows it)"
        for i, cell in enumerate(nb.cells)
        if is_claims_cell(cell) and not cell.source.startswith(CLAIMS_TITLE)
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb"
    )
    parser.add_argument(
        "--check", action="store_true", help="report what would change, change nothing"
    )
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    changed, problems = [], []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        new = normalized(nb)
        problems += title_problems(new, path.name)
        if new != nb:
            changed.append(path)
            if not args.check:
                nbformat.write(new, path)
    verb = "would change" if args.check else "changed"
    for path in changed:
        print(f"{verb}: {path.name}")
    for line in problems:
        print(line)
    print(
        f"{len(paths)} notebook(s), {len(changed)} {verb}, {len(problems)} problem(s) "
        "to fix by hand"
    )
    return 1 if problems or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
