"""Notebook 07 with some of the learner's pieces broken, or right but unlike the package's: it names
the piece, uses the package's reference for it, still runs to the end with every claims cell
holding, and its final check says which step fails first. (Solved and unsolved runs are in
test_notebooks.py, nbval and the student-copy test.)"""

import pytest
from nbclient import NotebookClient
from notebook_files import NOTEBOOK_DIR, SOLUTION_CODE, read, tags

from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK

CAPSTONE = NOTEBOOK_DIR / "07_your_network.ipynb"

# A backprop that regularises the bias column too: a slip the backprop checker names.
BROKEN_BACKPROP = """
def backprop(thetas, X, y, lam=0.0):
    n, K = X.shape[0], thetas[-1].shape[0]
    Y = as_targets(y, K)
    a = [X]
    for theta in thetas:
        a.append(nn.sigmoid(nn.add_bias(a[-1]) @ theta.T))
    delta = a[-1] - Y
    D = [None] * len(thetas)
    for l in range(len(thetas), 0, -1):
        theta = thetas[l - 1]
        D[l - 1] = delta.T @ nn.add_bias(a[l - 1]) / n + lam * theta
        if l > 1:
            delta = (delta @ theta[:, 1:]) * a[l - 1] * (1 - a[l - 1])
    return D
"""

# Right, but not nn.init_weights's numbers: every claim after it must still hold.
OTHER_DRAWS = """
def init_weights(layer_sizes, rng=None, epsilon_init=0.12):
    rng = np.random.default_rng(rng)
    return [rng.uniform(-epsilon_init, epsilon_init, size=(s + 1, s_next)).T
            for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]
"""

# Passes its own check, but its default ε is too large for the gradient check of step 5.
LARGE_EPSILON = """
def numerical_gradient(f, vec, epsilon=1e-2):
    theta = np.array(vec, dtype=float)
    grad = np.zeros_like(theta)
    for p in range(theta.size):
        old = theta[p]
        theta[p] = old + epsilon
        f_plus = f(theta)
        theta[p] = old - epsilon
        f_minus = f(theta)
        theta[p] = old
        grad[p] = (f_plus - f_minus) / (2 * epsilon)
    return grad
"""

# A forward without its bias weights, under the solution's cost (which calls it).
NO_BIAS_FORWARD = """
def forward(thetas, X):
    a = X
    for theta in thetas:
        a = nn.sigmoid(a @ theta[:, 1:].T)
    return a
"""


FLOAT32_FORWARD = """def forward(thetas, X):
    a = np.asarray(X, dtype=np.float32)
    for theta in thetas:
        ones = np.ones((a.shape[0], 1), dtype=np.float32)
        a = nn.sigmoid(np.hstack([ones, a]) @ theta.T.astype(np.float32))
    return a
"""
PACKAGE_INIT = "init_weights = nn.init_weights\n"


def _text(cell):
    parts = []
    for o in cell.outputs:
        if o.get("output_type") == "stream":
            parts.append(o.get("text", ""))
        elif "data" in o:
            parts.append(o["data"].get("text/plain", ""))
        elif o.get("output_type") == "error":
            parts.append(f"{o.get('ename')}: {o.get('evalue')}")
    return "\n".join(parts)


def _run_with(pieces):
    """07 with every solution pasted, then the given exercises' cells replaced (first line kept)."""
    nb = read(CAPSTONE)
    cells = nb.cells
    for i, c in enumerate(cells):
        if "exercise" in tags(c):
            solution = SOLUTION_CODE.findall(cells[i + 2].source)[0]
            name = next(
                n
                for n in ("init_weights", "forward", "cost", "backprop", "numerical_gradient")
                if f"def {n}(" in solution
            )
            c.source = c.source.splitlines()[0] + "\n" + pieces.get(name, solution)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    ).execute()  # raises on any error
    text = {i: _text(c) for i, c in enumerate(cells) if c.cell_type == "code"}
    verdict = text[max(i for i, c in enumerate(cells) if "check" in tags(c))]
    assembled = next(t for t in text.values() if t.startswith("Your network:"))
    return text, assembled, verdict


def test_a_broken_piece_is_named_replaced_and_the_notebook_runs_to_the_end():
    text, assembled, verdict = _run_with({"backprop": BROKEN_BACKPROP})
    assert "4 of 5 pieces are your own code" in assembled, assembled
    assert "nn.backprop stands in" in assembled and "bias column is regularised" in assembled, (
        assembled
    )
    training = next(t for t in text.values() if "30 epochs with" in t)
    assert "nn.backprop (standing in for yours)" in training, training
    assert any("test accuracy: 97.8%" in t for t in text.values())
    assert FAIL_MARK in verdict and PASS_MARK not in verdict
    assert "step 4 · backprop fails first (Exercise 7.4" in verdict, verdict


@pytest.mark.parametrize(
    "pieces, in_table, first",
    [
        ({"init_weights": OTHER_DRAWS}, "5 of 5 pieces", None),
        (
            {"numerical_gradient": LARGE_EPSILON},
            "nn.numerical_gradient stands in. Yours: passes its own check, but not step 5",
            "step 5 · gradient checking",
        ),
        (
            {"forward": NO_BIAS_FORWARD},
            "Yours: it calls your forward, which does not pass its check yet",
            "step 2 · forward propagation fails first (Exercise 7.2",
        ),
        (
            {"forward": FLOAT32_FORWARD},
            "nn.forward(...).h stands in. Yours: passes its own check, but not step 5",
            "with nn.forward(...).h in place of your forward, they agree",
        ),
        (
            {"init_weights": PACKAGE_INIT},
            "nn.init_weights stands in. Yours: this init_weights is the package's, not yours",
            "init_weights is the package's, not yours",
        ),
    ],
    ids=[
        "init-with-other-draws",
        "numerical-gradient-with-large-epsilon",
        "cost-on-a-broken-forward",
        "float32-forward",
        "the-package-s-init",
    ],
)
def test_pieces_unlike_the_package_s_leave_every_claim_standing(pieces, in_table, first):
    text, assembled, verdict = _run_with(pieces)
    assert in_table in assembled, assembled
    if first is None:
        assert PASS_MARK in verdict and FAIL_MARK not in verdict, verdict
    else:
        assert FAIL_MARK in verdict and first in verdict, verdict
