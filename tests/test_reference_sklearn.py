"""An independent implementation: scikit-learn's MLPClassifier (logistic units, multi-label).

With one sigmoid output per class and the binary log-loss summed over outputs, scikit-learn's
network is the deck's network. Its L2 term is (alpha / 2n) ‖W‖² without the intercepts, so
alpha = λ n gives our (λ/2) Σ Θ². One plain SGD step of learning rate α moves its weights by
−α × its gradient.
"""

import warnings

import numpy as np
import pytest
from sklearn import neural_network as sklearn_mlp  # noqa: E402  (a test dependency: never skipped)

import nnbp_helpers as nn


@pytest.mark.parametrize(
    "sizes, n, lam", [([3, 4, 2], 5, 0.0), ([4, 5, 3, 3], 7, 0.3), ([2, 3, 3, 3, 2], 9, 1.0)]
)
def test_forward_cost_and_gradient_match_scikit_learn(sizes, n, lam):
    rng = np.random.default_rng(sum(sizes) + n)
    thetas = nn.init_weights(sizes, rng, epsilon_init=1.0)
    X = rng.normal(size=(n, sizes[0]))
    Y = (rng.random((n, sizes[-1])) > 0.5).astype(float)
    Y[0], Y[1] = 1.0, 0.0  # every output sees both classes: a multi-label problem
    alpha = 0.1
    clf = sklearn_mlp.MLPClassifier(
        hidden_layer_sizes=sizes[1:-1],
        activation="logistic",
        solver="sgd",
        alpha=lam * n,
        batch_size=n,
        learning_rate_init=alpha,
        momentum=0.0,
        nesterovs_momentum=False,
        shuffle=False,
        max_iter=1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # one iteration does not converge, on purpose
        clf.fit(X, Y)
    assert clf.out_activation_ == "logistic"
    clf.coefs_ = [
        t[:, 1:].T.copy() for t in thetas
    ]  # scikit-learn keeps W = Θ[:, 1:]ᵀ and b = Θ[:, 0]
    clf.intercepts_ = [t[:, 0].copy() for t in thetas]

    np.testing.assert_allclose(
        nn.forward(thetas, X).h,
        clf.predict_proba(X),
        rtol=1e-13,
        err_msg="h: nnbp (actual) vs scikit-learn (desired)",
    )
    clf.partial_fit(X, Y)  # one step: Θ ← Θ − α D
    assert nn.cost(thetas, X, Y, lam) == pytest.approx(clf.loss_, rel=1e-12)
    sk_grads = [
        (t - np.column_stack([b, W.T])) / alpha
        for t, W, b in zip(thetas, clf.coefs_, clf.intercepts_)
    ]
    for l, (mine, gold) in enumerate(zip(nn.backprop(thetas, X, Y, lam), sk_grads), start=1):
        np.testing.assert_allclose(
            mine,
            gold,
            rtol=1e-9,
            atol=1e-12,
            err_msg=f"D^({l}): nnbp (actual) vs scikit-learn (desired)",
        )
