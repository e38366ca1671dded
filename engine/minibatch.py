"""Gradient descent on a line fit, one mini-batch at a time: the path SGD takes.

`MiniBatchWalk` walks the two parameters (w, b) of `LineFitLoss` downhill.
Each epoch shuffles the samples and cuts them into batches (`data.batches`);
each step follows the gradient of one batch only. With a batch of all
samples this is plain (full-batch) gradient descent: one step per epoch,
along the true gradient. Smaller batches take more, cheaper, noisier steps
per epoch. `samples_seen` counts the gradient evaluations spent, so walks
with different batch sizes can be compared at equal cost.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from engine.data import batches
from engine.functions import LineFitLoss


class MiniBatchWalk:
    """(w, b) from `start`, moved by `learning_rate` times the gradient of one batch per step."""

    def __init__(self, loss: LineFitLoss, start: tuple[float, float], learning_rate: float,
                 batch_size: int, seed: int = 0):
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if not (np.isfinite(learning_rate) and learning_rate > 0):
            raise ValueError(f"learning_rate must be a number > 0, got {learning_rate!r}")
        self.loss, self.learning_rate = loss, float(learning_rate)
        self.batch_size = min(int(batch_size), len(loss.x))
        self.path: list[np.ndarray] = [np.array(start, dtype=float)]
        self.iterations = 0
        self.epochs = 0  # completed epochs
        self.samples_seen = 0
        self._rng = np.random.default_rng(seed)
        self.order: list[np.ndarray] = batches(len(loss.x), self.batch_size, self._rng)
        self.batch_index = 0  # the batch the next step uses, within `order`

    @property
    def position(self) -> np.ndarray:
        return self.path[-1]

    @property
    def steps_per_epoch(self) -> int:
        return len(self.order)

    def step(self) -> np.ndarray:
        """One step on the next batch; returns the indices of the samples it used.

        After the last batch of an epoch the next epoch's order is drawn.
        """
        idx = self.order[self.batch_index]
        w, b = self.position
        self.path.append(self.position - self.learning_rate * self.loss.batch_gradient(w, b, idx))
        self.iterations += 1
        self.samples_seen += len(idx)
        self.batch_index += 1
        if self.batch_index == len(self.order):
            self.epochs += 1
            self.batch_index = 0
            self.order = batches(len(self.loss.x), self.batch_size, self._rng)
        return idx

    def current_loss(self) -> float:
        """The full loss L(w, b) where the walk stands now."""
        return float(self.loss.loss(*self.position))


def gradient_spread(loss: LineFitLoss, point: tuple[float, float] | np.ndarray, batch_size: int) -> float:
    """√E‖g_B - ∇L‖² at `point`: the root-mean-square distance between the gradient g_B of a
    random batch of `batch_size` samples (drawn without replacement) and the full gradient ∇L.

    With σ² the mean squared distance of a single sample's gradient from ∇L, it is
    σ / √B · √((n - B) / (n - 1)), the variance of a sample mean drawn without replacement.
    """
    return gradient_spreads(loss, point, (batch_size,))[0]


def gradient_spreads(loss: LineFitLoss, point: tuple[float, float] | np.ndarray, batch_sizes: Sequence[int]) -> list[float]:
    """`gradient_spread` for each of `batch_sizes`, from one look at the samples' gradients."""
    per_example = loss.example_gradients(*point)
    n = len(per_example)
    if n == 1:
        return [0.0] * len(batch_sizes)
    sigma2 = float(np.mean(np.sum((per_example - per_example.mean(axis=0)) ** 2, axis=1)))
    sizes = [min(int(size), n) for size in batch_sizes]
    return [float(np.sqrt(sigma2 / size * (n - size) / (n - 1))) for size in sizes]


def walk_for(loss: LineFitLoss, start: tuple[float, float], learning_rate: float, batch_size: int,
             examples: int, seed: int = 0) -> MiniBatchWalk:
    """SGD with `batch_size` once it has spent `examples` example gradients (whole steps only:
    it stops at the first step that reaches the budget, or where it blew up)."""
    walk = MiniBatchWalk(loss, start, learning_rate, batch_size, seed)
    with np.errstate(over="ignore", invalid="ignore"):  # a far too large rate may blow up: inf is an answer
        while walk.samples_seen < examples and np.isfinite(walk.position).all():
            walk.step()
    return walk


def loss_after(loss: LineFitLoss, start: tuple[float, float], learning_rate: float, batch_size: int,
               examples: int, seed: int = 0) -> float:
    """The full loss where SGD with `batch_size` stands once it has spent `examples` example gradients."""
    walk = walk_for(loss, start, learning_rate, batch_size, examples, seed)
    with np.errstate(over="ignore", invalid="ignore"):
        return walk.current_loss()

