"""What every exercise checker shares: the result it returns, the safe call of learner code, the
comparison of the learner's numbers with the reference, and how a difference is shown.

A checker never raises and never hangs. Whatever the learner's code does (raise any exception,
``sys.exit()``, loop forever, print megabytes, change its inputs, return the wrong type, shape or
precision), the checker turns it into a :class:`CheckResult`: what is right, what is wrong, a first
hint that names the mistake and where to look, and more help only on request (``result.more()``,
``checks.more()``, or the "More help" fold under the result in a notebook). KeyboardInterrupt (the
Stop button) is the one exception that still stops the cell.
"""

from __future__ import annotations

import contextvars
import dis
import fractions
import functools
import html
import inspect
import keyword
import re
import sys
import traceback
import types
import warnings
from dataclasses import dataclass, field

import numpy as np

from .. import gradcheck, network, training
from ._limits import CappedText, Guard, TimeUp, capture_output, time_limit

PASS_MARK = "✔ PASSED"
FAIL_MARK = "✘ NOT YET"
MORE_CALL = "checks.more()"


# --- the result ---------------------------------------------------------------------------------


class Help(str):
    """More help, shown as plain text (a notebook displays it without quotes)."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return f"<pre style='white-space:pre-wrap'>{html.escape(self)}</pre>"


@dataclass
class CheckResult:
    """The verdict of one checker.

    ``passed``; ``message`` (what is right or wrong); ``hint`` (the first hint: it names the mistake
    and where to look, never the solution); ``details`` (the numbers: the largest difference and the
    matrices, each entry a block of lines); ``notes`` (remarks that are not mistakes); ``printed``
    (what the learner's code printed, cut short); and the further help that :meth:`more` reveals.
    """

    name: str
    passed: bool
    message: str
    hint: str = ""
    details: list = field(default_factory=list)
    further: str = ""
    notes: list = field(default_factory=list)
    printed: str = ""

    def __bool__(self) -> bool:
        return self.passed

    def more(self) -> Help:
        """The further help for this result: the formula in code, the fix spelled out."""
        if self.passed:
            return Help("Passed: nothing more to add.")
        return Help(self.further or "No more help for this one: the hint above is all there is.")

    def __str__(self) -> str:
        head = f"{PASS_MARK if self.passed else FAIL_MARK} · {self.name}: {self.message}"
        lines = [head]
        for block in self.details:
            lines += ["    " + line for line in str(block).splitlines()]
        if self.hint:
            lines.append(f"  Hint: {self.hint}")
        for note in self.notes:
            lines.append(f"  Note: {note}")
        if self.printed:
            lines.append("  Your code printed:")
            lines += ["    | " + line for line in self.printed.splitlines()]
        if self.further and not self.passed:
            lines.append(f"  More help: {MORE_CALL}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        # Colour-blind-safe blue / orange, and the verdict is also spelled out and marked (✔ / ✘).
        colour, bg = ("#0072B2", "#e8f1f8") if self.passed else ("#D55E00", "#fbeee6")
        mark = PASS_MARK if self.passed else FAIL_MARK
        body = (
            f"<b>{html.escape(mark)}</b> · <code>{html.escape(self.name)}</code>: "
            f"{html.escape(self.message)}"
        )
        if self.details:
            body += "".join(_detail_html(str(d)) for d in self.details)
        if self.hint:
            body += f"<div style='margin-top:0.3em'><b>Hint:</b> {html.escape(self.hint)}</div>"
        for note in self.notes:
            body += f"<div style='margin-top:0.3em'><b>Note:</b> {html.escape(note)}</div>"
        if self.printed:
            body += (
                "<div style='margin-top:0.3em'><b>Your code printed:</b></div><pre "
                "style='margin:0 0 0 "
                f"1em;max-height:12em;overflow:auto'>{html.escape(self.printed)}</pre>"
            )
        if self.further and not self.passed:
            body += (
                "<details style='margin-top:0.4em'><summary><b>More help</b> (try the hint "
                "first)</summary><pre style='white-space:pre-wrap;margin:0.3em 0 0 "
                f"1em'>{html.escape(self.further)}</pre></details>"
            )
        return (
            f"<div style='border-left:6px solid {colour};background:{bg};padding:0.5em "
            f"0.8em;font-size:1.05em;color:#111'>{body}</div>"
        )


def _detail_html(block: str) -> str:
    """A block of details: a matrix (several lines) keeps its layout; one line of text wraps."""
    wrap = "pre" if "\n" in block else "pre-wrap"
    return f"<pre style='margin:0.3em 0 0.3em 1em;white-space:{wrap}'>{html.escape(block)}</pre>"


def passed(name: str, message: str, details=(), notes=()) -> CheckResult:
    return CheckResult(name, True, message, details=list(details), notes=list(notes))


def failed(name: str, message: str, hint: str = "", details=(), more: str = "") -> CheckResult:
    return CheckResult(name, False, message, hint, list(details), more)


class LearnerError(Exception):
    """Raised inside a checker to stop at the first problem; always caught by :func:`checker`."""

    def __init__(self, result: CheckResult):
        super().__init__(result.message)
        self.result = result


_last: list = [None]


def more() -> Help:
    """More help for the last check that ran: ``checks.more()`` in the cell after a NOT YET."""
    if _last[0] is None:
        return Help("Run a check first; then checks.more() gives more help on its result.")
    return _last[0].more()


# --- one run of a checker -----------------------------------------------------------------------


@dataclass
class Run:
    """What one checker run collects while it calls learner code: notes and printed output."""

    name: str
    notes: list = field(default_factory=list)
    printed: CappedText = field(default_factory=CappedText)
    stand_in: tuple | None = None  # (message, hint, more) when a learner input is the package's

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


_run: contextvars.ContextVar = contextvars.ContextVar("nnbp_check_run", default=None)


def current() -> Run:
    run = _run.get()
    return run if run is not None else Run("check")


def stop(message: str, hint: str = "", more: str = "", details=()):
    """Stop the running checker with a NOT YET result."""
    raise LearnerError(failed(current().name, message, hint, details, more))


def checker(func=None, *, letter_answers=()):
    """Decorate a checker so that it never raises and looks the learner's names up.

    The parameters of ``func`` without a default value are the learner's inputs (a function or an
    answer). A check cell passes each as the *name* it has in the notebook, a string such as
    ``"backprop"``; the checker looks the name up in the namespace of the code that called it (the
    notebook's globals, or a calling function's locals) and checks the object found. A name that is
    not defined there gives a NOT YET result ("run the exercise cell above first") instead of a
    NameError. The object itself is accepted as well, and so is any string that is not a Python
    name.
    ``letter_answers`` lists the parameters whose answer may itself be one letter (a multiple-choice
    answer such as ``"b"``): a one-letter string there is the answer, not a name.
    """
    if func is None:
        return lambda f: checker(f, letter_answers=letter_answers)

    signature = inspect.signature(func)
    learner_inputs = [
        p.name
        for p in signature.parameters.values()
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        caller = sys._getframe(1)
        run = Run(func.__name__)
        token = _run.set(run)
        try:
            args, kwargs = _look_up_names(
                signature, learner_inputs, letter_answers, caller, args, kwargs
            )
            del caller
            result = func(*args, **kwargs)
            if result.passed and run.stand_in:  # right, because it is the package's own code
                result = failed(func.__name__, *run.stand_in[:2], more=run.stand_in[2])
        except LearnerError as halt:
            result = halt.result
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a checker bug, or an exotic learner object: still feedback
            result = failed(
                func.__name__,
                f"the checker could not finish ({type(exc).__name__}: {clip(str(exc), 200)})",
                "Re-run the cell that defines your function, then this cell.",
            )
        finally:
            _run.reset(token)
        result.notes = run.notes + [n for n in result.notes if n not in run.notes]
        result.printed = run.printed.summary()
        _last[0] = result
        return result

    wrapper.learner_inputs = tuple(learner_inputs)
    return wrapper


def is_name(text) -> bool:
    """Whether ``text`` is a string that can be a Python variable name (``"backprop"``,
    ``"answer"``)."""
    return isinstance(text, str) and text.isidentifier() and not keyword.iskeyword(text)


def look_up(frame, name: str):
    """(True, value) for ``name`` in ``frame``'s local then global namespace, else (False, None).

    In a notebook cell both are the notebook's namespace; builtins are not searched (a learner's
    answer is never a builtin).
    """
    for namespace in (frame.f_locals, frame.f_globals):
        if name in namespace:
            return True, namespace[name]
    return False, None


def _look_up_names(signature, learner_inputs, letter_answers, frame, args, kwargs):
    """The checker's arguments with every learner input given by name replaced by the object it
    names."""
    name = current().name
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as exc:
        stop(
            f"this check was called the wrong way ({exc})",
            f'Run the check cell as it was given, e.g. checks.{name}("your_function_name").',
        )
    for param in learner_inputs:
        value = bound.arguments.get(param)
        if not is_name(value) or (param in letter_answers and len(value) == 1):
            continue
        found, obj = look_up(frame, value)
        if found:
            bound.arguments[param] = obj
            current().stand_in = current().stand_in or handed_in_package(value, obj, name)
        else:
            stop(
                f"`{value}` is not defined yet: run the exercise cell above first",
                f"Run the cell that defines `{value}` (the exercise cell just above this one), "
                "then run this check again.",
            )
    return bound.args, bound.kwargs


def handed_in_package(name: str, obj, checker_name: str = "") -> tuple | None:
    """(message, hint, more) when the learner's ``name`` is one of the package's functions, or a
    function that calls the package's function of that name (``def backprop(...): return
    nn.backprop(...)``), else None. A checker whose verdict would be ✔ PASSED gives this NOT YET
    instead: an exercise asks for the learner's own code. (A wrong answer keeps its own verdict;
    checkers called with the function itself, as the tests call them with the reference, are not
    asked; the capstone's check says this its own way. The grader asks this in the learner's
    process, where the learner's objects are, and applies the answer to the verdict.)"""
    if not callable(obj) or checker_name == "check_your_network":
        return None
    package = sys.modules[__name__.split(".")[0]]
    reference = getattr(package, name, None)
    role = name
    if not callable(reference):  # an exercise's variant: cost_reg and cost_stable are costs
        role = name.split("_")[0]
        reference = getattr(package, role, None)
    if not (_is_package(obj) or (callable(reference) and package_stand_in(obj, reference))):
        return None
    what = f"nn.{getattr(obj, '__name__', name)}" if _is_package(obj) else f"a call of nn.{role}"
    return (
        f"`{name}` is the package's function ({what}), not your own code",
        "This exercise asks you to write the function yourself: the package's version is there "
        "to compare with, not to hand in.",
        "Write it from the slide's formula in the exercise cell; this check then compares it with "
        "the package's on several networks.",
    )


# --- the learner's function seen from outside ---------------------------------------------------


def names_used(code) -> set:
    """The global names a function's code (and the code of functions defined in it) refers to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= names_used(const)
    return names


def calls(fn, other) -> list:
    """The global names through which the learner's function ``fn`` calls the object ``other``."""
    if not isinstance(fn, types.FunctionType) or other is None:
        return []
    return sorted(n for n in names_used(fn.__code__) if fn.__globals__.get(n) is other)


def with_globals(fn, swaps: dict):
    """A copy of the learner's function ``fn`` that finds ``swaps`` (name: object) in place of its
    globals of those names; ``fn`` and its namespace stay as they were."""
    copy = types.FunctionType(
        fn.__code__, {**fn.__globals__, **swaps}, fn.__name__, fn.__defaults__, fn.__closure__
    )
    copy.__kwdefaults__ = fn.__kwdefaults__
    return copy


def _is_package(obj) -> bool:
    module = obj.__name__ if isinstance(obj, types.ModuleType) else getattr(obj, "__module__", "")
    return isinstance(module, str) and module.split(".")[0] == __name__.split(".")[0]


def package_stand_in(fn, reference) -> bool:
    """Whether the learner's ``fn`` is the package's ``reference`` rather than the learner's own
    code: the package's function itself (or another of the package's), or a function whose code
    calls ``reference`` (``return nn.forward(thetas, X).h`` for a forward)."""
    if fn is reference or _is_package(fn):
        return True
    if not isinstance(fn, types.FunctionType):
        return False
    todo = [fn.__code__]
    while todo:
        code = todo.pop()
        todo.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
        found = None  # what the instructions read so far load: a module of the package, or a name
        for ins in dis.get_instructions(code):
            if ins.opname == "LOAD_GLOBAL":
                found = fn.__globals__.get(ins.argval)
            elif ins.opname in ("LOAD_ATTR", "LOAD_METHOD") and isinstance(found, types.ModuleType):
                found = getattr(found, ins.argval, None) if _is_package(found) else None
            else:
                found = None
            if found is reference:
                return True
    return False


# --- calling learner code -----------------------------------------------------------------------

# Why an input must come back unchanged, by the name the exercises give it.
_WHY_UNCHANGED = {
    "thetas": "they are the network's weights: whoever called your function (a training loop, a "
    "gradient check, the next cell) goes on with weights that changed behind its back",
    "theta": "Θ^(l) is the network's weights: the caller goes on with weights that changed behind "
    "its back",
    "X": "X is the training data: every later step would work on data your function changed",
    "y": "y holds the labels: every later cost and gradient would compare with changed targets",
    "vec": "during a gradient check vec holds the network's weights: J would then be evaluated at "
    "weights that are no longer the ones being checked",
    "delta_next": "backprop still needs δ^(l+1) after this step, for D^(l)",
    "a": "backprop still needs a^(l) after this step, for D^(l−1)",
    "z": "the caller still needs its z",
    "layer_sizes": "the caller's list describes the network",
}


class Opaque:
    """A learner's return value of a type the checker does not open (its methods are learner
    code)."""

    def __init__(self, obj):
        self.type_name = type(obj).__name__

    def __repr__(self) -> str:
        return f"<a {self.type_name}>"


def call(
    fn,
    args=(),
    names=(),
    *,
    keywords=None,
    case=None,
    crash=(),
    may_change=(),
    signature=None,
    keep=None,
):
    """Call the learner's ``fn(*args, **keywords)`` safely and return its result as plain data.

    * ``fn`` gets copies of ``args`` (so the checker's cases stay intact) and runs under the time
      limit, with warnings silenced and its printed output captured.
    * Any exception it raises (SystemExit, GeneratorExit, any BaseException but KeyboardInterrupt)
      stops the checker with feedback; so does a call that takes longer than the time limit.
    * ``names`` name the arguments; an argument that ``fn`` changed in place stops the checker with
      which one and why it matters, unless its name is in ``may_change``.
    * ``crash`` is a list of crash hints ``(test(exc, line) -> bool, hint, more)`` tried, after the
      crashes whose cause is certain, before the generic ones; ``case`` names the test case;
      ``signature`` is the exercise's parameter list, e.g. ``"(thetas, X, y, lam=0.0)"``.
    * ``keep``: a list to which the copies ``fn`` was given are appended, as ``fn`` left them (for a
      checker that judges a change in an input itself, listed in ``may_change``).

    The result comes back as plain data: arrays, lists, tuples, dicts and numbers as they are
    (arrays copied), other objects converted to an array when numpy can, else left opaque.
    """
    keywords = dict(keywords or {})
    if not callable(fn):
        got = "None" if fn is None else f"a {type(fn).__name__}"
        stop(
            f"expected a function, got {got}",
            'Pass the name of your function as a string, e.g. checks.check_backprop("backprop"), '
            "after running the cell that defines it.",
        )
    _check_signature(fn, args, keywords, signature)
    copies = [_copy(a) for a in args]
    key_copies = {k: _copy(a) for k, a in keywords.items()}
    run = current()
    limit = time_limit()
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"), capture_output(run.printed):
            warnings.simplefilter("ignore")
            result = _limited(fn, copies, key_copies, limit)
    except KeyboardInterrupt:
        raise
    except TimeUp:
        on = f" on {case}" if case else ""
        stop(
            f"your function did not return within {limit:g} s{on} — a loop that never ends?",
            "Look at each loop: does its condition ever become false, does the loop variable "
            "change? The checks use tiny networks, so a right answer takes well under a second.",
            "A `while` loop whose variable is never updated, or a `for` loop over a list you "
            "append to inside the loop, runs forever. Print the loop variable for the first few "
            "rounds to see it. (A slow machine? checks.set_time_limit(seconds) raises the limit "
            f"of {limit:g} s.)",
            details=[f"called with {describe_args(args)}"],
        )
    except BaseException as exc:
        _crashed(fn, exc, args, case, crash)
    if keep is not None:
        keep.extend(copies)
    for arg_name, before, after in zip(names, args, copies):
        if arg_name not in may_change and not _same(before, after):
            changed_input(arg_name, before, after, case)
    return result


def changed_input(arg_name, before, after, case=None):
    """Stop: the learner's function changed its input ``arg_name`` from ``before`` to ``after``."""
    why = _WHY_UNCHANGED.get(arg_name, "the caller still needs it as it was")
    stop(
        f"your function changed its input `{arg_name}`{' on ' + case if case else ''}: "
        f"{_describe_change(arg_name, before, after)}",
        f"A function should leave its inputs as it found them: {why}. Look for a line that assigns "
        f"into `{arg_name}` (or into a name for the same array) or changes it in place.",
        "In numpy `b = a` does not copy: after `reg = theta`, `reg[:, 0] = 0` zeroes theta's own "
        "column, and `theta -= ...` or `a *= ...` change the array itself. Work on a copy "
        "(`theta.copy()`) or build a new array (`theta - alpha * D`).",
    )


def _limited(fn, args, keywords, seconds):
    """``fn(*args, **keywords)`` stopped with TimeUp after ``seconds`` (see :class:`Guard`), as
    plain data."""
    guard = Guard(seconds)
    try:
        guard.arm()
        try:
            return plain(fn(*args, **keywords))
        finally:
            guard.active = False  # first, inline: no TimeUp can start after this line
            guard.disarm()
    except TimeUp:
        guard.active = False
        guard.disarm()  # idempotent: completes a disarm that a late TimeUp cut short
        raise


def plain(obj, depth=0):
    """``obj`` as plain data the checker can inspect without running learner code (see
    :func:`call`)."""
    kind = type(obj)
    if (
        obj is None
        or kind in (bool, int, float, complex, str, bytes)
        or isinstance(obj, np.generic)
    ):
        return obj
    if kind is np.ndarray:
        return obj.copy()
    if depth > 6:
        return Opaque(obj)
    if kind in (list, tuple):
        if len(obj) > 1000:  # too long for an answer: numbers as an array, if numbers
            arr = np.asarray(obj)
            return arr if arr.dtype.kind in "biuf" else Opaque(obj)
        return kind(plain(x, depth + 1) for x in obj)
    if kind is dict:
        return {k: plain(v, depth + 1) for k, v in obj.items()}
    if _is_forward_pass(obj):
        return obj
    if isinstance(obj, np.ndarray):  # a subclass (np.matrix, a masked array): its data
        return np.array(obj)
    try:  # e.g. a pandas or torch object: numbers if numpy can
        arr = np.asarray(obj)
        if arr.dtype.kind in "biufc" and arr.ndim > 0:
            return np.array(arr)
    except Exception:
        pass
    return Opaque(obj)


def _is_forward_pass(obj) -> bool:
    from .. import ForwardPass

    return type(obj) is ForwardPass


def _check_signature(fn, args, keywords, signature):
    """Stop with a clear message when ``fn`` cannot take the arguments the exercise gives it."""
    try:
        params = inspect.signature(fn)
    except (TypeError, ValueError):
        return
    try:
        params.bind(*args, **keywords)
    except TypeError as exc:
        fn_name = getattr(fn, "__name__", "")
        fn_name = fn_name if fn_name.isidentifier() else "your_function"
        given = f"{len(args)} argument{'s' if len(args) != 1 else ''}"
        given += f" and {', '.join(f'{k}=' for k in keywords)}" if keywords else ""
        stop(
            f"your function cannot be called as the exercise calls it: {fn_name}{params} was given "
            f"{given} ({exc})",
            "Keep the exercise's first line"
            + (f": def {fn_name}{signature}" if signature else "")
            + ". The check passes every argument, even one your code does not use yet.",
        )


def _copy(arg):
    if isinstance(arg, np.ndarray):
        return arg.copy()
    if isinstance(arg, (list, tuple)):
        return type(arg)(_copy(a) for a in arg)
    return arg


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return (
            isinstance(b, np.ndarray)
            and a.shape == b.shape
            and a.dtype == b.dtype
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
        )
    if isinstance(a, (list, tuple)):
        return type(b) is type(a) and len(a) == len(b) and all(_same(x, z) for x, z in zip(a, b))
    return True


def _describe_change(arg_name, before, after) -> str:
    """Where ``after`` first differs from ``before``, e.g. "Θ^(1)[0, 0] was 0.2, is now 0"."""
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(after) != len(before):
            n_after = len(after) if isinstance(after, (list, tuple)) else "?"
            return f"the list had {len(before)} entries, now {n_after}"
        for k, (b, a) in enumerate(zip(before, after)):
            if not _same(b, a):
                label = f"Θ^({k + 1})" if arg_name == "thetas" else f"{arg_name}[{k}]"
                return _describe_change(label, b, a)
        return "it changed"
    if isinstance(before, np.ndarray):
        label = "Θ^(l)" if arg_name == "theta" else arg_name
        if not isinstance(after, np.ndarray) or after.shape != before.shape:
            return f"{label} had shape {before.shape}, now {np.shape(after)}"
        if after.dtype != before.dtype:
            return f"{label} was {before.dtype}, is now {after.dtype}"
        diff = np.argwhere(
            ~(
                (before == after) | (np.isnan(before) & np.isnan(after))
                if before.dtype.kind == "f"
                else before == after
            )
        )
        count = len(diff)
        where = tuple(int(i) for i in diff[0])
        index = ", ".join(map(str, where))
        more_text = f" ({count} entries changed)" if count > 1 else ""
        b, a = before[where], after[where]
        if np.ndim(b) == 0 and np.isreal(b) and np.isreal(a) and _num(b) == _num(a):
            d = digits_to_tell_apart(float(b), float(a), start=7)  # a change in the last digits
            return f"{label}[{index}] was {float(b):.{d}g}, is now {float(a):.{d}g}{more_text}"
        return f"{label}[{index}] was {_num(b)}, is now {_num(a)}{more_text}"
    return "it changed"


def _num(x) -> str:
    return f"{float(x):.6g}" if np.ndim(x) == 0 and np.isreal(x) else clip(repr(x), 40)


# --- crashes ------------------------------------------------------------------------------------

# The package's functions a learner may call by their bare name (and meets as exercises along the
# series).
PACKAGE_FUNCTIONS = tuple(
    name for name in (*network.__all__, *gradcheck.__all__, *training.__all__) if name[0].islower()
)
# The names a notebook's setup cell imports.
_SETUP_NAMES = ("np", "nn", "plt", "mpl", "checks", "viz")
# Exercises with no function of the same name in the package: what to use instead.
_PACKAGE_STAND_IN = {"gradient_step": "nn.backprop(thetas, X, y, lam) and Θ^(l) − α D^(l)"}


def _crashed(fn, exc, args, case, crash):
    """Stop with feedback for the exception ``exc`` that the learner's ``fn`` raised."""
    if isinstance(exc, NotImplementedError):
        other = _raised_elsewhere(fn, exc)
        if other:
            stand_in = _PACKAGE_STAND_IN.get(
                other, f"nn.{other}(...)" if other in PACKAGE_FUNCTIONS else "nn.… functions"
            )
            stop(
                f"{other} (called from your code) is not written yet",
                f"Finish {other} first (run its cell again once it passes), or use the package's "
                f"{stand_in} instead.",
            )
        stop(
            "not attempted yet (the function still raises NotImplementedError)",
            "Replace the `raise NotImplementedError` line with your code, run that cell, then run "
            "this one again.",
        )
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if not _is_checker_frame(f.filename)
    ]
    # the line to show is the learner's: the last frame outside the package and numpy
    own = [f for f in frames if not f.filename.startswith(_LIBRARY_DIRS)] or frames
    line = own[-1].line if own and own[-1].line else ""
    where = f" (line {own[-1].lineno}: `{clip(line, 120)}`)" if line else ""
    on = f" on {case}" if case else ""
    kind = type(exc).__name__
    text = clip(str(exc), 300)
    raised_by = _package_function(frames, own)
    if raised_by and isinstance(exc, (ValueError, TypeError)):
        hint, further = _crash_hint(exc, line, crash)
        stop(
            f"nn.{raised_by}, called from your code{where}, refused its input{on}: {text}",
            "The package checks what it is given and names the argument: compare what you pass "
            f"with what nn.{raised_by} expects (its message above). "
            + (hint if crash and hint != _generic_hint(exc)[0] else ""),
            further,
            details=[f"called with {describe_args(args)}"],
        )
    if isinstance(exc, SystemExit):
        stop(
            f"your function called sys.exit() (or exit(), quit(), raise SystemExit){on}{where}",
            "A function for an exercise returns its result: exit() would stop the whole program "
            "(in a notebook, the cell). Return the value instead.",
            details=[f"called with {describe_args(args)}"],
        )
    if not isinstance(exc, Exception):
        stop(
            f"your function raised {kind}{on}{': ' + text if text else ''}{where}",
            f"{kind} is not an Exception but a BaseException, which is meant for the interpreter "
            "itself (like exit() or the Stop button): return the value, or raise an Exception "
            "such as ValueError if the input is wrong.",
            details=[f"called with {describe_args(args)}"],
        )
    hint, further = _crash_hint(exc, line, crash)
    stop(
        f"your function raised {kind}{on}: {text}{where}",
        hint,
        further,
        details=[f"called with {describe_args(args)}"],
    )


def _is_checker_frame(filename: str) -> bool:
    return filename.startswith(_CHECKS_DIR)


def _package_function(frames, own):
    """The public package function the learner called that raised (nn.one_hot, ...), or None."""
    if not own or own[-1] is frames[-1]:
        return None
    following = frames[frames.index(own[-1]) + 1 :]
    first = following[0] if following else None
    if (
        first is not None
        and first.filename.startswith(_PACKAGE_DIR)
        and first.name in PACKAGE_FUNCTIONS
    ):
        return first.name
    return None


_CHECKS_DIR = __file__.rsplit("_base.py", 1)[0]
_PACKAGE_DIR = _CHECKS_DIR.rsplit("checks", 1)[0]
_LIBRARY_DIRS = (_PACKAGE_DIR, np.__file__.rsplit("__init__.py", 1)[0])


def _crash_hint(exc, line, crash):
    """(hint, more) for a crash: certain causes first, then the checker's own table, then
    generic."""
    certain = _certain_hint(exc)
    if certain:
        return certain
    for test, hint, further in crash:
        try:
            if test(exc, line):
                return hint, further
        except Exception:  # pragma: no cover - a crash test that does not fit this exception
            continue
    return _generic_hint(exc)


def _raised_elsewhere(fn, exc):
    """The name of the function that raised ``exc`` when that is not ``fn`` itself (e.g. an
    unfinished exercise that ``fn`` calls), else None."""
    own = _own_codes(fn)
    tb = exc.__traceback__
    last = None
    while tb is not None:
        if not _is_checker_frame(tb.tb_frame.f_code.co_filename):
            last = tb.tb_frame.f_code
        tb = tb.tb_next
    if not own or last is None or last in own:
        return None
    if last.co_name.startswith("<"):  # a module-level or anonymous frame: nothing useful to name
        return None
    return last.co_name


def _own_codes(fn):
    """The code objects written inside ``fn``: its own and every nested one (lambdas,
    comprehensions)."""
    code = getattr(fn, "__code__", None)
    todo, seen = ([code] if code is not None else []), set()
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo.extend(k for k in c.co_consts if hasattr(k, "co_consts"))
    return seen


def _scalar_only(text: str) -> bool:
    """numpy's complaint when an array goes where a single number is expected (math.exp,
    float())."""
    return (
        "converted to Python scalars" in text
        or "size-1 arrays" in text
        or "length-1 arrays" in text
    )


def _certain_hint(exc):
    """(hint, more) for a crash whose cause the exception alone tells, or None."""
    text = str(exc)
    if _scalar_only(text):
        return (
            "An array went where a single number is expected: math.exp, math.log and float() take "
            "one number only.",
            "Use numpy's operations (np.exp, np.log, *, -), which work on whole arrays.",
        )
    if isinstance(exc, NameError):
        missing = getattr(exc, "name", None)
        if missing in PACKAGE_FUNCTIONS:
            return (
                f"`{missing}` is not defined on its own here: it lives in the package.",
                f"Call nn.{missing}(...) (or run the cell where you wrote your own {missing}).",
            )
        if missing in _SETUP_NAMES:
            return (
                f"`{missing}` is not defined in this kernel: run the setup cell at the top of the "
                "notebook (it imports it), then your cell, then this one.",
                "",
            )
        return (
            f"{f'`{missing}`' if missing else 'A name'} is not defined in this kernel: run the "
            "cell that defines it, "
            "or, if it comes from another notebook, paste it into this exercise cell above the "
            "function that uses it.",
            "",
        )
    return None


def _generic_hint(exc):
    text = str(exc)
    if "matmul" in text or "shapes" in text or "broadcast" in text or "dimension" in text:
        return (
            "A shape mismatch: print the shape of each array you combine and compare it with the "
            "notation table (Θ^(l) is (s_{l+1}, s_l + 1); one instance per row).",
            "Θ^(l) has shape (s_{l+1}, s_l + 1): its column 0 belongs to the bias unit, so going "
            "forward put a column of ones in front of a^(l) (z = a_bias @ Θ.T, one instance per "
            "row), and going backward drop that column (δ^(l+1) @ Θ^(l)[:, 1:]).",
        )
    if isinstance(exc, (IndexError, KeyError)):
        return (
            "An index is out of range. Python lists start at 0 (Θ^(l) is thetas[l - 1]); y may be "
            "labels (n,) or an (n, K) target matrix already.",
            "",
        )
    return "Read the message above, fix the line it names, re-run your cell and then this one.", ""


# --- the learner's values -----------------------------------------------------------------------


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters (a learner's message may be megabytes long)."""
    text = str(text)
    return (
        text if len(text) <= limit else text[:limit] + f"… ({len(text) - limit:,} more characters)"
    )


def short(obj) -> str:
    """A short description of a learner's value that runs none of its code."""
    if isinstance(obj, np.ndarray):
        return f"an array of shape {obj.shape}" + (
            f" ({obj.dtype})" if obj.dtype.kind not in "fiub" else ""
        )
    if obj is None or type(obj) in (bool, int, float, complex) or isinstance(obj, np.generic):
        return clip(repr(obj), 60)
    if type(obj) in (str, bytes):
        return clip(repr(obj), 60)
    if type(obj) in (list, tuple):
        inner = ", ".join(short(x) for x in obj[:4]) + (", …" if len(obj) > 4 else "")
        return (
            ("[" + inner + "]")
            if type(obj) is list
            else ("(" + inner + (",)" if len(obj) == 1 else ")"))
        )
    return f"a {getattr(obj, 'type_name', type(obj).__name__)}"


def describe_args(args) -> str:
    parts = []
    for a in args:
        if isinstance(a, np.ndarray):
            parts.append(f"array of shape {a.shape}")
        elif isinstance(a, list) and a and all(isinstance(t, np.ndarray) for t in a):
            parts.append("[" + ", ".join(f"array of shape {t.shape}" for t in a) + "]")
        elif callable(a):
            parts.append(getattr(a, "__name__", "function"))
        else:
            parts.append(short(a))
    return "(" + ", ".join(parts) + ")"


def as_array(got, what: str) -> np.ndarray:
    """The learner's value as a float64 array, or stop with a failure naming what came back instead.

    Numbers written as text ("0.5", ["64", "25"]) are not numbers; booleans count as 0 and 1.
    float32 and float16 arrays are noted (see :func:`compare`).
    """
    if got is None:
        stop(
            f"your function returned None ({what})",
            "Your function computes something but does not `return` it.",
        )
    if isinstance(got, Opaque):
        stop(
            f"your function returned a {got.type_name} ({what}), not numbers",
            "Return a numpy array (or a float for one number).",
        )
    if type(got) in (str, bytes) or _holds_text(got):
        stop(
            f"{what} is text ({short(got)}), not numbers",
            'Write numbers without quotes: 0.5, not "0.5".',
        )
    try:
        raw = np.asarray(got)
        if raw.dtype.kind == "c":
            stop(
                f"{what} has complex numbers",
                "Where does an imaginary part come from? Look for np.sqrt or ** of a negative "
                "number, or a complex constant such as 1j.",
            )
        if raw.dtype.kind == "O":
            raise TypeError("objects")
        arr = raw.astype(np.float64)
    except (TypeError, ValueError):
        stop(
            f"{what} is {short(got)}, not numbers",
            "Return a numpy array (or a float for a single number), every entry a number.",
        )
    return arr


def _holds_text(obj, depth=0) -> bool:
    if type(obj) in (str, bytes):
        return True
    if isinstance(obj, np.ndarray):
        return obj.dtype.kind in "US"
    if type(obj) in (list, tuple) and depth < 4:
        return any(_holds_text(x, depth + 1) for x in obj)
    return False


def low_precision(got) -> str:
    """ "float32" or "float16" when the learner's numbers are stored at that precision, else ""."""
    found = set()

    def visit(x, depth=0):
        if isinstance(x, (np.ndarray, np.generic)) and x.dtype in (np.float32, np.float16):
            found.add(str(x.dtype))
        elif type(x) in (list, tuple) and depth < 3:
            for y in x:
                visit(y, depth + 1)

    visit(got)
    return "float16" if "float16" in found else ("float32" if found else "")


# Tolerances of a comparison, by the precision the learner's result is stored in. float32 keeps
# about 7 significant digits (its machine epsilon is 1.2e-7); 1 − a for a near 1 loses more (g'(10)
# = 4.5e-5 is off by about 2e-8 in float32), so the absolute floor follows the size of the numbers
# compared.
_TOL = {"": (1e-6, 1e-9), "float32": (2e-4, 2e-6)}


def close(got, want, rtol=1e-6, atol=1e-9) -> bool:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=rtol, atol=atol))


@dataclass
class Mistake:
    """One classic mistake of a concept: what it is, where to look, and how to fix it.

    ``explanation`` names the mistake ("the factor g'(z^(l)) is missing"); ``hint`` says where to
    look without giving the answer; ``more`` is the fix (formula, code), shown only on request.
    ``value`` computes what the mistake gives from the concept's inputs (None when it does not
    apply);
    ``shape_only`` marks a mistake recognised by its shape alone.
    """

    key: str
    explanation: str
    hint: str
    more: str = ""
    value: object = None
    shape_only: bool = False


def compare(
    got,
    want,
    what: str,
    mistakes=(),
    hint: str = "",
    more: str = "",
    rtol=None,
    atol=None,
    shape_hint=None,
    precision=None,
    nonfinite_hint=None,
) -> None:
    """Stop with a failure unless ``got`` matches ``want`` (shape, finiteness, values).

    ``mistakes`` is a list of ``(value, Mistake)`` (or a function returning one, called only when
    the answer is wrong): when the learner's value is a known mistake, the failure names it instead
    of a generic "wrong values". A float32 result is compared at float32
    precision and, when right at that precision, passes with a note. ``shape_hint(shape)`` may
    return a
    ``(message, hint, more)`` for a wrong shape (None: the generic one). ``precision`` ("float32")
    says the numbers come from float32 work when ``got`` itself no longer shows it.
    ``nonfinite_hint`` replaces the generic hint for NaN or inf.
    """
    arr = as_array(got, what)
    want = np.asarray(want, dtype=np.float64)
    precision = precision or low_precision(got)
    if arr.shape != want.shape and arr.size == want.size == 1:
        arr = arr.reshape(want.shape)
    if callable(mistakes) and not (
        arr.shape == want.shape and close(arr, want, rtol or 1e-6, atol or 1e-9)
    ):
        mistakes = mistakes()
    if arr.shape != want.shape:
        _wrong_shape(arr, want, what, mistakes, shape_hint)
    if not np.all(np.isfinite(arr)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0]) if arr.ndim else ()
        at = f" (first at [{', '.join(map(str, bad))}])" if bad else ""
        stop(
            f"{what} contains NaN or inf{at}",
            nonfinite_hint
            or "Look for log(0), division by zero or an overflowing exp: print intermediate "
            "values to see where they first appear.",
            more,
        )
    r64, a64 = _TOL[""]
    r, a = (rtol if rtol is not None else r64), (atol if atol is not None else a64)
    if close(arr, want, r, a):
        return
    if precision:
        r32, a32 = _TOL["float32"]
        scale = max(1.0, float(np.max(np.abs(want)))) if want.size else 1.0
        if precision == "float32" and close(arr, want, max(r, r32), max(a, a32 * scale)):
            current().note(
                "your result is float32: it is right to float32 precision (about 7 significant "
                "digits), which is what the check asks of a float32 result. float64 (numpy's "
                "default) keeps 16 digits."
            )
            return
    details = difference(arr, want)
    tol = (2e-4, 2e-6) if precision else (r, a)
    matches = [
        m
        for value, m in mistakes
        if not m.shape_only
        and value is not None
        and np.shape(value) == arr.shape
        and close(arr, value, *tol)
        and not close(want, value, r, a)
    ]
    if (
        len({m.explanation for m in matches}) == 1
    ):  # several different slips giving this value: name none
        mistake = matches[0]
        stop(f"{what} is off: {mistake.explanation}", mistake.hint, mistake.more, details)
    if precision:
        stop(
            f"{what} differs from the reference by more than {precision} rounding explains",
            f"Your result is {precision}, which keeps only about "
            f"{7 if precision == 'float32' else 3} "
            "significant digits; compute in float64 (numpy's default) and look again. " + hint,
            more,
            details,
        )
    stop(f"{what} has the right shape but wrong values", hint, more, details)


def once(make):
    """``make`` as a function that computes its value the first time it is called only."""
    return functools.lru_cache(maxsize=None)(make)


def layer_of(table, l):
    """The rows for layer ``l`` alone of a table of per-layer lists (a function returning the
    table, see :func:`once`), as a function for :func:`compare`."""
    return lambda: [(None if v is None else v[l - 1], m) for v, m in table()]


def name_list_mistake(got, want, table, what) -> None:
    """For a result that is a list of arrays (one per layer): stop naming the slip of ``table``
    whose every layer matches ``got`` (when exactly one does). One layer alone can be ambiguous (a
    flipped sign on δ^(L) and on the only hidden δ give the same D^(1)); the whole list tells them
    apart.
    ``what(l)`` names layer l for the details; ``table`` may be a function returning the table."""
    try:
        arrays = [np.asarray(g, dtype=np.float64) for g in got]
    except (TypeError, ValueError):
        return
    if any(a.dtype.kind != "f" for a in arrays):
        return

    def same(values):
        return (
            values is not None
            and len(values) == len(arrays)
            and all(
                v is not None and np.shape(v) == a.shape and close(a, v)
                for a, v in zip(arrays, values)
            )
        )

    if all(a.shape == np.shape(w) and close(a, w) for a, w in zip(arrays, want)):
        return
    table = table() if callable(table) else table
    hits = [m for values, m in table if same(values) and not same(want)]
    if len({m.explanation for m in hits}) != 1:
        return
    for l, (a, w) in enumerate(zip(arrays, want), start=1):
        if a.shape == np.shape(w) and not close(a, w):
            stop(
                f"{what(l)} is off: {hits[0].explanation}",
                hits[0].hint,
                hits[0].more,
                difference(a, w),
            )
    stop(f"{what(1)} is off: {hits[0].explanation}", hits[0].hint, hits[0].more)


def _wrong_shape(arr, want, what, mistakes, shape_hint):
    message = f"{what} has shape {arr.shape}, expected {want.shape}"
    same_shape = [(v, m) for v, m in mistakes if v is not None and np.shape(v) == arr.shape]
    for value, mistake in same_shape:  # first a slip that gives exactly these numbers
        if close(arr, value):
            stop(f"{message}: {mistake.explanation}", mistake.hint, mistake.more)
    custom = shape_hint(arr.shape) if shape_hint else None
    if custom:
        stop(custom[0] or message, custom[1], custom[2] if len(custom) > 2 else "")
    for value, mistake in same_shape:  # then a slip known by its shape
        if mistake.shape_only:
            stop(f"{message}: {mistake.explanation}", mistake.hint, mistake.more)
    if arr.ndim == 2 and arr.shape == want.shape[::-1]:
        stop(
            f"{message}: it looks transposed",
            "One instance per row, one unit per column.",
            "With one instance per row, z = a_bias @ Θ.T (not Θ @ a), and results are (n, s_l).",
        )
    if same_shape:
        stop(
            f"{message}: {same_shape[0][1].explanation}",
            same_shape[0][1].hint,
            same_shape[0][1].more,
        )
    if want.ndim == 1 and arr.ndim == 2 and arr.size == want.size:
        stop(
            f"{message}: a row or column where a 1-D array is expected",
            f"This works on one instance: return a 1-D array of shape {want.shape}, not a "
            f"{arr.shape[0]} × {arr.shape[1]} matrix.",
        )
    if arr.ndim == 0:
        stop(
            f"{message}: you returned one number",
            f"Return the whole array, of shape {want.shape}, not a single number from it.",
        )
    stop(message, "Check which axis is which: one instance per row, one unit per column.")


# --- showing a difference -----------------------------------------------------------------------


def digits_to_tell_apart(x: float, y: float, start: int = 4) -> int:
    """The fewest significant digits (at least ``start``) at which ``x`` and ``y`` print
    differently."""
    for d in range(start, 18):
        if f"{x:.{d}g}" != f"{y:.{d}g}":
            return d
    return 17


def decimals_to_tell_apart(x: float, y: float, start: int = 4) -> int:
    """The fewest decimals (at least ``start``) at which ``x`` and ``y`` print differently."""
    for d in range(start, 18):
        if f"{x:.{d}f}" != f"{y:.{d}f}":
            return d
    return 17


def fmt(x, digits: int = 6, decimals: int | None = None) -> str:
    """A number (``digits`` significant digits) or an array (``decimals`` places, or as many as
    ``digits`` gives) as text, arrays laid out one row per line."""
    arr = np.asarray(x, dtype=np.float64)
    if arr.size == 1:
        return f"{float(arr.reshape(())):.{digits}g}"
    with np.printoptions(
        precision=decimals or digits,
        suppress=False,
        linewidth=78,
        threshold=64,
        edgeitems=3,
        floatmode="maxprec",
    ):
        return np.array2string(arr, separator=" ")


def difference(got, want) -> list:
    """The blocks that show how ``got`` differs from ``want``: the largest difference, where it is,
    with enough digits to see it, then both arrays laid out with that many digits."""
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return [f"yours:    shape {got.shape}", f"expected: shape {want.shape}"]
    gap = np.abs(got - want)
    if gap.size == 0 or not np.any(gap > 0):
        return []
    flat = int(np.argmax(gap))
    where = np.unravel_index(flat, gap.shape) if gap.ndim else ()
    g, w = float(got.reshape(-1)[flat]), float(want.reshape(-1)[flat])
    d = digits_to_tell_apart(g, w)
    if got.size == 1:
        return [f"yours:    {g:.{d}g}\nexpected: {w:.{d}g}\n(off by {abs(g - w):.2g})"]
    index = ", ".join(str(int(i)) for i in where)
    head = (
        f"largest difference at [{index}]: yours {g:.{d}g}, expected {w:.{d}g} (off by "
        f"{abs(g - w):.2g})"
    )
    places = decimals_to_tell_apart(g, w)  # the arrays show the largest difference too
    return [
        head,
        "yours:\n" + fmt(got, decimals=places),
        "expected:\n" + fmt(want, decimals=places),
    ]


def as_number(value, what: str, digits_note: bool = True, example: str = "0.25"):
    """A learner's typed answer as one float, or stop: None (not attempted), text, several numbers,
    NaN. A ``fractions.Fraction`` counts too; ``example`` is the kind of number the hints show."""
    if value is None:
        stop(
            f"not attempted yet ({what} is still None)",
            "Replace None with your number, run the cell, then this one.",
        )
    if type(value) in (str, bytes) or _holds_text(value):
        stop(
            f"{what} is text ({short(value)}), not a number",
            "Write the number itself, without quotes.",
        )
    if type(value) is fractions.Fraction:  # Fraction(1, 3) is a number the prompt allows
        value = float(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(
        value, (int, float, np.number, np.ndarray)
    ):
        stop(f"{what} is {short(value)}, not a number", f"Write the number itself, e.g. {example}.")
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf" or arr.size != 1:
        stop(
            f"{what} should be one number, got {short(value)}",
            f"Write a single number such as {example}.",
        )
    number = float(arr.reshape(()))
    if not np.isfinite(number):
        stop(
            f"{what} should be a finite number, got {number}",
            f"Write a single number such as {example}.",
        )
    return number


def as_whole_number(value, what: str) -> int:
    """A learner's typed answer as an int (1885, np.int64(1885), np.array(1885), 1885.0), or
    stop."""
    number = as_number(value, what, example="3")
    if not float(number).is_integer():
        stop(
            f"{what} = {number:g} is not a whole number",
            "Count whole things: write a whole number.",
        )
    return int(number)


def decimals_given(value) -> int | None:
    """How many decimals a typed number shows (0.09 → 2), or None for a long computed one
    (0.0890999…)."""
    try:
        text = repr(float(np.asarray(value).reshape(())))
    except (TypeError, ValueError):
        return None
    if "e" in text or "." not in text:
        return None
    decimals = len(text.split(".")[1])
    return decimals if decimals <= 6 else None


def judge_typed_number(
    got: float,
    answer,
    want: float,
    table,
    what: str,
    *,
    hint: str,
    more: str = "",
    tol: float = 5e-4,
    slip_tol: float = 3e-4,
    keep: str = "three significant figures",
) -> None:
    """Stop with NOT YET unless the typed number ``got`` (the learner's ``answer``) is ``want``.

    A number typed with few decimals (0.09) is judged at the precision it shows, at ``tol``
    otherwise. In order: an answer that *is* a slip of ``table`` (``(value, Mistake)`` pairs) names
    it, with a word for a learner who only rounded too far; a right answer that a slip also rounds
    to asks for more digits (``keep``) rather than guess; a right answer returns; an answer within
    ``slip_tol`` of a slip (or within the rounding of the decimals typed: 0.426 for 0.42556) names
    the nearest, and one typed with one or two decimals only when a single slip is that close;
    anything else gets ``hint``. ``more`` is the fix, shown on request.
    """
    decimals = decimals_given(answer)
    coarse = decimals is not None and decimals <= 2
    right_tol = max(tol, 0.5 * 10.0**-decimals + 1e-12) if coarse else tol
    apart = [(v, m) for v, m in table if v is not None and abs(v - want) > tol]
    exact = [m for v, m in apart if abs(got - v) <= 1e-9 * max(1.0, abs(v))]
    if exact and abs(got - want) > 1e-9 * max(1.0, abs(want)):
        rounded = (
            f" (If you rounded a longer number to {got:g}, keep {keep}.)"
            if abs(got - want) <= right_tol
            else ""
        )
        stop(f"{got:.4g} is off: {exact[0].explanation}{rounded}", exact[0].hint, exact[0].more)
    typed = 0.5 * 10.0**-decimals + 1e-12 if decimals is not None else 0.0
    reach = right_tol if coarse else max(slip_tol, typed)
    near = sorted(
        ((abs(got - v), m) for v, m in apart if abs(got - v) <= reach), key=lambda t: t[0]
    )
    if abs(got - want) <= right_tol:
        if coarse and near:
            stop(
                f"{got:g} is too rounded to tell: {what} rounds to it, and so does a classic slip",
                f"Keep {keep}, or type the expression you computed (an expression such as "
                "0.1 * 0.2 is fine).",
                more,
            )
        return
    if near and (not coarse or len({m.explanation for _, m in near}) == 1):
        mistake = near[0][1]
        stop(f"{got:.4g} is off: {mistake.explanation}", mistake.hint, mistake.more)
    if abs(got - want) <= 0.01 * abs(want):  # the right working, cut off or rounded early
        stop(
            f"{got:.4g} is close to {what}, but not it at the precision you typed",
            f"Round at the end rather than cut off, and keep {keep} (or type the expression you "
            "computed: an expression such as 0.1 * 0.2 is fine).",
            more,
        )
    stop(f"{got:.4g} is not {what}", hint, more)


_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """A source line without spaces, for matching patterns such as ``theta[1:,:]``."""
    return _SPACES.sub("", text or "")


def as_choice(value, choices, what: str) -> str:
    """A multiple-choice answer as its letter, or stop: ``value`` is one of the letters of
    ``choices`` (a dict letter → text), in any of the forms a learner writes it: "c", "C", "(c)",
    "c)" or "c) every row ...". None is "not attempted yet"; anything else is not one of the
    choices."""
    letters = "".join(sorted(choices))
    listed = ", ".join(f'"{x}"' for x in letters[:-1]) + f' or "{letters[-1]}"'
    if value is None:
        stop(
            f"not attempted yet ({what} is still None)",
            f"Replace None with one letter in quotes: {listed}.",
        )
    pattern = re.compile(rf"^\(?\s*([{letters}])\s*(?:[).:,]|$|\s)", re.IGNORECASE)
    found = pattern.match(value.strip()) if isinstance(value, str) else None
    if not found:
        stop(
            f"{what} = {short(value)} is not one of the choices",
            f"Answer with one letter in quotes: {listed}.",
        )
    rest = value.strip()[found.end() :].lower()
    words = re.findall(r"[a-z]+", rest)
    hedged = re.match(r"^\W*(and|or)\b", rest) or (
        words and all(w in letters.lower() or w in ("and", "or") for w in words)
    )
    if hedged:  # "c, d", "c or d", "c and d", "c d e": more than one letter
        stop(
            f"{what} = {short(value)} gives more than one choice",
            f"Pick the one you think is right: one letter in quotes, {listed}.",
        )
    return found.group(1).lower()
