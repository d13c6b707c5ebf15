"""Data for the notebooks: the handwritten digits shipped with the package, and small 2-D problems.

Nothing is downloaded: the digits live in ``nnbp_helpers/data/`` (provenance, licence and checksum
in ``data/README.md``). The 2-D generators are seeded by ``rng`` (a seed or a
``np.random.Generator``) and return ``X`` (n, 2) and int labels ``y`` (n,), ready for ``train``
and decision-boundary pictures.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import numpy as np

from . import _validate as v

__all__ = ["load_digits", "xor", "moons", "spirals", "train_test_split"]

DATA_DIR = Path(__file__).resolve().parent / "data"
DIGITS_FILE = DATA_DIR / "digits.csv.gz"
DIGITS_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"


def load_digits(scale=True):
    """The UCI 8 × 8 handwritten digits (Alpaydin & Kaynak 1998, CC BY 4.0): X (1797, 64), y.

    Row i of ``X`` is one image, its 8 × 8 pixels row by row (``X[i].reshape(8, 8)`` shows it);
    ``y`` holds the digits 0..9. Pixels count "on" dots in 0..16; with ``scale=True`` (the default)
    they are divided by 16 so every input lies in [0, 1], the range where sigmoid units learn well.
    The file's SHA-256 is checked on every load.
    """
    if not isinstance(scale, bool):
        raise TypeError(f"scale must be True or False, got {type(scale).__name__}")
    raw = DIGITS_FILE.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != DIGITS_SHA256:
        raise ValueError(
            f"{DIGITS_FILE} has SHA-256 {digest}, expected {DIGITS_SHA256}: "
            "the shipped data file is damaged; reinstall nnbp_helpers"
        )
    table = np.loadtxt(
        gzip.decompress(raw).decode("ascii").splitlines(), delimiter=",", dtype=np.int64
    )
    X, y = table[:, :-1].astype(np.float64), table[:, -1].astype(np.int64)
    return (X / 16.0 if scale else X), y


def _rng_and_n(n, noise, rng):
    n = v.check_count(n, "n", 1)
    noise = v.check_nonnegative(noise, "noise")
    return n, noise, v.check_rng(rng)


def xor(n=200, noise=0.15, rng=None):
    """XOR: points around the corners of the unit square; y = 1 where exactly one coordinate is 1.

    Corners (0,0), (1,1) → class 0; (0,1), (1,0) → class 1; Gaussian noise of std ``noise``.
    Returns X (n, 2), y (n,).
    """
    n, noise, rng = _rng_and_n(n, noise, rng)
    corners = rng.integers(0, 2, size=(n, 2))
    y = corners[:, 0] ^ corners[:, 1]
    return corners + noise * rng.normal(size=(n, 2)), y.astype(np.int64)


def moons(n=200, noise=0.1, rng=None):
    """Two interleaving half circles: class 0 the upper moon, 1 the lower. X (n, 2), y (n,)."""
    n, noise, rng = _rng_and_n(n, noise, rng)
    y = np.arange(n) % 2
    t = rng.uniform(0.0, np.pi, size=n)
    X = np.where(
        y[:, None] == 0,
        np.column_stack([np.cos(t), np.sin(t)]),  # upper moon, centred at (0, 0)
        np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)]),
    )  # lower moon, shifted right and down
    return X + noise * rng.normal(size=(n, 2)), y.astype(np.int64)


def spirals(n=200, turns=1.5, noise=0.05, rng=None):
    """Two interleaved spiral arms (class 0 and 1), ``turns`` turns each, radius up to 1.

    Returns X (n, 2), y (n,).
    """
    n, noise, rng = _rng_and_n(n, noise, rng)
    turns = v.check_positive(turns, "turns")
    y = np.arange(n) % 2
    r = np.sqrt(rng.uniform(0.05, 1.0, size=n))  # more points far out, where arms are long
    angle = 2 * np.pi * turns * r + np.pi * y  # arm 1 is arm 0 turned by 180°
    X = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return X + noise * rng.normal(size=(n, 2)), y.astype(np.int64)


def train_test_split(X, y, test_fraction=0.25, rng=None):
    """Shuffle the rows, hold out ``test_fraction``: returns X_train, X_test, y_train, y_test.

    ``X`` (n, d), ``y`` (n,) or (n, K); at least one row lands on each side.
    """
    X = v.as_float_array(X, "X", 2)
    y = np.asarray(y)
    if y.ndim not in (1, 2) or y.shape[0] != X.shape[0]:
        raise ValueError(f"y must have one row per row of X ({X.shape[0]}), got shape {y.shape}")
    frac = v.check_positive(test_fraction, "test_fraction")
    if frac >= 1:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {frac:g}")
    n = X.shape[0]
    if n < 2:
        raise ValueError(
            f"X needs at least 2 rows to split into a training and a test part, got {n}"
        )
    n_test = min(max(int(round(frac * n)), 1), n - 1)
    order = v.check_rng(rng).permutation(n)
    test, tr = order[:n_test], order[n_test:]
    return X[tr], X[test], y[tr], y[test]
