"""Input checks shared by every public function.

Each function here either returns a clean value (a float64 array, a float, an int) or raises a
``ValueError`` / ``TypeError`` whose message names the argument, what was expected and what came.
Nothing below teaches backpropagation; it only keeps numpy's broadcasting errors away from students.

:func:`validated` applies them once, at the public boundary: it checks every argument whose name
is a symbol of the notation table (``thetas``, ``X``, ``y``, ``lam``, ...), so the body of a public
function is only its formulas.
"""

from __future__ import annotations

import functools
import inspect
import numbers

import numpy as np


def _describe(value) -> str:
    """A short description of what the caller passed, for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"a {type(value).__name__}"


def as_float_array(
    value, name: str, ndim: int | tuple[int, ...] | None, finite: bool = True
) -> np.ndarray:
    """``value`` as a float64 array with ``ndim`` dimensions (None: any number), finite if asked."""
    ndims = (ndim,) if isinstance(ndim, int) else ndim
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        arr = value  # the common case, already clean: only its shape and values are left to check
    elif isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a numeric array, got {_describe(value)}")
    else:
        try:
            arr = np.asarray(value)
        except Exception as exc:  # ragged lists and the like
            raise TypeError(
                f"{name} must be a numeric array, got {_describe(value)} ({exc})"
            ) from None
        if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
            raise TypeError(f"{name} must be numeric, got {_describe(value)}")
        if np.issubdtype(arr.dtype, np.complexfloating):
            raise TypeError(f"{name} must be real-valued, got dtype {arr.dtype}")
    if ndims is not None and arr.ndim not in ndims:
        want = " or ".join(f"{d}-D" for d in ndims)
        raise ValueError(f"{name} must be {want}, got {arr.ndim}-D with shape {arr.shape}")
    arr = arr.astype(np.float64, copy=False)
    if not finite:
        return arr
    # One sum is much cheaper than a full isfinite mask; only when it is not finite (a NaN or inf,
    # or an overflow of huge values) is every entry looked at.
    with np.errstate(over="ignore", invalid="ignore"):
        total = arr.sum()
    if not np.isfinite(total) and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s); every entry must be finite"
        )
    return arr


def check_X(X, n_features: int | None = None) -> np.ndarray:
    """X as an (n, d) float64 batch with n >= 1 (and d == n_features when given)."""
    X = as_float_array(X, "X", 2)
    if X.shape[0] == 0:
        raise ValueError(
            f"X is an empty batch (shape {X.shape}); it needs at least one row (instance)"
        )
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(
            f"X has {X.shape[1]} column(s) (features) but thetas[0] = Θ^(1) expects {n_features}: "
            f"Θ^(1) has shape (s_2, s_1 + 1) = (·, {n_features + 1}), "
            "one column per input plus the bias"
            + (" (is Θ^(1)'s bias column missing?)" if X.shape[1] == n_features + 1 else "")
        )
    return X


def check_thetas(thetas) -> list[np.ndarray]:
    """thetas as a list of float64 matrices Θ^(l) of shape (s_{l+1}, s_l + 1) that chain."""
    if isinstance(thetas, np.ndarray) or not isinstance(thetas, (list, tuple)):
        raise TypeError(
            f"thetas must be a list of weight matrices [Θ^(1), Θ^(2), ...], got {_describe(thetas)}"
            + (
                " (use roll(vec, layer_sizes) to turn an unrolled vector back into the list)"
                if isinstance(thetas, np.ndarray) and thetas.ndim == 1
                else ""
            )
        )
    if len(thetas) == 0:
        raise ValueError("thetas is empty; a network needs at least one weight matrix Θ^(1)")
    out = []
    for i, theta in enumerate(thetas):
        theta = as_float_array(theta, f"thetas[{i}] (Θ^({i + 1}))", 2)
        if theta.shape[0] == 0 or theta.shape[1] < 2:
            raise ValueError(
                f"thetas[{i}] (Θ^({i + 1})) has shape {theta.shape}; "
                f"expected (s_{i + 2}, s_{i + 1} + 1) with at least one unit and a bias column"
            )
        if out and theta.shape[1] != out[-1].shape[0] + 1:
            prev = out[-1].shape
            raise ValueError(
                f"thetas[{i}] (Θ^({i + 1})) has shape {theta.shape} "
                f"but thetas[{i - 1}] has shape {prev}: "
                f"layer {i + 1} has {prev[0]} units, so Θ^({i + 1}) needs {prev[0] + 1} columns "
                f"({prev[0]} units + the bias column), got {theta.shape[1]}"
                + (" (is the bias column missing?)" if theta.shape[1] == prev[0] else "")
            )
        out.append(theta)
    return out


def check_layer_sizes(layer_sizes) -> list[int]:
    """layer_sizes as a list of at least two positive ints [s_1, ..., s_L]."""
    ordered = isinstance(layer_sizes, (list, tuple, range)) or (
        isinstance(layer_sizes, np.ndarray) and layer_sizes.ndim == 1
    )
    if not ordered:
        raise TypeError(
            f"layer_sizes must be a list of ints like [2, 3, 1], s_1 to s_L in layer order, "
            f"got {_describe(layer_sizes)}"
        )
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least two layers (inputs and outputs), got {sizes}")
    for s in sizes:
        if isinstance(s, bool) or not isinstance(s, numbers.Integral):
            raise TypeError(f"layer_sizes must contain ints, got {s!r} in {sizes}")
        if s < 1:
            raise ValueError(f"layer_sizes must be positive (no zero-sized layer), got {sizes}")
    return [int(s) for s in sizes]


def _numeric(y, name: str) -> np.ndarray:
    """y as a real numeric array (not a string, None, objects or complex), or a TypeError."""
    if isinstance(y, (str, bytes)) or y is None:
        raise TypeError(f"{name} must be an array of labels or targets, got {_describe(y)}")
    arr = np.asarray(y)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{name} must be numeric, got {_describe(y)}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must be real-valued, got dtype {arr.dtype}")
    return arr


def check_labels(y, K: int, n: int | None = None) -> np.ndarray:
    """y as int class labels of shape (n,) in 0..K−1 (0/1 when K = 1: one output, two classes)."""
    y_arr = _numeric(y, "y")
    if y_arr.ndim != 1:
        raise ValueError(f"y must be labels of shape (n,), got shape {y_arr.shape}")
    if n is not None and y_arr.shape[0] != n:
        raise ValueError(
            f"y has {y_arr.shape[0]} rows but X has {n}; "
            "each instance needs one label or target row"
        )
    y_f = y_arr.astype(np.float64)
    if not np.all(np.isfinite(y_f)):
        raise ValueError("y contains NaN or infinite values")
    if np.any(y_f != np.round(y_f)):
        raise ValueError("y labels must be whole numbers (class indices), got fractional values")
    n_classes = 2 if K == 1 else K
    if y_f.size and (y_f.min() < 0 or y_f.max() > n_classes - 1):
        lo, hi = y_f.min(), y_f.max()
        raise ValueError(
            f"y labels must lie in 0..{n_classes - 1} for a network with K = {K} output unit(s), "
            f"got values from {lo:g} to {hi:g}"
            + (" (labels start at 0 here, not at 1)" if hi == n_classes else "")
        )
    return y_f.astype(np.int64)


def check_targets(y, n: int, K: int) -> np.ndarray:
    """y (labels of shape (n,) or targets of shape (n, K)) as an (n, K) float64 target matrix Y."""
    y_arr = _numeric(y, "y")
    if y_arr.ndim not in (1, 2):
        raise ValueError(
            f"y must be labels of shape (n,) or targets of shape (n, K), got shape {y_arr.shape}"
        )
    if y_arr.ndim == 1:
        from .network import one_hot  # (network.py imports this module)

        return one_hot(check_labels(y_arr, K, n), K)
    if y_arr.shape[0] != n:
        raise ValueError(
            f"y has {y_arr.shape[0]} rows but X has {n}; "
            "each instance needs one label or target row"
        )
    y_f = y_arr.astype(np.float64)
    if not np.all(np.isfinite(y_f)):
        raise ValueError("y contains NaN or infinite values")
    if y_arr.shape[1] != K:
        raise ValueError(
            f"y is a target matrix of shape {y_arr.shape} "
            f"but the network has K = {K} output unit(s); "
            f"expected shape ({n}, {K})"
        )
    if np.any((y_f < 0) | (y_f > 1)):
        raise ValueError("y targets must lie in [0, 1] (one-hot rows, or probabilities)")
    return y_f


def check_nonnegative(value, name: str) -> float:
    """A finite real number >= 0 (used for λ)."""
    v = check_scalar(value, name)
    if v < 0:
        raise ValueError(f"{name} must be >= 0, got {v:g}")
    return v


def check_positive(value, name: str) -> float:
    """A finite real number > 0 (used for α and ε)."""
    v = check_scalar(value, name)
    if v <= 0:
        raise ValueError(f"{name} must be > 0, got {v:g}")
    return v


def check_scalar(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        if not (
            isinstance(value, np.ndarray)
            and value.ndim == 0
            and np.issubdtype(value.dtype, np.number)
        ):
            raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    v = float(value)
    if not np.isfinite(v):
        raise ValueError(f"{name} must be finite, got {v}")
    return v


def check_count(value, name: str, minimum: int = 0) -> int:
    """An int >= minimum (used for epochs and batch sizes)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {_describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def check_rng(rng) -> np.random.Generator:
    """A seed (an int >= 0), a ``np.random.Generator`` or None, as a Generator."""
    ok = (
        rng is None
        or isinstance(rng, (np.random.Generator, np.random.SeedSequence, np.random.BitGenerator))
        or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool))
    )
    if not ok:
        raise TypeError(
            f"rng must be a seed (an int) or a np.random.Generator, got {_describe(rng)}"
        )
    if isinstance(rng, numbers.Integral) and rng < 0:
        raise ValueError(f"rng must be a seed >= 0, got {rng}")
    return np.random.default_rng(rng)


def check_z(z) -> np.ndarray:
    """z for g(z): a real number or array, as a float array (float32 stays float32); NaN passes."""
    if isinstance(z, np.ndarray) and z.dtype in (np.float64, np.float32):
        return z
    if isinstance(z, (str, bytes)) or z is None:
        raise TypeError(f"z must be a number or a numeric array, got {_describe(z)}")
    try:
        arr = np.asarray(z)
    except (TypeError, ValueError):
        raise TypeError(f"z must be a number or a numeric array, got {_describe(z)}") from None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"z must be a number or a numeric array, got {_describe(z)}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"z must be real-valued, got dtype {arr.dtype}")
    return arr.astype(np.float64, copy=False)


def _n_inputs(args):
    if "thetas" in args:
        return args["thetas"][0].shape[1] - 1
    return args["layer_sizes"][0] if "layer_sizes" in args else None


def _n_outputs(args):
    return args["thetas"][-1].shape[0] if "thetas" in args else args["layer_sizes"][-1]


# What every argument of that name must be, checked in this order (X needs thetas, y needs X).
CHECKS = {
    "layer_sizes": lambda value, args: check_layer_sizes(value),
    "thetas": lambda value, args: check_thetas(value),
    "X": lambda value, args: check_X(value, _n_inputs(args)),
    "y": lambda value, args: check_targets(value, args["X"].shape[0], _n_outputs(args)),
    "vec": lambda value, args: as_float_array(value, "vec", 1),
    "lam": lambda value, args: check_nonnegative(value, "lam"),
    "alpha": lambda value, args: check_positive(value, "alpha"),
    "epsilon": lambda value, args: check_positive(value, "epsilon"),
    "epsilon_init": lambda value, args: check_positive(value, "epsilon_init"),
    "tolerance": lambda value, args: check_positive(value, "tolerance"),
    "absolute_floor": lambda value, args: check_nonnegative(value, "absolute_floor"),
    "epochs": lambda value, args: check_count(value, "epochs", 0),
    "batch_size": lambda value, args: (
        None if value is None else check_count(value, "batch_size", 1)
    ),
    "tol": lambda value, args: None if value is None else check_nonnegative(value, "tol"),
    "rng": lambda value, args: check_rng(value),
}


def validated(fn):
    """Decorator: check ``fn``'s arguments by name (see ``CHECKS``) before its body runs.

    The body receives the checked values: ``thetas`` a list of float64 Θ^(l) that chain, ``X`` an
    (n, s_1) float64 batch, ``y`` the (n, K) target matrix (labels through ``one_hot``), ``lam`` a
    float >= 0, ``rng`` a Generator, and so on. Other arguments are the body's to check.
    """
    signature = inspect.signature(fn)
    names = [name for name in CHECKS if name in signature.parameters]

    @functools.wraps(fn)
    def checked(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        for name in names:
            bound.arguments[name] = CHECKS[name](bound.arguments[name], bound.arguments)
        return fn(*bound.args, **bound.kwargs)

    return checked
