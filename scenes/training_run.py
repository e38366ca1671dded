"""One training run as the training scene drives it: a batch at a time, on a fresh network.

The engine's `Trainer` counts epochs; the loss chart also wants every
batch's loss at its place inside its epoch (batch 3 of 15 in epoch 2 sits
at 2.2), so the run keeps that position for each batch it trains.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from engine import MLP, StoppingRules, Trainer, TrainingSetup


class TrainingRun:
    """The set-up's network, freshly drawn from `seed`, trained on the set-up's data."""

    def __init__(self, setup: TrainingSetup, seed: int, learning_rate: float, batch_size: int,
                 rules: StoppingRules) -> None:
        self.seed = seed
        self.train_size = len(setup.split.train)
        base = setup.net
        net = MLP(base.sizes, base.activation, seed=seed)
        self.trainer = Trainer(net, setup.split, learning_rate, self.batch_of(batch_size), rules, seed, setup.loss)
        self.batch_x: list[float] = []  # epoch position of every batch loss, for the chart
        self.done_in_epoch = 0

    def batch_of(self, size: int) -> int:
        """The batch size that `size` stands for: 0 is the whole training part (plain gradient descent)."""
        return size or self.train_size

    @property
    def batches_in_epoch(self) -> int:
        """Batches of the current epoch (of the next one, between epochs)."""
        if self.trainer.batches_left:
            return self.done_in_epoch + self.trainer.batches_left
        return math.ceil(self.train_size / self.trainer.batch_size)

    def step(self) -> None:
        """One mini-batch, remembering where in its epoch it fell."""
        position = self.trainer.epoch + (self.done_in_epoch + 1) / self.batches_in_epoch
        self.trainer.step_batch()
        self.batch_x.append(position)
        self.done_in_epoch = self.done_in_epoch + 1 if self.trainer.batches_left else 0

    def train_while(self, going: Callable[[], bool]) -> None:
        """Batches until the run stops or `going` says enough."""
        while not self.trainer.stopped and going():
            self.step()
