"""The learner's side of ``tools/grade.py``, and the wire format both sides speak.

``tools/grade.py`` starts this file as a separate Python process for each exercise of each
submission, in a private working folder, with a scrubbed environment and resource limits. Here the
series' own cells and the learner's cells run in an IPython shell; then this process answers the
grader's requests over a pair of pipes: "what is ``backprop``?" and "call it with these arguments".
The checker itself runs in the grader's process, which the learner's code never runs in: the verdict
is computed there, from the values this process sends back.

Wire format: each message is an 8-byte big-endian length and a JSON object. Values are JSON, with
tagged objects for what JSON lacks: numeric numpy arrays as raw bytes (``__nd__``), tuples, sets,
dicts with non-string keys, functions (``__fn__``: a function of this process, called back by
handle; ``__cb__``: a function of the grader's) and anything else as its type name and a short repr
(``__obj__``). :func:`decode` never runs code and never unpickles; the grader decodes with it.
"""

from __future__ import annotations

import base64
import json
import os
import re
import struct
import sys

MAX_MESSAGE = 64 * 1024 * 1024  # bytes; a larger reply counts as the learner's error
MAX_DEPTH = 40
_HEADER = struct.Struct(">Q")
_NUMERIC_KINDS = "biufc"


# --- framing --------------------------------------------------------------------------------------


class WireError(Exception):
    """The other side sent something that is not a message of this format."""


def send(fd: int, message: dict) -> None:
    data = json.dumps(message, allow_nan=True, separators=(",", ":")).encode("utf-8")
    data = _HEADER.pack(len(data)) + data
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_exactly(fd: int, n: int, wait=None) -> bytes:
    """``n`` bytes from ``fd``; ``wait()`` (if given) is called before each read and may raise."""
    chunks, left = [], n
    while left:
        if wait is not None:
            wait()
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the pipe")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def receive(fd: int, wait=None) -> dict:
    (length,) = _HEADER.unpack(read_exactly(fd, _HEADER.size, wait))
    if length > MAX_MESSAGE:
        raise WireError(f"a message of {length} bytes (the limit is {MAX_MESSAGE})")
    try:
        message = json.loads(read_exactly(fd, length, wait).decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not a JSON message: {exc}") from None
    if not isinstance(message, dict) or not isinstance(message.get("op"), str):
        raise WireError("a message without an op")
    return message


# --- values ---------------------------------------------------------------------------------------


class Opaque:
    """Stands for a value that cannot cross the pipe (a learner's own class, a generator, ...)."""

    def __init__(self, text: str = ""):
        self._text = text

    def __repr__(self):
        return self._text or f"<{type(self).__name__}>"


_OPAQUE_TYPES: dict = {}


def opaque(type_name: str, text: str) -> Opaque:
    """An :class:`Opaque` whose type is called ``type_name``
    (so messages can say "returned a Foo")."""
    name = (
        type_name
        if isinstance(type_name, str) and re.fullmatch(r"[A-Za-z_]\w{0,39}", type_name)
        else "object"
    )
    cls = _OPAQUE_TYPES.get(name)
    if cls is None:
        cls = _OPAQUE_TYPES[name] = type(name, (Opaque,), {})
    return cls(str(text)[:200])


def encode(value, functions=None, depth=0, tag="__fn__"):
    """``value`` as JSON-able data; a callable gets a handle in ``functions`` (a list) if one is
    given, tagged ``tag``: ``__fn__`` for the learner's functions, ``__cb__`` for the grader's."""
    import numpy as np

    if depth > MAX_DEPTH:
        return {"__obj__": type(value).__name__, "repr": "(nested too deeply)"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**63 else {"__obj__": "int", "repr": "(an int too large)"}
    if isinstance(value, float):
        return value
    if (
        isinstance(value, (np.ndarray, np.generic))
        and np.asarray(value).dtype.kind in _NUMERIC_KINDS
    ):
        arr = np.asarray(value)
        arr = np.ascontiguousarray(arr) if arr.ndim else arr
        return {
            "__nd__": [
                arr.dtype.str,
                list(arr.shape),
                base64.b64encode(arr.tobytes()).decode("ascii"),
            ],
            "scalar": isinstance(value, np.generic),
        }
    if isinstance(value, list):
        return [encode(v, functions, depth + 1, tag) for v in value]
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, functions, depth + 1, tag) for v in value]}
    if isinstance(value, (set, frozenset)):  # an answer such as {1, 2}
        return {"__set__": [encode(v, functions, depth + 1, tag) for v in value]}
    if isinstance(value, dict):
        return {
            "__dict__": [
                [encode(k, functions, depth + 1, tag), encode(v, functions, depth + 1, tag)]
                for k, v in value.items()
            ]
        }
    if callable(value) and functions is not None:
        functions.append(value)
        return {
            tag: len(functions) - 1,
            "name": str(getattr(value, "__name__", "function"))[:80],
            "params": _parameters(value),
        }
    try:
        text = repr(value)[:200]
    except Exception:
        text = ""
    return {"__obj__": type(value).__name__, "repr": text}


def _package_note(name, value):
    """What the checkers say when the learner's ``name`` is the package's own function (or only
    calls it), as ``[message, hint, more]``, else None: asked here, where the learner's objects are;
    the grader turns a ✔ PASSED into ✘ NOT YET with it."""
    try:
        from nnbp_helpers.checks import handed_in_package

        note = handed_in_package(name, value)
    except Exception:
        return None
    return [str(part) for part in note] if note else None


def _parameters(fn):
    """``fn``'s parameters as ``[[name, kind, has_default], ...]``, or None."""
    import inspect

    try:
        return [
            [p.name, int(p.kind), p.default is not p.empty]
            for p in inspect.signature(fn).parameters.values()
        ]
    except (TypeError, ValueError):
        return None


_ALLOWED_DTYPES = None


def _dtype(text):
    import numpy as np

    global _ALLOWED_DTYPES
    if _ALLOWED_DTYPES is None:
        _ALLOWED_DTYPES = {}
        for code in (
            "?",
            "i1",
            "i2",
            "i4",
            "i8",
            "u1",
            "u2",
            "u4",
            "u8",
            "f2",
            "f4",
            "f8",
            "c8",
            "c16",
        ):
            for order in "<>|=":
                try:
                    dt = np.dtype(order + code if code != "?" else code)
                except TypeError:
                    continue
                _ALLOWED_DTYPES[dt.str] = dt
    if not isinstance(text, str) or text not in _ALLOWED_DTYPES:
        raise WireError(f"an array of an unexpected type {str(text)[:20]!r}")
    return _ALLOWED_DTYPES[text]


def decode(data, function=None, depth=0):
    """The value that :func:`encode` encoded. ``function(tag, handle, name)`` turns a function
    handle into something callable; without it, a function arrives as an :class:`Opaque`. Nothing in
    ``data`` is ever run or unpickled: arrays are rebuilt from raw bytes of an allowed numeric
    type."""
    import numpy as np

    if depth > MAX_DEPTH + 2:
        raise WireError("nested too deeply")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v, function, depth + 1) for v in data]
    if not isinstance(data, dict):
        raise WireError("an unexpected value")
    if "__nd__" in data:
        dtype_text, shape, raw = data["__nd__"]
        dtype = _dtype(dtype_text)
        if not (
            isinstance(shape, list)
            and len(shape) <= 32
            and all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in shape)
        ):
            raise WireError("an array with a bad shape")
        raw = base64.b64decode(raw.encode("ascii"), validate=True)
        size = 1
        for s in shape:
            size *= s
        if size * dtype.itemsize != len(raw):
            raise WireError("an array whose bytes do not match its shape")
        arr = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
        return arr[()] if data.get("scalar") and arr.ndim == 0 else arr
    if "__tuple__" in data:
        return tuple(decode(v, function, depth + 1) for v in data["__tuple__"])
    if "__set__" in data:
        try:
            return set(decode(v, function, depth + 1) for v in data["__set__"])
        except TypeError:  # an unhashable item
            raise WireError("a set with an unhashable item") from None
    if "__dict__" in data:
        out = {}
        for k, v in data["__dict__"]:
            key = decode(k, function, depth + 1)
            try:
                out[key] = decode(v, function, depth + 1)
            except TypeError:  # an unhashable key
                raise WireError("a dict with an unhashable key") from None
        return out
    for tag in ("__fn__", "__cb__"):
        if tag in data:
            handle = data[tag]
            if not isinstance(handle, int):
                raise WireError("a bad function handle")
            name = str(data.get("name", "function"))[:80]
            return (
                function(tag, handle, name, data.get("params"))
                if function
                else opaque("function", name)
            )
    if "__obj__" in data:
        return opaque(data["__obj__"], data.get("repr", ""))
    raise WireError("an unknown tagged value")


def describe_exception(exc: BaseException, own_codes=()) -> dict:
    """What the grader needs to rebuild ``exc`` for a checker's hint: its type and builtin
    ancestors, its message, and where it was raised (the innermost frame, and whether that is the
    learner's function)."""
    import builtins

    info = {
        "type": type(exc).__name__,
        "message": str(exc)[:2000],
        "bases": [
            c.__name__
            for c in type(exc).__mro__
            if getattr(builtins, c.__name__, None) is c and issubclass(c, BaseException)
        ],
    }
    if isinstance(exc, NameError):
        info["name"] = getattr(exc, "name", None)
    tb, last = exc.__traceback__, None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is not None:
        import linecache

        code = last.tb_frame.f_code
        info.update(
            line=last.tb_lineno,
            func=code.co_name,
            own=code in own_codes,
            code=linecache.getline(code.co_filename, last.tb_lineno).strip()[:300],
        )
    return info


# --- the learner's process ------------------------------------------------------------------------


def _own_codes(fn):
    code = getattr(fn, "__code__", None)
    todo, seen = ([code] if code is not None else []), set()
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo.extend(k for k in c.co_consts if hasattr(k, "co_consts"))
    return seen


class _OverBudget(BaseException):
    """An earlier exercise cell ran past its share of the time."""


def _limit(config):
    import resource

    for name, value in config.get("limits", {}).items():
        which = getattr(resource, name)
        soft, hard = resource.getrlimit(which)
        value = int(value)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        try:
            resource.setrlimit(which, (value, value if hard == resource.RLIM_INFINITY else hard))
        except (ValueError, OSError):
            resource.setrlimit(which, (value, hard))


def serve(config: dict) -> None:
    """Run the cells the grader sends, then answer its requests until it closes the pipe."""
    rfd, wfd = config["rfd"], config["wfd"]
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    cfg = Config()
    cfg.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=cfg)
    functions: list = []  # the learner's callables the grader holds handles to

    def callback(tag, handle, name, params=None):
        if tag != "__cb__":  # the grader never sends this process's own handles back as arguments
            return opaque("function", name)

        def call_grader(*args, **kwargs):
            send(
                wfd,
                {
                    "op": "callback",
                    "cb": handle,
                    "args": encode(list(args)),
                    "kwargs": encode(kwargs),
                },
            )
            while True:
                reply = receive(rfd)
                if reply["op"] not in ("get", "call"):
                    break
                # the grader's function calls this process back meanwhile (07's check: the learner's
                # numerical_gradient calls the checker's J, which calls the learner's cost)
                answer(reply)
            if reply["op"] == "result":
                return decode(reply["value"], callback)
            raise RuntimeError(str(reply.get("message", "the grader's function failed"))[:500])

        call_grader.__name__ = name
        return call_grader

    def answer(message):
        """Answer one request of the grader's: "what is this name?" or "call this function"."""
        op = message["op"]
        if op == "get":
            name = message["name"]
            found = name in shell.user_ns
            value = shell.user_ns.get(name)
            send(
                wfd,
                {
                    "op": "value",
                    "found": found,
                    "value": encode(value, functions) if found else None,
                    "package": _package_note(name, value) if found else None,
                },
            )
        elif op == "call":
            fn = functions[message["fn"]]
            args = decode(message["args"], callback)
            kwargs = decode(message["kwargs"], callback)
            try:
                value = fn(*args, **kwargs)
            except BaseException as exc:
                # SystemExit and KeyboardInterrupt too: the grader reports them
                send(
                    wfd,
                    {
                        "op": "raise",
                        "exc": describe_exception(exc, _own_codes(fn)),
                        "args_after": encode(args),
                    },
                )
            else:
                send(
                    wfd,
                    {"op": "return", "value": encode(value, functions), "args_after": encode(args)},
                )
        else:
            raise WireError(f"unknown op {op!r}")

    def on_alarm(signum, frame):
        raise _OverBudget()

    import signal

    signal.signal(signal.SIGALRM, on_alarm)
    while True:
        try:
            message = receive(rfd)
        except EOFError:
            return
        op = message["op"]
        if op == "run":
            error = None
            for cell in message["cells"]:
                role = cell["role"]
                if role == "exercise":
                    send(wfd, {"op": "stage", "stage": "exercise"})
                if role == "earlier":
                    signal.setitimer(signal.ITIMER_REAL, float(cell.get("budget", 10)))
                try:
                    result = shell.run_cell(cell["source"], store_history=False)
                    failure = result.error_before_exec or result.error_in_exec
                except BaseException as exc:  # an earlier cell over its budget, or worse
                    failure = exc
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                if role == "exercise" and failure is not None:
                    error = describe_exception(failure)
            send(wfd, {"op": "ready", "error": error})
        else:
            answer(message)


def _stay_init(config) -> None:
    """As the first process of a new PID namespace (``--sandbox``), stay behind as its init: reap,
    and exit when the learner's process (a child, so that it can be killed like any other) has
    ended."""
    child = os.fork()
    if child == 0:
        return
    os.close(config["rfd"])  # only the child talks to the grader: its death closes the pipes
    os.close(config["wfd"])
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            os._exit(0)
        if pid == child:
            code = os.waitstatus_to_exitcode(status)
            os._exit(128 - code if code < 0 else code)


def main() -> None:
    config = json.loads(sys.argv[1])
    if os.getpid() == 1:
        _stay_init(config)
    _limit(config)
    # Only the private copy of the package and the installed libraries: not the working folder.
    sys.path[:] = [config["lib"]] + [p for p in sys.path if p and os.path.abspath(p) != os.getcwd()]
    serve(config)


if __name__ == "__main__":
    main()
