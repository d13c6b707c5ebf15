"""Seconds per epoch of nn.train against the matrix products alone, scikit-learn and PyTorch.

Run from the repository root:

    .venv/bin/python benchmarks/bench_training.py            # both workloads, float64
    .venv/bin/python benchmarks/bench_training.py --float32  # also nn.train(dtype=np.float32)

Workloads (random data, 10 classes, one hidden layer of sigmoid units):
  small  5000 × 400 → 25 → 10, full batch
  large  60000 × 784 → 128 → 10, mini-batches of 128

"GEMM bound" times only the matrix products one epoch must do, on the same shapes, with numpy's
BLAS: per batch of b rows, z^(2) = X_b Θ^(1)ᵀ, z^(3) = a^(2) Θ^(2)ᵀ, δ^(3) Θ^(2) (for δ^(2)), and
the two gradients δ^(3)ᵀ a^(2) and δ^(2)ᵀ X_b. No training loop can do less work. Every figure is
the best of --repeats runs of --epochs epochs; the ratios compare numbers measured in this one run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import time
import warnings

import numpy as np

import nnbp_helpers as nn

WORKLOADS = {
    "small": dict(n=5000, sizes=[400, 25, 10], batch=None, alpha=1.0),
    "large": dict(n=60000, sizes=[784, 128, 10], batch=128, alpha=0.1),
}


def make_data(n, sizes, dtype=np.float64, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.random((n, sizes[0]), dtype=np.float64).astype(dtype, copy=False)
    y = rng.integers(0, sizes[-1], size=n)
    return X, y


def best_of(repeats, fn):
    """The smallest time per epoch of ``repeats`` calls of ``fn()`` (which returns its epochs)."""
    best = np.inf
    for _ in range(repeats):
        t = time.perf_counter()
        epochs = fn()
        best = min(best, (time.perf_counter() - t) / epochs)
    return best


def gemm_bound(X, sizes, batch, epochs):
    """Only the five matrix products per batch, into preallocated arrays, on slices of X."""
    n, (s1, s2, s3) = X.shape[0], sizes
    b = n if batch is None else batch
    rng = np.random.default_rng(1)
    W1, W2 = rng.random((s2, s1)).astype(X.dtype), rng.random((s3, s2)).astype(X.dtype)
    z2, z3 = np.empty((b, s2), X.dtype), np.empty((b, s3), X.dtype)
    d2, G1, G2 = (
        np.empty((b, s2), X.dtype),
        np.empty((s2, s1), X.dtype),
        np.empty((s3, s2), X.dtype),
    )
    for _ in range(epochs):
        for i in range(0, n, b):
            Xb = X[i : i + b]
            m = Xb.shape[0]
            np.matmul(Xb, W1.T, out=z2[:m])
            np.matmul(z2[:m], W2.T, out=z3[:m])
            np.matmul(z3[:m], W2, out=d2[:m])
            np.matmul(z3[:m].T, z2[:m], out=G2)
            np.matmul(d2[:m].T, Xb, out=G1)
    return epochs


def run_nnbp(X, y, w, epochs, dtype=np.float64):
    kw = {} if dtype == np.float64 else {"dtype": dtype}
    nn.train(X, y, w["sizes"], alpha=w["alpha"], epochs=epochs, batch_size=w["batch"], rng=0, **kw)
    return epochs


def run_sklearn(X, y, w, epochs):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    n = X.shape[0]
    clf = MLPClassifier(
        hidden_layer_sizes=(w["sizes"][1],),
        activation="logistic",
        solver="sgd",
        batch_size=n if w["batch"] is None else w["batch"],
        learning_rate_init=w["alpha"],
        momentum=0.0,
        nesterovs_momentum=False,
        alpha=0.0,
        max_iter=epochs,
        tol=1e-12,
        n_iter_no_change=10**6,
        early_stopping=False,
        shuffle=True,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    return clf.n_iter_


def run_torch(X, y, w, epochs):
    import torch

    torch.manual_seed(0)
    s1, s2, s3 = w["sizes"]
    model = torch.nn.Sequential(
        torch.nn.Linear(s1, s2), torch.nn.Sigmoid(), torch.nn.Linear(s2, s3)
    ).double()
    opt = torch.optim.SGD(model.parameters(), lr=w["alpha"], momentum=0.0)
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(np.eye(s3)[y])
    loss_fn = torch.nn.BCEWithLogitsLoss()  # the same cost as nn.train: K sigmoid outputs
    n, b = X.shape[0], X.shape[0] if w["batch"] is None else w["batch"]
    for _ in range(epochs):
        order = torch.randperm(n)
        for i in range(0, n, b):
            idx = order[i : i + b]
            opt.zero_grad(set_to_none=True)
            loss_fn(model(Xt[idx]), Yt[idx]).backward()
            opt.step()
    return epochs


def main():
    p = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    p.add_argument("--workloads", nargs="+", default=list(WORKLOADS), choices=list(WORKLOADS))
    p.add_argument(
        "--epochs", type=int, default=None, help="epochs per timed run (default: 20 small, 5 large)"
    )
    p.add_argument(
        "--repeats", type=int, default=3, help="timed runs per contender; the best is kept"
    )
    p.add_argument(
        "--float32", action="store_true", help="also time nn.train(..., dtype=np.float32)"
    )
    p.add_argument(
        "--threads",
        type=int,
        default=None,
        help="BLAS threads for every contender (needs threadpoolctl; default: leave BLAS alone)",
    )
    p.add_argument("--no-sklearn", action="store_true")
    args = p.parse_args()
    with blas_threads(args.threads):
        run(args)


def blas_threads(n):
    """Limit numpy's (and PyTorch's) BLAS to n threads while the benchmark runs (None: as is)."""
    if n is None:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits

    if importlib.util.find_spec("torch") is not None:
        import torch

        torch.set_num_threads(n)
    return threadpool_limits(limits=n, user_api="blas")


def run(args):

    has_torch = importlib.util.find_spec("torch") is not None
    blas_env = {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS", "OMP_", "MKL_"))}
    print(
        f"numpy {np.__version__}, {os.cpu_count()} CPUs, BLAS environment: {blas_env or 'none set'}"
    )
    threads = "as configured" if args.threads is None else args.threads
    print(f"seconds per epoch, float64, best of {args.repeats}, BLAS threads: {threads}\n")
    for name in args.workloads:
        w = WORKLOADS[name]
        epochs = args.epochs or (20 if w["batch"] is None else 5)
        X, y = make_data(w["n"], w["sizes"])
        shape = f"{w['n']}×{w['sizes'][0]}→{w['sizes'][1]}→{w['sizes'][2]}"
        print(
            f"{name}: {shape}, "
            + ("full batch" if w["batch"] is None else f"batch {w['batch']}")
            + f", {epochs} epochs per run"
        )
        contenders = {
            "GEMM bound": lambda: gemm_bound(X, w["sizes"], w["batch"], epochs),
            "nn.train": lambda: run_nnbp(X, y, w, epochs),
        }
        if args.float32:
            X32 = X.astype(np.float32)
            contenders["GEMM bound float32"] = lambda: gemm_bound(
                X32, w["sizes"], w["batch"], epochs
            )
            contenders["nn.train float32"] = lambda: run_nnbp(X, y, w, epochs, dtype=np.float32)
        if not args.no_sklearn:
            contenders["scikit-learn MLPClassifier"] = lambda: run_sklearn(X, y, w, epochs)
        if has_torch:
            contenders["PyTorch (CPU)"] = lambda: run_torch(X, y, w, epochs)
        if w["batch"] is None:  # warm-up (page faults, BLAS threads) on the fast workload
            for fn in contenders.values():
                fn()
        times = dict.fromkeys(contenders, np.inf)
        for _ in range(args.repeats):  # round robin: a busy spell slows every contender alike
            for label, fn in contenders.items():
                times[label] = min(times[label], best_of(1, fn))
        bound = times["GEMM bound"]
        for label, t in times.items():
            ref = times["GEMM bound float32"] if label == "nn.train float32" else bound
            print(
                f"  {label:<28s} {t:8.4f} s/epoch   {t / ref:5.2f}× GEMM bound"
                + (" (float32)" if label.endswith("float32") else "")
            )
        if not has_torch:
            print("  PyTorch                      not installed (optional)")
        print()


if __name__ == "__main__":
    main()
