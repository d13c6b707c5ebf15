"""Grade submitted notebooks with the exercise checkers, fairly and each exercise on its own.

    python tools/grade.py PATHS... --csv grades.csv --timeout SECONDS [--jobs N] [--memory MB]
                          [--notebook NN] [--feedback DIR] [--sandbox COMMAND]

PATHS are submitted notebooks or folders of them (``alice/04.ipynb``, ``bob/04.ipynb``, or
``submissions/``); each is named by its path, and matched to the series' notebook by the two digits
of its file name (``04.ipynb``, ``alice_04.ipynb``, ``04_backpropagation.ipynb``), else by the
``# Exercise 4.1`` labels in it, or by ``--notebook 04``.

A grade depends only on the learner's exercise cells. The exercises and their check calls come from
the series' own notebook, never from the submission. Each exercise is graded in a fresh Python
process: the series' own cells before it run first (with the learner's earlier exercise cells in
place of the stubs), then the learner's cell for this exercise, in a private temporary folder with a
private copy of the package, a scrubbed environment and limits on time, memory, file size and open
files. The checker runs in another process (one per submission) that the learner's code never runs
in: it calls the learner's function across a pipe, on plain data (numbers, arrays, lists, sets), and
the verdict comes back as data. Every process an exercise started is killed before the next begins.

Prints one line per submission (and progress on stderr), writes one CSV row per submission and
exercise (status ``passed``, ``not yet``, ``error``, ``missing``, ``timeout`` or ``crashed``, or
``unreadable`` for a file that is not a notebook) and one feedback file per submission with each
exercise's full message. Exit status 0 when every submission was graded (whatever the grades).

On Linux, where the machine allows it (root, or unprivileged user namespaces), each learner process
also gets network and PID namespaces of its own (``--sandbox``): no network, no other process in
sight. What this does not isolate (the learner's process runs as the same user): see "Grading with
the checkers" in docs/instructor-guide.md. Run it in a container for marks that count.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOTEBOOK_DIR = ROOT / "notebooks"
PACKAGE_DIR = ROOT / "nnbp_helpers"
SANDBOX = HERE / "grade_sandbox.py"

EXERCISE_LABEL = re.compile(r"^\s*#\s*Exercise\s+(\d+\.\d+)\b", re.M)
STATUSES = ("passed", "not yet", "error", "missing", "timeout", "crashed", "unreadable")
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
EARLIER_CELL_SECONDS = (
    10  # at most: an earlier exercise cell that runs longer is cut short (it only defines)
)


@dataclass
class Verdict:
    """One exercise of one submission."""

    submission: str
    exercise: str
    status: str
    feedback: str  # the checker's whole message (the CSV keeps its first line)


# --- reading notebooks ----------------------------------------------------------------------------


class Unreadable(Exception):
    """A submission that is not a notebook this grader can read."""


def read_cells(path: Path) -> list[dict]:
    """The cells of a notebook as ``{"type", "source", "tags"}``, read leniently: a cell without a
    source or tags is still a cell; anything that is not a notebook raises :class:`Unreadable`."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            raise Unreadable(f"larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
        nb = json.loads(path.read_text(encoding="utf-8"))
    except Unreadable:
        raise
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Unreadable(f"not a notebook file ({type(exc).__name__}: {str(exc)[:200]})") from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        raise Unreadable("not a notebook file (no list of cells)")
    out = []
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            source = ""
        metadata = cell.get("metadata")
        tags = metadata.get("tags", []) if isinstance(metadata, dict) else []
        tags = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
        out.append({"type": str(cell.get("cell_type", "")), "source": source, "tags": tags})
    return out


def parse_check(source: str) -> dict:
    """A check cell's call ``checks.check_x(a, "b", flag=True)`` as data: the checker's name and
    each argument as ``["name", "a"]`` (a value of the learner's notebook; a string names one too,
    as check cells do) or ``["literal", value]``."""
    tree = ast.parse(source)
    last = tree.body[-1] if tree.body else None
    call = last.value if isinstance(last, ast.Expr) else None
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "checks"
    ):
        raise ValueError(
            f"a check cell must end with one checks.<checker>(...) call, got {source!r}"
        )

    def argument(node):
        if isinstance(node, ast.Name):
            return ["name", node.id]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return ["name", node.value]
        return ["literal", ast.literal_eval(node)]

    return {
        "checker": call.func.attr,
        "args": [argument(a) for a in call.args],
        "kwargs": {k.arg: argument(k.value) for k in call.keywords},
    }


def reference(path: Path) -> dict:
    """What the grader takes from one of the series' notebooks: its code cells, and for each
    exercise its label, the index of its cell among the code cells and its parsed check call.

    A check cell that no exercise cell precedes (notebook 07's ``check_your_network``, which checks
    the learner's pieces of several exercises together) is graded too, after them: its ``number`` is
    None, its label the checker's name, and its ``cell`` the check cell's own index (nothing of the
    learner's is substituted for it; the learner's exercise cells before it are)."""
    cells = [c for c in read_cells(path) if c["type"] == "code"]
    exercises, owned = [], set()
    for i, cell in enumerate(cells):
        if "exercise" not in cell["tags"]:
            continue
        label = EXERCISE_LABEL.search(cell["source"])
        if not label:
            raise ValueError(f"{path.name}: an exercise cell without a '# Exercise N.M' label")
        k = next(
            (
                k
                for k in range(i + 1, len(cells))
                if "check" in cells[k]["tags"] or "exercise" in cells[k]["tags"]
            ),
            None,
        )
        if k is None or "check" not in cells[k]["tags"]:
            raise ValueError(f"{path.name}: Exercise {label.group(1)} has no check cell after it")
        owned.add(k)
        exercises.append(
            {
                "label": f"Exercise {label.group(1)}",
                "number": label.group(1),
                "cell": i,
                "check": parse_check(cells[k]["source"]),
            }
        )
    for k, cell in enumerate(cells):
        if "check" in cell["tags"] and k not in owned:
            check = parse_check(cell["source"])
            exercises.append({"label": check["checker"], "number": None, "cell": k, "check": check})
    return {"name": path.name, "cells": cells, "exercises": exercises}


def series() -> dict[str, dict]:
    """Every notebook of the series that has exercises, by its two-digit number."""
    found = {}
    for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
        ref = reference(path)
        if ref["exercises"]:
            found[path.name[:2]] = ref
    return found


def which_notebook(path: Path, cells, refs: dict, forced: str | None = None) -> str | None:
    """The series notebook a submission answers: ``forced``, else the two digits of its file name,
    else the notebook its ``# Exercise N.M`` labels belong to."""
    if forced:
        return forced.zfill(2) if forced.zfill(2) in refs else None
    numbers = [n for n in re.findall(r"(?<!\d)(\d{2})(?!\d)", Path(path).stem) if n in refs]
    if numbers:
        return numbers[0]
    labels = [
        m.split(".")[0].zfill(2)
        for c in cells or []
        if c["type"] == "code"
        for m in EXERCISE_LABEL.findall(c["source"])
    ]
    labels = [n for n in labels if n in refs]
    return max(set(labels), key=labels.count) if labels else None


def learner_cell(cells, ref: dict, exercise: dict) -> str | None:
    """The learner's cell for ``exercise``: the last code cell labelled ``# Exercise N.M``; failing
    that, the code cell tagged ``exercise`` in the same place, if the submission kept them all."""
    pattern = re.compile(rf"^\s*#\s*Exercise\s+{re.escape(exercise['number'])}\b", re.M)
    code = [c for c in cells if c["type"] == "code"]
    labelled = [c["source"] for c in code if pattern.search(c["source"])]
    if labelled:
        return labelled[-1]
    tagged = [c["source"] for c in code if "exercise" in c["tags"]]
    own = [e for e in ref["exercises"] if e["number"] is not None]
    if len(tagged) == len(own):
        return tagged[own.index(exercise)]
    return None


# --- the trusted side: talking to the learner's process -------------------------------------------


class LearnerTimeout(BaseException):
    """The learner's process ran past the time limit (BaseException: no checker may swallow it)."""


class LearnerDied(BaseException):
    """The learner's process ended, or sent something that is not a message."""


def _prctl(option, value):
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def harden_this_process():
    """Linux: other processes of this user cannot read this one's environment or memory
    (PR_SET_DUMPABLE 0), and orphans of the learner's processes become this one's children
    (PR_SET_CHILD_SUBREAPER), so that :func:`kill_descendants` finds every one of them."""
    if sys.platform.startswith("linux"):
        _prctl(4, 0)  # PR_SET_DUMPABLE
        _prctl(36, 1)  # PR_SET_CHILD_SUBREAPER


def kill_descendants():
    """SIGKILL every process descended from this one (on Linux, via /proc), and reap them."""
    me = os.getpid()
    for _ in range(50):
        parents = {}
        for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                    parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    pass
        ours = set()
        for pid in parents:
            p, seen = pid, 0
            while p in parents and p not in (0, 1) and seen < 200:
                p, seen = parents[p], seen + 1
                if p == me:
                    ours.add(pid)
                    break
        if not ours:
            break
        for pid in ours:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _reap(0.05)
    _reap(0)


def _reap(wait):
    deadline = time.monotonic() + wait
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() >= deadline:
                return
            time.sleep(0.01)


def scrubbed_env(home: str) -> dict:
    """The learner's whole environment: none of the grader's variables."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": os.path.join(home, ".matplotlib"),
        "IPYTHONDIR": os.path.join(home, ".ipython"),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
    }


class Learner:
    """One exercise's learner process, and the calls into it."""

    def __init__(
        self,
        workdir: Path,
        lib: Path,
        timeout: float,
        memory_mb: int,
        deadline: float,
        sandbox: list[str] = (),
    ):
        import resource

        self.deadline = deadline
        self.stage = "context"
        self.broken, self.failure = False, None
        self.callbacks: list = []
        to_learner_r, self.wfd = os.pipe()
        self.rfd, from_learner_w = os.pipe()
        limits = {
            "RLIMIT_CPU": int(timeout) + 5,
            "RLIMIT_AS": memory_mb * 2**20,
            "RLIMIT_FSIZE": 64 * 2**20,
            "RLIMIT_NOFILE": 256,
            "RLIMIT_CORE": 0,
        }
        if os.geteuid() != 0 and hasattr(resource, "RLIMIT_NPROC"):  # root is exempt from it
            limits["RLIMIT_NPROC"] = _processes_of_this_user() + 64
        config = {"rfd": to_learner_r, "wfd": from_learner_w, "lib": str(lib), "limits": limits}
        self.process = subprocess.Popen(
            [*sandbox, sys.executable, "-I", "-B", str(lib / SANDBOX.name), json.dumps(config)],
            cwd=workdir,
            env=scrubbed_env(str(workdir)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(to_learner_r, from_learner_w),
            start_new_session=True,
        )
        os.close(to_learner_r)
        os.close(from_learner_w)

    def _wait(self):
        left = self.deadline - time.monotonic()
        if left <= 0 or not select.select([self.rfd], [], [], left)[0]:
            raise LearnerTimeout()

    def request(self, message: dict) -> dict:
        """Send ``message`` and return the learner's reply (answering its callbacks meanwhile). A
        time-out or a dead process is raised, and also kept in ``failure``: a checker that catches
        everything still cannot hide it from the grader."""
        import grade_sandbox as wire

        if self.broken:  # an earlier request was cut short: the replies would no longer match
            self.failure = self.failure or LearnerTimeout()
            raise self.failure
        try:
            wire.send(self.wfd, message)
            while True:
                reply = wire.receive(self.rfd, self._wait)
                if reply["op"] == "stage":
                    self.stage = reply.get("stage")
                elif reply["op"] == "callback":
                    self._answer_callback(reply)
                else:
                    return reply
        except LearnerTimeout as exc:
            self.broken, self.failure = True, exc
            raise
        except (EOFError, BrokenPipeError, wire.WireError, KeyError, TypeError, ValueError) as exc:
            self.broken = True
            self.failure = LearnerDied(str(exc))
            raise self.failure from None
        except BaseException:
            self.broken = True
            raise

    def _answer_callback(self, message):
        import grade_sandbox as wire

        fn = self.callbacks[message["cb"]]
        try:
            value = fn(
                *wire.decode(message["args"], self.proxy),
                **wire.decode(message["kwargs"], self.proxy),
            )
            reply = {"op": "result", "value": wire.encode(value, self.callbacks, tag="__cb__")}
        except (LearnerTimeout, LearnerDied):
            raise
        except Exception as exc:
            reply = {"op": "raise", "message": f"{type(exc).__name__}: {exc}"}
        wire.send(self.wfd, reply)

    def proxy(self, tag, handle, name, params=None):
        """A function of the grader's process that calls the learner's function ``handle`` (with the
        learner's parameter list as its signature,
        so a checker's "takes 3 arguments" hint reads it)."""
        import grade_sandbox as wire

        if tag != "__fn__":
            return wire.opaque("function", name)

        def learner_function(*args, **kwargs):
            reply = self.request(
                {
                    "op": "call",
                    "fn": handle,
                    "args": wire.encode(list(args), self.callbacks, tag="__cb__"),
                    "kwargs": wire.encode(kwargs, self.callbacks, tag="__cb__"),
                }
            )
            try:
                _write_back(args, wire.decode(reply.get("args_after"), self.proxy))
                if reply["op"] == "raise":
                    raised = rebuild_exception(reply["exc"])
                else:
                    return wire.decode(reply["value"], self.proxy)
            except (wire.WireError, KeyError, TypeError, ValueError, AttributeError) as exc:
                raise LearnerDied(f"an unreadable reply: {exc}") from None
            raise raised

        learner_function.__name__ = learner_function.__qualname__ = name
        signature = _signature(params)
        if signature is not None:
            learner_function.__signature__ = signature
        return learner_function

    def close(self):
        for fd in (self.rfd, self.wfd):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except OSError:
            pass
        kill_descendants()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass


def _signature(params):
    """An ``inspect.Signature`` from the learner's parameter list ``[[name, kind, has_default],
    ...]`` (defaults stand in as None), or None if there is none or it does not make sense."""
    import inspect

    if not isinstance(params, list) or len(params) > 64:
        return None
    try:
        empty = inspect.Parameter.empty
        return inspect.Signature(
            [
                inspect.Parameter(
                    name, inspect._ParameterKind(kind), default=None if has_default else empty
                )
                for name, kind, has_default in params
                if isinstance(name, str) and name.isidentifier()
            ]
        )
    except (TypeError, ValueError):
        return None


def _processes_of_this_user() -> int:
    uid, count = os.getuid(), 0
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                count += os.stat(f"/proc/{entry}").st_uid == uid
            except OSError:
                pass
    return count


def _write_back(originals, after):
    """Make the checker's copies of the arguments what the learner's function left them as, so that
    a checker sees an in-place change exactly as it would in the notebook."""
    import numpy as np

    if not isinstance(after, (list, tuple)):
        return
    for orig, new in zip(originals, after):
        if isinstance(orig, np.ndarray) and isinstance(new, np.ndarray) and orig.shape == new.shape:
            if orig.flags.writeable:
                np.copyto(orig, new, casting="unsafe")
        elif isinstance(orig, list) and isinstance(new, list):
            if len(orig) == len(new):
                _write_back(orig, new)
                for i, (o, n) in enumerate(zip(orig, new)):
                    if not isinstance(o, (np.ndarray, list)):
                        orig[i] = n
            else:
                orig[:] = new


def rebuild_exception(info: dict) -> Exception:
    """An exception like the learner's (same builtin type, message, innermost line and function),
    raised from a frame that looks like the learner's line, so a checker's hint reads as it would in
    the notebook."""
    import builtins
    import linecache

    name = info.get("type") if isinstance(info.get("type"), str) else "Exception"
    bases = [
        getattr(builtins, b)
        for b in info.get("bases", [])
        if isinstance(b, str)
        and isinstance(getattr(builtins, b, None), type)
        and issubclass(getattr(builtins, b), Exception)
    ]
    bases = [b for b in bases if not any(o is not b and issubclass(o, b) for o in bases)] or [
        Exception
    ]
    message = str(info.get("message", ""))
    cls = getattr(builtins, name, None)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        try:
            cls = type(re.sub(r"\W", "_", name)[:60] or "Exception", tuple(bases), {})
        except TypeError:
            cls = type(re.sub(r"\W", "_", name)[:60] or "Exception", (bases[0],), {})
    try:
        exc = cls(message)
    except Exception:
        exc = Exception(message)
    if isinstance(exc, NameError) and isinstance(info.get("name"), str):
        exc.name = info["name"]
    line = (
        info.get("line")
        if isinstance(info.get("line"), int) and 0 < info.get("line") < 100000
        else 1
    )
    func = info.get("func") if isinstance(info.get("func"), str) else "<learner>"
    func = "<learner>" if info.get("own") or not re.fullmatch(r"[A-Za-z_]\w*", func) else func
    filename = f"<learner code: {func}>"
    lines = [""] * (line - 1) + [str(info.get("code", "")) + "\n"]
    linecache.cache[filename] = (len("".join(lines)), None, lines, filename)
    code = compile("\n" * (line - 1) + "raise __exc__", filename, "exec").replace(co_name=func)
    try:
        exec(code, {"__exc__": exc})
    except Exception as raised:
        return raised
    return exc


# --- the worker: one submission, every exercise ---------------------------------------------------


def run_checker(checker, args, kwargs):
    """``checker(*args, **kwargs)``, called from a namespace of its own: a checker given a name
    looks it up where it was called from, and a learner's string answer must not find the grader's
    variables."""
    namespace = {"__builtins__": {}, "_checker": checker, "_args": args, "_kwargs": kwargs}
    exec("_result = _checker(*_args, **_kwargs)", namespace)
    return namespace["_result"]


def grade_exercise(
    task: dict, cells, ref: dict, exercise: dict, checks, with_earlier=True
) -> tuple[str, str]:
    """(status, feedback) for one exercise of one submission."""
    # a check of its own (07's check_your_network) has no cell of the learner's: it checks the
    # learner's earlier exercise cells, which run below in place of the stubs
    own = "" if exercise["number"] is None else learner_cell(cells, ref, exercise)
    if own is None:
        return "missing", (
            f"no code cell labelled '# Exercise {exercise['number']}' in the submission "
            "(keep the first line of the exercise cell)"
        )
    run, earlier = [], False
    for i, cell in enumerate(ref["cells"][: exercise["cell"]]):
        # checks, and claims cells (asserts only)
        if "check" in cell["tags"] or "hide-input" in cell["tags"]:
            continue
        if "exercise" in cell["tags"]:
            other = next((e for e in ref["exercises"] if e["cell"] == i), None)
            mine = learner_cell(cells, ref, other) if (other and with_earlier) else None
            if mine is not None:
                run.append(
                    {
                        "source": mine,
                        "role": "earlier",
                        "budget": min(EARLIER_CELL_SECONDS, task["timeout"] / 4),
                    }
                )
                earlier = True
                continue
        run.append({"source": cell["source"], "role": "context"})
    run.append({"source": own, "role": "exercise"})

    root = Path(task["tmp"])
    box = Path(tempfile.mkdtemp(prefix="exercise-", dir=root))
    workdir, lib = box / "work", box / "lib"
    shutil.copytree(task["trusted"], lib, ignore=shutil.ignore_patterns("__pycache__"))
    _read_only(lib)
    workdir.mkdir(mode=0o700)
    for name, source in task["files"]:  # the submission and its own folder's other files
        target = workdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    deadline = time.monotonic() + task["timeout"]
    learner = Learner(
        workdir, lib, task["timeout"], task["memory"], deadline, task.get("sandbox", [])
    )
    try:
        ready = learner.request({"op": "run", "cells": run})
        check = exercise["check"]
        values, handed_in = {}, []
        for kind, value in check["args"] + list(check["kwargs"].values()):
            if kind == "name" and value not in values:
                got = learner.request({"op": "get", "name": value})
                note = got.get("package")
                if (
                    isinstance(note, list)
                    and len(note) == 3
                    and all(isinstance(t, str) for t in note)
                ):
                    handed_in.append(note)
                if not got.get("found"):
                    error = ready.get("error")
                    if error:
                        where = (
                            f" (line {error['line']}: `{error.get('code')}`)"
                            if error.get("code")
                            else ""
                        )
                        return "error", (
                            f"your exercise cell raised {error.get('type')}: {error.get('message')}"
                            f"{where}, so `{value}` is not defined"
                        )
                    return "not yet", (
                        f"`{value}` is not defined by your exercise cell: keep the name the "
                        "exercise gives"
                    )
                import grade_sandbox as wire

                try:
                    values[value] = wire.decode(got["value"], learner.proxy)
                except (wire.WireError, TypeError, ValueError, KeyError) as exc:
                    raise LearnerDied(f"`{value}` came back unreadable: {exc}") from None

        def arg(a):
            return values[a[1]] if a[0] == "name" else a[1]

        result = run_checker(
            getattr(checks, check["checker"]),
            [arg(a) for a in check["args"]],
            {k: arg(a) for k, a in check["kwargs"].items()},
        )
        if learner.failure is not None:  # a checker that catches everything still cannot hide this
            raise learner.failure
        if result.passed is True and handed_in:  # right, because it is the package's own code
            message, hint, more = handed_in[0]
            return "not yet", str(
                checks.CheckResult(check["checker"], False, message, hint, [], more)
            )
        return ("passed" if result.passed is True else "not yet"), str(result)
    except LearnerTimeout:
        if earlier and learner.stage == "context":
            return grade_exercise(task, cells, ref, exercise, checks, with_earlier=False)
        return "timeout", (
            f"stopped after {task['timeout']:g} s: does your code loop forever, or wait for "
            "input? (each exercise has its own time limit)"
        )
    except LearnerDied as exc:
        if earlier and learner.stage == "context":
            return grade_exercise(task, cells, ref, exercise, checks, with_earlier=False)
        try:
            code = learner.process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            code = None
        # still running, but what it sent back was not a message of the wire format
        if code is None:
            return "error", f"the value your code gave back could not be read ({exc})"
        signalled = -code if code < 0 else code - 128 if code > 128 else None
        why = f"killed by signal {signalled}" if signalled else f"exit status {code}"
        return "crashed", (
            f"the Python process running your code ended ({why}; {exc}): an exit() call, "
            "a crash, or more memory than the limit allows"
        )
    finally:
        learner.close()
        _writable(box)
        shutil.rmtree(box, ignore_errors=True)


def _read_only(path: Path):
    for dirpath, dirnames, filenames in os.walk(path):
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o444)
        os.chmod(dirpath, 0o555)


def _writable(path: Path):
    for dirpath, dirnames, filenames in os.walk(path):
        os.chmod(dirpath, 0o755)


def digest(path: Path) -> str:
    h = hashlib.sha256()
    for file in sorted(
        p for p in Path(path).rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        h.update(str(file.relative_to(path)).encode() + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()


def worker() -> int:
    """Grade one submission: the task (JSON) on stdin, its verdicts (JSON) on stdout."""
    harden_this_process()
    task = json.loads(sys.stdin.read())
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing a checker might print can reach the verdicts
    trusted = task["trusted"]
    if digest(Path(trusted)) != task["digest"]:
        raise SystemExit("the grader's copy of the package changed during the run")
    sys.path.insert(0, trusted)
    from nnbp_helpers import checks  # before any learner code runs

    label, ref = task["label"], task["reference"]
    try:
        cells = read_cells(Path(task["path"]))
    except Unreadable as exc:
        rows = [Verdict(label, "-", "unreadable", str(exc))]
    else:
        rows = []
        for exercise in ref["exercises"]:
            try:
                status, feedback = grade_exercise(task, cells, ref, exercise, checks)
            finally:
                kill_descendants()
            rows.append(Verdict(label, exercise["label"], status, feedback))
    json.dump([asdict(v) for v in rows], out)
    out.flush()
    return 0


# --- the grader: many submissions -----------------------------------------------------------------


def submissions(paths) -> list[Path]:
    found = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(
                sorted(q for q in p.rglob("*.ipynb") if ".ipynb_checkpoints" not in q.parts)
            )
        else:
            found.append(p)
    return found


def labels(paths: list[Path]) -> list[str]:
    """Each submission's name: its path from the folder the batch has in common."""
    resolved = [p.resolve() for p in paths]
    if not resolved:
        return []
    common = Path(os.path.commonpath([p.parent for p in resolved]))
    return [str(p.relative_to(common)) for p in resolved]


def own_files(path: Path, batch: list[Path]) -> list[tuple[str, str]]:
    """The files copied into the learner's private folder: the submission, and the rest of its
    folder when that folder is the student's own (no other submission of the batch is in it)."""
    path = path.resolve()
    files = [(path.name, str(path))]
    folder = path.parent
    if sum(p.resolve().parent == folder for p in batch) == 1:
        total = 0
        for other in sorted(folder.iterdir()):
            if other.is_file() and other != path and other.suffix != ".ipynb":
                total += other.stat().st_size
                if total > 50 * 2**20:
                    break
                files.append((other.name, str(other)))
    return files


NAMESPACES = ["unshare", "--net", "--pid", "--fork", "--mount-proc", "--kill-child"]


def namespaces() -> list[str]:
    """The ``unshare`` prefix that gives each learner process no network and no other process in
    sight (new network and PID namespaces), if this machine allows it (Linux: as root, or with
    unprivileged user namespaces); else an empty list."""
    for prefix in ([NAMESPACES] if os.geteuid() == 0 else []) + [
        NAMESPACES[:1] + ["--user", "--map-root-user"] + NAMESPACES[1:]
    ]:
        try:
            done = subprocess.run(
                [*prefix, sys.executable, "-c", "pass"], capture_output=True, timeout=60
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return prefix
    return []


class Grader:
    def __init__(
        self, timeout: float, memory: int, notebook: str | None = None, sandbox: str = "auto"
    ):
        self.timeout, self.memory, self.notebook = timeout, memory, notebook
        self.sandbox = (
            namespaces() if sandbox == "auto" else [] if sandbox == "none" else shlex.split(sandbox)
        )
        self.refs = series()
        self.tmp = Path(tempfile.mkdtemp(prefix="nnbp-grade-"))
        trusted = self.tmp / "trusted"
        shutil.copytree(
            PACKAGE_DIR, trusted / "nnbp_helpers", ignore=shutil.ignore_patterns("__pycache__")
        )
        shutil.copyfile(SANDBOX, trusted / SANDBOX.name)
        _read_only(trusted)
        self.trusted, self.digest = trusted, digest(trusted)

    def grade(self, path: Path, label: str, batch: list[Path]) -> list[Verdict]:
        try:
            cells = read_cells(path)
        except Unreadable as exc:
            return [Verdict(label, "-", "unreadable", str(exc))]
        number = which_notebook(path, cells, self.refs, self.notebook)
        if number is None:
            return [
                Verdict(
                    label,
                    "-",
                    "unreadable",
                    "cannot tell which notebook of the series this answers: "
                    "name the file after it (04.ipynb) or pass --notebook 04",
                )
            ]
        ref = self.refs[number]
        task = {
            "path": str(Path(path).resolve()),
            "label": label,
            "reference": ref,
            "timeout": self.timeout,
            "memory": self.memory,
            "tmp": str(self.tmp),
            "trusted": str(self.trusted),
            "digest": self.digest,
            "files": own_files(path, batch),
            "sandbox": self.sandbox,
        }
        limit = len(ref["exercises"]) * 2 * (self.timeout + 15) + 60
        failure = ""
        for attempt in range(2):  # a worker killed from outside gets one more try
            # No per-call time limit inside the checkers (a busy grading machine is slower than a
            # student's laptop): --timeout bounds each exercise instead.
            env = dict(scrubbed_env(str(self.tmp)), NNBP_CHECK_TIME_LIMIT="0")
            try:
                done = subprocess.run(
                    [sys.executable, "-I", "-B", str(Path(__file__).resolve()), "--worker"],
                    input=json.dumps(task),
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=limit,
                    cwd=self.tmp,
                )
                rows = json.loads(done.stdout) if done.returncode == 0 else None
                if rows is not None:
                    return [Verdict(**r) for r in rows]
                failure = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[
                    -1
                ]
            except subprocess.TimeoutExpired:
                failure = f"the grading of this submission ran past {limit:g} s"
            except ValueError as exc:
                failure = f"unreadable verdicts ({exc})"
        return [
            Verdict(label, e["label"], "error", f"the grader failed: {failure}")
            for e in ref["exercises"]
        ]

    def close(self):
        _writable(self.tmp)
        shutil.rmtree(self.tmp, ignore_errors=True)


def summary(label: str, verdicts: list[Verdict]) -> str:
    if len(verdicts) == 1 and verdicts[0].status == "unreadable":
        return f"{label}: unreadable ({verdicts[0].feedback})"
    done = sum(v.status == "passed" for v in verdicts)
    missing = (
        ", ".join(f"{v.exercise} ({v.status})" for v in verdicts if v.status != "passed") or "none"
    )
    return f"{label}: {done}/{len(verdicts)} exercises passed (not passed: {missing})"


def feedback_text(label: str, verdicts: list[Verdict]) -> str:
    parts = [f"Feedback on {label}", ""]
    for v in verdicts:
        parts += [f"## {v.exercise}: {v.status}", v.feedback.strip(), ""]
    return "\n".join(parts)


def feedback_name(label: str) -> str:
    return re.sub(r"[^\w.-]+", "__", label) + ".txt"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--worker"]:
        return worker()
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "paths", nargs="+", type=Path, help="submitted notebooks, or folders of them"
    )
    parser.add_argument("--csv", type=Path, help="write one row per submission and exercise")
    parser.add_argument(
        "--feedback",
        type=Path,
        help="folder for one feedback file per submission (default: next to the CSV, "
        "<csv name>-feedback/)",
    )
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds per exercise (default 120)"
    )
    parser.add_argument(
        "--memory", type=int, default=4096, help="MB of memory per exercise (default 4096)"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="submissions graded at once (default 1)"
    )
    parser.add_argument("--notebook", help="the series notebook every submission answers, e.g. 04")
    parser.add_argument(
        "--sandbox",
        default="auto",
        metavar="COMMAND",
        help="a command that runs each learner process, given it as its arguments (e.g. a "
        "container runner); 'none'; or 'auto' (the default): new network and PID "
        "namespaces with unshare where this machine allows them",
    )
    args = parser.parse_args(argv)

    harden_this_process()
    paths = submissions(args.paths)
    names = labels(paths)
    grader = Grader(args.timeout, args.memory, args.notebook, args.sandbox)
    print(
        f"each exercise runs in {' '.join(grader.sandbox)}"
        if grader.sandbox
        else (
            "each exercise runs without namespaces (no network or PID isolation: see the "
            "instructor guide)"
        ),
        file=sys.stderr,
    )
    results: dict[int, list[Verdict]] = {}
    start = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {
                pool.submit(grader.grade, p, n, paths): i
                for i, (p, n) in enumerate(zip(paths, names))
            }
            for k, future in enumerate(as_completed(futures), start=1):
                i = futures[future]
                results[i] = future.result()
                print(
                    f"[{k}/{len(paths)}, {time.monotonic() - start:.0f} s] "
                    f"{summary(names[i], results[i])}",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        grader.close()
    rows = [v for i in range(len(paths)) for v in results[i]]
    for i in range(len(paths)):
        print(summary(names[i], results[i]))
    if args.csv:
        tmp = args.csv.with_name(args.csv.name + ".tmp")
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["submission", "exercise", "status", "feedback"])
            writer.writerows(
                (v.submission, v.exercise, v.status, (v.feedback.strip().splitlines() or [""])[0])
                for v in rows
            )
        os.replace(tmp, args.csv)
    folder = args.feedback or (
        args.csv.with_name(args.csv.stem + "-feedback") if args.csv else None
    )
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(len(paths)):
            (folder / feedback_name(names[i])).write_text(
                feedback_text(names[i], results[i]), encoding="utf-8"
            )
    minutes = (time.monotonic() - start) / 60
    print(
        f"graded {len(paths)} submission(s) in {minutes * 60:.0f} s "
        f"({len(paths) / minutes if minutes else 0:.1f} per minute, --jobs {args.jobs})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
