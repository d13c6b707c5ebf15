"""tools/grade.py: a grade depends only on the learner's exercise code.

One batch of submissions of notebooks 04 and 00 (an honest one, unsolved ones, and one for each way
a submission has been seen to change its own or a classmate's grade) is graded once, in parallel;
each test reads its rows. The wire format and the check-cell reader are tested on their own below.
"""

import csv
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import numpy as np
import pytest
from notebook_files import NOTEBOOK_DIR, SOLUTION_CODE, read, tags

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"
TIMEOUT = 15  # seconds per exercise: notebook 04's context runs in about 2 s
SECRET = "nnbp-grader-secret-6f1c"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


wire = _load("grade_sandbox")
grade = _load("grade")

NB04 = next(NOTEBOOK_DIR.glob("04_*.ipynb"))
NB00 = next(NOTEBOOK_DIR.glob("00_*.ipynb"))
NB05 = next(NOTEBOOK_DIR.glob("05_*.ipynb"))


def submission(path: Path, reference=NB04, solved=(), cells=None, edit=None):
    """Write a submission of ``reference``: the exercises labelled in ``solved`` get their hidden
    solution, those in ``cells`` the given code (under the cell's own label line)."""
    nb = read(reference)
    for i, cell in enumerate(nb.cells):
        if "exercise" in tags(cell):
            head = cell.source.splitlines()[0]
            number = head.split(":")[0].removeprefix("# ")
            if number in solved:
                cell.source = head + "\n" + SOLUTION_CODE.findall(nb.cells[i + 2].source)[0]
            if cells and number in cells:
                cell.source = head + "\n" + textwrap.dedent(cells[number])
    if edit:
        edit(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def package_digest():
    h = hashlib.sha256()
    for p in sorted((ROOT / "nnbp_helpers").rglob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()


def _drop_checks(nb):
    nb.cells = [c for c in nb.cells if "check" not in tags(c)]


def _eight_checks(nb):
    i = next(i for i, c in enumerate(nb.cells) if "check" in tags(c))
    copies = [nbformat.from_dict(nb.cells[i]) for _ in range(7)]
    for k, cell in enumerate(copies):
        cell.id = f"{nb.cells[i].id}-copy{k}"
    nb.cells[i + 1 : i + 1] = copies


def _forged_checks(nb):
    for cell in nb.cells:
        if "check" in tags(cell):
            cell.source = 'print("✔ PASSED · check_hidden_delta: everything is right")'


def _drop_exercise_41(nb):
    nb.cells = [c for c in nb.cells if not c.source.startswith("# Exercise 4.1")]


FORGED_PACKAGE = """
import os, pathlib
from nnbp_helpers import checks
from nnbp_helpers.checks import _base
# a fake package in the working folder, first on sys.path for whoever comes next
fake = pathlib.Path("nnbp_helpers/checks")
fake.mkdir(parents=True, exist_ok=True)
pathlib.Path("nnbp_helpers/__init__.py").write_text("")
(fake / "__init__.py").write_text(
    "from nnbp_helpers.checks._base import passed\\n"
    "def __getattr__(name):\\n    return lambda *a, **k: passed(name, 'forged')\\n")
import sys; sys.path.insert(0, os.getcwd())
# rewrite the package's own checker files, for good
for module in (checks.forward, _base):
    path = pathlib.Path(module.__file__)
    try:
        os.chmod(path, 0o644); os.chmod(path.parent, 0o755)
        path.write_text(path.read_text() + "\\ndef check_weight_index(*a, **k):\\n"
                        "    return passed('check_weight_index', 'forged')\\n")
    except OSError:
        pass

def weight(thetas, l, i, j):
    return thetas[l][i, j]
"""

SNOOP = """
import glob, os
def weight(thetas, l, i, j):
    secret = [k for k in os.environ if "SECRET" in k]
    for entry in os.listdir("/proc"):   # every process in sight: the grader's environment?
        try:
            if b"NNBP_GRADER_SECRET" in open(f"/proc/{entry}/environ", "rb").read():
                secret.append(entry)
        except OSError:
            pass
    # what relative paths reach (absolute ones reach what the grader's user can read: see the guide)
    notebooks = sorted(set(glob.glob("**/*.ipynb", recursive=True) + glob.glob("../*/*.ipynb")
                           + glob.glob(os.path.expanduser("~/**/*.ipynb"), recursive=True)))
    overwrote = []
    for target in ("../honest/04.ipynb", "../../honest/04.ipynb", "honest/04.ipynb"):
        try:
            with open(target, "w") as f:
                f.write("overwritten")
            overwrote.append(target)
        except OSError:
            pass
    raise ValueError(f"SNOOPED secret={secret} overwrote={overwrote} notebooks={notebooks}")
"""

LEFTOVER = """
import os, subprocess
def weight(thetas, l, i, j):
    # a detached process that outlives this one and rewrites the grades afterwards
    subprocess.Popen(["sh", "-c", "sleep 2; echo forged >> {csv}; echo forged > {marker}"],
                     start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            import time; time.sleep(2)
            open({marker!r}, "w").write("forged")
        os._exit(0)
    return thetas[l][i, j]
"""


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Grade one class in one run, and return its rows by (submission, exercise)."""
    root = tmp_path_factory.mktemp("class")
    subs = root / "submissions"
    out = root / "out"
    out.mkdir()
    marker = out / "leftover-was-here"
    made = {
        "honest": submission(
            subs / "honest/04.ipynb",
            solved=("Exercise 4.1", "Exercise 4.2", "Exercise 4.3", "Exercise 4.4"),
        ),
        "stub": submission(subs / "stub/04.ipynb"),
        "package": submission(
            subs / "package/04.ipynb",
            cells={
                "Exercise 4.2": """
                import nnbp_helpers as nn
                backprop = nn.backprop
                """
            },
        ),
        "forged_print": submission(
            subs / "forged_print/00.ipynb",
            NB00,
            edit=_forged_checks,
            cells={
                "Exercise 0.1": 'print("✔ PASSED")\n'
                "def weight(thetas, l, i, j):\n    raise NotImplementedError\n"
            },
        ),
        "exit_after_print": submission(
            subs / "exit_after_print/04.ipynb",
            solved=("Exercise 4.2",),
            cells={
                "Exercise 4.1": """
                def hidden_delta(theta, delta_next, a):
                    print("✔ PASSED · check_hidden_delta")
                    raise SystemExit(0)
                """
            },
        ),
        "monkeypatch": submission(
            subs / "monkeypatch/00.ipynb",
            NB00,
            cells={
                "Exercise 0.1": """
                import numpy as np
                from nnbp_helpers import checks
                from nnbp_helpers.checks import _base
                forged = _base.passed("check_weight_index", "forged")
                checks.check_weight_index = lambda *a, **k: forged
                _base.close = lambda *a, **k: True
                np.allclose = lambda *a, **k: True
                def weight(thetas, l, i, j):
                    return thetas[l][i, j]
                """
            },
        ),
        "no_checks": submission(
            subs / "no_checks/04.ipynb", solved=("Exercise 4.1",), edit=_drop_checks
        ),
        "eight_checks": submission(
            subs / "eight_checks/04.ipynb", solved=("Exercise 4.1",), edit=_eight_checks
        ),
        "package_writer": submission(
            subs / "package_writer/00.ipynb", NB00, cells={"Exercise 0.1": FORGED_PACKAGE}
        ),
        "snoop": submission(subs / "snoop/00.ipynb", NB00, cells={"Exercise 0.1": SNOOP}),
        "leftover": submission(
            subs / "leftover/00.ipynb",
            NB00,
            cells={"Exercise 0.1": LEFTOVER.format(csv=out / "grades.csv", marker=str(marker))},
        ),
        "hang": submission(
            subs / "hang/04.ipynb",
            solved=("Exercise 4.2",),
            cells={
                "Exercise 4.1": """
                def hidden_delta(theta, delta_next, a):
                    while True:
                        pass
                """
            },
        ),
        "hang_cell": submission(
            subs / "hang_cell/04.ipynb",
            solved=("Exercise 4.2",),
            cells={
                "Exercise 4.1": """
                import time
                while True:
                    time.sleep(0.05)
                """
            },
        ),
        "dead": submission(
            subs / "dead/04.ipynb",
            solved=("Exercise 4.2",),
            cells={
                "Exercise 4.1": """
                import os, signal
                def hidden_delta(theta, delta_next, a):
                    os.kill(os.getpid(), signal.SIGKILL)
                """
            },
        ),
        "dead_cell": submission(
            subs / "dead_cell/04.ipynb",
            solved=("Exercise 4.2",),
            cells={"Exercise 4.1": "import os\nos._exit(3)\n"},
        ),
        "memory": submission(
            subs / "memory/00.ipynb",
            NB00,
            cells={
                "Exercise 0.1": """
                import numpy as np
                def weight(thetas, l, i, j):
                    return np.ones((10 ** 6, 10 ** 4))   # 80 GB
                """
            },
        ),
        "flood": submission(
            subs / "flood/00.ipynb",
            NB00,
            solved=("Exercise 0.1",),
            cells={
                "Exercise 0.1": """
                import numpy as np
                def weight(thetas, l, i, j):
                    print("✔ PASSED " * 10 ** 6)
                    return np.asarray(thetas[l - 1])[i - 1, j]
                """
            },
        ),
        "syntax": submission(
            subs / "syntax/04.ipynb",
            solved=("Exercise 4.2",),
            cells={"Exercise 4.1": "def hidden_delta(theta, delta_next, a):\n    return (\n"},
        ),
        "deleted_exercise": submission(
            subs / "deleted_exercise/04.ipynb", solved=("Exercise 4.2",), edit=_drop_exercise_41
        ),
        "start": submission(subs / "start/00.ipynb", reference=NB00, solved=("Exercise 0.1",)),
        # the checker hands the learner's numerical_gradient a function of its own to call back
        "callback": submission(
            subs / "callback/05.ipynb", reference=NB05, solved=("Exercise 5.1", "Exercise 5.4")
        ),
    }
    (subs / "broken").mkdir()
    (subs / "broken/04.ipynb").write_text('{"cells": [', encoding="utf-8")
    made["broken"] = subs / "broken/04.ipynb"
    no_source = read(made["honest"])
    raw = json.loads(nbformat.writes(no_source))
    del raw["cells"][0]["source"]  # a cell without a source: still a notebook to grade
    (subs / "no_source").mkdir()
    (subs / "no_source/04.ipynb").write_text(json.dumps(raw), encoding="utf-8")
    made["no_source"] = subs / "no_source/04.ipynb"
    (subs / "unknown").mkdir()
    nbformat.write(nbformat.v4.new_notebook(), subs / "unknown/homework.ipynb")
    made["unknown"] = subs / "unknown/homework.ipynb"
    honest_bytes = made["honest"].read_bytes()
    before = package_digest()

    env = dict(os.environ, NNBP_GRADER_SECRET=SECRET)
    start = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            str(TOOLS / "grade.py"),
            str(subs),
            "--csv",
            str(out / "grades.csv"),
            "--timeout",
            str(TIMEOUT),
            "--jobs",
            "2",
            "--memory",
            "2048",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    elapsed = time.monotonic() - start
    assert done.returncode == 0, done.stderr[-3000:]
    csv_text = (out / "grades.csv").read_text(encoding="utf-8")
    time.sleep(3)  # time enough for a leftover process to strike
    rows = {}
    with open(out / "grades.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[(row["submission"].split("/")[0], row["exercise"])] = row
    return {
        "rows": rows,
        "stdout": done.stdout,
        "stderr": done.stderr,
        "out": out,
        "made": made,
        "csv_text": csv_text,
        "marker": marker,
        "honest_bytes": honest_bytes,
        "package_before": before,
        "elapsed": elapsed,
    }


ON_00 = {
    "forged_print",
    "monkeypatch",
    "package_writer",
    "snoop",
    "leftover",
    "memory",
    "flood",
    "start",
}


def status(batch, who, exercise=None):
    exercise = exercise or ("Exercise 0.1" if who in ON_00 else "Exercise 4.1")
    return batch["rows"][(who, exercise)]["status"]


def row(batch, who):
    return batch["rows"][(who, "Exercise 0.1" if who in ON_00 else "Exercise 4.1")]


def feedback(batch, who):
    name = f"{who}__{'00' if who in ON_00 else '04'}.ipynb.txt"
    return (batch["out"] / "grades-feedback" / name).read_text(encoding="utf-8")


def test_honest_and_unsolved_submissions(batch):
    assert status(batch, "honest") == status(batch, "honest", "Exercise 4.2") == "passed"
    assert status(batch, "stub") == status(batch, "stub", "Exercise 4.2") == "not yet"
    assert status(batch, "start", "Exercise 0.1") == "passed"
    assert status(batch, "callback", "Exercise 5.1") == "passed"
    assert status(batch, "callback", "Exercise 5.4") == "passed"  # a set crosses the wire
    # (5.5's context may outlast TIMEOUT on a busy machine: it only must not pass)
    assert status(batch, "callback", "Exercise 5.5") != "passed"
    assert "honest/04.ipynb: 4/4 exercises passed" in batch["stdout"]
    print(f"graded {len(batch['made'])} submissions in {batch['elapsed']:.0f} s")


def test_the_package_handed_in_is_not_a_pass(batch):
    """`backprop = nn.backprop` would pass the check: the learner's process says it is the
    package's, and the grade is NOT YET."""
    assert status(batch, "package", "Exercise 4.2") == "not yet"
    assert "not your own code" in batch["rows"][("package", "Exercise 4.2")]["feedback"]


def test_submissions_are_named_by_their_path(batch):
    assert {"honest/04.ipynb", "stub/04.ipynb"} <= {r["submission"] for r in batch["rows"].values()}
    files = sorted(p.name for p in (batch["out"] / "grades-feedback").iterdir())
    assert "honest__04.ipynb.txt" in files and "stub__04.ipynb.txt" in files
    assert "Exercise 4.2: passed" in feedback(batch, "honest")


def test_printed_verdicts_count_for_nothing(batch):
    assert status(batch, "forged_print") == "not yet"
    # prints PASSED, then raises SystemExit when the checker calls it; 4.2 is unaffected
    assert status(batch, "exit_after_print") == "not yet"
    assert "SystemExit" in batch["rows"][("exit_after_print", "Exercise 4.1")]["feedback"]
    assert status(batch, "exit_after_print", "Exercise 4.2") == "passed"
    assert status(batch, "flood") == "passed"


def test_patching_the_checker_from_the_notebook_changes_nothing(batch):
    assert status(batch, "monkeypatch") == "not yet"
    assert status(batch, "package_writer") == "not yet"
    assert package_digest() == batch["package_before"], (
        "a submission changed the repository's package"
    )


def test_missing_or_duplicated_check_cells_change_nothing(batch):
    for who in ("no_checks", "eight_checks"):
        assert status(batch, who) == "passed" and status(batch, who, "Exercise 4.2") == "not yet", (
            who
        )
    assert len([k for k in batch["rows"] if k[0] == "eight_checks"]) == 4  # one row per exercise


def test_a_submission_cannot_see_classmates_or_the_graders_environment(batch):
    text = feedback(batch, "snoop")
    assert status(batch, "snoop") == "not yet" and "SNOOPED" in text
    assert "secret=[]" in text and SECRET not in text, "the learner read the grader's environment"
    assert "overwrote=[]" in text
    assert "honest" not in text and "stub" not in text, "the learner saw a classmate's notebook"
    assert batch["made"]["honest"].read_bytes() == batch["honest_bytes"]


def test_no_process_outlives_its_exercise(batch):
    assert not batch["marker"].exists(), "a process the learner started ran after the exercise"
    assert (batch["out"] / "grades.csv").read_text(encoding="utf-8") == batch["csv_text"]


def test_a_hang_or_a_crash_costs_only_its_own_exercise(batch):
    assert status(batch, "hang") == "timeout"
    assert status(batch, "hang_cell") == "timeout"
    assert status(batch, "dead") == "crashed"
    assert status(batch, "dead_cell") == "crashed"
    for who in ("hang", "hang_cell", "dead", "dead_cell", "syntax", "deleted_exercise"):
        assert status(batch, who, "Exercise 4.2") == "passed", who


def test_memory_is_limited(batch):
    assert status(batch, "memory") == "not yet"
    assert "MemoryError" in row(batch, "memory")["feedback"]


def test_broken_cells_and_missing_exercises(batch):
    assert status(batch, "syntax") == "error"
    assert "SyntaxError" in batch["rows"][("syntax", "Exercise 4.1")]["feedback"]
    assert status(batch, "deleted_exercise") == "missing"


def test_an_unreadable_file_is_a_row_and_the_batch_goes_on(batch):
    assert status(batch, "broken", "-") == "unreadable"
    assert status(batch, "unknown", "-") == "unreadable"
    assert status(batch, "no_source") == status(batch, "no_source", "Exercise 4.2") == "passed"


# --- the parts, on their own -------------------------------------------------------------------


def test_check_cells_in_both_forms():
    assert grade.parse_check("checks.check_backprop(backprop, regularised=True)") == {
        "checker": "check_backprop",
        "args": [["name", "backprop"]],
        "kwargs": {"regularised": ["literal", True]},
    }
    assert grade.parse_check('checks.check_most_blamed("most_raw_share", "most_delta")')[
        "args"
    ] == [["name", "most_raw_share"], ["name", "most_delta"]]
    with pytest.raises(ValueError):
        grade.parse_check("print('✔ PASSED')")


def test_every_exercise_of_the_series_is_gradable():
    refs = grade.series()
    assert {"00", "04"} <= set(refs)
    for number, ref in refs.items():
        for exercise in ref["exercises"]:
            if exercise["number"] is None:  # a check of several exercises together (07's last)
                assert exercise["label"] == exercise["check"]["checker"], exercise
            else:
                assert exercise["label"].startswith(f"Exercise {int(number)}.")
            from nnbp_helpers import checks

            assert callable(getattr(checks, exercise["check"]["checker"])), exercise


def test_which_notebook():
    refs = grade.series()
    assert grade.which_notebook(Path("alice/04.ipynb"), [], refs) == "04"
    assert grade.which_notebook(Path("alice_04_final.ipynb"), [], refs) == "04"
    assert grade.which_notebook(Path("04_backpropagation.ipynb"), [], refs) == "04"
    cells = [{"type": "code", "source": "# Exercise 4.2: ...", "tags": []}]
    assert grade.which_notebook(Path("homework.ipynb"), cells, refs) == "04"
    assert grade.which_notebook(Path("homework.ipynb"), [], refs) is None
    assert grade.which_notebook(Path("homework.ipynb"), [], refs, forced="4") == "04"


def test_the_wire_carries_arrays_and_never_unpickles():
    value = [
        np.arange(6.0).reshape(2, 3),
        (1, "a", None),
        {"k": np.float64(2.5)},
        np.int64(3),
        True,
        {1, 2},
    ]
    back = wire.decode(json.loads(json.dumps(wire.encode(value))))
    assert np.array_equal(back[0], value[0]) and back[1] == (1, "a", None)
    assert back[2]["k"] == 2.5 and type(back[3]).__name__ == "int64" and back[4] is True
    assert back[5] == {1, 2}  # an answer that is a set of layer numbers (Exercise 5.4)
    assert type(wire.decode(wire.encode(object()))).__name__ == "object"
    obj = np.array([{"a": 1}], dtype=object)
    assert (
        type(wire.decode(wire.encode(obj))).__name__ == "ndarray"
    )  # an Opaque named after its type
    with pytest.raises(wire.WireError):
        wire.decode({"__nd__": ["|O", [1], "AAAA"]})  # an object array is never rebuilt
    with pytest.raises(wire.WireError):
        wire.decode({"__nd__": ["<f8", [3], "AAAA"]})  # bytes that do not match the shape


def test_a_rebuilt_exception_gives_the_checkers_hint():
    from nnbp_helpers.checks._base import call, checker

    @checker
    def check_demo(fn):
        call(fn, (1,))

    exc = grade.rebuild_exception(
        {
            "type": "NotImplementedError",
            "message": "",
            "bases": ["NotImplementedError"],
            "line": 3,
            "func": "hidden_delta",
            "own": False,
            "code": "raise NotImplementedError",
        }
    )

    def learner(*args):
        raise exc

    result = check_demo(learner)
    assert (
        not result.passed
        and "hidden_delta" in result.message
        and "not written yet" in result.message
    ), result
    exc = grade.rebuild_exception(
        {
            "type": "AxisError",
            "message": "axis 2 is out of bounds",
            "bases": ["ValueError", "IndexError"],
            "line": 7,
            "func": "f",
            "own": True,
            "code": "x.sum(axis=2)",
        }
    )
    assert (
        isinstance(exc, ValueError)
        and isinstance(exc, IndexError)
        and type(exc).__name__ == "AxisError"
    )


def test_a_learner_function_keeps_its_signature():
    sig = grade._signature(wire._parameters(lambda theta, delta_next, a=0, *rest, key=1: None))
    assert str(sig) == "(theta, delta_next, a=None, *rest, key=None)"
    assert grade._signature([["not a name", 1, False]]) == grade._signature([])
    assert grade._signature("junk") is None


# --- more isolation where the machine allows it: --sandbox --------------------------------------

UNSHARE = "unshare --net --pid --fork --mount-proc --kill-child"

PROBE = """
import os, socket
def weight(thetas, l, i, j):
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
    grader = []
    for p in pids:
        try:
            if b"grade.py" in open(f"/proc/{p}/cmdline", "rb").read():
                grader.append(p)
        except OSError:
            pass
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=2).close()
        network = "reached"
    except OSError:
        network = "unreachable"
    raise ValueError(f"PROBE processes={len(pids)} grader={len(grader)} network={network}")
"""


def _unshare_works():
    try:
        return (
            subprocess.run(UNSHARE.split() + ["true"], capture_output=True, timeout=30).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


def test_namespaces_take_away_the_network_and_the_other_processes(tmp_path):
    import socket

    from conftest import IN_CI

    if not _unshare_works():
        why = "util-linux unshare cannot make namespaces here (it needs root or user namespaces)"
        if IN_CI:
            pytest.fail(f"CI=true but {why}")
        pytest.skip(why)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    try:
        submission(
            tmp_path / "in" / "probe" / "00.ipynb",
            NB00,
            cells={"Exercise 0.1": PROBE.replace("PORT", str(port))},
        )
        submission(tmp_path / "in" / "honest" / "00.ipynb", NB00, solved=("Exercise 0.1",))
        runs = {}
        for name, extra in (
            ("plain", ["--sandbox", "none"]),
            ("sandboxed", ["--sandbox", UNSHARE]),
            ("default", []),
        ):
            csv_path = tmp_path / f"{name}.csv"
            done = subprocess.run(
                [
                    sys.executable,
                    str(TOOLS / "grade.py"),
                    str(tmp_path / "in"),
                    "--csv",
                    str(csv_path),
                    "--timeout",
                    str(TIMEOUT),
                    "--jobs",
                    "2",
                    *extra,
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert done.returncode == 0, done.stderr[-2000:]
            with open(csv_path, newline="", encoding="utf-8") as f:
                runs[name] = {r["submission"].split("/")[0]: r for r in csv.DictReader(f)}
    finally:
        listener.close()
    plain, boxed = runs["plain"]["probe"]["feedback"], runs["sandboxed"]["probe"]["feedback"]
    assert (
        "network=reached" in plain and "grader=0" not in plain
    )  # without it, the machine is in reach
    assert "network=unreachable" in boxed and "grader=0" in boxed, boxed
    assert int(boxed.split("processes=")[1].split()[0]) <= 3, boxed
    assert runs["sandboxed"]["honest"]["status"] == "passed"
    assert runs["sandboxed"]["probe"]["status"] == "not yet"
    assert "network=unreachable" in runs["default"]["probe"]["feedback"], (
        "--sandbox auto uses the namespaces"
    )


def test_a_string_answer_never_finds_the_graders_variables():
    from nnbp_helpers import checks

    right = next(k for k in (1, 2, 3, 4) if checks.check_planted_bug(k).passed)
    bad_layer = right  # noqa: F841  (a variable of this frame, which a checker must not find)
    result = grade.run_checker(checks.check_planted_bug, ["bad_layer"], {})
    assert not result.passed
