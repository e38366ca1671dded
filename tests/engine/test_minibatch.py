"""MiniBatchWalk: full batches are plain gradient descent; every epoch uses each sample once."""

import numpy as np

from itertools import combinations

import pytest

from engine.data import batches
from engine.functions import LineFitLoss, central_difference, line_data
from engine.minibatch import MiniBatchWalk, gradient_spread, gradient_spreads, loss_after


def make_loss() -> LineFitLoss:
    return LineFitLoss(*line_data(64, seed=0))


def test_a_batch_of_everything_is_gradient_descent():
    loss = make_loss()
    walk = MiniBatchWalk(loss, (-1.0, 4.0), 0.1, batch_size=64, seed=3)
    point = np.array([-1.0, 4.0])
    for _ in range(5):
        walk.step()
        point = point - 0.1 * loss.gradient(*point)
    assert np.allclose(walk.position, point)
    assert (walk.iterations, walk.epochs, walk.samples_seen) == (5, 5, 320)


def test_each_epoch_uses_every_sample_once_then_reshuffles():
    walk = MiniBatchWalk(make_loss(), (0.0, 0.0), 0.05, batch_size=8, seed=1)
    first_order = [b.copy() for b in walk.order]
    used = np.concatenate([walk.step() for _ in range(8)])
    assert sorted(used.tolist()) == list(range(64))
    assert walk.epochs == 1 and walk.batch_index == 0
    assert not all(np.array_equal(a, b) for a, b in zip(first_order, walk.order))


def test_one_step_follows_its_batch_gradient():
    loss = make_loss()
    walk = MiniBatchWalk(loss, (1.0, 2.0), 0.2, batch_size=1, seed=0)
    idx = walk.step()
    assert np.allclose(walk.position, np.array([1.0, 2.0]) - 0.2 * loss.batch_gradient(1.0, 2.0, idx))


def test_small_batches_still_get_close_to_the_minimum():
    loss = make_loss()
    walk = MiniBatchWalk(loss, (-1.0, 4.0), 0.05, batch_size=8, seed=0)
    for _ in range(8 * 40):
        walk.step()
    assert np.linalg.norm(walk.position - np.array(loss.minimum)) < 0.3
    assert walk.current_loss() < loss.loss(-1.0, 4.0) / 10


def test_example_gradients_average_to_the_gradient_and_match_central_differences():
    loss = make_loss()
    per_example = loss.example_gradients(0.5, -1.0)
    assert per_example.shape == (64, 2)
    assert np.allclose(per_example.mean(axis=0), loss.gradient(0.5, -1.0))
    x, y = loss.x[3], loss.y[3]
    own = lambda w, b: (w * x + b - y) ** 2  # noqa: E731
    assert np.isclose(per_example[3, 0], central_difference(lambda w: own(w, -1.0), 0.5))
    assert np.isclose(per_example[3, 1], central_difference(lambda b: own(0.5, b), -1.0))
    assert np.allclose(per_example[[3, 7]].mean(axis=0), loss.batch_gradient(0.5, -1.0, np.array([3, 7])))


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 6])
def test_gradient_spread_is_the_rms_over_every_possible_batch(size):
    """Six samples: average ‖g_B - ∇L‖² over all C(6, B) batches by hand."""
    loss = LineFitLoss(*line_data(6, seed=4))
    point = (0.3, 2.0)
    full = loss.gradient(*point)
    squared = [np.sum((loss.batch_gradient(*point, np.array(batch)) - full) ** 2)
               for batch in combinations(range(6), size)]
    assert np.isclose(gradient_spread(loss, point, size), np.sqrt(np.mean(squared)))
    assert np.isclose(gradient_spreads(loss, point, (6, size, 1))[1], np.sqrt(np.mean(squared)))  # several at once


def test_gradient_spread_shrinks_like_one_over_root_b():
    loss = make_loss()
    point = (-1.5, 4.0)
    spread = {size: gradient_spread(loss, point, size) for size in (1, 4, 8, 16, 32, 64)}
    sigma = spread[1]
    for size, value in spread.items():
        assert np.isclose(value, sigma / np.sqrt(size) * np.sqrt((64 - size) / 63))
    assert 0.45 < spread[4] / spread[1] < 0.5, "four times the batch: about half the spread"
    assert spread[64] == 0.0, "the whole data set is the full gradient"


@pytest.mark.slow
def test_gradient_spread_matches_the_batches_sgd_draws():
    loss = make_loss()
    point = (-1.5, 4.0)
    rng = np.random.default_rng(0)
    full = loss.gradient(*point)
    for size in (1, 8):
        drawn = [loss.batch_gradient(*point, batch) for _ in range(400) for batch in batches(64, size, rng)]
        rms = np.sqrt(np.mean([np.sum((g - full) ** 2) for g in drawn]))
        assert abs(rms / gradient_spread(loss, point, size) - 1) < 0.05


def test_loss_after_spends_the_same_number_of_example_gradients():
    loss = make_loss()
    start = (-1.5, 4.0)
    gd = MiniBatchWalk(loss, start, 0.1, 64)
    gd.step(), gd.step()
    assert loss_after(loss, start, 0.1, 64, 128) == gd.current_loss()
    sgd = MiniBatchWalk(loss, start, 0.1, 8, seed=3)
    for _ in range(16):
        sgd.step()
    assert loss_after(loss, start, 0.1, 8, 128, seed=3) == sgd.current_loss()
    assert loss_after(loss, start, 1e6, 1, 64) == np.inf or not np.isfinite(loss_after(loss, start, 1e6, 1, 64))
