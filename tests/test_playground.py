"""The training playground without a browser: it trains exactly as ``nn.train`` does from the same
start, its controls drive the run, and the numbers it shows are the reference's."""

import io
import re
from contextlib import redirect_stdout

import numpy as np
import pytest

import nnbp_helpers as nn
from nnbp_helpers.viz import playground as pg

PNG = b"\x89PNG"


def _start(
    seed=0, dataset="moons", n=200, noise=None, validation=0.25, sizes=(2, 8, 8, 1), eps=0.12
):
    """What TrainingRun draws from its seed, in its order:
    data, split, random start; and the generator."""
    rng = np.random.default_rng(seed)
    X, y = {"xor": nn.datasets.xor, "moons": nn.datasets.moons, "spirals": nn.datasets.spirals}[
        dataset
    ](n=n, noise=pg.DEFAULT_NOISE[dataset] if noise is None else noise, rng=rng)
    X_tr, X_val, y_tr, y_val = nn.datasets.train_test_split(X, y, test_fraction=validation, rng=rng)
    return X_tr, X_val, y_tr, y_val, nn.init_weights(list(sizes), rng, epsilon_init=eps), rng


@pytest.mark.parametrize("batch_size", [None, 10])
@pytest.mark.parametrize("dataset", ["xor", "moons", "spirals"])
def test_training_in_chunks_gives_nn_train_numbers(dataset, batch_size):
    run = pg.TrainingRun(
        dataset, hidden=(8, 8), alpha=2.0, lam=0.001, batch_size=batch_size, seed=3
    )
    for chunk in (1, 4, 10, 5):
        run.train(chunk)
    X_tr, X_val, y_tr, y_val, start, rng = _start(3, dataset)
    np.testing.assert_array_equal(run.X_train, X_tr)
    np.testing.assert_array_equal(run.X_val, X_val)
    for a, b in zip(run.start, start):
        np.testing.assert_array_equal(a, b)
    seen = []
    ref = nn.train(
        X_tr,
        y_tr,
        [2, 8, 8, 1],
        alpha=2.0,
        lam=0.001,
        epochs=20,
        batch_size=batch_size,
        rng=rng,
        initial_thetas=start,
        callback=lambda e, J, th: seen.append([t.copy() for t in th]),
    )
    assert run.epoch == 20 and run.epochs == list(range(21))
    for a, b in zip(run.thetas, ref.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    # J after each epoch: the reference cost at the weights nn.train reached, on both parts
    assert run.J_train[0] == nn.cost(start, X_tr, y_tr, 0.001)
    for k, thetas in enumerate(seen, start=1):
        assert abs(run.J_train[k] - nn.cost(thetas, X_tr, y_tr, 0.001)) < 1e-12
        assert abs(run.J_val[k] - nn.cost(thetas, X_val, y_val, 0.001)) < 1e-12


def test_alpha_changed_mid_run_is_two_nn_train_calls():
    run = pg.TrainingRun("xor", alpha=1.0, seed=1)
    run.train(7)
    run.alpha = 10.0
    run.train(5)
    X_tr, _, y_tr, _, start, rng = _start(1, "xor")
    first = nn.train(X_tr, y_tr, [2, 8, 8, 1], alpha=1.0, epochs=7, rng=rng, initial_thetas=start)
    second = nn.train(
        X_tr, y_tr, [2, 8, 8, 1], alpha=10.0, epochs=5, rng=rng, initial_thetas=first.thetas
    )
    for a, b in zip(run.thetas, second.thetas):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


@pytest.mark.parametrize("init", ["equal", "zero"])
def test_a_symmetric_start_keeps_every_hidden_unit_the_same(init):
    run = pg.TrainingRun("moons", hidden=(4, 3), init=init, seed=0).train(60)
    grid = run.activations_on_grid(16)
    for l in (2, 3):
        pictures = grid[l]
        np.testing.assert_allclose(
            pictures, pictures[:, :, :1].repeat(pictures.shape[2], axis=2), atol=1e-12
        )
    random = pg.TrainingRun("moons", hidden=(4, 3), seed=0).train(60).activations_on_grid(16)
    assert np.ptp(random[2], axis=2).max() > 0.1  # a random start breaks the symmetry


def test_overflowing_weights_stop_the_run_with_a_message():
    # α λ = 50 > 2: |Θ| grows 49× an epoch
    run = pg.TrainingRun("xor", alpha=100.0, lam=0.5).train(400)
    assert run.diverged and run.epoch < 400
    assert all(np.all(np.isfinite(t)) for t in run.thetas)
    assert len(run.epochs) == len(run.J_train) == len(run.J_val) == run.epoch + 1
    assert "lower α or λ" in pg.readout_html(run)
    before = run.epoch
    assert run.train(10).epoch == before  # nothing more until Reset
    assert run.reset().epoch == 0 and not run.diverged


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"dataset": "circles"}, ValueError),
        ({"init": "ones"}, ValueError),
        ({"hidden": 8}, TypeError),
        ({"hidden": (8, 0)}, ValueError),
        ({"alpha": 0}, ValueError),
        ({"lam": -1}, ValueError),
        ({"batch_size": 0}, ValueError),
        ({"validation": 1.0}, ValueError),
        ({"seed": -1}, ValueError),
    ],
)
def test_training_run_validates(kwargs, error):
    with pytest.raises(error):
        pg.TrainingRun(**kwargs)


def _shown(box, name):
    return re.search(rf"class='nnbp-pg-{name}'>([^<]+)<", box.controls["readout"].value).group(1)


def test_the_widget_follows_its_controls_and_shows_the_reference_numbers():
    out = io.StringIO()
    with redirect_stdout(out):
        box = pg.playground(dataset="xor", alpha=2.0, epochs_per_frame=5, seed=2)
    assert out.getvalue() == ""  # the package never prints
    c, run = box.controls, box.run
    first = bytes(c["image"].value)
    assert first.startswith(PNG) and _shown(box, "epoch") == "0"
    for tick in range(1, 5):  # four ticks of Play
        c["play"].value = tick
    assert run.epoch == 20 and _shown(box, "epoch") == "20"
    assert bytes(c["image"].value) != first
    assert float(_shown(box, "jtrain")) == pytest.approx(
        nn.cost(run.thetas, run.X_train, run.y_train), abs=6e-4
    )
    assert float(_shown(box, "jval")) == pytest.approx(
        nn.cost(run.thetas, run.X_val, run.y_val), abs=6e-4
    )
    acc = np.mean(nn.predict(run.thetas, run.X_train) == run.y_train)
    assert _shown(box, "acc") == f"{acc:.0%}"
    assert re.search(
        r"nnbp-pg-alt' role='img' [^>]*aria-label='A 2-8-8-1 network [^']*epoch 20",
        c["readout"].value,
    )

    c["play"].value = 0  # Stop: back to 0, no training
    assert run.epoch == 20
    c["step"].click()
    assert run.epoch == 21
    c["speed"].value = 7
    c["play"].value = 1
    assert run.epoch == 28

    c["alpha"].value = 0.5  # mid-run: the same run goes on
    c["lam"].value = 0.01
    c["batch"].value = 10
    assert (run.alpha, run.lam, run.batch_size, run.epoch) == (0.5, 0.01, 10, 28)

    c["reset"].click()
    assert run.epoch == 0 and _shown(box, "epoch") == "0"
    assert float(_shown(box, "jtrain")) == pytest.approx(run.J_train[0], abs=6e-4)

    c["layers"].value = 1  # a new architecture: a new run
    c["units"].value = 3
    assert run.layer_sizes == [2, 3, 1] and run.epoch == 0
    c["init"].value = "zero"
    assert all(np.all(t == 0) for t in run.thetas)
    c["dataset"].value = "spirals"
    assert run.dataset == "spirals" and run.noise == c["noise"].value
    c["seed"].value = 5
    assert run.seed == 5


def test_controls_choose_what_a_lecture_shows():
    box = pg.playground(controls=("play", "alpha"), views=("boundary",))
    shown = {
        cls
        for child in box.children
        for w in getattr(child, "children", [child])
        for cls in w._dom_classes
    }
    assert "nnbp-pg-play" in shown and "nnbp-pg-alpha" in shown
    assert "nnbp-pg-step" not in shown and "nnbp-pg-seed" not in shown
    with pytest.raises(ValueError, match="unknown"):
        pg.playground(controls=("play", "speeed"))
    with pytest.raises(ValueError, match="views"):
        pg.playground(views=("loss",))
    assert "run this cell" in repr(box)


@pytest.mark.parametrize(
    "views",
    [
        ("network",),
        ("boundary",),
        ("cost",),
        ("gradients",),
        ("network", "boundary", "cost", "gradients"),
        ("boundary", "cost"),
    ],
)
def test_every_view_draws_and_blitting_draws_the_same_picture(views):
    run = pg.TrainingRun("moons", hidden=(5, 4)).train(30)
    fast = pg.PlaygroundFigure(run, views=views)
    slow = pg.PlaygroundFigure(run, views=views, blit=False)
    assert fast.png().startswith(PNG)
    for _ in range(2):  # the second frame comes from the background
        run.train(5)
        fast.update(run)
        slow.update(run)
        a, b = fast.render().astype(int), slow.render().astype(int)
        assert a.shape == b.shape
        # (the same up to the axes frame, which the moving picture covers by half a line)
        assert np.mean(np.abs(a - b)) < 2.0, f"{views}: blitted frame differs from a full redraw"


def test_gradients_view_shows_the_reference_sizes():
    run = pg.TrainingRun("xor", hidden=(4, 4), lam=0.01).train(10)
    d, D = run.blame_sizes()
    ref_d = nn.deltas(run.thetas, run.X_train, run.y_train)
    ref_D = nn.backprop(run.thetas, run.X_train, run.y_train, 0.01)
    assert d == {l: pytest.approx(np.mean(np.abs(ref_d[l]))) for l in (2, 3, 4)}
    assert D == {l: pytest.approx(np.mean(np.abs(ref_D[l - 1]))) for l in (1, 2, 3)}


def test_recorded_run_plays_without_a_kernel_or_a_network():
    page = pg.playground_animation_html(epochs=40, frames=3, dataset="xor", hidden=(3,))
    # the frames, and frame 0 again in the <img>
    assert page.count("data:image/png;base64,") == 3 + 1
    assert "http" not in page and "font-awesome" not in page
    assert re.search(
        r'<img id="_anim_img\w+" src="data:image/png;base64,[^"]+" alt="Recorded training run', page
    )


def test_reset_keeps_the_architecture_it_was_given():
    box = pg.playground(hidden=(4, 2))
    box.controls["play"].value = 1
    box.controls["reset"].click()
    assert box.run.layer_sizes == [2, 4, 2, 1] and box.run.epoch == 0
    box.controls["dataset"].value = "xor"  # its own noise, one new run
    assert box.run.dataset == "xor" and box.run.noise == pg.DEFAULT_NOISE["xor"]
    assert box.run.layer_sizes == [2, 4, 2, 1]


def test_alpha_and_lambda_stay_what_the_caller_gave_when_drawn():
    """A slider with continuous_update sends its value back, moved to its nearest step, as soon as
    the browser draws it (α = 3 on the 0.05-decade scale would become 3.16); α and λ take effect on
    release."""
    box = pg.playground(alpha=3.0, lam=0.0003)
    for name in ("alpha", "lam"):
        assert box.controls[name].continuous_update is False, name
    assert (box.run.alpha, box.run.lam) == (3.0, 0.0003)
