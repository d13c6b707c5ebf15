"""Notebook 07 with one of the learner's pieces broken: it names the piece, uses the package's
reference for it, still runs to the end, and its final check says which step fails first.
(Solved and unsolved runs are in test_notebooks.py, nbval and the student-copy test.)"""

from nbclient import NotebookClient

from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK
from notebook_files import NOTEBOOK_DIR, SOLUTION_CODE, read, tags

CAPSTONE = NOTEBOOK_DIR / "07_your_network.ipynb"

# A backprop that regularises the bias column too: a slip the backprop checker names.
BROKEN_BACKPROP = '''
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
'''


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


def test_a_broken_piece_is_named_replaced_and_the_notebook_runs_to_the_end():
    nb = read(CAPSTONE)
    cells = nb.cells
    for i, c in enumerate(cells):
        if "exercise" in tags(c):
            c.source = SOLUTION_CODE.findall(cells[i + 2].source)[0]
            if "def backprop" in c.source:
                c.source = BROKEN_BACKPROP
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK_DIR)}}).execute()   # raises on any error
    text = {i: _text(c) for i, c in enumerate(cells) if c.cell_type == "code"}
    assembled = next(t for t in text.values() if t.startswith("Your network:"))
    assert "4 of 5 pieces are your own code" in assembled, assembled
    assert "nn.backprop stands in" in assembled and "bias column is regularised" in assembled, assembled
    training = next(t for t in text.values() if "30 epochs with" in t)
    assert "nn.backprop (standing in for yours)" in training, training
    assert any("test accuracy: 97.8%" in t for t in text.values())
    verdict = text[max(i for i, c in enumerate(cells) if "check" in tags(c))]
    assert FAIL_MARK in verdict and PASS_MARK not in verdict
    assert "step 4 (backprop) fails first" in verdict, verdict
