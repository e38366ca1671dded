"""Training: mini-batch stochastic gradient descent over epochs, with stopping rules.

One epoch shuffles the training part and walks through it in mini-batches;
after every batch the network takes one gradient descent step on that
batch's loss. A batch of 1 is "pure" SGD, a batch of the whole part is plain
gradient descent. After every epoch the training and validation parts are
measured and the stopping rules decide whether to go on. The test part is
looked at exactly once, when training has stopped, so it stays an honest
estimate of how the network does on animals it has never seen. When early
stopping ends the run, the network first goes back to the weights of its
best validation epoch (Goodfellow et al., Deep Learning, algorithm 7.1): the
epochs after it only waited to be sure nothing better came.

A `Trainer` can be stepped one batch or one epoch at a time, so a screen can
animate it; learning rate and batch size may change between steps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from engine.data import Dataset, Split, animals, batches, split
from engine.descent import DIVERGENCE_LIMIT
from engine.network import MLP


class StopReason(Enum):
    """Which rule ended training; `.value` is a stable id for the UI to translate."""

    MAX_EPOCHS = "max_epochs"
    PLATEAU = "plateau"  # training loss stopped changing
    TARGET_ACCURACY = "target_accuracy"  # validation accuracy good enough
    EARLY_STOPPING = "early_stopping"  # validation loss stopped improving
    DIVERGED = "diverged"  # loss grew past DIVERGENCE_FACTOR x its start (or inf, nan): learning rate far too large


DIVERGENCE_FACTOR = 5.0
"""Training diverges when its loss grows past this many times the loss before training:
a fitting learning rate lowers the loss, a far too large one makes every step overshoot."""


@dataclass(frozen=True)
class StoppingRules:
    """When to stop. A rule set to None is off; max_epochs is always on.

    - plateau: the training loss changed by less than `plateau_epsilon` in
      each of the last `plateau_patience` epochs;
    - target accuracy: validation accuracy reached `target_accuracy`;
    - early stopping: validation loss has not beaten its best for
      `early_stopping_patience` epochs (the network starts to memorise).
    """

    max_epochs: int = 200
    plateau_epsilon: float | None = None
    plateau_patience: int = 5
    target_accuracy: float | None = None
    early_stopping_patience: int | None = None

    def __post_init__(self):
        if not _is_count(self.max_epochs):
            raise ValueError(f"max_epochs must be a whole number >= 1, got {self.max_epochs!r}")
        if not _is_count(self.plateau_patience):
            raise ValueError(f"plateau_patience must be a whole number >= 1, got {self.plateau_patience!r}")
        if self.plateau_epsilon is not None and not (np.isfinite(self.plateau_epsilon) and self.plateau_epsilon > 0):
            raise ValueError(f"plateau_epsilon must be a number > 0, got {self.plateau_epsilon!r}")
        if self.target_accuracy is not None and not 0 < self.target_accuracy <= 1:
            raise ValueError(f"target_accuracy must be in (0, 1], got {self.target_accuracy!r}")
        if self.early_stopping_patience is not None and not _is_count(self.early_stopping_patience):
            raise ValueError(f"early_stopping_patience must be a whole number >= 1, got {self.early_stopping_patience!r}")

    def check(self, epochs: list[EpochRecord], start_loss: float = math.inf) -> StopReason | None:
        """The first rule that says stop after these epochs, or None to go on.

        Divergence is always checked: the training loss past `DIVERGENCE_FACTOR`
        times `start_loss` (its value before training), or not finite.
        """
        last = epochs[-1]
        if not abs(last.train_loss) < min(DIVERGENCE_LIMIT, DIVERGENCE_FACTOR * start_loss):  # also catches nan
            return StopReason.DIVERGED
        if self.target_accuracy is not None and last.validation_accuracy >= self.target_accuracy:
            return StopReason.TARGET_ACCURACY
        if self.early_stopping_patience is not None and last.epoch - best_epoch(epochs) >= self.early_stopping_patience:
            return StopReason.EARLY_STOPPING
        if self.plateau_epsilon is not None and len(epochs) > self.plateau_patience:
            recent = np.array([e.train_loss for e in epochs[-self.plateau_patience - 1 :]])
            if (np.abs(np.diff(recent)) < self.plateau_epsilon).all():
                return StopReason.PLATEAU
        if len(epochs) >= self.max_epochs:
            return StopReason.MAX_EPOCHS
        return None


@dataclass(frozen=True)
class EpochRecord:
    """The measurements after one epoch (epochs count from 1)."""

    epoch: int
    train_loss: float
    validation_loss: float
    validation_accuracy: float
    learning_rate: float
    batch_size: int


@dataclass
class History:
    """Everything a training run measured, in order.

    `start_loss` is the training loss before the first step. `stop_reason`
    and `stopped_at` (an epoch) stay None while training runs; `test_loss`
    and `test_accuracy` are filled in once, when it stops, with the weights
    the network had after epoch `tested_epoch`: the best validation epoch
    after early stopping, else the last.
    """

    start_loss: float = math.inf
    batch_losses: list[float] = field(default_factory=list)
    epochs: list[EpochRecord] = field(default_factory=list)
    stop_reason: StopReason | None = None
    stopped_at: int | None = None
    test_loss: float | None = None
    test_accuracy: float | None = None
    tested_epoch: int | None = None

    @property
    def best_epoch(self) -> int | None:
        """The epoch of the lowest validation loss so far (the first, on a tie), None before one."""
        return best_epoch(self.epochs) if self.epochs else None

    @property
    def train_losses(self) -> np.ndarray:
        return np.array([e.train_loss for e in self.epochs])

    @property
    def validation_losses(self) -> np.ndarray:
        return np.array([e.validation_loss for e in self.epochs])


class Trainer:
    """Trains `net` in place on `data.train` by mini-batch SGD.

    `seed` fixes the shuffling of the batches; with the same network, data
    and seed, every number is the same, bit for bit. `loss` is a kind of
    `MLP.loss`. Changing `batch_size` takes effect at the next epoch,
    changing `learning_rate` at the next batch.
    """

    def __init__(
        self,
        net: MLP,
        data: Split,
        learning_rate: float = 0.1,
        batch_size: int = 16,
        rules: StoppingRules | None = None,
        seed: int = 0,
        loss: str = "cross_entropy",
    ):
        if len(data.validation) == 0:
            raise ValueError("training needs a non-empty validation part for its stopping rules")
        self.net, self.data, self.loss_kind = net, data, loss
        self.learning_rate, self.batch_size = learning_rate, batch_size
        self.rules = rules or StoppingRules()
        self.history = History()
        self.history.start_loss = self._measure(data.train)[0]
        self._rng = np.random.default_rng(seed)
        self._pending: list[np.ndarray] = []  # batches still to do in this epoch
        self.best_params: list[np.ndarray] | None = None  # the weights after `history.best_epoch`

    @property
    def learning_rate(self) -> float:
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"learning_rate must be a number > 0, got {value!r}")
        self._learning_rate = float(value)

    @property
    def batch_size(self) -> int:
        return self._batch_size

    @batch_size.setter
    def batch_size(self, value: int) -> None:
        if not _is_count(value):
            raise ValueError(f"batch_size must be a whole number >= 1, got {value!r}")
        self._batch_size = int(value)

    @property
    def epoch(self) -> int:
        """Completed epochs."""
        return len(self.history.epochs)

    @property
    def batches_left(self) -> int:
        """Batches still to do in the current epoch (0 between epochs)."""
        return len(self._pending)

    @property
    def stopped(self) -> bool:
        return self.history.stop_reason is not None

    def step_batch(self) -> float | None:
        """One gradient descent step on the next mini-batch; returns its loss
        (measured before the step), or None once training has stopped."""
        if self.stopped:
            return None
        train = self.data.train
        if not self._pending:
            self._pending = batches(len(train), self._batch_size, self._rng)
        idx = self._pending.pop(0)
        with np.errstate(over="ignore", invalid="ignore"):  # a far too large rate may blow up: see DIVERGED
            trace = self.net.backward_trace(train.X[idx], train.y[idx], self.loss_kind)
            self.net.apply_gradients(trace.gradients, self._learning_rate)
        self.history.batch_losses.append(trace.loss)
        if not self._pending:
            self._finish_epoch()
        return trace.loss

    def step_epoch(self) -> EpochRecord | None:
        """The rest of the current epoch; returns its record, or None once stopped."""
        if self.stopped:
            return None
        epoch = self.epoch
        while self.epoch == epoch:
            self.step_batch()
        return self.history.epochs[-1]

    def run(self) -> History:
        """Train until a stopping rule fires."""
        while not self.stopped:
            self.step_epoch()
        return self.history

    def _finish_epoch(self) -> None:
        """Measure, record, keep the best weights, ask the rules; on stop, look at the test part once
        (after early stopping with the best weights, put back)."""
        train_loss, _ = self._measure(self.data.train)
        validation_loss, validation_accuracy = self._measure(self.data.validation)
        record = EpochRecord(self.epoch + 1, train_loss, validation_loss, validation_accuracy, self._learning_rate, self._batch_size)
        history = self.history
        history.epochs.append(record)
        if history.best_epoch == record.epoch:
            self.best_params = [p.copy() for p in self.net.params]
        reason = self.rules.check(history.epochs, history.start_loss)
        if reason is None:
            return
        history.stop_reason, history.stopped_at, history.tested_epoch = reason, record.epoch, record.epoch
        if reason is StopReason.EARLY_STOPPING:
            self.net.params = [p.copy() for p in self.best_params]
            history.tested_epoch = history.best_epoch
        if len(self.data.test):
            history.test_loss, history.test_accuracy = self._measure(self.data.test)

    def _measure(self, part: Dataset) -> tuple[float, float]:
        """(loss, accuracy) of the network on one part."""
        with np.errstate(over="ignore", invalid="ignore"):
            return self.net.evaluate(part.X, part.y, self.loss_kind)


@dataclass(frozen=True)
class TrainingSetup:
    """Everything the training scene starts from; `trainer()` makes a fresh run."""

    split: Split
    fractions: tuple[float, float, float]
    net: MLP
    learning_rate: float
    batch_size: int
    rules: StoppingRules
    loss: str
    seed: int

    def trainer(self) -> Trainer:
        """A new Trainer on a copy of the untrained network, so runs can restart."""
        return Trainer(self.net.copy(), self.split, self.learning_rate, self.batch_size, self.rules, self.seed, self.loss)


TRAINING_FEATURES = 2
"""The network learns from ears and snout only, so what it predicts can be drawn as a map."""
TRAINING_SIZES = (TRAINING_FEATURES, 16, 16, 1)


def default_training_setup(seed: int = 0, fractions: tuple[float, float, float] = (0.6, 0.2, 0.2)) -> TrainingSetup:
    """The training scene's run: the lecture's animals (`animals(seed)`), split into
    `fractions` exactly as the supervised scene splits them, described by their first
    two scores; a [2, 16, 16, 1] tanh network, cross entropy, batches of 8, and the
    lecture's stopping rules (an accuracy target among them)."""
    parts = split(animals(seed).first_features(TRAINING_FEATURES), fractions, seed=seed)
    net = MLP(list(TRAINING_SIZES), activation="tanh", seed=seed)
    rules = StoppingRules(max_epochs=150, plateau_epsilon=1e-4, plateau_patience=5, target_accuracy=0.9,
                          early_stopping_patience=15)
    return TrainingSetup(parts, tuple(fractions), net, learning_rate=0.1, batch_size=8, rules=rules,
                         loss="cross_entropy", seed=seed)


def best_epoch(epochs: list[EpochRecord]) -> int:
    """The epoch of the lowest validation loss among `epochs` (the first, on a tie)."""
    return epochs[int(np.argmin([e.validation_loss for e in epochs]))].epoch


def _is_count(value) -> bool:
    """A whole number >= 1 (bools excluded)."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value >= 1
