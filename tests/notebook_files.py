"""Reading the series' notebooks in tests: where they are, their cells' tags, their hidden solutions."""

import re
from pathlib import Path

import nbformat

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.S)   # the one code block of a solution cell


def read(path):
    return nbformat.read(path, as_version=4)


def tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def ids(paths):
    return [p.stem for p in paths]
