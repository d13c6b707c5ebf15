"""How the series reaches its users: launch links on the one repository address, the Colab install
line (a no-op everywhere else), the files Binder reads, the start page, hand-out copies without
solutions (which must run with every exercise unsolved).
The grader has its own tests (test_grade.py)."""

import ast
import importlib.util
import os
import re
import stat
import subprocess
import sys
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from nbclient import NotebookClient
from notebook_files import NOTEBOOK_DIR, NOTEBOOKS, SOLUTION_CODE, ids, output_text, read, tags

from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK

ROOT = Path(__file__).resolve().parent.parent
START = NOTEBOOK_DIR / "00_start_here.ipynb"


def load_tool(name):
    spec = importlib.util.spec_from_file_location(
        f"nnbp_tools_{name}", ROOT / "tools" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


links = load_tool("launch_links")
make_student = load_tool("make_student")


# --- launch links: one source of truth ------------------------------------------------------------


def test_repository_address_comes_from_pyproject():
    repo = links.repository()
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", repo), repo


def test_every_launch_link_and_install_line_uses_the_pyproject_address():
    found = links.problems()
    assert not found, "run `make links` (tools/launch_links.py):\n" + "\n".join(found)


def test_readme_has_launch_links_for_the_start_page():
    repo = links.repository()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert links.colab_url(repo, START.name) in readme
    assert links.binder_url(repo, START.name) in readme


def test_the_link_rewriter_moves_every_link_to_a_new_address():
    old = read(START)
    moved = links.rewrite(
        "\n".join(c.source for c in old.cells), "https://github.com/some-uni/nn-course"
    )
    assert "nnbp-course/nnbp" not in moved
    assert (
        "colab.research.google.com/github/some-uni/nn-course/blob/main/notebooks/00_start_here.ipynb"
        in moved
    )
    assert (
        "mybinder.org/v2/gh/some-uni/nn-course/main?urlpath=lab/tree/notebooks/00_start_here.ipynb"
        in moved
    )
    assert '"nnbp_helpers @ git+https://github.com/some-uni/nn-course"' in moved


# --- the Colab install cell -----------------------------------------------------------------------


def colab_block(setup_source):
    """The setup cell's `if "google.colab" in sys.modules:` statement, compiled on its own."""
    tree = ast.parse(setup_source)
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and "google.colab" in ast.unparse(node.test)
    ]
    assert len(blocks) == 1, 'the setup cell has one `if "google.colab" in sys.modules:` block'
    return compile(ast.Module(body=blocks, type_ignores=[]), "<setup cell>", "exec")


def run_colab_block(path, in_colab):
    setup = next(c.source for c in read(path).cells if c.cell_type == "code")
    calls = []
    fake_subprocess = types.SimpleNamespace(run=lambda *a, **k: calls.append((a, k)))
    modules = dict(sys.modules)
    modules.pop("google.colab", None)
    if in_colab:
        modules["google.colab"] = types.ModuleType("google.colab")
    fake_sys = types.SimpleNamespace(modules=modules, executable=sys.executable)
    exec(colab_block(setup), {"subprocess": fake_subprocess, "sys": fake_sys})
    return calls


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_colab_install_is_a_no_op_outside_colab(path):
    assert "google.colab" not in sys.modules
    assert run_colab_block(path, in_colab=False) == [], "the setup cell ran pip outside Colab"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_colab_install_installs_the_package_from_the_repository(path):
    calls = run_colab_block(path, in_colab=True)
    assert len(calls) == 1, calls
    (cmd,), kwargs = calls[0]
    assert cmd[:4] == [sys.executable, "-m", "pip", "install"], cmd
    assert links.install_requirement(links.repository()) in cmd and kwargs.get("check") is True


# --- Binder ---------------------------------------------------------------------------------------


def test_environment_yml_is_what_binder_and_conda_need():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    assert any(re.fullmatch(r"python\s*=+\s*3\.\d+", d) for d in deps if isinstance(d, str)), (
        "pin python to X.Y: repo2docker reads the version from this line"
    )
    assert "pip" in deps
    pip = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    # The same exact versions as `make lab`, and this repository's package (a local requirement, so
    # repo2docker copies the repository before it installs the environment).
    assert pip and pip[0] == ["-r requirements/lab.txt", "-e ."], pip


def _locked(name):
    """{package: [exact versions]} of a lock file (several where Python versions need different
    ones)."""
    found = {}
    for line in (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if m:
            found.setdefault(m.group(1).lower().replace("_", "-"), []).append(m.group(2))
    return found


def test_the_locks_pin_every_package_and_agree():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lab, test = _locked("lab.txt"), _locked("test.txt")
    for line in (ROOT / "requirements" / "lab.txt").read_text(encoding="utf-8").splitlines():
        assert not line.strip() or line.startswith("#") or "==" in line, (
            f"not an exact version: {line}"
        )

    def names(reqs):
        return {re.split(r"[<>=\[\s]", r, maxsplit=1)[0].lower().replace("_", "-") for r in reqs}

    extras = project["optional-dependencies"]
    assert names(project["dependencies"]) | names(extras["lab"]) <= set(lab)
    assert names(extras["test"]) - {"nnbp-helpers"} <= set(test)
    for name, versions in lab.items():  # the lab set is the test set's subset, at the same versions
        assert test.get(name) == versions, f"{name}: lab {versions}, test {test.get(name)}"
    # What opening the series does not need stays out of the lab set.
    assert not {"pytest", "playwright", "scikit-learn", "hypothesis", "jupyterhub", "ruff"} & set(
        lab
    )


def test_binder_reads_the_root_files():
    # repo2docker ignores every configuration file at
    # the root once a binder/ or .binder/ folder exists.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert not (ROOT / "environment.yaml").exists(), "repo2docker only reads environment.yml"


def test_postbuild_is_an_executable_bash_script():
    post = ROOT / "postBuild"
    assert post.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    assert post.stat().st_mode & stat.S_IXUSR, "postBuild must be executable (git mode 100755)"
    mode = subprocess.run(
        ["git", "ls-files", "-s", "postBuild"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert not mode or mode.startswith("100755"), (
        f"postBuild is committed without its executable bit: {mode}"
    )
    subprocess.run(["bash", "-n", str(post)], check=True)


def test_postbuild_leaves_an_installed_package_alone():
    env = dict(
        os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    )
    done = subprocess.run(
        [str(ROOT / "postBuild")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "is importable" in done.stdout and "pip" not in done.stdout


# --- the start page -------------------------------------------------------------------------------


def test_start_page_lists_every_notebook_and_the_readme_does_too():
    start = "\n".join(c.source for c in read(START).cells if c.cell_type == "markdown")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        if path != START:
            assert f"({path.name})" in start, f"00_start_here.ipynb does not link {path.name}"
            assert path.name in readme, f"README.md does not list {path.name}"


def test_start_page_teaches_the_exercise_convention_with_a_live_exercise():
    cells = read(START).cells
    title = cells[0].source
    assert title.startswith("# 00 · ") and "**Next:**" in title
    assert "## Learning goals" in "\n".join(c.source for c in cells if c.cell_type == "markdown")
    i = next(i for i, c in enumerate(cells) if "exercise" in tags(c))
    assert "NotImplementedError" in cells[i].source
    assert "check" in tags(cells[i + 1]) and "checks.check_" in cells[i + 1].source
    assert "solution" in tags(cells[i + 2]) and cells[i + 2].source.startswith("<details>")
    notation = next(c.source for c in cells if c.source.startswith("## Notation"))
    for symbol in ("Θ^(l)", "δ^(l)", "D^(l)", "`thetas[l-1]`", "gradApprox"):
        assert symbol in notation


# --- student copies -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    make_student.make_student(out)
    return out


def test_student_copies_have_no_solutions(student_dir):
    for path in NOTEBOOKS:
        original, copy = read(path), read(student_dir / path.name)
        solutions = [c for c in original.cells if "solution" in tags(c)]
        notes = [c for c in copy.cells if make_student.NOTE_TAG in tags(c)]
        assert len(notes) == len(solutions), path.name
        # a worked solution (code) and a written question's model answer (prose) get their own note
        assert [n.source for n in notes] == [
            make_student.NOTE if "```python" in c.source else make_student.NOTE_ANSWER
            for c in solutions
        ], path.name
        assert not [c for c in copy.cells if "solution" in tags(c) or "<details>" in c.source]
        for cell in solutions:  # not a line of any worked solution is left in the copy
            for code in SOLUTION_CODE.findall(cell.source):
                body = [
                    ln
                    for ln in code.splitlines()
                    if ln.strip() and not ln.lstrip().startswith(("def ", '"""'))
                ]
                copied = "\n".join(c.source for c in copy.cells if c.cell_type == "markdown")
                assert not any(ln.strip() in copied for ln in body if len(ln.strip()) > 12), (
                    path.name
                )
        # Code cells are exactly the original's: the copy runs like the original.
        assert [c.source for c in copy.cells if c.cell_type == "code"] == [
            c.source for c in original.cells if c.cell_type == "code"
        ]
        assert "[Open in Colab]" not in copy.cells[0].source


def test_student_copies_say_nothing_of_solutions_or_launch_links(student_dir):
    """The hand-out wording of a cell (metadata nnbp.student_copy) replaces its text in the copy."""
    for path in NOTEBOOKS:
        copy = read(student_dir / path.name)
        for i, cell in enumerate(copy.cells):
            if cell.cell_type != "markdown" or make_student.NOTE_TAG in tags(cell):
                continue
            for words in (
                "Show a solution",
                "Open in Colab",
                "Launch on Binder",
                "colab.research.google.com",
                "mybinder.org",
                "student_copy",
            ):
                assert words not in cell.source, (
                    f"{path.name} cell {i} of the student copy: {words!r}"
                )
            assert "{requirement}" not in cell.source
            assert "nnbp" not in cell.metadata or "student_copy" not in cell.metadata["nnbp"]
    start = "\n".join(c.source for c in read(student_dir / START.name).cells)
    assert f'pip install "{links.install_requirement(links.repository())}"' in start


def _execute(path):
    nb = read(path)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    ).execute()
    return path, nb


def test_student_copies_run_with_every_exercise_unsolved(student_dir):
    paths = sorted(student_dir.glob("*.ipynb"))
    assert [p.name for p in paths] == [p.name for p in NOTEBOOKS]
    # nbclient raises CellExecutionError on any error
    with ThreadPoolExecutor(max_workers=2) as pool:
        executed = list(pool.map(_execute, paths))
    for path, nb in executed:
        checks = [(i, c) for i, c in enumerate(nb.cells) if "check" in tags(c)]
        assert checks, f"{path.name}: no check cells"
        for i, cell in checks:
            out = output_text(cell.outputs)
            assert FAIL_MARK in out and PASS_MARK not in out, (
                f"{path.name} cell {i} should say NOT YET:\n{out}"
            )


# --- after a fork ---------------------------------------------------------------------------------


def test_make_links_moves_a_copy_of_the_series_to_a_new_address(tmp_path, monkeypatch):
    (tmp_path / "notebooks").mkdir()
    for path in NOTEBOOKS:
        (tmp_path / "notebooks" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "README.md").write_text(
        (ROOT / "README.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.setattr(links, "NOTEBOOK_DIR", tmp_path / "notebooks")
    monkeypatch.setattr(links, "README", tmp_path / "README.md")
    new = "https://github.com/some-uni/nn-course"
    assert links.problems(new), "a copy on the old address has problems for the new one"
    changed = links.fix(new)
    assert len(changed) == len(NOTEBOOKS) + 1
    assert links.problems(new) == []
    for path in NOTEBOOKS:  # only the addresses changed
        before, after = read(path), read(tmp_path / "notebooks" / path.name)
        assert [links.rewrite(c.source, new) for c in before.cells] == [
            c.source for c in after.cells
        ]
