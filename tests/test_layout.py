"""The package's layers: the maths needs numpy alone; figures and widgets live in nnbp_helpers.viz."""

import subprocess
import sys

# Run in a fresh interpreter in which every module outside the standard library, numpy and
# nnbp_helpers itself cannot be imported: as on a machine where only numpy is installed.
NUMPY_ONLY = """
import sys

ALLOWED = set(sys.stdlib_module_names) | {"numpy", "nnbp_helpers"}
refused = []


class NumpyOnly:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top not in ALLOWED and not top.startswith("_"):
            frame = sys._getframe(1)
            while frame.f_globals.get("__name__", "").startswith("importlib"):
                frame = frame.f_back
            refused.append(f"{name} (by {frame.f_globals.get('__name__')})")
            raise ModuleNotFoundError(f"No module named {name!r} (only numpy is installed)", name=name)
        return None


sys.meta_path.insert(0, NumpyOnly())
for name in [m for m in sys.modules if m.partition(".")[0] in ("matplotlib", "ipywidgets")]:
    del sys.modules[name]

import numpy as np
import nnbp_helpers as nn

X, y = nn.datasets.xor(n=20, rng=0)
thetas = nn.init_weights([2, 3, 1], rng=0)
nn.forward(thetas, X), nn.cost(thetas, X, y, 0.1), nn.backprop(thetas, X, y, 0.1)
assert nn.gradient_check(thetas, X, y, lam=0.1).passed
nn.train(X, y, [2, 3, 1], alpha=1.0, epochs=3, rng=0)
nn.blame.blame_shares(*nn.blame.deck_example())
print("refused:", *[r for r in refused if "(by nnbp_helpers" in r])
try:
    from nnbp_helpers import viz
except ModuleNotFoundError as exc:
    print("viz:", exc.name)
"""


def test_the_maths_imports_and_runs_with_numpy_alone():
    run = subprocess.run([sys.executable, "-c", NUMPY_ONLY], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    refused, viz = run.stdout.splitlines()
    assert refused == "refused:", f"the maths tried to import more than numpy: {refused}"
    assert viz == "viz: matplotlib", f"nnbp_helpers.viz without matplotlib: {viz}"


def test_viz_holds_the_figures_and_widgets():
    from nnbp_helpers import viz

    assert viz.use_lecture_style is viz.plotting.use_lecture_style
    assert callable(viz.diagram.draw_network) and callable(viz.widgets.blame_widget)
