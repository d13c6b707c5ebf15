"""The promises every notebook makes (CONTRIBUTING.md): skeleton, no outputs, exercises whose hidden
solutions pass their checkers. nbval (in `make test`) runs every notebook as shipped; the test below
runs each one again with every solution pasted into its exercise cell."""

import re
import time

import pytest
from nbclient import NotebookClient
from notebook_files import NOTEBOOK_DIR, NOTEBOOKS, SOLUTION_CODE, ids, output_text, read, tags

from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK

LESSONS = [p for p in NOTEBOOKS if not p.name.startswith("00_")]

SERIES = [
    "00_start_here.ipynb",
    "01_delta_blame_intuition.ipynb",
    "02_forward_propagation.ipynb",
    "03_cost_function.ipynb",
    "04_backpropagation.ipynb",
    "05_gradient_checking.ipynb",
    "06_training_a_network.ipynb",
    "07_your_network.ipynb",
]


def test_the_series_is_there():
    assert [p.name for p in NOTEBOOKS] == SERIES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_committed_without_outputs(path):
    nb = read(path)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; clear them before committing"


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_skeleton(path):
    nb = read(path)
    md = [c.source for c in nb.cells if c.cell_type == "markdown"]
    title = nb.cells[0].source
    assert nb.cells[0].cell_type == "markdown" and title.startswith(f"# {path.name[:2]} · "), title[
        :80
    ]
    assert "**Previous:**" in title and "**Next:**" in title, (
        "title cell needs Previous / Next links"
    )
    assert (
        f"colab.research.google.com/github/nnbp-course/nnbp/blob/main/notebooks/{path.name})"
        in title
    ), "title cell needs the Open in Colab link to this notebook"
    assert (
        f"mybinder.org/v2/gh/nnbp-course/nnbp/main?urlpath=lab/tree/notebooks/{path.name})" in title
    ), "title cell needs the Launch on Binder link to this notebook"
    headings = [line.strip() for s in md for line in s.splitlines() if line.startswith("## ")]
    for needed in ("## Learning goals", "## Recap", "## Exercises"):
        assert needed in headings, f"{path.name}: missing '{needed}' (has {headings})"
    assert (
        headings.index("## Learning goals")
        < headings.index("## Recap")
        < headings.index("## Exercises")
    )
    setup = next(c for c in nb.cells if c.cell_type == "code")
    assert "import nnbp_helpers as nn" in setup.source and "default_rng(" in setup.source, (
        f"{path.name}: the first code cell is the setup cell (imports and a seeded rng)"
    )
    assert '"google.colab" in sys.modules' in setup.source, (
        f"{path.name}: the setup cell installs the package in Colab"
    )
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and re.search(r"\bplt\.(subplots|figure)\(", c.source):
            following = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
            assert (
                following is not None
                and following.cell_type == "markdown"
                and "*What to notice:*" in following.source
            ), f"{path.name}: figure in cell {i} needs a caption cell"


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_exercises_come_as_stub_check_solution(path):
    nb = read(path)
    cells = nb.cells
    found = 0
    for i, c in enumerate(cells):
        if "exercise" not in tags(c):
            continue
        found += 1
        assert c.cell_type == "code", f"{path.name} cell {i}: an exercise is a code cell"
        assert "NotImplementedError" in c.source or re.search(r"=\s*None\b", c.source), (
            f"{path.name} cell {i}: the stub raises NotImplementedError inside a function or "
            "sets answer = None"
        )
        check, solution = cells[i + 1], cells[i + 2]
        assert (
            "check" in tags(check) and check.cell_type == "code" and "checks.check_" in check.source
        ), f"{path.name} cell {i + 1}: an exercise is followed by its check cell"
        assert "solution" in tags(solution) and solution.cell_type == "markdown", (
            f"{path.name} cell {i + 2}: a check is followed by its hidden solution"
        )
        assert solution.source.lstrip().startswith("<details>") and "</details>" in solution.source
        assert len(SOLUTION_CODE.findall(solution.source)) == 1, (
            f"{path.name} cell {i + 2}: one ```python block"
        )
    assert found >= 2, f"{path.name}: at least two exercises with checkers"


def _solved(nb):
    cells = nb.cells
    for i, c in enumerate(cells):
        if "exercise" in tags(c):
            c.source = SOLUTION_CODE.findall(cells[i + 2].source)[0]
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))  # 00's warm-up too
def test_every_hidden_solution_passes_its_checker(path):
    nb = _solved(read(path))
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    ).execute()
    elapsed = time.perf_counter() - start
    checked = [(i, c) for i, c in enumerate(nb.cells) if "check" in tags(c)]
    for i, c in checked:
        out = output_text(c.outputs)
        assert PASS_MARK in out and FAIL_MARK not in out, (
            f"{path.name} cell {i}: the solution does not pass:\n{out}"
        )
    print(f"{path.name}: {len(checked)} solutions pass; solved run took {elapsed:.1f} s")
