"""The package's layers: the maths needs numpy alone; figures and widgets are nnbp_helpers.viz."""

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
            raise ModuleNotFoundError(f"No module named {name!r} (numpy only)", name=name)
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
    run = subprocess.run(
        [sys.executable, "-c", NUMPY_ONLY], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    refused, viz = run.stdout.splitlines()
    assert refused == "refused:", f"the maths tried to import more than numpy: {refused}"
    assert viz == "viz: matplotlib", f"nnbp_helpers.viz without matplotlib: {viz}"


def test_viz_holds_the_figures_and_widgets():
    from nnbp_helpers import viz

    assert viz.use_lecture_style is viz.plotting.use_lecture_style
    assert callable(viz.diagram.draw_network) and callable(viz.widgets.blame_widget)


def test_no_module_imports_another_modules_private_name():
    """Package modules share public names only: ``from .network import _forward`` would make a
    private function part of the real internal API. (A private *module*, like ``_validate``, may be
    imported; its public names are what it offers.)"""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "nnbp_helpers"
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = set()  # names bound to a module of the package
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level > 0:
                base = path.parent
                for _ in range(node.level - 1):
                    base = base.parent
                for part in (node.module or "").split(".") if node.module else []:
                    base = base / part
                for alias in node.names:
                    is_module = (base / f"{alias.name}.py").exists() or (base / alias.name).is_dir()
                    if is_module:
                        modules.add(alias.asname or alias.name)
                    elif alias.name.startswith("_"):
                        found.append(
                            f"{path.relative_to(package)}:{node.lineno} imports {alias.name}"
                        )
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                found.append(
                    f"{path.relative_to(package)}:{node.lineno} uses {node.value.id}.{node.attr}"
                )
    assert not found, "private names used across modules:\n" + "\n".join(found)
