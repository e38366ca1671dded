"""MiniBatchWalk: full batches are plain gradient descent; every epoch uses each sample once."""

import numpy as np

from engine.functions import LineFitLoss, line_data
from engine.minibatch import MiniBatchWalk


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
