"""Bad input gets a ValueError / TypeError naming the argument, never a numpy broadcasting error."""

import numpy as np
import pytest

import nnbp_helpers as nn

THETAS = nn.init_weights([2, 3, 2], rng=0)
X = np.array([[0.5, -1.0], [1.0, 2.0], [0.0, 0.3]])
Y = np.array([0, 1, 1])


def raises(exc, *words):
    """pytest.raises that also demands every word in the message."""

    class _Ctx:
        def __enter__(self):
            self.ctx = pytest.raises(exc)
            self.info = self.ctx.__enter__()
            return self.info

        def __exit__(self, *a):
            out = self.ctx.__exit__(*a)
            msg = str(self.info.value)
            for w in words:
                assert w in msg, f"{w!r} missing from the message: {msg}"
            return out

    return _Ctx()


FUNCS = [nn.cost, nn.backprop, nn.backprop_loop, nn.gradient_check]


@pytest.mark.parametrize("f", FUNCS)
def test_X_with_the_wrong_number_of_features(f):
    with raises(ValueError, "X", "3 column", "expects 2"):
        f(THETAS, np.ones((3, 3)), Y)


@pytest.mark.parametrize("f", [nn.forward, nn.predict])
def test_forward_and_predict_check_X(f):
    with raises(ValueError, "X", "expects 2"):
        f(THETAS, np.ones((3, 5)))
    with raises(ValueError, "X", "2-D", "3-D"):
        f(THETAS, np.ones((3, 2, 1)))
    with raises(ValueError, "X", "empty batch"):
        f(THETAS, np.ones((0, 2)))


@pytest.mark.parametrize("f", FUNCS)
def test_thetas_that_do_not_chain(f):
    bad = [np.ones((3, 3)), np.ones((2, 5))]
    with raises(ValueError, "thetas[1]", "(2, 5)", "needs 4 columns"):
        f(bad, X, Y)


def test_theta_without_its_bias_column():
    with raises(ValueError, "thetas[1]", "is the bias column missing"):
        nn.cost([np.ones((3, 3)), np.ones((2, 3))], X, Y)
    with raises(ValueError, "X", "Θ^(1)'s bias column missing"):
        nn.cost([np.ones((3, 2)), np.ones((2, 4))], X, Y)


def test_thetas_of_the_wrong_kind():
    with raises(ValueError, "thetas", "empty"):
        nn.cost([], X, Y)
    with raises(ValueError, "thetas[0]", "2-D", "1-D"):
        nn.forward([np.ones(3)], X)
    with raises(TypeError, "thetas", "list", "roll"):
        nn.cost(nn.unroll(THETAS), X, Y)
    with raises(TypeError, "thetas[0]", "numeric"):
        nn.forward([np.array([["a", "b", "c"]])], X)


@pytest.mark.parametrize(
    "bad, words",
    [
        (np.array([0, 1, 2]), ["y", "0..1", "2"]),
        (np.array([0, 1, -1]), ["y", "0..1", "-1"]),
        (np.array([0.0, 0.5, 1.0]), ["y", "whole numbers"]),
        (np.array([0, 1]), ["y", "2 rows", "X has 3"]),
        (np.ones((3, 3)), ["y", "(3, 3)", "K = 2", "(3, 2)"]),
        (np.full((3, 2), 2.0), ["y", "[0, 1]"]),
        (np.array([0, 1, np.nan]), ["y", "NaN"]),
        (np.ones((3, 2, 1)), ["y", "shape (n,)"]),
    ],
)
def test_bad_labels_and_targets(bad, words):
    with raises(ValueError, *words):
        nn.cost(THETAS, X, bad)
    with raises(ValueError, *words):
        nn.backprop(THETAS, X, bad)


def test_labels_counted_from_one_get_a_hint():
    thetas = nn.init_weights([2, 3, 3], rng=0)
    with raises(ValueError, "0..2", "start at 0"):
        nn.cost(thetas, X, np.array([1, 2, 3]))


def test_non_numeric_inputs():
    with raises(TypeError, "y", "numeric"):
        nn.cost(THETAS, X, np.array(["a", "b", "c"]))
    with raises(TypeError, "X", "numeric"):
        nn.cost(THETAS, "X", Y)
    with raises(TypeError, "X", "numeric"):
        nn.cost(THETAS, [[1, 2], [3]], Y)


def test_nan_and_inf():
    with raises(ValueError, "X", "NaN"):
        nn.cost(THETAS, np.array([[np.nan, 1.0], [1, 2], [3, 4]]), Y)
    with raises(ValueError, "thetas[1]", "NaN or infinite"):
        nn.cost([THETAS[0], np.full((2, 4), np.inf)], X, Y)


def test_lam():
    with raises(ValueError, "lam", ">= 0", "-0.1"):
        nn.cost(THETAS, X, Y, lam=-0.1)
    with raises(TypeError, "lam", "real number"):
        nn.backprop(THETAS, X, Y, lam="0.1")
    with raises(ValueError, "lam", "finite"):
        nn.backprop(THETAS, X, Y, lam=float("nan"))


def test_roll_and_unroll():
    with raises(ValueError, "vec", "20 entries", "P = 17"):
        nn.roll(np.zeros(20), [2, 3, 2])
    with raises(ValueError, "vec", "1-D"):
        nn.roll(np.zeros((17, 1)), [2, 3, 2])
    with raises(TypeError, "thetas"):
        nn.unroll(np.zeros(17))


@pytest.mark.parametrize(
    "sizes, exc, words",
    [
        ([3], ValueError, ["layer_sizes", "at least two"]),
        ([3, 0, 1], ValueError, ["layer_sizes", "zero-sized"]),
        ([3, 2.5, 1], TypeError, ["layer_sizes", "ints"]),
        ("3,2,1", TypeError, ["layer_sizes", "list of ints"]),
        (5, TypeError, ["layer_sizes"]),
    ],
)
def test_layer_sizes(sizes, exc, words):
    with raises(exc, *words):
        nn.init_weights(sizes)
    with raises(exc, *words):
        nn.train(X, Y, sizes, alpha=0.1)


def test_epsilons():
    with raises(ValueError, "epsilon_init", "> 0"):
        nn.init_weights([2, 2], epsilon_init=0)
    with raises(ValueError, "epsilon", "> 0"):
        nn.numerical_gradient(np.sum, np.ones(3), epsilon=-1e-4)
    with raises(ValueError, "epsilon", "> 0"):
        nn.gradient_check(THETAS, X, Y, epsilon=0.0)


def test_numerical_gradient_arguments():
    with raises(TypeError, "f", "function"):
        nn.numerical_gradient(3.0, np.ones(3))
    with raises(ValueError, "f", "single number"):
        nn.numerical_gradient(lambda v: v, np.ones(3))
    with raises(ValueError, "vec", "1-D"):
        nn.numerical_gradient(np.sum, np.ones((2, 2)))


def test_train_arguments():
    with raises(ValueError, "alpha", "> 0"):
        nn.train(X, Y, [2, 3, 2], alpha=0)
    with raises(ValueError, "epochs", ">= 0", "-1"):
        nn.train(X, Y, [2, 3, 2], alpha=0.1, epochs=-1)
    with raises(TypeError, "epochs", "int"):
        nn.train(X, Y, [2, 3, 2], alpha=0.1, epochs=2.5)
    with raises(ValueError, "batch_size", ">= 1"):
        nn.train(X, Y, [2, 3, 2], alpha=0.1, batch_size=0)
    with raises(ValueError, "X", "3 column", "expects 2"):
        nn.train(np.ones((3, 3)), Y, [2, 3, 2], alpha=0.1)
    with raises(ValueError, "y", "0..1"):
        nn.train(X, np.array([0, 1, 5]), [2, 3, 2], alpha=0.1)
    with raises(TypeError, "callback"):
        nn.train(X, Y, [2, 3, 2], alpha=0.1, callback=3)
    with raises(ValueError, "initial_thetas", "[2, 3, 2]"):
        nn.train(X, Y, [2, 3, 2], alpha=0.1, initial_thetas=nn.init_weights([2, 4, 2]))


def test_sigmoid_of_non_numbers():
    with raises(TypeError, "z", "numeric"):
        nn.sigmoid("1.0x")
    with raises(TypeError, "z", "numeric"):
        nn.sigmoid_gradient([[1.0], [2.0, 3.0]])


@pytest.mark.parametrize(
    "y, K, exc, words",
    [
        ([0, 3], 3, ValueError, ["y", "0..2", "start at 0"]),
        ([0.5, 1], 2, ValueError, ["y", "whole numbers"]),
        ([[0, 1]], 2, ValueError, ["y", "shape (n,)"]),
        ("01", 2, TypeError, ["y"]),
        ([1 + 0j], 2, TypeError, ["y", "real"]),
        ([0, 1], 0, ValueError, ["K", ">= 1"]),
        ([0, 1], 2.0, TypeError, ["K", "int"]),
    ],
)
def test_one_hot_arguments(y, K, exc, words):
    with raises(exc, *words):
        nn.one_hot(y, K)


@pytest.mark.parametrize(
    "sizes", [{2, 3, 1}, {2: "in", 3: "hidden", 1: "out"}, np.array([[2, 3, 1]])]
)
def test_layer_sizes_must_come_in_order(sizes):
    with raises(TypeError, "layer_sizes", "layer order"):
        nn.init_weights(sizes)
    with raises(TypeError, "layer_sizes", "layer order"):
        nn.train(X, Y, sizes, alpha=0.1)


def test_complex_labels_and_targets():
    with raises(TypeError, "y", "real"):
        nn.cost(THETAS, X, Y + 0j)
    with raises(TypeError, "y", "real"):
        nn.train(X, np.eye(2)[Y] + 1j, [2, 3, 2], alpha=0.1)


@pytest.mark.parametrize("z", [None, "1.5", b"1", [None], 1 + 2j])
def test_sigmoid_rejects_what_is_not_a_real_number(z):
    with raises(TypeError, "z"):
        nn.sigmoid(z)
    with raises(TypeError, "z"):
        nn.sigmoid_gradient(z)
    with raises(TypeError, "z"):
        nn.softplus(z)


@pytest.mark.parametrize(
    "rng, exc", [("abc", TypeError), (1.5, TypeError), (True, TypeError), (-1, ValueError)]
)
def test_rng_is_a_seed_or_a_generator(rng, exc):
    for make in (
        lambda: nn.init_weights([2, 3], rng=rng),
        lambda: nn.train(X, Y, [2, 3, 2], 0.1, rng=rng),
        lambda: nn.datasets.xor(rng=rng),
        lambda: nn.datasets.train_test_split(X, Y, rng=rng),
    ):
        with raises(exc, "rng"):
            make()
    assert np.array_equal(
        nn.init_weights([2, 3], rng=np.random.default_rng(5))[0], nn.init_weights([2, 3], rng=5)[0]
    )
