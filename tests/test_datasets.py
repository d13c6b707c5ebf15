"""The shipped digits (checksum, shapes, the data scikit-learn ships) and the 2-D generators."""

import hashlib
import sys

import numpy as np
import pytest

import nnbp_helpers as nn
from nnbp_helpers import datasets


def test_digits_shapes_scale_and_labels():
    X, y = nn.datasets.load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.dtype == np.float64 and X.min() == 0.0 and X.max() == 1.0
    assert set(np.unique(y)) == set(range(10)) and np.bincount(y).min() >= 170
    raw, _ = nn.datasets.load_digits(scale=False)
    np.testing.assert_array_equal(raw / 16.0, X)
    assert np.all(raw == np.round(raw)) and raw.max() == 16


def test_digits_file_matches_its_recorded_checksum_and_note():
    digest = hashlib.sha256(datasets.DIGITS_FILE.read_bytes()).hexdigest()
    assert digest == datasets.DIGITS_SHA256
    note = (datasets.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert datasets.DIGITS_SHA256 in note and "CC BY 4.0" in note and "Alpaydin" in note


def test_a_damaged_file_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "digits.csv.gz"
    raw = bytearray(datasets.DIGITS_FILE.read_bytes())
    raw[1000] ^= 0xFF  # one damaged byte
    bad.write_bytes(bytes(raw))
    monkeypatch.setattr(datasets, "DIGITS_FILE", bad)
    with pytest.raises(ValueError, match="SHA-256"):
        nn.datasets.load_digits()


def test_digits_are_the_ones_scikit_learn_ships():
    sk = pytest.importorskip("sklearn.datasets")
    X, y = nn.datasets.load_digits(scale=False)
    ref = sk.load_digits()
    np.testing.assert_array_equal(X, ref.data)
    np.testing.assert_array_equal(y, ref.target)


def test_the_package_does_not_import_scikit_learn():
    import subprocess

    code = (
        "import sys, nnbp_helpers as nn; nn.datasets.load_digits(); print('sklearn' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("make", [nn.datasets.xor, nn.datasets.moons, nn.datasets.spirals])
def test_generators_are_seeded_balanced_and_shaped(make):
    X, y = make(n=101, rng=3)
    X2, y2 = make(n=101, rng=3)
    X3, _ = make(n=101, rng=4)
    assert X.shape == (101, 2) and y.shape == (101,) and y.dtype.kind == "i"
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, X3)
    assert set(np.unique(y)) == {0, 1} and abs(np.mean(y) - 0.5) < 0.15


def test_xor_labels_follow_the_corners_without_noise():
    X, y = nn.datasets.xor(n=50, noise=0.0, rng=0)
    np.testing.assert_array_equal(y, (X[:, 0] != X[:, 1]).astype(int))


def test_train_test_split_partitions_the_rows():
    X = np.arange(20.0).reshape(10, 2)
    y = np.arange(10)
    Xtr, Xte, ytr, yte = nn.datasets.train_test_split(X, y, test_fraction=0.3, rng=0)
    assert Xte.shape == (3, 2) and Xtr.shape == (7, 2)
    assert sorted(np.concatenate([ytr, yte]).tolist()) == list(range(10))
    np.testing.assert_array_equal(Xtr[:, 0], 2 * ytr)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: nn.datasets.load_digits(scale="yes"), TypeError, "scale"),
        (lambda: nn.datasets.moons(n=0), ValueError, "n must be >= 1"),
        (lambda: nn.datasets.xor(noise=-1.0), ValueError, "noise"),
        (lambda: nn.datasets.spirals(turns=0), ValueError, "turns"),
        (
            lambda: nn.datasets.train_test_split(np.ones((4, 2)), np.ones(3)),
            ValueError,
            "one row per row",
        ),
        (
            lambda: nn.datasets.train_test_split(np.ones((4, 2)), np.ones(4), test_fraction=1.0),
            ValueError,
            "test_fraction",
        ),
    ],
)
def test_bad_arguments_are_named(call, error, words):
    with pytest.raises(error, match=words):
        call()
