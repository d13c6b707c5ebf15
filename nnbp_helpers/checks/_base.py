"""What every exercise checker shares: the result it returns and a safe way to call learner code.

A checker never raises. Whatever the learner's function does (raise, return the wrong type, the
wrong shape, NaN), the checker turns it into a :class:`CheckResult` that says what is right, what
is wrong, and a specific hint.
"""

from __future__ import annotations

import html
import inspect
import keyword
import sys
import traceback
import warnings
from dataclasses import dataclass, field

import numpy as np

PASS_MARK = "✔ PASSED"
FAIL_MARK = "✘ NOT YET"


@dataclass
class CheckResult:
    """The verdict of one checker: ``passed``, and a ``message`` with what is right or wrong and a hint."""

    name: str
    passed: bool
    message: str
    hint: str = ""
    details: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        head = f"{PASS_MARK if self.passed else FAIL_MARK} · {self.name}: {self.message}"
        lines = [head] + [f"    {d}" for d in self.details]
        if self.hint:
            lines.append(f"  Hint: {self.hint}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        # Colour-blind-safe blue / orange, and the verdict is also spelled out and marked (✔ / ✘).
        colour, bg = ("#0072B2", "#e8f1f8") if self.passed else ("#D55E00", "#fbeee6")
        body = f"<b>{html.escape(PASS_MARK if self.passed else FAIL_MARK)}</b> · <code>{html.escape(self.name)}</code>: "
        body += html.escape(self.message)
        if self.details:
            body += "<ul style='margin:0.3em 0'>" + "".join(
                f"<li><code>{html.escape(d)}</code></li>" for d in self.details) + "</ul>"
        if self.hint:
            body += f"<div style='margin-top:0.3em'><b>Hint:</b> {html.escape(self.hint)}</div>"
        return (f"<div style='border-left:6px solid {colour};background:{bg};padding:0.5em 0.8em;"
                f"font-size:1.05em;color:#111'>{body}</div>")


def passed(name: str, message: str, details=()) -> CheckResult:
    return CheckResult(name, True, message, "", list(details))


def failed(name: str, message: str, hint: str = "", details=()) -> CheckResult:
    return CheckResult(name, False, message, hint, list(details))


class LearnerError(Exception):
    """Raised inside a checker to stop at the first problem; always caught by :func:`checker`."""

    def __init__(self, result: CheckResult):
        super().__init__(result.message)
        self.result = result


def checker(func=None, *, letter_answers=()):
    """Decorate a checker so that it never raises and looks the learner's names up.

    The parameters of ``func`` without a default value are the learner's inputs (a function or an
    answer). A check cell passes each as the *name* it has in the notebook, a string such as
    ``"backprop"``; the checker looks the name up in the namespace of the code that called it (the
    notebook's globals, or a calling function's locals) and checks the object found. A name that is
    not defined there gives a NOT YET result ("run the exercise cell above first") instead of a
    NameError. The object itself is accepted as well, and so is any string that is not a Python name.
    ``letter_answers`` lists the parameters whose answer may itself be one letter (a multiple-choice
    answer such as ``"b"``): a one-letter string there is the answer, not a name.
    """
    if func is None:
        return lambda f: checker(f, letter_answers=letter_answers)
    import functools

    signature = inspect.signature(func)
    learner_inputs = [p.name for p in signature.parameters.values()
                      if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        caller = sys._getframe(1)
        try:
            args, kwargs = _look_up_names(func.__name__, signature, learner_inputs, letter_answers,
                                          caller, args, kwargs)
        except LearnerError as stop:
            return stop.result
        finally:
            del caller
        try:
            return func(*args, **kwargs)
        except LearnerError as stop:
            return stop.result
        except Exception as exc:  # a checker bug or an exotic learner object: still feedback, not a traceback
            return failed(func.__name__, f"the checker could not finish ({type(exc).__name__}: {exc})",
                          "Re-run the cell that defines your function, then this cell.")
    return wrapper


def is_name(text) -> bool:
    """Whether ``text`` is a string that can be a Python variable name (``"backprop"``, ``"answer"``)."""
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


def _look_up_names(checker_name, signature, learner_inputs, letter_answers, frame, args, kwargs):
    """The checker's arguments with every learner input given by name replaced by the object it names."""
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as exc:
        raise LearnerError(failed(checker_name, f"this check was called the wrong way ({exc})",
                                  "Run the check cell as it was given, e.g. "
                                  f"checks.{checker_name}(\"your_function_name\").")) from None
    for param in learner_inputs:
        value = bound.arguments.get(param)
        if not is_name(value) or (param in letter_answers and len(value) == 1):
            continue
        found, obj = look_up(frame, value)
        if found:
            bound.arguments[param] = obj
        else:
            raise LearnerError(failed(checker_name, f"`{value}` is not defined yet: run the exercise cell above "
                                                    "first",
                                      f"Run the cell that defines `{value}` (the exercise cell just above this "
                                      "one), then run this check again."))
    return bound.args, bound.kwargs


def _copy(arg):
    if isinstance(arg, np.ndarray):
        return arg.copy()
    if isinstance(arg, list):
        return [_copy(a) for a in arg]
    return arg


def call(name: str, fn, *args, error_hint=None, case: str | None = None, copy_args: bool = True, **kwargs):
    """Call the learner's ``fn`` on copies of ``args``; on any exception stop with a helpful failure.

    ``error_hint`` replaces the generic hint for a crash (a checker knows its likely causes best); it may
    also be a function of the exception returning a hint, or None to fall back to the generic one.
    ``case`` names the test case in the message. ``copy_args=False`` hands ``args`` over as they are
    (see :func:`call_and_watch`).
    """
    if not callable(fn):
        raise LearnerError(failed(name, f"expected a function, got {type(fn).__name__}",
                                  "Pass the function itself (no parentheses), e.g. check(my_function)."))
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            if not copy_args:
                return fn(*args, **kwargs)
            return fn(*[_copy(a) for a in args], **{k: _copy(a) for k, a in kwargs.items()})
    except NotImplementedError as exc:
        other = _raised_elsewhere(fn, exc)
        if other:
            raise LearnerError(failed(
                name, f"{other} (called from your code) is not written yet",
                f"Finish {other} first (run its cell again once it passes), or use the package's "
                f"{_PACKAGE_STAND_IN.get(other, 'nn.' + other + '(...)' if other in PACKAGE_FUNCTIONS else 'nn.… functions')} "
                f"instead.")) from None
        raise LearnerError(failed(name, "not attempted yet (the function still raises NotImplementedError)",
                                  "Replace the `raise NotImplementedError` line with your code, run that cell, "
                                  "then run this one again.")) from None
    except Exception as exc:
        frames = traceback.extract_tb(exc.__traceback__)[1:]  # drop this frame
        where = f" (line {frames[-1].lineno}: `{frames[-1].line}`)" if frames and frames[-1].line else ""
        hint = _unambiguous_hint(exc)   # these causes are certain, whatever the checker expected
        if hint is None and error_hint is not None:
            hint = error_hint(exc) if callable(error_hint) else error_hint
        hint = hint or _hint_for_exception(exc)
        on = f" on {case}" if case else ""
        raise LearnerError(failed(name, f"your function raised {type(exc).__name__}{on}: {exc}{where}",
                                  hint, details=[f"called with {describe_args(args)}"])) from None


def call_and_watch(name: str, fn, *args, **kw):
    """Like :func:`call`, and also say whether ``fn`` changed the arrays it was given in place.

    Returns (result, changed). ``fn`` still works on copies, so the checker's own data stay intact.
    """
    copies = [_copy(a) for a in args]
    result = call(name, fn, *copies, copy_args=False, **kw)
    return result, not all(_same(a, c) for a, c in zip(args, copies))


def _same(a, b):
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and bool(np.array_equal(a, b))
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_same(x, z) for x, z in zip(a, b))
    return True


# The package's functions a learner may call by their bare name (and meets as exercises along the series).
PACKAGE_FUNCTIONS = ("sigmoid", "sigmoid_gradient", "add_bias", "init_weights", "forward", "cost", "deltas",
                     "backprop", "backprop_loop", "predict", "unroll", "roll", "numerical_gradient",
                     "relative_difference", "gradient_check", "train")
# Exercises with no function of the same name in the package: what to use instead.
_PACKAGE_STAND_IN = {"gradient_step": "nn.backprop(thetas, X, y, lam) and Θ^(l) − α D^(l)"}


def _own_codes(fn):
    """The code objects written inside ``fn``: its own and every nested one (lambdas, comprehensions)."""
    code = getattr(fn, "__code__", None)
    todo, seen = ([code] if code is not None else []), set()
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo.extend(k for k in c.co_consts if hasattr(k, "co_consts"))
    return seen


def _raised_elsewhere(fn, exc):
    """The name of the function that raised ``exc`` when that is not ``fn`` itself (e.g. an unfinished
    exercise that ``fn`` calls), else None."""
    own = _own_codes(fn)
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code
        tb = tb.tb_next
    if not own or last is None or last in own:
        return None
    if last.co_name.startswith("<"):  # a module-level or anonymous frame: nothing useful to name
        return None
    return last.co_name


def _name_hint(exc):
    """A hint for a NameError, or None for any other exception."""
    if not isinstance(exc, NameError):
        return None
    missing = getattr(exc, "name", None)
    if missing in PACKAGE_FUNCTIONS:
        return (f"`{missing}` is not defined on its own here: it lives in the package, so call "
                f"nn.{missing}(...) (or run the cell where you wrote your own {missing}).")
    return "A name is not defined: did you run the cells above this one (setup and your function)?"


def _unambiguous_hint(exc):
    """The hint for a crash whose cause the exception alone tells (an undefined name, an array where
    math or float() wanted one number), or None."""
    if _scalar_only(str(exc)):
        return _hint_for_exception(exc)
    return _name_hint(exc)


def _scalar_only(text: str) -> bool:
    """numpy's complaint when an array goes where a single number is expected (math.exp, float())."""
    return "converted to Python scalars" in text or "size-1 arrays" in text or "length-1 arrays" in text


def _hint_for_exception(exc: Exception) -> str:
    text = str(exc)
    if _scalar_only(text):
        return ("An array went where a single number is expected: use numpy operations (np.exp, np.log, *, -), "
                "which work on whole arrays; math.exp and float() only take single numbers, and so does math.log.")
    if "matmul" in text or "shapes" in text or "broadcast" in text or "dimension" in text:
        return ("A shape mismatch. Print the shape of each array you combine. Θ^(l) has shape "
                "(s_{l+1}, s_l + 1): its column 0 belongs to the bias unit, so going forward prepend a column "
                "of ones to a^(l) (z = a_bias @ Θ.T, one instance per row), and going backward drop that "
                "column (δ^(l+1) @ Θ^(l)[:, 1:]).")
    if isinstance(exc, NameError):
        return _name_hint(exc)
    if isinstance(exc, (IndexError, KeyError)):
        return ("An index is out of range. Python lists start at 0, so Θ^(l) is thetas[l - 1]; and y may be "
                "labels of shape (n,) or an (n, K) target matrix already.")
    return "Read the message above, fix the line it names, re-run your cell and then this one."


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
            parts.append(repr(a))
    return "(" + ", ".join(parts) + ")"


def as_array(name: str, got, what: str) -> np.ndarray:
    """The learner's return value as a float array, or stop with a failure naming what came back."""
    if got is None:
        raise LearnerError(failed(name, f"{what} returned None",
                                  "Your function computes something but does not `return` it."))
    try:
        arr = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        raise LearnerError(failed(name, f"{what} returned a {type(got).__name__}, not numbers",
                                  "Return a numpy array (or a float for a single number).")) from None
    return arr


def fmt(x) -> str:
    arr = np.asarray(x, dtype=np.float64)
    if arr.size == 1:
        return f"{float(arr.reshape(())):.6g}"
    return np.array2string(arr, precision=4, suppress_small=True, max_line_width=90, threshold=12)


def close(got, want, rtol=1e-6, atol=1e-9) -> bool:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=rtol, atol=atol))


def compare(name: str, got, want, what: str, diagnoses=(), hint: str = "", rtol=1e-6, atol=1e-9) -> None:
    """Stop with a failure unless ``got`` matches ``want`` (shape, finiteness, values).

    ``diagnoses`` is a list of (variant_value, explanation, hint): if the learner's value matches a
    known mistake, the failure names that mistake instead of a generic "wrong values".
    """
    arr = as_array(name, got, what)
    want = np.asarray(want, dtype=np.float64)
    if arr.shape != want.shape and arr.size == want.size == 1:
        arr = arr.reshape(want.shape)
    if arr.shape != want.shape:
        shape_hint = "Check which axis is which: one instance per row, one unit per column."
        if arr.shape == want.shape[::-1] and arr.ndim == 2:
            shape_hint = "Your result looks transposed: with one instance per row, use a @ Θ.T rather than Θ @ a."
        for variant, explanation, variant_hint in diagnoses:
            if np.shape(variant) == arr.shape:
                shape_hint = f"{explanation} {variant_hint}"
                break
        raise LearnerError(failed(name, f"{what} has shape {arr.shape}, expected {want.shape}", shape_hint))
    if not np.all(np.isfinite(arr)):
        raise LearnerError(failed(name, f"{what} contains NaN or inf",
                                  "Look for log(0), division by zero or overflowing exp; "
                                  "print intermediate values to see where they first appear. " + hint))
    if close(arr, want, rtol, atol):
        return
    details = [f"yours:    {fmt(arr)}", f"expected: {fmt(want)}"]
    for variant, explanation, variant_hint in diagnoses:
        if close(arr, variant, rtol, atol):
            raise LearnerError(failed(name, f"{what} is off: {explanation}", variant_hint, details))
    raise LearnerError(failed(name, f"{what} has the right shape but wrong values", hint, details))
