"""Reading the series' notebooks in tests: where they are, their cells' tags, their hidden
solutions, the text of a cell's outputs."""

import re
from pathlib import Path

import nbformat

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.S)  # the one code block of a solution cell


def read(path):
    return nbformat.read(path, as_version=4)


def tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def ids(paths):
    return [p.stem for p in paths]


def output_text(outputs):
    """The text a code cell showed: streams, plain-text results and errors, one part per line."""
    parts = []
    for o in outputs:
        if o.get("output_type") == "stream":
            parts.append(o.get("text", ""))
        elif "data" in o:
            parts.append(o["data"].get("text/plain", ""))
        elif o.get("output_type") == "error":
            parts.append(f"{o.get('ename')}: {o.get('evalue')}")
    return "\n".join(parts)
