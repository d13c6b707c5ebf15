"""tools/grade.py on notebook 07, whose last check (``check_your_network``) needs all five of the
learner's pieces at once: it is graded after them, with the learner's exercise cells in place of the
stubs, and its checker calls the learner's functions back and forth across the pipe (the learner's
numerical gradient calls the checker's J, which calls the learner's cost)."""

import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from notebook_files import NOTEBOOK_DIR, SOLUTION_CODE, read, tags
from test_capstone_notebook import LARGE_EPSILON  # passes its own check; ε too large for step 5

ROOT = Path(__file__).resolve().parent.parent
CAPSTONE = NOTEBOOK_DIR / "07_your_network.ipynb"
PIECES = ("init_weights", "forward", "cost", "backprop", "numerical_gradient")

BIAS_REGULARISED = """
def backprop(thetas, X, y, lam=0.0):
    D = nn.backprop(thetas, X, y, lam)
    return [D_l + lam * np.hstack([theta[:, :1], 0 * theta[:, 1:]])
            for D_l, theta in zip(D, thetas)]
"""


def submission(path, solved=PIECES, replaced=None):
    """07 with the hidden solution of each piece in ``solved``, ``replaced`` pieces as given."""
    nb = read(CAPSTONE)
    for i, cell in enumerate(nb.cells):
        if "exercise" in tags(cell):
            solution = SOLUTION_CODE.findall(nb.cells[i + 2].source)[0]
            piece = next(p for p in PIECES if f"def {p}(" in solution)
            body = (replaced or {}).get(piece, solution if piece in solved else None)
            if body is not None:
                cell.source = cell.source.splitlines()[0] + "\n" + body
    path.parent.mkdir(parents=True)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("capstone")
    subs = root / "submissions"
    submission(subs / "solved/07.ipynb")
    submission(subs / "unsolved/07.ipynb", solved=())
    submission(subs / "bias/07.ipynb", replaced={"backprop": BIAS_REGULARISED})
    submission(subs / "epsilon/07.ipynb", replaced={"numerical_gradient": LARGE_EPSILON})
    out = root / "grades.csv"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "grade.py"),
            str(subs),
            "--csv",
            str(out),
            "--timeout",
            "120",
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    with open(out, newline="", encoding="utf-8") as f:
        rows = {(r["submission"].split("/")[0], r["exercise"]): r for r in csv.DictReader(f)}
    return rows, done.stdout


def test_a_solved_capstone_passes_every_exercise_and_the_last_check(graded):
    rows, stdout = graded
    assert "solved/07.ipynb: 6/6 exercises passed" in stdout, stdout
    assert rows["solved", "check_your_network"]["status"] == "passed"


def test_an_unsolved_capstone_passes_nothing(graded):
    rows, stdout = graded
    assert "unsolved/07.ipynb: 0/6 exercises passed" in stdout, stdout
    last = rows["unsolved", "check_your_network"]
    assert (
        last["status"] == "not yet"
        and "step 1 · initialise randomly fails first" in last["feedback"]
    )


def test_the_last_check_says_where_a_student_got_stuck(graded):
    rows, _ = graded
    assert rows["bias", "Exercise 7.4"]["status"] == "not yet"
    last = rows["bias", "check_your_network"]
    assert last["status"] == "not yet" and "step 4 · backprop fails first" in last["feedback"], last
    # passes its own check, fails with the others: the call-backs nest (J calls the learner's cost)
    assert rows["epsilon", "Exercise 7.5"]["status"] == "passed"
    last = rows["epsilon", "check_your_network"]
    assert last["status"] == "not yet" and "step 5 · gradient checking" in last["feedback"], last
    assert "in place of your numerical_gradient, they agree" in last["feedback"], last
